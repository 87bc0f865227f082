"""Unreleased-script protection: readers, fingerprint index, analyzers, `corpus` CLI.

The registered scripts are short screenplays written for these tests, one per format; the
PDF is rendered from text by a minimal PDF writer so the reader goes through a real text
layer. Public-domain screenplays and ordinary prose play the unrelated texts.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from promptguard.analyzers.confidential import ConfidentialAnalyzer
from promptguard.analyzers.scripts.fingerprints import normalise
from promptguard.analyzers.scripts.screenplay_format import ScreenplayFormatAnalyzer
from promptguard.analyzers.scripts.script_index import ScriptIndex
from promptguard.analyzers.scripts.script_match import ScriptMatchAnalyzer
from promptguard.cli.corpus import corpus
from promptguard.config.load import Config
from promptguard.errors import ScriptIndexError
from promptguard.nlp.models import NlpModels, ScanText
from promptguard.readers.scripts import ScriptReadError, parse_fdx, read_script

DATA = Path(__file__).parent / "data" / "scripts"
REGISTERED = {
    "Harbour Lights": "harbour_lights.fountain",
    "The Glass Orchard": "glass_orchard.fdx",
    "Night Ferry": "night_ferry.txt",
    "Paper Moons": "paper_moons.md",
    "Dry Season": "dry_season.pdf",
}
UNRELATED = ("unrelated_tidewater.fountain", "Cyber_Bob_ep00001.fountain",
             "THE_LIBRARY_FREAK-OUT.fountain")  # fmt: skip
PROSE = """\
The committee met on Tuesday to review the quarterly budget for the regional library
service. Members agreed that the mobile library should continue to visit the outlying
villages twice a month, and that the reading room in the town hall would reopen after the
repairs to its roof. A proposal to extend opening hours on Saturdays was deferred until the
staffing review is complete. The chair thanked the volunteers who catalogued the donated
collection of maritime charts, which will be exhibited in the spring. Questions from the
public concerned parking, the condition of the children's section, and whether the café
could stock more vegetarian options. The next meeting will be held in the annex.
"""


# -- fixtures -------------------------------------------------------------------------------


def write_pdf(lines: list[str], path: Path, per_page: int = 45) -> None:
    """A minimal PDF 1.4 with a real text layer: Helvetica, one Tj per line."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    objects: list[bytes] = [b"", b""]  # 1: catalog, 2: page tree, filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>")  # 3
    kids = []
    for page_lines in pages:
        ops = ["BT", "/F1 10 Tf", "12 TL", "72 750 Td"]
        ops += [f"({escape(line.encode('latin-1', 'replace').decode('latin-1'))}) Tj T*"
                for line in page_lines]  # fmt: skip
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))


@pytest.fixture(scope="module")
def script_dir(tmp_path_factory) -> Path:
    """The fixture scripts, plus the PDF rendered from its source lines."""
    folder = tmp_path_factory.mktemp("scripts")
    for name in (*REGISTERED.values(), *UNRELATED):
        if name.endswith(".pdf"):
            continue
        (folder / name).write_bytes((DATA / name).read_bytes())
    lines = (DATA / "dry_season_pdf_lines.txt").read_text(encoding="utf-8").splitlines()
    write_pdf(lines, folder / "dry_season.pdf", per_page=20)
    return folder


@pytest.fixture(scope="module")
def scripts(script_dir):
    return {title: read_script(script_dir / name) for title, name in REGISTERED.items()}


@pytest.fixture(scope="module")
def index_path(scripts, tmp_path_factory) -> Path:
    index = ScriptIndex.new()
    for title, script in scripts.items():
        index.add(script, title)
    path = tmp_path_factory.mktemp("index") / "scripts.idx"
    index.save(path)
    return path


@pytest.fixture(scope="module")
def index(index_path) -> ScriptIndex:
    return ScriptIndex.load(index_path)


@pytest.fixture(scope="module")
def models(nlp_models) -> NlpModels:
    return nlp_models  # the session's models (tests/conftest.py); never loaded here


def scan(models: NlpModels, content: str) -> ScanText:
    return ScanText(content, models, language="en")


# -- disguises a user would apply when pasting --------------------------------------------


