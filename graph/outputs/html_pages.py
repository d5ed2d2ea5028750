"""One explorer page per organization or person, for graphs too big for one page.

``polgraph html GRAPH --by organization`` / ``--by person`` writes them into
``organizations/`` and ``people/`` beside ``graph.html``, under the names the
overview links to; they share one copy of vis-network in ``assets/`` instead of
inlining it thousands of times.
"""

from __future__ import annotations

from pathlib import Path

from polgraph.core.atomic import atomic_write_text
from polgraph.outputs.html import _assets, page_data, render
from polgraph.outputs.html_focus import neighbourhood
from polgraph.outputs.html_model import Model
from polgraph.outputs.html_overview import FOLDERS, page_name

__all__ = ["write_pages"]


def write_pages(
    model: Model, folder: Path, by: str, *, depth: int = 1, title: str = "polgraph"
) -> int:
    """One explorer page per entity of kind ``by`` in ``folder/FOLDERS[by]``; how many."""
    css, js = _assets()
    assets = folder / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    atomic_write_text(assets / "vis-network.css", css)
    atomic_write_text(assets / "vis-network.min.js", js)
    out = folder / FOLDERS[by]
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for s in sorted((s for s, k in model.kinds.items() if k == by), key=str):
        keep = neighbourhood(model, s, depth)
        data = page_data(model, keep, s)
        page = render(data, f"{title}: {model.label(s)}", assets_href="../assets")
        atomic_write_text(out / page_name(model, s), page)
        count += 1
    return count
