"""The console entry point (`promptguard`, `python -m promptguard`): the fast path first.

A plain `check` goes straight to a running service through `promptguard.service.client`,
which imports neither click, spaCy nor Presidio (see docs/PERFORMANCE.md); anything else (or
no service) runs the full command line, `promptguard.cli`.
"""

from __future__ import annotations

import sys

from promptguard.service.client import fast_check


def main(argv: list[str] | None = None) -> None:
    """Console entry point: a plain `check` goes straight to a running service; anything
    else (or no service) runs the full command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    code = fast_check(args)
    if code is not None:
        sys.stdout.flush()
        sys.exit(code)
    from promptguard.cli import main as full_main

    full_main(args)


if __name__ == "__main__":
    main()
