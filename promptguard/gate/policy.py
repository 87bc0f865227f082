"""The policy table: which action a category triggers for a tool and a purpose.

Kept free of clearances and storage so the table can be read (and tested) on its own:
findings x destination tool x purpose -> allow | notify | clearance | block, strictest wins.
"""

from __future__ import annotations

from collections.abc import Iterable

from promptguard.config.load import (
    ACTIONS,
    DEFAULT_POLICY,
    NOTHING_FOUND,
    NOTHING_FOUND_FINAL,
    PURPOSES,
    Config,
    Tool,
)
from promptguard.findings import CATEGORIES

#: Rank of each action; a higher rank is stricter. ACTIONS is ordered allow < ... < block.
STRICTNESS: dict[str, int] = {action: rank for rank, action in enumerate(ACTIONS)}

#: Pseudo-category for the use itself (the "nothing found" rows of the table): approving
#: a final deliverable is a clearance with category "use" and the purpose as subject.
USE_CATEGORY = "use"
#: Everything a clearance can be granted for.
CLEARABLE_CATEGORIES: tuple[str, ...] = (*CATEGORIES, USE_CATEGORY)

#: Words a non-lawyer understands, for next-step messages.
CATEGORY_LABELS: dict[str, str] = {
    "personal_data": "personal data",
    "unreleased_script": "unreleased script material",
    "confidential": "confidential production material",
    "public_figure": "a living public figure",
    "deceased_figure": "a deceased public figure",
    "copyrighted_work": "a copyrighted work",
    "talent_likeness": "a performer's likeness",
    "misleading_content": "potentially misleading content",
    "unowned_training": "material the production does not own",
    USE_CATEGORY: "use of generative AI",
}


def strictest(actions: Iterable[str], default: str = "allow") -> str:
    """The strictest action of `actions` (block > clearance > notify > allow)."""
    return max(actions, key=STRICTNESS.__getitem__, default=default)


def validate_purpose(purpose: str) -> str:
    """Reject a purpose outside PURPOSES with a message that lists the allowed ones."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r} (allowed: {', '.join(PURPOSES)})")
    return purpose


def validate_tool_id(tool_id: str | None) -> str:
    """A tool id must be a non-empty single word; undeclared ids are fine (not enterprise)."""
    if tool_id is None:
        return "unknown"
    if not isinstance(tool_id, str) or not tool_id.strip() or any(c.isspace() for c in tool_id):
        raise ValueError(f"invalid tool {tool_id!r}: give the tool id, e.g. 'midjourney'")
    return tool_id


def use_key(purpose: str) -> str:
    """The table row for the use itself: final deliverables have their own row."""
    return NOTHING_FOUND_FINAL if purpose == "final" else NOTHING_FOUND


def action_for(config: Config, tool: Tool, key: str) -> str:
    """The action for one policy key (a category or a nothing-found row) and one tool.

    A per-tool override wins over the production's enterprise/other table, which in turn
    falls back to the built-in default, so a partly filled `Config` is still complete.
    """
    if key in tool.policy:
        return tool.policy[key]
    kind = "enterprise" if tool.enterprise else "other"
    action = config.policy.get(kind, {}).get(key) or DEFAULT_POLICY[kind][key]
    if action not in STRICTNESS:
        raise ValueError(f"policy.{kind}.{key}: unknown action {action!r}")
    return action


def use_action(config: Config, tool: Tool, purpose: str) -> str:
    """The floor every decision starts from: the use of this tool for this purpose."""
    return action_for(config, tool, use_key(purpose))
