"""Personal data in a prompt: names, contact details, identity and bank numbers, addresses,
ages and health facts about someone.

Built on Presidio's recognizers, with three changes that matter on production paperwork:

* spaCy runs once. The scanner parses every text (in batches) for all analyzers; Presidio
  would parse it again. We hand Presidio `NlpArtifacts` built from the scanner's `Doc`, and
  when the text cannot hold a name only NER would find we skip the model entirely and give
  Presidio a tokenizer-only `Doc`, which is enough for the pattern recognizers and their
  context words, and is made only if Presidio's context enhancer reads it. That is decided
  by `name_prepass` (every capitalised word is an ordinary word, a known place or
  sentence-initial) and by the names, addresses and e-mails found without a model
  (`person.ner_free_spans`).
* Only recognizers that find personal data are registered. URLs and generic dates are not
  personal data (a call time or a studio website must not block a prompt), so Presidio's URL
  and DATE_TIME results are never produced — which also removes its "email domain reported
  again as URL" duplicate. UK NHS numbers are left out: on crew lists every ten-digit phone
  number validated as one.
* NER names are cleaned: spans holding digits, single lowercase words, all-caps slugline
  words ("INT", "EXT") and crew-sheet vocabulary ("Call Sheet", "Gaffer") are not people.
  Names written next to a phone or email, or after a title (Mr, Mme, Dr), are found even
  where the small spaCy models miss them.
"""

from __future__ import annotations

import threading
from typing import ClassVar

import regex as re
from presidio_analyzer import (
    AnalysisExplanation,
    AnalyzerEngine,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    UsSsnRecognizer,
)

from promptguard.analyzers.base import Analyzer
from promptguard.analyzers.names.prepass import unexplained_runs
from promptguard.analyzers.personal_data.age import keep_age
from promptguard.analyzers.personal_data.cased_names import (
    listed_with,
    with_title,
)
from promptguard.analyzers.personal_data.cited_artists import outside_citations
from promptguard.analyzers.personal_data.medical import keep_medical
from promptguard.analyzers.personal_data.name_particles import join_particle_names
from promptguard.analyzers.personal_data.news_non_persons_fr import not_a_person_fr
from promptguard.analyzers.personal_data.news_surnames import (
    caps_words_and_places,
    listed_names,
)
from promptguard.analyzers.personal_data.person import (
    NAME_CAPS,
    NAME_WORD,
    PersonRecognizer,
    is_plausible_name,
    may_hold_subject_name,
    ner_free_spans,
    trim_name,
)
from promptguard.analyzers.personal_data.person_names import (
    is_not_a_person,
    may_hold_uncased_name,
    not_a_person_here,
)
from promptguard.analyzers.personal_data.phone_figures import FiguresAwarePhoneRecognizer
from promptguard.analyzers.personal_data.presidio_glue import (
    DocNlpEngine,
    InPlaceContextEnhancer,
    LazyArtifacts,
    _tokenizer,
    person_entities,
)
from promptguard.analyzers.personal_data.recognizers import custom_recognizers
from promptguard.config.load import Config
from promptguard.findings import Finding, merge_overlapping
from promptguard.nlp.models import ScanText

LANGUAGES: tuple[str, ...] = ("en", "fr")

#: Finding.type -> the noun used in the message.
ENTITY_LABELS: dict[str, str] = {
    "PERSON": "A person's name",
    "EMAIL_ADDRESS": "An email address",
    "PHONE_NUMBER": "A phone number",
    "STREET_ADDRESS": "A street address",
    "CREDIT_CARD": "A credit card number",
    "IBAN_CODE": "A bank account number (IBAN)",
    "US_SSN": "A US social security number",
    "FR_NIR": "A French social security number (NIR)",
    "PASSPORT": "A passport number",
    "IP_ADDRESS": "An IP address",
    "US_DRIVER_LICENSE": "A driver's licence number",
    "US_BANK_NUMBER": "A bank account number",
    "NATIONAL_ID": "A national identity or tax number",
    "DATE_OF_BIRTH": "A date of birth",
    "AGE": "A person's age",
    "MEDICAL": "Health information about a person",
}
ENTITIES: list[str] = list(ENTITY_LABELS)

