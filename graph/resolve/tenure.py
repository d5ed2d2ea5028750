"""Tenure intervals across articles: from when to when a person held a post.

An article observes a holding on one date; its sentence may also say when it
began or ended (``polgraph.extract.tenure`` reads those cues).  Here the
observations of one person in one post, from every article, become one
``Tenure``:

* **start**: the earliest dated election, appointment or transfer cue; a term
  ("nhiệm kỳ 2020–2025") only when no article dates the start.  Without either,
  ``observed_since`` is the earliest observation as holder, which is *not* a
  start.
* **end**: the earliest dismissal, resignation, transfer, replacement,
  retirement, death or discipline cue; else, in a post with one holder at a time
  (Bí thư, Chủ tịch, Giám đốc, Trưởng ban ...), the start of the next holder
  observed later (the predecessor's end is that start, or before the
  successor's first observation when the successor has no dated start).
* **ended_before**: an upper bound from an article calling the person "nguyên"
  (former) holder, or from a successor without a dated start.
* **conflicts**: disagreements between articles, kept as text and never
  silently settled: two start (or end) dates that cannot both hold, an end
  before the start, a holder observed before the start or after the end, a
  "former" title before a current one, two holders of a one-holder post at once.

Dates keep their precision (day, month, year, term): "2021-05" is May 2021, not
1 May.  Everything is sorted, so the result does not depend on article order.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from polgraph.core.iris import evidence_iri
from polgraph.core.model import ArticleFacts, Evidence, pickled_by_fields
from polgraph.core.text import fold
from polgraph.extract.tenure import Cue, find_cues

__all__ = [
    "SINGLE_HOLDER_ROLES",
    "Bound",
    "Observation",
    "Tenure",
    "TenureTally",
    "infer",
    "observations",
]

SINGLE_HOLDER_ROLES = frozenset(
    fold(r)
    for r in (
        "Bí thư", "Tổng Bí thư", "Chủ tịch", "Chủ tịch nước", "Thủ tướng", "Trưởng ban",
        "Giám đốc", "Tổng Giám đốc", "Chủ nhiệm", "Bộ trưởng", "Chánh án", "Viện trưởng",
        "Tổng Kiểm toán", "Chánh Văn phòng", "Trưởng đoàn", "Trưởng phòng", "Tổng Thư ký",
        "Phó Bí thư Thường trực", "Phó Chủ tịch Thường trực", "Chỉ huy trưởng",
    )
)  # fmt: skip
"""Roles of which an organization has one holder at a time (a later holder ends an earlier)."""


@pickled_by_fields  # RDF workers send them back
@dataclass(frozen=True, order=True, slots=True)
class Observation:
    """One article showing ``person`` in a post, with the cues its sentences give."""

    person: str  # the person's key (their IRI in the graph)
    role: str
    organization: str
    article_id: str
    observed: _dt.date | None
    former: bool
    name: str = ""  # the person's name as the article gives it
    cues: tuple[tuple[Cue, Evidence], ...] = ()
    # the pg:Evidence node of the article's first sentence showing the holding: the
    # evidence of an "observed since/until" or "former" bound.  Its IRI, not the
    # sentence: a streaming build holds every observation of the corpus at once.
    evidence: str | None = field(default=None, compare=False)


@pickled_by_fields  # RDF workers send them back
@dataclass(frozen=True, order=True, slots=True)
class Bound:
    """One end of an interval and why it is believed."""

    date: str  # ISO text at ``precision``
    precision: str  # "day", "month", "year" or "term"
    basis: str  # a cue cause, "observed", "former" or "successor"
    article_id: str
    evidence: Evidence | None = None
    dated_by: str = "sentence"  # "sentence", or "article" when the article's date stands in
    successor: str | None = None  # the later holder, when basis is "successor"
    term_end: int | None = None
    # a bound that is an observation: the IRI of its sentence's pg:Evidence node
    evidence_iri: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Tenure:
    person: str
    role: str
    organization: str
    start: Bound | None = None
    end: Bound | None = None
    observed_since: Bound | None = None
    observed_until: Bound | None = None
    ended_before: Bound | None = None
    conflicts: tuple[str, ...] = field(default=())

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.person, fold(self.role), self.organization)


def _range(date: str, precision: str, term_end: int | None = None) -> tuple[_dt.date, _dt.date]:
    """The days a date at its precision may mean."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        d = _dt.date(*parts)
        return d, d
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return _dt.date(parts[0], parts[1], 1), _dt.date(parts[0], parts[1], last)
    last_year = term_end if precision == "term" and term_end else parts[0]
    return _dt.date(parts[0], 1, 1), _dt.date(last_year, 12, 31)


def _bound_range(b: Bound) -> tuple[_dt.date, _dt.date]:
    return _range(b.date, b.precision, b.term_end)