def fold_cues(text: str) -> str:
    """'HUGO\\n(quietly)\\nGo.' -> 'Hugo says, Go.': the cue becomes part of a sentence."""
    out, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        line = lines[i].strip()
        cue = re.fullmatch(r"[A-Z][A-Z .']{1,25}(\(V\.O\.\))?", line)
        if cue and not line.startswith(("INT", "EXT")) and i + 1 < len(lines):
            speech, i = [], i + 1
            while i < len(lines) and lines[i].strip():
                if not lines[i].strip().startswith("("):
                    speech.append(lines[i].strip())
                i += 1
            out.append(f"{line.split('(')[0].strip().title()} says, {' '.join(speech)}")
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def add_typos(text: str, rng: random.Random, every: int = 40) -> str:
    chars = list(text)
    letters = [i for i, c in enumerate(chars) if c.isalpha()]
    for i in sorted(rng.sample(letters, max(1, len(text) // every)), reverse=True):
        op = rng.randrange(3)
        if op == 0:
            chars[i] = rng.choice("aeioustn")
        elif op == 1:
            del chars[i]
        else:
            chars.insert(i, rng.choice("aeioustn"))
    return "".join(chars)


def disguise(text: str, rng: random.Random) -> str:
    """Everything at once: folded cues, flattened layout, lower case, no punctuation, typos."""
    flat = " ".join(re.sub(r"[^\w\s]", " ", fold_cues(text)).split()).lower()
    return add_typos(flat, rng)


def excerpts(script_text: str, n_words: int, count: int, rng: random.Random) -> list[str]:
    tokens = [m.span() for m in re.finditer(r"\S+", script_text)]
    out = []
    for _ in range(count):
        start = rng.randrange(0, len(tokens) - n_words)
        out.append(script_text[tokens[start][0] : tokens[start + n_words - 1][1]])
    return out


# -- readers --------------------------------------------------------------------------------


def test_readers_give_scenes_and_titles_for_every_format(scripts):
    fountain = scripts["Harbour Lights"]
    assert fountain.title == "HARBOUR LIGHTS"
    assert [h for h, _ in fountain.units if h] == [
        "EXT. QUAYSIDE AT KILMORRAN - NIGHT",
        "INT. LIGHTHOUSE STAIRWELL - CONTINUOUS",
        "THE LAMP ROOM",  # forced heading, leading '.' removed
    ]
    body = fountain.text
    assert "Check with locations" not in body  # [[notes]] are not script text
    assert "stubborn man" not in body  # /* boneyard */ neither
    assert "Odile returns" not in body  # nor = synopses
    assert "Thirty-one steps to the gallery" in body

    fdx = scripts["The Glass Orchard"]
    assert fdx.title == "THE GLASS ORCHARD"
    assert fdx.scene_count == 2 and "(not turning round)" in fdx.text

    assert scripts["Night Ferry"].scene_count == 2
    markdown = scripts["Paper Moons"]
    assert [h for h, _ in markdown.units if h][0] == "INT. SCHOOL ART ROOM - AFTERNOON"
    assert "**" not in markdown.text

    pdf = scripts["Dry Season"]
    assert pdf.format == "pdf" and pdf.pages == 2  # 37 lines at 20 per page
    assert pdf.scene_count == 2 and "arm-wrestled" in pdf.text


def test_fdx_with_entities_or_dtd_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
        b"<FinalDraft><Content><Paragraph><Text>&lol;</Text></Paragraph></Content></FinalDraft>"
    )
    with pytest.raises(ScriptReadError, match="DTD or entities"):
        parse_fdx(bomb, "bomb.fdx")
    with pytest.raises(ScriptReadError, match="not a valid Final Draft"):
        parse_fdx(b"<FinalDraft><Content>", "broken.fdx")


def test_unreadable_script_files_give_one_line_errors(tmp_path):
    with pytest.raises(ScriptReadError, match="file not found"):
        read_script(tmp_path / "missing.fountain")
    bad_pdf = tmp_path / "bad.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4 this is not a pdf")
    with pytest.raises(ScriptReadError) as error:
        read_script(bad_pdf)
    assert "\n" not in str(error.value)
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\n", encoding="utf-8")
    with pytest.raises(ScriptReadError, match="no script text"):
        read_script(empty)


# -- normalisation and matching -------------------------------------------------------------


def test_normalisation_folds_layout_case_accents_and_punctuation():
    script = "MARCUS (V.O.)\n    Eat two.  Watch the\n    horizon!\n\n(MORE)\n\n12.\n"
    pasted = "marcus: eat two -- watch the horizon"
    assert normalise(script).stream == normalise(pasted).stream == "marcuseattwowatchthehorizon"
    assert normalise("Élodie CAFÉ").stream == "elodiecafe"
    norm = normalise("Hi, Élodie!")
    assert [norm.offsets[0], norm.offsets[-1]] == [0, 9]  # stream chars map to the text


@pytest.mark.parametrize("title", list(REGISTERED))
def test_disguised_excerpts_of_every_format_are_found(index, scripts, title):
    rng = random.Random(title)
    text = scripts[title].text
    for n_words, count, needed in ((35, 10, 10), (50, 5, 5), (20, 10, 8)):
        found = 0
        for passage in excerpts(text, n_words, count, rng):
            matches = index.query(disguise(passage, rng))
            found += any(m.script.title == title for m in matches)
            assert all(m.script.title == title for m in matches)
        assert found >= needed, f"{title}: {found}/{count} excerpts of {n_words} words found"


def test_unrelated_screenplays_and_prose_do_not_match(index, script_dir):
    for name in UNRELATED:
        text = read_script(script_dir / name).text
        for start in range(0, len(text), 800):
            assert index.query(text[start : start + 1000]) == [], name
    assert index.query(PROSE) == []


def test_short_common_phrases_are_not_matches(index):
    # Shorter than the guarantee and made of stock words: no match, even though every
    # word of it appears in the registered scripts.
    assert index.query("The harbourmaster squints at her.") == []
    assert index.query("Watch the horizon. Eat two.") == []


# -- the index file -------------------------------------------------------------------------

#: Words that belong to the file format itself (JSON keys, parameter names).
FORMAT_WORDS = {
    "format", "promptguard", "script", "index", "version", "params", "unit", "char", "hash",
    "blake2b", "keyed", "salt", "next", "scripts", "title", "source", "pages", "chars",
    "fingerprints", "added", "scene", "starts", "headings", "null", "fountain", "text",
    "markdown", "true", "false",
}  # fmt: skip


def test_index_file_contains_none_of_the_script_words(scripts, tmp_path):
    index = ScriptIndex(b"fixed test salt!")  # fixed salt: the check is deterministic
    for number, script in enumerate(scripts.values()):
        index.add(script, f"Registered Test {number}", source="fixture")
    index.save(tmp_path / "scripts.idx")
    assert len(ScriptIndex.load(tmp_path / "scripts.idx").entries) == len(scripts)
    raw = (tmp_path / "scripts.idx").read_bytes().lower()
    words = set()
    for script in scripts.values():
        words |= {w.lower() for w in re.findall(r"[A-Za-z]{4,}", script.text)}
    metadata = FORMAT_WORDS | {"registered", "test", "fixture"}
    words = {w for w in words if not any(w in m for m in metadata)}  # "finger" in "fingerprints"
    assert len(words) > 400
    leaked = sorted(w for w in words if w.encode() in raw)
    assert leaked == []
    # ...and not even the normalised stream ("watchthehorizon") or its accent-folded form.
    for script in scripts.values():
        stream = normalise(script.text).stream
        for start in range(0, len(stream) - 8, 8):
            assert stream[start : start + 8].encode() not in raw


def test_scene_headings_are_stored_only_when_asked(scripts, tmp_path):
    night_ferry = scripts["Night Ferry"]
    plain, named = ScriptIndex.new(), ScriptIndex.new()
    plain.add(night_ferry, "Night Ferry")
    named.add(night_ferry, "Night Ferry", store_headings=True)
    assert b"CAFETERIA" not in plain.dumps()
    assert b"INT. FERRY CAFETERIA - NIGHT" in named.dumps()
    passage = "Marcus slides a packet of ginger biscuits across the table without looking up."
    passage += " MARCUS: Eat two. Watch the horizon. And stop reading the contract."
    assert plain.query(passage)[0].subject == "Night Ferry — scene 1"
    assert named.query(passage)[0].subject == "Night Ferry — INT. FERRY CAFETERIA - NIGHT"


def test_corrupt_or_foreign_index_files_give_clear_errors(index_path, tmp_path):
    data = bytearray(index_path.read_bytes())
    flipped = tmp_path / "flipped.idx"
    data[-5] ^= 0x40
    flipped.write_bytes(bytes(data))
    with pytest.raises(ScriptIndexError, match="corrupt"):
        ScriptIndex.load(flipped)
    truncated = tmp_path / "truncated.idx"
    truncated.write_bytes(index_path.read_bytes()[:-100])
    with pytest.raises(ScriptIndexError, match="truncated"):
        ScriptIndex.load(truncated)
    foreign = tmp_path / "notes.idx"
    foreign.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(ScriptIndexError, match="not a promptguard script index"):
        ScriptIndex.load(foreign)
    newer = bytearray(index_path.read_bytes())
    newer[8] = 99  # format version
    (tmp_path / "newer.idx").write_bytes(bytes(newer))
    with pytest.raises(ScriptIndexError, match="format 99 is not supported"):
        ScriptIndex.load(tmp_path / "newer.idx")


def test_removing_a_script_removes_its_matches(scripts):
    index = ScriptIndex.new()
    index.add(scripts["Paper Moons"], "Paper Moons")
    entry, _ = index.add(scripts["Night Ferry"], "Night Ferry")
    passage = scripts["Night Ferry"].units[1][1][:400]
    assert [m.script.title for m in index.query(passage)] == ["Night Ferry"]
    assert index.remove(str(entry.id)).title == "Night Ferry"
    assert index.query(passage) == []
    reloaded = ScriptIndex.loads(index.dumps())
    assert [e.title for e in reloaded.entries] == ["Paper Moons"]


# -- analyzers ------------------------------------------------------------------------------


def test_script_match_analyzer_reports_title_scene_and_span(index_path, scripts, models):
    analyzer = ScriptMatchAnalyzer(Config(corpus_override=index_path))
    rng = random.Random(4)
    pasted = disguise(scripts["The Glass Orchard"].units[0][1][:420], rng)
    prompt = f"Can you punch up this dialogue, make it funnier?\n\n{pasted}\n\nThanks!"
    findings = analyzer.analyze(scan(models, prompt))
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.category, finding.type) == ("unreleased_script", "SCRIPT_MATCH")
    assert finding.subject == "The Glass Orchard — scene 1"
    start = prompt.index(pasted)
    assert start <= finding.start < start + 40
    assert start + len(pasted) - 40 < finding.end <= start + len(pasted)
    assert finding.score >= 0.8
    assert analyzer.analyze(scan(models, PROSE)) == []


