"""kaigiroku.core.memory: what the build keeps out of the cyclic collector, and when it gives it back."""

from __future__ import annotations

import gc
import weakref

from kaigiroku.core.memory import give_back, kept


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_what_is_made_while_kept_is_collected_only_after_give_back() -> None:
    with kept():
        node = Node()
    gone = weakref.ref(node)
    del node
    gc.collect()
    assert gone() is not None  # frozen: no collection visits it
    assert gc.isenabled()
    give_back()
    assert gone() is None


def test_kept_leaves_the_collector_off_if_it_was_off() -> None:
    gc.disable()
    try:
        with kept():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
        give_back()
