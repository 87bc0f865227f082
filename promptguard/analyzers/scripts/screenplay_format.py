"""Text laid out as a screenplay, even when it matches no registered script.

A scene pasted from a draft that was never registered (a new rewrite, another writer's
pages) still looks like a screenplay: scene headings, character cues in capitals over their
dialogue, parentheticals, transitions, Fountain markup. That is reported with a lower score
than a registered match, since it may also be a published script or a writing exercise.
One signal is never enough ("we shot the INT. scenes first" is a sentence, and a single
capitalised line over a paragraph is a memo heading): it takes two kinds of signal, two
scene headings, or a real exchange of dialogue.
"""

from __future__ import annotations

import re
from typing import ClassVar

from promptguard.analyzers.base import Analyzer
from promptguard.config.load import Config
from promptguard.findings import Finding
from promptguard.nlp.models import ScanText

SCORE = 0.6

_HEADING = re.compile(
    r"^(?:\d{1,4}[A-Z]{0,2}\s+)?"
    r"(?:INT\.?\s?/\s?EXT|EXT\.?\s?/\s?INT|I/E|INT|EXT|EST)(?:\.\s*|\s+)\S",
    re.IGNORECASE,
)
_FORCED_HEADING = re.compile(r"^\.[A-Z0-9][A-Z0-9 '\-.,#/]+$")
_TIME_OF_DAY = re.compile(
    r"[-–—,]\s*(?:DAY|NIGHT|MORNING|EVENING|DAWN|DUSK|LATER|CONTINUOUS|SAME|MOMENTS LATER)\b",
    re.IGNORECASE,
)
_TRANSITION = re.compile(
    r"^(?:>\s*[A-Z][A-Z .]+[:.]?(?<!<)|(?:[A-Z]+ )*[A-Z]+ TO:|FADE IN:|FADE OUT\.?"
    r"|FADE TO BLACK\.?|INTERCUT(?: WITH)?:?)$"
)
_EXTENSION = r"(?:\s*\((?:V\.?\s?O\.?|O\.?\s?S\.?|O\.?\s?C\.?|CONT['’]?D|CONTINUING)\))?"
_CUE = re.compile(
    rf"^(?:@\S.{{0,30}}|[A-Z][A-Z0-9'’.\-]*(?: [A-Z0-9'’.\-]+){{0,3}}){_EXTENSION}\s*\^?$"
)
_PARENTHETICAL = re.compile(r"^\([^()\n]{1,60}\)$")
#: Code under an all-caps or @decorator line is not dialogue (`@hookimpl` / `def f():`).
_CODE = re.compile(
    r"[{};=]\s*$|\w\(.*\)\s*:?$|^(?:def|class|async|public|private|protected|static|function"
    r"|return|import|from|var|let|const|SELECT|FROM|WHERE)\b"
)
#: A screenplay pasted on one line (its line breaks lost): a scene heading inside running
#: text, "INT. KITCHEN - NIGHT", and speakers in capitals before their words, "JOHN: ...".
_INLINE_HEADING = re.compile(
    r"(?:^|(?<=[\s.:;!?\"'”]))(?:INT\.?\s?/\s?EXT|EXT\.?\s?/\s?INT|I/E|INT|EXT)\.\s*"
    r"[A-Z0-9][A-Z0-9'’.\-/ ]{1,60}?\s*[-–—]\s*"
    r"(?:DAY|NIGHT|MORNING|EVENING|DAWN|DUSK|LATER|CONTINUOUS|SAME|MOMENTS LATER)\b"
)
_INLINE_CUE = re.compile(
    r"(?:^|(?<=[\s.!?\"”)]))([A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,2})"
    r"(?:\s*\((?:V\.?\s?O\.?|O\.?\s?S\.?|O\.?\s?C\.?|CONT['’]?D)\))?"
    r"(?::\s+|\s+\([a-z][^()]{0,40}\)\s+)(?=[\"“]?[A-Z][a-z])"
)
#: Capitalised labels that are not speakers ("NOTE: ...").
_NOT_SPEAKERS = frozenset(
    {"INT", "EXT", "CUT TO", "FADE IN", "FADE OUT", "NOTE", "NB", "PS", "P.S.", "TODO", "EDIT"}
    | {"UPDATE", "WARNING", "QUESTION", "ANSWER", "TASK", "CONTEXT", "PROMPT", "OUTPUT", "INPUT"}
    | {"EXAMPLE", "TLDR", "FAQ"}
)
_TITLE_KEY = re.compile(r"^(?:Title|Credit|Author|Authors|Source|Draft date|Contact):", re.I)


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped line) for every line, offsets into `text`."""
    out = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        out.append((position + lead, position + lead + len(stripped), stripped))
        position += len(raw) + 1
    return out


def _is_heading(line: str) -> bool:
    if len(line) > 100:
        return False
    if _FORCED_HEADING.match(line):
        return True
    if not _HEADING.match(line):
        return False
    letters = [c for c in line if c.isalpha()]
    upper = sum(c.isupper() for c in letters) / max(1, len(letters))
    return upper >= 0.6 or bool(_TIME_OF_DAY.search(line))


def _is_cue(line: str) -> bool:
    if not _CUE.match(line) or _is_heading(line) or _TRANSITION.match(line):
        return False
    return any(c.isalpha() for c in line)


def _mostly_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class ScreenplayFormatAnalyzer(Analyzer):
    """Reports screenplay layout as a probable unregistered script."""

    name: ClassVar[str] = "screenplay_format"
    categories: ClassVar[tuple[str, ...]] = ("unreleased_script",)
    needs_nlp: ClassVar[bool] = False

    def __init__(self, config: Config) -> None:
        self.config = config

    def wants_nlp(self, text: ScanText) -> bool:
        return False

    def signals(self, content: str) -> list[tuple[str, int, int, str]]:
        """(kind, start, end, speaker) for every screenplay signal in the text."""
        lines = _lines(content)
        found: list[tuple[str, int, int, str]] = []
        titled = sum(1 for _, _, line in lines[:12] if _TITLE_KEY.match(line))
        if titled >= 2:
            found.append(("title_page", lines[0][0], lines[0][1], ""))
        i = 0
        while i < len(lines):
            start, end, line = lines[i]
            blank_before = i == 0 or not lines[i - 1][2]
            if not line:
                i += 1
                continue
            if blank_before and _is_heading(line):
                found.append(("scene_heading", start, end, ""))
            elif _TRANSITION.match(line):
                found.append(("transition", start, end, ""))
            elif blank_before and _is_cue(line) and i + 1 < len(lines) and lines[i + 1][2]:
                following = lines[i + 1][2]
                dialogue = not _mostly_upper(following) or _PARENTHETICAL.match(following)
                if dialogue and not _CODE.search(following):
                    j = i + 1
                    while j < len(lines) and lines[j][2]:
                        if _PARENTHETICAL.match(lines[j][2]):
                            found.append(("parenthetical", lines[j][0], lines[j][1], ""))
                        j += 1
                    speaker = re.sub(r"\s*\(.*", "", line.lstrip("@")).strip().upper()
                    found.append(("character_cue", start, lines[j - 1][1], speaker))
                    i = j
                    continue
            i += 1
        if not any(kind == "character_cue" for kind, *_ in found):
            inline = self._inline_signals(content)
            if any(kind == "character_cue" for kind, *_ in inline):
                found = inline + [f for f in found if f[0] != "scene_heading"]
        return found

    @staticmethod
    def _inline_signals(content: str) -> list[tuple[str, int, int, str]]:
        """Signals inside running text, for a scene pasted with its line breaks lost: a scene
        heading with a time of day, and the speakers after it (used only when a speaker is
        found, so a lone slug in a question stays a sentence)."""
        headings = [m for m in _INLINE_HEADING.finditer(content)]
        if not headings:
            return []
        found = [("scene_heading", m.start(), m.end(), "") for m in headings]
        for match in _INLINE_CUE.finditer(content, headings[0].end()):
            speaker = match.group(1)
            if len(speaker) < 2 or speaker in _NOT_SPEAKERS:
                continue
            found.append(("character_cue", match.start(), match.end(), speaker))
        return found

    def analyze(self, text: ScanText) -> list[Finding]:
        found = self.signals(text.content)
        if len(found) < 2:
            return []
        kinds = {kind for kind, *_ in found}
        speakers = [s for kind, _, _, s in found if kind == "character_cue"]
        headings = sum(1 for kind, *_ in found if kind == "scene_heading")
        exchange = len(speakers) >= 3 and len(set(speakers)) < len(speakers)
        if not (len(kinds) >= 2 or headings >= 2 or exchange):
            return []
        counts = {kind: sum(1 for k, *_ in found if k == kind) for kind in sorted(kinds)}
        return [
            Finding(
                category="unreleased_script",
                type="SCREENPLAY_FORMAT",
                start=min(start for _, start, _, _ in found),
                end=max(end for _, _, end, _ in found),
                score=SCORE,
                subject="screenplay pages",
                message=(
                    "This looks like screenplay pages: if it is an unreleased script, keep it "
                    "out of tools that are not enterprise-secured."
                ),
                analyzer=self.name,
                extra={"signals": counts},
            )
        ]
