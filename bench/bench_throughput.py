"""Throughput: a 2,000-prompt production log, promptguard `scan` vs plain Presidio.

Both run as whole processes in the same run, on the same JSONL log, so start-up (imports,
model loading) counts as it does for a user:

* `python -m promptguard scan LOG --format json` (every registered analyzer), with
  `--jobs 1` and, on a multi-core machine, `--jobs <cores>`;
* `python bench/plain_presidio.py LOG` — `AnalyzerEngine`, default recognizers, the same
  small English spaCy model (as the issue measures it; `--presidio-fr` adds a second run
  that also loads the French model and uses each record's language);
* a floor for reference: Presidio's pattern recognizers alone (no entity recognizer, blank
  tokenizer), the log shared by as many processes as promptguard's largest `--jobs` and
  timed until the last one ends. It finds no names, so its recall is not comparable; it
  shows how fast Presidio's own machinery can go on this machine.

The log is generated (bench/gen_pii_prompts.py: call sheets, crew contacts, payroll and
scouting notes, creative prompts, English and French, labelled spans) and written as an
OpenAI-style request log: `prompt` records and chat `messages` records, with user, tool and
timestamp. Recall is scored per entity type against the labels, for both systems, with the
matching rule of bench/bench_personal_data.py.

    python bench/bench_throughput.py [--prompts 2000] [--repeat 1] [--presidio-fr]
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


def timed(command: list[str], cwd: Path, stdout_path: Path | None = None) -> float:
    """Wall-clock seconds of one whole process (its output to a file, not a pipe)."""
    env = {**os.environ, "PROMPTGUARD_SERVICE": "off", "PYTHONHASHSEED": "0"}
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


def run(prompts: int = 2000, seed: int = 2025, repeat: int = 1, presidio_fr: bool = False,
        jobs: list[int] | None = None) -> dict:  # fmt: skip
    """Measure everything; returns the summary dict (also printed by `main`)."""
    records = generate(prompts, seed)
    cores = os.cpu_count() or 1
    jobs = jobs or sorted({1, min(cores, 4)})
    with tempfile.TemporaryDirectory(prefix="pg-bench-") as tmp:
        work = Path(tmp)
        log = work / "prompts.jsonl"
        write_log(records, log)
        systems: dict[str, dict] = {}
        for n_jobs in jobs:
            report = work / f"pg{n_jobs}.json"
            command = [PYTHON, "-m", "promptguard", "scan", str(log), "--format", "json"]
            if n_jobs > 1:
                command += ["--jobs", str(n_jobs)]
            times = [timed(command, work, report) for _ in range(repeat)]
            result = score(records, promptguard_predictions(report, len(records)))
            systems[f"promptguard scan --jobs {n_jobs}"] = _entry(result, times, len(records))
        variants = [("en", "plain Presidio (en model)")]
        if presidio_fr:
            variants.append(("en,fr", "plain Presidio (en+fr models)"))
        for languages, name in variants:
            out = work / f"presidio-{languages}.jsonl"
            command = [PYTHON, str(ROOT / "bench/plain_presidio.py"), str(log), "--out", str(out)]
            command += ["--languages", languages]
            times = [timed(command, work) for _ in range(repeat)]
            # Presidio's default threshold is 0: a user sees every result. Recall at ≥ 0.5 too.
            result = score(records, presidio_predictions(out, len(records), 0.0))
            kept = score(records, presidio_predictions(out, len(records), MIN_SCORE))
            entry = _entry(result, times, len(records))
            entry["recall_at_min_score"] = kept["recall"]
            entry["per_entity_recall_at_min_score"] = {
                k: v["recall"] for k, v in kept["per_entity"].items()
            }
            systems[name] = entry
        shards = max(jobs)
        outs = [work / f"floor-{k}.jsonl" for k in range(shards)]
        floor = [
            [PYTHON, str(ROOT / "bench/plain_presidio.py"), str(log), "--no-ner", "--out", str(out)]
            + ["--shard", f"{k}/{shards}"]
            for k, out in enumerate(outs)
        ]
        times = [timed_together(floor, work) for _ in range(repeat)]
        merged = work / "floor.jsonl"
        merged.write_text("".join(out.read_text(encoding="utf-8") for out in outs), "utf-8")
        result = score(records, presidio_predictions(merged, len(records), 0.0))
        name = f"floor: Presidio patterns only, no NER, {shards} processes"
        systems[name] = _entry(result, times, len(records))
    baseline = systems["plain Presidio (en model)"]["prompts_per_second"]
    best = max(
        (v for k, v in systems.items() if k.startswith("promptguard")),
        key=lambda v: v["prompts_per_second"],
    )
    for entry in systems.values():
        entry["speedup_vs_presidio"] = round(entry["prompts_per_second"] / baseline, 2)
    presidio = systems["plain Presidio (en model)"]["per_entity_recall"]
    worse = {
        entity: (best["per_entity_recall"][entity], presidio.get(entity, 0.0))
        for entity in best["per_entity_recall"]
        if best["per_entity_recall"][entity] < presidio.get(entity, 0.0)
    }
    return {
        "prompts": len(records),
        "seed": seed,
        "cores": cores,
        "repeat": repeat,
        "systems": systems,
        "best_speedup": best["speedup_vs_presidio"],
        "recall_not_below_presidio": not worse,
        "categories_below_presidio": worse,
    }


def _entry(result: dict, times: list[float], n: int) -> dict:
    best = min(times)
    return {
        "seconds": round(best, 2),
        "all_seconds": [round(t, 2) for t in times],
        "prompts_per_second": round(n / best, 1),
        "recall": round(result["recall"], 4),
        "precision": round(result["precision"], 4),
        "per_entity_recall": {k: round(v["recall"], 4) for k, v in result["per_entity"].items()},
    }


def markdown(summary: dict) -> str:
    systems = summary["systems"]
    lines = [
        f"Throughput: {summary['prompts']} prompts (JSONL log), whole processes, "
        f"best of {summary['repeat']}, {summary['cores']} cores",
        "",
        "| system | seconds | prompts/s | × Presidio | recall | precision |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, entry in systems.items():
        lines.append(
            f"| {name} | {entry['seconds']:.2f} | {entry['prompts_per_second']:.0f} | "
            f"{entry['speedup_vs_presidio']:.1f} | {entry['recall']:.3f} | "
            f"{entry['precision']:.3f} |"
        )
    entities = sorted({e for entry in systems.values() for e in entry["per_entity_recall"]})
    names = list(systems)
    lines += ["", "| recall per type | " + " | ".join(names) + " |"]
    lines.append("| --- |" + " ---: |" * len(names))
    for entity in entities:
        cells = [f"{systems[n]['per_entity_recall'].get(entity, 0.0):.3f}" for n in names]
        lines.append(f"| {entity} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--presidio-fr", action="store_true")
    parser.add_argument("--jobs", type=int, nargs="*", help="promptguard --jobs values to run")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/throughput.json")
    args = parser.parse_args()
    summary = run(args.prompts, args.seed, args.repeat, args.presidio_fr, args.jobs)
    print(markdown(summary))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
