"""SARIF 2.1.0, the format GitHub code scanning and most CI dashboards load.

One rule per category/type, a stable fingerprint per finding so dashboards track it
across commits, and no raw value anywhere (the message carries the masked excerpt only).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TextIO

from promptguard._version import __version__
from promptguard.readers.records import ReadError
from promptguard.reports.rows import FindingRow

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/promptguard/promptguard"
ERROR_CATEGORIES = frozenset({"personal_data", "unreleased_script", "confidential"})


def sarif_dict(rows: list[FindingRow], errors: list[ReadError]) -> dict:
    rules: dict[str, dict] = {}
    results = []
    for row in sorted(rows, key=lambda r: (r.path, r.line, r.start)):
        finding = row.finding
        rule_id = f"{finding.category}/{finding.type}"
        if rule_id not in rules:
            rules[rule_id] = {
                "id": rule_id,
                "name": "".join(p.title() for p in rule_id.replace("/", "_").split("_")),
                "shortDescription": {"text": f"{finding.category}: {finding.type}"},
                "helpUri": f"{INFORMATION_URI}#categories",
                "properties": {"category": finding.category},
            }
        region: dict = {"startLine": max(1, row.line)}
        if not row.field:
            region["startColumn"] = row.start + 1
            region["endColumn"] = row.end + 1
        results.append(
            {
                "ruleId": rule_id,
                "ruleIndex": list(rules).index(rule_id),
                "level": "error" if finding.category in ERROR_CATEGORIES else "warning",
                "message": {"text": f"{finding.message or rule_id} [{row.excerpt}]"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(row.path), "uriBaseId": "%SRCROOT%"},
                            "region": region,
                        }
                    }
                ],
                "partialFingerprints": {"promptguard/v1": _fingerprint(row)},
                "properties": {"score": round(finding.score, 3), "field": row.field},
            }
        )
    notifications = [
        {
            "level": "warning",
            "message": {"text": error.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(error.path)}}}],
        }
        for error in errors
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "promptguard",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": list(rules.values()),
                    }
                },
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": notifications,
                    }
                ],
            }
        ],
    }


def write_sarif(rows: list[FindingRow], errors: list[ReadError], out: TextIO) -> None:
    out.write(json.dumps(sarif_dict(rows, errors), indent=2, ensure_ascii=False))  # one write
    out.write("\n")


def _uri(path: str) -> str:
    if path.startswith("<"):
        return path.strip("<>")
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_uri()
    return candidate.as_posix().replace(os.sep, "/")


def _fingerprint(row: FindingRow) -> str:
    """Stable across runs and line moves; built from masked data only."""
    key = "|".join((row.path, row.finding.category, row.finding.type, row.excerpt))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
