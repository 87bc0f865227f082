"""Street addresses through the public API: what a user sees for the address forms of many
countries, and for the look-alikes that must stay quiet (scores, dates, amounts, sluglines).

Hand-written, held out from the benchmark's generator. Real Presidio and spaCy models.
"""

from __future__ import annotations

import pytest

import promptguard
from promptguard.analyzers.personal_data.street_address import address_spans


def addresses(text: str, language: str = "en") -> list[str]:
    return [
        text[f.start : f.end]
        for f in promptguard.scan(text, language=language)
        if f.type == "STREET_ADDRESS"
    ]


def test_a_multi_line_us_address_is_one_finding():
    text = (
        "Please ship the props to:\n"
        "Dana Whitfield\n"
        "4417 Larkspur Avenue\n"
        "Apt. 12B\n"
        "Tucson, AZ 85719\n"
        "\n"
        "Thanks!"
    )
    assert addresses(text) == ["4417 Larkspur Avenue\nApt. 12B\nTucson, AZ 85719"]


def test_a_block_with_country_and_postcode_on_the_last_line_is_one_finding():
    text = "Return address:\n> 18 Rua do Salitre 9\n> Suite 3\n> LISBOA\n> Portugal 1250-198\n"
    assert addresses(text) == ["18 Rua do Salitre 9\n> Suite 3\n> LISBOA\n> Portugal 1250-198"]


def test_a_dutch_address_is_found():
    found = addresses("De draaidag is aan de Prinsengracht 263, 1016 GV Amsterdam.")
    assert found == ["Prinsengracht 263, 1016 GV Amsterdam"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Treffpunkt: Oranienstraße 185, 10999 Berlin", "Oranienstraße 185, 10999 Berlin"),
        ("Vi ses på Drottninggatan 53 i morgon.", "Drottninggatan 53"),
        ("Kontoret ligger i Nørre Voldgade 12.", "Nørre Voldgade 12"),
        ("Osoite: Mannerheimintie 22, Helsinki", "Mannerheimintie 22, Helsinki"),
        ("The flat is at Rua Augusta 274, 1100-053 Lisboa.", "Rua Augusta 274, 1100-053 Lisboa"),
        ("Envíalo a Calle de Alcalá 42, 28014 Madrid.", "Calle de Alcalá 42, 28014 Madrid"),
        ("Spedire a Via dei Condotti 8, 00187 Roma", "Via dei Condotti 8, 00187 Roma"),
        ("Cím: Andrássy út 60., Budapest", "Andrássy út 60., Budapest"),
        ("Adres: ul. Marszałkowska 104, 00-017 Warszawa", "ul. Marszałkowska 104, 00-017 Warszawa"),
        ("Hotel: Kızılırmak Caddesi 14, Ankara", "Kızılırmak Caddesi 14, Ankara"),
        (
            "Flat 2, 17 Marchmont Crescent, Edinburgh EH9 1HE",
            "Flat 2, 17 Marchmont Crescent, Edinburgh EH9 1HE",
        ),
        ("5 Avenue Montaigne, 75008 Paris", "5 Avenue Montaigne, 75008 Paris"),
        ("please deliver to 55 elm street apt 4 tomorrow", "55 elm street apt 4"),
        ("Forward my mail to PSC 1234, Box 5678\nAPO AE 09012", "PSC 1234, Box 5678\nAPO AE 09012"),
        (
            "Send the cheque to P.O. Box 4410, Santa Fe, NM 87502.",
            "P.O. Box 4410, Santa Fe, NM 87502",
        ),
        (
            "Meet me at the corner of Sunset Boulevard and Vine Street.",
            "Sunset Boulevard and Vine Street",
        ),
        ("My zip code is 30307", "30307"),
        ("Return it to Jl. Rajiman No. 669, Bandung", "Jl. Rajiman No. 669, Bandung"),
        ("Envíenlo a Avenida Entre Ríos N° 611", "Avenida Entre Ríos N° 611"),
        (
            "Flat 17\nJanet Meadows\nSouth Joyceborough\nSR8 7UX",
            "Flat 17\nJanet Meadows\nSouth Joyceborough\nSR8 7UX",
        ),
    ],
)
def test_addresses_of_many_countries(text, expected):
    assert addresses(text) == [expected]


