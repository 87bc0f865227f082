"""`promptguard init`: a commented promptguard.toml for a production, and the git hook."""

from __future__ import annotations

import json
from pathlib import Path

import click

from promptguard.cli.common import UsageFailure
from promptguard.config.load import load_config
from promptguard.errors import ConfigError

TEMPLATE = """\
# promptguard configuration for {production_title}.
# Written by `promptguard init`; every key is validated when promptguard starts, and an
# error names this file, the key and what is allowed. Reference: README.md, docs/POLICY.md.

# The production's name: shown to approvers and in the audit report.
production = {production}

# Who answers questions and receives clearance requests.
ai_contact = {ai_contact}

# The purpose assumed when a check does not give one: ideation, moodboard, temp or final.
default_purpose = "ideation"

# The folder of the production's scripts. Register them so pasted excerpts are found:
#   promptguard corpus add {scripts_glob}
scripts = {scripts}

# Project code names: reported as confidential wherever they appear.
code_names = []

# Languages whose models may load: ["en"] saves memory when nothing is in French.
languages = ["en", "fr"]

# --- Destinations ---------------------------------------------------------------------
# The generative-AI tools the production uses. A tool not declared here is treated as NOT
# enterprise (personal data and unreleased scripts are then blocked, see docs/POLICY.md).

[tools.studio-llm]
enterprise = true                 # covered by an enterprise agreement
name = "Studio LLM (enterprise agreement)"

[tools.midjourney]
enterprise = false
name = "Midjourney"
# policy = {{ copyrighted_work = "block" }}    # per-tool override of the default table

# --- Policy overrides (optional) --------------------------------------------------------
# [policy.other]                  # for non-enterprise tools
# talent_likeness = "block"
# nothing_found = "notify"        # record every use of a consumer tool

# --- Approvers ------------------------------------------------------------------------
# Who may approve clearance requests on the approvals page (`promptguard approvals`).
# Add one with:  promptguard approvers add LOGIN --name "Dana Kim (Legal)"
# which writes an [approvers.LOGIN] table with an argon2 password hash (never the password).
"""


@click.command("init")
@click.option("--production", help="The production's name (default: this folder's name).")
@click.option("--ai-contact", default="", help='e.g. "Ana Ruiz <ai-contact@production.example>".')
@click.option("--scripts", default="scripts", show_default=True, help="The script folder.")
@click.option("--hook", is_flag=True, help="Also install the git pre-commit hook here.")
@click.option("--force", is_flag=True, help="Replace an existing promptguard.toml.")
@click.option(
    "--directory",
    "-C",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Where to write it (default: the current folder).",
)
def init(
    production: str | None,
    ai_contact: str,
    scripts: str,
    hook: bool,
    force: bool,
    directory: Path,
) -> None:
    """Write a commented promptguard.toml for a production (and install the git hook)."""
    directory = directory.resolve()
    target = directory / "promptguard.toml"
    if target.exists() and not force:
        raise UsageFailure(f"{target} exists; keep it, or replace it with --force")
    name = production or directory.name
    text = TEMPLATE.format(
        production_title=name,
        production=_toml_string(name),
        ai_contact=_toml_string(ai_contact),
        scripts=_toml_string(scripts),
        scripts_glob=f"{scripts.rstrip('/')}/*",
    )
    directory.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    try:
        load_config(target)
    except ConfigError as error:  # pragma: no cover - the template is tested
        raise UsageFailure(f"the written configuration does not load: {error}") from None
    click.echo(f"wrote {target}")
    if hook:
        from promptguard.pipeline.githook import HookError, install_hook

        try:
            installed = install_hook(cwd=directory, force=force)
        except HookError as error:
            raise UsageFailure(str(error)) from None
        click.echo(f"pre-commit hook installed at {installed}")
    click.echo("Next: promptguard approvers add LOGIN, then promptguard approvals")


def _toml_string(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these characters)."""
    return json.dumps(" ".join(value.split()), ensure_ascii=False)