def _compatible(a: Bound, b: Bound) -> bool:
    (a0, a1), (b0, b1) = _bound_range(a), _bound_range(b)
    return a0 <= b1 and b0 <= a1


def _rank(b: Bound) -> tuple[int, str, str]:
    """Most precise first, then sentence-dated before article-dated, then earliest."""
    order = {"day": 0, "month": 1, "year": 2, "term": 3}
    return (order.get(b.precision, 4) + (1 if b.dated_by == "article" else 0), b.date, b.article_id)


def _where(b: Bound) -> str:
    return f"{b.date} ({b.basis}, {b.article_id})"


def observations(
    facts: Iterable[ArticleFacts], person_key: Callable[[str, str], str]
) -> list[Observation]:
    """Every holding of ``facts`` (resolved: canonical names) with its tenure cues.

    ``person_key(article_id, name)`` names the person as the graph does (their IRI),
    so two articles about one person meet, and namesakes stay apart.
    """
    out: list[Observation] = []
    for f in facts:
        names = tuple(sorted({h.person for h in f.holdings} | {p.name for p in f.persons}))
        folded = [(n, fold(n)) for n in names]  # once per article, not per holding
        for h in f.holdings:
            observed = h.date or f.date or f.article.date
            key = fold(h.person)
            others = tuple(n for n, k in folded if k != key)
            cues = tuple(
                sorted(
                    (cue, ev)
                    for ev in h.evidence
                    for cue in find_cues(ev.sentence, h.person, h.role, others, observed)
                )
            )
            out.append(
                Observation(
                    person=person_key(f.article.id, h.person),
                    role=h.role,
                    organization=h.organization,
                    article_id=f.article.id,
                    observed=observed,
                    former=h.former,
                    name=h.person,
                    cues=cues,
                    evidence=_evidence_iri(f.article.id, h.evidence),
                )
            )
    return sorted(out)


def _evidence_iri(article_id: str, evidence: Sequence[Evidence]) -> str | None:
    """The IRI ``polgraph.rdf`` gives the first sentence of ``evidence`` (as
    ``_ArticleGraph.evidence`` writes it: an evidence without article is the article's)."""
    if not evidence:
        return None
    ev = min(evidence, key=lambda e: (e.start, e.end))
    if not ev.article_id:
        ev = Evidence(article_id, ev.sentence, ev.start, ev.end)
    return str(evidence_iri(ev))


def infer(obs: Iterable[Observation]) -> list[Tenure]:
    """One ``Tenure`` per (person, role, organization), with successors worked out per post."""
    tally = TenureTally()
    tally.add(obs)
    return tally.tenures()


_Seen = tuple[_dt.date, str, str]  # (article date, article id, evidence IRI): an observation


@dataclass(slots=True)
class _Group:
    """What the interval of one person in one post needs from its observations."""

    role: str  # the least spelling: the same for any order of arrival
    # cue bounds in the order they are weighed: (role, article, date, former, name, cue number)
    bounds: list[tuple[tuple[str, str, _dt.date, bool, str, int], str, Bound]]
    first: _Seen | None = None  # earliest and latest observation as holder
    last: _Seen | None = None
    former: _Seen | None = None  # earliest observation as "former" holder


class TenureTally:
    """Observations folded into one group per person and post as they arrive.

    A build sees every holding of the corpus; holding them all until the end
    grew with the corpus (2.5 GB at 100,000 articles).  An interval needs only
    its earliest and latest observations and its cues' bounds, so that is all a
    group keeps: memory grows with distinct tenures, and the result is the same
    whatever order the observations come in.
    """

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str, str], _Group] = {}

    def __len__(self) -> int:
        return len(self._groups)

    def add(self, obs: Iterable[Observation]) -> None:
        for o in obs:
            key = (o.person, fold(o.role), o.organization)
            g = self._groups.get(key)
            if g is None:
                g = self._groups[key] = _Group(o.role, [])
            elif o.role < g.role:
                g.role = o.role
            for i, (cue, ev) in enumerate(o.cues):
                order = (o.role, o.article_id, o.observed or _dt.date.min, o.former, o.name, i)
                g.bounds.append((order, cue.kind, Bound(
                    cue.date, cue.precision, cue.cause, o.article_id, ev, cue.dated_by,
                    None, cue.term_end)))  # fmt: skip
            if not o.observed:
                continue
            seen = (o.observed, o.article_id, o.evidence or "")
            if o.former:
                g.former = seen if g.former is None else min(g.former, seen)
            else:
                g.first = seen if g.first is None else min(g.first, seen)
                g.last = seen if g.last is None else max(g.last, seen)

    def tenures(self) -> list[Tenure]:
        """The intervals, sorted, with successors in one-holder posts worked out."""
        tenures = [_one(key, g) for key, g in sorted(self._groups.items())]
        by_post: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, t in enumerate(tenures):
            if fold(t.role) in SINGLE_HOLDER_ROLES:
                by_post[(fold(t.role), t.organization)].append(i)
        for indexes in by_post.values():
            if len(indexes) > 1:
                _successors(tenures, indexes)
        return tenures


