"""SPARQL answers and how they are printed: aligned table, CSV, SPARQL 1.1 JSON.

Every printed value has its control and bidi characters escaped: a value from an
article is untrusted and must not drive the terminal it is printed on.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pyoxigraph as ox

from polgraph.core.text import json_printable, printable
from polgraph.core.vocab import ID, PREFIXES

__all__ = ["DISPLAY_PREFIXES", "FORMATS", "QueryError", "Result", "Term", "compact"]

FORMATS = ("table", "csv", "json")

DISPLAY_PREFIXES: dict[str, str] = {**PREFIXES, "id": ID}
"""Prefixes for compact table cells; ``id:`` is the data namespace (display only)."""


class QueryError(ValueError):
    """A query, parameter or graph the user gave cannot be used (one-line message)."""


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class Result:
    """A SELECT table (``variables``, ``rows``), an ASK answer, or CONSTRUCT triples."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] | None = None

    def dicts(self) -> list[dict[str, Term]]:
        """Rows as ``{variable: term}``, unbound variables left out."""
        return [
            {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}
            for row in self.rows
        ]

    def values(self) -> list[dict[str, str]]:
        """Rows as ``{variable: lexical value}`` (IRIs as full strings)."""
        return [{v: t.value for v, t in d.items()} for d in self.dicts()]  # type: ignore[union-attr]

    # output ---------------------------------------------------------------
    def format(self, fmt: str = "table") -> str:
        """Render as ``table`` (aligned, compact IRIs), ``csv`` or ``json`` (SPARQL 1.1 results)."""
        if fmt not in FORMATS:
            raise QueryError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
        if self.boolean is not None:
            if fmt == "json":
                return '{"head":{},"boolean":' + ("true" if self.boolean else "false") + "}\n"
            return ("true" if self.boolean else "false") + "\n"
        # every printed value has its control and bidi characters escaped, so a
        # value holding ESC or BEL cannot drive the terminal it is printed on
        if self.triples is not None:
            # \uXXXX is an N-Triples escape too
            return json_printable("".join(f"{t} .\n" for t in self.triples))
        if fmt == "json":
            return json_printable(_json(self))
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow(self.variables)
            for row in self.rows:
                writer.writerow(
                    ["" if t is None else printable(_csv_cell(t), keep="\n\t") for t in row]
                )
            return out.getvalue()
        return _table(self)


def _csv_cell(term: Term) -> str:
    """SPARQL 1.1 CSV: IRIs and literals as their plain string value."""
    return term.value if not isinstance(term, (ox.BlankNode, ox.Triple)) else str(term)


def compact(term: Term | None) -> str:
    """A readable cell: literals as their text, IRIs with a known prefix."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for prefix, ns in sorted(DISPLAY_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns) :]}"
        return f"<{iri}>"
    return str(term)


def _table(result: Result) -> str:
    header = list(result.variables)
    cells = [[printable(compact(t).replace("\n", " ")) for t in row] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    n = len(result.rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON (https://www.w3.org/TR/sparql11-results-json/)."""
    doc = {
        "head": {"vars": list(result.variables)},
        "results": {
            "bindings": [
                {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t}
                for row in result.rows
            ]
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