def test_a_german_fused_street_type_is_found():
    # German capitalises its nouns, so a capitalised word before the street may be taken
    # in ("Lieferung an"); the street and its number always are.
    (found,) = addresses("Lieferung an Michaelkirchstr. 24, 10179 Berlin")
    assert found.endswith("Michaelkirchstr. 24, 10179 Berlin")


def test_a_french_address_in_a_french_prompt():
    assert addresses("Repérage chez eux, 8 impasse des Lilas, 69003 Lyon.", "fr") == [
        "8 impasse des Lilas, 69003 Lyon"
    ]


def test_a_street_name_inside_an_address_is_not_a_person():
    findings = promptguard.scan("Meet me at Carry van Bruggenweg 77 tomorrow.", language="en")
    assert [f.type for f in findings if f.category == "personal_data"] == ["STREET_ADDRESS"]


def test_a_lowercase_street_above_its_postcode_is_found():
    assert addresses("send it to\nkrátká 12\n110 00 praha 1\nthanks") == [
        "krátká 12\n110 00 praha 1"
    ]


@pytest.mark.parametrize(
    "table",
    [
        "Final scores\nLakers 102 Celtics 99\nBulls 88 Knicks 91\nHeat 110 Nets 104\n",
        "final scores\nlakers 102 celtics 99\nbulls 88 knicks 91\nheat 110 nets 104",
        "group a\nmexico 3 korea 1\nsweden 2 chile 0",
    ],
)
def test_a_table_of_scores_is_not_an_address(table):
    assert addresses(table) == []


@pytest.mark.parametrize(
    "text",
    [
        "Scene 12 Street: the chase continues under the bridge.",
        "EXT. SCENE 12 STREET - NIGHT",
        "Shoot on March 12 2027 at 06:30, budget 12 500 EUR, wrap 14 June 2026.",
        "Go to page 12, then chapter 3, section 4 paragraph 2.",
        "I bought a 2 TB Drive for 89 dollars and 3 Hard Drives for 120.",
        "Gathering 2019 was the best edition, Spring 2020 was cancelled.",
        "Call time 7:45, 2 cameras, 35 mm lens, 3 Days Left on the schedule.",
        "Born 12 May 1980 in Lyon, she moved to Paris in 2004.",
        "Route 66 and Highway 1 at dusk, moodboard please.",
        "Account 0168754245, routing 0298555401, card 4539 1488 0343 6467.",
        "Final: Brazil 3 Germany 7\nGermany 2014\nFrance 2018",
        "Score: Arsenal 2 Chelsea 1, Liverpool 3 Everton 0",
        "Visit 3 Yosemite Falls viewpoints next week.",
        "Buy 2 TB Drive, 16 GB RAM, 3 Hard Drives, 4 USB Ports.",
        "Agent 47 Hitman Mission, then Player 456 Squid Game.",
        "Meet at Gate 12 Terminal 3 of Heathrow.",
    ],
)
def test_look_alikes_are_not_addresses(text):
    assert addresses(text) == []


def test_house_number_zero_is_not_an_address():
    assert address_spans("The test address is 000 Business St, for the demo.") == ()


def test_an_address_ends_with_its_sentence_and_leaves_the_next_name_alone():
    text = "Repérage au 31 rue Victor Hugo. Propriétaire Fatou ADEYEMI — 020 7976 6194."
    findings = promptguard.scan(text, language="fr")
    assert [text[f.start : f.end] for f in findings if f.type == "STREET_ADDRESS"] == [
        "31 rue Victor Hugo"
    ]
    assert "PERSON" in {f.type for f in findings}


