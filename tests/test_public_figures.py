"""Public-figure / deceased-figure analyzer: real lists, real spaCy, no mocks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import promptguard
from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.lexicon import get_lexicon
from promptguard.analyzers.names.packed import Artist, Person
from promptguard.analyzers.names.public_figures import PublicFigureAnalyzer
from promptguard.config.load import Config
from promptguard.findings import CATEGORIES
from promptguard.nlp.models import ScanText

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def analyzer() -> PublicFigureAnalyzer:
    return PublicFigureAnalyzer(Config())


def scan(analyzer, models, text, language=""):
    scan_text = ScanText(text, models, language)
    if analyzer.wants_nlp(scan_text):
        models.parse_many([scan_text])
    return analyzer.analyze(scan_text)


def found(analyzer, models, text, language=""):
    return {(f.category, f.subject) for f in scan(analyzer, models, text, language)}


@pytest.mark.parametrize(
    ("text", "category", "subject"),
    [
        ("Create a character with Meryl Streep's nose.", "public_figure", "Meryl Streep"),
        ("meryl strep as a pirate queen", "public_figure", "Meryl Streep"),
        ("MARILYN MONROE on a beach at dusk", "deceased_figure", "Marilyn Monroe"),
        ("Beyonce singing on a rooftop", "public_figure", "Beyoncé"),
        ("Samuel Jackson orders a burger", "public_figure", "Samuel L. Jackson"),
        ("Meryl L. Streep at the Oscars", "public_figure", "Meryl Streep"),
        ("Tom Hnaks smiling at the camera", "public_figure", "Tom Hanks"),
        ("a close-up of Streep's hands", "public_figure", "Meryl Streep"),
        ("Prince's voice singing our jingle", "deceased_figure", "Prince"),
        ("Queen Elizabeth II waving from a carriage", "deceased_figure", "Elizabeth II"),
        ("emma stone walking her dog", "public_figure", "Emma Stone"),
        ("Harrison Ford in a leather jacket", "public_figure", "Harrison Ford"),
        (
            "Crée un personnage avec le visage de Marion Cotillard.",
            "public_figure",
            "Marion Cotillard",
        ),
        ("Un portrait de Johnny Hallyday sur scène", "deceased_figure", "Johnny Hallyday"),
        ("Fais parler Edith Piaf dans la bande-annonce", "deceased_figure", "Édith Piaf"),
    ],
)
def test_finds_famous_people_with_status(analyzer, nlp_models, text, category, subject):
    assert (category, subject) in found(analyzer, nlp_models, text)


@pytest.mark.parametrize(
    "text",
    [
        "Call sheet: gaffer John Smith, grip Maria Garcia, boom David Brown.",
        "Feuille de service : Pierre Martin et Sophie Bernard, 7 h.",
        "The prince of Persia climbs the tower.",
        "Prince of Persia fan art",
        "Le prince charmant arrive à cheval.",
        "A Madonna and Child altarpiece in gold leaf.",
        "A portrait in the style of Picasso",  # the style is copyrighted_works' business
        "Abraham Lincoln delivering a speech",  # dead too long for any estate
        "you will smith the iron in the forge",
        "",
    ],
)
def test_ordinary_names_and_words_are_not_public_figures(analyzer, nlp_models, text):
    # A historical figure is recorded with severity info (no clearance), never more.
    assert [f for f in scan(analyzer, nlp_models, text) if f.severity != "info"] == []


def test_historical_figures_are_recorded_without_clearance(analyzer, nlp_models):
    (finding,) = scan(analyzer, nlp_models, "Abraham Lincoln delivering a speech")
    assert (finding.category, finding.severity) == ("deceased_figure", "info")
    assert finding.extra["status"] == "historical"
    assert finding.extra["needs_clearance"] is False


def test_finding_carries_offsets_and_a_plain_message(analyzer, nlp_models):
    text = "Make the lead look like Marilyn Monroe."
    [finding] = scan(analyzer, nlp_models, text)
    assert text[finding.start : finding.end] == "Marilyn Monroe"
    assert finding.category in CATEGORIES
    assert finding.message == (
        "Marilyn Monroe (1926–1962) is deceased: likeness needs clearance from the estate."
    )
    [living] = scan(analyzer, nlp_models, "A cameo by Tom Hanks")
    assert living.message == "Tom Hanks is a living public figure: likeness needs written approval."


def test_required_people_are_listed_with_the_right_status():
    lexicon = get_lexicon()

    def person(name: str) -> Person:
        refs = [i for kind, i, _a in lexicon.lookup(fold(name)) if kind == "p"]
        assert refs, name
        return max((lexicon.person(i) for i in refs), key=lambda p: p.fame)

    for name in (
        "Meryl Streep",
        "Tom Hanks",
        "Beyoncé",
        "Harrison Ford",
        "Taylor Swift",
        "Barack Obama",
    ):
        assert not person(name).deceased(), name
    for name in (
        "Marilyn Monroe",
        "Elvis Presley",
        "Michael Jackson",
        "Prince",
        "Whitney Houston",
        "Robin Williams",
        "Heath Ledger",
        "Queen Elizabeth II",
    ):
        assert person(name).deceased(), name
    assert len(lexicon.people_rows) > 50_000


def test_every_oscar_acting_nominee_is_listed():
    rows = (DATA / "names_labelled.jsonl").read_text(encoding="utf-8")
    assert rows  # the labelled set exists; the lists themselves are checked below
    lexicon = get_lexicon()
    for name in ("Emil Jannings", "Richard Barthelmess", "Teyana Taylor", "Elle Fanning"):
        assert any(kind == "p" for kind, _i, _a in lexicon.lookup(fold(name))), name


def test_copyright_status_is_computed_from_the_year_given():
    picasso = Artist("Pablo Picasso", 1881, 1973, True)
    assert picasso.in_copyright(2026)
    assert not picasso.in_copyright(2044)
    assert Person("X", "actor", 1900, None, 50).deceased(2026)


def test_labelled_set_meets_the_targets(analyzer, nlp_models):
    """The benchmark targets, on a slice of the templated set (full run: bench/bench_names.py)."""
    rows = [json.loads(line) for line in (DATA / "names_labelled.jsonl").open(encoding="utf-8")]
    sample = rows[::4]
    texts = [ScanText(r["text"], nlp_models, r["language"]) for r in sample]
    nlp_models.parse_many([t for t in texts if analyzer.wants_nlp(t)])
    famous_ok = famous = ordinary = false_alarms = 0
    for row, text in zip(sample, texts, strict=True):
        findings = analyzer.analyze(text)
        if row["label"] == "ordinary":
            ordinary += 1
            false_alarms += bool(findings)
        else:
            famous += 1
            famous_ok += any(f.category == row["label"] for f in findings)
    assert famous_ok / famous >= 0.95
    assert false_alarms / ordinary <= 1 / 30


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Our DP, Greta Hoffmann, is staying at the Adlon.", "Greta Hoffmann"),
        ("Write a statement from our director Paul Martin about the delay.", "Paul Martin"),
        ("Paul Martin (our director) will call you back.", "Paul Martin"),
        ("Tom Cruise, our lead actor, arrives at 6am.", "Tom Cruise"),
        ("Notre réalisatrice, Agnès Varda, arrive demain.", "Agnès Varda"),
        ("Hi, my name is Li Wei and I need a cover letter.", "Li Wei"),
        ("Name: Li Wei, department: props, start date Monday", "Li Wei"),
        ("Write a birthday poem for my wife Julia Roberts, she loves tulips.", "Julia Roberts"),
        ("Notre voisine Catherine Deneuve arrose nos plantes.", "Catherine Deneuve"),
    ],
)
def test_a_name_introduced_as_our_own_person_is_personal_data(text: str, name: str) -> None:
    """A possessive and a production role make the name someone on the production: personal
    data of cast and crew (blocked for consumer tools), not a famous namesake to clear."""
    language = "fr" if text.startswith("Notre") else "en"
    findings = {
        (f.category, text[f.start : f.end]) for f in promptguard.scan(text, language=language)
    }
    assert ("personal_data", name) in findings
    assert not {c for c, _ in findings} & {"public_figure", "deceased_figure"}


@pytest.mark.parametrize(
    "text",
    [
        "A portrait of director Steven Spielberg on set, 35mm.",
        "Tom Cruise, the lead actor of Top Gun, jumping from a plane, photo",
    ],
)
def test_a_role_without_our_leaves_the_famous_person(analyzer, nlp_models, text) -> None:
    assert {c for c, _ in found(analyzer, nlp_models, text)} == {"public_figure"}


def test_a_stage_name_before_a_surname_is_someone_else() -> None:
    """ "Donovan Bailey" the sprinter is not Donovan the singer."""
    text = "Donovan Bailey ( Canada ) won the 100 metres."
    findings = {(f.category, text[f.start : f.end]) for f in promptguard.scan(text)}
    assert ("personal_data", "Donovan Bailey") in findings
    assert not any(c == "public_figure" for c, _ in findings)


def test_a_character_drawn_in_its_creators_style_is_not_the_president() -> None:
    text = "garfield drawn in the style of bill watterson"
    found = {(f.category, f.type, text[f.start : f.end]) for f in promptguard.scan(text)}
    assert ("copyrighted_work", "CHARACTER", "garfield") in found
    assert not any(c in ("public_figure", "deceased_figure") for c, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        "Convert the readings from Kelvin to Celsius before plotting.",
        "A postcard of the Eiffel Tower at night.",
        "Compute the Fibonacci sequence and list the Nobel Prize winners in physics.",
        "## Phase 2: Review\nWhen the checklist is done, move to Phase 2.",
    ],
)
def test_things_named_after_people_and_numbered_headings_are_no_figures(text: str) -> None:
    """A tower, a prize, a unit or "Phase 2" names no one whose likeness is asked for."""
    found = [f for f in promptguard.scan(text) if f.category.endswith("_figure")]
    assert found == []


def test_the_person_behind_an_eponym_is_still_found_when_named() -> None:
    text = "An engraving of Gustave Eiffel inspecting his tower."
    found = [
        text[f.start : f.end] for f in promptguard.scan(text) if f.category.endswith("_figure")
    ]
    assert found == ["Gustave Eiffel"]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("jack black cooking pasta in a diner, digital art", "Jack Black"),
        ("oil painting of jack black, highly detailed", "Jack Black"),
        ("in the style of keanu reevs, 35mm photo", "Keanu Reeves"),
    ],
)
def test_a_famous_person_as_an_image_prompts_subject_in_lowercase(text, subject) -> None:
    """A name of ordinary words is the person where a picture's subject stands ("portrait
    of", "cooking"); a one-letter typo after a style cue is the person, not an unlisted artist."""
    found = [(f.category, f.subject) for f in promptguard.scan(text)]
    assert ("public_figure", subject) in found
    assert not any(c in ("personal_data", "copyrighted_work") for c, _s in found)


def test_the_same_words_in_a_sentence_are_no_person() -> None:
    text = "The jack, black and heavy, lay on the garage floor."
    assert not [f for f in promptguard.scan(text) if f.category.endswith("_figure")]


@pytest.mark.parametrize(
    "text", ["Photoshop collage of Trump and a duck", "mugshot of trump, 35mm photo"]
)
def test_a_collage_or_mugshot_of_a_famous_surname_is_the_person(text) -> None:
    """A surname that is also a word ("trump") is the person after a picture noun and "of"."""
    found = [f.subject for f in promptguard.scan(text) if f.category == "public_figure"]
    assert found == ["Donald Trump"]
