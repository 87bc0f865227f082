"""Copyrighted-work analyzer: artist styles, artworks, films, series, characters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from promptguard.analyzers.names.copyrighted_works import TYPES, CopyrightedWorkAnalyzer
from promptguard.config.load import Config
from promptguard.nlp.models import ScanText

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def analyzer() -> CopyrightedWorkAnalyzer:
    return CopyrightedWorkAnalyzer(Config())


def found(analyzer, models, text):
    return {(f.type, f.subject) for f in analyzer.analyze(ScanText(text, models))}


@pytest.mark.parametrize(
    ("text", "kind", "subject"),
    [
        ("Create an image inspired by McCurry's Afghan Girl", "ARTWORK", "Afghan Girl"),
        ("A city street in the style of Picasso", "ARTIST_STYLE", "Pablo Picasso"),
        ("A Banksy-style mural on the set wall", "ARTIST_STYLE", "Banksy"),
        ("dragon knight, art by Greg Rutkowski", "ARTIST_STYLE", "Greg Rutkowski"),
        ("Un village à la manière de Miyazaki", "ARTIST_STYLE", "Hayao Miyazaki"),
        ("Une affiche dans le style de Keith Haring", "ARTIST_STYLE", "Keith Haring"),
        ("like a frame from Blade Runner, neon rain", "FILM", "Blade Runner"),
        ("a still from the film Her, pastel colours", "FILM", "Her"),
        ("Darth Vader having tea in a garden", "CHARACTER", "Darth Vader"),
        ("a pikachu plush on the bed", "CHARACTER", "Pikachu"),
        ("Homer Simpson eating a donut", "CHARACTER", "Homer Simpson"),
        ("scene from The Crown, palace corridor", "SERIES", "The Crown"),
        ("Star Wars spaceship over the desert", "FRANCHISE", "Star Wars"),
        ("Un plan façon Harry Potter dans la cantine", "FRANCHISE", "Harry Potter"),
        ("une affiche comme dans Astérix", "FRANCHISE", "Astérix"),
        ('a remake of "Heat" set in Lyon', "FILM", "Heat"),
    ],
)
def test_finds_copyrighted_references(analyzer, nlp_models, text, kind, subject):
    assert (kind, subject) in found(analyzer, nlp_models, text)


@pytest.mark.parametrize(
    "text",
    [
        "A portrait in the style of Vermeer, soft window light.",
        "A landscape in the style of Van Gogh",
        "Une nature morte dans le style de Rembrandt.",
        "Mona Lisa smiling at the camera",  # public-domain painting
        "We should go up the hill before the heat gets worse.",
        "Her coat is red. It is raining.",
        "Heat the pan, then add the onions.",
        "The office is closed; the crown moulding needs paint.",
        "Un lac gelé à l'aube, la chaleur monte.",
        "John Smith holds the boom while Maria Garcia adjusts the light.",
        "Harrison Ford running through the jungle",  # a person, not the car
        "",
    ],
)
def test_public_domain_and_ordinary_phrases_are_not_reported(analyzer, nlp_models, text):
    # A public-domain master's style is shown for the record (severity info), never more.
    findings = analyzer.analyze(ScanText(text, nlp_models))
    assert [f for f in findings if f.severity != "info"] == []
    for finding in findings:
        assert finding.type == "ARTIST_STYLE"
        assert finding.extra["status"] == "public_domain"


def test_finding_shape(analyzer, nlp_models):
    text = "Poster art in the style of Andy Warhol, bold colours."
    [finding] = analyzer.analyze(ScanText(text, nlp_models))
    assert finding.type in TYPES and finding.category == "copyrighted_work"
    assert text[finding.start : finding.end] == "Andy Warhol"
    assert finding.message == (
        "Asking for the style of Andy Warhol, whose work is in copyright until 2057, "
        "needs clearance."
    )


def test_labelled_set_meets_the_targets(analyzer, nlp_models):
    rows = [json.loads(line) for line in (DATA / "works_labelled.jsonl").open(encoding="utf-8")]
    positives = [r for r in rows if r["label"]]
    negatives = [r for r in rows if not r["label"]]
    hits = sum(
        bool(analyzer.analyze(ScanText(r["text"], nlp_models, r["language"]))) for r in positives
    )
    # Public-domain styles in the negatives are reported for the record only (severity info).
    alarms = sum(
        any(
            f.severity != "info"
            for f in analyzer.analyze(ScanText(r["text"], nlp_models, r["language"]))
        )
        for r in negatives
    )
    assert hits / len(positives) >= 0.9
    assert alarms <= 1


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("a cute fox, disney pixar style, 3d render", "Walt Disney Animation Studios"),
        ("dreamworks style character, octane render", "DreamWorks Animation"),
        (
            "The aesthetic must be 'Disney Character' style, large eyes",
            "Walt Disney Animation Studios",
        ),
    ],
)
def test_studios_by_their_short_names(analyzer, nlp_models, text, subject) -> None:
    """Prompts write "disney", "dreamworks": the studio's house style, not Walt Disney the
    man (his surname is the studio's name) and not nothing."""
    assert ("STUDIO", subject) in found(analyzer, nlp_models, text)


def test_a_trip_to_disney_world_is_no_studio_style(analyzer, nlp_models) -> None:
    assert (
        found(analyzer, nlp_models, "We went to Disney World last summer with the kids.") == set()
    )
