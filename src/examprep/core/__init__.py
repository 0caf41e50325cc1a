"""The pure core: bank format, catalog, draw, session, scoring and analytics.

``examprep.core.models``, the pydantic bank format, is registered here as a lazy module: it is
imported on the first use of one of its names, not when a module says
``from examprep.core import models``. A start from the bank cache needs no model before the first
question, and importing pydantic and building the models cost about 90 ms before the first screen.
"""

from __future__ import annotations

import importlib.util
import sys


def _import_lazily(name: str) -> None:
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:  # pragma: no cover - the package is broken
        raise ImportError(name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    # Set as the package's attribute too: ``from examprep.core import models`` then takes it as it
    # is, where the import system would otherwise look inside it, and so load it at once.
    package, _, attribute = name.rpartition(".")
    setattr(sys.modules[package], attribute, module)


_import_lazily(f"{__name__}.models")
