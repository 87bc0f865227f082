"""What a clearance is about: canonical subjects, validated items and stable request ids.

A personal_data item names the kind of data (PERSON, PHONE_NUMBER), never the value.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable

from promptguard.config.load import PURPOSES
from promptguard.errors import ClearanceError
from promptguard.findings import SENSITIVE_SUBJECT_CATEGORIES, Finding
from promptguard.gate.policy import CLEARABLE_CATEGORIES, USE_CATEGORY

_TYPE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

# --- subjects and request ids -------------------------------------------------------------


def canonical_subject(subject: str) -> str:
    """Case-, accent- and punctuation-insensitive form, so "Penélope Cruz" matches
    "penelope cruz" and "Jean-Luc" matches "Jean Luc"."""
    decomposed = unicodedata.normalize("NFKD", subject)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.split(r"[\W_]+", stripped.casefold())
    return " ".join(w for w in words if w)


def subject_key(finding: Finding) -> str:
    """What a clearance must name to cover a finding. For personal data that is the kind of
    data (its type), never the value, so approvals and requests can be committed safely."""
    if finding.category in SENSITIVE_SUBJECT_CATEGORIES:
        return finding.type
    return finding.subject or finding.type


def request_id(items: Iterable[tuple[str, str]], tool_id: str, purpose: str) -> str:
    """A stable id for "approve these items for this tool and purpose": re-running the same
    check gives the same id, so a request and its grant can refer to each other."""
    canonical = sorted({(category, canonical_subject(subject)) for category, subject in items})
    payload = json.dumps(
        {"items": canonical, "tool": tool_id.casefold(), "purpose": purpose},
        sort_keys=True,
        ensure_ascii=False,
    )
    return "rq-" + hashlib.sha256(payload.encode()).hexdigest()[:12]


def validate_item(category: str, subject: str) -> tuple[str, str]:
    """Check a (category, subject) pair a clearance or request may name."""
    if category not in CLEARABLE_CATEGORIES:
        raise ClearanceError(
            f"unknown category {category!r} (allowed: {', '.join(CLEARABLE_CATEGORIES)})"
        )
    subject = " ".join(subject.split())
    if not subject:
        raise ClearanceError("the subject must not be empty")
    if category in SENSITIVE_SUBJECT_CATEGORIES and not _TYPE_RE.match(subject):
        raise ClearanceError(
            f"for {category}, the subject is the kind of data (e.g. PERSON, PHONE_NUMBER), "
            "never the value itself"
        )
    if category == USE_CATEGORY and subject not in PURPOSES:
        raise ClearanceError(
            f"for {USE_CATEGORY}, the subject is a purpose ({', '.join(PURPOSES)})"
        )
    return category, subject
