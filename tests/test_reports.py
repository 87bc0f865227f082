"""Report writers: stable JSON, loadable SARIF, masked values, exact locations."""

from __future__ import annotations

import io
import json

from promptguard.findings import Finding, merge_overlapping
from promptguard.readers.records import ReadError, Record
from promptguard.reports.json_report import write_json
from promptguard.reports.masking import excerpt, mask
from promptguard.reports.rows import finding_rows
from promptguard.reports.sarif import write_sarif
from promptguard.reports.text import write_text

TEXT = "Crew notes\nCall Dana Whitfield on +1 415 555 0143 tomorrow.\n"
PHONE = "+1 415 555 0143"


def phone_finding() -> Finding:
    start = TEXT.index(PHONE)
    return Finding(
        "personal_data", "PHONE_NUMBER", start, start + len(PHONE), 0.9,
        subject="PHONE_NUMBER", message="A phone number is personal data.", analyzer="pd",
    )  # fmt: skip


def rows(show_values=False):
    record = Record(text=TEXT, path="notes/call.txt", line=1)
    return finding_rows(record, [phone_finding()], show_values)


def test_row_is_located_at_file_line_and_column():
    (row,) = rows()
    column = TEXT.splitlines()[1].index(PHONE)
    assert (row.line, row.start, row.end) == (2, column, column + len(PHONE))
    assert TEXT.splitlines()[1][row.start : row.end] == PHONE


def test_json_report_schema_and_no_value_by_default():
    out = io.StringIO()
    write_json(rows(), [ReadError("bad.bin", "skipped: binary file", level="skipped")], out)
    data = json.loads(out.getvalue())
    (finding,) = data["findings"]
    assert set(finding) >= {"path", "line", "field", "start", "end", "category", "type",
                            "subject", "score", "message"}  # fmt: skip
    assert finding["path"] == "notes/call.txt" and finding["line"] == 2
    assert finding["category"] == "personal_data" and finding["subject"] == ""
    assert PHONE not in out.getvalue() and "555" not in out.getvalue()
    assert data["errors"] == [
        {"path": "bad.bin", "line": 0, "message": "skipped: binary file", "level": "skipped"}
    ]


def test_show_values_prints_the_value():
    out = io.StringIO()
    write_json(rows(show_values=True), [], out, show_values=True)
    assert json.loads(out.getvalue())["findings"][0]["value"] == PHONE


def test_structured_record_offsets_are_field_relative():
    record = Record(text="reach me at +1 415 555 0143", path="log.jsonl", line=7, field="prompt")
    start = record.text.index(PHONE)
    finding = Finding("personal_data", "PHONE_NUMBER", start, start + len(PHONE), 0.9)
    (row,) = finding_rows(record, [finding], False)
    assert (row.line, row.field, row.start, row.end) == (7, "prompt", start, start + len(PHONE))


def test_sarif_is_2_1_0_with_rules_regions_and_fingerprints():
    out = io.StringIO()
    write_sarif(rows(), [ReadError("x.bin", "skipped: binary file")], out)
    sarif = json.loads(out.getvalue())
    assert sarif["version"] == "2.1.0" and "sarif-2.1.0" in sarif["$schema"]
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["name"] == "promptguard"
    (rule,) = run["tool"]["driver"]["rules"]
    (result,) = run["results"]
    assert result["ruleId"] == rule["id"] == "personal_data/PHONE_NUMBER"
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "notes/call.txt"
    column = TEXT.splitlines()[1].index(PHONE) + 1
    assert location["region"] == {
        "startLine": 2, "startColumn": column, "endColumn": column + len(PHONE)
    }  # fmt: skip
    assert result["partialFingerprints"]["promptguard/v1"]
    assert PHONE not in out.getvalue()
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["message"]["text"] == "skipped: binary file"


def test_text_report_groups_by_file_and_masks():
    out = io.StringIO()
    write_text(rows(), [], out, files_scanned=1)
    text = out.getvalue()
    column = TEXT.splitlines()[1].index(PHONE) + 1
    assert text.startswith(f"notes/call.txt\n  2:{column}  personal_data/PHONE_NUMBER")
    assert PHONE not in text and "1 finding(s) in 1 file(s): 1 personal_data" in text


def test_mask_keeps_shape_only():
    assert mask("+1 415 555 0143") == "+*************3"
    assert mask("ab") == "**"
    assert "Whitfield" not in excerpt(TEXT, Finding("personal_data", "PERSON", 16, 30, 0.9))


def test_merge_keeps_best_per_category_and_all_categories():
    a = Finding("personal_data", "URL", 10, 20, 0.5)
    b = Finding("personal_data", "EMAIL_ADDRESS", 5, 25, 0.9)
    c = Finding("public_figure", "PERSON", 2, 15, 0.8)
    assert merge_overlapping([a, b, c]) == [c, b]


def test_merge_drops_a_reference_inside_an_email_or_address():
    """ "victor.hugo@example.com", "3 avenue Jean Jaurès": the name is part of the value."""
    email = Finding("personal_data", "EMAIL_ADDRESS", 5, 25, 0.9)
    figure = Finding("deceased_figure", "PERSON", 5, 16, 0.8)
    assert merge_overlapping([email, figure]) == [email]


def test_excerpt_masks_neighbouring_findings_too():
    text = "ring +1 415 555 0143 or dana.w@example.org today"
    phone = Finding("personal_data", "PHONE_NUMBER", 5, 20, 0.9)
    start = text.index("dana")
    email = Finding("personal_data", "EMAIL_ADDRESS", start, start + 18, 0.9)
    record = Record(text=text, path="n.txt")
    for row in finding_rows(record, [phone, email], show_values=False):
        assert "dana" not in row.excerpt and "415" not in row.excerpt


def test_a_famous_name_is_a_likeness_question_not_personal_data():
    name = Finding("personal_data", "PERSON", 14, 26, 0.85)
    famous = Finding("public_figure", "PERSON", 14, 26, 0.95, subject="Meryl Streep")
    phone = Finding("personal_data", "PHONE_NUMBER", 30, 45, 0.9)
    assert merge_overlapping([name, famous, phone]) == [famous, phone]


def test_a_long_value_is_masked_to_its_length():
    assert mask("x" * 300) == "x***(300 chars)***x"
