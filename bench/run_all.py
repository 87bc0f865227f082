"""Every performance benchmark in one run, against plain Presidio, as one Markdown report.

    python bench/run_all.py                  # full run (about an hour on 2 quiet cores)
    python bench/run_all.py --quick          # smaller counts, for a smoke test
    python bench/run_all.py --update-readme  # also rewrite README's performance section

Prints the tables, writes bench/results/summary.json, and with `--update-readme` replaces
the text between `<!-- bench:start -->` and `<!-- bench:end -->` in README.md. Numbers
depend on the machine and on what else runs on it: run it on an idle machine. `--quick`
numbers are a smoke test of the harness, never a result.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_latency  # noqa: E402
import bench_memory  # noqa: E402
import bench_throughput  # noqa: E402
from bench_latency import COLD_CHECK_S, FLAT_PCT, P50_MS, P99_MS, PRECOMMIT_S, SCALE_8  # noqa: E402

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _services(summary: dict) -> list[dict]:
    """The service runs: one process, and `serve --workers <cores>` when there is one."""
    return [run for run in (summary["latency"], summary.get("latency_workers")) if run]


def _best(summary: dict, key: str) -> float:
    """The best one-client value over the service runs."""
    return min(run["service_load_one_client"][key] for run in _services(summary))


def _scales(run: dict) -> float:
    return (
        run["service_load"]["requests_per_second"]
        / run["service_load_one_client"]["requests_per_second"]
    )


def _flat(summary: dict) -> bool:
    """The memory of every service run stays within FLAT_PCT of its level after the first
    tenth (total PSS when a run has several processes, else RSS)."""
    for run in _services(summary):
        load = run["service_load"]
        key = "pss" if load.get("processes", 1) > 1 else "rss"
        if (load.get(f"{key}_growth_pct_after_first_10pct") or 0.0) > FLAT_PCT:
            return False
    return True


def _log_flat(summary: dict) -> bool:
    """The scan's peak memory grows by at most FLAT_PCT per GB of log (straight line)."""
    memory = summary.get("memory") or {}
    if "mb_per_log_mb" not in memory:
        return False
    base = memory["rows"][0]["rss_mb_max_total"]
    return memory["mb_per_log_mb"] * 1024 <= base * FLAT_PCT / 100


TARGETS = {
    "log_speedup": (
        "20,000-prompt log, default flags: ≥ 10× plain Presidio (1 process)",
        lambda s: s["throughput"]["default_speedup"] >= 10,
    ),
    "recall_equals_full_mode": (
        "recall per type of the default mode = the full mode's",
        lambda s: s["throughput"]["recall_equals_full_mode"],
    ),
    "recall_not_below_presidio": (
        "recall ≥ Presidio on every type",
        lambda s: s["throughput"]["recall_not_below_presidio"],
    ),
    "cold_check": (
        f"cold `check`, 300-char prompt ≤ {COLD_CHECK_S} s",
        lambda s: s["latency"]["cold_check_en"]["median_seconds"] <= COLD_CHECK_S,
    ),
    "precommit": (
        f"pre-commit, 20 files (240 KB) ≤ {PRECOMMIT_S} s",
        lambda s: s["latency"]["precommit"]["median_seconds"] <= PRECOMMIT_S,
    ),
    "check_via_service": (
        "`check` via the service < 50 ms",
        lambda s: s["latency"]["check_via_service"]["median_seconds"] < 0.05,
    ),
    "service_p50": (
        f"service p50 ≤ {P50_MS:g} ms (1 client)",
        lambda s: _best(s, "p50_ms") <= P50_MS,
    ),  # fmt: skip
    "service_p99": (
        f"service p99 ≤ {P99_MS:g} ms (1 client)",
        lambda s: _best(s, "p99_ms") <= P99_MS,
    ),  # fmt: skip
    "service_scaling": (
        f"service, 8 clients ≥ {SCALE_8:g}× one client's throughput",
        lambda s: max(_scales(run) for run in _services(s)) >= SCALE_8,
    ),
    "service_memory_flat": (
        f"service memory flat within {FLAT_PCT:g} % over the 8-client run (every run)",
        _flat,
    ),
    "log_memory_flat": (
        f"scan memory flat on a big log (≤ {FLAT_PCT:g} % more per GB)",
        _log_flat,
    ),
}