#: "Firstname Lastname" immediately before a phone number or an email ("Tom Okafor: 06…").
_NAME_BEFORE_CONTACT = re.compile(
    rf"(?P<value>{NAME_WORD}(?:[ ]+(?:de\s+|van\s+|von\s+|da\s+|le\s+)?{NAME_CAPS}){{1,2}})"
    r"[ ]*(?:[,:(–—-]|\bon\b|\bat\b|\bau\b|\bsur\b|\bvia\b|\bat\b)?[ ]*[(<\[]?[ ]*$"
)

_build_lock = threading.Lock()
#: (mode, phone regions) -> the Presidio engine built for them.
_engines: dict[tuple[str, tuple[str, ...]], AnalyzerEngine] = {}


class PersonalDataAnalyzer(Analyzer):
    """Finds personal data (GDPR/CCPA sense) that must not reach a non-enterprise AI tool."""

    name = "personal_data"
    categories = ("personal_data",)
    needs_nlp = True
    nlp_needs: ClassVar[frozenset[str]] = frozenset({"ents"})

    def __init__(self, config: Config) -> None:
        self.config = config

    # -- the cheap pre-pass -----------------------------------------------------------------

    def wants_nlp(self, text: ScanText) -> bool:
        """Only names need the spaCy parse (see `may_hold_name`); in full mode, every text."""
        return self.config.mode == "full" or may_hold_name(text.content)

    # -- analysis -------------------------------------------------------------------------------

    def analyze(self, text: ScanText) -> list[Finding]:
        content = text.content
        if not content.strip():
            return []
        language = text.language if text.language in LANGUAGES else "en"
        engine = get_engine(self.config)
        use_ner = text.has_doc or self.needs_parse(text)
        if use_ner:
            doc = text.doc
            artifacts = LazyArtifacts(language, lambda: doc, person_entities(doc))
        else:
            artifacts = LazyArtifacts(language, lambda: _tokenizer(language)(content), [])
        results = engine.analyze(content, language, entities=ENTITIES, nlp_artifacts=artifacts)
        if language == "fr":  # "rue Victor-Hugo", "la frégate Raphaël": whatever found them
            results = [r for r in results if not french_non_person(content, r)]
        results = join_particle_names(content, results)
        results = _add_names_near_contacts(content, results)
        results = _add_listed_names(content, results)
        if language == "fr":  # a list's neighbour too: "Vevey, St - Gall et Berne"
            results = [r for r in results if not french_non_person(content, r)]
        results = _facts_about_people(content, results)
        results = _addresses_stop_at_phones(content, results)
        results = outside_citations(content, results)
        return self._to_findings(content, results)

    def _to_findings(self, content: str, results: list[RecognizerResult]) -> list[Finding]:
        shields = [r for r in results if r.entity_type in ("EMAIL_ADDRESS", "STREET_ADDRESS")]
        nirs = [r for r in results if r.entity_type == "FR_NIR"]
        findings = []
        for result in results:
            if result.entity_type not in ENTITY_LABELS:
                continue
            if result.entity_type in ("CREDIT_CARD", "PHONE_NUMBER") and any(
                n.start < result.end and result.start < n.end for n in nirs
            ):
                # A 15-digit number whose NIR key checks is a NIR, even when it happens to
                # pass Luhn (one number in ten does) or to parse as a phone number.
                continue
            if result.entity_type == "PERSON" and (
                is_not_a_person(content[result.start : result.end])
                or not_a_person_here(content, result.start, result.end)
                or content[result.start - 1 : result.start] == "#"
                or caps_words_and_places(content[result.start : result.end])
            ):
                continue  # "Pixar", "Photoshop", "the Clinton Foundation", "#Tag": not people
            if result.entity_type == "PERSON" and any(
                s.start <= result.start and result.end <= s.end for s in shields
            ):
                # "Victor Hugo" in "12 avenue Victor Hugo", "tom.okafor" in an email: the
                # enclosing finding already covers it, with the right type.
                continue
            label = ENTITY_LABELS[result.entity_type]
            start = result.start
            if result.entity_type == "PERSON":
                start = with_title(content, start)  # "Mr. Ford": the title is masked too
            findings.append(
                Finding(
                    category="personal_data",
                    type=result.entity_type,
                    start=start,
                    end=result.end,
                    score=float(result.score),
                    subject=result.entity_type,
                    message=f"{label} is personal data: it must not go to a non-enterprise "
                    "AI tool.",
                    analyzer=self.name,
                    extra={"recognizer": _recognizer_name(result)},
                )
            )
        return merge_overlapping(findings)


