"""The collector is paused only around start-up allocations, and comes back."""

from __future__ import annotations

import gc
import threading
import weakref

from promptguard.nlp.startup import long_lived


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_the_collector_is_back_after_start_up_even_when_nested_or_concurrent() -> None:
    assert gc.isenabled()
    barrier = threading.Barrier(4)

    def load() -> None:
        with long_lived():
            barrier.wait()
            with long_lived():
                assert not gc.isenabled()

    threads = [threading.Thread(target=load) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()


def test_garbage_made_after_start_up_is_still_collected() -> None:
    with long_lived():
        kept = [Node() for _ in range(1000)]
    node = Node()
    ref = weakref.ref(node)
    del node
    gc.collect()
    assert ref() is None  # a long scan or a service does not keep its garbage
    assert kept[0].me is kept[0]


def test_an_error_during_start_up_does_not_leave_the_collector_off() -> None:
    try:
        with long_lived():
            raise RuntimeError("model missing")
    except RuntimeError:
        pass
    assert gc.isenabled()
