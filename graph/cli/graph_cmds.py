"""``polgraph query``, ``timeline``, ``tenure``, ``validate``, ``build --store``: asking the graph.

Kept apart from ``polgraph.cli`` so the commands that read a built graph do not
grow the build CLI; ``register(main)`` adds them.  GRAPH is an output folder of
``polgraph build`` (its graph.trig), a .trig/.ttl/.nq/.nt file, or a
``--store`` folder.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import click

from polgraph.rdf.sparql import FORMATS, QueryError

__all__ = ["query_command", "register", "tenure_command", "timeline_command", "validate_command"]

_GRAPH = click.Path(path_type=Path, exists=True)


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


def _open(graph: Path) -> Any:
    from polgraph.rdf.sparql import load_store

    try:
        return load_store(graph)
    except (QueryError, OSError) as exc:
        raise _fail(exc) from exc


@click.command("query")
@click.argument("graph", type=_GRAPH, metavar="GRAPH")
@click.argument("sparql", required=False, metavar="[SPARQL]")
@click.option(
    "--file",
    "-f",
    "query_file",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Read the query from a .rq file.",
)
@click.option(
    "--saved",
    "-s",
    metavar="NAME",
    help="Run a saved query from ontology/queries by name (see --list).",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE (repeatable), never pasted into the text: a plain literal, "
    "or an IRI when the saved query declares one or VALUE is written <IRI>.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table, CSV, or SPARQL 1.1 JSON results.",
)
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries and exit.")
def query_command(
    graph: Path,
    sparql: str | None,
    query_file: Path | None,
    saved: str | None,
    params: tuple[str, ...],
    fmt: str,
    list_saved: bool,
) -> None:
    """Run a SPARQL query on a built graph (pyoxigraph).

    Give the query as SPARQL text, --file Q.rq, or --saved NAME; the default
    graph is the union of all articles' named graphs.

    Example: polgraph query outputs --saved office-holders -p role_label="Bí thư"
    -p org_label="Tỉnh ủy Nghệ An"
    """
    from polgraph.core.names import AmbiguousName
    from polgraph.rdf.saved import saved_query_list
    from polgraph.rdf.sparql import parse_params, run, run_saved

    if list_saved:
        for q in saved_query_list():
            click.echo(f"{q.name:24} {q.description}")
            for p in q.params:
                need = "" if p.required else "(optional) "
                value = "VALUE" if p.kind == "literal" else ("IRI|NAME" if p.of else "IRI")
                click.echo(f"    -p {p.name}={value}  {need}{p.doc}".rstrip())
        return
    given = [x for x in (sparql, query_file, saved) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of SPARQL, --file or --saved")
    store = _open(graph)
    try:
        bindings = parse_params(params)
        if saved:
            result = run_saved(store, saved, bindings, match_names=True)
        else:
            from polgraph.rdf.params import bracketed_iris

            text = _query_text(query_file) if query_file else str(sparql)
            try:
                typed = bracketed_iris(bindings)
            except ValueError as exc:  # a <…> that is no IRI
                raise QueryError(str(exc)) from None
            result = run(store, text, typed)
        click.echo(result.format(fmt), nl=False)
    except (QueryError, AmbiguousName, OSError) as exc:
        raise _fail(exc) from exc


def _query_text(path: Path) -> str:
    """The query file as text; a file that is not UTF-8 is named, with the bad byte."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise QueryError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the query as UTF-8"
        ) from None


@click.command("timeline")
@click.argument("graph", type=_GRAPH, metavar="GRAPH")
@click.option("--role", help='The role of the post, e.g. "Bí thư" (with --org).')
@click.option("--org", help='The organization of the post, e.g. "Thành ủy Hà Nội" (with --role).')
@click.option("--person", help="List this person's posts over time instead.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "csv", "json")),
    default="table",
    show_default=True,
    help="Output as a table, CSV or JSON.",
)
def timeline_command(
    graph: Path, role: str | None, org: str | None, person: str | None, fmt: str
) -> None:
    """List the holders of a post, or one person's posts, in date order.

    Dates are the first and last dates an article showed the holding (the date
    it reports on, else its publication date).  Names match across tone-mark
    placement, case and abbreviations.

    Example: polgraph timeline outputs --role "Bí thư" --org "Tỉnh ủy Nghệ An"
    """
    from polgraph.outputs.timeline import format_timeline, office_timeline, person_timeline

    if person and (role or org):
        raise click.UsageError("give either --person, or --role with --org")
    if not person and not (role and org):
        raise click.UsageError("give --role and --org together, or --person")
    from polgraph.core.names import AmbiguousName

    store = _open(graph)
    try:
        rows = person_timeline(store, person) if person else office_timeline(store, role, org)  # type: ignore[arg-type]
        click.echo(format_timeline(rows, fmt), nl=False)
    except (QueryError, AmbiguousName, OSError) as exc:
        raise _fail(exc) from exc


