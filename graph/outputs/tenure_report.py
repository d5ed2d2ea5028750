"""How many holdings of a built graph have a start, an end, and where articles disagree.

``polgraph tenure GRAPH`` prints this; it reads only the graph (the ``pg:Tenure``
intervals ``polgraph.rdf.tenure`` wrote), so it answers for any build, store or
exported RDF file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import pyoxigraph as ox

from polgraph.rdf.sparql import run

__all__ = ["TenureSummary", "format_summary", "tenure_summary"]

_TENURES = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX pg: <https://w3id.org/polgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
SELECT ?tenure ?name ?post ?start_unit ?end_basis ?before ?since
       (GROUP_CONCAT(?conflict; separator="\\u001f") AS ?conflicts)
WHERE {
  ?tenure a pg:Tenure ; pg:holder ?person ; pg:post ?p .
  OPTIONAL { ?person foaf:name ?name }
  OPTIONAL { ?p skos:prefLabel ?post }
  OPTIONAL { ?tenure time:hasBeginning/time:unitType ?start_unit }
  OPTIONAL { ?tenure time:hasEnd/pg:basis ?end_basis }
  OPTIONAL { ?tenure pg:endedBefore ?before }
  OPTIONAL { ?tenure pg:observedSince ?since }
  OPTIONAL { ?tenure pg:conflict ?conflict }
}
GROUP BY ?tenure ?name ?post ?start_unit ?end_basis ?before ?since
ORDER BY ?name ?post ?tenure
"""


@dataclass(frozen=True)
class TenureSummary:
    """Counts over the tenures (one per person and post) of a graph."""

    tenures: int
    with_start: int  # a dated start (election, appointment, transfer) or a term
    with_start_term_only: int  # of which only a term ("nhiệm kỳ 2020–2025")
    observed_only: int  # no start: only "observed since"
    with_end: int  # an end date (a cue, or a successor's start)
    with_end_from_successor: int
    with_upper_bound_only: int  # no end date, but ended before ("nguyên", a later holder)
    conflicts: int  # disagreements between articles
    tenures_with_conflicts: int
    conflict_list: tuple[tuple[str, str, str], ...]  # (person, post, what disagrees)


def tenure_summary(store: ox.Store) -> TenureSummary:
    """Count the tenures of ``store`` (see ``TenureSummary``)."""
    rows = run(store, _TENURES).values()
    conflicts = [
        (r.get("name", ""), r.get("post", ""), text)
        for r in rows
        for text in r.get("conflicts", "").split("\x1f")
        if text
    ]
    has_end = [r for r in rows if r.get("end_basis")]
    return TenureSummary(
        tenures=len(rows),
        with_start=sum(1 for r in rows if r.get("start_unit")),
        with_start_term_only=sum(1 for r in rows if r.get("start_unit", "").endswith("unitTerm")),
        observed_only=sum(1 for r in rows if not r.get("start_unit") and r.get("since")),
        with_end=len(has_end),
        with_end_from_successor=sum(1 for r in has_end if r["end_basis"] == "successor"),
        with_upper_bound_only=sum(1 for r in rows if r.get("before") and not r.get("end_basis")),
        conflicts=len(conflicts),
        tenures_with_conflicts=sum(1 for r in rows if r.get("conflicts")),
        conflict_list=tuple(sorted(conflicts)),
    )


def format_summary(s: TenureSummary, fmt: str = "table", *, conflicts: bool = False) -> str:
    """``table`` for people (``conflicts``: list them), ``json`` for programs."""
    if fmt == "json":
        data = asdict(s)
        data["conflict_list"] = [list(c) for c in s.conflict_list]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = [
        f"tenures (person × post)        {s.tenures}",
        f"  with a start                 {s.with_start} (term only: {s.with_start_term_only})",
        f"  observed since, no start     {s.observed_only}",
        f"  with an end                  {s.with_end} (from a successor: "
        f"{s.with_end_from_successor})",
        f"  ended before, no end date    {s.with_upper_bound_only}",
        f"conflicts between articles     {s.conflicts} (in {s.tenures_with_conflicts} tenures)",
    ]
    if conflicts:
        lines.append("")
        lines += [f"{name} — {post}: {text}" for name, post, text in s.conflict_list]
    return "\n".join(lines) + "\n"
