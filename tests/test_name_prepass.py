"""The name pre-pass decides which prompts need the spaCy entity recognizer.

It must never hide a name from NER (a miss is personal data sent out), and it should send
as few ordinary prompts as it can (every parse costs milliseconds on every send)."""

from __future__ import annotations

import pytest

from promptguard.analyzers.names.prepass import capitalised_runs, unexplained_runs
from promptguard.analyzers.personal_data.analyzer import PersonalDataAnalyzer, may_hold_name
from promptguard.config.load import Config
from promptguard.nlp.models import ScanText


def words(text: str) -> list[str]:
    return [" ".join(run.words) for run in unexplained_runs(text)]


def test_runs_are_capitalised_words_on_one_line() -> None:
    text = "INT. LOFT - Emma Whitaker meets the Los Angeles crew.\nParis Hilton"
    runs = [(" ".join(r.words), text[r.start : r.end]) for r in capitalised_runs(text)]
    assert ("Emma Whitaker", "Emma Whitaker") in runs
    assert ("Los Angeles", "Los Angeles") in runs
    assert ("Paris Hilton", "Paris Hilton") in runs
    assert all("INT" not in run for run, _ in runs)  # all-caps slugline words are not names


@pytest.mark.parametrize(
    "prompt",
    [
        "Golden-hour moodboard, Wide Shot, Budget and Format notes for the Western.",
        "A rainy night in Paris, then the crew flies to Los Angeles.",  # places
        "Location notes for Brooklyn and Albuquerque.",  # unambiguous places
        "Rédige une note pour le tournage à Lyon, Décor et Costumes.",
        "Imagine a lighthouse at dusk.",  # a sentence's first word
        "A French crew shoots a Victorian interior.",  # nationality and style adjectives
    ],
)
def test_ordinary_capitalised_words_need_no_model(prompt: str) -> None:
    assert words(prompt) == []
    assert not may_hold_name(prompt)


@pytest.mark.parametrize(
    ("prompt", "left"),
    [
        ("The scout went well and Ines Carvalho liked the rooftop.", "Ines Carvalho"),
        ("Moodboard for the rooftop scene, Jane Doe at dawn.", "Jane Doe"),
        # a place that is also a name counts as a place only after "in", "à", "from"…
        ("A moodboard of Paris rooftops.", "Paris"),
        ("Photos of Lincoln for the mood board.", "Lincoln"),
        # ordinary words around a name are trimmed, the name is kept
        ("Ask Director Okonkwo Whitfield about it.", "Okonkwo Whitfield"),
        # a famous name whose surname is an ordinary word is still a name
        ("A portrait in the manner of Emma Stone.", "Emma"),
    ],
)
def test_possible_names_go_to_the_model(prompt: str, left: str) -> None:
    assert any(left in run for run in words(prompt)), words(prompt)
    assert may_hold_name(prompt)


def test_a_place_that_is_a_name_after_a_locative_is_a_place() -> None:
    assert words("Second unit shoots in Paris and in Austin.") == []
    assert words("Second unit shoots Paris and Austin.") == ["Paris", "Austin"]


def test_skipping_the_model_keeps_names_found_by_cues(nlp_models) -> None:  # noqa: ANN001
    analyzer = PersonalDataAnalyzer(Config())
    text = ScanText(
        "Unit base in Brooklyn. Call Mme Lefèvre on 06 12 34 56 78 or mail tom.okafor@example.com.",
        nlp_models,
        language="en",
    )
    assert not analyzer.wants_nlp(text)
    found = {(f.type, text.content[f.start : f.end]) for f in analyzer.analyze(text)}
    assert ("PERSON", "Mme Lefèvre") in found  # the title is masked with the name
    assert ("PHONE_NUMBER", "06 12 34 56 78") in found
    assert not text.has_doc  # the model never ran
    assert not any(kind == "PERSON" and "Brooklyn" in value for kind, value in found)


def test_no_weak_cue_name_without_the_model(nlp_models) -> None:  # noqa: ANN001
    """A name after "from"/"with" is trusted only where NER saw no place; when the pre-pass
    skipped NER, every such run was explained as a place or ordinary words."""
    analyzer = PersonalDataAnalyzer(Config())
    text = ScanText("Drive the van from Los Angeles to Albuquerque.", nlp_models, language="en")
    assert not analyzer.wants_nlp(text)
    assert analyzer.analyze(text) == []


def test_a_name_written_before_its_phone_number_needs_no_model(nlp_models) -> None:  # noqa: ANN001
    analyzer = PersonalDataAnalyzer(Config())
    text = ScanText("Send the notes to Tom Okafor on +1 415 555 0143.", nlp_models, "en")
    assert not analyzer.wants_nlp(text)
    found = {(f.type, text.content[f.start : f.end]) for f in analyzer.analyze(text)}
    assert ("PERSON", "Tom Okafor") in found
