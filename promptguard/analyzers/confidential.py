"""Confidentiality markings, revision headers, watermarks and project code names.

Production paperwork labels itself: "CONFIDENTIAL", "Property of …", "NOT FOR
DISTRIBUTION", coloured revision pages ("BLUE REVISION 03/12/26"), per-recipient watermark
lines. A prompt carrying one was copied from such a document. Code names are how
productions hide their real title; the configuration lists them and any mention is reported.
Patterns are deliberately shaped like markings (capitals, line starts, a date) so that the
word "confidential" in ordinary conversation does not fire on its own.
"""

from __future__ import annotations

import re
from typing import ClassVar

from promptguard.analyzers.base import Analyzer
from promptguard.config.load import Config
from promptguard.findings import Finding
from promptguard.nlp.models import ScanText

_COLOURS_EN = (
    r"WHITE|BLUE|PINK|YELLOW|GREEN|GOLDENROD|BUFF|SALMON|CHERRY|TAN|GR[AE]Y|IVORY"
    r"|(?:(?:2ND|SECOND|DOUBLE|3RD|THIRD)\s+)(?:WHITE|BLUE|PINK|YELLOW|GREEN)"
)
_COLOURS_FR = r"BLANCHES?|BLEUES?|ROSES?|JAUNES?|VERTES?|SAUMON|CERISE|CHAMOIS|GRISE?S?"
_DATE = r"\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?"
_DATED = rf"[ \t]*[-–—:]?[ \t]*{_DATE}"
#: An owner: capitalised words, stopping at a full stop ("Property of Acme Pictures. Do …").
_OWNER = r"[A-Z0-9][\w&'’\-]*(?:[ \t]+(?:&[ \t]+|of[ \t]+|de[ \t]+)?[A-Z0-9][\w&'’\-]*){0,5}"

#: (type, compiled pattern, score, subject, message)
_RULES: tuple[tuple[str, re.Pattern[str], float, str, str], ...] = (
    (
        "MARKING",
        re.compile(r"\b(?:STRICTLY\s+|HIGHLY\s+|PRIVATE\s+AND\s+)?CONFIDENTI(?:AL|EL(?:LE)?)\b"),
        0.9,
        "confidentiality marking",
        "The text carries a confidentiality marking: it comes from a restricted document.",
    ),
    (
        "MARKING",
        re.compile(
            r"(?im)^[ \t>*_#\-]*(?:strictly\s+|private\s+and\s+)?confidenti(?:al|el(?:le)?)\b"
            r"[^\n]{0,40}$"
        ),
        0.85,
        "confidentiality marking",
        "The text carries a confidentiality marking: it comes from a restricted document.",
    ),
    (
        "MARKING",
        re.compile(
            r"(?i)\b(?:do\s+not\s+(?:distribute|copy|forward|share|circulate|duplicate)"
            r"|not\s+for\s+(?:distribution|circulation|publication)"
            r"|for\s+internal\s+use\s+only|internal\s+use\s+only"
            r"|ne\s+pas\s+(?:diffuser|distribuer|copier|divulguer|communiquer)"
            r"|diffusion\s+(?:interdite|restreinte)|usage\s+interne\s+uniquement"
            r"|document\s+interne)\b"
        ),
        0.85,
        "distribution restriction",
        "The text says it must not be distributed: it comes from a restricted document.",
    ),
    (
        "MARKING",
        re.compile(rf"\b(?:[Pp]roperty\s+of|PROPERTY\s+OF|[Pp]ropriété\s+(?:de|d['’]))\s*{_OWNER}"),
        0.8,
        "ownership marking",
        "The text is marked as someone's property: it comes from a restricted document.",
    ),
    (
        "REVISION_HEADER",
        re.compile(
            rf"\b(?:{_COLOURS_EN})\s+(?:REVISIONS?|REV\.|PAGES|DRAFT)\b(?:{_DATED})?"
            rf"|(?i:\b(?:{_COLOURS_EN})\s+(?:revisions?|rev\.|pages|draft){_DATED})"
            rf"|\b(?:R[ÉE]VISION|PAGES)\s+(?:{_COLOURS_FR})\b(?:{_DATED})?"
        ),
        0.85,
        "revision header",
        "The text carries a script revision header: it comes from current production pages.",
    ),
    (
        "WATERMARK",
        re.compile(
            r"(?i)\b(?:watermark(?:ed)?\s+(?:for|to)|filigran[ée]e?\s+pour"
            r"|(?:this\s+)?copy\s+(?:issued|assigned|registered)\s+to"
            r"|exemplaire\s+(?:n[°o]\s*\d+|attribu[ée]\s+[àa]))[^\n]{0,60}"
            r"|\b(?:COPY|Copy|Script|SCRIPT)\s+(?:#|No\.?\s*|n°\s*)\d{1,6}\b"
        ),
        0.9,
        "watermark",
        "The text carries a per-recipient watermark: it was copied from a tracked document.",
    ),
)


class ConfidentialAnalyzer(Analyzer):
    """Finds confidentiality markings and the production's code names."""

    name: ClassVar[str] = "confidential"
    categories: ClassVar[tuple[str, ...]] = ("confidential",)
    needs_nlp: ClassVar[bool] = False

    def __init__(self, config: Config) -> None:
        names = sorted({n.strip() for n in config.code_names if n.strip()}, key=len, reverse=True)
        self._canonical = {n.casefold(): n for n in names}
        self._code_names = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
            )
            if names
            else None
        )

    def wants_nlp(self, text: ScanText) -> bool:
        return False

    def analyze(self, text: ScanText) -> list[Finding]:
        content = text.content
        findings: list[Finding] = []
        for kind, pattern, score, subject, message in _RULES:
            for match in pattern.finditer(content):
                start, end = match.start(), match.end()
                value = match.group().rstrip()
                end = start + len(value)
                start += len(value) - len(value.lstrip(" \t>*_#-"))
                if end <= start:
                    continue
                findings.append(
                    Finding("confidential", kind, start, end, score, subject, message, self.name)
                )
        if self._code_names is not None:
            for match in self._code_names.finditer(content):
                name = self._canonical.get(match.group(1).casefold(), match.group(1))
                findings.append(
                    Finding(
                        "confidential",
                        "CODE_NAME",
                        match.start(1),
                        match.end(1),
                        0.85,
                        name,
                        f"{name} is a project code name: the text is about an unannounced "
                        "production.",
                        self.name,
                    )
                )
        return _dedupe(findings)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per span: of overlapping findings of one kind keep the strongest."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (-f.score, -f.length, f.start)):
        if not any(k.subject == finding.subject and k.overlaps(finding) for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end))
