"""kaigiroku.core.memory: what the build keeps out of the cyclic collector, and when it gives it back."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from proof import generate_corpus

import build
from kaigiroku.core.cache import open_cache
from kaigiroku.core.memory import give_back, kept
from redaction.engine import RedactedFile
from redaction.model import Withholding


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


@pytest.mark.parametrize("cached", [False, True])
def test_what_the_build_lets_go_after_loading_holds_no_reference_cycles(tmp_path: Path, cached: bool) -> None:
    """The build lets the ledger and the redacted files go without a collection (``give_back`` with
    ``cycles`` False): each is freed as its last reference goes, whether redacted now or read from
    the cache, on workers or here."""
    content = generate_corpus(tmp_path / "content", meetings=6, seed=3)
    opts = build.Options(content=content, out=tmp_path / "site", jobs=2)
    with open_cache(opts.out) as cache:
        if cached:
            build.load(opts, cache=cache)
        gc.collect()
        gc.disable()
        try:
            loaded = build.load(opts, cache=cache).loaded
            archive = loaded.archive
            gc.unfreeze()  # what was read from the cache, listed again (and still not collected)
            held = [o for o in gc.get_objects() if isinstance(o, Withholding)]
            assert held and archive.meetings
            del held, loaded
            assert not [o for o in gc.get_objects() if isinstance(o, (Withholding, RedactedFile))]
        finally:
            gc.enable()
