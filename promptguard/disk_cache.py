"""Compiled structures cached on disk, for every part of promptguard that builds one.

A cold `check` and a pre-commit run are new processes: whatever they compile from the
shipped lists (the name lexicon's tables and indexes, and anything else built from files
that change only with an install) should be built once and loaded afterwards. This is the
one mechanism for that, generalised from the lexicon's marshal cache:

* **versioned**: the file name holds the structure's name, its layout `version` (bump it when
  the layout changes), the Python version (`marshal` is only read by the Python that wrote
  it) and a fingerprint of the sources (path, size, mtime: cheap, and any edit or reinstall
  changes it), so changed lists are **rebuilt**, never read stale;
* **per install**: the name also holds a hash of where the sources live, and only that
  install's stale files are removed, so two installs sharing a user cache (a virtualenv and
  the pre-commit framework's own environment; several checkouts) keep one file each instead
  of evicting each other's on every run (the lexicon's cache did: each process of the other
  install then compiled the lexicon again instead of loading it in 26 ms);
* **verified**: a header holds a magic tag, the payload's length and its CRC-32; a
  truncated, corrupted or foreign file is ignored and rebuilt;
* **atomic**: written beside and renamed, so a reader never sees half a file; a read-only or
  missing cache folder only means building again next time.

`PROMPTGUARD_CACHE_DIR` moves the folder (default `$XDG_CACHE_HOME/promptguard`, else
`~/.cache/promptguard`); `PROMPTGUARD_CACHE=off` disables reading and writing.

    data = load_or_build("lexicon", version=9, sources=[path, ...], build=compile_tables)
"""

from __future__ import annotations

import hashlib
import marshal
import os
import struct
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from promptguard._util import atomic_write

T = TypeVar("T")

MAGIC = b"PGC1"
#: magic, payload length (8 bytes), CRC-32 of the payload (4 bytes)
HEADER = struct.Struct("<4sQI")


def cache_dir() -> Path:
    override = os.environ.get("PROMPTGUARD_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "promptguard"


def enabled() -> bool:
    return os.environ.get("PROMPTGUARD_CACHE", "").strip().lower() not in ("off", "0", "no")


def fingerprint(sources: Iterable[Path], version: int | str) -> str:
    """Identify the sources by path, size and modification time (a missing file counts too)."""
    digest = hashlib.blake2b(f"{version}".encode(), digest_size=12)
    for source in sources:
        digest.update(os.fsencode(str(source)))
        try:
            stat = os.stat(source)
            digest.update(f":{stat.st_size}:{stat.st_mtime_ns};".encode())
        except OSError:
            digest.update(b":missing;")
    return digest.hexdigest()


def install_id(sources: Iterable[Path]) -> str:
    """Where the sources live (their folders): one install's files, not another's."""
    folders = sorted({os.fsencode(str(Path(source).resolve().parent)) for source in sources})
    return hashlib.blake2b(b"\0".join(folders), digest_size=6).hexdigest()


def cache_path(name: str, version: int | str, sources: list[Path]) -> Path:
    """`NAME-INSTALL-FINGERPRINT-PYTHON.bin` in the cache folder (`name` has no dash)."""
    if not name or "-" in name or "/" in name:
        raise ValueError(f"cache name must be a plain word, not {name!r}")
    python = f"py{sys.version_info[0]}{sys.version_info[1]}"
    key = f"{install_id(sources)}-{fingerprint(sources, version)}-{python}"
    return cache_dir() / f"{name}-{key}.bin"


def pack(payload: bytes) -> bytes:
    return HEADER.pack(MAGIC, len(payload), zlib.crc32(payload)) + payload


def unpack(blob: bytes) -> bytes | None:
    """The payload of a cache file, or None when it is not one or does not verify."""
    if len(blob) < HEADER.size:
        return None
    magic, length, crc = HEADER.unpack_from(blob)
    payload = blob[HEADER.size :]
    if magic != MAGIC or length != len(payload) or zlib.crc32(payload) != crc:
        return None
    return payload


def load_or_build(
    name: str,
    version: int | str,
    sources: Iterable[Path],
    build: Callable[[], T],
    *,
    dumps: Callable[[Any], bytes] = marshal.dumps,
    loads: Callable[[bytes], Any] = marshal.loads,
    valid: Callable[[Any], bool] = lambda data: True,
) -> T:
    """The structure `build()` makes from `sources`, from the cache when a verified file
    for these exact sources exists, else built and cached. `dumps` / `loads` default to
    `marshal` (plain tuples, lists, dicts, strings and numbers); `valid` checks what was
    loaded has the expected shape."""
    sources = list(sources)
    if not enabled():
        return build()
    path = cache_path(name, version, sources)
    try:
        payload = unpack(path.read_bytes())
        if payload is not None:
            data = loads(payload)
            if valid(data):
                return data
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = build()
    store(path, dumps(data))
    return data


def store(path: Path, payload: bytes) -> None:
    """Write a cache file and remove this install's stale ones of the same name (another
    install's files are left alone). Failing to write is not an error."""
    name, install = path.name.split("-")[:2]
    try:
        atomic_write(path, pack(payload))
        for stale in path.parent.glob(f"{name}-{install}-*.bin"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home is fine: we just build again next time
