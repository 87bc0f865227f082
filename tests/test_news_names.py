"""People's names in news copy: wire-service sentences, results lines, bylines and contact
lines (issue 18), and the references a news sentence should not raise (issue 19). The
sentences are written for these tests in the style of agency copy, tokens spaced as the
CoNLL files space them."""

from __future__ import annotations

import pytest
from person_spans import persons

import promptguard


def references(text: str) -> list[str]:
    return [
        text[f.start : f.end]
        for f in promptguard.scan(text, language="en")
        if f.category in ("public_figure", "deceased_figure", "copyrighted_work")
    ]


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_surname_opening_a_sentence_is_a_name_when_no_dictionary_knows_it(mode: str) -> None:
    text = "Kovalenko , 52 , won the regional vote in 1998 on promises to cut taxes ."
    assert persons(text, mode) == {"Kovalenko"}


def test_an_imperative_opening_a_prompt_is_still_no_name() -> None:
    assert persons("Imagine a quiet harbour at dawn , oil on canvas .") == set()
    assert persons("Generate three taglines for the launch .") == set()


def test_the_subject_of_said_is_a_name() -> None:
    assert persons("Brankovic said on Tuesday the talks would resume next week .") == {"Brankovic"}
    assert persons("Ostrowski told reporters the deal was close .") == {"Ostrowski"}


def test_an_agency_a_country_or_a_company_saying_something_is_no_person() -> None:
    for text in (
        "Interfax said the convoy had left at dawn .",
        "Britain said it was in close touch with its allies .",
        "The company said second-quarter profit rose .",
        "Xinhua said 30 people had been arrested .",
    ):
        assert persons(text) == set(), text


def test_an_initial_and_a_surname_in_a_results_line() -> None:
    text = "Scorers : R. Okonedo ( 12th minute ) , T. Varga ( 60th ) , P. Lindqvist ( 88th )"
    assert {"R. Okonedo", "T. Varga", "P. Lindqvist"} <= persons(text)


def test_initials_before_a_place_are_no_person() -> None:
    assert persons("N. Korea urges S. Korea to return a war veteran .") == set()
    assert persons("S. African miners stay out for a third day .") == set()


def test_county_sides_in_a_scores_line_are_no_people() -> None:
    text = "Essex 318 and 141-6 , Yorkshire 275 and 302 ; Sussex 230 , Somerset 97 ."
    assert persons(text) == set()


def test_a_firm_and_a_fixture_are_no_people() -> None:
    assert persons("Shares of Harwell & Lomason Co rose 4-1/2 on the merger news .") == set()
    assert persons("Postponed : Harwood v Barnsley , Bolton v Charlton .") == set()


def test_a_demonym_after_an_article_is_no_person() -> None:
    text = "The Briton , who lost his title in March , said he would retire ."
    assert persons(text) == set()


def test_a_newsroom_contact_line_names_no_person_but_keeps_the_reporter() -> None:
    assert persons("-- Lisbon Newsroom +351 21 000 0000") == set()
    assert persons("-- Anna Kerr , Chicago Metals Desk , +1 312-555-0142") == {"Anna Kerr"}


def test_a_league_table_row_is_no_phone_number_and_no_name_by_it() -> None:
    text = "Greenock Rovers 3 2 0 1 5 2 6"
    found = promptguard.scan(text, language="en")
    assert not [f for f in found if f.type == "PHONE_NUMBER"]


def test_a_band_that_is_also_a_city_needs_a_cue_in_a_results_line() -> None:
    assert references("CHICAGO 5 Denver 4 ( 2nd game )") == []
    assert references("Chicago 11 TORONTO 2") == []


def test_a_scorecard_names_the_fielder_and_the_bowler_not_a_team_score() -> None:
    assert persons("Mazurek c Dobbs b Fenwick 12") >= {"Dobbs", "Fenwick"}
    assert "Halloran" in persons("Noor-ul-Amin c Dobbs b Halloran 2")


def test_bowling_figures_a_finishing_time_and_quoted_as_saying_name_people() -> None:
    assert "Okonkwo" in persons("3. Okonkwo 1:07.45")
    assert "Bortnikov" in persons("The agency quoted Bortnikov as saying the offer stood .")


def test_a_security_identifier_is_no_phone_number() -> None:
    found = promptguard.scan("CUSIP 072261 , coupon 6.5 pct , due 2006", language="en")
    assert not [f for f in found if f.type == "PHONE_NUMBER"]


def test_a_clipped_word_opening_a_chat_line_is_no_surname() -> None:
    assert persons("Bnk acct is 1 5 7 6 4 2 4 6 8 , fr drct dpst .") == set()
    assert persons("Dvce trckd at the usual place , chk it .") == set()
