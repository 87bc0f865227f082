"""Personal-data analyzer: each recognizer, positive and negative, in English and French.

The prompts here are hand-written and held out from the benchmark generator: different
names, formats and sentence shapes, so passing them is not a matter of memorised templates.
Real Presidio and real spaCy models; loaded once per session.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

import pytest

from promptguard.analyzers.personal_data.analyzer import PersonalDataAnalyzer, may_hold_name
from promptguard.analyzers.personal_data.nir import nir_is_valid
from promptguard.config.load import Config
from promptguard.findings import CATEGORIES
from promptguard.nlp.models import NlpModels, ScanText

DATA = Path(__file__).parent / "data" / "pii_prompts.jsonl"


@pytest.fixture(scope="session")
def models(nlp_models) -> NlpModels:
    return nlp_models


@pytest.fixture(scope="session")
def analyzer() -> PersonalDataAnalyzer:
    return PersonalDataAnalyzer(Config())


def scan(analyzer, models, content: str, language: str = ""):
    text = ScanText(content, models, language=language)
    if analyzer.wants_nlp(text):
        models.parse_many([text])
    return [f for f in analyzer.analyze(text) if f.score >= Config().min_score]


def found(analyzer, models, content: str, language: str = "") -> set[tuple[str, str]]:
    return {(f.type, content[f.start : f.end]) for f in scan(analyzer, models, content, language)}


def types(analyzer, models, content: str, language: str = "") -> set[str]:
    return {t for t, _ in found(analyzer, models, content, language)}


# --- people --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "language", "name"),
    [
        ("Send the revised pages to Rosalind Achterberg before lunch.", "en", "Achterberg"),
        ("Boom op: Tadeusz Wrona, cell 07911 123456", "en", "Tadeusz Wrona"),
        ("Ask Mrs Featherstonehaugh whether the garden is free on Tuesday.", "en",
         "Featherstonehaugh"),
        ("Merci de prévenir Mme Quéméneur que la cantine est décalée.", "fr", "Quéméneur"),
        ("Chef machiniste : Yannick LE GOFF, 06 71 22 90 14", "fr", "Yannick LE GOFF"),
        ("Peux-tu remercier Bérénice Vautrin pour le repérage de la ferme ?", "fr", "Vautrin"),
    ],
)  # fmt: skip
def test_person_found(analyzer, models, content, language, name):
    people = [v for t, v in found(analyzer, models, content, language) if t == "PERSON"]
    assert any(name in value or value in name for value in people), people


@pytest.mark.parametrize(
    ("content", "language"),
    [
        ("INT. KITCHEN - NIGHT. The kettle screams.", "en"),
        ("Call Sheet Day 12: Gaffer and Key Grip report to Stage 4 at 06:30.", "en"),
        ("Scene 42, take 3. Print takes 2 and 3.", "en"),
        ("Rédige un synopsis de la séquence 12 en trois lignes.", "fr"),
        ("Feuille de service n° 27, plateau B, PAT 7h.", "fr"),
        ("Generate a moodboard of Paris rooftops at dawn.", "en"),
    ],
)
def test_no_person_in_production_vocabulary(analyzer, models, content, language):
    assert "PERSON" not in types(analyzer, models, content, language)


def test_numbers_and_ids_are_not_people(analyzer, models):
    content = "Reference 4471-B and asset ID X9-22 go to the vendor; slate 14A."
    assert "PERSON" not in types(analyzer, models, content, "en")


# --- email, phone --------------------------------------------------------------------------


def test_email_once_not_as_url(analyzer, models):
    content = "Mail the deck to art.dept@lanternfilms.co.uk today."
    results = scan(analyzer, models, content, "en")
    assert [(f.type, content[f.start : f.end]) for f in results] == [
        ("EMAIL_ADDRESS", "art.dept@lanternfilms.co.uk")
    ]


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "01.23.45.67.89",
        "+33 (0)4 72 10 30 30",
        "(415) 555-0143",
        "+44 20 7946 0958",
        "+1 212 736 3100",
    ],
)
def test_phone_formats(analyzer, models, phone):
    for content, language in ((f"Runner's number: {phone}.", "en"), (f"Joindre au {phone}.", "fr")):
        assert ("PHONE_NUMBER", phone) in found(analyzer, models, content, language)


def test_phone_scores_pass_threshold_and_context_boosts(analyzer, models):
    plain = scan(analyzer, models, "Transport: 06 12 34 56 78", "fr")
    boosted = scan(analyzer, models, "Son téléphone portable : 06 12 34 56 78", "fr")
    plain_score = next(f.score for f in plain if f.type == "PHONE_NUMBER")
    boosted_score = next(f.score for f in boosted if f.type == "PHONE_NUMBER")
    assert plain_score >= 0.5
    assert boosted_score > plain_score


@pytest.mark.parametrize(
    "content",
    [
        "ISBN 978-2-07-036822-8 for the novel we adapt.",
        "Budget line 2024-118-07, total 1 250 000 EUR.",
        "Shoot runs 12/03/2025 to 28/04/2025, 34 days.",
    ],
)
def test_not_phones(analyzer, models, content):
    assert "PHONE_NUMBER" not in types(analyzer, models, content, "en")


def test_phone_is_not_uk_nhs(analyzer, models):
    # Presidio's NHS recognizer reads many ten-digit phone numbers as NHS numbers.
    assert types(analyzer, models, "Ring 020 7946 0958 for the unit base.", "en") == {
        "PHONE_NUMBER"
    }


# --- addresses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "language", "address"),
    [
        ("Scout 1600 Amphitheatre Parkway, Mountain View, CA 94043 for the lobby.", "en",
         "1600 Amphitheatre Parkway, Mountain View, CA 94043"),
        ("Her flat is 221B Baker Street, London NW1 6XE.", "en",
         "221B Baker Street, London NW1 6XE"),
        ("Park trucks outside 48 Wellington Road.", "en", "48 Wellington Road"),
        ("RDV au 12 rue de la Paix, 75002 Paris à 8h.", "fr", "12 rue de la Paix, 75002 Paris"),
        ("Il habite 3 bis avenue Foch.", "fr", "3 bis avenue Foch"),
        ("Décor : 27 quai des Chartrons 33000 Bordeaux", "fr",
         "27 quai des Chartrons 33000 Bordeaux"),
    ],
)  # fmt: skip
def test_street_address(analyzer, models, content, language, address):
    assert ("STREET_ADDRESS", address) in found(analyzer, models, content, language)


@pytest.mark.parametrize(
    ("content", "language"),
    [
        ("Paris", "fr"),
        ("A night exterior in Paris, then London.", "en"),
        ("We need 12 extras and 3 stand-ins.", "en"),
        ("Tourner 2 prises de plus dans la rue.", "fr"),
    ],
)
def test_not_addresses(analyzer, models, content, language):
    assert "STREET_ADDRESS" not in types(analyzer, models, content, language)


# --- numbers with checksums ----------------------------------------------------------------


def test_credit_card_needs_luhn(analyzer, models):
    assert ("CREDIT_CARD", "4539 1488 0343 6467") in found(
        analyzer, models, "Per diem card 4539 1488 0343 6467", "en"
    )
    assert "CREDIT_CARD" not in types(analyzer, models, "Per diem card 4539 1488 0343 6468", "en")


def test_iban_needs_checksum(analyzer, models):
    good = "FR76 3000 6000 0112 3456 7890 189"
    assert ("IBAN_CODE", good) in found(analyzer, models, f"Virement sur {good}", "fr")
    assert "IBAN_CODE" not in types(
        analyzer, models, "Virement sur FR76 3000 6000 0112 3456 7890 188", "fr"
    )


def test_us_ssn(analyzer, models):
    assert ("US_SSN", "536-22-8714") in found(analyzer, models, "SSN 536-22-8714 on file", "en")
    assert "US_SSN" not in types(analyzer, models, "SSN 000-22-8714 on file", "en")


def test_nir_key_check():
    assert nir_is_valid("1 85 05 78 006 084 91")
    assert nir_is_valid("2 85 05 2A 006 084 82")  # Corsica: 2A counts as 19
    assert not nir_is_valid("1 85 05 78 006 084 92")
    assert not nir_is_valid("1 85 05 78 006 084")


def test_fr_nir(analyzer, models):
    content = "Numéro de sécurité sociale : 1 85 05 78 006 084 91."
    results = scan(analyzer, models, content, "fr")
    assert [(f.type, content[f.start : f.end]) for f in results] == [
        ("FR_NIR", "1 85 05 78 006 084 91")
    ]
    assert "FR_NIR" not in types(analyzer, models, "NIR 1 85 05 78 006 084 92", "fr")


# --- context-only entities -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "language", "value"),
    [
        ("Passport number: 584212733, expires 2031.", "en", "584212733"),
        ("Passeport n° 18AV41027 à scanner.", "fr", "18AV41027"),
    ],
)
def test_passport_in_context(analyzer, models, content, language, value):
    assert ("PASSPORT", value) in found(analyzer, models, content, language)


def test_passport_needs_the_word(analyzer, models):
    assert "PASSPORT" not in types(analyzer, models, "Order 584212733 ships Monday.", "en")


@pytest.mark.parametrize(
    ("content", "language", "value"),
    [
        ("DOB: 07/21/1988, union member.", "en", "07/21/1988"),
        ("The stunt double was born on 3 February 1991.", "en", "3 February 1991"),
        ("Comédienne née le 14 juillet 1979 à Brest.", "fr", "14 juillet 1979"),
        ("Date de naissance : 02/11/2001", "fr", "02/11/2001"),
    ],
)
def test_date_of_birth_in_context(analyzer, models, content, language, value):
    assert ("DATE_OF_BIRTH", value) in found(analyzer, models, content, language)


@pytest.mark.parametrize(
    ("content", "language"),
    [
        ("Make it feel like the 1999 film, shot on 35mm.", "en"),
        ("Shoot date 14/03/2025, call 06:30.", "en"),
        ("Tournage le 14 juillet 2025 au port.", "fr"),
    ],
)
def test_dates_are_not_personal(analyzer, models, content, language):
    assert types(analyzer, models, content, language) & {"DATE_OF_BIRTH", "DATE_TIME"} == set()


def test_ip_address(analyzer, models):
    assert ("IP_ADDRESS", "192.168.10.24") in found(
        analyzer, models, "The edit bay NAS is at 192.168.10.24", "en"
    )
    assert "IP_ADDRESS" not in types(analyzer, models, "Use version 3.2.1 of the LUT.", "en")


# --- contract with the scanner -------------------------------------------------------------


def test_finding_shape(analyzer, models):
    content = "Call the gaffer on +1 415 555 0143 or mail crew.desk@example.org"
    results = scan(analyzer, models, content)
    assert {f.type for f in results} == {"PHONE_NUMBER", "EMAIL_ADDRESS"}
    for finding in results:
        assert finding.category == "personal_data" and finding.category in CATEGORIES
        assert finding.analyzer == "personal_data"
        assert finding.subject == finding.type  # the kind, never the value
        assert content[finding.start : finding.end] not in finding.message
        assert "personal data" in finding.message


def test_prepass_skips_spacy_when_no_name_can_be_there(analyzer, models):
    assert not may_hold_name("Scene 42, take 3. Call time 06:30, wrap 19:00.")
    assert not may_hold_name("Generate a moodboard for a rainy alley.")
    assert may_hold_name("The scout went well and Ines Carvalho liked the rooftop.")
    # A name next to a cue ("thank", a phone number, a title) is found without the model.
    assert not may_hold_name("Please thank Ines Carvalho for the scout.")
    assert not may_hold_name("Call Mme Lefèvre on 06 12 34 56 78.")
    # Pattern entities are found without the parse.
    text = ScanText("mail desk@example.org or call 06 12 34 56 78", models, language="fr")
    assert not analyzer.wants_nlp(text)
    assert {f.type for f in analyzer.analyze(text)} == {"EMAIL_ADDRESS", "PHONE_NUMBER"}
    assert not text.has_doc


def test_empty_text(analyzer, models):
    assert analyzer.analyze(ScanText("   ", models, language="en")) == []


# --- offline -------------------------------------------------------------------------------


def test_email_scan_makes_no_network_connection(analyzer, models):
    """tldextract must use its bundled suffix list: any socket connect fails this test."""
    attempts: list[tuple] = []

    def hook(event: str, args: tuple) -> None:
        if event in ("socket.connect", "socket.getaddrinfo"):
            attempts.append(args)

    original = socket.socket.connect

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network disabled in test")

    sys.addaudithook(hook)  # audit hooks cannot be removed; it only records
    socket.socket.connect = refuse
    try:
        result = types(analyzer, models, "Write to someone@some-new-domain.studio today.", "en")
    finally:
        socket.socket.connect = original
    assert "EMAIL_ADDRESS" in result
    assert attempts == []


# --- the benchmark set ---------------------------------------------------------------------


def test_benchmark_sample_recall_and_precision(analyzer, models):
    """A quick slice of the labelled set: the full numbers come from bench/."""
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()][:80]
    gold = hits = predicted = correct = 0
    for record in records:
        results = scan(analyzer, models, record["text"], record["language"])
        spans = record["spans"]
        gold += len(spans)
        predicted += len(results)
        hits += sum(
            any(f.start < s["end"] and s["start"] < f.end and f.type == s["type"] for f in results)
            for s in spans
        )
        correct += sum(
            any(f.start < s["end"] and s["start"] < f.end and f.type == s["type"] for s in spans)
            for f in results
        )
    assert hits / gold >= 0.95
    assert correct / predicted >= 0.95


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_models_vocabulary_answers_presidio_like_a_blank_one(
    nlp_models: NlpModels, language: str
) -> None:
    """Presidio's context words skip stop words and punctuation. A text the model parsed is
    answered from the model's vocabulary (no blank tokenizer loads beside it), so both must
    agree on every word, or a phone's context word would count in one path and not the
    other."""
    import string

    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
    from spacy.lang.fr.stop_words import STOP_WORDS as FRENCH

    from promptguard.nlp.models import blank

    stop_words = ENGLISH if language == "en" else FRENCH
    words = {*stop_words, *(w.title() for w in stop_words), *string.punctuation, "«", "»", "—"}
    words |= {"phone", "téléphone", "passport", "passeport", "née", "born", "Tel", "email"}
    model, tokenizer = nlp_models.get(language).vocab, blank(language).vocab
    differ = [
        word
        for word in words
        if (model[word].is_stop, model[word].is_punct)
        != (tokenizer[word].is_stop, tokenizer[word].is_punct)
    ]
    assert differ == []


def test_context_words_raise_scores_exactly_as_presidios_own_enhancer(models):
    """`InPlaceContextEnhancer` skips Presidio's defensive deep copy: on the labelled prompts
    every result keeps the type, span, score and context word the stock enhancer gives."""
    from presidio_analyzer import AnalyzerEngine

    from promptguard.analyzers.personal_data.analyzer import ENTITIES, LazyArtifacts, get_engine
    from promptguard.nlp.models import blank

    ours = get_engine()
    stock = AnalyzerEngine(
        registry=ours.registry, nlp_engine=ours.nlp_engine, supported_languages=["en", "fr"]
    )
    assert type(stock.context_aware_enhancer) is not type(ours.context_aware_enhancer)
    records = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    boosted = 0
    for record in records[:300]:
        text, language = record["text"], record["language"]
        outcomes = []
        for engine in (ours, stock):
            artifacts = LazyArtifacts(language, lambda t=text, lang=language: blank(lang)(t), [])
            results = engine.analyze(
                text, language, entities=ENTITIES, nlp_artifacts=artifacts,
                return_decision_process=True,
            )  # fmt: skip
            outcomes.append(
                sorted(
                    (
                        r.entity_type,
                        r.start,
                        r.end,
                        r.score,
                        r.analysis_explanation.supportive_context_word,
                    )
                    for r in results
                )  # fmt: skip
            )
        assert outcomes[0] == outcomes[1], text
        boosted += sum(1 for *_, word in outcomes[0] if word)
    assert boosted > 20  # the comparison covered context words that changed scores


def test_a_prompt_without_personal_data_is_never_tokenized_for_presidio(models):
    """Presidio reads tokens only to weigh context words around a result: an ordinary
    prompt (no result) costs no tokenizer pass; a phone number costs exactly one."""
    from promptguard.analyzers.personal_data.analyzer import ENTITIES, LazyArtifacts, get_engine
    from promptguard.nlp.models import blank

    calls = []

    def tokenize(text: str):
        calls.append(text)
        return blank("en")(text)

    engine = get_engine()
    for text, expected_calls in [
        ("A foggy harbour at dawn, oil painting, muted greens, wide shot.", 0),
        ("Call the driver on 07911 123456 when the van is loaded.", 1),
    ]:
        calls.clear()
        artifacts = LazyArtifacts("en", lambda t=text: tokenize(t), [])
        results = engine.analyze(text, "en", entities=ENTITIES, nlp_artifacts=artifacts)
        assert len(calls) == expected_calls
        assert bool(results) == bool(expected_calls)
