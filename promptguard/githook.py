"""The stable command installed pre-commit hooks run: `python -m promptguard.githook [FILES]`.

Hooks already written into productions' `.git/hooks` call this module by name, so it stays
here while the hook itself lives in `promptguard.pipeline.githook`.
"""

from __future__ import annotations

import sys

from promptguard.pipeline.githook import main

if __name__ == "__main__":
    sys.exit(main())
