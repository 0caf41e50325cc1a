"""Keeping the cyclic garbage collector out of the way of the screen."""

from __future__ import annotations

import gc


def hold_heap() -> None:
    """Leave every object alive now out of collections, without collecting first.

    Called once the catalog is loaded: a full collection during start-up would walk the whole
    catalog (about 20 ms with the bundled banks) before the first frame. Start-up garbage is
    held too, until :func:`freeze_heap` with ``everything`` collects it.
    """
    gc.freeze()


def freeze_heap(everything: bool = False) -> None:
    """Collect, then leave every object alive now out of future collections.

    The catalog, the drawn form and its screens live as long as they are in use; left in the
    collector's care, a full collection walks them all, a 35 ms stall with 10,000 questions
    loaded, in the middle of an exam. Called as each exam starts, when a short pause goes
    unnoticed; ``everything`` also collects what :func:`hold_heap` held (once home is drawn).
    """
    if everything:
        gc.unfreeze()
    gc.collect()
    gc.freeze()
