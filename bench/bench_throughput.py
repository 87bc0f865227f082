"""Throughput: a 20,000-prompt log, promptguard `scan` vs plain Presidio, and the floors.

The log mixes the project's generated production prompts (bench/gen_pii_prompts.py: call
sheets, crew contacts, payroll and scouting notes, creative prompts, English and French,
every personal value labelled) with one real prompt in ten from bench/data/real_prompts.jsonl
(awesome-chatgpt-prompts, Arena-Hard, a DLP benchmark; unlabelled, see bench/data/README.md),
written as an API-gateway JSONL log: `prompt` records and chat `messages` records, with user,
tool and timestamp. Every system runs as a whole process on the same file in the same run,
so start-up (imports, model loading) counts as it does for a user:

* `python -m promptguard scan LOG --format json` at default flags, then with `--jobs 1` and
  `--jobs <cores>` (scaling), then at default flags with `PROMPTGUARD_MODE=full` (the
  personal-data analyzer's reference mode: its recall per type is what the default mode
  must equal; until that mode exists the two runs are the same code);
* `python bench/plain_presidio.py LOG`: `AnalyzerEngine`, default recognizers, the same
  small English spaCy model, one process, as its users run it (Presidio has no parallel
  mode); and the same split over `<cores>` processes (shards of the log, started together,
  timed until the last ends); `--presidio-fr` adds a run that also loads the French model;
* floors, not competitors: spaCy's entity recognizer alone (bench/spacy_floor.py: the same
  small model, `nlp.pipe`, only `ner`) on the same texts, in one process and in `<cores>`
  shards, which is what limits the speed of anything that runs that model on every prompt;
  and Presidio's pattern recognizers alone (no NER, blank tokenizer, `<cores>` shards).

Recall and precision per entity type are scored on the labelled (generated) part against
the labels, with the matching rule of bench/bench_personal_data.py.

`scaling()` (also `--scaling`) times `--jobs 1` against `--jobs <cores>` on growing slices
of the same log, to find where a second process starts to pay (`scan --jobs auto`).

    python bench/bench_throughput.py [--prompts 20000] [--repeat 1] [--presidio-fr] [--scaling]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_personal_data import MIN_SCORE, score  # noqa: E402
from gen_pii_prompts import generate  # noqa: E402

PYTHON = sys.executable


def write_log(records: list[dict], path: Path) -> None:
    """An API-gateway style log: two records in three are `prompt`, one is chat `messages`."""
    with path.open("w", encoding="utf-8") as handle:
        for i, record in enumerate(records):
            line: dict = {
                "timestamp": f"2025-03-{1 + i % 28:02d}T{8 + i % 10:02d}:{i % 60:02d}:00Z",
                "user": f"crew{i % 12:02d}",
                "language": record["language"],
            }
            if i % 3 == 2:
                line["tool"] = "chatgpt"
                line["messages"] = [{"role": "user", "content": record["text"]}]
            else:
                line["tool"] = "midjourney"
                line["prompt"] = record["text"]
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def timed(
    command: list[str], cwd: Path, stdout_path: Path | None = None, extra_env: dict | None = None
) -> float:
    """Wall-clock seconds of one whole process (its output to a file, not a pipe)."""
    env = {**os.environ, "PROMPTGUARD_SERVICE": "off", "PYTHONHASHSEED": "0"}
    env.pop("PROMPTGUARD_MODE", None)  # the default mode unless a run asks for another
    env.update(extra_env or {})
    with open(stdout_path or os.devnull, "wb") as out:
        started = time.perf_counter()
        result = subprocess.run(
            command, cwd=cwd, stdout=out, stderr=subprocess.PIPE, env=env, timeout=1800
        )
        elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        tail = result.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise RuntimeError(f"{command[1:4]} exited {result.returncode}: {' | '.join(tail)}")
    return elapsed


def timed_together(commands: list[list[str]], cwd: Path) -> float:
    """Wall-clock seconds of several whole processes started together, until the last ends."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    logs = [cwd / f"stderr-{k}.txt" for k in range(len(commands))]
    handles = [log.open("wb") for log in logs]
    try:
        started = time.perf_counter()
        processes = [
            subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=env)
            for command, err in zip(commands, handles, strict=True)
        ]
        codes = [process.wait(timeout=1800) for process in processes]
        elapsed = time.perf_counter() - started
    finally:
        for handle in handles:
            handle.close()
    for code, log in zip(codes, logs, strict=True):
        if code != 0:
            tail = log.read_text(errors="replace").strip().splitlines()[-3:]
            raise RuntimeError(f"{commands[0][1:3]} exited {code}: {' | '.join(tail)}")
    return elapsed


