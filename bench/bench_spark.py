"""Spark vs the plain tool on one machine: records/s and memory per Python worker.

The log is tests/data/pii_prompts.jsonl repeated to `--records` lines, each with its own id
(English and French personal data in production prompts). Both systems run as whole
processes, start-up included, as a user would start them:

* `promptguard scan LOG --format json --jobs 2`;
* `python -m promptguard.spark LOG OUT --master local[2]` (Spark's defaults otherwise), and
  with `--variants` also with `spark.python.worker.reuse=false` and with Arrow batches of
  1,000 records instead of 10,000 (`spark.sql.execution.arrow.maxRecordsPerBatch`).

While each runs, its process tree is sampled every 0.2 s: the peak RSS and PSS of each
process, grouped as the JVM, the driver, and the Python workers (the scan's worker
processes / PySpark's forked workers), and the CPU time each used: on a shared machine the
wall-clock time depends on the neighbours, records per CPU second much less (the load
average is printed with each row). The findings of every Spark run are compared with
the scan's (keyed by record id): the table says whether they are identical.

`--compare` is the identity run (issue 22's "done when"): the log is instead the
throughput bench's mix (bench/bench_throughput.py: generated, labelled production prompts
with one real prompt in ten, `prompt` and chat `messages` records, tools midjourney and
chatgpt), each record with an id, plus a few planted problem lines (invalid JSON, no prompt
field, no id, Windows-1252 bytes) every `--bad-every` records. Both systems run on that
file; every finding is compared keyed by record id (field, offsets, category, type,
subject, score, message, analyzer, and the decision for the record's tool, which `scan`
leaves to the gate: computed here from the same policy table), every error by id and
message, and `value` must be null (show_values off). Any difference is printed and the
script exits 1.

    python bench/bench_spark.py [--records 20000] [--variants] [--json results.json]
    python bench/bench_spark.py --compare --records 100000 [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "data" / "pii_prompts.jsonl"
PYTHON = sys.executable
COMPARED = ("field", "start", "end", "category", "type", "subject", "score", "message", "analyzer")
SEED = 2025


def write_log(path: Path, records: int) -> None:
    """`records` lines of the labelled prompts, repeated, each with a unique id."""
    base = [json.loads(line) for line in SOURCE.open(encoding="utf-8")]
    with path.open("w", encoding="utf-8") as handle:
        for index in range(records):
            record = base[index % len(base)]
            line = {"id": f"{record['id']}-{index // len(base)}", "text": record["text"]}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def write_mixed_log(path: Path, records: int, bad_every: int, seed: int = SEED) -> dict:
    """The throughput bench's log (its `mixed_records` and `write_log`), each record with an
    id (`r000001`...), and every `bad_every` records four problem lines: invalid JSON, a
    record with no prompt field, a record with no id (keyed PATH:LINE by Spark), and a
    record whose text is Windows-1252 bytes. Returns counts of what was written."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_throughput import mixed_records
    from bench_throughput import write_log as gateway_log

    plain = path.with_suffix(".plain")
    gateway_log(mixed_records(records, seed), plain)
    bad = 0
    with plain.open(encoding="utf-8") as source, path.open("wb") as handle:
        for index, line in enumerate(source, start=1):
            record = {"id": f"r{index:06d}", **json.loads(line)}
            handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            if bad_every and index % bad_every == 0:
                handle.write(b'{"id": "bad-json-%d", "prompt": "unterminated\n' % index)
                handle.write(b'{"id": "no-field-%d", "user": "crew01"}\n' % index)
                handle.write(
                    json.dumps(
                        {"tool": "chatgpt", "prompt": f"mail crew{index}@example.org"}
                    ).encode("utf-8")
                    + b"\n"
                )
                handle.write(
                    b'{"id": "cp1252-%d", "prompt": "Caf\xe9 sc\xe8ne, call Ren\xe9e on '
                    b'+33 6 12 34 56 78"}\n' % index
                )
                bad += 4
    plain.unlink()
    return {"records": records, "planted_lines": bad}


# -- memory sampling -------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    return children


