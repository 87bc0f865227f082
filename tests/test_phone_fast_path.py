"""Phone numbers: the cheap path must find exactly what phonenumbers' matcher finds, plus
the French overseas numbers it missed, and nothing in times, dates, IBANs or card numbers.

Real Presidio, real phonenumbers metadata, real spaCy models (session fixtures). The
equivalence tests compare against Presidio's own `PhoneRecognizer` (the full matcher per
region) on the labelled prompt set and on generated phone-like noise.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import (
    COUNTRY_CODES_FOR_NON_GEO_REGIONS,
    SUPPORTED_REGIONS,
    region_code_for_country_code,
)
from presidio_analyzer import EntityRecognizer
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

from promptguard.analyzers.personal_data.analyzer import PersonalDataAnalyzer, get_engine
from promptguard.analyzers.personal_data.phone import (
    MIN_PHONE_DIGITS,
    ValidPhoneRecognizer,
    french_overseas_numbers,
    may_hold_phone_number,
    number_start,
    overseas_range,
)
from promptguard.config.defaults import DEFAULT_PHONE_REGIONS
from promptguard.config.load import Config
from promptguard.nlp.models import NlpModels, ScanText

DATA = Path(__file__).parent / "data" / "pii_prompts.jsonl"
#: The pruning tests use three regions; the engine's wiring and the digit bound, the defaults.
REGIONS = ("FR", "US", "GB")


@pytest.fixture(scope="session")
def analyzer() -> PersonalDataAnalyzer:
    return PersonalDataAnalyzer(Config())


@pytest.fixture(scope="module")
def fast() -> ValidPhoneRecognizer:
    """The recognizer as the engine builds it (same regions, default leniency)."""
    return ValidPhoneRecognizer(supported_language="en", supported_regions=REGIONS)


@pytest.fixture(scope="module")
def plain() -> PhoneRecognizer:
    """Presidio's recognizer: `PhoneNumberMatcher` over the whole text, once per region."""
    return PhoneRecognizer(supported_language="en", supported_regions=REGIONS)


def phones(analyzer: PersonalDataAnalyzer, models: NlpModels, content: str, language: str):
    """(start, end) of the phone findings a user would see for this prompt."""
    text = ScanText(content, models, language=language)
    if analyzer.wants_nlp(text):
        models.parse_many([text])
    return sorted(
        (f.start, f.end)
        for f in analyzer.analyze(text)
        if f.type == "PHONE_NUMBER" and f.score >= Config().min_score
    )


def spans(recognizer, content: str) -> set[tuple[int, int]]:
    """(start, end) of each number, an unclosed opening bracket left out as ours leaves it
    out ("(07.45.89.12.33" is the number 07.45.89.12.33)."""
    found = recognizer.analyze(content, ["PHONE_NUMBER"])
    return {(number_start(content, r.start, r.end), r.end) for r in found}


def where(content: str, *numbers: str) -> list[tuple[int, int]]:
    return sorted((content.index(n), content.index(n) + len(n)) for n in numbers)


# --- numbers found, at the right offsets ---------------------------------------------------


@pytest.mark.parametrize(
    ("template", "language"),
    [
        ("Unit list: grip Sunniva Aalto {0}, driver Bartek Nowicki {1}, office {2}.", "en"),
        ("Please ring the location owner on {0} (after 6pm {1}); the London office is {2}", "en"),
        ("Équipe : chef électro {0} ; régie {1} ; bureau de Londres {2}.", "fr"),
        ("Merci d'appeler la loueuse au {0}, sinon le {1} ou le {2}, avant 18h.", "fr"),
    ],
)
@pytest.mark.parametrize(
    "numbers",
    [
        ("06 21 43 65 87", "(646) 555-0173", "020 7946 0321"),
        ("+33 7 58 12 90 44", "+1 310 555 0188", "+44 7911 123456"),
        ("01.45.22.78.90", "818-555-0102", "07400 654 321"),
        ("0478123456", "+1-512-555-0144", "+44 161 496 0222"),
    ],
)
def test_fr_us_gb_numbers_found_at_their_offsets(analyzer, nlp_models, template, language, numbers):
    content = template.format(*numbers)
    assert phones(analyzer, nlp_models, content, language) == where(content, *numbers)