def promptguard_predictions(report: Path, n: int) -> list[list[tuple[int, int, str]]]:
    """Personal-data findings per log line (line i+1 = record i), offsets in the prompt."""
    data = json.loads(report.read_text(encoding="utf-8"))
    predictions: list[list[tuple[int, int, str]]] = [[] for _ in range(n)]
    for finding in data["findings"]:
        if finding["category"] == "personal_data" and finding["score"] >= MIN_SCORE:
            predictions[finding["line"] - 1].append(
                (finding["start"], finding["end"], finding["type"])
            )
    return predictions


def presidio_predictions(results: Path, n: int, min_score: float) -> list:
    predictions: list[list[tuple[int, int, str]]] = [[] for _ in range(n)]
    for line in results.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        predictions[row["line"] - 1] = [
            (s, e, t) for s, e, t, sc in row["results"] if sc >= min_score
        ]
    return predictions


REAL_PROMPTS = ROOT / "bench/data/real_prompts.jsonl"
#: One record in REAL_EVERY is a real (unlabelled) prompt.
REAL_EVERY = 10


def load_real(count: int, seed: int) -> list[dict]:
    """`count` real prompts from the sample in bench/data (cycled if more are asked)."""
    import random

    rows = [json.loads(line) for line in REAL_PROMPTS.read_text("utf-8").split("\n") if line]
    random.Random(seed).shuffle(rows)
    return [
        {"id": f"real-{k}-{rows[k % len(rows)]['id']}", "language": "en",
         "text": rows[k % len(rows)]["text"], "source": rows[k % len(rows)]["source"]}
        for k in range(count)
    ]  # fmt: skip


