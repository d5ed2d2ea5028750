"""Extraction on short invented sentences, one phenomenon per line.

The expectations live in ``tests/data/phenomena/*.jsonl`` (see its README):
each line lists what must be found and, where it matters, what must not.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from polgraph.core.model import Article, ArticleFacts
from polgraph.core.text import fold
from polgraph.extract import extract_article

DATA = Path(__file__).parent / "data" / "phenomena"


def _cases() -> list[dict]:
    cases = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases


CASES = _cases()


def _extract(case: dict) -> ArticleFacts:
    context = case.get("context", {})
    published = context.get("published")
    # the province the rest of the article would establish, as a dateline would
    title = context.get("title") or context.get("province")
    article = Article(
        id=case["id"],
        text=case["text"],
        title=title,
        date=dt.date.fromisoformat(published) if published else None,
        url=context.get("url"),
    )
    return extract_article(article)


def _holding_keys(facts: ArticleFacts) -> set[tuple[str, str, str]]:
    return {(fold(h.person), fold(h.role), fold(h.organization)) for h in facts.holdings}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extract_phenomenon(case: dict) -> None:
    facts = _extract(case)
    expect = case["expect"]
    names = {fold(p.name) for p in facts.persons}
    for name in expect.get("persons", []):
        assert fold(name) in names, f"person {name!r} not found in {sorted(names)}"
    for name in expect.get("not_persons", []):
        assert fold(name) not in names, f"{name!r} taken as a person"
    holdings = _holding_keys(facts)
    formers = {
        (fold(h.person), fold(h.role), fold(h.organization)): h.former for h in facts.holdings
    }
    for person, role, org, former in expect.get("holdings", []):
        key = (fold(person), fold(role), fold(org))
        assert key in holdings, f"holding {key} not in {sorted(holdings)}"
        assert formers[key] == former, f"holding {key}: former should be {former}"
    for person, role, org, *_ in expect.get("not_holdings", []):
        assert (fold(person), fold(role), fold(org)) not in holdings
    orgs = {fold(o.name): o for o in facts.organizations}
    for org in expect.get("organizations", []):
        assert fold(org["name"]) in orgs, f"organization {org['name']!r} not in {sorted(orgs)}"
        if org.get("kind"):
            assert orgs[fold(org["name"])].kind.value == org["kind"]
    for name in expect.get("not_organizations", []):
        assert fold(name) not in orgs
    labels = {fold(a): o.name for o in facts.organizations for a in o.aliases}
    for alias in expect.get("not_aliases", []):
        assert fold(alias) not in labels, f"{alias!r} is an alias of {labels.get(fold(alias))!r}"
    documents = {fold(d.name): d for d in facts.documents}
    for document in expect.get("documents", []):
        found = documents.get(fold(document["name"]))
        assert found is not None, f"document {document['name']!r} not in {sorted(documents)}"
        for field in ("kind", "number", "issuer", "term", "title"):
            wanted = document.get(field)
            if wanted is None:
                continue
            value = getattr(found, field)
            value = value.value if hasattr(value, "value") else value
            assert value is not None and fold(value) == fold(wanted), (
                f"{document['name']}: {field} is {value!r}, expected {wanted!r}"
            )
    for unwanted in expect.get("not_documents", []):
        # a name or the beginning of one: a negative must fail whatever tail a rule reads
        clash = [name for name in documents if name.startswith(fold(unwanted))]
        assert not clash, f"{unwanted!r} taken as a document: {clash}"
    for event in expect.get("events", []):
        wanted_date = dt.date.fromisoformat(event["date"]) if event.get("date") else None
        matches = [e for e in facts.events if e.date == wanted_date]
        assert matches, f"no event dated {wanted_date}: {[(e.date, e.chair) for e in facts.events]}"
        if event.get("chair"):
            assert any(e.chair and fold(e.chair) == fold(event["chair"]) for e in matches)
        if event.get("name"):
            names = [e.name for e in matches]
            assert any(fold(n) == fold(event["name"]) for n in names), f"event names {names}"
        for person in event.get("participants", []):
            assert any(fold(person) in {fold(p) for p in e.participants} for e in matches)
    for unwanted in expect.get("not_event_dates", []):
        dates = {e.date for e in facts.events}
        assert dt.date.fromisoformat(unwanted) not in dates, f"an event dated {unwanted}"
    if "not_chairs" in expect:
        chairs = {fold(e.chair) for e in facts.events if e.chair}
        assert not chairs & {fold(n) for n in expect["not_chairs"]}, f"chairs: {chairs}"
    if "date" in expect:
        wanted = dt.date.fromisoformat(expect["date"]) if expect["date"] else None
        assert facts.date == wanted, f"article date {facts.date}, expected {wanted}"
