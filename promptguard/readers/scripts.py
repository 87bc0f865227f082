"""Read screenplays into scenes: Fountain, Final Draft (.fdx), PDF, plain text, Markdown.

The script index only needs the words of a script, cut into scenes so a match can say
*where* it came from. Every format therefore becomes the same thing: a title (when the file
states one) and a list of `(scene heading, text)` units, the first unit holding whatever
comes before the first scene heading. Layout is kept as lines; normalising it away is the
index's job, so the same rules apply to registered scripts and to scanned prompts.

Final Draft files are XML from outside the production's control: documents with a DTD or
entity declarations are refused outright (no entity expansion, no external fetches).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from promptguard.errors import ScriptReadError
from promptguard.readers.pdf import pdf_pages

#: Scripts larger than this are not scripts (a feature-length .fdx is well under 2 MB).
MAX_SCRIPT_BYTES = 50 * 1024 * 1024
#: Rough words per screenplay page, used when the format has no real pages.
WORDS_PER_PAGE = 180

SUFFIX_FORMATS: dict[str, str] = {
    ".fountain": "fountain",
    ".spmd": "fountain",
    ".fdx": "fdx",
    ".pdf": "pdf",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}

#: A scene heading line: INT./EXT./EST./INT./EXT./I/E, as Fountain defines it.
SCENE_HEADING = re.compile(
    r"^\s*(?:\d+[A-Z]?\s+)?(?:INT\.?/EXT|EXT\.?/INT|I/E|INT|EXT|EST)[.\s]", re.IGNORECASE
)
_FDX_FORBIDDEN = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_BONEYARD = re.compile(r"/\*.*?\*/", re.DOTALL)
_NOTE = re.compile(r"\[\[.*?\]\]", re.DOTALL)
_TITLE_KEY = re.compile(r"^([A-Za-z][A-Za-z ]{0,30}):\s*(.*)$")
_EMPHASIS = re.compile(r"(?<!\\)[*_]+")
_MARKDOWN_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)")


@dataclass
class ScriptText:
    """A screenplay as the index sees it: an optional title and its scenes in order."""

    units: list[tuple[str, str]] = field(default_factory=list)
    title: str | None = None
    format: str = "text"
    pages: int = 0

    @property
    def text(self) -> str:
        return "\n\n".join(f"{h}\n{t}" if h else t for h, t in self.units)

    @property
    def scene_count(self) -> int:
        return sum(1 for heading, _ in self.units if heading)


def script_format(path: Path) -> str:
    """The reader for a file, from its suffix; unknown suffixes are read as plain text."""
    return SUFFIX_FORMATS.get(path.suffix.lower(), "text")


def read_script(path: Path | str) -> ScriptText:
    """Read one screenplay file; raises `ScriptReadError` with a one-line reason."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SCRIPT_BYTES:
            raise ScriptReadError(f"{path}: {size // (1024 * 1024)} MiB is too large for a script")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScriptReadError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise ScriptReadError(f"{path}: is a folder, not a script file") from None
    except OSError as error:
        raise ScriptReadError(f"{path}: cannot read: {error.strerror or error}") from None
    kind = script_format(path)
    if kind == "fdx":
        script = parse_fdx(data, str(path))
    elif kind == "pdf":
        script = parse_pdf(data, str(path))
    else:
        text = _decode(data, str(path))
        if kind == "fountain":
            script = parse_fountain(text)
        elif kind == "markdown":
            script = parse_plain(text, markdown=True)
        else:
            script = parse_plain(text)
    if not any(t.strip() or h.strip() for h, t in script.units):
        raise ScriptReadError(f"{path}: no script text found")
    if not script.pages:
        script.pages = max(1, round(len(script.text.split()) / WORDS_PER_PAGE))
    return script


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise ScriptReadError(f"{name}: binary file, not a text screenplay")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older screenplay exports are often Windows-1252; it decodes any byte.
        return data.decode("cp1252", errors="replace")


def _split_scenes(lines: list[str], is_heading, need_blank: bool = True) -> list[tuple[str, str]]:
    """Cut lines into (heading, text) units at every line `is_heading` accepts.

    Fountain wants a blank line before a heading; PDF text layers drop blank lines."""
    units: list[tuple[str, str]] = []
    heading, body = "", []
    for index, line in enumerate(lines):
        blank_before = not need_blank or index == 0 or not lines[index - 1].strip()
        if blank_before and is_heading(line):
            if heading or any(b.strip() for b in body):
                units.append((heading, "\n".join(body).strip("\n")))
            heading, body = line.strip(), []
        else:
            body.append(line)
    if heading or any(b.strip() for b in body):
        units.append((heading, "\n".join(body).strip("\n")))
    return units


