"""Property tests: whatever the input, readers, analyzers and writers never raise, and every
offset they produce points inside the text it is about."""

from __future__ import annotations

import io
import json
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from promptguard.config.load import Config
from promptguard.findings import CATEGORIES, Finding
from promptguard.pipeline.scanner import Scanner, ScanResult
from promptguard.readers import read_blob
from promptguard.readers.logs import parse_log_line
from promptguard.readers.records import ReadError, Record
from promptguard.reports.json_report import write_json
from promptguard.reports.rows import finding_rows
from promptguard.reports.sarif import write_sarif

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NLP = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces that make analyzers fire, mixed with arbitrary text so the offsets are exercised.
TRIGGERS = [
    "Tom Okafor",
    "crew.desk@example.org",
    "+1 415 555 0143",
    "06 12 34 56 78",
    "12 rue de la Paix, 75002 Paris",
    "4147 1049 7465 0752",
    "FR76 3000 6000 0112 3456 7890 189",
    "Meryl Streep",
    "in the style of Blade Runner",
    "de-age the actor",
    "INT. WAREHOUSE - NIGHT",
    "née le 12/03/1984",
    "192.168.10.4",
    "\n",
    "é",
    "\u2028",
    "\x00",
    "🙂",
]
texts = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(TRIGGERS)), max_size=12).map(
    "".join
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text()),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
log_objects = st.fixed_dictionaries(
    {},
    optional={
        "prompt": st.one_of(texts, json_values),
        "messages": st.one_of(
            st.lists(st.fixed_dictionaries({"role": st.text(max_size=6), "content": texts})),
            json_values,
        ),
        "timestamp": st.one_of(st.text(max_size=30), st.integers(), st.floats()),
        "user": json_values,
        "request": json_values,
    },
)


def _check_records(items: list[Record | ReadError]) -> None:
    for item in items:
        assert isinstance(item, (Record, ReadError))
        if isinstance(item, Record):
            assert isinstance(item.text, str) and item.line >= 1
        else:
            assert "\n" not in item.message


# --- readers ---------------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=400))
def test_log_line_reader_takes_any_bytes(raw: bytes) -> None:
    _check_records(list(parse_log_line(raw, "log.jsonl", 1)))


@FAST
@given(log_objects)
def test_log_line_reader_takes_any_json_object(data: dict) -> None:
    raw = json.dumps(data).encode()
    items = list(parse_log_line(raw, "log.jsonl", 7))
    _check_records(items)
    assert all(item.line == 7 for item in items)


@FAST
@given(st.binary(max_size=600), st.sampled_from(["a.txt", "b.jsonl", "c.md", "d"]))
def test_blob_reader_takes_any_bytes(data: bytes, name: str) -> None:
    items = list(read_blob(data, name))
    _check_records(items)
    text = data.decode("utf-8", "replace")
    last_line = max(len(data.splitlines()), len(text.splitlines())) + 1
    for item in items:
        assert item.line <= last_line


