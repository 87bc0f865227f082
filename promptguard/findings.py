"""What an analyzer reports, and how overlapping reports are reconciled.

A `Finding` is the one currency passed from analyzers to the gate and the reports.
It carries offsets into the scanned text, never a copy of the text itself, so that
nothing downstream can leak the value by accident; `masking.excerpt()` masks on demand.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from promptguard.reports.masking import MASKED_VALUE_CATEGORIES

#: The public contract: every analyzer reports one of these category ids.
CATEGORIES: tuple[str, ...] = (
    "personal_data",
    "unreleased_script",
    "confidential",
    "public_figure",
    "deceased_figure",
    "copyrighted_work",
    "talent_likeness",
    "misleading_content",
    "unowned_training",
)

#: Severities: "normal" findings get their category's action from the policy table; an
#: "info" finding is shown and recorded but never needs clearance and never blocks (the gate
#: allows it): e.g. the style of a public-domain master ("in the style of Vermeer").
SEVERITIES: tuple[str, ...] = ("normal", "info")

#: Categories whose `subject` is itself sensitive (a crew member's name, a phone number):
#: these subjects are never written to the audit trail or reports unless asked.
SENSITIVE_SUBJECT_CATEGORIES: frozenset[str] = frozenset({"personal_data"})


@dataclass(frozen=True)
class Finding:
    """One thing found in one text, located by character offsets into that text."""

    category: str
    type: str
    start: int
    end: int
    score: float
    subject: str = ""
    message: str = ""
    analyzer: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    #: "normal", or "info": reported for the record, allowed by the gate (see SEVERITIES).
    severity: str = "normal"

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown finding category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown finding severity {self.severity!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad finding span {self.start}..{self.end}")

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Finding) -> bool:
        return self.start < other.end and other.start < self.end

    def shifted(self, offset: int) -> Finding:
        """The same finding in a text that starts `offset` characters earlier."""
        return replace(self, start=self.start + offset, end=self.end + offset)

    @property
    def value_is_secret(self) -> bool:
        return self.category in MASKED_VALUE_CATEGORIES

    def public_subject(self, show_values: bool = False) -> str:
        """The subject as it may appear in reports: personal values stay hidden."""
        if show_values or self.category not in SENSITIVE_SUBJECT_CATEGORIES:
            return self.subject
        return ""

    def to_dict(self, show_values: bool = False) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        evidence = extra.get("evidence")
        if evidence and self.category not in SENSITIVE_SUBJECT_CATEGORIES:
            data["evidence"] = evidence
        data["subject"] = self.public_subject(show_values)
        data["score"] = round(self.score, 3)
        return data


#: Categories that explain a person's name better than "personal data": a famous name in
#: a prompt is a likeness question, not a crew member's private data.
NAME_EXPLAINED_BY: frozenset[str] = frozenset(
    {"public_figure", "deceased_figure", "copyrighted_work"}
)


#: References to real people, which give way to a work found on the same span.
FIGURES: frozenset[str] = frozenset({"public_figure", "deceased_figure"})

#: The share of a PERSON span a reference must overlap to explain it.
COVERED = 0.8


def explained(person: Finding, references: list[Finding], text: str | None = None) -> bool:
    """Whether the references together cover at least `COVERED` of `person`.

    Together, because a tag list's run of names without commas ("rossetti bouguereau") is
    one span for NER but two references. With the text at hand, only the letters of words
    of two letters or more count, so initials do not keep a name ("j. c. leyendecker")
    apart from the reference they belong to ("leyendecker")."""
    covered = [False] * person.length
    for reference in references:
        for position in range(max(reference.start, person.start), min(reference.end, person.end)):
            covered[position - person.start] = True
    if not any(covered):
        return False
    if text is not None and len(text) >= person.end:
        weight = _name_letters(text[person.start : person.end])
        if any(weight):
            total = sum(weight)
            shared = sum(w for w, c in zip(weight, covered, strict=True) if c)
            return shared >= COVERED * total
    return sum(covered) >= COVERED * person.length


def _name_letters(span: str) -> list[int]:
    """1 for each letter of a word of two letters or more, 0 elsewhere."""
    weight = [0] * len(span)
    start = None
    for index, char in enumerate([*span, " "]):
        if char.isalpha():
            start = index if start is None else start
            continue
        if start is not None and index - start >= 2:
            weight[start:index] = [1] * (index - start)
        start = None
    return weight


#: Personal-data spans that may contain a famous name without being about its bearer:
#: "3 avenue Jean Jaurès", "Burbank, CA 91503", "victor.hugo@example.com".
PLACE_TYPES: frozenset[str] = frozenset({"STREET_ADDRESS", "EMAIL_ADDRESS", "URL"})


class _SpanIndex:
    """Findings sorted by start, to list those overlapping a span without a scan of all
    (a 60 kB prompt has thousands of findings: pairwise checks were millions)."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = sorted(findings, key=lambda f: f.start)
        self.starts = [f.start for f in self.findings]
        self.longest = max((f.length for f in self.findings), default=0)

    def overlapping(self, start: int, end: int) -> list[Finding]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        return [f for f in self.findings[lo:hi] if f.start < end and start < f.end]


