"""Masking of secret values in excerpts: the one place a report shows matched text.

Kept apart from `findings` (and free of dataclasses) because `promptguard check` answered
by a running service prints excerpts too, and that path must start in milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

#: Categories whose matched text is itself the secret (a phone number, a line of the
#: script, a code name): masked in every excerpt. A celebrity's name or a phrase like
#: "clone the actor's voice" is not secret, and masking it would make reports useless.
MASKED_VALUE_CATEGORIES: frozenset[str] = frozenset(
    {"personal_data", "unreleased_script", "confidential"}
)


class Span(Protocol):
    """What an excerpt needs of a finding: where it is and whether its value is secret."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def value_is_secret(self) -> bool: ...


def mask(value: str) -> str:
    """Hide a value but keep its shape: first and last character, length in between.

    Long values (a pasted scene) keep only their length, so a report line stays readable."""
    value = " ".join(value.split())
    if len(value) <= 2:
        return "*" * len(value)
    if len(value) <= 4:
        return value[0] + "*" * (len(value) - 1)
    if len(value) > 40:
        return f"{value[0]}***({len(value)} chars)***{value[-1]}"
    return value[0] + "*" * (len(value) - 2) + value[-1]


def excerpt(
    text: str,
    finding: Span,
    show_values: bool = False,
    context: int = 20,
    others: Iterable[tuple[int, int]] = (),
) -> str:
    """A one-line excerpt around the finding, the value itself masked unless asked.

    `others` are the (start, end) spans of the other secret findings in `text`: masked too
    where they fall in the context, or a phone number's excerpt would show the email
    beside it."""
    start, end = max(0, min(finding.start, len(text))), max(0, min(finding.end, len(text)))
    if not show_values:
        text = _mask_spans(text, [span for span in others if span != (start, end)])
    value = text[start:end]
    shown = mask(value) if finding.value_is_secret and not show_values else value
    before = text[max(0, start - context) : start]
    after = text[end : end + context]
    line = f"{before}[{shown}]{after}"
    line = " ".join(line.split())
    prefix = "…" if start - context > 0 else ""
    suffix = "…" if end + context < len(text) else ""
    return f"{prefix}{line}{suffix}"


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    chars = list(text)
    for span_start, span_end in spans:
        for index in range(max(0, span_start), min(span_end, len(chars))):
            if not chars[index].isspace():
                chars[index] = "*"
    return "".join(chars)
