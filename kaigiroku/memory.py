"""Giving memory that Python has freed back to the system.

glibc keeps the pages of freed blocks in its heaps, where only a later
allocation of this process can use them: after a build lets go of the
minutes of a large archive (about 1 GB at 10,000 meetings, freed in blocks
spread over the heaps) the process would still hold them while Pagefind runs
and while the leak check forks its workers.
"""

from __future__ import annotations

import ctypes


def give_back() -> None:
    """Return the free pages of the C heaps to the system (``malloc_trim``); nothing where the C
    library has no such call."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
