"""References on real prompts: artists, works, characters and figures as people write them.

Runs the public API `promptguard.scan(text)` on the hand-labelled real prompts in
bench/data/real_prompts_references.jsonl (see REAL_PROMPTS_SOURCE.md) and on the sentences of
WNUT-17 dev (news-like social-media text), and reports, as Markdown plus
bench/results/references.json:

- per label category: recall in the right category (the finding an approver should see),
  recall with the exact type, recall in any category (any finding overlapping the span), how
  often the span is reported as personal data PERSON (wrong), and for public-domain artists how
  often a finding asks for clearance (wrong: they are free to use);
- false reference alarms: prompts with a reference finding (public_figure, deceased_figure,
  copyrighted_work) that overlaps no labelled span, per 1,000 prompts and as % of prompts;
- prompts with at least one label and no finding on any of them;
- WNUT-17 dev: reference findings per 1,000 sentences, each listed with the WNUT entity it
  overlaps (a person or creative-work span makes it likely right; none makes it likely wrong);
- chat prompts (2,633 unlabelled, bench/chat_refs.py): texts with a reference finding,
  findings judged wrong per 1,000 prompts, and findings nobody has judged yet.

    .venv/bin/python bench/bench_references.py            # full run
    .venv/bin/python bench/bench_references.py --limit 50  # first 50 prompts / sentences
    .venv/bin/python bench/bench_references.py --show      # also print every miss and alarm
    .venv/bin/python bench/bench_references.py --set fresh --no-wnut --no-chat  # held-out 250
    .venv/bin/python bench/bench_references.py --set third --no-wnut --no-chat  # second held-out
    .venv/bin/python bench/bench_references.py --set fourth --no-wnut --no-chat  # third held-out
    .venv/bin/python bench/bench_references.py --set fifth --no-wnut --no-chat  # fourth held-out
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import promptguard

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chat_refs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROMPTS = ROOT / "bench" / "data" / "real_prompts_references.jsonl"
#: 250 more hand-labelled prompts drawn after the team had tuned on the 420: a held-out check
#: that nobody tunes on (REAL_PROMPTS_SOURCE.md, "Fresh set"); "third": a second held-out draw of
#: 250, sharing no prompt with either (REAL_PROMPTS_SOURCE.md, "Third set"); "fourth": a third
#: held-out 250, sharing no prompt with any of them (REAL_PROMPTS_SOURCE.md, "Fourth set");
#: "fifth": a fourth held-out 250, drawn the same way (REAL_PROMPTS_SOURCE.md, "Fifth set").
SETS = {
    "main": PROMPTS,
    "fresh": PROMPTS.with_name("real_prompts_references_fresh.jsonl"),
    "third": PROMPTS.with_name("real_prompts_references_third.jsonl"),
    "fourth": PROMPTS.with_name("real_prompts_references_fourth.jsonl"),
    "fifth": PROMPTS.with_name("real_prompts_references_fifth.jsonl"),
}
WNUT = ROOT / "bench" / "data" / "wnut17" / "emerging.dev.conll"
#: Hand verdicts on the WNUT findings that overlap no WNUT person or creative work (bands,
#: games and their characters are labelled "group" or "product" there, or not at all).
WNUT_VERDICTS = ROOT / "bench" / "data" / "wnut17" / "reference_verdicts.tsv"
RESULTS = ROOT / "bench" / "results" / "references.json"

#: Finding categories that name a reference (what an approver clears).
REFERENCE_CATEGORIES = frozenset({"public_figure", "deceased_figure", "copyrighted_work"})
LABEL_CATEGORIES = (
    "artist_protected",
    "artist_public_domain",
    "work",
    "character",
    "public_figure",
    "deceased_figure",
)
#: copyrighted_work types that mean "a title", as opposed to a style or a character.
WORK_TYPES = frozenset(
    {"FILM", "SERIES", "FRANCHISE", "ARTWORK", "GAME", "COMIC", "BOOK", "WORK", "SONG", "ALBUM"}
)
#: A finding whose extra says one of these is an allowed style reference, not a clearance.
ALLOWED_STATUSES = frozenset({"public_domain", "allowed", "info", "free"})


#: Every CHECK_EVERY-th prompt (1-based) is the check half, looked at only at milestones;
#: the others are the dev half that rules are developed on.
CHECK_EVERY = 5


def load_prompts(limit: int | None, half: str = "all", path: Path = PROMPTS) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    if half != "all":
        check = half == "check"
        rows = [r for i, r in enumerate(rows, 1) if (i % CHECK_EVERY == 0) == check]
    return rows[:limit] if limit else rows


def overlaps(finding, start: int, end: int) -> bool:
    return finding.start < end and start < finding.end


def is_right(label: dict, finding) -> bool:
    """The finding an approver should see for this label (lenient on a title's type)."""
    category = label["category"]
    if category == "artist_protected":
        if finding.category != "copyrighted_work":
            return False
        # A studio ("studio ghibli", "pixar") is a style holder: any copyrighted_work type.
        return finding.type == "ARTIST_STYLE" or "studio" in (label.get("note") or "")
    if category in ("work", "character"):
        return finding.category == "copyrighted_work" and finding.type != "ARTIST_STYLE"
    if category in ("public_figure", "deceased_figure"):
        return finding.category == category
    return False  # a public-domain artist has no "right" finding that needs clearance


def is_exact(label: dict, finding) -> bool:
    """Right category and the most specific type."""
    if not is_right(label, finding):
        return False
    if label["category"] == "character":
        return finding.type == "CHARACTER"
    if label["category"] == "work":
        return finding.type in WORK_TYPES
    return True


def needs_clearance(finding) -> bool:
    if finding.category not in REFERENCE_CATEGORIES and not (
        finding.category == "personal_data" and finding.type == "PERSON"
    ):
        return False
    extra = finding.extra or {}
    status = str(extra.get("status", "")).lower()
    return status not in ALLOWED_STATUSES and extra.get("needs_clearance", True) is not False


def describe(text: str, finding) -> dict:
    return {
        "category": finding.category,
        "type": finding.type,
        "text": text[finding.start : finding.end],
        "subject": finding.subject if finding.category != "personal_data" else "",
        "start": finding.start,
        "end": finding.end,
    }


def bench_prompts(rows: list[dict]) -> dict:
    per = {c: Counter() for c in LABEL_CATEGORIES}
    misses: dict[str, list] = defaultdict(list)
    alarms: list[dict] = []
    silent: list[dict] = []
    pd_flagged: list[dict] = []
    person_on_label: list[dict] = []
    started = time.perf_counter()
    for row in rows:
        text, labels = row["text"], row["spans"]
        findings = promptguard.scan(text)
        for label in labels:
            s, e, c = label["start"], label["end"], label["category"]
            hits = [f for f in findings if overlaps(f, s, e)]
            per[c]["n"] += 1
            if any(is_right(label, f) for f in hits):
                per[c]["right"] += 1
            if any(is_exact(label, f) for f in hits):
                per[c]["exact"] += 1
            if hits:
                per[c]["any"] += 1
            if any(f.category == "personal_data" and f.type == "PERSON" for f in hits):
                per[c]["as_person_data"] += 1
                person_on_label.append({"id": row["id"], "label": label, "text": text[s:e]})
            if c == "artist_public_domain" and any(needs_clearance(f) for f in hits):
                per[c]["needs_clearance"] += 1
                pd_flagged.append(
                    {
                        "id": row["id"],
                        "text": text[s:e],
                        "findings": [describe(text, f) for f in hits if needs_clearance(f)],
                    }
                )
            if c != "artist_public_domain" and not any(is_right(label, f) for f in hits):
                misses[c].append(
                    {
                        "id": row["id"],
                        "text": text[s:e],
                        "name": label["name"],
                        "found_as": [f"{f.category}/{f.type}" for f in hits],
                        "context": text[max(0, s - 40) : e + 40].replace("\n", " "),
                    }
                )
        stray = [
            f
            for f in findings
            if f.category in REFERENCE_CATEGORIES
            and not any(overlaps(f, x["start"], x["end"]) for x in labels)
        ]
        if stray:
            alarms.append(
                {
                    "id": row["id"],
                    "source": row["source"],
                    "findings": [describe(text, f) for f in stray],
                }
            )
        protected = [x for x in labels if x["category"] != "artist_public_domain"]
        if protected and not any(
            overlaps(f, x["start"], x["end"]) for f in findings for x in protected
        ):
            silent.append(
                {"id": row["id"], "labels": [text[x["start"] : x["end"]] for x in labels]}
            )
    elapsed = time.perf_counter() - started
    n = len(rows)
    labelled = sum(
        1 for r in rows if any(x["category"] != "artist_public_domain" for x in r["spans"])
    )
    return {
        "prompts": n,
        "prompts_with_protected_label": labelled,
        "by_source": dict(Counter(r["source"] for r in rows)),
        "per_category": {c: dict(v) for c, v in per.items()},
        "false_alarm_prompts": len(alarms),
        "false_alarms_per_1000_prompts": round(1000 * len(alarms) / n, 1) if n else 0.0,
        "false_alarm_pct": round(100 * len(alarms) / n, 1) if n else 0.0,
        "false_alarm_findings": sum(len(a["findings"]) for a in alarms),
        "labelled_but_silent": len(silent),
        "seconds": round(elapsed, 1),
        "misses": misses,
        "alarms": alarms,
        "silent": silent,
        "public_domain_flagged": pd_flagged,
        "labels_as_person_data": person_on_label,
    }


def wnut_sentences(limit: int | None) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Each document as text (tokens joined by single spaces) and its entity spans."""
    docs, tokens = [], []
    for line in [*WNUT.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            token, tag = line.split("\t")[:2]
            tokens.append((token, tag))
            continue
        if tokens:
            text, spans, pos, current = "", [], 0, None
            for token, tag in tokens:
                start = pos + (1 if text else 0)
                text = f"{text} {token}" if text else token
                pos = len(text)
                if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                    current = [start, pos, tag[2:]]
                    spans.append(current)
                elif tag.startswith("I-") and current is not None:
                    current[1] = pos
                else:
                    current = None
            docs.append((text, [tuple(s) for s in spans]))
            tokens = []
        if limit and len(docs) >= limit:
            break
    return docs


def bench_wnut(limit: int | None, skip: bool = False) -> dict:
    docs = [] if skip else wnut_sentences(limit)
    verdicts = chat_refs.load_verdicts(WNUT_VERDICTS)
    listed, kinds = [], Counter()
    started = time.perf_counter()
    for i, (text, spans) in enumerate(docs):
        for f in promptguard.scan(text):
            if f.category not in REFERENCE_CATEGORIES:
                continue
            wnut = [k for s, e, k in spans if overlaps(f, s, e)]
            likely_right = any(k in ("person", "creative-work") for k in wnut)
            kinds["likely_right" if likely_right else "likely_wrong"] += 1
            item = describe(text, f)
            if not likely_right:
                span = " ".join(item["text"].split())
                verdict = verdicts.get((f"wnut-dev-{i}", span, f.type), "unjudged")
                kinds[f"judged_{verdict}"] += 1
                item["verdict"] = verdict
            item.update(
                {"sentence": i, "wnut": wnut, "likely_right": likely_right, "context": text[:160]}
            )
            listed.append(item)
    n = len(docs)
    return {
        "sentences": n,
        "reference_findings": len(listed),
        "per_1000_sentences": round(1000 * len(listed) / n, 1) if n else 0.0,
        "likely_right": kinds["likely_right"],
        "likely_wrong": kinds["likely_wrong"],
        "likely_wrong_per_1000": round(1000 * kinds["likely_wrong"] / n, 1) if n else 0.0,
        "judged_wrong": kinds["judged_wrong"],
        "judged_wrong_per_1000": round(1000 * kinds["judged_wrong"] / n, 1) if n else 0.0,
        "unjudged": kinds["judged_unjudged"],
        "seconds": round(time.perf_counter() - started, 1),
        "findings": listed,
    }


def pct(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "–"


def markdown(p: dict, w: dict) -> str:
    out = [
        f"## References on real prompts ({p['prompts']} hand-labelled prompts, "
        f"set: {p.get('set', 'main')}, half: {p.get('half', 'all')})",
        "",
        "| label category | spans | right category | exact type | any finding "
        "| as personal_data PERSON | needs clearance (wrong) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for c in LABEL_CATEGORIES:
        s = p["per_category"][c]
        n = s.get("n", 0)
        if c == "artist_public_domain":
            right = exact = "n/a"
            wrong = pct(s.get("needs_clearance", 0), n)
        else:
            right, exact, wrong = pct(s.get("right", 0), n), pct(s.get("exact", 0), n), "–"
        out.append(
            f"| {c} | {n} | {right} | {exact} | {pct(s.get('any', 0), n)} "
            f"| {s.get('as_person_data', 0)} | {wrong} |"
        )
    out += [
        "",
        f"- False reference alarms: {p['false_alarm_prompts']} prompts of {p['prompts']} "
        f"({p['false_alarm_pct']} %, {p['false_alarms_per_1000_prompts']} per 1,000 prompts; "
        f"{p['false_alarm_findings']} findings) have a public_figure / deceased_figure / "
        "copyrighted_work finding that overlaps no labelled span.",
        f"- Prompts naming a protected reference with no finding on any label: "
        f"{p['labelled_but_silent']} of {p['prompts_with_protected_label']}.",
        f"- Scan time: {p['seconds']} s.",
        "",
        f"## News-like text: WNUT-17 dev ({w['sentences']} sentences)",
        "",
        f"- Reference findings: {w['reference_findings']} "
        f"({w['per_1000_sentences']} per 1,000 sentences); overlapping a WNUT person or "
        f"creative-work span (likely right): {w['likely_right']}; overlapping neither "
        f"(likely wrong, to judge): {w['likely_wrong']} ({w['likely_wrong_per_1000']} per 1,000).",
        f"- Of those, judged wrong by hand (`bench/data/wnut17/reference_verdicts.tsv`): "
        f"{w['judged_wrong']} ({w['judged_wrong_per_1000']} per 1,000 sentences); "
        f"not judged yet: {w['unjudged']}.",
    ]
    return "\n".join(out)


def show(p: dict, w: dict) -> str:
    out = ["", "### Misses (label not found in the right category)"]
    for c, items in p["misses"].items():
        out.append(f"#### {c} ({len(items)})")
        for m in items:
            found = ", ".join(m["found_as"]) or "nothing"
            out.append(f"- `{m['text']}` ({m['name']}) → {found} · …{m['context']}…")
    out.append("### Public-domain artists asking for clearance")
    for m in p["public_domain_flagged"]:
        kinds = ", ".join(f"{f['category']}/{f['type']}" for f in m["findings"])
        out.append(f"- `{m['text']}` → {kinds}")
    out.append("### False reference alarms (finding overlaps no label)")
    for a in p["alarms"]:
        for f in a["findings"]:
            out.append(
                f"- [{a['source']}] `{f['text']}` → {f['category']}/{f['type']} {f['subject']}"
            )
    out.append("### WNUT-17 dev reference findings")
    for f in w["findings"]:
        mark = "likely right" if f["likely_right"] else f"likely wrong, {f['verdict']}"
        wnut = ", ".join(f["wnut"]) or "no WNUT entity"
        out.append(
            f"- {mark}: `{f['text']}` → {f['category']}/{f['type']} {f['subject']} "
            f"({wnut}) · {f['context']}"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N prompts and N sentences")
    parser.add_argument("--show", action="store_true", help="print every miss and false alarm")
    parser.add_argument(
        "--half",
        choices=("all", "dev", "check"),
        default="all",
        help=f"dev: 4 prompts in 5; check: every {CHECK_EVERY}th prompt, kept for milestones",
    )
    parser.add_argument(
        "--set",
        choices=tuple(SETS),
        default="main",
        help="fresh: the held-out 250 prompts; third, fourth, fifth: later held-out draws of 250",
    )
    parser.add_argument("--no-wnut", action="store_true", help="skip the WNUT-17 sentences")
    parser.add_argument(
        "--no-chat", action="store_true", help="skip the 2,633 unlabelled chat prompts"
    )
    parser.add_argument("--output", type=Path, help="where the JSON goes")
    args = parser.parse_args()
    args.output = args.output or RESULTS.with_stem(
        "references" if args.set == "main" else f"references_{args.set}"
    )
    promptguard.scan("Warm-up in the style of Banksy with meryl streep.")
    p = bench_prompts(load_prompts(args.limit, args.half, SETS[args.set]))
    p["set"], p["half"] = args.set, args.half
    w = bench_wnut(0 if args.no_wnut else args.limit, skip=args.no_wnut)
    c = None if args.no_chat else chat_refs.bench_chat(args.limit)
    print(markdown(p, w))
    if c is not None:
        print("\n" + chat_refs.markdown(c))
    if args.show:
        print(show(p, w))
        if c is not None:
            print(chat_refs.show(c))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(
            {"real_prompts": p, "wnut17_dev": w, "chat_prompts": c}, indent=1, ensure_ascii=False
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
