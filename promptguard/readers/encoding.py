"""Bytes to text: UTF-8 when it is, otherwise the encoding the bytes were most likely written in.

Prompts reach promptguard from Windows editors (Windows-1252), old French tools (latin-1)
and PowerShell pipes (UTF-16 with a byte-order mark). Decoding those as UTF-8 with
replacement characters loses letters ("Zoé" -> "Zo\ufffd") and makes the analyzers see
words that are not there. So: a byte-order mark wins; then strict UTF-8; then
`charset-normalizer`, limited to the encodings a Western production's files are written in
(left free, it reads short French latin-1 text as Central European cp1250); then
Windows-1252, which decodes every byte but five, as a last resort. No line is ever dropped:
the last resort replaces only the bytes it cannot map.

The caller is told which encoding was assumed, so it can say so (on stderr).
"""

from __future__ import annotations

import codecs

#: What `charset-normalizer` may choose among: the encodings EN/FR production files are
#: actually written in. Windows-1252 is a superset of latin-1's printable characters.
CANDIDATES: tuple[str, ...] = ("cp1252", "latin_1", "iso8859_15", "mac_roman", "utf_16", "utf_32")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `head` announces, if any."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for mostly-ASCII UTF-16 text without a byte-order mark
    (every other byte NUL), else None."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    odd, even = sample[1::2], sample[0::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def is_binary(head: bytes) -> bool:
    """NUL bytes in the first block mean binary, as git decides; UTF-16/32 text (which is
    full of NUL bytes) is text."""
    if b"\x00" not in head:
        return False
    return bom_encoding(head) is None and utf16_without_bom(head) is None


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding assumed ('utf-8' when it simply was UTF-8)."""
    announced = bom_encoding(data[:4]) or utf16_without_bom(data[:8192])
    if announced is not None:
        try:
            return data.decode(announced), announced
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    guessed = _guess(data)
    if guessed is not None:
        try:
            return data.decode(guessed), guessed
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("cp1252", errors="replace"), "cp1252"


#: `decode_text`'s encoding for a file whose lines are UTF-8 and something else.
MIXED_PREFIX = "mixed:"


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Line by line, for text that is mostly UTF-8 (it holds valid multi-byte UTF-8) with
    some lines in another encoding, as when a latin-1 note is pasted into a UTF-8 log:
    decoding the whole as latin-1 would garble every UTF-8 line. None when no line is
    non-ASCII UTF-8 (then the whole text is in one other encoding)."""
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    utf8_non_ascii = False
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            decoded.append(None)
            continue
        utf8_non_ascii = utf8_non_ascii or not line.isascii()
        decoded.append(text)
    if not utf8_non_ascii:
        return None
    others = b"\n".join(line for line, text in zip(lines, decoded, strict=True) if text is None)
    other = _guess(others) or "cp1252"
    parts = [
        text if text is not None else line.decode(other, errors="replace")
        for line, text in zip(lines, decoded, strict=True)
    ]
    return "\n".join(parts), f"{MIXED_PREFIX}{other}"


def looks_binary(data: bytes) -> bool:
    """Binary content, not text with a stray NUL byte: NUL bytes in the first block (and
    not UTF-16/32), unless the whole is valid UTF-8 with NUL bytes under 1 % of it."""
    head = data[:8192]
    if not is_binary(head):
        return False
    if data.count(0) > max(16, len(data) // 100):
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data[:262_144], cp_isolation=list(CANDIDATES)).best()
    if best is None:
        return None
    return codecs.lookup(best.encoding).name


def encoding_note(encoding: str) -> str | None:
    """What to tell the user about the encoding assumed (None for plain UTF-8)."""
    if encoding in ("utf-8", "utf-8-sig"):
        return None
    if encoding.startswith(MIXED_PREFIX):
        other = encoding_note(encoding[len(MIXED_PREFIX) :]) or ""
        return f"mixed encodings: UTF-8, and lines {other.replace('not valid UTF-8: ', '')}"
    if encoding.startswith(("utf-16", "utf-32")):
        return f"{encoding.upper()} text: decoded as {encoding.upper()}"
    label = {"cp1252": "Windows-1252 (latin-1)", "iso8859-1": "latin-1"}.get(encoding, encoding)
    return f"not valid UTF-8: decoded as {label}"