def test_script_match_without_index_finds_nothing(tmp_path, models):
    analyzer = ScriptMatchAnalyzer(Config(corpus_override=tmp_path / "none.idx"))
    assert analyzer.analyze(scan(models, "INT. HOUSE - DAY\n\nA scene.")) == []


def test_script_match_reloads_a_changed_index_and_rejects_a_corrupt_one(scripts, tmp_path, models):
    path = tmp_path / "scripts.idx"
    analyzer = ScriptMatchAnalyzer(Config(corpus_override=path))
    passage = scripts["Harbour Lights"].units[1][1][:500]
    index = ScriptIndex.new()
    index.add(scripts["Paper Moons"], "Paper Moons")
    index.save(path)
    assert analyzer.analyze(scan(models, passage)) == []
    index.add(scripts["Harbour Lights"], "Harbour Lights")
    index.save(path)
    assert [f.subject for f in analyzer.analyze(scan(models, passage))] == [
        "Harbour Lights — scene 1"
    ]
    path.write_bytes(path.read_bytes()[:-1] + b"!")
    with pytest.raises(ScriptIndexError, match="corrupt"):
        analyzer.analyze(scan(models, passage))


SCENE = """\
INT. SUBMARINE GALLEY - NIGHT

Steam. A dented kettle screams on the hob.

CAPTAIN REYES
(without looking up)
Who moved my mug?

LIEUTENANT OKAFOR
Nobody touches the mug, sir.

CUT TO:
"""


