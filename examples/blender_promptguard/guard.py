"""Blender-independent logic of the add-on: ask the local promptguard service, fail closed.

Standard library only, because Blender ships its own Python: nothing needs installing into
it. An unreachable service or an unreadable answer means "do not send".
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

DEFAULT_URL = "http://127.0.0.1:8765"
PURPOSES = ("ideation", "moodboard", "temp", "final")
PASSING = ("allow", "notify")
T = TypeVar("T")


@dataclass(frozen=True)
class CheckResult:
    allowed: bool
    decision: str
    message: str
    request_id: str | None = None


class PromptNotAllowed(RuntimeError):
    """`guarded_send` refused to send; the message says why and what to do."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(result.message)
        self.result = result


def check_prompt(
    text: str,
    tool: str,
    purpose: str = "ideation",
    url: str = DEFAULT_URL,
    token: str | None = None,
    timeout: float = 30.0,
) -> CheckResult:
    """The service's decision, reduced to what the add-on needs to show."""
    request = urllib.request.Request(
        url.rstrip("/") + "/v1/check",
        data=json.dumps({"prompt": text, "tool": tool, "purpose": purpose}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310 - local
            data = json.loads(reply.read())
    except urllib.error.HTTPError as error:
        try:
            data = json.loads(error.read())
        except ValueError:
            data = {}
        if not isinstance(data, dict) or "decision" not in data:
            reason = data.get("error") if isinstance(data, dict) else None
            return CheckResult(False, "block", f"promptguard refused: {reason or error}")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return CheckResult(
            False, "block", f"promptguard service not reachable at {url} ({error}): not sent"
        )
    decision = str(data.get("decision", "block"))
    message = str(data.get("next_step") or decision)
    return CheckResult(decision in PASSING, decision, message, data.get("request_id"))


def guarded_send(
    text: str,
    send: Callable[[str], T],
    tool: str,
    purpose: str = "ideation",
    url: str = DEFAULT_URL,
    token: str | None = None,
) -> T:
    """Call `send(text)` only if promptguard allows it; raise PromptNotAllowed otherwise."""
    result = check_prompt(text, tool, purpose, url, token)
    if not result.allowed:
        raise PromptNotAllowed(result)
    return send(text)