def french_non_person(content: str, result: RecognizerResult) -> bool:
    return result.entity_type == "PERSON" and not_a_person_fr(content, result.start, result.end)


# --- the pre-pass ----------------------------------------------------------------------------


def may_hold_name(content: str) -> bool:
    """True when the text may hold a name only NER would find: a known given name or
    surname written without the usual capitals (which the person recognizer accepts from
    NER only then), or a capitalised run that is not an ordinary word, a known place or a
    lone sentence start (`unexplained_runs`), and not inside a name, address or e-mail that
    the pattern recognizers find on their own."""
    if may_hold_uncased_name(content):
        return True  # a known name in lowercase, ALL CAPS, or alone opening a sentence
    if may_hold_subject_name(content):
        return True  # "Bill is from…", "that Bodega was…": `person.subject_of_verb`
    runs = unexplained_runs(content)
    if not runs:
        return False
    found = ner_free_spans(content)
    return any(not any(s <= run.start and run.end <= e for s, e in found) for run in runs)


# --- Presidio wiring -------------------------------------------------------------------------


def get_engine(config: Config | None = None) -> AnalyzerEngine:
    """The shared Presidio engine for a configuration's mode and phone regions (built once
    per process and key: recognizers are stateless)."""
    config = config or Config()
    key = (config.mode, tuple(config.phone_regions))
    engine = _engines.get(key)
    if engine is None:
        with _build_lock:
            engine = _engines.get(key)
            if engine is None:
                engine = _engines[key] = _build_engine(*key)
    return engine


def _build_engine(mode: str, phone_regions: tuple[str, ...]) -> AnalyzerEngine:
    phone_context = [
        "phone", "telephone", "tel", "cell", "cellphone", "mobile", "call", "text", "whatsapp",
        "téléphone", "portable", "numéro", "joindre", "appeler", "appelez",
    ]  # fmt: skip
    recognizers = []
    for language in LANGUAGES:
        recognizers += [
            PersonRecognizer(language),
            EmailRecognizer(supported_language=language, context=["email", "mail", "courriel"]),
            FiguresAwarePhoneRecognizer(
                supported_language=language,
                supported_regions=phone_regions,
                context=phone_context,
                full=mode == "full",
            ),
            CreditCardRecognizer(supported_language=language),
            # IGNORECASE, as Presidio's own registry adds it: "gb50mvfc3836…" is an IBAN
            IbanRecognizer(supported_language=language, regex_flags=re.I | re.M | re.S),
            UsSsnRecognizer(supported_language=language),
            IpRecognizer(supported_language=language),
            *custom_recognizers(language),
        ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=list(LANGUAGES))
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=DocNlpEngine(),
        supported_languages=list(LANGUAGES),
        context_aware_enhancer=InPlaceContextEnhancer(),
    )


