"""Every performance benchmark in one run, against plain Presidio, as one Markdown report.

    python bench/run_all.py                  # full run (several minutes on 2 cores)
    python bench/run_all.py --quick          # smaller counts, for a smoke test
    python bench/run_all.py --update-readme  # also rewrite README's performance section

Prints the tables, writes bench/results/summary.json, and with `--update-readme` replaces
the text between `<!-- bench:start -->` and `<!-- bench:end -->` in README.md. Numbers
depend on the machine and on what else runs on it: run it on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_latency  # noqa: E402
import bench_throughput  # noqa: E402

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
#: "Flat" memory: what the service may still grow once the first tenth of the run is done
#: (allocator noise); a vocabulary that keeps every new word grew ~4 MB per 1,000 prompts.
FLAT_MB = 5.0

TARGETS = {
    "throughput_speedup": ("≥ 10× plain Presidio", lambda s: s["throughput"]["best_speedup"] >= 10),
    "recall_not_below_presidio": (
        "recall ≥ Presidio on every type",
        lambda s: s["throughput"]["recall_not_below_presidio"],
    ),
    "cold_check_en": (
        "cold check < 1.2 s (English prompt)",
        lambda s: s["latency"]["cold_check_en"]["median_seconds"] < 1.2,
    ),
    "cold_check_fr": (
        "cold check < 1.2 s (French prompt)",
        lambda s: s["latency"]["cold_check_fr"]["median_seconds"] < 1.2,
    ),
    "check_via_service": (
        "check via service < 50 ms",
        lambda s: s["latency"]["check_via_service"]["median_seconds"] < 0.05,
    ),
    "service_p50": ("service p50 ≤ 5 ms", lambda s: _best_load(s, "p50_ms") <= 5),
    "service_p99": ("service p99 ≤ 20 ms", lambda s: _best_load(s, "p99_ms") <= 20),
    "service_rss": (
        "service RSS ≤ 300 MB (both languages)",
        lambda s: s["latency"]["service_load"]["rss_mb_max"] <= 300,
    ),
    "service_rss_one_language": (
        'service RSS ≤ 300 MB (`languages = ["en"]`)',
        lambda s: (
            s.get("latency_english") is not None
            and s["latency_english"]["service_load"]["rss_mb_max"] <= 300
        ),
    ),
    "service_memory_flat": (
        f"service memory flat (RSS growth ≤ {FLAT_MB:g} MB after the first 10 %, every run)",
        lambda s: all(
            run["service_load"]["rss_growth_mb_after_first_10pct"] <= FLAT_MB
            for run in (s["latency"], s.get("latency_workers"), s.get("latency_english"))
            if run
        ),
    ),
}


def _best_load(summary: dict, key: str) -> float:
    """The better of the one-process service and the `--workers` run (when there is one)."""
    runs = [summary["latency"], summary.get("latency_workers")]
    return min(run["service_load"][key] for run in runs if run)


def report(summary: dict) -> str:
    lines = [
        f"Measured {summary['date']} on {summary['machine']} ({summary['cores']} cores), "
        f"Python {summary['python']}; `python bench/run_all.py` "
        f"({summary['seconds']:.0f} s).",
        "",
        bench_throughput.markdown(summary["throughput"]),
        "",
        bench_latency.markdown(summary["latency"]),
        "",
        *(
            [bench_latency.markdown(summary["latency_workers"]), ""]
            if summary.get("latency_workers")
            else []
        ),
        *(
            [bench_latency.markdown(summary["latency_english"]), ""]
            if summary.get("latency_english")
            else []
        ),
        "| target | met |",
        "| --- | :---: |",
    ]
    for name, met in summary["targets"].items():
        lines.append(f"| {TARGETS[name][0]} | {'yes' if met else '**no**'} |")
    return "\n".join(lines)


def update_readme(readme: Path, text: str) -> bool:
    """Replace the marked section; False (README untouched) when the markers are missing."""
    content = readme.read_text(encoding="utf-8")
    if START not in content or END not in content or content.index(START) > content.index(END):
        return False
    head, rest = content.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts: a smoke test")
    parser.add_argument("--repeat", type=int, default=1, help="throughput runs (best kept)")
    parser.add_argument("--update-readme", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/summary.json")
    parser.add_argument(
        "--from-summary", type=Path, help="re-render the report (and README) from a saved "
        "summary.json, re-checking the targets, without measuring again",
    )  # fmt: skip
    args = parser.parse_args()
    if args.from_summary:
        summary = json.loads(args.from_summary.read_text(encoding="utf-8"))
        summary["targets"] = {name: bool(check(summary)) for name, (_, check) in TARGETS.items()}
        args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
        publish(summary, args.update_readme)
        return

    started = time.perf_counter()
    if args.quick:
        throughput = bench_throughput.run(prompts=300, repeat=1)
        latency = bench_latency.run(requests=400, scripts=10, pages=30, runs=1, deadline=60)
    else:
        throughput = bench_throughput.run(prompts=2000, repeat=args.repeat, presidio_fr=True)
        latency = bench_latency.run(requests=10000, scripts=100, pages=110, runs=3)
    # the service under load again: requests, scripts, pages
    counts = (400, 10, 30) if args.quick else (10000, 100, 110)
    # with one worker process per core (`serve --workers N`)
    cores = os.cpu_count() or 1
    latency_workers = None
    if cores > 1:
        latency_workers = bench_latency.run(
            requests=counts[0], scripts=counts[1], pages=counts[2], runs=1,
            workers=cores, only="service-load",
        )  # fmt: skip
    # as an English-only production's (`languages = ["en"]`): one model loaded
    latency_english = bench_latency.run(
        requests=counts[0], scripts=counts[1], pages=counts[2], runs=1,
        only="service-load", languages=("en",),
    )  # fmt: skip
    summary = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.system()} {platform.machine()}",
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "quick": args.quick,
        "throughput": throughput,
        "latency": latency,
        "latency_workers": latency_workers,
        "latency_english": latency_english,
    }
    summary["seconds"] = time.perf_counter() - started
    summary["targets"] = {name: bool(check(summary)) for name, (_, check) in TARGETS.items()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    publish(summary, args.update_readme)


def publish(summary: dict, update: bool) -> None:
    """Print the report; with `update`, also write it into README between the markers."""
    text = report(summary)
    print(text)
    if update:
        readme = ROOT / "README.md"
        if update_readme(readme, text):
            print(f"\nREADME.md updated between {START} and {END}.")
        else:
            print(f"\nREADME.md not updated: add {START} and {END} where the section goes.")


if __name__ == "__main__":
    main()
