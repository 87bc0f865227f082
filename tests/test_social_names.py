"""Names as people write them in comments and chats: lowercase, alone, spoken to.

Hand-written sentences (none from WNUT-17 or another benchmark): a user pasting a thread of
comments into a prompt should see the people in it reported, and the shorthand, brands and
organisations around them left alone. Real spaCy and Presidio, through the public API.
"""

from __future__ import annotations

import pytest
from person_spans import persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("honestly I think melanie has the best voice on the team", "melanie"),
        ("Did you see how priscilla laughs at her own jokes?", "priscilla"),
        ("Rowan, do you still have the link to the audition tape?", "Rowan"),
        ("We waited two hours for the shuttle, Ingrid!", "Ingrid"),
        ("Thank you Okonkwo for the quick turnaround!", "Okonkwo"),
        ("Where is Tadeusz? The van leaves at six.", "Tadeusz"),
        ("Harry got stuck in traffic again this morning.", "Harry"),
    ],
)
@pytest.mark.parametrize("mode", ["default", "full"])
def test_people_in_comments_are_found(text: str, name: str, mode: str) -> None:
    assert name in persons(text, mode)


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("Plz Subscribe to my channel for more", "Plz Subscribe"),
        ("Funny AF , but I could not stop laughing", "Funny AF"),
        ("The Clinton Foundation announced a new grant", "Clinton"),
        ("Drive the actors to Saint Mary Hospital after the wrap", "Saint Mary Hospital"),
        ("Contact Support if the upload fails", "Support"),
        ("Let's meet April 3 at the studio", "April"),
        ("Idiot needs to learn how to park a truck", "Idiot"),
        ("Pre-orders ship 14 Jan , payment by Sept . 30th", "Jan"),
        ("Pre-orders ship 14 Jan , payment by Sept . 30th", "Sept"),
        ("Loved tonight's episode #BattlestarGalactica #Gemini", "Gemini"),
        ("new post up on ZodiacFacts today, go read it", "ZodiacFacts"),
        ("bottles in wax, neo - expressionism, acrylic on canvas", "neo"),
        ("A Neo-Gothic chapel at dusk, photographed from the hill", "Neo"),
    ],
)
def test_shorthand_organisations_and_words_are_not_people(text: str, not_a_name: str) -> None:
    assert not any(not_a_name in found or found in not_a_name for found in persons(text))


def test_a_month_abbreviation_is_a_date_but_a_full_name_stays_a_name() -> None:
    assert "Jan Kowalski" in persons("Call Jan Kowalski on Monday about the night shoot")


@pytest.mark.parametrize("name", ["McGregor", "MaryAnn", "DeAndre"])
def test_names_with_a_capital_inside_are_still_names(name: str) -> None:
    assert name in persons(f"Thanks {name} for driving the actors back to base")


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_name_in_a_post_written_in_capitals_is_found(mode: str) -> None:
    # Case says nothing in a post all in capitals: a known given name is a name there, and
    # the ordinary word after it is no surname.
    assert "ROSALIND" in persons("CANT WAIT TO SEE ROSALIND TOMORROW AT THE STUDIO", mode)
    assert "PRISCILLA" in persons("I REMEMBER WHEN PRISCILLA RAN UP TO ME AT SCHOOL", mode)
    # an acronym that is no given name stays a word
    assert persons("THE NASA AND ESA TEAMS MET TODAY", mode) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("so proud of you guys . CONGRATS ON THE WIN ROSALIND !!! see you soon", "ROSALIND"),
        ("honestly . WE MISS YOU PRISCILLA . come back soon", "PRISCILLA"),
        ("Zorbavik is so funny in every video", "Zorbavik"),
        ("Quillane laughed at every joke in the stream", "Quillane"),
        ("Zorbavik had me crying at the end", "Zorbavik"),
    ],
)
@pytest.mark.parametrize("mode", ["default", "full"])
def test_shouted_names_and_unknown_subjects_are_found(text: str, name: str, mode: str) -> None:
    # A sentence in capitals inside a post in ordinary case; an unknown word opening a
    # sentence before a verb only people take.
    assert name in persons(text, mode)


@pytest.mark.parametrize(
    "text",
    [
        "we shipped it . THE API AND SDK ARE LIVE NOW . thanks all",
        "Kustomize is a tool for customising manifests",
        "Kubernetes has a built-in scheduler",
        "I've had it set to record all week",
    ],
)
@pytest.mark.parametrize("mode", ["default", "full"])
def test_shouted_acronyms_tools_and_contractions_are_not_people(text: str, mode: str) -> None:
    assert persons(text, mode) == set()


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_name_after_chat_shorthand_is_found(mode: str) -> None:
    # NER may run "lol" into the name; the span it makes is no name, the name inside is.
    assert "priscilla" in persons("lol priscilla is coming over tonight", mode)


@pytest.mark.parametrize(
    "text", ["Me too ! I always order the same thing", "Me later today , after the gym"]
)
def test_me_as_a_pronoun_is_no_title(text: str) -> None:
    # "Me" is a French title ("Me Dupont", a lawyer) only before a name.
    assert persons(text) == set()


def test_the_french_title_me_still_names_the_lawyer() -> None:
    assert any("Lefèvre" in found for found in persons("Contactez Me Lefèvre demain."))


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("Saturday morning shift again . Blarghhhh . Coffee first .", "Blarghhhh"),
        ("Omfg I just missed the bus again", "Omfg"),
        ("Ahaha , the look on his face when the lights went out", "Ahaha"),
    ],
)
@pytest.mark.parametrize("mode", ["default", "full"])
def test_drawn_out_words_and_interjections_are_not_people(
    text: str, not_a_name: str, mode: str
) -> None:
    assert not any(not_a_name in found for found in persons(text, mode))


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_name_after_a_drawn_out_word_keeps_only_the_name(mode: str) -> None:
    found = persons("Awwwww Rosalind you made my whole week", mode)
    assert "Rosalind" in found and not any("Aww" in f for f in found)


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_lone_word_after_in_is_a_place_unless_a_person_follows(mode: str) -> None:
    # NER calls the small towns of a post people; "in" says where, not who.
    assert persons("Finally back home after a week in Harrison .", mode) == set()
    assert "Rosalind" in persons("I love the change in Rosalind when she gets on stage", mode)
    assert "Priscilla" in persons("We found the keys in Priscilla's car", mode)


@pytest.mark.parametrize(
    "text",
    ["St . Luke 's emergency room is packed tonight", "Meet us at St. Mary's after the show"],
)
def test_a_saint_after_st_is_a_place(text: str) -> None:
    assert persons(text) == set()
