"""People's names in French newspaper copy (issue 18, "French news"): titles and offices
before a name, lists after "MM.", appositions, quotes, results lines, and the streets,
ships and headings that are no person. The sentences are written for these tests in the
style of 19th- and 20th-century Swiss and French papers, OCR'd spacing included."""

from __future__ import annotations

import pytest

import promptguard
from promptguard.config.load import Config


def persons(text: str, mode: str = "default") -> set[str]:
    return {
        text[f.start : f.end]
        for f in promptguard.scan(text, language="fr", config=Config(mode=mode))
        if f.category == "personal_data" and f.type == "PERSON"
    }


@pytest.mark.parametrize("mode", ["default", "full"])
def test_a_surname_after_an_honorific_is_a_name_with_its_title(mode: str) -> None:
    text = "Hier soir, M. Favrod a présenté son rapport au conseil communal."
    assert "M. Favrod" in persons(text, mode)
    assert "Mme Loosli" in persons("La séance fut ouverte par Mme Loosli, présidente.", mode)


def test_a_surname_in_capitals_and_an_ocr_spaced_title() -> None:
    assert "M . BERTHOUD" in persons("Le rapport de M . BERTHOUD fut adopté sans opposition .")
    assert "M. CHAPUISAT" in persons("On entendit ensuite M. CHAPUISAT, député de Nyon.")


def test_military_and_noble_titles() -> None:
    text = "Le colonel Wildbolz a passé en revue la brigade avec le général Herzog."
    assert {"colonel Wildbolz", "général Herzog"} <= persons(text)
    text = "Le comte de Rambuteau et le lieutenant-général prince Orsenko sont arrivés."
    assert {"comte de Rambuteau", "lieutenant-général prince Orsenko"} <= persons(text)


def test_an_office_and_its_domain_before_the_name() -> None:
    text = "Le roi de Saxe Frédéric-Auguste a reçu le conseiller fédéral Schenk."
    got = persons(text)
    assert any("Frédéric-Auguste" in v for v in got)
    assert any("Schenk" in v for v in got)


def test_an_office_with_no_name_is_no_person() -> None:
    assert persons("Le président de la République a signé le décret hier.") == set()
    assert persons("M. le président prononce une allocution de bienvenue.") == set()
    assert persons("Monsieur le rédacteur, nous vous prions d'agréer nos salutations.") == set()


def test_each_name_after_a_plural_title() -> None:
    text = "La commission se compose de MM. Rochat, Vuilleumier et De Coulon."
    got = persons(text)
    assert any("Rochat" in v for v in got)
    assert "Vuilleumier" in got
    assert "De Coulon" in got


def test_initials_and_particles_belong_to_the_name() -> None:
    assert any(
        "J.-L. Cuendet" in v for v in persons("Le pasteur J.-L. Cuendet a présidé le culte.")
    )
    assert any(
        "de Pourtalès" in v for v in persons("On remarquait M. de Pourtalès au premier rang.")
    )


def test_apposition_age_and_role_show_a_name() -> None:
    assert "Fernand Jaquier" in persons("Un ouvrier, Fernand Jaquier, 34 ans, a été blessé.")
    text = "La collection fut lancée par Rambert, un couturier lausannois."
    assert "Rambert" in persons(text)
    text = "La course a été remportée par le Valaisan Pierre Crettex devant son compatriote Délez."
    assert {"Pierre Crettex", "Délez"} <= persons(text)


def test_the_speaker_after_a_quote() -> None:
    text = "« Nous ne céderons pas », a déclaré Lucien Mottier à la sortie de la séance."
    assert "Lucien Mottier" in persons(text)


def test_a_results_line() -> None:
    text = 'Classement : 1. Perroud (S) 4 h 12\'30". 2. Maréchal (Fr) à 41". 3. Bühler à 1\'05".'
    got = persons(text)
    assert {"Perroud", "Bühler"} <= got


def test_a_list_that_holds_a_full_name() -> None:
    text = "On y voyait les toiles de Vallet, Hermann Roth, Bieler et Estoppey."
    assert {"Vallet", "Hermann Roth", "Bieler", "Estoppey"} <= persons(text)


def test_a_street_a_ship_and_a_title_alone_are_no_person() -> None:
    for text in (
        "Un incendie a éclaté rue Victor-Hugo dans la nuit de samedi.",
        "Le cortège a descendu l'avenue du Général-Guisan jusqu'au lac.",
        "La frégate Amélie est entrée hier dans le port de Toulon.",
        "Mme est arrivée par le train du soir.",
        "Des délégués se sont réunis en Carinthie la semaine dernière.",
        "Depuis la guerre, Hong Kong attire les banques de tout l'Orient.",
    ):
        assert persons(text) == set(), text


def test_a_heading_and_a_place_saint_are_no_person() -> None:
    assert persons("SUISSE Chambres fédérales. — Le Conseil national a siégé.") == set()
    assert persons("Les pèlerins sont arrivés à Saint-Maurice mardi.") == set()


def test_a_street_named_after_a_writer_is_no_reference_to_him() -> None:
    text = "Un incendie a éclaté rue Victor-Hugo dans la nuit de samedi."
    assert [
        f for f in promptguard.scan(text, language="fr") if "Hugo" in text[f.start : f.end]
    ] == []
    text = "Victor Hugo a écrit Les Misérables pendant son exil."
    assert any(f.category == "deceased_figure" for f in promptguard.scan(text, language="fr"))


def test_a_french_function_word_is_no_character_of_the_same_name() -> None:
    text = "Qu'a fait le gouvernement, sinon promettre une commission de plus ?"
    assert [f for f in promptguard.scan(text, language="fr") if f.category != "personal_data"] == []
    text = "fan art of sinon with her sniper rifle, sword art online"
    assert any(
        f.type == "CHARACTER" and text[f.start : f.end] == "sinon" for f in promptguard.scan(text)
    )