def _add_names_near_contacts(
    content: str, results: list[RecognizerResult]
) -> list[RecognizerResult]:
    """Add "Firstname Lastname" written right before a phone number or an email.

    Crew lists pair a name with its contact; the small NER models miss many such names
    (rare surnames, all-caps family names), but the pairing itself is strong evidence."""
    from presidio_analyzer import RecognizerResult

    added = []
    for result in results:
        if result.entity_type not in ("PHONE_NUMBER", "EMAIL_ADDRESS"):
            continue
        window_start = max(0, result.start - 60)
        window = content[window_start : result.start]
        match = _NAME_BEFORE_CONTACT.search(window)
        if not match:
            continue
        raw_end = window_start + match.end("value")
        start, end = trim_name(content, window_start + match.start(), raw_end)
        if end - start < 3 or " " not in content[start:end].strip():
            continue
        if content[end:raw_end].strip():
            continue  # "New York Energy Desk": a desk or a department before the number
        if any(r.entity_type == "PERSON" and r.start < end and start < r.end for r in results):
            continue
        added.append(
            RecognizerResult(
                "PERSON",
                start,
                end,
                0.7,
                analysis_explanation=AnalysisExplanation("NameNearContact", 0.7),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: "NameNearContact"},
            )
        )
    return results + added


def _add_listed_names(content: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Add known names listed with a person found ("Kovalev, Lee and Phillips")."""
    people = [(r.start, r.end) for r in results if r.entity_type == "PERSON"]
    if not people:
        return results
    added = [
        RecognizerResult(
            "PERSON",
            start,
            end,
            0.6,
            analysis_explanation=AnalysisExplanation("ListedName", 0.6),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: "ListedName"},
        )
        for start, end in {
            *listed_with(content, people),
            *listed_names(content, people, is_plausible_name),  # "Ruiz , Okafor , Kerr"
        }
        if not any(r.start < end and start < r.end for r in results)
    ]
    return results + added


def _facts_about_people(content: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep an age or a medical fact only when it is about someone real: a person found in
    the text, a crew or cast member, the writer (`fact_holder`); "a 40-year-old man" in an
    ideation prompt describes a character."""
    if not any(r.entity_type in _FACT_KEEPERS for r in results):
        return results
    persons = [
        (r.start, r.end)
        for r in results
        if r.entity_type == "PERSON" and not is_not_a_person(content[r.start : r.end])
    ]
    return [
        r
        for r in results
        if r.entity_type not in _FACT_KEEPERS
        or _FACT_KEEPERS[r.entity_type](content, r.start, r.end, persons)
    ]


_FACT_KEEPERS = {"AGE": keep_age, "MEDICAL": keep_medical}


def _addresses_stop_at_phones(
    content: str, results: list[RecognizerResult]
) -> list[RecognizerResult]:
    """An address that runs into a phone number ends before it: at the last sentence end or
    line break, else the last comma, before the number ("181 Canal Street, London NW1 9GG.
    Contact X au 07814 783759"), and is no address when what is left holds no digit ("Rémi
    Gallagher, 323-543-1008": a name and a number, not "Drottninggatan 53"). Otherwise the
    longer address hid the phone, and the person beside it, from the report."""
    phones = [r for r in results if r.entity_type == "PHONE_NUMBER"]
    if not phones:
        return results
    kept = []
    for result in results:
        if result.entity_type == "STREET_ADDRESS":
            starts = [p.start for p in phones if p.start < result.end and result.start < p.end]
            if starts:
                head = content[result.start : min(starts)]
                cut = max(head.rfind(". "), head.rfind("\n"))
                if cut < 0 or not any(c.isdigit() for c in head[:cut]):
                    cut = head.rfind(",")
                head = head[:cut] if cut >= 0 else head
                head = head.rstrip(" \t,;:–—-")
                if not any(c.isdigit() for c in head):
                    continue
                result.end = result.start + len(head)
        kept.append(result)
    return kept


def _recognizer_name(result: RecognizerResult) -> str:
    metadata = result.recognition_metadata or {}
    return str(metadata.get("recognizer_name", ""))


__all__ = [
    "ENTITIES",
    "ENTITY_LABELS",
    "PersonalDataAnalyzer",
    "LazyArtifacts",
    "get_engine",
    "may_hold_name",
    "trim_name",
]
