"""Phone numbers no numbering plan validates, found because a cue says they are phones.

A local number without its area code, a number of a region not configured, or one dialled
from abroad is still someone's phone: with "call", "Phone:", "reach us at" before it or an
"office" / "fax" label after it, it is reported; the same digits without a cue, or after an
account or order cue, or written as a date or an amount, are not.
"""

from __future__ import annotations

import pytest

import promptguard


def phones(text: str) -> set[str]:
    return {text[f.start : f.end] for f in promptguard.scan(text) if f.type == "PHONE_NUMBER"}


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("If the desk is closed, call 712 4456 and ask for the night editor.", "712 4456"),
        ("Location manager, Phone: (41) 903-552, mornings only.", "(41) 903-552"),
        ("For the scout van reach us at 001-212-409-7731x42 any time.", "001-212-409-7731x42"),
        ("Rental house contacts: 23 448912 office, 20 19 88 17 fax.", "23 448912"),
        ("Rental house contacts: 23 448912 office, 20 19 88 17 fax.", "20 19 88 17"),
        ("The caterer is not answering at 38 44 12 09 since noon.", "38 44 12 09"),
    ],
)
def test_a_number_beside_a_phone_cue_is_a_phone(text: str, number: str) -> None:
    assert number in phones(text)


@pytest.mark.parametrize(
    "text",
    [
        "Final table: 38 25 17 16 and 12 10 8 6 after the last round.",
        "Please send the invoice for order 712 4456 by Friday.",
        "Account number: 712 4456 90, then call the bank about it.",
        "Shooting resumes on 2026-05-12, call time 06 30.",
        "The text says the budget rose to 2 500 000 € this year.",
    ],
)
def test_the_same_digits_without_a_phone_cue_are_no_phone(text: str) -> None:
    assert phones(text) == set()
