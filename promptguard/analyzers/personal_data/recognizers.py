"""Recognizers Presidio lacks, or gets wrong, for production paperwork in English and French.

Presidio ships no street-address (`street_address`), French-NIR, passport or date-of-birth
recognizer usable on call sheets, and its phone recognizer scores every valid number below
the 0.5 default threshold. Each recognizer here is a Presidio `LocalRecognizer`, so the
engine's context enhancer, de-duplication and thresholds still apply. Recognizers that would
fire on ordinary numbers (passport ids, dates) require their cue word in the match itself:
"born 1999" is a birth year but "the 1999 film" is not, and only the cue tells them apart.
Ages and medical facts are proposed here and kept by the analyzer only when they are about
someone real (`fact_holder`).

`custom_recognizers` lists them, one module each, for one language (the phone recognizer,
which reads the configured regions and mode, is built by the analyzer).
"""

from __future__ import annotations

from presidio_analyzer import (
    LocalRecognizer,
)

from promptguard.analyzers.personal_data.age import age_recognizer
from promptguard.analyzers.personal_data.bank_account import BankAccountRecognizer
from promptguard.analyzers.personal_data.card_numbers import CardNumberRecognizer
from promptguard.analyzers.personal_data.cased_names import CasedNameRecognizer
from promptguard.analyzers.personal_data.cued_phone import CuedPhoneRecognizer
from promptguard.analyzers.personal_data.date_of_birth import dob_recognizer
from promptguard.analyzers.personal_data.driver_licence import DriverLicenceRecognizer
from promptguard.analyzers.personal_data.medical import medical_recognizer
from promptguard.analyzers.personal_data.national_ids import NationalIdRecognizer
from promptguard.analyzers.personal_data.nir import nir_recognizer
from promptguard.analyzers.personal_data.passport import passport_recognizer
from promptguard.analyzers.personal_data.street_address import StreetAddressRecognizer


def custom_recognizers(language: str) -> list[LocalRecognizer]:
    """Every recognizer of this module for one language."""
    return [
        StreetAddressRecognizer(language),
        nir_recognizer(language),
        passport_recognizer(language),
        dob_recognizer(language),
        CasedNameRecognizer(language),
        CardNumberRecognizer(language),
        CuedPhoneRecognizer(language),
        DriverLicenceRecognizer(language),
        BankAccountRecognizer(language),
        NationalIdRecognizer(language),
        age_recognizer(language),
        medical_recognizer(language),
    ]
