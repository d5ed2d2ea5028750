"""``polgraph html``: the interactive page for a built graph, whole or around one entity.

Kept apart from ``polgraph.cli`` (``register(main)`` adds it) so the build CLI
does not grow.  A full ``graph.html`` is already written by ``polgraph build``;
this command re-draws it from a saved graph, and with ``--focus`` writes a
smaller page around one person or organization, which stays quick to read on
a corpus far too big to take in at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from polgraph.core.text import ascii_fold
from polgraph.rdf.index import TripleIndex

__all__ = ["html_command", "load_graph", "register"]


def load_graph(path: Path) -> TripleIndex:
    """GRAPH (a build output folder, a ``--store`` folder or an RDF file), every statement
    once; a ``ValueError`` naming the path where it cannot be read."""
    from polgraph.rdf.reading import read_graph
    from polgraph.rdf.sparql import QueryError

    try:
        return read_graph(path)
    except (QueryError, OSError) as exc:
        raise ValueError(str(exc)) from exc


def _default_out(graph: Path, focus: str | None) -> Path:
    folder = graph if graph.is_dir() else graph.parent
    if focus is None:
        return folder / "graph.html"
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_fold(focus)).strip("-") or "focus"
    return folder / f"graph-{stem[:60]}.html"


@click.command("html")
@click.argument("graph", type=click.Path(path_type=Path, exists=True), metavar="GRAPH")
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Page to write [default: graph.html beside GRAPH, or graph-NAME.html with --focus].",
)
@click.option(
    "--focus",
    metavar="NAME",
    help="Only the entity with this name (any spelling, diacritics optional) "
    "and what lies within --depth edges of it.",
)
@click.option(
    "--depth",
    type=click.IntRange(0, 10),
    default=2,
    show_default=True,
    help="Edges to follow from the --focus entity (or each --by page's entity).",
)
@click.option("--title", help="Page title [default: polgraph, or polgraph: NAME with --focus].")
@click.option(
    "--by",
    type=click.Choice(["organization", "person"]),
    help="Instead, write one page per organization (organizations/) or person (people/) "
    "beside the page, as the overview of a large graph links to them (--depth edges around each).",
)
def html_command(
    graph: Path, out: Path | None, focus: str | None, depth: int, title: str | None,
    by: str | None,
) -> None:
    """Write the interactive network page (offline, one file) for a built graph.

    GRAPH is an output folder of `polgraph build`, a `build --store` folder,
    or a .trig/.ttl/.nq/.nt file.  The page has search by any name, filters
    by kind, organization and date, and shows for every edge the sentence and
    article it came from.

    --focus takes a name, an IRI, or a name with what tells it from its
    namesakes as the page's search list shows it ("Nguyen Van A (Bí thư Tỉnh
    ủy X · X)"); when several entities match, it lists them and fails.

    Example: polgraph html outputs --focus "Nguyen Van A" --depth 2
    """
    from polgraph.outputs.html import FocusError, write_html  # deferred: pyvis/networkx load slowly

    target = out or _default_out(graph, focus)
    try:
        g = load_graph(graph)
        if by is not None:
            from polgraph.outputs.html_model import Model
            from polgraph.outputs.html_overview import FOLDERS
            from polgraph.outputs.html_pages import write_pages
            from polgraph.rdf import union_graph

            folder = target.parent
            model = Model(union_graph(g))
            n = write_pages(model, folder, by, depth=depth, title=title or "polgraph")
            click.echo(f"Wrote {n} pages in {folder / FOLDERS[by]}.")
            return
        write_html(
            g,
            target,
            title=title or ("polgraph" if focus is None else f"polgraph: {focus}"),
            focus=focus,
            depth=depth,
        )
    except FocusError as exc:
        raise click.ClickException(str(exc)) from exc
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Wrote {target}.")


def register(main: click.Group) -> None:
    """Add ``html`` to the ``polgraph`` command group."""
    main.add_command(html_command)
