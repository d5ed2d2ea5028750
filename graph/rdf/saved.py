"""What each saved query (``ontology/queries/*.rq``) answers and which parameters it takes.

A saved query documents itself in its opening comment: the first line says what
it answers, and the lines ``#   ?name  text`` under ``Expects`` are its
parameters (``(optional)`` at the start of the text marks one it can do
without).  ``query --list`` shows them, and a run is refused before it starts
when a required parameter is missing or an unknown one is given, naming the
real ones, instead of answering "(0 rows)".

A parameter is bound as a plain literal unless its text starts (after
``(optional)``) with ``(IRI)`` or ``(IRI of CLASS)``, e.g. ``(IRI of foaf:Person)``:
its value is then an IRI (``<…>``, a full IRI, or ``id:person/…`` as the table
output shows it), or, with a class, a name that ``polgraph.rdf.params`` looks up
among the graph's nodes of that class.  Typed, a value can be checked before it
is bound, and a string is never taken for an IRI nor an IRI for a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from polgraph.core.vocab import PREFIXES
from polgraph.rdf.ontology import load_query, ontology_dir

__all__ = ["Param", "SavedQuery", "saved_query", "saved_query_list"]

_PARAM = re.compile(r"#\s{2,}[?$]([A-Za-z_][A-Za-z0-9_]*)\s+(.*)")
_IRI_TYPE = re.compile(r"\(IRI(?:\s+of\s+([A-Za-z][\w-]*):([A-Za-z_][\w-]*))?\)\s*")


@dataclass(frozen=True)
class Param:
    """One parameter of a saved query: its variable name, whether it is needed, an example."""

    name: str
    required: bool
    doc: str
    kind: str = "literal"  # "literal" or "iri"
    of: str | None = None  # for an IRI: the class whose nodes a name is looked up among


@dataclass(frozen=True)
class SavedQuery:
    """A saved query's name, one-line description and parameters (in the order documented)."""

    name: str
    description: str
    params: tuple[Param, ...]

    def param(self, name: str) -> Param | None:
        """The parameter ``name`` (``?`` or ``$`` in front allowed), ``None`` if it has none."""
        key = name.lstrip("?$")
        return next((p for p in self.params if p.name == key), None)

    def problems(self, given: set[str]) -> str | None:
        """Why parameters ``given`` cannot run this query (``None`` if they can)."""
        known = {p.name for p in self.params}
        listed = ", ".join(p.name for p in self.params) or "none"
        unknown = sorted(g for g in given if g not in known)
        if unknown:
            return (
                f"query {self.name!r} has no variable ?{unknown[0]} to bind; "
                f"its parameters: {listed}"
            )
        missing = [p.name for p in self.params if p.required and p.name not in given]
        if missing:
            return f"query {self.name!r} needs " + " and ".join(
                f"-p {m}=VALUE" for m in missing
            ) + f" (its parameters: {listed})"
        return None


def _parse(name: str, text: str) -> SavedQuery:
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    description = header[0].lstrip("# ").strip() if header else ""
    params: list[Param] = []
    expects = False
    for line in header:
        expects = expects or "Expects" in line
        m = _PARAM.match(line) if expects else None
        if m:
            doc = " ".join(m.group(2).split())
            optional = doc.startswith("(optional)")
            doc = doc.removeprefix("(optional)").strip()
            typed = _IRI_TYPE.match(doc)
            kind, of = "literal", None
            if typed:
                kind, doc = "iri", doc[typed.end() :]
                if typed.group(1):
                    if typed.group(1) not in PREFIXES:
                        raise ValueError(f"saved query {name!r}: unknown prefix {typed.group(1)}:")
                    of = PREFIXES[typed.group(1)] + typed.group(2)
            params.append(Param(m.group(1), not optional, doc, kind, of))
    return SavedQuery(name, description, tuple(params))


def saved_query(name: str) -> SavedQuery:
    """The saved query ``name`` (``ValueError`` for a name that is not one)."""
    return _parse(name.removesuffix(".rq"), load_query(name))


def saved_query_list() -> list[SavedQuery]:
    """Every saved query, by name."""
    return [
        _parse(p.stem, p.read_text(encoding="utf-8"))
        for p in sorted((ontology_dir() / "queries").glob("*.rq"))
    ]
