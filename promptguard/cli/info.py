"""`promptguard tools list` and `promptguard config show`: what this production is set to."""

from __future__ import annotations

import json
import os
from typing import Any

import click

from promptguard.cli.common import OneLineGroup, UsageFailure, get_config
from promptguard.config.load import Config


@click.group("tools", cls=OneLineGroup)
def tools() -> None:
    """The destination tools a check may name."""


@tools.command("list")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
@click.pass_context
def list_tools(ctx: click.Context, fmt: str) -> None:
    """Every known destination: the built-in list (never enterprise unless declared so) and
    the tools declared under [tools.ID] in the configuration."""
    from promptguard.config.defaults import BUILTIN_TOOLS

    config = get_config(ctx)
    rows = []
    for tool_id, tool in config.known_tools.items():
        origin = str(config.path) if tool_id in config.tools else "built-in"
        rows.append(
            {
                "id": tool_id,
                "name": tool.display_name,
                "notes": tool.notes,
                "enterprise": tool.enterprise,
                "source": origin,
                "builtin": tool_id in BUILTIN_TOOLS,
                "policy": dict(tool.policy),
            }
        )
    if fmt == "json":
        click.echo(json.dumps({"tools": rows}, indent=2, ensure_ascii=False))
        return
    width = max(len(row["id"]) for row in rows)
    for row in rows:
        kind = "enterprise" if row["enterprise"] else "not enterprise"
        overrides = f", policy overrides: {len(row['policy'])}" if row["policy"] else ""
        what = row["notes"] or row["name"]
        click.echo(f"{row['id']:<{width}}  {kind:<14}  {what}  ({row['source']}{overrides})")
    click.echo(
        "\nOther ids are refused; declare one under [tools.ID] in promptguard.toml "
        "(enterprise = true only with an enterprise agreement)."
    )


@click.group("config", cls=OneLineGroup)
def config_group() -> None:
    """The configuration in effect."""


@config_group.command("show")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
@click.pass_context
def show(ctx: click.Context, fmt: str) -> None:
    """Every setting in effect and where it came from (default, file, environment)."""
    config = get_config(ctx)
    root_obj = ctx.find_root().obj or {}
    try:
        entries = effective_settings(config, root_obj.get("config_origin", ""))
    except ValueError as error:
        raise UsageFailure(str(error)) from None
    if fmt == "json":
        data = {key: {"value": value, "source": source} for key, value, source in entries}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
        return
    width = max(len(key) for key, _, _ in entries)
    for key, value, source in entries:
        shown = json.dumps(value, ensure_ascii=False, default=str)
        click.echo(f"{key:<{width}} = {shown}  # {source}")


def effective_settings(config: Config, origin: str) -> list[tuple[str, Any, str]]:
    """(key, value, source) for every setting in effect; no secret is ever shown (the
    clearance key is named by where it is, never by its value)."""
    from promptguard.config.files import read_config_table
    from promptguard.gate.clearances.signing import ENV_KEY, key_file

    raw: dict[str, Any] = read_config_table(config.path) if config.path else {}
    in_file = f"{config.path}" if config.path else ""

    def source(*keys: str) -> str:
        table: Any = raw
        for key in keys:
            if not isinstance(table, dict) or key not in table:
                return "default"
            table = table[key]
        return in_file

    entries: list[tuple[str, Any, str]] = [
        ("config_file", str(config.path) if config.path else None, origin or "none found"),
        ("root", str(config.root), "the configuration file's folder" if config.path else "cwd"),
        ("state_dir", str(config.state_dir), source("state_dir")),
        ("default_purpose", config.default_purpose, source("default_purpose")),
        ("languages", list(config.languages), source("languages")),
        (
            "default_language",
            config.default_language,
            source("default_language")
            if "default_language" in raw
            else ("first of languages" if "languages" in raw else "default"),
        ),
    ]
    for language, model in sorted(config.models.items()):
        entries.append((f"models.{language}", model, source("models", language)))
    entries += [
        ("min_score", config.min_score, source("min_score")),
        ("code_names", list(config.code_names), source("code_names")),
        ("exclude", list(config.exclude), source("exclude")),
        ("ai_contact", config.ai_contact, source("ai_contact")),
        ("analyzers.disable", list(config.disabled_analyzers), source("analyzers", "disable")),
    ]
    for tool_id, tool in config.known_tools.items():
        value = {"enterprise": tool.enterprise, "name": tool.display_name}
        if tool.policy:
            value["policy"] = dict(tool.policy)
        entries.append(
            (
                f"tools.{tool_id}",
                value,
                source("tools", tool_id) if tool_id in config.tools else "built-in",
            )
        )
    for kind, table in sorted(config.policy.items()):
        for key, action in table.items():
            entries.append((f"policy.{kind}.{key}", action, source("policy", kind, key)))
    if os.environ.get(ENV_KEY):
        key_source, key_where = f"${ENV_KEY}", "set (value not shown)"
    else:
        path = key_file()
        key_source = (
            "$PROMPTGUARD_KEY_FILE" if os.environ.get("PROMPTGUARD_KEY_FILE") else "default"
        )
        key_where = str(path) + ("" if path.is_file() else " (missing: clearances unverifiable)")
    entries.append(("clearance_key", key_where, key_source))
    service = os.environ.get("PROMPTGUARD_SERVICE")
    entries.append(
        (
            "service",
            service if service is not None else "discovered (service.json, then 127.0.0.1:8765)",
            "$PROMPTGUARD_SERVICE" if service is not None else "default",
        )
    )
    return entries