@pytest.mark.parametrize(
    ("text", "address", "phone", "person"),
    [
        (
            "Décris la façade du 181 Canal Street, London NW1 9GG. Contact Ximena Lindqvist "
            "au 07814 783759. Version 3.2.1 du scénario.",
            "181 Canal Street, London NW1 9GG",
            "07814 783759",
            "Ximena Lindqvist",
        ),
        ("Location manager: Abigail Saadi, 617-521-5204", None, "617-521-5204", "Abigail Saadi"),
    ],
)
def test_an_address_stops_before_a_phone_number(text, address, phone, person) -> None:
    found = {(f.type, text[f.start : f.end]) for f in promptguard.scan(text)}
    assert ("PHONE_NUMBER", phone) in found
    assert ("PERSON", person) in found
    assert [v for t, v in found if t == "STREET_ADDRESS"] == ([address] if address else [])


def test_an_amount_with_thousands_is_not_a_row_of_figures_beside_a_phone() -> None:
    text = "Contact Seo-yeon COULIBALY-ASHWORTH — 818.843.5502. Budget : 1 250 000 €."
    assert "818.843.5502" in {text[f.start : f.end] for f in promptguard.scan(text)}


@pytest.mark.parametrize(
    ("text", "language", "person", "address"),
    [
        (
            "Envoyer le contrat à Olivier Marchand, 8 allée des Tilleuls, 44300 Nantes.",
            "fr",
            "Olivier Marchand",
            "8 allée des Tilleuls, 44300 Nantes",
        ),
        (
            "Courier the drive to Priya Natarajan, 88 Queen St W, Apt 1203, Toronto.",
            "en",
            "Priya Natarajan",
            "88 Queen St W, Apt 1203, Toronto",
        ),
    ],
)
def test_the_name_before_an_address_stays_a_person(text, language, person, address) -> None:
    """A name then a comma then the street: two findings, the person is not lost inside
    the address (both are personal data, so one span would hide the other)."""
    found = {(f.type, text[f.start : f.end]) for f in promptguard.scan(text, language=language)}
    assert ("PERSON", person) in found
    assert ("STREET_ADDRESS", address) in found


@pytest.mark.parametrize(
    ("text", "language", "address"),
    [
        (
            "Rendez-vous au 3 avenue Jean Jaurès, 69007 Lyon.",
            "fr",
            "3 avenue Jean Jaurès, 69007 Lyon",
        ),
        (
            "Mail the NDA to P.O. Box 4471, Burbank, CA 91503.",
            "en",
            "P.O. Box 4471, Burbank, CA 91503",
        ),
    ],
)
def test_a_street_named_after_someone_is_no_reference(text, language, address) -> None:
    """The address is personal data; the statesman or the town in it is no figure or artist."""
    findings = promptguard.scan(text, language=language)
    assert [text[f.start : f.end] for f in findings if f.type == "STREET_ADDRESS"] == [address]
    assert {f.category for f in findings} == {"personal_data"}


def test_a_number_in_brackets_starts_after_the_bracket() -> None:
    text = "Our location manager is Karim Benali (07.45.89.12.33) for the scout."
    phones = [text[f.start : f.end] for f in promptguard.scan(text) if f.type == "PHONE_NUMBER"]
    assert phones == ["07.45.89.12.33"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Envoyez les rushes à : Atelier Nord, BP 118, 59003 Lille Cedex", "BP 118, 59003 Lille"),
        ("Retour des badges : TSA 40111, 69441 Lyon Cedex 03", "TSA 40111, 69441 Lyon"),
    ],
)
def test_a_french_post_box_before_its_postcode_is_an_address(text: str, address: str) -> None:
    assert any(found.startswith(address) for found in addresses(text, "fr"))


def test_bp_as_a_blood_pressure_or_a_company_is_no_post_box() -> None:
    assert addresses("His BP 120/80 was fine and BP 2024 results were up.") == []
