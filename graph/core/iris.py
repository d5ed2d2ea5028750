"""The naming scheme of the graph: data IRIs minted from canonical names.

Resolution decides which names are one entity and the RDF writers use the IRIs,
so the scheme sits below both.  Vietnamese letters are kept (IRIs allow them);
anything else that is not unreserved is percent-encoded, so whatever an article
contains, the IRI is valid.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from polgraph.core.model import Evidence
from polgraph.core.text import fold, slug
from polgraph.core.vocab import ID

__all__ = ["KINDS", "evidence_iri", "graph_iri", "iri_for", "membership_iri", "post_iri"]

KINDS = frozenset(
    {"person", "org", "post", "role", "doc", "event", "article", "membership", "statement", "place"}
)

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


# --------------------------------------------------------------------------- IRIs


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of every entity
def iri_segment(text: str) -> str:
    """Percent-encode one path segment, keeping unreserved ASCII and non-ASCII letters."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _UNRESERVED or (
            ord(ch) >= 0xA0 and unicodedata.category(ch)[0] in "LM" and ord(ch) < 0xE000
        ):
            out.append(ch)
        else:
            out.append(quote(ch.encode("utf-8", "replace"), safe=""))
    return "".join(out) or "_"


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of every entity
def iri_for(kind: str, name: str) -> URIRef:
    """Stable readable IRI ``ID/<kind>/<slug>`` for a canonical name.

    Roles are case-folded first (titles are compared case-insensitively);
    article ids are kept verbatim (they are identifiers already, not names).

    >>> iri_for("org", "Thành ủy Hà Nội")
    rdflib.term.URIRef('https://w3id.org/polgraph/id/org/Thành_ủy_Hà_Nội')
    >>> iri_for("person", 'A "<b>"')
    rdflib.term.URIRef('https://w3id.org/polgraph/id/person/A_b')
    """
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}; expected one of {sorted(KINDS)}")
    if kind == "article":
        return URIRef(f"{ID}article/{iri_segment(name)}")
    if kind == "role":
        name = fold(name)
    return URIRef(f"{ID}{kind}/{iri_segment(slug(name))}")


@lru_cache(maxsize=1 << 16)  # pure, and called for every mention of every entity
def post_iri(role: str, organization: str) -> URIRef:
    """The post a role is in one organization: ``ID/post/<org>/<role>``."""
    org_seg = iri_segment(slug(organization))
    role_seg = iri_segment(slug(fold(role)))
    return URIRef(f"{ID}post/{org_seg}/{role_seg}")


def graph_iri(article_id: str) -> URIRef:
    """The named graph holding what one article says."""
    return URIRef(f"{iri_for('article', article_id)}#graph")


def _digest(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "replace")).hexdigest()[:16]


def membership_iri(
    article_id: str, person: str, post: str, former: bool, observed: _dt.date | None
) -> URIRef:
    """One article's observation of a person in a post (a tenure links to it)."""
    digest = _digest(person, post, former, observed)
    return URIRef(f"{ID}membership/{iri_segment(article_id)}/{digest}")


def tenure_iri(person: str, post: str) -> URIRef:
    """``ID/tenure/<hash of person and post>``: one interval per person and post.

    A function of the membership's person and post alone, so an article's graph
    links its membership to the interval (``org:memberDuring``) without waiting
    for the other articles that date it.
    """
    digest = hashlib.sha256(f"{person}\x1f{post}".encode()).hexdigest()[:16]
    return URIRef(f"{ID}tenure/{digest}")


@lru_cache(maxsize=1 << 12)  # one sentence backs several statements of its article
def evidence_iri(ev: Evidence) -> URIRef:
    """The sentence of an article that states something (a pg:Evidence)."""
    seg = iri_segment(ev.article_id)
    return URIRef(f"{ID}statement/{seg}/{ev.start}-{ev.end}-{_digest(ev.sentence)[:8]}")
