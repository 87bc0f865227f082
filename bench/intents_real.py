"""Intent findings on text nobody on the team wrote, against the team's hand verdicts.

Runs `promptguard.scan` (only the three intent analyzers enabled) over the real chat and image
prompts in /work/shared/data/prompts_real/ and over the WNUT-17 dev sentences, and compares
every intent finding with `bench/data/intents_real_verdicts.tsv` (text id, finding type,
verdict `true`/`false`, judged by hand; the dev-only sources' text is never copied there).
Prints findings and false alarms per 1,000 texts per source, and lists findings nobody has
judged yet (`--show` prints every finding with its text, to judge them).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REAL = Path("/work/shared/data/prompts_real")
SOURCES = ("awesome_chatgpt_prompts", "arena_hard", "sharegpt_first_turns", "i2p_lexica_sd")
VERDICTS = ROOT / "bench" / "data" / "intents_real_verdicts.tsv"
INTENTS = ("talent_likeness", "misleading_content", "unowned_training")


def texts(source: str) -> list[tuple[str, str]]:
    """(id, text) pairs of one source (WNUT sentences as `wnut17-dev-<n>`)."""
    if source == "wnut17_dev":
        from bench.detection_sets import load_wnut

        return [(r["id"], r["text"]) for r in load_wnut()]
    with (REAL / source / "prompts.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [(r["id"], r["text"]) for r in rows]


def load_verdicts() -> dict[tuple[str, str], str]:
    verdicts: dict[tuple[str, str], str] = {}
    if VERDICTS.exists():
        for line in VERDICTS.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                text_id, finding_type, verdict = line.split("\t")[:3]
                verdicts[(text_id, finding_type)] = verdict
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default=",".join((*SOURCES, "wnut17_dev")))
    parser.add_argument("--show", action="store_true", help="print each finding and its text")
    args = parser.parse_args()

    import promptguard
    from promptguard.analyzers.registry import ANALYZERS
    from promptguard.config.load import Config

    config = Config()
    config.disabled_analyzers = [name for name in ANALYZERS if name not in INTENTS]
    verdicts = load_verdicts()
    print("| source | texts | findings | judged false | false alarms / 1,000 texts | unjudged |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for source in args.sources.split(","):
        rows = texts(source)
        found = false = unjudged = 0
        for text_id, text in rows:
            findings = promptguard.scan(text, config=config)
            first = {}
            for f in findings:
                first.setdefault(f.type, f)
            for kind in sorted(first):
                found += 1
                verdict = verdicts.get((text_id, kind))
                false += verdict == "false"
                unjudged += verdict is None
                if args.show or verdict is None:
                    mark = verdict or "UNJUDGED"
                    f = first[kind]
                    seen = f"{text[max(0, f.start - 100) : f.start]}[[{text[f.start : f.end]}]]"
                    seen += text[f.end : f.end + 100]
                    print(f"  {mark}\t{text_id}\t{kind}\t{seen!r}", file=sys.stderr)
        rate = 1000 * false / len(rows) if rows else 0.0
        print(f"| {source} | {len(rows)} | {found} | {false} | {rate:.2f} | {unjudged} |")


if __name__ == "__main__":
    main()