def _one(key: tuple[str, str, str], g: _Group) -> Tenure:
    person, _role, organization = key
    starts, ends = [], []
    for _order, kind, b in sorted(g.bounds, key=lambda x: x[0]):
        (starts if kind == "start" else ends).append(b)
    conflicts: list[str] = []

    start = _choose(starts, "start", conflicts)
    end = _choose(ends, "end", conflicts)
    since = until = before = None
    if g.first and g.last:
        since = _seen(g.first, "observed")
        until = _seen(g.last, "observed")
    if g.former:
        before = _seen(g.former, "former")
    if start and end and _bound_range(end)[1] < _bound_range(start)[0]:
        conflicts.append(f"ends {_where(end)} before it starts {_where(start)}")
    if start and since and start.precision != "term" and g.first and (
        g.first[0] < _bound_range(start)[0]
    ):
        conflicts.append(f"observed as holder on {_where(since)} before its start {_where(start)}")
    if end and until and g.last and g.last[0] > _bound_range(end)[1]:
        conflicts.append(f"observed as holder on {_where(until)} after its end {_where(end)}")
    if before and until and g.former and g.last and g.former[0] < g.last[0]:
        conflicts.append(f"called former on {_where(before)} but holder on {_where(until)}")
    return Tenure(
        person=person,
        role=g.role,
        organization=organization,
        start=start,
        end=end,
        observed_since=since,
        observed_until=until,
        ended_before=before,
        conflicts=tuple(conflicts),
    )


def _seen(when: _Seen, basis: str) -> Bound:
    """A bound that is an article's date (an observation), not a date the text gives;
    its evidence is the sentence that showed the holding."""
    return Bound(when[0].isoformat(), "day", basis, when[1], None, "article",
                 evidence_iri=when[2] or None)  # fmt: skip


def _choose(bounds: list[Bound], what: str, conflicts: list[str]) -> Bound | None:
    """The best-dated bound; every bound that cannot agree with it is a conflict."""
    if not bounds:
        return None
    dated = [b for b in bounds if b.precision != "term"] or bounds
    ranked = sorted(dated, key=_rank)
    # earliest among the most precise: a re-election later does not move the start
    best = min((b for b in ranked if _rank(b)[0] == _rank(ranked[0])[0]), key=lambda b: b.date)
    seen: set[str] = set()
    for b in sorted(bounds):
        if not _compatible(b, best) and b.date not in seen:
            seen.add(b.date)
            conflicts.append(f"{what} dates disagree: {_where(best)} vs {_where(b)}")
    return best


def _successors(tenures: list[Tenure], indexes: list[int]) -> None:
    """In a one-holder post, a later holder ends an earlier one; overlaps are conflicts."""

    def first_seen(t: Tenure) -> tuple[_dt.date, Bound] | None:
        if t.start and t.start.precision != "term":
            return _bound_range(t.start)[0], t.start
        if t.observed_since:
            return _range(t.observed_since.date, "day")[0], t.observed_since
        return None

    def last_seen(t: Tenure) -> _dt.date | None:
        return _range(t.observed_until.date, "day")[0] if t.observed_until else None

    for i in indexes:
        a = tenures[i]
        a_last = last_seen(a)
        if a_last is None:
            continue
        later: list[tuple[_dt.date, str, int, Bound]] = []
        for j in indexes:
            b = tenures[j]
            if j == i or b.person == a.person:
                continue
            seen = first_seen(b)
            if seen is None:
                continue
            b_last = last_seen(b)
            a_first = first_seen(a)
            if b_last and a_first and seen[0] < a_last and a_first[0] < b_last:
                a = replace(a, conflicts=(*a.conflicts, (
                    f"another holder of this one-holder post at the same time: {b.person} "
                    f"({seen[1].date}..{b.observed_until.date if b.observed_until else '?'})"
                )))  # fmt: skip
            elif seen[0] > a_last:
                later.append((seen[0], b.person, j, seen[1]))
        if later and a.end is None:
            _when, successor, _j, bound = min(later)
            if bound.basis == "observed":  # the successor has no dated start: an upper bound
                upper = replace(bound, basis="successor", successor=successor)
                if a.ended_before is None or upper.date < a.ended_before.date:
                    a = replace(a, ended_before=upper)
            else:
                a = replace(a, end=replace(bound, basis="successor", successor=successor))
        tenures[i] = a
