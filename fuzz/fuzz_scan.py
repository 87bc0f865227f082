"""atheris fuzz target: readers -> scanner (every analyzer) -> JSON and SARIF writers.

Any exception that escapes, an offset outside its text, or a writer producing invalid JSON is
a crash. The scanner is built once (models warm), so each input costs a scan, not a start-up.

    pip install atheris
    python fuzz/fuzz_scan.py -max_total_time=60            # time-boxed, as in CI
    python fuzz/fuzz_scan.py corpus_dir/ -runs=100000      # longer, keeping a corpus
"""

from __future__ import annotations

import io
import json
import sys

import atheris

with atheris.instrument_imports(include=["promptguard"]):
    from promptguard.config.load import Config
    from promptguard.pipeline.scanner import Scanner, ScanResult
    from promptguard.readers import read_blob
    from promptguard.readers.records import Record
    from promptguard.reports.json_report import write_json
    from promptguard.reports.rows import finding_rows
    from promptguard.reports.sarif import write_sarif

    # Built here so the analyzers (imported lazily by the registry) are instrumented too.
    _scanner = Scanner(Config())

NAMES = ("notes.txt", "log.jsonl", "scene.fountain", "README.md")
#: Longer inputs only slow the fuzzer down; the size limits have their own tests.
MAX_BYTES = 4096


def scanner() -> Scanner:
    return _scanner


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data[:MAX_BYTES])
    name = NAMES[provider.ConsumeIntInRange(0, len(NAMES) - 1)]
    show_values = provider.ConsumeBool()
    blob = provider.ConsumeBytes(provider.remaining_bytes())
    items = list(read_blob(blob, name))
    rows, errors = [], []
    for result in scanner().scan_records(items):
        if isinstance(result, ScanResult):
            record: Record = result.record
            for finding in result.findings:
                if not 0 <= finding.start <= finding.end <= len(record.text):
                    raise AssertionError(f"offset outside the text: {finding}")
            if result.failures:  # an analyzer crashed on this input: that is the bug
                raise AssertionError(f"analyzer failure: {result.failures}")
            rows.extend(finding_rows(record, result.findings, show_values))
        else:
            errors.append(result)
    out = io.StringIO()
    write_json(rows, errors, out, show_values)
    json.loads(out.getvalue())
    out = io.StringIO()
    write_sarif(rows, errors, out)
    json.loads(out.getvalue())


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    scanner()  # load models before fuzzing starts
    atheris.Fuzz()


if __name__ == "__main__":
    main()