@click.command("tenure")
@click.argument("graph", type=_GRAPH, metavar="GRAPH")
@click.option("--conflicts", is_flag=True, help="List what articles disagree on.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
    help="Output as a table or JSON.",
)
def tenure_command(graph: Path, conflicts: bool, fmt: str) -> None:
    """Count tenures with a start, an end, and conflicts between articles.

    A tenure is one person in one post across articles; its start and end come
    from election, appointment, dismissal, retirement ... cues, a successor in a
    one-holder post, or "nguyên" (an upper bound).

    Example: polgraph tenure outputs --conflicts
    """
    from polgraph.outputs.tenure_report import format_summary, tenure_summary

    store = _open(graph)
    try:
        click.echo(format_summary(tenure_summary(store), fmt, conflicts=conflicts), nl=False)
    except (QueryError, OSError) as exc:
        raise _fail(exc) from exc


NOT_CONFORMING = 3
"""Exit code of ``validate`` when the graph does not conform (1: it could not be checked)."""


@click.command("validate")
@click.argument("graph", type=_GRAPH, metavar="GRAPH")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing; only the exit code tells.")
def validate_command(graph: Path, quiet: bool) -> None:
    """Check a built graph against the SHACL shapes (exit 3 if it does not conform).

    Checks ontology/shapes.ttl: one foaf:name per person, a role and an
    organization per post, a source per statement, dates typed xsd:date.
    Exit codes: 0 conforms; 3 does not conform (report on stderr); 1 could
    not check (unreadable graph: an Error: line).

    Example: polgraph validate outputs
    """
    from polgraph.rdf import validate
    from polgraph.rdf.oxstore import union_rdflib

    store = _open(graph)
    try:
        conforms, text = validate(union_rdflib(store))
    except (ImportError, OSError, ValueError) as exc:  # could not run: exit 1
        raise _fail(exc) from exc
    if conforms:
        if not quiet:
            click.echo(f"{graph}: conforms to the SHACL shapes.")
        return
    if not quiet:
        click.echo(text, err=True)
    raise SystemExit(NOT_CONFORMING)


# --------------------------------------------------------------- build --store


def _store_build(
    articles: tuple[Path, ...], store: Path, strict: bool, quiet: bool, **how: Any
) -> None:
    from polgraph.build import BuildFailed, sample_corpus
    from polgraph.build.store import update_store
    from polgraph.cli.common import _echo_problems, _Progress

    progress = _Progress(not quiet, "Extracting")
    try:
        report = update_store(
            articles or [sample_corpus()], store, strict=strict, progress=progress, **how
        )
    except (BuildFailed, OSError, ValueError) as exc:
        raise _fail(exc) from exc
    finally:
        progress.close()
    if not quiet:
        _echo_problems(report.skipped, report.ignored, None)
        click.echo(report.summary())


def add_store_option(build: click.Command) -> None:
    """Give ``polgraph build`` a ``--store DIR`` option: an incremental on-disk build."""
    if any(p.name == "store" for p in build.params):
        return
    option = click.Option(
        ["--store"],
        type=click.Path(path_type=Path, file_okay=False),
        metavar="DIR",
        help="Update an on-disk Oxigraph store in DIR instead of writing --out: only new or "
        "changed articles are extracted, removed ones are dropped.",
    )
    build.params.insert(1, option)
    original = build.callback
    assert original is not None

    @functools.wraps(original)
    def callback(*, store: Path | None = None, **kwargs: Any) -> Any:
        if store is None:
            return original(**kwargs)
        ctx = click.get_current_context()
        if ctx.get_parameter_source("out_dir") is not click.core.ParameterSource.DEFAULT:
            raise click.UsageError("--store writes into its DIR: drop -o/--out, or drop --store")
        return _store_build(  # -j and --dask as for a normal build; --stream: every build streams
            kwargs["articles"], store, kwargs["strict"], kwargs["quiet"],
            workers=kwargs["workers"], dask=kwargs["dask_scheduler"],
        )  # fmt: skip

    build.callback = callback


def register(main: click.Group) -> None:
    """Add the graph commands to the ``polgraph`` group (called by ``polgraph.cli``)."""
    for command in (query_command, timeline_command, tenure_command, validate_command):
        main.add_command(command)
    if "build" in main.commands:
        add_store_option(main.commands["build"])
