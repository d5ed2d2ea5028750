"""Typed parameters of saved queries: IRIs checked and bound as IRIs, names looked up.

A saved query says in its header which parameters are IRIs (``polgraph.rdf.saved``:
``(IRI)`` or ``(IRI of foaf:Person)``).  A value for one may be written

* ``<https://w3id.org/polgraph/id/person/Nguyễn_Văn_A>`` or the bare IRI;
* ``id:person/Nguyễn_Văn_A``: the compact form ``query`` prints in its tables;
* for a parameter with a class, a name ("Nguyễn Văn A", diacritics optional, or
  quoted to say it is a name), looked up among the graph's nodes of that class by
  ``foaf:name``, ``skos:prefLabel`` or ``skos:altLabel`` the way ``timeline`` matches
  names (``polgraph.core.names``); several nodes with that name are refused with
  their IRIs listed (``AmbiguousName``), none with a ``ParamError``.

Each IRI must parse as an absolute IRI (Oxigraph's own check) and becomes an
``ox.NamedNode``: it is bound as a term, never pasted into the query text, so
``<x> } ; DROP ALL #`` is refused, not run.  A literal parameter is never given an
IRI (``<…>`` there is an error), so a typo cannot silently find nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from polgraph.core.names import AmbiguousName, match_name
from polgraph.core.text import canonical
from polgraph.core.vocab import ID, PREFIXES
from polgraph.rdf.saved import Param, SavedQuery

__all__ = ["ParamError", "bind_typed", "bracketed_iris", "iri_term", "parse_iri"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal

_COMPACT: dict[str, str] = {**PREFIXES, "id": ID}
"""Prefixes of compact IRIs: those ``query`` prints its table cells with."""


class ParamError(ValueError):
    """A parameter value that cannot be bound (``run_saved`` reports it as a ``QueryError``)."""


_BRACKETED = re.compile(r"<(.*)>\Z", re.DOTALL)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+\Z")
_QUOTED = re.compile(r'"(.*)"\Z', re.DOTALL)

_NAMED = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?class ?x ?label WHERE {
  ?x a ?class ; foaf:name|skos:prefLabel|skos:altLabel ?label
}"""


def parse_iri(text: str) -> ox.NamedNode | None:
    """``<…>``, an absolute IRI or ``prefix:local`` (known prefixes) as a checked
    ``NamedNode``; ``None`` when the text is not written as an IRI (a name).

    Raises ``ParamError`` when it is written as one but is not a valid IRI.

    >>> parse_iri("id:person/Lê_Văn_B")
    <NamedNode value=https://w3id.org/polgraph/id/person/Lê_Văn_B>
    >>> parse_iri("Lê Văn B") is None
    True
    """
    value = text.strip()
    bracketed = _BRACKETED.match(value)
    if bracketed:
        value = bracketed.group(1)
    elif not _SCHEME.match(value):
        return None
    prefix, sep, local = value.partition(":")
    known = _COMPACT
    if sep and prefix in known and not local.startswith("//"):
        value = known[prefix] + local
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise ParamError(f"{text!r} is not a valid IRI ({exc})") from None


def iri_term(store: ox.Store | None, param: Param, value: str | Term) -> ox.NamedNode:
    """The IRI an IRI parameter's value stands for (see the module docstring)."""
    if isinstance(value, ox.NamedNode):
        return value
    if isinstance(value, ox.BlankNode):
        raise ParamError(f"?{param.name} takes an IRI, not a blank node")
    text = value.value if isinstance(value, ox.Literal) else str(value)
    quoted = _QUOTED.match(text.strip())
    iri = None if quoted else parse_iri(text)
    if iri is not None:
        return iri
    name = canonical(quoted.group(1) if quoted else text)
    if param.of is None or store is None:
        raise ParamError(
            f"?{param.name} takes an IRI: write it as <…> or id:…"
            + ("" if param.of is None else " (a name can be looked up only in a graph store)")
        )
    return _named(store, param, name)


def _named(store: ox.Store, param: Param, name: str) -> ox.NamedNode:
    """The one node of class ``param.of`` called ``name``."""
    assert param.of is not None
    nodes: dict[str, set[str]] = {}
    answer = store.query(_NAMED, substitutions={ox.Variable("class"): ox.NamedNode(param.of)})
    for row in answer:  # type: ignore[union-attr]
        x, label = row["x"], row["label"]
        if isinstance(x, ox.NamedNode) and isinstance(label, ox.Literal):
            nodes.setdefault(label.value, set()).add(x.value)
    kind = param.of.rsplit("/", 1)[-1].rsplit("#", 1)[-1].lower()
    label = match_name(name, nodes, what=kind)  # AmbiguousName: two names equally close
    if label is None:
        raise ParamError(f"no {kind} named {name!r} in the graph (?{param.name})")
    iris = sorted(nodes[label])
    if len(iris) > 1:
        error = AmbiguousName(kind, name, [f"<{i}>" for i in iris])
        shown = "; ".join(error.candidates)
        error.args = (f"{len(iris)} {kind}s are named {label!r}: {shown} "
                      f"(give one IRI: -p {param.name}=<…>)",)  # fmt: skip
        raise error
    return ox.NamedNode(iris[0])


def bind_typed(
    info: SavedQuery, params: Mapping[str, str | Term], store: ox.Store | None = None
) -> dict[str, str | Term]:
    """``params`` with each IRI parameter's value made an IRI (a name looked up in
    ``store``), and each literal parameter checked not to be given an IRI."""
    out: dict[str, str | Term] = {}
    for key, value in params.items():
        param = info.param(key)
        if param is not None and param.kind == "iri":
            out[key] = iri_term(store, param, value)
            continue
        is_iri = isinstance(value, ox.NamedNode) or (
            isinstance(value, str) and _BRACKETED.match(value.strip()) is not None
        )
        if param is not None and is_iri:
            raise ParamError(
                f"?{param.name} of {info.name!r} takes text, not an IRI: {value}"
            )
        out[key] = value
    return out


def bracketed_iris(params: Mapping[str, str | Term]) -> dict[str, str | Term]:
    """For a query without a header (SPARQL text, ``--file``): a value written ``<…>``
    is a checked IRI, any other one a plain literal.

    >>> bracketed_iris({"p": "<http://e/x>", "n": "Lê Văn B"})["p"]
    <NamedNode value=http://e/x>
    """
    out: dict[str, str | Term] = {}
    for key, value in params.items():
        bracketed = isinstance(value, str) and _BRACKETED.match(value.strip()) is not None
        out[key] = (parse_iri(value) or value) if bracketed else value  # type: ignore[arg-type]
    return out