def test_screenplay_layout_without_a_registered_match(models):
    analyzer = ScreenplayFormatAnalyzer(Config())
    findings = analyzer.analyze(scan(models, "Please translate this into French:\n\n" + SCENE))
    assert [(f.category, f.type) for f in findings] == [("unreleased_script", "SCREENPLAY_FORMAT")]
    assert 0.5 <= findings[0].score < 0.8
    assert findings[0].extra["signals"] == {
        "character_cue": 2, "parenthetical": 1, "scene_heading": 1, "transition": 1,
    }  # fmt: skip
    start = len("Please translate this into French:\n\n")
    assert findings[0].start == start
    # A dialogue exchange alone is a screenplay too.
    exchange = "MAYA\nWhere were you?\n\nJONAS\nOut.\n\nMAYA\nOut where?\n"
    assert len(analyzer.analyze(scan(models, exchange))) == 1


@pytest.mark.parametrize(
    "text",
    [
        "We shot the INT. scenes first and the EXT. ones after lunch.",
        "INT. KITCHEN - NIGHT is the only slug I have so far, any ideas for the scene?",
        "SUMMARY\nThe quarter went well.\n\nRISKS\nNone worth noting.\n",
        "Meeting notes: cut to the chase, fade in the music at the end.",
        PROSE,
    ],
)
def test_single_signals_and_prose_are_not_screenplays(models, text):
    assert ScreenplayFormatAnalyzer(Config()).analyze(scan(models, text)) == []


