"""Phone numbers in every format phonenumbers reads for the configured regions, and none in
score lines or tables of figures. Real Presidio, through `promptguard.scan`."""

from __future__ import annotations

from pathlib import Path

import pytest

import promptguard
from promptguard.config.defaults import DEFAULT_PHONE_REGIONS
from promptguard.config.load import Config, ConfigError, parse_config

CONFIG = Config()
TABLES = Path(__file__).parent / "data" / "score_tables.txt"


def phones(text: str, language: str = "en", config: Config = CONFIG) -> list[str]:
    return [
        text[f.start : f.end]
        for f in promptguard.scan(text, language=language, config=config)
        if f.type == "PHONE_NUMBER"
    ]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call Dana on 06 12 34 56 78 tomorrow", "06 12 34 56 78"),  # FR
        ("Portable : 06.12.34.56.78", "06.12.34.56.78"),
        ("Reach me at +33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("Office (415) 555-0143 x221 after 9", "(415) 555-0143 x221"),  # US, extension
        ("or 555.123.4567", "555.123.4567"),
        ("tel: 1 800 555 1234", "1 800 555 1234"),
        ("Ring me on 020 7946 0958", "020 7946 0958"),  # GB
        ("Ruf mich an: 030 1234567", "030 1234567"),  # DE
        ("WhatsApp +91 98765 43210", "+91 98765 43210"),  # IN
        ("Tel (11) 4706-6184", "(11) 4706-6184"),  # BR
        ("llámame al 612 34 56 78", "612 34 56 78"),  # ES
        ("chiamami al 347 123 4567", "347 123 4567"),  # IT
        ("bel me op 06 12345678", "06 12345678"),  # NL
        ("call 0470 12 34 56", "0470 12 34 56"),  # BE
        ("+972 52-555-1234 is her mobile", "+972 52-555-1234"),  # IL
        ("mobile 052-555-1234", "052-555-1234"),
    ],
)
def test_phone_formats_of_the_default_regions(text: str, number: str) -> None:
    assert number in phones(text)


def test_a_crew_list_keeps_every_number() -> None:
    text = "Tom 06 12 34 56 78, Ana 06 98 76 54 32, Léo 07 11 22 33 44"
    assert len(phones(text, "fr")) == 3


def test_score_lines_and_tables_of_figures_hold_no_phone() -> None:
    lines = [
        line
        for line in TABLES.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(lines) >= 30
    assert [line for line in lines if phones(line)] == []
    assert phones("\n".join(lines)) == []


def test_account_and_routing_numbers_are_not_phones() -> None:
    assert phones("Use account 0168754245, routing 0298555401 for the refund.") == []


def test_phone_regions_are_configurable() -> None:
    assert {"US", "GB", "DE", "FR", "IL", "IN", "CA", "BR", "ES", "IT", "NL"} <= set(
        DEFAULT_PHONE_REGIONS
    )
    only_us = parse_config({"phone_regions": ["us"]})
    assert only_us.phone_regions == ("US",)
    assert phones("Ruf mich an: 030 1234567", config=only_us) == []
    with pytest.raises(ConfigError, match="phone_regions"):
        parse_config({"phone_regions": ["XX"]})


def test_two_numbers_split_by_a_slash_are_reported_without_the_space() -> None:
    text = "Contact régie : 06 12 34 56 78 / 01 42 68 53 00"
    found = sorted(
        text[f.start : f.end] for f in promptguard.scan(text) if f.type == "PHONE_NUMBER"
    )
    assert found == ["01 42 68 53 00", "06 12 34 56 78"]