# -- Fountain -------------------------------------------------------------------------------


def parse_fountain(text: str) -> ScriptText:
    """Fountain (fountain.io): title page, forced headings, notes, boneyard, sections."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BONEYARD.sub("", text)
    text = _NOTE.sub("", text)
    lines = text.split("\n")
    title, lines = _fountain_title_page(lines)
    kept: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("#", "=")) and not stripped.startswith("==="):
            continue  # sections and synopses are the writer's notes, not the script
        if re.fullmatch(r"={3,}", stripped):
            kept.append("")  # page break
            continue
        if stripped.startswith(">") and stripped.endswith("<"):
            stripped = stripped[1:-1].strip()  # centred text
        elif stripped.startswith((">", "!", "@", "~")):
            stripped = stripped[1:].strip()  # forced transition/action/character, lyrics
        kept.append(_EMPHASIS.sub("", stripped) if stripped else "")

    def is_heading(line: str) -> bool:
        stripped = line.strip()
        forced = stripped.startswith(".") and len(stripped) > 1 and stripped[1].isalnum()
        return forced or bool(SCENE_HEADING.match(stripped))

    units = [(h.lstrip(".").strip() if h else h, t) for h, t in _split_scenes(kept, is_heading)]
    return ScriptText(units=units, title=title, format="fountain")


def _fountain_title_page(lines: list[str]) -> tuple[str | None, list[str]]:
    """Split off the `Key: value` title page, if the file starts with one."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not _TITLE_KEY.match(lines[first]):
        return None, lines
    end = first
    while end < len(lines) and lines[end].strip():
        end += 1
    fields: dict[str, list[str]] = {}
    key = ""
    for line in lines[first:end]:
        match = _TITLE_KEY.match(line)
        if match and not line[:1].isspace():
            key = match.group(1).strip().lower()
            fields[key] = [match.group(2).strip()] if match.group(2).strip() else []
        elif key:
            fields[key].append(line.strip())
    title = " ".join(_EMPHASIS.sub("", v) for v in fields.get("title", []) if v).strip()
    return title or None, lines[end:]


# -- Final Draft ----------------------------------------------------------------------------


def parse_fdx(data: bytes, name: str = "script.fdx") -> ScriptText:
    """Final Draft XML: one unit per `Scene Heading` paragraph, dual dialogue included."""
    if _FDX_FORBIDDEN.search(data):
        raise ScriptReadError(f"{name}: refused: Final Draft file declares a DTD or entities")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise ScriptReadError(f"{name}: not a valid Final Draft file: {error}") from None
    if root.tag != "FinalDraft":
        raise ScriptReadError(f"{name}: not a Final Draft file (root element <{root.tag}>)")
    content = root.find("Content")
    if content is None:
        raise ScriptReadError(f"{name}: Final Draft file has no <Content>")
    units: list[tuple[str, str]] = []
    heading, body = "", []
    for paragraph in content.iter("Paragraph"):
        line = "".join("".join(t.itertext()) for t in paragraph.findall("Text")).strip()
        if not line:
            continue
        if paragraph.get("Type") == "Scene Heading":
            if heading or body:
                units.append((heading, "\n".join(body)))
            heading, body = line, []
        else:
            body.append(line)
    if heading or body:
        units.append((heading, "\n".join(body)))
    return ScriptText(units=units, title=_fdx_title(root), format="fdx")


def _fdx_title(root: ElementTree.Element) -> str | None:
    """The first non-empty line of the title page, which is the title by convention."""
    page = root.find("TitlePage")
    if page is None:
        return None
    for paragraph in page.iter("Paragraph"):
        line = "".join("".join(t.itertext()) for t in paragraph.findall("Text")).strip()
        if line:
            return line
    return None


# -- PDF, plain text, Markdown --------------------------------------------------------------


def parse_pdf(data: bytes, name: str = "script.pdf") -> ScriptText:
    """The PDF's text layer (`readers.pdf`), then read as a plain-text screenplay."""
    pages = pdf_pages(data, name)
    script = parse_plain("\n\n".join(pages))
    script.format, script.pages = "pdf", len(pages)
    return script


def parse_plain(text: str, markdown: bool = False) -> ScriptText:
    """A screenplay typed or exported as text: scenes start at INT./EXT. lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if markdown:
        lines = [_EMPHASIS.sub("", _MARKDOWN_PREFIX.sub("", line)) for line in lines]
        lines = [line for line in lines if not line.strip().startswith("```")]
    units = _split_scenes(
        lines, lambda line: bool(SCENE_HEADING.match(line.strip())), need_blank=False
    )
    return ScriptText(units=units, format="markdown" if markdown else "text")
