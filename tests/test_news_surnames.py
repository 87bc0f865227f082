"""A person named by surname alone in news copy (issue 18): possessives, subjects,
appositions, records, headlines in capitals, results lines, and a whole article that names
a person in full once and by surname after. The sentences are written for these tests in
the style of agency copy, tokens spaced as the CoNLL files space them."""

from __future__ import annotations

import pytest
from person_spans import persons

import promptguard


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_known_surname_before_a_possessive_is_a_name(mode: str) -> None:
    text = "The fine was Okonkwo 's second this season , the league said ."
    assert "Okonkwo" in persons(text, mode)


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_known_surname_opening_a_sentence_before_a_verb_is_a_name(mode: str) -> None:
    assert persons("Wang was detained on Friday at his home .", mode) == {"Wang"}


def test_a_surname_in_apposition_is_a_name() -> None:
    text = "Brankovski , a former customs officer , denied the charge ."
    assert persons(text) == {"Brankovski"}


def test_a_pitchers_record_after_a_surname_makes_it_a_name() -> None:
    text = "Telgmann ( 11-6 ) allowed two runs over seven innings ."
    assert persons(text) == {"Telgmann"}


def test_a_known_surname_in_a_capitalised_headline_is_a_name() -> None:
    assert persons("TENNIS - OKONKWO STUNS TOP SEED IN NEW YORK .") == {"OKONKWO"}


def test_a_place_in_a_capitalised_headline_stays_out() -> None:
    assert persons("SQUASH - CAPE TOWN OPEN FINAL RESULTS .") == set()


def test_companies_places_and_plurals_stay_out() -> None:
    for text in (
        "The Treasury 's decision surprised the markets .",
        "Organisers closed the road on Friday .",
        "Aluminium was quiet in thin trade .",
        "Rotterdam 's port handled more cargo in July .",
    ):
        assert persons(text) == set(), text
    assert "Lomason" not in persons("Douglas & Lomason 's profits fell in the quarter .")


def test_an_initial_m_before_a_score_is_a_player_and_o_names_keep_their_capital() -> None:
    text = "Kent 312 ( M. Tolworth 88 , T.O'Keeffe 61 not out , G. Brandt 40 )"
    assert persons(text) == {"M. Tolworth", "T.O'Keeffe", "G. Brandt"}


def test_a_scorecard_line_is_no_street_address() -> None:
    text = "R. Tolworth b S. Brandt 14"
    assert persons(text) == {"R. Tolworth", "S. Brandt"}


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_full_name_carries_to_the_bare_surname_later_in_the_article(mode: str) -> None:
    text = (
        "BOXING - WELTER TITLE FOR OKAFOR .\n"
        "Daniel Okafor took the title on points on Saturday .\n"
        "The crowd cheered as Okafor raised the belt , and OKAFOR fans sang until dawn ."
    )
    found = persons(text, mode)
    assert {"Daniel Okafor", "Okafor", "OKAFOR"} <= found


def test_a_carried_surname_inside_another_name_is_not_taken() -> None:
    text = "Maria Park was elected on Sunday . Voters gathered in Hyde Park Gardens ."
    assert persons(text) == {"Maria Park"}


def test_the_other_players_of_a_team_list_with_a_found_name_are_names() -> None:
    text = "Norway : Lars Brekkeflaten , Okonjo , Terje Haugvik-Sand , Mbaye Diallo ."
    assert {"Okonjo", "Lars Brekkeflaten", "Terje Haugvik-Sand"} <= persons(text)


def test_a_list_of_places_or_companies_beside_a_clause_stays_out() -> None:
    text = "Trade was quiet in Rotterdam , Antwerp and Hamburg , the brokers said ."
    assert persons(text) == set()


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_surname_found_once_by_its_shape_carries_within_the_text(mode: str) -> None:
    text = "Police told Brankovski 's family that Brankovski would be moved ."
    found = persons(text, mode)
    assert found == {"Brankovski"}
    assert len([f for f in promptguard.scan(text) if f.category == "personal_data"]) == 2


def test_the_subject_of_a_clause_after_a_comma_or_said_is_a_name() -> None:
    text = "A two-time champion , Brekkeflaten finished third on Sunday ."
    assert persons(text) == {"Brekkeflaten"}
    assert persons("The union said Okonjo would appeal the ruling .") == {"Okonjo"}


def test_a_surname_with_a_country_and_a_time_in_results_is_a_name() -> None:
    assert persons("Mbekwiri ( Kenya ) 3:41.07") == {"Mbekwiri"}


def test_a_scorecard_names_the_batsman_and_a_two_word_bowler() -> None:
    text = "Ghulam-ul-Rafiq c Fenwick b Tariq Jaffery 12"
    assert persons(text) == {"Ghulam-ul-Rafiq", "Fenwick", "Tariq Jaffery"}


def test_places_and_words_in_a_capitalised_headline_are_no_name() -> None:
    assert persons("RUGBY - LEEDS BEAT SAN MARINO SELECT IN FRIENDLY .") == set()
    assert persons("SQUASH - HONG KONG OPEN QUARTER-FINAL DRAW .") == set()
    assert persons("WHEN PRISCILLA RAN UP TO ME") == {"PRISCILLA"}


def test_chat_text_words_after_a_false_name_are_not_carried() -> None:
    text = (
        "We build the UI with Jetpack Compose 1.7 .\n"
        "Prefer Compose over XML , and keep Compose previews small ."
    )
    assert "Compose" not in persons(text)  # NER's "Jetpack Compose" is no given name
    rows = "group = ['PINE CREST CHARD 750ML', 'LINE 39 CHARD 750ML']"
    assert persons(rows) == set()


def test_a_possessive_after_at_or_to_is_a_shop() -> None:
    assert persons("a man eating a burger at McDonald's , oil painting") == set()


def test_a_name_in_capitals_made_of_words_stays_a_name() -> None:
    assert persons("PLEASE FORWARD TO JOHN BAKER BEFORE FRIDAY") == {"JOHN BAKER"}
