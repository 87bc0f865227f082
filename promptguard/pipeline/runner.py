"""Wire the data flow for the command line: readers -> scanner -> located rows.

Kept out of `cli` so the same flow serves the git hook, the service and tests. Long logs
can be scanned by several worker processes (`jobs`), each holding its own warm `Scanner`;
records go out in chunks and come back in order, with a bounded number of chunks in flight
so memory stays flat whatever the log size.

`jobs="auto"` (the command line's default) uses one process per available core, but only
for input big enough to pay for it: the first records are read ahead (at most
`AUTO_MIN_RECORDS`, or `AUTO_MIN_BYTES` of text, whichever comes first); if the input ends
before either, it is scanned in this process, as with `jobs=1`. Each worker loads its own
models, which costs about what a whole small scan costs, so below that size the extra
processes only add CPU time (see `bench/bench_throughput.py --scaling`).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from promptguard.config.load import Config
from promptguard.findings import Finding
from promptguard.nlp.models import iter_chunks
from promptguard.pipeline.scanner import Scanner, ScanResult
from promptguard.pipeline.suppress import Suppressor, unknown_pragmas
from promptguard.readers import DEFAULT_OPTIONS, ReadOptions, read_paths, read_stream_text
from promptguard.readers.records import NOTICE, ReadError, Record
from promptguard.reports.rows import FindingRow, finding_rows
from promptguard.reports.spool import RowSpool

#: Records per chunk sent to a worker process: big enough to amortise pickling and let the
#: worker batch spaCy, small enough to keep every worker busy and memory low.
CHUNK_RECORDS = 128
#: `jobs="auto"` starts worker processes only once the input holds this many records, or
#: this many characters of text, whichever is reached first (two chunks: fewer records
#: would not even keep two workers busy). Provisional, from the last quiet-machine run: a
#: worker's start-up (~1.5 s, in parallel with the others) against ~2.3 ms of warm work per
#: 320-byte prompt; `bench/bench_throughput.py --scaling` measures where the break-even is.
AUTO_MIN_RECORDS = 2 * CHUNK_RECORDS
AUTO_MIN_BYTES = 256 * 1024
#: ... or once this many items (records and read errors) have been read ahead.
AUTO_MAX_AHEAD = 16 * AUTO_MIN_RECORDS


@dataclass
class ScanReport:
    rows: list[FindingRow] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    records: int = 0
    sources: set[str] = field(default_factory=set)
    #: Findings per category, and per user / tool when the log says who and with what.
    by_category: Counter = field(default_factory=Counter)
    by_user: Counter = field(default_factory=Counter)
    by_tool: Counter = field(default_factory=Counter)
    #: Findings accepted by an inline comment / the baseline (not in `rows`).
    suppressed_inline: int = 0
    suppressed_baseline: int = 0
    #: Records some analyzer could not check: the scan is incomplete, callers fail closed.
    incomplete: int = 0
    #: Where rows go instead of `rows` when set (a long scan's rows kept on disk).
    spool: RowSpool | None = None
    #: Rows found (kept in `rows` or in the spool) and their highest score.
    findings: int = 0
    max_score: float = 0.0

    def add(
        self,
        result: ScanResult | ReadError,
        show_values: bool = False,
        suppressor: Suppressor | None = None,
    ) -> None:
        """Fold one scanned record (or read error) into the report."""
        if isinstance(result, ReadError):
            self.errors.append(result)
            self.sources.add(result.path)
            return
        record = result.record
        self.records += 1
        self.sources.add(record.path)
        rows = finding_rows(record, result.findings, show_values)
        if suppressor is not None:
            before_inline, before_base = suppressor.inline_count, suppressor.baseline_count
            rows = suppressor.filter(record, rows)
            self.suppressed_inline += suppressor.inline_count - before_inline
            self.suppressed_baseline += suppressor.baseline_count - before_base
            if suppressor.inline:
                for line, name in unknown_pragmas(record):
                    message = f"'promptguard: allow {name}' names no category; nothing allowed"
                    self.errors.append(ReadError(record.path, message, line, NOTICE))
        if self.spool is not None:
            self.spool.add(rows)
        else:
            self.rows.extend(rows)
        self.findings += len(rows)
        for row in rows:
            self.max_score = max(self.max_score, row.finding.score)
            self.by_category[row.finding.category] += 1
            if record.meta.get("user") not in (None, ""):
                self.by_user[str(record.meta["user"])] += 1
            if record.meta.get("tool") not in (None, ""):
                self.by_tool[str(record.meta["tool"])] += 1
        if result.failures:
            self.incomplete += 1
        for failure in result.failures:
            self.errors.append(ReadError(record.path, failure, record.line))


def collect(
    scanner: Scanner,
    items: Iterable[Record | ReadError],
    show_values: bool = False,
    language: str | None = None,
    *,
    suppressor: Suppressor | None = None,
    progress: Callable[[], None] | None = None,
    spool: RowSpool | None = None,
) -> ScanReport:
    """Scan every record; keep located findings, read errors and analyzer failures."""
    results = scanner.scan_records(items, language=language)
    return _report(results, show_values, suppressor, progress, spool)


def collect_parallel(
    config: Config,
    items: Iterable[Record | ReadError],
    jobs: int,
    show_values: bool = False,
    language: str | None = None,
    *,
    suppressor: Suppressor | None = None,
    progress: Callable[[], None] | None = None,
    spool: RowSpool | None = None,
) -> ScanReport:
    """`collect` with `jobs` worker processes; the report is the same, in the same order."""
    results = scan_parallel(config, items, jobs, language)
    return _report(results, show_values, suppressor, progress, spool)


def _report(
    results: Iterable[ScanResult | ReadError],
    show_values: bool,
    suppressor: Suppressor | None,
    progress: Callable[[], None] | None,
    spool: RowSpool | None = None,
) -> ScanReport:
    report = ScanReport(spool=spool)
    for result in results:
        report.add(result, show_values, suppressor)
        if progress is not None:
            progress()
    return report


def scan_parallel(
    config: Config, items: Iterable[Record | ReadError], jobs: int, language: str | None = None
) -> Iterator[ScanResult | ReadError]:
    """Scan results in input order, computed by `jobs` processes (spawned, not forked, so
    no lock or model state of this process leaks into them)."""
    context = multiprocessing.get_context("spawn")
    window: deque[tuple[list[Record | ReadError], Future]] = deque()
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(config,)
    ) as pool:
        for chunk in iter_chunks(items, CHUNK_RECORDS):
            records = [item for item in chunk if isinstance(item, Record)]
            window.append((chunk, pool.submit(_scan_chunk, records, language)))
            if len(window) >= 2 * jobs:
                yield from _finish(*window.popleft())
        while window:
            yield from _finish(*window.popleft())


def _finish(chunk: list[Record | ReadError], future: Future) -> Iterator[ScanResult | ReadError]:
    """Re-attach a worker's findings to the records of its chunk (the text never travels
    back). A worker that died fails its records closed: each is reported, none is clean."""
    try:
        outcomes = iter(future.result())
        failure = None
    except Exception as error:  # noqa: BLE001 - a dead worker must not end the scan
        outcomes, failure = None, f"worker failed: {type(error).__name__}: {error}".strip()
    for item in chunk:
        if isinstance(item, ReadError):
            yield item
        elif outcomes is None:
            yield ReadError(item.path, failure or "worker failed", item.line)
        else:
            findings, failures = next(outcomes)
            yield ScanResult(item, findings, failures)


_worker_scanner: Scanner | None = None


def _init_worker(config: Config) -> None:
    global _worker_scanner
    _worker_scanner = Scanner(config)


def _scan_chunk(
    records: list[Record], language: str | None
) -> list[tuple[list[Finding], list[str]]]:
    assert _worker_scanner is not None
    return [
        (result.findings, result.failures)
        for result in _worker_scanner.scan_records(records, language=language)
        if isinstance(result, ScanResult)
    ]


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def auto_jobs(
    items: Iterable[Record | ReadError], cores: int | None = None
) -> tuple[int, Iterator[Record | ReadError]]:
    """How many processes `jobs="auto"` uses for `items`, and the same items (the ones read
    ahead to decide, then the rest, unread until asked for)."""
    cores = available_cores() if cores is None else cores
    iterator = iter(items)
    if cores <= 1:
        return 1, iterator
    head: list[Record | ReadError] = []
    records = size = 0
    for item in iterator:
        head.append(item)
        if isinstance(item, Record):
            records += 1
            size += len(item.text)
        # (a long run of unreadable lines is a long input too: the read-ahead stays bounded)
        if records >= AUTO_MIN_RECORDS or size >= AUTO_MIN_BYTES or len(head) >= AUTO_MAX_AHEAD:
            return cores, itertools.chain(head, iterator)
    return 1, iter(head)


def scan_paths(
    scanner: Scanner | None,
    paths: list[Path],
    exclude: Iterable[str] = (),
    show_values: bool = False,
    language: str | None = None,
    *,
    options: ReadOptions = DEFAULT_OPTIONS,
    suppressor: Suppressor | None = None,
    jobs: int | str = 1,
    config: Config | None = None,
    progress: Callable[[], None] | None = None,
    make_scanner: Callable[[], Scanner] | None = None,
    spool: RowSpool | None = None,
) -> ScanReport:
    """Scan files, folders and logs. With `jobs` > 1, `config` builds the workers' scanners
    and `scanner` may be None (the parent process then never loads a model). With
    `jobs="auto"`, the input's size decides (see the module's doc); `make_scanner` builds
    the in-process scanner if one is needed and `scanner` is None. With `spool`, the rows go
    there instead of `ScanReport.rows` (memory stays flat however many there are)."""
    items: Iterable[Record | ReadError] = read_paths(paths, exclude, options)
    if jobs == "auto":
        jobs, items = auto_jobs(items)
    assert isinstance(jobs, int)
    if jobs > 1:
        worker_config = config or (scanner.config if scanner else Config())
        return collect_parallel(
            worker_config,
            items,
            jobs,
            show_values,
            language,
            suppressor=suppressor,
            progress=progress,
            spool=spool,
        )
    if scanner is None:
        scanner = make_scanner() if make_scanner is not None else Scanner(config)
    return collect(
        scanner,
        items,
        show_values,
        language,
        suppressor=suppressor,
        progress=progress,
        spool=spool,
    )


def scan_stdin_text(
    scanner: Scanner, text: str, show_values: bool = False, language: str | None = None
) -> ScanReport:
    return collect(scanner, read_stream_text(text), show_values, language)
