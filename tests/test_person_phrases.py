"""Phrases the name lists would read as people: places, dates, companies, chat and posts in
another language. Hand-written sentences (none from WNUT-17 or another benchmark), through
the public API with the real spaCy and Presidio, in both modes.
"""

from __future__ import annotations

import pytest
import regex as re
from person_spans import persons

from promptguard.analyzers.personal_data.foreign_text import is_foreign_text
from promptguard.analyzers.personal_data.person_phrases import inside_phrase


@pytest.mark.parametrize(
    "text",
    [
        "we drove to Long Beach on Sunday night",  # a place made of a given name + surname
        "Headed to Lake Charles tonight for the show",  # a given name after a place opener
        "Jason Industries shares rose after the report",  # a given name heading a company
        "Sale ends Sunday Dec 28 at midnight",  # a weekday and a month
        "cant wait til summer , school is killing me",  # chat spelling
        "ok im done with this week",
        "la luna tan hermosa como las olas del mar",  # Spanish
        "yo en el mar con pero sin nada de ganas",
        # lowercase words the name lists hold, which are chat or another language's word
        "that was a really great vid man",
        "i did it all by myself , han",
        "a whole lotta people showed up",
        "going back to uni next week",
        # holidays, star signs and words in a case no name is written in
        "Wishing an easy fast to everyone observing Yom Kippur this week",
        "Your horoscope for today , Capricorn : expect surprises",
        "Merry Xmas to all my followers",
        "my WiFi keeps dropping every evening",
        "RT @Gr8Ella : the new single drops at midnight",  # a name inside a handle
        "hey , I'm fine , thanks for asking",  # a contraction after a greeting
        "Dear Mam , I am a huge fan of your work",
        "Tonight I'm DJing at the rooftop bar downtown",
        "Fresh peaches at the Winter Sun market on Saturday",  # two ordinary words
        "see you at Glover Park after the match",  # a place's last word
        # Posts in another language, which the English model reads as names
        "besok kami akan pergi ke pasar dan membeli sayur untuk ibu",
        "Selamat Malam semua , semoga tidur nyenyak ya",
        "Buenas Noches amigos , mañana vamos con todo para la final",
        "sana ay makapunta ka sa bahay namin bukas ng gabi",
        "Ich habe heute keine Zeit , aber morgen kann ich mit dir gehen",
    ],
)
@pytest.mark.parametrize("mode", ["default", "full"])
def test_phrases_are_no_person(text: str, mode: str) -> None:
    assert persons(text, mode) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("met emily rodriguez at the station today", "emily rodriguez"),
        ("Thanks to August Alsina for the show last night", "August Alsina"),
        ("Clotilde, can I borrow your pen?", "Clotilde"),
        ("i think tanya is coming tomorrow", "tanya"),
        ("DeAndre called about the keys", "DeAndre"),
        # a name on its own line after a line ending in a capitalised word
        # a lowercase name in company or before a verb, in a post that has capitals
        ("Long day at work , then I chilled with marguerite . Good night !", "marguerite"),
        ("Great show last night ! Sadly it was just me and hortense there", "hortense"),
        ("Anyone know where the bus stop is ? priscilla is waiting for us", "priscilla"),
        ("Leo said the van is parked outside", "Leo"),
        ("ask desi if she wants to come", "desi"),
        ("Xavier is from Lyon and works with Marguerite", "Marguerite"),
        ("Rose Baker and her brother met us in Seattle", "Rose Baker"),
        ("Our new neighbour Marisol del Campo brought us a cake", "Marisol del Campo"),
        # a known name in a post of another language is still a name
        ("Ayer por la tarde vi a Lucía Fernández en el aeropuerto con su hermano", "Lucía"),
        ("kemarin aku ketemu sama Rina Susanti di kampus dan dia bilang mau pulang", "Rina"),
    ],
)
@pytest.mark.parametrize("mode", ["default", "full"])
def test_names_beside_those_rules_stay(text: str, name: str, mode: str) -> None:
    assert any(name in found for found in persons(text, mode))


def test_phrase_test_stays_on_its_line() -> None:
    """A capitalised word ending the previous line is no part of the name's phrase."""
    text = "Status: Rescheduled \nRosalind McTavish\nFamily therapy"
    assert not inside_phrase(text, re.search("Rosalind", text))
    assert inside_phrase("Lake Rosalind is frozen", re.search("Rosalind", "Lake Rosalind is"))


def test_language_check_reads_function_words() -> None:
    assert is_foreign_text("ik kan niet wachten tot de nieuwe serie begint")
    assert is_foreign_text("hindi ko alam kung saan ka pupunta mamaya")
    assert not is_foreign_text("I can't wait for the new series to start")
    assert not is_foreign_text("Je ne peux pas attendre la nouvelle série")  # French is read
    assert not is_foreign_text("Dinner with Guillermo del Toro and Pedro")


@pytest.mark.parametrize(
    ("text", "people", "not_people"),
    [
        (
            "Golf : leading scores after the first round : 67 Nick Faldo ( Britain ) , "
            "68 Grace Park ( South Korea )",
            {"Nick Faldo", "Grace Park"},
            set(),
        ),
        (
            "Long Beach mayor Beverly O'Neill opened the new terminal .",
            {"Beverly O'Neill"},
            {"Long Beach"},
        ),
        ("Mark Taylor and Ian Healy both made centuries on Friday .", {"Mark Taylor"}, set()),
    ],
)
def test_news_style_names(text: str, people: set[str], not_people: set[str]) -> None:
    """News results and bylines: a name with its country in brackets is a person even when
    its surname is a place word; the place itself is not."""
    found = persons(text)
    assert people <= found
    assert not (not_people & found)


@pytest.mark.parametrize("mode", ["default", "full"])
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("our production manager, john smith, needs the receipts", "john smith"),
        ("contact: mark brown for the permits", "mark brown"),
    ],
)
def test_a_lowercase_pair_of_common_names_after_a_role_and_comma(text, name, mode) -> None:
    """Two ordinary words that are names ("john" is also a word) in apposition to a role or
    after "contact:": a crew member written in lowercase."""
    assert name in persons(text, mode)


def test_a_pair_of_names_without_the_comma_stays_words() -> None:
    assert persons("thanks rose hill was lovely") == set()
