"""Write the people-and-offices exports (FollowTheMoney, Popolo, QuickStatements) atomically.

``polgraph.outputs.export.export`` hands these three formats here; each is a projection of
the graph (``polgraph.outputs.export_projection``) reshaped by its own module.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from polgraph.core.atomic import atomic_output_dir, atomic_write_text
from polgraph.outputs.export_projection import project

__all__ = ["write_people"]


def write_people(
    store: ox.Store,
    fmt: str,
    out: Path,
    *,
    reconciled: str | os.PathLike[str] | None = None,
    retrieved: str | None = None,
) -> Path:
    """``ftm`` and ``popolo`` write the file ``out``; ``quickstatements`` the folder ``out``."""
    if (reconciled is not None or retrieved is not None) and fmt != "quickstatements":
        raise ValueError("--reconciled and --retrieved are for --format quickstatements")
    projection = project(store)
    if fmt == "ftm":
        from polgraph.outputs.export_ftm import to_ftm

        atomic_write_text(out, to_ftm(projection))
    elif fmt == "popolo":
        from polgraph.outputs.export_popolo import to_popolo

        atomic_write_text(out, to_popolo(projection))
    elif fmt == "quickstatements":
        from polgraph.outputs.export_wikidata import (
            read_reconciled,
            reconcile_csv,
            to_quickstatements,
        )

        qids = read_reconciled(reconciled) if reconciled is not None else {}
        statements = to_quickstatements(projection, qids, retrieved)  # checks before writing
        with atomic_output_dir(out) as stage:
            atomic_write_text(stage / "quickstatements.txt", statements)
            atomic_write_text(stage / "reconcile.csv", reconcile_csv(projection, qids))
    else:
        raise ValueError(f"not a people export: {fmt!r}")
    return out
