"""Optional parts installed as extras: one clear error naming the extra, not a traceback.

A feature that needs an optional package (``--dask`` needs Dask distributed, the
``scale`` extra) calls ``require`` before doing any work, so a user without it reads
one line saying what to install instead of an ``ImportError`` deep in a run.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["MissingExtra", "require"]


class MissingExtra(ImportError):
    """An optional package is not installed; the message names the extra to install."""


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module`` or raise ``MissingExtra`` naming ``pip install 'polgraph[extra]'``.

    >>> require("json", "none", "JSON").__name__
    'json'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(
            f"{feature} needs {module.split('.')[0]} ({module}), which is not installed: "
            f"pip install 'polgraph[{extra}]'"
        ) from exc
