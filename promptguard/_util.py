"""Small helpers several layers need, kept in one place instead of one copy per module.

Imports only the standard library, so the light service client could use it too.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path


def get_logger(name: str) -> logging.Logger:
    """The module logger `name`, under the `promptguard` logger, which has a NullHandler:
    silent unless the application configures logging. Log messages name analyzers, models,
    files and error classes, never a scanned value or an exception message that may quote one.
    (The light service client does not log, so that it need not import `logging`.)"""
    root = logging.getLogger("promptguard")
    if not any(isinstance(handler, logging.NullHandler) for handler in root.handlers):
        root.addHandler(logging.NullHandler())
    return logging.getLogger(name)


def one_line(error: BaseException, with_type: bool = False) -> str:
    """The first line of an error's message (its class name when it has none), for a
    one-line report; `with_type` prefixes the class name (`ValueError: ...`)."""
    lines = str(error).strip().splitlines()
    name = type(error).__name__
    if not lines:
        return name
    return f"{name}: {lines[0]}" if with_type else lines[0]


def atomic_write(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write beside, then rename: a reader never sees half a file, a crash never leaves one.

    The temporary file is created with the usual permissions (the umask applies) unless
    `mode` is given. Creates the parent folder. Raises OSError; the temporary is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        if isinstance(data, bytes):
            temporary.write_bytes(data)
        else:
            temporary.write_text(data, encoding="utf-8")
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
