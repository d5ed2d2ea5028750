"""One article through every extractor, into ``ArticleFacts`` with evidence.

Order matters and is fixed here: persons first (so that names are not read as
places), then localities, then title chains (holdings and the organizations in
them), free-standing organizations, documents and meetings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from polgraph.core.model import (
    Article,
    ArticleFacts,
    Document,
    Event,
    Evidence,
    Holding,
    Organization,
    Person,
)
from polgraph.core.text import normalize_tones
from polgraph.extract.births import add_births, find_births
from polgraph.extract.context import ArticleContext
from polgraph.extract.dates import YearResolver, find_dates
from polgraph.extract.doc_match import with_term_of_year
from polgraph.extract.documents import find_documents
from polgraph.extract.holder_lists import named_in_next_sentence
from polgraph.extract.holder_rosters import numbered_line, roster_heading
from polgraph.extract.holder_subjects import same_body_as_before, successions
from polgraph.extract.holdings import attach_titles
from polgraph.extract.items import item_stops, sentence_items
from polgraph.extract.meetings import find_meetings, reported_date
from polgraph.extract.org_names import BARE_PARTY_COMMITTEE, BARE_PARTY_GROUP, OrgMatch
from polgraph.extract.orgs import OrgParser
from polgraph.extract.persons import PersonMention, find_persons, resolve_short_references
from polgraph.extract.spacing import squeeze_spaces
from polgraph.extract.titles import TitleMatch, TitleParser
from polgraph.extract.tokens import Sent, TokenView
from polgraph.nlp import load_pipeline
from polgraph.nlp.place_urls import province_in_url
from polgraph.nlp.sections import parse

MAX_CHARS = 2_000_000  # longer texts are cut: one pathological article must not stall a build
# the extractors read the lexicon matches as plain tuples: no spaCy Span objects
_NO_SPANS = {"polgraph_lexicon": {"spans": False}}


def _evidence(
    article_id: str, sentence: Sent, original: str, back: Callable[[int], int] | None
) -> Evidence:
    """The sentence as evidence: stripped text and its character offsets, in the
    article's own text (``back`` maps offsets of the squeezed text read to it)."""
    text = sentence.text.strip()
    start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
    end = start + len(text)
    if back is not None and text:
        start, end = back(start), back(end - 1) + 1
        text = original[start:end]
    return Evidence(article_id, text, start, end)