def test_no_digit_run_no_phone(analyzer, nlp_models, fast):
    for content in (
        "Generate a moodboard for a rain-soaked neon alley, anamorphic flares.",
        "Scene 42, take 3. Call time 06:30, wrap 19:45. Day 12 of 48.",
        "Propose une palette pour EXT. DÉSERT - JOUR, séquence 12, prise 4.",
    ):
        assert not may_hold_phone_number(content)
        assert fast.analyze(content, ["PHONE_NUMBER"]) == []
        assert phones(analyzer, nlp_models, content, "en") == []


def test_prepass_keeps_the_shortest_valid_numbers():
    # Six digits is the shortest valid number written with a country code (Austria).
    assert may_hold_phone_number("Vienna office: +43 1234.")
    assert may_hold_phone_number("Ring 0161 496 0222")
    assert not may_hold_phone_number("Lens kit: 35mm, 50mm, 85mm, 12:30 call.")


# --- look-alikes stay what they are ---------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "language", "kept"),
    [
        ("Call time 06:30, wrap 19:45, lunch 13h00.", "en", None),
        ("Shoot date 03/14/2025, then 14/03/2025 and 2025-03-14.", "en", None),
        ("Log entry 2025-03-14 08:00:12 from the DIT cart.", "en", None),
        ("Virement sur FR76 3000 6000 0112 3456 7890 189 avant vendredi.", "fr", "IBAN_CODE"),
        ("IBAN FR7630006000011234567890189 please.", "en", "IBAN_CODE"),
        ("Pay to GB29 NWBK 6016 1331 9268 19 today.", "en", "IBAN_CODE"),
        ("Per diem card 4532 0151 1283 0366, expires soon.", "en", "CREDIT_CARD"),
        ("Card 4532-0151-1283-0366 or 4532015112830366.", "en", "CREDIT_CARD"),
        ("Amex 3782 822463 10005 for the hotel.", "en", "CREDIT_CARD"),
        ("CB : 5500 0000 0000 0004.", "fr", "CREDIT_CARD"),
        ("ISBN 978-2-07-036822-8 for the novel.", "en", None),
        ("Budget: $1,250,000 and 1 250 000 €.", "en", None),
        ("Server at 192.168.10.24, version 3.2.1.", "en", "IP_ADDRESS"),
    ],
)
def test_times_dates_ibans_cards_are_not_phones(
    analyzer, nlp_models, fast, content, language, kept
):
    assert fast.analyze(content, ["PHONE_NUMBER"]) == []
    text = ScanText(content, nlp_models, language=language)
    if analyzer.wants_nlp(text):
        nlp_models.parse_many([text])
    found = {f.type for f in analyzer.analyze(text) if f.score >= Config().min_score}
    assert "PHONE_NUMBER" not in found
    if kept:
        assert kept in found


# --- the French overseas numbers the matcher missed --------------------------------------


@pytest.mark.parametrize(
    ("content", "number", "language"),
    [
        # The three numbers of the 2,000-prompt throughput log: Mayotte's 06 39 range, in
        # blocks phonenumbers does not list, written the metropolitan way.
        ("Équipe :\n- machiniste Haruto Okonkwo : +33 6 39 38 06 90\n", "+33 6 39 38 06 90", "fr"),
        ("Mail : c.f@example.fr, portable +33 (0)6 39 22 25 79.", "+33 (0)6 39 22 25 79", "fr"),
        ("Call sheet crew:\nUnit manager: Mei Saadi – 0639344775\n", "0639344775", "en"),
        # Other overseas ranges of the French plan, national and international.
        ("Régie Guadeloupe : 06 90 41 22 87.", "06 90 41 22 87", "fr"),
        ("Standard de la Réunion : 02 62 90 14 33.", "02 62 90 14 33", "fr"),
        ("Fixer in Mayotte: +262 639 34 47 75.", "+262 639 34 47 75", "en"),
    ],
)  # fmt: skip
def test_french_overseas_numbers_found(analyzer, nlp_models, content, number, language):
    assert phones(analyzer, nlp_models, content, language) == where(content, number)


def test_overseas_number_gets_context_boost(analyzer, nlp_models):
    """Same RecognizerResult shape as the matcher's: Presidio's context words still count."""

    def score(content: str) -> float:
        text = ScanText(content, nlp_models, language="fr")
        return next(f.score for f in analyzer.analyze(text) if f.type == "PHONE_NUMBER")

    plain, boosted = score("Régie : 06 39 34 47 75"), score("Son portable : 06 39 34 47 75")
    assert plain >= Config().min_score
    assert boosted > plain


