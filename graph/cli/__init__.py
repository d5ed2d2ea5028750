"""The ``polgraph`` command: a thin layer over ``polgraph.build`` and ``polgraph.evaluate``.

Each command parses its options, makes one library call and turns library
errors into a clean message.  Exit codes: 0 success; 1 the run failed, or some
input was skipped under ``--strict``; 2 usage error (bad option or argument).
"""

from __future__ import annotations

import atexit
import gc
import json
from pathlib import Path

import click

from polgraph.build import DEFAULT_OUT_DIR, BuildFailed, build, extract_all
from polgraph.build.memory import reuse_freed_memory
from polgraph.cli.common import (
    _clean_errors,
    _echo_problems,
    _Progress,
    reading_options,
)
from polgraph.core.extras import require
from polgraph.ingest import read_all


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="polgraph")
def main() -> None:
    """Vietnamese political news to an RDF knowledge graph.

    Example: polgraph build articles/ -o outputs
    """
    # The interpreter's teardown collects the whole heap again and again while it
    # unloads ~1,200 modules: ~0.3 s after a build.  Frozen objects are not walked.
    atexit.unregister(gc.freeze)  # registered once, however many commands one process runs
    atexit.register(gc.freeze)


@main.command("build")
@click.argument(
    "articles", nargs=-1, type=click.Path(path_type=Path, exists=False), metavar="[ARTICLES]..."
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_OUT_DIR,
    show_default=True,
    help="Folder for graph.ttl, graph.trig, graph.html and report.json.",
)
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Extraction processes (default: all cores); the output is the same for any number.",
)
@click.option(
    "--dask",
    "dask_scheduler",
    metavar="SCHEDULER",
    default=None,
    help="Extract on a Dask cluster instead (scheduler address, e.g. tcp://host:8786); "
    "needs the 'scale' extra.",
)
@click.option(
    "--stream/--no-stream",
    default=None,
    help="Accepted and ignored: every build streams (batches through disk spools and "
    "Oxigraph, bounded memory).",
)
@reading_options
def build_command(
    articles: tuple[Path, ...],
    out_dir: Path,
    workers: int | None,
    dask_scheduler: str | None,
    stream: bool | None,
    strict: bool,
    quiet: bool,
) -> None:
    """Build the knowledge graph from article files or folders.

    ARTICLES are .txt, .html/.htm or .jsonl files, or folders searched
    recursively; with none, the bundled sample corpus is used.  Unreadable
    files are skipped and listed (see --strict).

    Example: polgraph build news/ extra.jsonl -o outputs
    """
    progress = _Progress(not quiet, "Extracting")
    reuse_freed_memory()  # a build's process is the command's own (polgraph.build.memory)
    with _clean_errors():
        if dask_scheduler is not None:  # before reading anything: one line naming the extra
            require("dask.distributed", "scale", "--dask")
        try:
            report = build(
                articles or None, out_dir, strict=strict, progress=progress,
                workers=workers, dask=dask_scheduler, stream=stream,
            )  # fmt: skip
        finally:
            progress.close()
    if not quiet:
        _echo_problems(report.skipped, report.ignored, "report.json")
        click.echo(report.summary())


@main.command("eval")
@click.argument(
    "gold_dir", type=click.Path(path_type=Path, exists=True, file_okay=False), metavar="GOLD_DIR"
)
@click.argument(
    "articles", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="ARTICLES..."
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of tables.")
@click.option(
    "--errors",
    is_flag=True,
    help="Also list every missed and spurious item, per category and article.",
)
@click.option(
    "--per-article", is_flag=True, help="Also print each article's table (before the corpus one)."
)
@reading_options
def eval_command(
    gold_dir: Path,
    articles: tuple[Path, ...],
    as_json: bool,
    errors: bool,
    per_article: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Score the extractor on ARTICLES against the gold annotations in GOLD_DIR.

    GOLD_DIR holds one JSON file per article (format: FORMAT.md beside the
    gold folders, ../shared/eval/FORMAT.md; an example: tests/data/sample_gold);
    articles without a gold file are ignored in the scores, and if no article
    has one the command fails (exit 1).  The corpus-level table comes last.

    Example: polgraph eval ../shared/eval/gold ../shared/corpus/seeds --per-article
    """
    from polgraph.evaluate import evaluate  # deferred: only this command needs it

    progress = _Progress(not quiet and not as_json, "Extracting")
    with _clean_errors():
        ingested = read_all(articles)
        problems = list(ingested.errors)
        if strict and problems:
            raise BuildFailed(f"{len(problems)} input(s) could not be read (strict mode)", problems)
        try:
            facts, failed = extract_all(ingested.articles, strict=strict, progress=progress)
        finally:
            progress.close()
        problems += failed
        report = evaluate(gold_dir, facts)
    if not quiet:
        _echo_problems(problems, ingested.warnings, None)
    unmatched = len(report.articles) - report.matched
    if unmatched and report.matched and not quiet:
        click.echo(f"warning: {unmatched} gold article(s) matched no article read "
                   "(scored as all missed)", err=True)  # fmt: skip
    if report.matched == 0:
        read = sorted(f.article.id for f in facts)
        shown = ", ".join(read[:5]) + (", …" if len(read) > 5 else "")
        raise click.ClickException(
            f"none of the {len(read)} article(s) read has a gold file in {gold_dir} "
            f"({len(report.articles)} gold article(s)); the ids must match"
            + (f" (articles: {shown})" if read else "")
        )
    if as_json:  # to_json() has a fixed key order; Vietnamese is written as is
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        text = report.format(errors=errors, per_article=per_article)
        click.echo(text, nl=not text.endswith("\n"))


from polgraph.cli.io_cmds import register as _register_io  # noqa: E402  (load, serve, export)

_register_io(main)


from polgraph.cli.graph_cmds import register as _register_graph_commands  # noqa: E402

_register_graph_commands(main)  # query, timeline, validate, build --store


from polgraph.cli.html_cmd import register as _register_html  # noqa: E402

_register_html(main)  # html