@FAST
@given(texts)
def test_text_records_locate_every_offset_inside_the_file(text: str) -> None:
    for item in read_blob(text.encode("utf-8", "surrogatepass"), "notes.txt"):
        if isinstance(item, Record):
            for offset in (0, len(item.text) // 2, len(item.text)):
                line, column = item.locate(offset)
                assert line >= item.line and 0 <= column <= len(item.text)


# --- analyzers, through the scanner -------------------------------------------------------------


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner(Config())


@NLP
@given(text=texts)
def test_scanner_offsets_stay_inside_the_text(scanner: Scanner, text: str) -> None:
    (result,) = list(scanner.scan_records([Record(text=text, path="<prop>")]))
    assert isinstance(result, ScanResult)
    assert result.failures == [], result.failures
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.category in CATEGORIES


@NLP
@given(text=texts, language=st.sampled_from(["en", "fr"]))
def test_scanner_takes_any_text_in_either_language(
    scanner: Scanner, text: str, language: str
) -> None:
    for finding in scanner.scan_text(text, language=language):
        assert 0 <= finding.start <= finding.end <= len(text)


# --- writers ----------------------------------------------------------------------------------


@st.composite
def records_with_findings(draw):  # noqa: ANN001, ANN201
    text = draw(texts.filter(lambda t: len(t) > 0))
    path = draw(st.text(alphabet=string.printable + "éß 🙂\\%#?", min_size=1, max_size=30))
    field = draw(st.sampled_from(["", "prompt", "messages[0].content"]))
    record = Record(text=text, path=path, line=draw(st.integers(1, 10**6)), field=field)
    findings = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        findings.append(
            Finding(
                category=draw(st.sampled_from(CATEGORIES)),
                type=draw(st.text(max_size=12)),
                start=start,
                end=end,
                score=draw(st.floats(0, 1)),
                subject=draw(st.text(max_size=20)),
                message=draw(st.text(max_size=40)),
                analyzer="prop",
            )
        )
    return record, findings


@FAST
@given(records_with_findings(), st.booleans(), st.text(max_size=40))
def test_json_and_sarif_writers_always_write_valid_json(sample, show_values, error) -> None:  # noqa: ANN001
    record, findings = sample
    rows = finding_rows(record, findings, show_values)
    errors = [ReadError(record.path, error, 3)]
    for row in rows:
        assert 0 <= row.start <= row.end and row.line >= record.line
    out = io.StringIO()
    write_json(rows, errors, out, show_values)
    report = json.loads(out.getvalue())
    assert len(report["findings"]) == len(findings)
    out = io.StringIO()
    write_sarif(rows, errors, out)
    sarif = json.loads(out.getvalue())
    assert sarif["version"] == "2.1.0"


# --- reconciling overlapping findings ------------------------------------------------------

_KINDS = [
    ("personal_data", "PERSON"), ("personal_data", "STREET_ADDRESS"),
    ("personal_data", "EMAIL_ADDRESS"), ("personal_data", "PHONE_NUMBER"),
    ("public_figure", "PERSON"), ("deceased_figure", "PERSON"),
    ("copyrighted_work", "FILM"), ("copyrighted_work", "ARTIST_STYLE"),
]  # fmt: skip
findings_strategy = st.lists(
    st.builds(
        lambda kind, start, length, score: Finding(
            category=kind[0], type=kind[1], start=start, end=start + length, score=score
        ),
        st.sampled_from(_KINDS),
        st.integers(0, 300),
        st.integers(1, 25),
        st.sampled_from([0.5, 0.6, 0.85, 0.9]),
    ),
    max_size=30,
)


def _merge_pairwise(findings: list[Finding], text: str) -> list[Finding]:
    """The rule of `merge_overlapping`, written the slow obvious way (every pair)."""
    from promptguard.findings import NAME_EXPLAINED_BY, PLACE_TYPES, explained

    places = [f for f in findings if f.category == "personal_data" and f.type in PLACE_TYPES]
    findings = [
        f
        for f in findings
        if not (
            f.category in NAME_EXPLAINED_BY
            and any(p.start <= f.start and f.end <= p.end and p != f for p in places)
        )
    ]
    works = [f for f in findings if f.category == "copyrighted_work"]
    findings = [
        f
        for f in findings
        if not (
            f.category in ("public_figure", "deceased_figure")
            and any(w.start <= f.start and f.end <= w.end for w in works)
        )
    ]
    known = [f for f in findings if f.category in NAME_EXPLAINED_BY]
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        person = f.category == "personal_data" and f.type == "PERSON"
        if person and explained(f, [n for n in known if n.overlaps(f)], text):
            continue
        groups.setdefault(f.category, []).append(f)
    merged = []
    for group in groups.values():
        kept: list[Finding] = []
        for candidate in sorted(group, key=lambda f: (-f.score, -f.length, f.start)):
            if not any(candidate.overlaps(k) for k in kept):
                kept.append(candidate)
        merged += kept
    return sorted(merged, key=lambda f: (f.start, f.end, f.category))


@given(findings_strategy)
def test_merging_by_sorted_index_equals_every_pair_checked(findings: list[Finding]) -> None:
    """The indexed merge (linear-ish on a 50 kB prompt's thousands of findings) keeps exactly
    what checking every pair keeps."""
    from promptguard.findings import merge_overlapping

    text = "Ab cd " * 60
    assert merge_overlapping(findings, text) == _merge_pairwise(findings, text)
