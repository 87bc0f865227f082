"""Start-up allocations without the garbage collector walking them again and again.

Importing spaCy and Presidio, loading a model or the lexicon each allocate hundreds of
thousands of objects that live as long as the process. Every 700 allocations Python's cyclic
collector runs, and its older generations walk everything allocated so far: about 0.1 s of a
cold `check` spent proving that the models are still in use. `long_lived()` pauses the
collector while such objects are made, then moves every object alive at that point into the
permanent generation (`gc.freeze`), where later collections never look. Objects made after
it are collected as usual, so a long scan or a service does not grow from this.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # nested or concurrent users (threads of a service)
_was_enabled = True


@contextmanager
def long_lived() -> Iterator[None]:
    """Pause the cyclic collector around allocations that live as long as the process."""
    global _depth, _was_enabled
    with _lock:
        _depth += 1
        if _depth == 1:
            _was_enabled = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.freeze()
                if _was_enabled:
                    gc.enable()