def test_confidential_markings_revisions_watermarks_and_code_names(models):
    analyzer = ConfidentialAnalyzer(Config(code_names=["Blue Harvest", "Nightjar"]))
    text = (
        "CONFIDENTIAL\nProperty of Acme Pictures. Do not distribute.\n"
        "BLUE REVISION 03/12/26\nWatermarked for J. Doe #0042\n"
        "We start blue harvest next week; NIGHTJAR wraps. Nightjars are birds."
    )
    found = {(f.type, text[f.start : f.end]) for f in analyzer.analyze(scan(models, text))}
    assert found == {
        ("MARKING", "CONFIDENTIAL"),
        ("MARKING", "Property of Acme Pictures"),
        ("MARKING", "Do not distribute"),
        ("REVISION_HEADER", "BLUE REVISION 03/12/26"),
        ("WATERMARK", "Watermarked for J. Doe #0042"),
        ("CODE_NAME", "blue harvest"),
        ("CODE_NAME", "NIGHTJAR"),
    }
    subjects = [f.subject for f in analyzer.analyze(scan(models, text)) if f.type == "CODE_NAME"]
    assert subjects == ["Blue Harvest", "Nightjar"]


def test_confidential_french_markings(models):
    text = (
        "DOCUMENT CONFIDENTIEL — Ne pas diffuser. Propriété de Studio Lumière.\nPAGES ROSES 12/03"
    )
    findings = ConfidentialAnalyzer(Config()).analyze(ScanText(text, models, language="fr"))
    assert {text[f.start : f.end] for f in findings} == {
        "CONFIDENTIEL", "Ne pas diffuser", "Propriété de Studio Lumière", "PAGES ROSES 12/03",
    }  # fmt: skip


def test_confidential_ignores_ordinary_use_of_the_words(models):
    text = (
        "Please keep this confidential between us. The property of water is that it is wet. "
        "I painted the pink pages of my diary blue. Copy the file to the share."
    )
    assert ConfidentialAnalyzer(Config(code_names=["Nightjar"])).analyze(scan(models, text)) == []


# -- the corpus CLI -------------------------------------------------------------------------


