"""Report rows kept on disk, not in memory, so a scan of a 1 GB log stays flat.

Reports list findings sorted by file, line and offset. A scan sees the rows of a log in that
order already, except within one line (a JSONL line's fields, a text record's findings), so
the spool buffers the rows of the current lines, and once it holds `batch` rows and a record
starts on a later line (or another file), it writes what it holds to a temporary file as one
pickled chunk, remembering the chunk's first and last (path, line). Reading back sorts each
chunk with the writer's key: when the chunks are in order and do not overlap, that is the
same as sorting everything, and only one chunk is in memory at a time. If they are not
(files given in an order that is not sorted), reading back falls back to loading every row
and sorting them, which is what the report did before.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from promptguard.reports.rows import FindingRow

#: Rows held in memory before they are written to the spool (at a line boundary).
BATCH_ROWS = 2000


class RowSpool:
    """Collects report rows; `sorted_rows(key)` gives them back sorted by `key`, whose
    first two components must be the row's path and line."""

    def __init__(self, batch: int = BATCH_ROWS) -> None:
        self.batch = batch
        self.count = 0
        self._pending: list[FindingRow] = []
        self._file: IO[bytes] | None = None
        #: (first (path, line), last (path, line)) of each chunk written, in order
        self._chunks: list[tuple[tuple[str, int], tuple[str, int]]] = []

    def add(self, rows: list[FindingRow]) -> None:
        """The rows of one scanned record (in any order)."""
        if not rows:
            return
        first = min((row.path, row.line) for row in rows)
        if len(self._pending) >= self.batch and first > self._last_pending():
            self._write_pending()
        self._pending.extend(rows)
        self.count += len(rows)

    def _last_pending(self) -> tuple[str, int]:
        return max((row.path, row.line) for row in self._pending)

    def _write_pending(self) -> None:
        if not self._pending:
            return
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="promptguard-rows-")  # noqa: SIM115
        first = min((row.path, row.line) for row in self._pending)
        self._chunks.append((first, self._last_pending()))
        pickle.dump(self._pending, self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending = []

    def in_order(self) -> bool:
        """Whether the chunks written so far (and the rows held) follow each other in order."""
        bounds = list(self._chunks)
        if self._pending:
            first = min((row.path, row.line) for row in self._pending)
            bounds.append((first, self._last_pending()))
        return all(a[1] < b[0] for a, b in zip(bounds, bounds[1:], strict=False))

    def _chunks_back(self) -> Iterator[list[FindingRow]]:
        if self._file is not None:
            self._file.flush()
            self._file.seek(0)
            for _ in self._chunks:
                yield pickle.load(self._file)  # noqa: S301 - our own temporary file
        if self._pending:
            yield self._pending

    def sorted_rows(self, key: Callable[[FindingRow], Any]) -> Iterator[FindingRow]:
        """Every row, sorted by `key` (stable: ties keep the order the rows came in)."""
        if self.in_order():
            for chunk in self._chunks_back():
                yield from sorted(chunk, key=key)
        else:
            everything = [row for chunk in self._chunks_back() for row in chunk]
            yield from sorted(everything, key=key)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
