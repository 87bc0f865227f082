"""`python -m promptguard`: the same command line as the `promptguard` script.

Goes through `promptguard.client.main`, so a plain `check` answered by a running service
never imports the full command line (see docs/PERFORMANCE.md)."""

from promptguard.client import main

if __name__ == "__main__":
    main()
