"""`promptguard corpus`: register the production's scripts in the fingerprint index.

    promptguard corpus add draft.fdx pages.pdf [--title T] [--corpus PATH]
    promptguard corpus list [--format text|json]
    promptguard corpus remove TITLE_OR_ID

The index holds no script text, only keyed fingerprints, so it can be shared with every
workstation. Every error is one line and exits with code 2 (bad input or configuration).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from promptguard.analyzers.scripts.script_index import ScriptIndex
from promptguard.cli.common import UsageFailure
from promptguard.config.load import Config, ConfigError, load_config
from promptguard.errors import ScriptIndexError
from promptguard.readers.scripts import ScriptReadError, read_script


class CorpusError(UsageFailure):
    """A one-line error on stderr; exit code 2 like every usage or configuration error."""


def _config(ctx: click.Context) -> Config:
    obj = ctx.find_root().obj
    if isinstance(obj, dict) and isinstance(obj.get("config"), Config):
        return obj["config"]
    try:
        return load_config()
    except ConfigError as error:
        raise CorpusError(str(error)) from None


def _index_path(ctx: click.Context, corpus: Path | None) -> Path:
    return corpus if corpus is not None else _config(ctx).corpus_path


def _load(path: Path, create: bool = False) -> ScriptIndex:
    if create and not path.exists():
        return ScriptIndex.new()
    try:
        return ScriptIndex.load(path)
    except ScriptIndexError as error:
        raise CorpusError(str(error)) from None


corpus_option = click.option(
    "--corpus",
    "corpus",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Script index file (default: .promptguard/scripts.idx beside the configuration).",
)


@click.group("corpus")
def corpus() -> None:
    """Register unreleased scripts so prompts quoting them are caught."""


@corpus.command("add")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--title", default=None, help="Script title (one file only; default: from file).")
@click.option(
    "--scene-headings",
    is_flag=True,
    help="Also store scene headings in clear, to name the scene in findings "
    "(they are script text: only if the index may reveal them).",
)
@corpus_option
@click.pass_context
def add(
    ctx: click.Context,
    files: tuple[Path, ...],
    title: str | None,
    scene_headings: bool,
    corpus: Path | None,
) -> None:
    """Register FILES (Fountain, Final Draft .fdx, PDF, text, Markdown)."""
    if title is not None and len(files) > 1:
        raise CorpusError("--title names one script: give one file with --title")
    if title is not None and not title.strip():
        raise CorpusError("--title must not be empty")
    path = _index_path(ctx, corpus)
    index = _load(path, create=True)
    for file in files:
        try:
            script = read_script(file)
        except ScriptReadError as error:
            raise CorpusError(str(error)) from None
        name = (title or script.title or _title_from_filename(file)).strip()
        try:
            entry, replaced = index.add(
                script, name, source=file.name, store_headings=scene_headings
            )
        except ScriptIndexError as error:
            raise CorpusError(f"{file}: {error}") from None
        verb = "replaced" if replaced else "added"
        click.echo(
            f"{verb} [{entry.id}] {entry.title}: {_pages(entry.pages)}, "
            f"{len(entry.scene_starts)} scenes, {entry.fingerprints} fingerprints"
        )
    try:
        index.save(path)
    except OSError as error:
        raise CorpusError(f"{path}: cannot write script index: {error.strerror}") from None
    click.echo(f"index: {path} ({len(index.entries)} scripts)")


@corpus.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@corpus_option
@click.pass_context
def list_(ctx: click.Context, fmt: str, corpus: Path | None) -> None:
    """List the registered scripts."""
    path = _index_path(ctx, corpus)
    entries = _load(path).entries if path.exists() else []
    if fmt == "json":
        click.echo(json.dumps([e.summary() for e in entries], indent=2, ensure_ascii=False))
        return
    if not entries:
        click.echo(f"no scripts registered ({path})")
        return
    for e in entries:
        click.echo(
            f"[{e.id}] {e.title} — {_pages(e.pages)}, {len(e.scene_starts)} scenes, "
            f"{e.fingerprints} fingerprints, {e.format}, added {e.added}"
        )


@corpus.command("remove")
@click.argument("title_or_id")
@corpus_option
@click.pass_context
def remove(ctx: click.Context, title_or_id: str, corpus: Path | None) -> None:
    """Unregister a script by title or id."""
    path = _index_path(ctx, corpus)
    if not path.exists():
        raise CorpusError(f"{path}: script index not found (no script registered)")
    index = _load(path)
    try:
        entry = index.remove(title_or_id)
        index.save(path)
    except ScriptIndexError as error:
        raise CorpusError(str(error)) from None
    except OSError as error:
        raise CorpusError(f"{path}: cannot write script index: {error.strerror}") from None
    click.echo(f"removed [{entry.id}] {entry.title}")


def _title_from_filename(path: Path) -> str:
    title = " ".join(path.stem.replace("_", " ").replace("-", " ").split()) or path.name
    return title.title() if title.islower() else title


def _pages(count: int) -> str:
    return "1 page" if count == 1 else f"{count} pages"