def test_a_tower_named_after_its_engineer_is_no_reference_to_him() -> None:
    text = "Édith Piaf chantant sur la tour Eiffel, photo réaliste"
    found = {text[f.start : f.end]: f.category for f in promptguard.scan(text, language="fr")}
    assert found == {"Édith Piaf": "deceased_figure"}


def test_an_office_held_in_a_place_names_the_place_not_a_person() -> None:
    # "maire de X", "député de la Seine": the seat, however small the commune
    got = persons("M. Pittet, maire de Vuarrens, et M. Jaccoud, député de la Broye, ont parlé.")
    assert {"M. Pittet", "M. Jaccoud"} <= got
    assert not any("Vuarrens" in v or "Broye" in v for v in got)
    assert persons("Le curé de Bottens a béni la nouvelle cloche.") == set()
    # a rank keeps its "de": a general's or a count's name
    assert any("Castelnau" in v for v in persons("Le général de Castelnau est arrivé."))


def test_ocr_blurred_titles_and_words_broken_at_a_line_end() -> None:
    assert any("Brélaz" in v for v in persons("Le candidat radical, M , . Brélaz, a parlé."))
    assert any("Pahud" in v for v in persons("NI . Pahud, syndic, est suspendu."))
    got = persons("On attendait M. . Ber- thoud à la séance.")
    assert any("thoud" in v for v in got)


def test_the_members_named_after_a_plural_noun_of_people() -> None:
    got = persons("Deux autres émeutiers, Lambelet et Tavernaz, ont aussi été arrêtés.")
    assert {"Lambelet", "Tavernaz"} <= got
    got = persons("Les accusés Gaudard et Bovey ont été acquittés hier.")
    assert {"Gaudard", "Bovey"} <= got
    # after a plural noun of places or firms the names are no persons
    assert persons("Les cantons Vaud et Genève ont voté la loi.") == set()


def test_a_signature_after_its_label() -> None:
    assert "A. DUPERREX" in persons("Le gérant : A. DUPERREX.")
    assert "J. Monnier" in persons("Le directeur-gérant, J. Monnier.")
    got = persons("Signé : Louis Martinet.")
    assert "Signé" not in got and any("Martinet" in v for v in got)


def test_an_ottoman_title_after_the_name() -> None:
    assert any("Pacha" in v for v in persons("Omer-Pacha a passé le Danube avec ses troupes."))
    got = persons("Le commandant de la place, hassan-pacha, a capitulé.")
    assert "hassan-pacha" in got


def test_a_place_named_after_a_saint_in_spaced_tokens_is_no_person() -> None:
    got = persons("Le congrès s'est tenu à St - Gall et à Saint - Maurice .")
    assert not any("Gall" in v or "Maurice" in v for v in got)
    assert persons("Les alpinistes étaient partis pour le Mont - Blanc .") == set()


def test_a_title_with_no_name_in_a_debate_report_is_no_person() -> None:
    got = persons("M. LE PRÉSIDENT. La parole est à M. Rossel.")
    assert got == {"M. Rossel"}
    assert persons("M. LE MAIRE ouvre la séance à huit heures.") == set()
    got = persons("Mlle Hélène Vuilleumier, directrice de la Feuille d'Avis, a parlé.")
    assert got == {"Mlle Hélène Vuilleumier"}


def test_ocr_dirt_in_the_middle_of_a_sentence_is_no_person() -> None:
    assert persons("La flotte fut Stationnée dans la rade depuis huit jours.") == set()
    assert persons("Les chevaux furent effrayés et Sii se jetèrent dans la foule.") == set()
    # a real short or accented name stays
    assert any("Ney" in v for v in persons("Le maréchal Ney fut fusillé en 1815."))


def test_a_lowercase_word_after_a_possessive_is_no_name() -> None:
    # "vaillant", "petit", "brun" are surnames too, but not after "son", "le", "une"
    got = persons("Dans le Nord, son vaillant président, M. Lucien Moulin, se retire.")
    assert got == {"M. Lucien Moulin"}
    assert persons("Le petit brun de la ferme a été retrouvé.") == set()


def test_ocr_misread_titles_of_women() -> None:
    got = persons("Mmc Durandin et Mlie Rossel assistaient au bal.")
    assert {"Mmc Durandin", "Mlie Rossel"} <= got


def test_goal_scorers_and_a_full_name_after_a_towns_demonym() -> None:
    got = persons("Les buts : 12e Zbinden 1-0, 34e Lüthi 1-1, 78e Rebetez 2-1.")
    assert {"Zbinden", "Lüthi", "Rebetez"} <= got
    got = persons("Le Loclois Jean-Marc Choffat a remporté la course de côte.")
    assert any("Choffat" in v for v in got)
    # a team in a results line stays no person
    assert persons("Servette - Lausanne 2-1 (1-0).") == set()


def test_each_name_of_a_committee_list_with_functions() -> None:
    text = "Le comité est formé de MM. Jaquerod, président ; Pilloud, vice-président ; Favrat."
    got = persons(text)
    assert any("Jaquerod" in v for v in got)
    assert {"Pilloud", "Favrat"} <= got


def test_a_surname_after_a_court_or_sports_role() -> None:
    assert "Mottiez" in persons("L'accusé Mottiez a été acquitté hier soir.")
    assert "Bersier" in persons("Le condamné Bersier a été conduit à Lausanne.")
    assert "Sutterlin" in persons("L'attaquant Sutterlin a marqué deux buts.")
    assert "Roulet" in persons("Le petit Roulet est tombé dans le canal.")
    assert persons("Le petit chemin de Genève est fermé.") == set()