def _tree(root: int) -> list[int]:
    children, found, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory(pid: int) -> tuple[int, int] | None:
    """(RSS, PSS) in bytes, from smaps_rollup."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    values = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0] in ("Rss:", "Pss:"):
            values[parts[0]] = int(parts[1]) * 1024
    return values.get("Rss:", 0), values.get("Pss:", 0)


def _role(pid: int, root: int) -> str:
    """jvm, driver (the command itself), daemon (PySpark's forking daemon), worker."""
    try:
        exe = os.readlink(f"/proc/{pid}/exe")
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
        parent = Path(f"/proc/{ppid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except (OSError, ValueError, IndexError):
        return "other"
    name = Path(exe).name
    if name == "java":
        return "jvm"
    if not name.startswith("python"):
        return "other"
    if pid == root:
        return "driver"
    if "pyspark.daemon" in cmdline:
        return "worker" if "pyspark.daemon" in parent else "daemon"
    return "worker"  # promptguard scan's pool processes (spawned)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used (not its children's)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Sampler(threading.Thread):
    """Peak RSS / PSS per process of a tree, and the peak of their PSS sum."""

    def __init__(self, root: int, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.done = threading.Event()
        self.peaks: dict[int, dict] = {}
        self.total_pss = 0

    def run(self) -> None:
        while not self.done.is_set():
            total = 0
            for pid in _tree(self.root):
                memory = _memory(pid)
                if memory is None:
                    continue
                rss, pss = memory
                total += pss
                peak = self.peaks.setdefault(pid, {"rss": 0, "pss": 0, "cpu": 0.0})
                role = _role(pid, self.root)  # again each time: spark-submit execs java
                if role != "other" or "role" not in peak:  # an exiting process reads as other
                    peak["role"] = role
                peak["rss"] = max(peak["rss"], rss)
                peak["pss"] = max(peak["pss"], pss)
                peak["cpu"] = max(peak["cpu"], _cpu_seconds(pid))
            self.total_pss = max(self.total_pss, total)
            time.sleep(self.every)

    def summary(self) -> dict:
        by_role: dict[str, list[dict]] = {}
        for peak in self.peaks.values():
            by_role.setdefault(peak["role"], []).append(peak)
        workers = [p for p in by_role.get("worker", []) if p["rss"] > 100 * 2**20]
        cpu_by_role: dict[str, float] = {}
        for peak in self.peaks.values():
            cpu_by_role[peak["role"]] = cpu_by_role.get(peak["role"], 0.0) + peak["cpu"]
        return {
            "cpu_seconds": round(sum(p["cpu"] for p in self.peaks.values()), 1),
            "cpu_by_role": {role: round(cpu, 1) for role, cpu in sorted(cpu_by_role.items())},
            "total_pss_mb": _mb(self.total_pss),
            "workers": len(workers),
            "worker_pss_mb": max((_mb(p["pss"]) for p in workers), default=0),
            "worker_rss_mb": max((_mb(p["rss"]) for p in workers), default=0),
            "jvm_rss_mb": max((_mb(p["rss"]) for p in by_role.get("jvm", [])), default=0),
            "driver_rss_mb": max((_mb(p["rss"]) for p in by_role.get("driver", [])), default=0),
        }


def _mb(value: int) -> float:
    return round(value / 2**20, 1)


def measured(
    command: list[str], cwd: Path, stdout: Path, ok: tuple[int, ...] = (0, 1)
) -> tuple[float, dict]:
    env = {**os.environ, "PROMPTGUARD_SERVICE": "off", "PYTHONHASHSEED": "0"}
    with stdout.open("wb") as out, (cwd / "stderr.log").open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        sampler = Sampler(process.pid)
        sampler.start()
        code = process.wait(timeout=6 * 3600)
        elapsed = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    if code not in ok:
        tail = (cwd / "stderr.log").read_text(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError(f"{command[:4]} exited {code}: {' | '.join(tail)}")
    return elapsed, sampler.summary()


# -- the runs --------------------------------------------------------------------------------


def scan_findings(report: Path, log: Path) -> list[tuple]:
    ids = [json.loads(line)["id"] for line in log.open(encoding="utf-8")]
    data = json.loads(report.read_text(encoding="utf-8"))
    return sorted((ids[f["line"] - 1], *(f[k] for k in COMPARED)) for f in data["findings"])


def spark_findings(out: Path) -> list[tuple]:
    import pyarrow.parquet as pq

    table = pq.read_table(out / "findings").to_pylist()
    return sorted((row["id"], *(row[k] for k in COMPARED)) for row in table)


def _line_ids(log: Path) -> tuple[dict[int, str], dict[int, str]]:
    """Line -> the id Spark keys its records by (the log's, else PATH:LINE), and line -> the
    record's tool (for the decision)."""
    ids, tools = {}, {}
    for number, raw in enumerate(log.read_bytes().splitlines(), start=1):
        try:
            data = json.loads(raw.decode("utf-8", errors="replace"))
        except ValueError:
            data = None
        data = data if isinstance(data, dict) else {}
        ids[number] = str(data["id"]) if "id" in data else f"{log}:{number}"
        tools[number] = data.get("tool")
    return ids, tools


def scan_outputs(report: Path, log: Path) -> tuple[list[tuple], list[tuple]]:
    """`promptguard scan --format json`'s findings (with the decision the gate's policy
    table gives for the record's tool) and errors, keyed by record id."""
    from promptguard.config.load import load_config
    from promptguard.gate.policy import action_for

    config = load_config(None, start=log.parent)  # what both commands found from there
    ids, tools = _line_ids(log)
    data = json.loads(report.read_text(encoding="utf-8"))
    findings = sorted(
        (
            ids[f["line"]],
            *(f[k] for k in COMPARED),
            action_for(config, config.tool(tools[f["line"]]), f["category"]),
            None,
        )
        for f in data["findings"]
    )
    errors = sorted((ids.get(e.get("line"), e["path"]), e["message"]) for e in data["errors"])
    return findings, errors


def spark_outputs(out: Path) -> tuple[list[tuple], list[tuple]]:
    """The Spark command's findings (with `decision` and `value`) and errors."""
    import pyarrow.parquet as pq

    findings = sorted(
        (row["id"], *(row[k] for k in COMPARED), row["decision"], row["value"])
        for row in pq.read_table(out / "findings").to_pylist()
    )
    errors = sorted((row["id"], row["reason"]) for row in pq.read_table(out / "errors").to_pylist())
    return findings, errors


def differences(expected: list[tuple], got: list[tuple], limit: int = 10) -> list[str]:
    """Rows only one side has (a multiset difference), the first `limit` of each side."""
    from collections import Counter

    left, right = Counter(expected), Counter(got)
    only_scan = list((left - right).elements())
    only_spark = list((right - left).elements())
    lines = [f"only in scan:  {row}" for row in only_scan[:limit]]
    lines += [f"only in spark: {row}" for row in only_spark[:limit]]
    if len(only_scan) > limit or len(only_spark) > limit:
        lines.append(f"... {len(only_scan)} only in scan, {len(only_spark)} only in spark")
    return lines


def compare(records: int, jobs: int, bad_every: int, keep: Path | None) -> dict:
    """The identity run: scan and Spark on the same mixed log; every difference listed."""
    work = keep or Path(tempfile.mkdtemp(prefix="bench-spark-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        log = work / "log.jsonl"
        written = write_mixed_log(log, records, bad_every)
        results: dict = {**written, "log_bytes": log.stat().st_size, "rows": []}
        print(json.dumps(written), flush=True)
        report = work / "scan.json"
        command = [PYTHON, "-m", "promptguard", "scan", str(log), "--format", "json"]
        seconds, memory = measured([*command, "--jobs", str(jobs)], work, report, ok=(0, 1, 2))
        results["rows"].append(_row(f"promptguard scan --jobs {jobs}", seconds, records, memory))
        print(_line(results["rows"][-1]), flush=True)
        out = work / "out"
        shutil.rmtree(out, ignore_errors=True)
        command = [PYTHON, "-m", "promptguard.spark", str(log), str(out), "--master"]
        seconds, memory = measured([*command, f"local[{jobs}]"], work, work / "spark.txt")
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        row = _row(f"promptguard.spark local[{jobs}]", seconds, records, memory)
        row["job_seconds"] = summary["seconds"]
        expected, expected_errors = scan_outputs(report, log)
        got, got_errors = spark_outputs(out)
        diffs = differences(expected, got) + differences(expected_errors, got_errors)
        row["identical"] = not diffs
        results["rows"].append(row)
        print(_line(row), flush=True)
        results.update(
            findings=len(expected),
            spark_findings=len(got),
            errors=len(expected_errors),
            spark_errors=len(got_errors),
            spark_records=summary["records"],
            differences=diffs,
            identical=not diffs,
        )
        return results
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(records: int, variants: bool, jobs: int = 2) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-spark-"))
    try:
        log = work / "log.jsonl"
        write_log(log, records)
        results: dict = {"records": records, "rows": []}
        report = work / "scan.json"
        command = [PYTHON, "-m", "promptguard", "scan", str(log), "--format", "json"]
        seconds, memory = measured([*command, "--jobs", str(jobs)], work, report)
        expected = scan_findings(report, log)
        results["findings"] = len(expected)
        results["rows"].append(_row(f"promptguard scan --jobs {jobs}", seconds, records, memory))
        print(_line(results["rows"][-1]), flush=True)
        runs = [("", [])]
        if variants:
            runs += [
                (", worker reuse off", ["--conf", "spark.python.worker.reuse=false"]),
                (
                    ", Arrow batches of 1,000",
                    ["--conf", "spark.sql.execution.arrow.maxRecordsPerBatch=1000"],
                ),
            ]
        for label, extra in runs:
            out = work / "out"
            shutil.rmtree(out, ignore_errors=True)
            command = [PYTHON, "-m", "promptguard.spark", str(log), str(out)]
            command += ["--master", f"local[{jobs}]", *extra]
            seconds, memory = measured(command, work, work / "spark.txt")
            summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
            row = _row(f"promptguard.spark local[{jobs}]{label}", seconds, records, memory)
            row["job_seconds"] = summary["seconds"]
            row["identical"] = spark_findings(out) == expected
            results["rows"].append(row)
            print(_line(row), flush=True)
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _row(name: str, seconds: float, records: int, memory: dict) -> dict:
    return {
        "system": name,
        "seconds": round(seconds, 1),
        "records_per_s": round(records / seconds),
        "records_per_cpu_s": round(records / memory["cpu_seconds"]) if memory["cpu_seconds"] else 0,
        "load_average": round(os.getloadavg()[1], 1),
        **memory,
    }


def _line(row: dict) -> str:
    return json.dumps(row)


def markdown(results: dict) -> str:
    head = (
        f"{results['records']:,} records ({results['findings']:,} findings), "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; whole processes.\n\n"
        "| system | seconds | records/s | CPU s | records per CPU s | identical to scan | "
        "Python workers | peak PSS per worker | peak RSS per worker | JVM RSS | total PSS | "
        "load (5 min) |\n"
        "| --- | ---: | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    )
    lines = []
    for row in results["rows"]:
        identical = {True: "yes", False: "**no**"}.get(row.get("identical"), "–")
        lines.append(
            f"| {row['system']} | {row['seconds']} | {row['records_per_s']} | "
            f"{row['cpu_seconds']} | {row['records_per_cpu_s']} | {identical} | "
            f"{row['workers']} | {row['worker_pss_mb']} MB | {row['worker_rss_mb']} MB | "
            f"{row['jvm_rss_mb'] or '–'} MB | {row['total_pss_mb']} MB | "
            f"{row['load_average']} |"
        )
    return head + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--variants", action="store_true", help="also reuse off, small batches")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument(
        "--compare",
        action="store_true",
        help="the identity run on the mixed log (exit 1 if any difference)",
    )
    parser.add_argument(
        "--bad-every", type=int, default=10_000, help="--compare: problem lines every N"
    )
    parser.add_argument(
        "--keep", type=Path, help="--compare: work (and keep the log and outputs) here"
    )
    args = parser.parse_args()
    if args.compare:
        results = compare(args.records, args.jobs, args.bad_every, args.keep)
    else:
        results = run(args.records, args.variants, args.jobs)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(markdown(results))
    if args.compare:
        print(
            f"{results['records']:,} records (+{results['planted_lines']} planted problem lines): "
            f"scan {results['findings']:,} findings / {results['errors']} errors, "
            f"spark {results['spark_findings']:,} / {results['spark_errors']}: "
            + ("IDENTICAL" if results["identical"] else "DIFFERENT")
        )
        for line in results["differences"]:
            print(line)
        sys.exit(0 if results["identical"] else 1)


if __name__ == "__main__":
    main()
