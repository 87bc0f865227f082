"""National identity and tax numbers, validated with python-stdnum's checksums.

python-stdnum (LGPL) implements the check digits of hundreds of national numbers; here the
ones productions meet on paperwork. Each number is looked for with its written shape, then
validated by its stdnum module; most also need their cue just before them ("BSN", "SIN",
"Aadhaar", "codice fiscale"…), since a nine-digit run passes a mod-11 check one time in ten.
Shapes distinctive enough with their checksum (an Italian codice fiscale, a Brazilian CPF
written with its dots and dash, a Spanish DNI/NIE with its letter) need no cue.

A number after a generic identity cue ("national ID", "ID number", "voter ID", "tax ID",
"visa") is reported too: there the cue is the evidence, as for passports.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import regex as re
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from promptguard.analyzers.personal_data.cue_window import cue_before, result


@dataclass(frozen=True)
class IdKind:
    name: str
    shape: str
    module: str | None  # a python-stdnum module, or None: the cue alone is the evidence
    cue: str | None  # None: the shape and checksum are evidence enough


_KINDS = (
    IdKind("US ITIN", r"9\d{2}-?\d{2}-?\d{4}", "us.itin", r"itin|taxpayer\s+id(?:entification)?"),
    IdKind("US EIN", r"\d{2}-\d{7}", "us.ein", r"ein|employer\s+id(?:entification)?|tax\s+id"),
    IdKind("Spanish DNI", r"\d{8}-?[A-Za-z]", "es.dni", r"dni|nif|documento|d\.n\.i\."),
    IdKind("Spanish NIE", r"[XYZxyz]-?\d{7}-?[A-Za-z]", "es.nie", r"nie|n\.i\.e\.|extranjero"),
    IdKind(
        "Italian codice fiscale",
        r"[A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z]\d{3}[A-Za-z]",
        "it.codicefiscale",
        None,
    ),  # fmt: skip
    IdKind("Brazilian CPF", r"\d{3}\.\d{3}\.\d{3}-\d{2}", "br.cpf", None),
    IdKind("Brazilian CPF", r"\d{11}", "br.cpf", r"cpf"),
    IdKind("Dutch BSN", r"\d{9}|\d{4}\.\d{2}\.\d{3}", "nl.bsn", r"bsn|burgerservicenummer"),
    IdKind(
        "Belgian national number",
        r"\d{2}\.?\d{2}\.?\d{2}-?\d{3}\.?\d{2}",
        "be.nn",
        r"rijksregisternummer|num[ée]ro\s+national|national\s+(?:register\s+)?number|nn",
    ),  # fmt: skip
    IdKind("Canadian SIN", r"\d{3}[ -]?\d{3}[ -]?\d{3}", "ca.sin", r"sin|social\s+insurance"),
    IdKind("Indian Aadhaar", r"\d{4}[ -]?\d{4}[ -]?\d{4}", "in_.aadhaar", r"aadhaa?r|uid(?:ai)?"),
    IdKind("Indian PAN", r"[A-Za-z]{5}\d{4}[A-Za-z]", "in_.pan", r"pan(?:\s+card)?"),
    IdKind(
        "German tax id",
        r"\d{2} ?\d{3} ?\d{3} ?\d{3}",
        "de.idnr",
        r"steuer-?id|steueridentifikationsnummer|idnr|tax\s+id",
    ),  # fmt: skip
    IdKind(
        "UK National Insurance number",
        r"(?!BG|GB|NK|KN|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]",
        None,
        r"national\s+insurance|ni|nino|n\.i\.",
    ),  # fmt: skip
    IdKind("NHS number", r"\d{3}[ -]?\d{3}[ -]?\d{4}", "gb.nhs", r"nhs"),
    IdKind("Swiss AHV number", r"756\.?\d{4}\.?\d{4}\.?\d{2}", "ch.ssn", None),
    IdKind("Portuguese NIF", r"\d{9}", "pt.nif", r"nif|contribuinte"),
    IdKind(
        "national id",
        r"(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{4,16}[A-Za-z0-9]",
        None,
        r"national\s+id(?:entity)?(?:\s+card)?|id\s+card|identity\s+(?:card|number)|"
        r"id\s+(?:number|no)|voter\s+id|tax\s+id|tin|visa|carte\s+d['’]identit[ée]|"
        r"num[ée]ro\s+d['’]identit[ée]|personalausweis|dni|nie|cni|ein|itin|"
        r"employer\s+id(?:entification)?(?:\s+number)?",
    ),  # fmt: skip
)


def _cue_pattern(cue: str) -> re.Pattern:
    return re.compile(
        rf"(?i:\b(?:{cue}))\b(?:\s*(?:no|nr|number|num|#|n°))?\.?(?:\s+(?:is|was|:))?"
        r"[\s:#=-]*$"
    )


_COMPILED = [
    (
        kind,
        re.compile(rf"(?<![\w.-])(?:{kind.shape})(?![\w]|[.-]\w)"),
        _cue_pattern(kind.cue) if kind.cue else None,
    )
    for kind in _KINDS
]


@cache
def _validator(module: str) -> Callable[[str], bool]:
    return importlib.import_module(f"stdnum.{module}").is_valid


class NationalIdRecognizer(LocalRecognizer):
    """NATIONAL_ID: checksummed national and tax numbers, and values after an id cue."""

    CHECKED_SCORE = 0.8
    CUE_SCORE = 0.7

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(
            supported_entities=["NATIONAL_ID"],
            supported_language=supported_language,
            name="NationalIdRecognizer",
        )

    def load(self) -> None:
        """Nothing to load: stdnum modules load on first use."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if (entities and "NATIONAL_ID" not in entities) or not any(c.isdigit() for c in text):
            return []
        found: dict[tuple[int, int], RecognizerResult] = {}
        for kind, shape, cue in _COMPILED:
            for match in shape.finditer(text):
                span = match.span()
                if span in found:
                    continue
                if cue is not None and not cue_before(cue, text, match.start()):
                    continue
                if kind.module is not None:
                    try:
                        valid = _validator(kind.module)(match.group())
                    except Exception:  # noqa: BLE001 - a validator must not sink a scan
                        valid = False
                    if not valid:
                        continue
                score = self.CHECKED_SCORE if kind.module else self.CUE_SCORE
                found[span] = result(
                    "NATIONAL_ID", *span, score, f"{self.name}:{kind.name}", self.id
                )
        return list(found.values())