def extract(article: Article) -> ArticleFacts:
    """Extract persons, organizations, documents, holdings and meetings from one article."""
    original = normalize_tones(article.full_text[:MAX_CHARS])
    text, back = squeeze_spaces(original)
    doc = parse(load_pipeline(), text, component_cfg=_NO_SPANS)  # long texts: in sections
    ctx = ArticleContext.build(doc, article.id, text)
    view = ctx.doc
    evidence_of: dict[int, Evidence] = {}

    def cite(sentence: Sent) -> Evidence:
        found = evidence_of.get(sentence.start)
        if found is None:
            found = evidence_of[sentence.start] = _evidence(article.id, sentence, original, back)
        return found

    full_mentions = find_persons(ctx)
    ctx.person_tokens = {t for m in full_mentions for t in range(m.start, m.end)}
    if article.url:
        ctx.source_province = province_in_url(article.url)
    ctx.locate_mentions()
    short_mentions = resolve_short_references(ctx, full_mentions)
    by_start: dict[int, PersonMention] = {m.start: m for m in full_mentions + short_mentions}

    orgs = OrgParser(ctx)
    titles = TitleParser(ctx, orgs)
    org_found: dict[str, tuple[OrgMatch, list[Evidence]]] = {}
    org_at: dict[int, OrgMatch] = {}
    holdings_found: dict[tuple[str, str, str], tuple[bool, list[Evidence]]] = {}

    def note_org(org: OrgMatch, sentence: Sent) -> None:
        if org.name.endswith(BARE_PARTY_COMMITTEE) or org.name == BARE_PARTY_GROUP:
            return  # a bare committee or group, completed (or dropped) with its chain
        org_at.setdefault(org.start, org)
        entry = org_found.setdefault(org.name, (org, []))
        entry[1].append(cite(sentence))
        if org.surface and org.surface != org.name and org.start != org.end:
            org_found[org.name] = (entry[0], entry[1])
            surfaces.setdefault(org.name, set()).add(org.surface)
        if org.owner is not None:
            note_org(org.owner, sentence)  # "Vụ X, Bộ Y tế": the ministry is named too

    surfaces: dict[str, set[str]] = {}
    previous: list = []  # the items of the sentence before
    heading: TitleMatch | None = None  # the body a numbered list of members is of
    after_number = False  # the sentence before was a list number alone ("1.")
    stops = item_stops(ctx, titles, by_start)
    for sentence in view.sents:
        if sentence.text.isspace():
            continue
        items = sentence_items(ctx, titles, sentence, by_start, stops)
        for item in items:
            if item.kind == "ORG":
                note_org(item.value, sentence)  # type: ignore[arg-type]
            elif item.kind == "TITLE" and item.value.org is not None:  # type: ignore[union-attr]
                note_org(item.value.org, sentence)  # type: ignore[union-attr]
        attached = attach_titles(items, titles) + named_in_next_sentence(previous, items, titles)
        if heading is not None:
            # "Danh sách Ban Thường vụ ... gồm:" then "1. Ông A, ...", "2. Bà B, ...":
            # each numbered line's person is a member of the heading's body
            numbered, listed = numbered_line(items, titles)
            if listed is not None and (numbered or after_number):
                attached.append((listed, heading, False))
            elif not numbered:
                heading = None
            after_number = numbered and listed is None
        heading = roster_heading(items, titles) or heading
        previous = items
        for person, title, former in attached:
            if title.org is None:
                title = same_body_as_before(title, person, attached, titles)
            if title.org is None:
                continue
            note_org(title.org, sentence)
            key = (person.name, title.role, title.org.name)
            was_former, evidence = holdings_found.setdefault(key, (former, []))
            # a title seen as current anywhere in the article is current
            holdings_found[key] = (was_former and former, evidence)
            evidence.append(cite(sentence))
        for successor, predecessor in successions(items, titles):
            # "Thay vị trí bà X là ông Y": Y takes X's titles, which X no longer holds
            for (name, role, org_name), (_, evidence) in list(holdings_found.items()):
                if name == predecessor.name:
                    holdings_found[(name, role, org_name)] = (True, evidence)
                    taken = holdings_found.setdefault((successor.name, role, org_name), (False, []))
                    taken[1].append(cite(sentence))

    documents = find_documents(ctx, orgs)
    dates = find_dates(ctx)
    resolver = YearResolver(ctx, article.date, dates)
    citations = [(d.start, d.end) for d in documents]
    meetings = find_meetings(ctx, by_start, resolver, dates, org_at, citations)
    report_date = next((m.date for m in meetings if m.date is not None), None) or (
        reported_date(ctx, dates, resolver, citations)
    )
    if meetings and meetings[0].found_by_chair and report_date is not None:
        # a sitting known only by who chaired it happened on the day the article reports
        meetings[0].date = report_date
    observed = report_date or article.date
    if observed is not None:
        documents = [with_term_of_year(d, observed.year) for d in documents]
    for meeting in meetings:
        meeting.documents = [
            d.name for d in documents if meeting.sentence.start <= d.start < meeting.sentence.end
        ] or ([d.name for d in documents] if meeting is meetings[0] else [])

    persons = _persons(full_mentions, short_mentions, view, cite)
    births = find_births(view, full_mentions + short_mentions, article.date)
    persons = add_births(persons, births, cite) if births else persons
    organizations = tuple(
        Organization(
            name=name,
            kind=match.kind,
            aliases=tuple(sorted(surfaces.get(name, set()) - {name})),
            parent=match.parent,
            locality=match.locality,
            evidence=tuple(dict.fromkeys(evidence)),
        )
        for name, (match, evidence) in sorted(org_found.items())
    )
    holdings = tuple(
        Holding(
            person=p,
            role=r,
            organization=o,
            former=former,
            date=observed,
            evidence=tuple(dict.fromkeys(evidence)),
        )
        for (p, r, o), (former, evidence) in sorted(holdings_found.items())
    )
    merged_docs: dict[str, list] = {}
    for found in documents:
        merged_docs.setdefault(found.name, []).append(found)
    document_facts = tuple(
        Document(
            name=name,
            kind=group[0].kind,
            number=next((g.number for g in group if g.number), None),
            issuer=next((g.issuer for g in group if g.issuer), None),
            term=next((g.term for g in group if g.term), None),
            title=next((g.title for g in group if g.title), None),
            aliases=tuple(sorted({a for g in group for a in g.aliases} - {name})),
            evidence=tuple(dict.fromkeys(cite(g.sentence) for g in group)),
        )
        for name, group in sorted(merged_docs.items())
    )
    events = tuple(
        Event(
            name=m.name,
            date=m.date,
            organizer=m.organizer,
            chair=m.chair,
            participants=tuple(m.participants),
            documents=tuple(dict.fromkeys(m.documents)),
            evidence=(cite(m.sentence),),
        )
        for m in meetings
    )
    return ArticleFacts(
        article=article,
        date=report_date,
        persons=persons,
        organizations=organizations,
        documents=document_facts,
        holdings=holdings,
        events=events,
    )


def _persons(
    full: list[PersonMention],
    short: list[PersonMention],
    view: TokenView,
    evidence_for: Callable[[Sent], Evidence],
) -> tuple[Person, ...]:
    aliases: dict[str, set[str]] = {}
    evidence: dict[str, list[Evidence]] = {}
    for mention in full + short:
        evidence.setdefault(mention.name, [])
        aliases.setdefault(mention.name, set())
        if mention.surface and mention.surface != mention.name:
            aliases[mention.name].add(mention.surface)
        sentence = view.sent_at(mention.start)
        if sentence is not None:
            evidence.setdefault(mention.name, []).append(evidence_for(sentence))
    return tuple(
        Person(
            name=name,
            aliases=tuple(sorted(aliases[name])),
            evidence=tuple(dict.fromkeys(evidence[name])),
        )
        for name in sorted(aliases)
    )


__all__ = ["extract"]

_ = dt  # dates are typed through the model