def test_corpus_cli_add_list_remove(script_dir, tmp_path):
    runner = CliRunner()
    path = tmp_path / "state" / "scripts.idx"
    config = Config(root=tmp_path, corpus_override=path)
    files = [str(script_dir / n) for n in ("harbour_lights.fountain", "glass_orchard.fdx")]
    result = runner.invoke(corpus, ["add", *files], obj={"config": config})
    assert result.exit_code == 0, result.output
    assert "added [1] HARBOUR LIGHTS" in result.output
    assert "added [2] THE GLASS ORCHARD" in result.output

    pdf = str(script_dir / "dry_season.pdf")
    result = runner.invoke(corpus, ["add", pdf, "--title", "Dry Season"], obj={"config": config})
    assert result.exit_code == 0, result.output

    result = runner.invoke(corpus, ["list", "--format", "json"], obj={"config": config})
    listed = json.loads(result.output)
    assert [s["title"] for s in listed] == ["HARBOUR LIGHTS", "THE GLASS ORCHARD", "Dry Season"]
    assert listed[2]["pages"] == 2 and listed[2]["format"] == "pdf"

    result = runner.invoke(corpus, ["remove", "the glass orchard"], obj={"config": config})
    assert result.exit_code == 0 and "removed [2]" in result.output
    result = runner.invoke(corpus, ["list"], obj={"config": config})
    assert "THE GLASS ORCHARD" not in result.output and "[3] Dry Season" in result.output

    # --corpus overrides the configured path; the configured index is untouched.
    other = tmp_path / "other.idx"
    result = runner.invoke(
        corpus, ["add", files[0], "--corpus", str(other)], obj={"config": config}
    )
    assert result.exit_code == 0 and other.exists()
    assert len(ScriptIndex.load(path).entries) == 2


def test_corpus_cli_errors_are_one_line_with_exit_code_2(script_dir, tmp_path):
    runner = CliRunner()
    config = Config(root=tmp_path, corpus_override=tmp_path / "scripts.idx")
    two = [str(script_dir / "night_ferry.txt"), str(script_dir / "paper_moons.md")]
    cases = [
        (["add", *two, "--title", "One"], "one file with --title"),
        (["add", str(tmp_path / "missing.fdx")], "file not found"),
        (["remove", "Nope"], "script index not found"),
        (["list", "--format", "xml"], "Invalid value"),
    ]
    for args, message in cases:
        result = runner.invoke(corpus, args, obj={"config": config})
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output
        assert "Traceback" not in result.output
    (tmp_path / "scripts.idx").write_bytes(b"PGSIDX\r\n" + b"\x00" * 60)
    result = runner.invoke(corpus, ["list"], obj={"config": config})
    assert result.exit_code == 2 and "scripts.idx" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_corpus_cli_uses_the_configuration_state_folder(script_dir, tmp_path, monkeypatch):
    (tmp_path / "promptguard.toml").write_text('code_names = ["Nightjar"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROMPTGUARD_CONFIG", raising=False)
    result = CliRunner().invoke(corpus, ["add", str(script_dir / "night_ferry.txt")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".promptguard" / "scripts.idx").exists()


def test_code_with_decorators_or_constants_is_not_a_screenplay(models):
    code = (
        "class Plugin:\n\n    @hookimpl\n    def myhook(self, arg1):\n        return arg1\n\n"
        "    @hookimpl\n    def other(self, arg1):\n        return arg1\n\n"
        "    @hookimpl\n    def third(self):\n        pass\n"
    )
    assert ScreenplayFormatAnalyzer(Config()).analyze(scan(models, code)) == []


@pytest.mark.parametrize(
    "text",
    [
        "INT. KITCHEN - NIGHT JOHN enters. JOHN: Where is it? MARY: Gone. JOHN: Gone where?",
        "Polish this: EXT. ROOFTOP - DAY Rain. SARAH (whispering) Don't look down. TOM: Too late.",
    ],
)
def test_a_scene_pasted_on_one_line_is_a_screenplay(models, text):
    findings = ScreenplayFormatAnalyzer(Config()).analyze(scan(models, text))
    assert [(f.category, f.type) for f in findings] == [("unreleased_script", "SCREENPLAY_FORMAT")]
    assert findings[0].extra["signals"]["scene_heading"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "INT. KITCHEN - NIGHT is the slug I have. NOTE: Budget is tight, any ideas?",
        "Our INT. KITCHEN - NIGHT scenes were cut. Question: should we reshoot them?",
    ],
)
def test_a_one_line_slug_without_speakers_is_not_a_screenplay(models, text):
    assert ScreenplayFormatAnalyzer(Config()).analyze(scan(models, text)) == []
