"""Keeping the cyclic garbage collector out of the way of a running exam."""

from __future__ import annotations

import gc


def freeze_heap() -> None:
    """Collect once, then leave every object alive now out of future collections.

    The catalog, the drawn form and its screens live as long as they are in use; left in the
    collector's care, a full collection walks them all, a 35 ms stall with 10,000 questions
    loaded, in the middle of an exam. Called once the catalog is loaded and as each exam starts,
    when a short pause goes unnoticed.
    """
    gc.collect()
    gc.freeze()
