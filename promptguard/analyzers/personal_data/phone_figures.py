"""Phone numbers of every region in `phone_regions`, but not score lines or tables of figures.

`ValidPhoneRecognizer` reports what `phonenumbers` validates for the configured regions. The
more regions, the more numbers are valid somewhere: "38 25 7 6 73 35 82" (a league table row),
"68 66 70 204" (golf rounds) or "1 234 567 890" (a figure with thousand separators) all parse
as some country's number. A number whose *written form* is that of figures is kept only when
a phone cue ("tel", "call", "mobile", "appelez"…) stands just before it:

* two or more one-digit groups ("12 5 4 3 15"), a decimal point among spaces ("57 72 .442");
* a one-digit lead then groups of three ("1 234 567"), or a year then more ("1990 1 234");
* four or more space-separated groups led by a group of one or two digits other than 0
  (national formats that start with 0 or a "+" are not affected: "06 12 34 56 78");
* another figure right beside it, or three figures in a row elsewhere on its line (a row
  of a table).

Numbers written after an account, routing, card, order or reference cue are not phones.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

import regex as re
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from promptguard.analyzers.personal_data.phone import ValidPhoneRecognizer

#: A phone cue just before the number (same line, up to 40 characters).
_PHONE_CUE = re.compile(
    r"(?i:\b(?:phone|telephone|tel|tél|t[ée]l[ée]phone|cell|cellphone|mobile|mob|portable|"
    r"fax|call|ring|text|sms|whatsapp|signal|reach|contact|dial|hotline|helpline|"
    r"num[ée]ro|appelez|appeler|appelle|joindre|rappeler|gsm|handy|telefon|tel[ée]fono|"
    r"m|t|p|ph|c|f)\b|☎|📞)[^\n\d]{0,25}$"
)
#: A cue that makes a number something else than a phone.
_OTHER_CUE = re.compile(
    r"(?i:\b(?:account|acct|a/c|routing|aba|sort\s+code|iban|bic|swift|card|credit\s+card|"
    r"ssn|social\s+security|passport|licen[cs]e|id|identifier|order|invoice|ref|reference|"
    r"policy|claim|tracking|serial|ticket|case|customer\s+(?:no|number)|member(?:ship)?|"
    r"cusip|isin|sedol|ticker|"
    r"compte|rib|carte|commande|facture|dossier|contrat)\b)[^\n\d]{0,20}$"
)
_GROUP = re.compile(r"\d+")
_ROW_GAP = re.compile(r"[ \t]{1,3}")
_DECIMAL = re.compile(r"\d+[.,]\d+")
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{1,3}){2,3}")
_FIGURE = re.compile(r"(?<![\w.,])\d[\d.,]*(?![\w])")
#: An amount written with thousands groups and a currency ("1 250 000 €", "$ 2 500"): one
#: figure, not three in a row of a table.
_AMOUNT = re.compile(
    r"[$€£¥]\s?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])"
    r"|(?<![\d])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?\s?"
    r"(?:[$€£¥]|(?i:eur|euros?|usd|dollars?|gbp|livres?|k€)\b)"
)


def looks_like_figures(
    text: str,
    start: int,
    end: int,
    numbers: list[tuple[int, int]],
    rows: dict[int, bool] | None = None,
) -> bool:
    """Whether the number at text[start:end] is written as figures, not as a phone (see the
    module docstring). `numbers`: every number the matcher found on the text; `rows`: a
    cache of the table test per line, shared by the numbers of one text."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[line_start:start]
    if _PHONE_CUE.search(before[-40:]):
        return False
    value = text[start:end]
    if value[:1] in "+＋(":
        return False
    if _DECIMAL.fullmatch(value):
        return True  # "35.6895": a decimal number (a coordinate, a price)
    if _DOTTED.fullmatch(value):
        return True  # "192.168.10.24", "3.2.1.4": an address or a version
    groups = _GROUP.findall(value)
    separators = re.findall(r"\D+", value.strip())
    if "." in value and any(" " in s for s in separators):
        return True  # "57 72 .442 21": decimals among spaces
    if sum(len(g) == 1 for g in groups) >= 2:
        return True  # "12 5 4 3 15 11 19": a row of scores
    if len(groups) >= 3 and len(groups[0]) == 1 and all(len(g) == 3 for g in groups[1:]):
        return True  # "1 234 567 890": thousands
    if len(groups[0]) == 4 and groups[0][:2] in ("19", "20") and separators[:1] == [" "]:
        return True  # "1990 1 234 567": a year, then a figure
    spaces_only = all(s == " " for s in separators)
    if spaces_only and len(groups) >= 4 and len(groups[0]) <= 2 and groups[0][0] != "0":
        return True  # "68 66 70 204", "38 25 7 6 73": not a national format
    if re.search(r"\d[ ,;]{1,2}$", before) or re.match(r"^[ ,;]{1,2}\d", text[end:line_end]):
        return True  # another figure right beside it
    if rows is None:
        rows = {}
    if line_start not in rows:
        rows[line_start] = _row_of_figures(text[line_start:line_end], line_start, numbers)
    return rows[line_start]


def _row_of_figures(line: str, line_start: int, numbers: list[tuple[int, int]]) -> bool:
    """Three figures in a row on the line, nothing but spaces or tabs between them, apart
    from the numbers the matcher found and amounts (the same for every number of the line)."""
    amounts = _union([m.span() for m in _AMOUNT.finditer(line)])
    spans = _union(numbers)
    outside = [
        m
        for m in _FIGURE.finditer(line)
        if not _inside_any(spans, line_start + m.start()) and not _inside_any(amounts, m.start())
    ]
    return any(
        all(_ROW_GAP.fullmatch(line[a.end() : b.start()]) for a, b in pairwise(run))
        for run in (outside[i : i + 3] for i in range(len(outside) - 2))
    )


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans merged where they overlap, sorted: disjoint, so one bisection finds one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside_any(disjoint: list[tuple[int, int]], position: int) -> bool:
    at = bisect_right(disjoint, (position, float("inf"))) - 1
    return at >= 0 and disjoint[at][0] <= position < disjoint[at][1]


class FiguresAwarePhoneRecognizer(ValidPhoneRecognizer):
    """`ValidPhoneRecognizer` for every configured region, without figures and numbers that
    a cue says are something else (accounts, orders, references)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        if not results:
            return results
        numbers = [(r.start, r.end) for r in results]
        rows: dict[int, bool] = {}
        kept = []
        for result in results:
            before = text[max(0, result.start - 40) : result.start]
            if _OTHER_CUE.search(before) and not _PHONE_CUE.search(before):
                continue
            if looks_like_figures(text, result.start, result.end, numbers, rows):
                continue
            kept.append(result)
        return kept


__all__ = ["FiguresAwarePhoneRecognizer", "looks_like_figures"]
