"""One prompt, one destination: scan it and let the gate decide, failing closed.

Shared by the Python API, `promptguard check` and the local service, so that all three
give the same decision for the same prompt. A scan that cannot run (a model that will not
load, an analyzer that crashes) becomes a `block` with the reason, never an `allow`.
"""

from __future__ import annotations

import re
import threading

from promptguard._util import one_line
from promptguard.config.load import Config
from promptguard.errors import InputError
from promptguard.findings import Finding
from promptguard.gate import Decision, Gate
from promptguard.nlp.models import transient_words
from promptguard.pipeline.scanner import Scanner, ScanResult
from promptguard.readers.encoding import decode_text, encoding_note, looks_binary
from promptguard.readers.records import Record


class Checker:
    """A warm scanner and the gate; thread-safe, one scan at a time."""

    def __init__(self, config: Config | None = None, scanner: Scanner | None = None) -> None:
        self.config = config or Config()
        self.gate = Gate(self.config)
        self.setup_failure: str | None = None
        self.scanner: Scanner | None = scanner
        if scanner is None:
            try:
                self.scanner = Scanner(self.config)
            except Exception as error:  # noqa: BLE001 - reported on every check, fail closed
                self.setup_failure = f"analyzers could not start: {one_line(error, with_type=True)}"
        # spaCy pipelines and Presidio engines are not documented as thread-safe, and the
        # work is CPU-bound under the GIL anyway.
        self._lock = threading.Lock()

    def findings(self, text: str, language: str | None = None) -> tuple[list[Finding], list[str]]:
        """Findings in `text`, and what could not be checked."""
        text, _ = prompt_text(text)
        if self.scanner is None:
            return [], [self.setup_failure or "no scanner"]
        record = Record(text=text, path="<prompt>")
        try:
            with self._lock, transient_words(self.scanner.models):
                (result,) = list(self.scanner.scan_records([record], language=language))
        except Exception as error:  # noqa: BLE001 - any scan failure fails closed
            return [], [f"scan failed: {one_line(error, with_type=True)}"]
        assert isinstance(result, ScanResult)
        return result.findings, result.failures

    def check(
        self,
        text: str,
        tool: str | None = None,
        purpose: str | None = None,
        user: str | None = None,
        record: bool = True,
        language: str | None = None,
    ) -> Decision:
        """The decision for sending `text` to `tool` for `purpose`.

        Raises ValueError only for an invalid tool or purpose, or a prompt that is not text
        (`InputError`); findings never raise."""
        text, notes = prompt_text(text)
        findings, failures = self.findings(text, language)
        decision = self.gate.decide(
            findings,
            tool,
            purpose,
            prompt_text=text,
            user=user,
            record=record,
            scan_failures=failures,
        )
        decision.warnings[:0] = notes
        return decision


_SURROGATES = re.compile("[\ud800-\udfff]")


def prompt_text(text: object) -> tuple[str, list[str]]:
    """The prompt as text the analyzers can read, and what had to be done to it.

    Bytes are decoded as the command line decodes files (see `readers.encoding`); lone
    surrogate code points (what `surrogateescape` leaves of undecodable bytes, or a JSON
    `\\udce9` escape) become U+FFFD one for one, so offsets still point into the original.
    Anything else raises `InputError` (a ValueError)."""
    notes: list[str] = []
    if isinstance(text, (bytes, bytearray)):
        if looks_binary(bytes(text)):
            raise InputError("the prompt is binary data, not text: nothing checked")
        text, encoding = decode_text(bytes(text))
        note = encoding_note(encoding)
        if note:
            notes.append(f"prompt {note}")
    elif not isinstance(text, str):
        raise InputError(f"the prompt must be text (str or bytes), not {type(text).__name__}")
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
        notes.append("prompt held invalid characters (lone surrogates): replaced by U+FFFD")
    return text, notes
