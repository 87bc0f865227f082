"""promptguard: stop confidential production material from leaking into generative-AI tools.

Public API:
    scan(text) -> list[Finding]                 what is in a text
    check(text, tool=..., purpose=...) -> Decision   may it be sent to that tool
"""

from __future__ import annotations

__version__ = "0.1.0"