def test_french_format_outside_overseas_ranges_is_not_added(fast):
    assert overseas_range("639") == "YT" and overseas_range("690") == "GP"
    assert overseas_range("700") is None  # 07 00: not a range any territory uses
    for content in (
        "Ligne 07 00 12 34 56 à vérifier.",  # unassigned range
        "Référence 0639344775123 du devis.",  # a longer number
        "Commande 12 06 39 34 47 75 livrée.",  # part of a longer run of groups
    ):
        assert french_overseas_numbers(content) == []
        assert fast.analyze(content, ["PHONE_NUMBER"]) == []


# --- same results as the full matcher ------------------------------------------------------


def check_same_or_better(fast, plain, content: str) -> None:
    """Everything the full matcher finds, and beyond it only French overseas numbers."""
    before, after = spans(plain, content), spans(fast, content)
    assert before <= after, content
    extra = {(s, e) for s, e, _ in french_overseas_numbers(content)}
    assert after - before <= extra, content


def test_same_numbers_as_the_full_matcher_on_the_labelled_prompts(fast, plain):
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    for record in records:
        check_same_or_better(fast, plain, record["text"])


_PIECES = [
    "+", "(", ")", " ", "-", ".", "/", "x", " ext. ", "#", ":", "00", "0", "1", "33", "44",
    "6", "7", "212", "555", "0142", "12", "34", "56", "78", "06", "a", "Tel", "\n", "–",
    "\u00a0", "٣", "０", ":30", "2025-01-02 08:00", "1/2/2020", "€", "%", ";ext=12",
    "+33 6 12 34 56 78", "(415) 555-0143", "+44 20 7946 0958", "0612345678", "07700 900123",
    "+49 30 123456", "+43 1234", "06 39 34 47 75", "1-800-555-0199 ext 12",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=20).map("".join))
def test_same_numbers_as_the_full_matcher_on_phone_like_noise(fast, plain, content):
    check_same_or_better(fast, plain, content)


def test_min_phone_digits_holds_for_every_numbering_plan():
    """The fast path skips runs shorter than MIN_PHONE_DIGITS: no valid number may be shorter,
    written with a country code (any plan) or nationally (the regions the engine uses)."""
    kinds = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost",
             "personal_number", "voip", "pager", "uan", "voicemail")  # fmt: skip

    def shortest(metadata) -> int:
        lengths = [
            length
            for kind in kinds
            if (desc := getattr(metadata, kind)) is not None and desc.national_number_pattern
            for length in (desc.possible_length or metadata.general_desc.possible_length)
            if length > 0
        ]
        rule = metadata.national_prefix_transform_rule or ""
        added = len(re.findall(r"\d", re.sub(r"\\\d", "", rule)))  # digits the rule inserts
        return min(lengths) - added

    for region in SUPPORTED_REGIONS:
        metadata = PhoneMetadata.metadata_for_region(region)
        if region_code_for_country_code(metadata.country_code) == region:
            assert len(str(metadata.country_code)) + shortest(metadata) >= MIN_PHONE_DIGITS
    for code in COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        metadata = PhoneMetadata.metadata_for_nongeo_region(code)
        assert len(str(code)) + shortest(metadata) >= MIN_PHONE_DIGITS
    for region in DEFAULT_PHONE_REGIONS:
        assert shortest(PhoneMetadata.metadata_for_region(region)) >= MIN_PHONE_DIGITS


def test_engine_wiring_unchanged():
    """Still one Presidio recognizer per language, which the engine runs like any other."""
    recognizers = [
        r for r in get_engine().registry.recognizers if isinstance(r, ValidPhoneRecognizer)
    ]
    assert sorted(r.supported_language for r in recognizers) == ["en", "fr"]
    for recognizer in recognizers:
        assert isinstance(recognizer, EntityRecognizer)
        assert tuple(recognizer.supported_regions) == DEFAULT_PHONE_REGIONS
        assert recognizer.supported_entities == ["PHONE_NUMBER"]


def test_presidio_built_beside_promptguard_keeps_its_own_recognizers(analyzer) -> None:
    """Presidio's registry finds its predefined recognizers by class name among every
    subclass loaded: a promptguard class named like one of them would silently replace it
    in the user's own Presidio engines (and in the benchmarks' plain-Presidio column)."""
    from presidio_analyzer import RecognizerRegistry

    registry = RecognizerRegistry()
    registry.load_predefined_recognizers(languages=["en"])
    modules = {type(r).__module__ for r in registry.recognizers}
    assert not any(m.startswith("promptguard") for m in modules), modules