def mixed_records(prompts: int, seed: int) -> list[dict]:
    """`prompts` records: generated (labelled, with "spans") and every REAL_EVERY-th real."""
    real = load_real(prompts // REAL_EVERY, seed) if REAL_PROMPTS.exists() else []
    generated = iter(generate(prompts - len(real), seed))
    pool = iter(real)
    records = []
    for i in range(prompts):
        item = next(pool, None) if i % REAL_EVERY == REAL_EVERY - 1 else None
        records.append(item or next(generated))
    return records


def labelled(records: list[dict], predictions: list) -> tuple[list[dict], list]:
    """The labelled records and their predictions (the real prompts carry no labels)."""
    keep = [i for i, record in enumerate(records) if "spans" in record]
    return [records[i] for i in keep], [predictions[i] for i in keep]


def promptguard_command(log: Path, jobs: int | None) -> list[str]:
    command = [PYTHON, "-m", "promptguard", "scan", str(log), "--format", "json"]
    return command if jobs is None else [*command, "--jobs", str(jobs)]


def sharded(script: str, log: Path, shards: int, work: Path, tag: str, extra: list[str]):  # noqa: ANN201
    """Commands that split the log over `shards` processes, and their output files."""
    outs = [work / f"{tag}-{k}.jsonl" for k in range(shards)]
    commands = [
        [PYTHON, str(ROOT / "bench" / script), str(log), *extra, "--shard", f"{k}/{shards}"]
        + (["--out", str(out)] if script == "plain_presidio.py" else [])
        for k, out in enumerate(outs)
    ]
    return commands, outs


def run(prompts: int = 20000, seed: int = 2025, repeat: int = 1, presidio_fr: bool = False,
        jobs: list[int] | None = None) -> dict:  # fmt: skip
    """Measure everything; returns the summary dict (also printed by `main`)."""
    records = mixed_records(prompts, seed)
    n_labelled = sum(1 for r in records if "spans" in r)
    cores = os.cpu_count() or 1
    jobs = jobs or sorted({1, min(cores, 4)})
    shards = max(jobs)
    with tempfile.TemporaryDirectory(prefix="pg-bench-") as tmp:
        work = Path(tmp)
        log = work / "prompts.jsonl"
        write_log(records, log)
        log_mb = round(log.stat().st_size / 2**20, 2)
        systems: dict[str, dict] = {}

        def promptguard(name: str, n_jobs: int | None, env: dict | None = None) -> None:
            report = work / f"pg-{len(systems)}.json"
            command = promptguard_command(log, n_jobs)
            times = [timed(command, work, report, env) for _ in range(repeat)]
            gold, predicted = labelled(records, promptguard_predictions(report, len(records)))
            systems[name] = _entry(score(gold, predicted), times, len(records))
            systems[name]["real_prompts_flagged"] = _flagged_real(records, report)

        promptguard("promptguard scan (default flags)", None)
        for n_jobs in jobs:
            promptguard(f"promptguard scan --jobs {n_jobs}", n_jobs)
        promptguard("promptguard scan, PROMPTGUARD_MODE=full", None, {"PROMPTGUARD_MODE": "full"})

        variants = [("en", PRESIDIO)]
        if presidio_fr:
            variants.append(("en,fr", "plain Presidio (en+fr models), 1 process"))
        for languages, name in variants:
            out = work / f"presidio-{languages}.jsonl"
            command = [PYTHON, str(ROOT / "bench/plain_presidio.py"), str(log), "--out", str(out)]
            command += ["--languages", languages]
            times = [timed(command, work) for _ in range(repeat)]
            # Presidio's default threshold is 0: a user sees every result. Recall at ≥ 0.5 too.
            gold, predicted = labelled(records, presidio_predictions(out, len(records), 0.0))
            entry = _entry(score(gold, predicted), times, len(records))
            gold, kept = labelled(records, presidio_predictions(out, len(records), MIN_SCORE))
            kept_score = score(gold, kept)
            entry["recall_at_min_score"] = kept_score["recall"]
            entry["per_entity_recall_at_min_score"] = {
                k: v["recall"] for k, v in kept_score["per_entity"].items()
            }
            systems[name] = entry
        if shards > 1:
            commands, outs = sharded("plain_presidio.py", log, shards, work, "presidio", [])
            times = [timed_together(commands, work) for _ in range(repeat)]
            merged = work / "presidio-shards.jsonl"
            merged.write_text("".join(out.read_text(encoding="utf-8") for out in outs), "utf-8")
            gold, predicted = labelled(records, presidio_predictions(merged, len(records), 0.0))
            name = f"plain Presidio split over {shards} processes (shards)"
            systems[name] = _entry(score(gold, predicted), times, len(records))

        for n in sorted({1, shards}):
            commands, _ = sharded("spacy_floor.py", log, n, work, "ner", [])
            times = [timed_together(commands, work) for _ in range(repeat)]
            name = f"floor: spaCy NER alone (nlp.pipe, ner only), {n} process{'es' * (n > 1)}"
            systems[name] = _entry(None, times, len(records))

        commands, outs = sharded("plain_presidio.py", log, shards, work, "floor", ["--no-ner"])
        times = [timed_together(commands, work) for _ in range(repeat)]
        merged = work / "floor.jsonl"
        merged.write_text("".join(out.read_text(encoding="utf-8") for out in outs), "utf-8")
        gold, predicted = labelled(records, presidio_predictions(merged, len(records), 0.0))
        name = f"floor: Presidio patterns only, no NER, {shards} process{'es' * (shards > 1)}"
        systems[name] = _entry(score(gold, predicted), times, len(records))

    baseline = systems[PRESIDIO]["prompts_per_second"]
    for entry in systems.values():
        entry["speedup_vs_presidio"] = round(entry["prompts_per_second"] / baseline, 2)
    default = systems["promptguard scan (default flags)"]
    full = systems["promptguard scan, PROMPTGUARD_MODE=full"]
    presidio = systems[PRESIDIO]["per_entity_recall"]
    worse = {
        entity: (default["per_entity_recall"][entity], presidio.get(entity, 0.0))
        for entity in default["per_entity_recall"]
        if default["per_entity_recall"][entity] < presidio.get(entity, 0.0)
    }
    below_full = {
        entity: (default["per_entity_recall"].get(entity, 0.0), recall)
        for entity, recall in full["per_entity_recall"].items()
        if default["per_entity_recall"].get(entity, 0.0) < recall
    }
    return {
        "prompts": len(records),
        "labelled_prompts": n_labelled,
        "real_prompts": len(records) - n_labelled,
        "log_mb": log_mb,
        "seed": seed,
        "cores": cores,
        "repeat": repeat,
        "systems": systems,
        "default_speedup": default["speedup_vs_presidio"],
        "best_speedup": max(
            v["speedup_vs_presidio"] for k, v in systems.items() if k.startswith("promptguard")
        ),
        "recall_not_below_presidio": not worse,
        "categories_below_presidio": worse,
        "recall_equals_full_mode": not below_full,
        "categories_below_full_mode": below_full,
    }


PRESIDIO = "plain Presidio (en model), 1 process"
#: Log sizes (records) the break-even of `--jobs` is measured at.
SCALING_SIZES = [50, 100, 200, 400, 800, 1600, 3200]


def _flagged_real(records: list[dict], report: Path) -> int:
    """How many of the (unlabelled) real prompts got a personal-data finding."""
    real_lines = {i + 1 for i, record in enumerate(records) if "spans" not in record}
    data = json.loads(report.read_text(encoding="utf-8"))
    return len({
        f["line"] for f in data["findings"]
        if f["category"] == "personal_data" and f["line"] in real_lines
    })  # fmt: skip


def scaling(sizes: list[int], seed: int = 2025, repeat: int = 1) -> dict:
    """`scan --jobs 1` against `--jobs <cores>` on the first N records of the mixed log:
    where a second process starts to pay (records and bytes), for `--jobs auto`."""
    cores = os.cpu_count() or 1
    records = mixed_records(max(sizes), seed)
    rows = []
    with tempfile.TemporaryDirectory(prefix="pg-scaling-") as tmp:
        work = Path(tmp)
        for size in sizes:
            log = work / f"log-{size}.jsonl"
            write_log(records[:size], log)
            one = min(timed(promptguard_command(log, 1), work) for _ in range(repeat))
            many = min(timed(promptguard_command(log, cores), work) for _ in range(repeat))
            auto = min(timed(promptguard_command(log, None), work) for _ in range(repeat))
            rows.append({"records": size, "bytes": log.stat().st_size, "jobs_1_seconds":
                         round(one, 2), f"jobs_{cores}_seconds": round(many, 2),
                         "default_seconds": round(auto, 2)})  # fmt: skip
    paying = [r for r in rows if r[f"jobs_{cores}_seconds"] < r["jobs_1_seconds"]]
    first = next(
        (r for i, r in enumerate(rows) if all(x in paying for x in rows[i:])), None
    )  # the smallest size from which every larger one pays
    return {"cores": cores, "rows": rows,
            "break_even_records": first["records"] if first else None,
            "break_even_bytes": first["bytes"] if first else None}  # fmt: skip


def _entry(result: dict | None, times: list[float], n: int) -> dict:
    """Timing of one system, and its scores (None for a floor, which is not scored)."""
    best = min(times)
    entry = {
        "seconds": round(best, 2),
        "all_seconds": [round(t, 2) for t in times],
        "prompts_per_second": round(n / best, 1),
        "recall": None,
        "precision": None,
        "per_entity_recall": {},
    }
    if result is not None:
        entry["recall"] = round(result["recall"], 4)
        entry["precision"] = round(result["precision"], 4)
        entry["per_entity_recall"] = {
            k: round(v["recall"], 4) for k, v in result["per_entity"].items()
        }
    return entry


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def markdown(summary: dict) -> str:
    systems = summary["systems"]
    lines = [
        f"Throughput: {summary['prompts']:,} prompts in one JSONL log "
        f"({summary.get('labelled_prompts', summary['prompts']):,} generated and labelled, "
        f"{summary.get('real_prompts', 0):,} real; {summary.get('log_mb', 0)} MB), "
        f"whole processes, best of {summary['repeat']}, {summary['cores']} cores",
        "",
        "| system | seconds | prompts/s | × Presidio | recall | precision | real prompts flagged |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, entry in systems.items():
        flagged = entry.get("real_prompts_flagged")
        lines.append(
            f"| {name} | {entry['seconds']:.2f} | {entry['prompts_per_second']:.0f} | "
            f"{entry['speedup_vs_presidio']:.1f} | {_cell(entry['recall'])} | "
            f"{_cell(entry['precision'])} | {'–' if flagged is None else flagged} |"
        )
    names = [n for n in systems if systems[n]["per_entity_recall"] and (
        "default" in n or "full" in n or n.startswith("plain Presidio (")
    )]  # fmt: skip
    entities = sorted({e for n in names for e in systems[n]["per_entity_recall"]})
    lines += ["", "| recall per type | " + " | ".join(names) + " |"]
    lines.append("| --- |" + " ---: |" * len(names))
    for entity in entities:
        cells = [_cell(systems[n]["per_entity_recall"].get(entity, 0.0)) for n in names]
        lines.append(f"| {entity} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def scaling_markdown(summary: dict) -> str:
    cores = summary["cores"]
    lines = [
        f"Where a second process pays: `scan --jobs 1` vs `--jobs {cores}` on the first N "
        "records of the same log (whole processes)",
        "",
        f"| records | KB | --jobs 1 (s) | --jobs {cores} (s) | default flags (s) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in summary["rows"]:
        lines.append(
            f"| {row['records']:,} | {row['bytes'] / 1024:,.0f} | {row['jobs_1_seconds']:.2f} | "
            f"{row[f'jobs_{cores}_seconds']:.2f} | {row['default_seconds']:.2f} |"
        )
    if summary["break_even_records"] is None:
        lines += ["", f"`--jobs {cores}` was not faster at any of these sizes."]
    else:
        lines += [
            "",
            f"From {summary['break_even_records']:,} records "
            f"({summary['break_even_bytes'] / 1024:,.0f} KB) on, `--jobs {cores}` is faster.",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--presidio-fr", action="store_true")
    parser.add_argument("--jobs", type=int, nargs="*", help="promptguard --jobs values to run")
    parser.add_argument(
        "--scaling", type=int, nargs="*", metavar="N",
        help="only the break-even of --jobs: these log sizes (default 50 .. 3200 records)",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/throughput.json")
    args = parser.parse_args()
    if args.scaling is not None:
        summary = scaling(args.scaling or SCALING_SIZES, args.seed, args.repeat)
        print(scaling_markdown(summary))
    else:
        summary = run(args.prompts, args.seed, args.repeat, args.presidio_fr, args.jobs)
        print(markdown(summary))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
