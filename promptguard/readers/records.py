"""The unit passed from readers to the scanner: a piece of text and where it came from.

Readers turn files, logs and stdin into `Record`s (or `ReadError`s for what they could not
read); the scanner turns each record into findings. Neither side knows the other's details.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    """One text to scan. `line` is the 1-based line in `path` where `text` starts;
    `field` names the part of a structured record (e.g. `messages[1].content`)."""

    text: str
    path: str
    line: int = 1
    field: str = ""
    meta: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)

    def locate(self, offset: int) -> tuple[int, int]:
        """(line, column) of a character offset: line in the file, 0-based column in it."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line + self.text.count("\n", 0, offset)
        column = offset - (self.text.rfind("\n", 0, offset) + 1)
        return line, column

    def line_text(self, offset: int) -> str:
        """The whole line of `text` containing `offset` (for excerpts)."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return self.text[start : end if end != -1 else len(self.text)]


#: `ReadError.level`: something could not be read (the scan goes on, then exits 2) ...
ERROR = "error"
#: ... a file deliberately left out of a folder walk (a binary among the notes) ...
SKIPPED = "skipped"
#: ... or a remark on what was read (the encoding assumed): nothing was lost.
NOTICE = "notice"


@dataclass(frozen=True)
class ReadError:
    """Something a reader could not read, or has to say; the scan reports it and goes on.

    Only `level == ERROR` means part of the input was not scanned; a command that meets one
    still finishes its work, then exits non-zero (see docs/BAD_INPUT.md)."""

    path: str
    message: str
    line: int = 0
    level: str = ERROR

    @property
    def lost(self) -> bool:
        """True when some of the input was not scanned."""
        return self.level == ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
