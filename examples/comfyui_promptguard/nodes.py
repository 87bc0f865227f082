"""The ComfyUI node. Two ways to check, both failing closed:

* the local service (`promptguard serve`), when a service URL is given on the node or in
  `PROMPTGUARD_URL` (token in `PROMPTGUARD_TOKEN`): models stay warm in the service, and
  ComfyUI's Python needs nothing installed;
* otherwise the Python API (`pip install promptguard` into ComfyUI's environment).

Only the standard library is imported here, so ComfyUI loads the node even when neither
is set up; the node then refuses every prompt until one is.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

PURPOSES = ("ideation", "moodboard", "temp", "final")
PASSING = ("allow", "notify")


class PromptBlocked(RuntimeError):
    """Raised to stop the ComfyUI queue: the prompt must not be sent as it is."""


def check_via_service(
    url: str, prompt: str, tool: str, purpose: str, token: str | None = None, timeout: float = 30
) -> dict:
    """POST /v1/check; the decision JSON. Unreachable service or bad answer: PromptBlocked."""
    request = urllib.request.Request(
        url.rstrip("/") + "/v1/check",
        data=json.dumps({"prompt": prompt, "tool": tool, "purpose": purpose}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310 - local URL
            return json.loads(reply.read())
    except urllib.error.HTTPError as error:
        body = error.read()
        try:
            data = json.loads(body)
        except ValueError:
            data = {}
        if isinstance(data, dict) and data.get("decision"):
            return data  # e.g. 503 with decision "block": the scan failed
        reason = data.get("error") if isinstance(data, dict) else None
        raise PromptBlocked(f"promptguard service refused the check: {reason or error}") from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise PromptBlocked(
            f"promptguard service at {url} is not reachable ({error}); prompt not sent"
        ) from None


def check_via_api(prompt: str, tool: str, purpose: str) -> dict:
    """The Python API in ComfyUI's own environment."""
    try:
        import promptguard
    except ImportError:
        raise PromptBlocked(
            "promptguard is not installed in ComfyUI's Python and no service URL is set "
            "(PROMPTGUARD_URL); prompt not sent"
        ) from None
    try:
        return promptguard.check(prompt, tool=tool, purpose=purpose).to_dict()
    except ValueError as error:
        raise PromptBlocked(f"promptguard: {error}") from None


def check_prompt(prompt: str, tool: str, purpose: str, service_url: str = "") -> dict:
    url = service_url.strip() or os.environ.get("PROMPTGUARD_URL", "")
    if url:
        return check_via_service(url, prompt, tool, purpose, os.environ.get("PROMPTGUARD_TOKEN"))
    return check_via_api(prompt, tool, purpose)


class PromptGuardCheck:
    """Passes the prompt through unchanged when promptguard allows it; stops the queue
    otherwise, with what was found and what to do next."""

    CATEGORY = "promptguard"
    RETURN_TYPES = ("STRING",)
    RETURN_NAMES = ("prompt",)
    FUNCTION = "check"
    DESCRIPTION = "Checks a prompt with promptguard before it is sent to a model."

    @classmethod
    def INPUT_TYPES(cls) -> dict:  # noqa: N802 - ComfyUI's API
        return {
            "required": {
                "prompt": ("STRING", {"multiline": True, "default": ""}),
                "tool": ("STRING", {"default": "comfyui"}),
                "purpose": (list(PURPOSES), {"default": "ideation"}),
            },
            "optional": {"service_url": ("STRING", {"default": ""})},
        }

    def check(self, prompt: str, tool: str, purpose: str, service_url: str = "") -> tuple[str]:
        decision = check_prompt(prompt, tool, purpose, service_url)
        if decision.get("decision") not in PASSING:
            raise PromptBlocked(
                f"promptguard: {decision.get('decision', 'block')}: "
                f"{decision.get('next_step') or 'prompt not allowed'}"
            )
        return (prompt,)


NODE_CLASS_MAPPINGS = {"PromptGuardCheck": PromptGuardCheck}
NODE_DISPLAY_NAME_MAPPINGS = {"PromptGuardCheck": "promptguard check"}
