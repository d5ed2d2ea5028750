"""``polgraph load``, ``serve`` and ``export``: the graph into other systems.

Kept apart from ``polgraph.cli`` so the build/eval commands stay small; they are
registered on the same ``polgraph`` group by ``register``.  Same conventions:
exit 0 on success, 1 when the run failed, 2 on a usage error.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

__all__ = ["export_command", "load_command", "register", "serve_command"]

_GRAPH_ARG = click.argument(
    "graph", type=click.Path(path_type=Path, exists=True), metavar="GRAPH_OR_STORE"
)


def _bounded(name: str, kind: click.ParamType, default: float, text: str) -> Any:
    """A number option within ``kind``'s range, its default shown in ``--help``."""
    return click.option(name, type=kind, default=default, show_default=True, help=text)


class _Bar:
    """``progress(done, total)`` drawing a click progress bar of triples on stderr."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total == 0:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Loading triples", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@click.command("load")
@_GRAPH_ARG
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store HTTP Protocol URL of the server (see README for each server's form).",
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="SPARQL query URL used to check the counts; guessed from --endpoint when omitted.",
)
@click.option(
    "--graph-per-article",
    is_flag=True,
    help="One named graph per article (needs graph.trig); graphs of articles no longer "
    "in the input are removed from the server.",
)
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Named graph for the merged graph when not using --graph-per-article "
    "[default: https://w3id.org/polgraph/id/graph/merged].",
)
@click.option("--user", metavar="U", help="User name for HTTP authentication (Basic or Digest).")
@click.option(
    "--password-env",
    metavar="VAR",
    help="Name of the environment variable holding the password (never give it on the "
    "command line).",
)
@_bounded("--batch-size", click.IntRange(min=1), 50_000, "Triples per request.")
@_bounded(
    "--retries",
    click.IntRange(min=0),
    4,
    "Retries of a request on connection errors, 408, 429 and 5xx answers.",
)
@_bounded(
    "--timeout",
    click.FloatRange(min=0.1),
    60.0,
    "Seconds to wait for each answer before the request counts as failed (and is retried).",
)
@click.option("--no-bulk", is_flag=True, help="Use plain Graph Store requests even on Oxigraph.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary; errors still print.")
def load_command(
    graph: Path,
    endpoint: str,
    query_endpoint: str | None,
    graph_per_article: bool,
    graph_iri: str | None,
    user: str | None,
    password_env: str | None,
    batch_size: int,
    retries: int,
    timeout: float,
    no_bulk: bool,
    quiet: bool,
) -> None:
    """Load the graph into a SPARQL server, replacing what an earlier load put there.

    GRAPH_OR_STORE is a `polgraph build` folder, graph.trig/.nq/.ttl/.nt, or
    an Oxigraph store folder.  The graph goes over the SPARQL 1.1 Graph Store
    HTTP Protocol in batches.  polgraph's graphs on the server that the input
    does not hold (articles removed since the last load) are removed; graphs
    outside polgraph's namespace are never touched.  Afterwards the server's
    set of polgraph graphs and the triple count of every graph are checked.
    If the load fails midway, the graphs loaded and not loaded are listed
    (exit 1); running the same command again completes it.

    Example: polgraph load outputs --endpoint http://127.0.0.1:7878/store --graph-per-article
    """
    from polgraph.outputs.load import DEFAULT_GRAPH, LoadFailed, load
    from polgraph.outputs.redact import redact_text

    password = None
    if user is not None:
        if not password_env:
            raise click.UsageError("--user needs --password-env VAR")
        password = os.environ.get(password_env)
        if password is None:
            raise click.UsageError(f"environment variable {password_env} is not set")
    elif password_env:
        raise click.UsageError("--password-env needs --user")
    bar = _Bar(not quiet)
    try:
        report = load(
            graph,
            endpoint,
            graph_per_article=graph_per_article,
            graph=graph_iri or DEFAULT_GRAPH,
            query_endpoint=query_endpoint,
            user=user,
            password=password,
            batch_triples=batch_size,
            retries=retries,
            timeout=timeout,
            bulk=False if no_bulk else None,
            progress=bar,
        )
    except (LoadFailed, OSError, ValueError) as exc:
        bar.close()
        raise click.ClickException(redact_text(str(exc))) from exc
    bar.close()
    if not quiet:
        click.echo(report.summary())


@click.command("serve")
@_GRAPH_ARG
@_bounded(
    "--port", click.IntRange(min=0, max=65535), 7879, "TCP port on 127.0.0.1 (0 picks a free one)."
)
@_bounded(
    "--timeout",
    click.FloatRange(min=0.1),
    30.0,
    "Seconds one query may run before it is stopped (503).",
)
@_bounded(
    "--max-result-mb",
    click.FloatRange(min=0.001),
    100.0,
    "Largest answer in MiB; a larger one is refused (413).",
)
@_bounded(
    "--max-memory-mb",
    click.IntRange(min=64),
    2048,
    "Memory one query may use before it is stopped (503; Linux).",
)
@_bounded(
    "--workers", click.IntRange(min=1, max=64), 2, "Queries run at once (each in its own process)."
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let queries use SERVICE, making this machine send requests to other servers.",
)
@click.option("--log", is_flag=True, help="Log each request on stderr.")
def serve_command(
    graph: Path,
    port: int,
    timeout: float,
    max_result_mb: float,
    max_memory_mb: int,
    workers: int,
    allow_service: bool,
    log: bool,
) -> None:
    """Serve the graph as a read-only SPARQL endpoint on 127.0.0.1.

    Queries go to http://127.0.0.1:PORT/query (GET or POST, SPARQL 1.1
    Protocol) and see the union of all article graphs.  Updates and SERVICE
    are refused, as are requests whose Host is not 127.0.0.1, localhost or
    [::1]; each query runs under the limits below and stops when its client
    disconnects.  Stop with Ctrl-C.

    Example: polgraph serve outputs --port 7879
    """
    from polgraph.outputs.serve import Limits, make_server

    limits = Limits(
        timeout=timeout,
        max_result_bytes=int(max_result_mb * (1 << 20)),
        max_memory_bytes=max_memory_mb << 20,
        workers=workers,
    )
    try:
        server = make_server(graph, port, quiet=not log, limits=limits, allow_service=allow_service)
    except (OSError, ValueError, RuntimeError) as exc:
        raise click.ClickException(" ".join(str(exc).split())) from exc
    host, bound = server.server_address[:2]
    click.echo(f"Serving {graph} read-only at http://{host}:{bound}/query (Ctrl-C to stop)")
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` cleans up like Ctrl-C
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()  # stops the query workers, removes the scratch store


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


@click.command("export")
@click.argument("graph", type=click.Path(path_type=Path, exists=True), metavar="GRAPH")
@click.option(
    "--format",
    "-f",
    "fmt",
    required=True,
    type=click.Choice(["jsonld", "nquads", "ntriples", "graphml", "gexf", "neo4j", "ftm", "popolo",
                       "quickstatements"]),
    help="Output format (neo4j and quickstatements write a folder).",
)
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="Output file, or folder for --format neo4j and quickstatements.",
)
@click.option(
    "--reconciled",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="quickstatements: reconcile.csv with person_qid/post_qid filled in (OpenRefine).",
)
@click.option(
    "--retrieved",
    metavar="YYYY-MM-DD",
    help="quickstatements: the date the articles were retrieved (reference S813).",
)
def export_command(
    graph: Path, fmt: str, out: Path, reconciled: Path | None, retrieved: str | None
) -> None:
    """Export the graph as JSON-LD, N-Quads, N-Triples, GraphML, GEXF or Neo4j CSV.

    GRAPH is a `polgraph build` folder or graph.trig/.nq/.ttl/.nt.  GraphML and
    GEXF hold the property-graph view (people, organizations, documents,
    meetings, places and articles; holdings and other links as edges with
    relation and evidence), for Gephi, Cytoscape or networkx.  ftm (FollowTheMoney
    JSON lines), popolo (Popolo JSON) and quickstatements (Wikidata, with a CSV to
    reconcile in OpenRefine) list who held which office when; review QuickStatements
    before uploading them.

    Example: polgraph export outputs --format graphml -o graph.graphml
    """
    from polgraph.outputs.export import export

    try:
        path = export(graph, fmt, out, reconciled=reconciled, retrieved=retrieved)
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Wrote {path}")


def register(group: click.Group) -> None:
    """Add load, serve and export to the ``polgraph`` group."""
    for command in (load_command, serve_command, export_command):
        group.add_command(command)
