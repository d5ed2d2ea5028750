"""FollowTheMoney entities, one JSON object per line (``polgraph export --format ftm``).

The shape OpenSanctions uses for politically exposed persons: a ``Person`` (with
``birthDate`` at its precision where an article gives it); the
body as ``PublicBody`` (government, legislature) or ``Organization`` (party
committees and boards, mass organizations); each office as a ``Position``
(country "vn", ``subnationalArea``, ``topics``) held through an ``Occupancy``
(``startDate``/``endDate`` at their precision, ``periodStart``/``periodEnd`` for
a term, ``status`` "ended" when an article says it ended or a later holder
took over, else "current", ``sourceUrl``).  A seat among many (Ủy viên,
Thành viên, Đại biểu) is a ``Membership`` of the body instead.

Entities are plain dictionaries built from ``polgraph.outputs.export_projection``: a plain
install writes them without the ``followthemoney`` library, and the tests load
every line with that library's own model.  Ids are stable: a hash of the graph
IRI, so rebuilding the graph gives the same ids.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from polgraph.core.text import fold
from polgraph.outputs.export_projection import Holding, Org, Post, Projection

__all__ = ["ftm_entities", "ftm_id", "position_topics", "to_ftm"]

_PUBLIC_BODY = {"GovernmentBody", "Legislature"}
_PARTY = {"PartyCommittee", "PartyBody", "PartyOrganization"}
_LOCAL = ("huyện", "quận", "thị xã", "thị ủy", "xã ", "phường", "thị trấn")


def ftm_id(kind: str, iri: str) -> str:
    """``pg-<kind>-<hash of the graph IRI>``: the same node always gets the same id."""
    return f"pg-{kind}-{hashlib.sha1(iri.encode('utf-8')).hexdigest()[:20]}"


def position_topics(org: Org | None) -> list[str]:
    """FtM topics of an office in ``org``: level of government, legislature, party."""
    if org is None:
        return []
    name = fold(org.name)
    level = (
        "gov.national"
        if not org.place
        else ("gov.muni" if any(w in name for w in _LOCAL) else "gov.state")
    )
    if org.kind in _PARTY:
        return sorted({"pol.party", level})
    if org.kind == "Legislature":
        return sorted({"gov.legislative", level})
    if org.kind == "GovernmentBody":
        return sorted({"gov.executive", level})
    return [level] if org.place is None and org.kind == "" else []


def _props(**values: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in values.items():
        items = value if isinstance(value, list | tuple) else [value]
        kept = sorted({str(v) for v in items if v not in (None, "")})
        if kept:
            out[key] = kept
    return out


def _entity(schema: str, eid: str, **props: Any) -> dict[str, Any]:
    return {"id": eid, "schema": schema, "properties": _props(**props)}


def _urls(h: Holding) -> list[str]:
    return [s.url for s in h.sources if s.url]


def ftm_entities(p: Projection) -> Iterator[dict[str, Any]]:
    """Every entity of the projection: persons, bodies, positions, occupancies, memberships."""
    used_orgs = {p.posts[h.post].org for h in p.holdings if h.post in p.posts}
    used_orgs |= {p.orgs[o].parent for o in used_orgs if o in p.orgs and p.orgs[o].parent}
    for iri in sorted(used_orgs):
        org = p.orgs.get(iri)
        if org is None:
            continue
        yield _entity(
            "PublicBody" if org.kind in _PUBLIC_BODY else "Organization",
            ftm_id("org", iri),
            name=org.name,
            alias=list(org.aliases),
            jurisdiction="vn",
            country="vn",
            parent=ftm_id("org", org.parent) if org.parent in used_orgs else None,
            topics=["pol.party"] if org.kind in _PARTY else [],
        )
    urls: dict[str, set[str]] = {}
    for h in p.holdings:
        urls.setdefault(h.person, set()).update(_urls(h))
    for iri in sorted(urls):
        if iri not in p.persons:
            continue
        name, aliases = p.persons[iri]
        yield _entity("Person", ftm_id("person", iri), name=name, alias=list(aliases),
                      birthDate=p.births.get(iri), sourceUrl=sorted(urls[iri]))  # fmt: skip
    posts = {h.post for h in p.holdings if h.post in p.posts}
    offices = sorted(x for x in posts if not p.posts[x].is_seat)
    for iri in offices:
        post: Post = p.posts[iri]
        org = p.orgs.get(post.org)
        yield _entity(
            "Position",
            ftm_id("post", iri),
            name=post.label,
            organization=ftm_id("org", post.org) if org else None,
            country="vn",
            subnationalArea=org.place_name if org else None,
            topics=position_topics(org),
        )
    for h in p.holdings:
        post = p.posts.get(h.post)
        if post is None or h.person not in p.persons:
            continue
        key = f"{h.person}\x1f{h.post}"
        start = h.start.date if h.start and h.start.precision != "term" else None
        term = h.start if h.start and h.start.precision == "term" else None
        if post.is_seat:
            yield _entity(
                "Membership",
                ftm_id("membership", key),
                member=ftm_id("person", h.person),
                organization=ftm_id("org", post.org) if post.org in p.orgs else None,
                role=post.role,
                startDate=start,
                endDate=h.end.date if h.end else None,
                status="ended" if h.ended else "current",
                sourceUrl=_urls(h),
            )
            continue
        yield _entity(
            "Occupancy",
            ftm_id("occupancy", key),
            holder=ftm_id("person", h.person),
            post=ftm_id("post", h.post),
            startDate=start,
            endDate=h.end.date if h.end else None,
            periodStart=term.date if term else None,
            periodEnd=term.term_end if term else None,
            status="ended" if h.ended else "current",
            sourceUrl=_urls(h),
        )


def to_ftm(p: Projection) -> str:
    """JSON lines, one entity each, in a fixed order."""
    return "".join(
        json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in ftm_entities(p)
    )