def report(summary: dict) -> str:
    quick = " --quick" if summary.get("quick") else ""
    lines = [
        f"Measured {summary['date']} on {summary['machine']} ({summary['cores']} cores), "
        f"Python {summary['python']}; `python bench/run_all.py{quick}` "
        f"({summary['seconds']:.0f} s).",
        "",
    ]
    if summary.get("throughput"):
        lines += [bench_throughput.markdown(summary["throughput"]), ""]
    if summary.get("scaling"):
        lines += [bench_throughput.scaling_markdown(summary["scaling"]), ""]
    if summary.get("memory"):
        lines += [bench_memory.markdown(summary["memory"]), ""]
    for key in ("latency", "latency_workers", "latency_english"):
        if summary.get(key):
            lines += [bench_latency.markdown(summary[key]), ""]
    for name, error in (summary.get("failed") or {}).items():
        lines += [f"**{name} failed**: {error}", ""]
    lines += ["| target | met |", "| --- | :---: |"]
    for name, met in summary["targets"].items():
        lines.append(f"| {TARGETS[name][0]} | {'yes' if met else '**no**'} |")
    return "\n".join(lines)


def check_targets(summary: dict) -> dict:
    """Each target met or not (False when a measurement it needs is missing)."""
    met = {}
    for name, (_, check) in TARGETS.items():
        try:
            met[name] = bool(check(summary))
        except (KeyError, TypeError, ZeroDivisionError):
            met[name] = False
    return met


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
    parser.add_argument("--prompts", type=int, help="log size for throughput (default 20,000)")
    parser.add_argument("--requests", type=int, help="service load requests (default 20,000)")
    parser.add_argument(
        "--big-logs", type=float, nargs="*", help="MB of the memory runs (default 50 200)"
    )
    parser.add_argument("--update-readme", action="store_true")
    parser.add_argument("--english", action="store_true",
                        help='also the service with `languages = ["en"]`')  # fmt: skip
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/summary.json")
    parser.add_argument(
        "--from-summary", type=Path, help="re-render the report (and README) from a saved "
        "summary.json, re-checking the targets, without measuring again",
    )  # fmt: skip
    args = parser.parse_args()
    if args.from_summary:
        summary = json.loads(args.from_summary.read_text(encoding="utf-8"))
        summary["targets"] = check_targets(summary)
        args.out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
        publish(summary, args.update_readme)
        return

    started = time.perf_counter()
    cores = os.cpu_count() or 1
    if args.quick:
        prompts, sizes, big_logs = 200, [30, 100], [0.25, 0.5]
        service = {"requests": 400, "single_requests": 100, "scripts": 10, "pages": 30}
        runs = 1
    else:
        prompts, sizes, big_logs = 20000, bench_throughput.SCALING_SIZES, [50.0, 200.0]
        service = {"requests": 20000, "single_requests": 2000, "scripts": 100, "pages": 110}
        runs = 3
    if args.prompts:
        prompts = args.prompts
    if args.requests:
        service = {**service, "requests": args.requests,
                   "single_requests": max(100, args.requests // 10)}  # fmt: skip
    if args.big_logs is not None:
        big_logs = args.big_logs
    failed: dict[str, str] = {}

    def stage(name: str, measure):  # noqa: ANN001, ANN202
        """One part of the run; a part that fails is reported and the others still run."""
        print(f"[{time.perf_counter() - started:6.0f} s] {name}", file=sys.stderr, flush=True)
        try:
            return measure()
        except Exception as error:  # noqa: BLE001 - an hour's run must not be lost to one part
            traceback.print_exc()
            failed[name] = f"{type(error).__name__}: {error}"[:300]
            return None

    throughput = stage("throughput", lambda: bench_throughput.run(prompts=prompts,
                                                                  repeat=args.repeat))  # fmt: skip
    scaling = stage("scaling", lambda: bench_throughput.scaling(sizes)) if cores > 1 else None
    memory = stage("memory", lambda: bench_memory.run(big_logs))
    latency = stage("latency", lambda: bench_latency.run(runs=runs, deadline=600, **service))
    # the service with one worker process per core (`serve --workers N`)
    latency_workers = None
    if cores > 1:
        latency_workers = stage("latency_workers", lambda: bench_latency.run(
            runs=1, deadline=600, workers=cores, only="service-load", **service
        ))  # fmt: skip
    latency_english = None
    if args.english:  # as an English-only production's (`languages = ["en"]`): one model
        latency_english = stage("latency_english", lambda: bench_latency.run(
            runs=1, deadline=600, only="service-load", languages=("en",), **service
        ))  # fmt: skip
    summary = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.system()} {platform.machine()}",
        "cores": cores,
        "python": platform.python_version(),
        "quick": args.quick,
        "throughput": throughput,
        "scaling": scaling,
        "memory": memory,
        "latency": latency,
        "latency_workers": latency_workers,
        "latency_english": latency_english,
        "failed": failed,
    }
    summary["seconds"] = time.perf_counter() - started
    summary["targets"] = check_targets(summary)
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