def _inside(inner: Finding, outer: Finding) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner != outer


def merge_overlapping(findings: Iterable[Finding], text: str | None = None) -> list[Finding]:
    """Reconcile findings so each span is reported once per category.

    Two analyzers (or two recognizers) often report the same span: an email that is also
    seen as a URL, a name seen by NER and by a list. Within a category, of overlapping
    findings we keep the one with the higher score (the longer one on a tie), since it is
    the more specific explanation. Across categories one rule applies: a PERSON name that
    is a known public figure, deceased figure or artist is reported as that, not as
    personal data — when the references cover the name together (at least `COVERED` of its
    letters, see `explained`): a reference that only touches a name ("Trevor" of "Trevor
    Muñiz") leaves the ordinary person reported. Otherwise nothing is dropped across
    categories: the gate sees all, except a reference inside an address, e-mail or URL
    ("3 avenue Jean Jaurès", "Burbank, CA"): a street named after a person is no reference;
    and a figure on or inside the span of a work ("garfield" the cat, "perry" of "perry
    bible fellowship"): the work wins, since the title is what the text names.
    """
    findings = list(findings)
    places = _SpanIndex(
        [f for f in findings if f.category == "personal_data" and f.type in PLACE_TYPES]
    )
    findings = [
        f
        for f in findings
        if not (
            f.category in NAME_EXPLAINED_BY
            and any(_inside(f, p) for p in places.overlapping(f.start, f.end))
        )
    ]
    # "garfield drawn in the style of bill watterson": the work analyzer reports a famous
    # person's name as a character or an artist only on a cue, so on the same span it wins.
    works = _SpanIndex([f for f in findings if f.category == "copyrighted_work"])
    findings = [
        f
        for f in findings
        if not (
            f.category in FIGURES
            and any(
                w.start <= f.start and f.end <= w.end for w in works.overlapping(f.start, f.end)
            )
        )
    ]
    known_names = _SpanIndex([f for f in findings if f.category in NAME_EXPLAINED_BY])
    by_category: dict[str, list[Finding]] = {}
    for finding in findings:
        if (
            finding.category == "personal_data"
            and finding.type == "PERSON"
            and explained(finding, known_names.overlapping(finding.start, finding.end), text)
        ):
            continue
        by_category.setdefault(finding.category, []).append(finding)
    merged: list[Finding] = []
    for group in by_category.values():
        ranked = sorted(group, key=lambda f: (-f.score, -f.length, f.start))
        kept: list[tuple[int, int]] = []  # sorted, never overlapping: a neighbour check each
        for candidate in ranked:
            at = bisect_left(kept, (candidate.start, candidate.end))
            before = kept[at - 1] if at else None
            after = kept[at] if at < len(kept) else None
            if (before and before[1] > candidate.start) or (after and after[0] < candidate.end):
                continue
            kept.insert(at, (candidate.start, candidate.end))
            merged.append(candidate)
    return sorted(merged, key=lambda f: (f.start, f.end, f.category))
