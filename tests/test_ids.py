"""Identity, bank and card numbers: what a user sees from `promptguard.scan` (real Presidio)."""

from __future__ import annotations

import pytest

import promptguard
from promptguard.config.load import Config

CONFIG = Config()


def found(text: str) -> set[tuple[str, str]]:
    return {
        (f.type, text[f.start : f.end])
        for f in promptguard.scan(text, language="en", config=CONFIG)
        if f.category == "personal_data"
    }


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("my iban is gb50mvfc38361978683032", "IBAN_CODE", "gb50mvfc38361978683032"),
        ("My driver's license number is 578988637", "US_DRIVER_LICENSE", "578988637"),
        ("Driving licence: a56319335, expires 2031", "US_DRIVER_LICENSE", "a56319335"),
        ("DL number NYA123456", "US_DRIVER_LICENSE", "NYA123456"),
        ("My passport number is 19824624", "PASSPORT", "19824624"),
        ("My bank account is 09884624524", "US_BANK_NUMBER", "09884624524"),
        ("card 4111.1111.1111.1111 exp 12/27", "CREDIT_CARD", "4111.1111.1111.1111"),
        ("pay with 4111/1111/1111/1111 please", "CREDIT_CARD", "4111/1111/1111/1111"),
        ("My national ID is 245986472", "NATIONAL_ID", "245986472"),
        ("Use voter ID E957813471", "NATIONAL_ID", "E957813471"),
        ("Use my EIN 18-3465587", "NATIONAL_ID", "18-3465587"),
        ("Codice fiscale RSSMRA85T10A562S", "NATIONAL_ID", "RSSMRA85T10A562S"),
        ("CPF 390.533.447-05 do titular", "NATIONAL_ID", "390.533.447-05"),
        ("DNI 12345678Z", "NATIONAL_ID", "12345678Z"),
        ("BSN 111222333", "NATIONAL_ID", "111222333"),
        ("N° de sécu : 1 85 05 78 006 084 91", "FR_NIR", "1 85 05 78 006 084 91"),
        ("UK NI number AB 12 34 56 C for payroll", "NATIONAL_ID", "AB 12 34 56 C"),
        ("National Insurance: JG103759A", "NATIONAL_ID", "JG103759A"),
        ("His NHS number is 943 476 5919", "NATIONAL_ID", "943 476 5919"),
    ],
)
def test_ids_are_found(text: str, kind: str, value: str) -> None:
    assert (kind, value) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Scene 578988637 is the take number",  # no licence cue
        "Order 12345678Z shipped",  # a DNI shape without its cue
        "card 4111.1111.1111.1112 exp 12/27",  # fails Luhn
        "I hold a licence for 3 venues since 2019",
        "the 2024 budget is 1500000 dollars",
        "Part number TR123456A for the dolly",  # a NI number's shape without its cue
        "NI number QQ123456C",  # QQ is the prefix of specimen numbers, never issued
        "NHS number 943 476 5918",  # fails the NHS check digit
    ],
)
def test_look_alikes_are_not_ids(text: str) -> None:
    assert not {k for k, _ in found(text)} & {
        "US_DRIVER_LICENSE", "NATIONAL_ID", "CREDIT_CARD", "US_BANK_NUMBER", "PASSPORT",
    }  # fmt: skip
