"""Popolo JSON (``polgraph export --format popolo``): persons, organizations, posts, memberships.

One JSON document with the Popolo collections (``persons`` with ``birth_date`` where
an article gives it, ``organizations``
with ``classification`` and ``parent_id``, ``areas``, ``posts``,
``memberships``), as EveryPolitician and Open Civic Data tools read them.  A
membership is one person in one post across articles: ``start_date`` and
``end_date`` only when an article dates them (Popolo dates keep their precision:
"2021", "2021-05", "2021-05-12"), and ``sources`` the articles.  Ids are the
graph's IRIs, so a Popolo record points back to its node.
"""

from __future__ import annotations

import json
from typing import Any

from polgraph.outputs.export_projection import Projection

__all__ = ["CLASSIFICATIONS", "popolo_document", "to_popolo"]

CLASSIFICATIONS = {
    "PartyCommittee": "party committee",
    "PartyBody": "party body",
    "PartyOrganization": "party organization",
    "GovernmentBody": "executive",
    "Legislature": "legislature",
    "MassOrganization": "mass organization",
}
"""Popolo ``classification`` of each polgraph organization kind."""


def _sources(urls: list[tuple[str | None, str]]) -> list[dict[str, str]]:
    out = []
    for url, note in urls:
        if url:
            out.append({"url": url, "note": note})
    return out


def _person(iri: str, name: str, aliases: tuple[str, ...], birth: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {"id": iri, "name": name}
    if aliases:
        item["other_names"] = [{"name": a} for a in aliases]
    if birth:
        item["birth_date"] = birth  # Popolo keeps the precision: "1968", "1968-04-03"
    return item


def popolo_document(p: Projection) -> dict[str, Any]:
    """The Popolo collections of the projection (only what holdings need)."""
    used_posts = sorted({h.post for h in p.holdings if h.post in p.posts})
    used_orgs = {p.posts[x].org for x in used_posts}
    todo = list(used_orgs)
    while todo:  # parents too, so every parent_id resolves
        org = p.orgs.get(todo.pop())
        if org and org.parent and org.parent not in used_orgs:
            used_orgs.add(org.parent)
            todo.append(org.parent)
    used_orgs = {o for o in used_orgs if o in p.orgs}
    persons = sorted({h.person for h in p.holdings if h.person in p.persons})

    areas = sorted({(o.place, o.place_name or "") for o in p.orgs.values()
                    if o.iri in used_orgs and o.place})  # fmt: skip
    organizations = []
    for iri in sorted(used_orgs):
        org = p.orgs[iri]
        item: dict[str, Any] = {"id": iri, "name": org.name}
        if org.aliases:
            item["other_names"] = [{"name": a} for a in org.aliases]
        if org.kind in CLASSIFICATIONS:
            item["classification"] = CLASSIFICATIONS[org.kind]
        if org.parent in used_orgs:
            item["parent_id"] = org.parent
        if org.place:
            item["area_id"] = org.place
        organizations.append(item)
    posts = []
    for iri in used_posts:
        post = p.posts[iri]
        item = {"id": iri, "label": post.label, "role": post.role, "organization_id": post.org}
        org = p.orgs.get(post.org)
        if org and org.place:
            item["area_id"] = org.place
        posts.append(item)
    memberships = []
    for h in p.holdings:
        if h.post not in p.posts or h.person not in p.persons:
            continue
        post = p.posts[h.post]
        item = {
            "id": f"{h.post}#{h.person.rsplit('/', 1)[-1]}",
            "person_id": h.person,
            "organization_id": post.org,
            "post_id": h.post,
            "role": post.role,
            "label": post.label,
        }
        if h.start and h.start.precision != "term":
            item["start_date"] = h.start.date
        if h.end:
            item["end_date"] = h.end.date
        notes = [(s.url, f"article {s.article_id}" + (f", {s.published}" if s.published else ""))
                 for s in h.sources]  # fmt: skip
        if _sources(notes):
            item["sources"] = _sources(notes)
        memberships.append(item)
    return {
        "persons": [_person(iri, *p.persons[iri], p.births.get(iri)) for iri in persons],
        "organizations": organizations,
        "areas": [{"id": iri, "name": name} for iri, name in areas],
        "posts": posts,
        "memberships": memberships,
    }


def to_popolo(p: Projection) -> str:
    """The Popolo document as indented JSON (keys sorted: byte-identical on rebuild)."""
    return json.dumps(popolo_document(p), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
