"""Report rows spooled to disk: the same report as sorting them all in memory, and a scan's
memory that does not grow with the number of findings."""

from __future__ import annotations

import io
import json
import random
import tracemalloc
from pathlib import Path

import pytest

from promptguard.findings import Finding
from promptguard.readers.records import ReadError, Record
from promptguard.reports import json_report, text
from promptguard.reports.rows import finding_rows
from promptguard.reports.sarif import write_sarif
from promptguard.reports.spool import RowSpool

EMAIL = "crew.desk@example.org"


def rows_of(path: str, line: int, starts: list[int], field: str = "prompt") -> list:
    record = Record(text="x" * 200, path=path, line=line, field=field)
    findings = [
        Finding(category=category, type="EMAIL_ADDRESS", start=s, end=s + 5, score=0.9)
        for s in starts
        for category in ("personal_data", "confidential")
    ]
    return finding_rows(record, findings, show_values=False)


def records_in(order: list[tuple[str, int]], rng: random.Random) -> list[list]:
    out = []
    for path, line in order:
        # two fields of one JSONL line come as two records with the same line
        for field in ("messages[0].content", "messages[1].content")[: rng.randint(1, 2)]:
            out.append(rows_of(path, line, rng.sample(range(150), rng.randint(0, 3)), field))
    return out


@pytest.mark.parametrize("shuffled", [False, True])
def test_spooled_rows_come_back_as_a_full_sort_would_order_them(shuffled: bool) -> None:
    rng = random.Random(3)
    paths = ("a.jsonl", "b/c.jsonl", "b-d.jsonl")
    order = sorted((path, line) for path in paths for line in range(1, 90))
    if shuffled:  # files (or records) out of order: the spool must still sort them all
        rng.shuffle(order)
    batches = records_in(order, rng)
    spool = RowSpool(batch=7)  # many small chunks on disk
    for rows in batches:
        spool.add(rows)
    everything = [row for rows in batches for row in rows]
    assert spool.count == len(everything)
    assert spool.in_order() is not shuffled  # in order: read back one chunk at a time
    for key in (json_report.sort_key, text.sort_key):
        assert list(spool.sorted_rows(key)) == sorted(everything, key=key)
    errors = [ReadError("a.jsonl", "invalid JSON", 4)]
    streamed, whole = io.StringIO(), io.StringIO()
    json_report.write_json_sorted(spool.sorted_rows(json_report.sort_key), errors, streamed)
    json_report.write_json(everything, errors, whole)
    assert streamed.getvalue() == whole.getvalue()
    assert json.loads(streamed.getvalue())["errors"][0]["line"] == 4
    streamed, whole = io.StringIO(), io.StringIO()
    text.write_text_sorted(spool.sorted_rows(text.sort_key), errors, streamed, files_scanned=3)
    text.write_text(everything, errors, whole, files_scanned=3)
    assert streamed.getvalue() == whole.getvalue()
    streamed, whole = io.StringIO(), io.StringIO()  # SARIF sorts by (path, line, start) too
    write_sarif(list(spool.sorted_rows(text.sort_key)), errors, streamed)
    write_sarif(everything, errors, whole)
    assert streamed.getvalue() == whole.getvalue()
    spool.close()


def test_an_empty_report_is_the_same_streamed() -> None:
    streamed, whole = io.StringIO(), io.StringIO()
    json_report.write_json_sorted(iter(()), [], streamed)
    json_report.write_json([], [], whole)
    assert streamed.getvalue() == whole.getvalue() == '{\n  "findings": [],\n  "errors": []\n}\n'


def test_scan_memory_does_not_grow_with_the_findings(tmp_path: Path, nlp_models) -> None:
    """A log whose every record holds an e-mail address: with the rows spooled, scanning
    three times as many records takes no more memory (the rows alone would take ~3x)."""
    from promptguard.config.load import Config
    from promptguard.pipeline.runner import scan_paths
    from promptguard.pipeline.scanner import Scanner

    scanner = Scanner(Config(), models=nlp_models)

    def peak(records: int) -> tuple[int, int]:
        log = tmp_path / f"log-{records}.jsonl"
        line = json.dumps({"user": "ana", "prompt": f"send the call sheet to {EMAIL} today"})
        log.write_text((line + "\n") * records, encoding="utf-8")
        spool = RowSpool(batch=200)
        tracemalloc.start()
        report = scan_paths(scanner, [log], spool=spool)
        _, high = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        spool.close()
        assert report.rows == [] and report.findings >= records
        return report.findings, high

    scan_paths(scanner, [tmp_path], spool=RowSpool())  # warm: models, lists, caches
    small_rows, small = peak(1000)
    big_rows, big = peak(3000)
    assert big_rows == 3 * small_rows
    assert big < small * 1.5 + 1_000_000, (small, big)
