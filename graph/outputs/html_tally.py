"""The overview's numbers tallied from the merged graph's N-Triples lines as they are merged.

A corpus too large for one page (``polgraph.outputs.html_overview``) is also too
large to load again once written: a store of a 20,000-article graph took 1.8 GB
and a quarter of the build.  So the build feeds each partition's sorted lines
(``polgraph.build.merge``) to an ``OverviewTally`` in the worker that merges it,
and adds the partitions' tallies up in the main process.  What is kept grows
with distinct entities and relations, never with articles: a membership (one per
article and post) is reduced to its (person, role, organization) and latest
date as soon as its lines are read, since all of a subject's lines come together.

The numbers mean what these SPARQL queries over the merged graph say (how the
overview was computed from a store before):

* counts: ``COUNT(DISTINCT ?s)`` of ``?s a C`` for the four classes;
* relations: distinct ``(?a, ?b, ?r)`` over memberships (typed, with member,
  organization and role), ``org:subOrganizationOf`` ("sub"),
  ``schema:legislationPassedBy`` ("issue"), ``schema:organizer``, ``pg:chair``,
  ``schema:attendee`` and ``schema:about``;
* organizations (typed, with a ``skos:prefLabel``): the least label; the least
  ``pg:locality/skos:prefLabel`` of the body or any ``org:subOrganizationOf*``
  ancestor; the degree, distinct neighbours over members of any ``?m`` with
  ``org:organization`` ``?o``, sub- and parent bodies, issued documents and
  organized meetings;
* people per place: distinct members of the typed organizations with that place;
* people (typed, with a ``foaf:name``): the least name; distinct organizations of
  their memberships, meetings chaired and attended; the first 100 by degree
  (highest) then IRI, and, as a hint, the greatest (date, "role organization") of
  their memberships.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable

from polgraph.core.text import canonical
from polgraph.core.vocab import FOAF, ORG, PG, RDF, SCHEMA, SKOS
from polgraph.outputs.html_model import short
from polgraph.outputs.html_overview import Summary

__all__ = ["TALLIED", "OverviewTally"]

_TOP_PEOPLE = 100


def _t(iri: object) -> str:
    return f"<{iri}>"


_TYPE, _NAME, _LABEL = _t(RDF.type), _t(FOAF.name), _t(SKOS.prefLabel)
_MEMBER, _ORG, _ROLE, _DATE = _t(ORG.member), _t(ORG.organization), _t(ORG.role), _t(PG.observedOn)
_SUB, _LOCALITY = _t(ORG.subOrganizationOf), _t(PG.locality)
_ISSUER, _ORGANIZER = _t(SCHEMA.legislationPassedBy), _t(SCHEMA.organizer)
_CHAIR, _ATTENDEE, _ABOUT = _t(PG.chair), _t(SCHEMA.attendee), _t(SCHEMA.about)
_PERSON, _ORGANIZATION, _MEMBERSHIP = _t(FOAF.Person), _t(ORG.Organization), _t(ORG.Membership)
_KINDS = {
    _PERSON: "person",
    _ORGANIZATION: "organization",
    _t(SCHEMA.Legislation): "document",
    _t(SCHEMA.Event): "meeting",
}

TALLIED = frozenset(
    {_TYPE, _NAME, _LABEL, _MEMBER, _ORG, _ROLE, _DATE, _SUB, _LOCALITY}
    | {_ISSUER, _ORGANIZER, _CHAIR, _ATTENDEE, _ABOUT}
)
"""The predicates the overview reads: lines with any other one need not be fed."""

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPE.sub(
        lambda m: chr(int(m[1] or m[2], 16)) if m[3] is None else _ECHAR.get(m[3], m[3]), text
    )


def value(term: str) -> str:
    """An N-Triples term's value, as SPARQL results give it: a literal's lexical form
    (without language or datatype), an IRI without its brackets, a blank node's id."""
    if term.startswith('"'):
        return _unescape(term[1 : term.rindex('"')])  # "…"@lang or "…"^^<datatype>
    if term.startswith("<"):
        return _unescape(term[1:-1])
    return term[2:] if term.startswith("_:") else term


class OverviewTally:
    """The overview's tallies over the lines fed so far (see the module docstring).

    Lines must come grouped by subject, and each subject's lines to one tally only:
    a partition's sorted lines do (only ``pg:evidence`` links, which the overview does
    not read, are spread across partitions).  Tallies of disjoint subjects add up with
    ``update``, in any order; they are picklable, to come back from worker processes.
    """

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.relations = 0  # the relations other than memberships: one per statement
        self.people: dict[str, str] = {}  # typed person -> least name
        self.orgs: set[str] = set()  # typed organizations
        self.labels: dict[str, tuple[str, ...]] = {}  # subject -> its prefLabels, sorted
        self.localities: dict[str, tuple[str, ...]] = {}
        self.parents: dict[str, tuple[str, ...]] = {}  # org:subOrganizationOf
        self.org_links: defaultdict[str, set[str]] = defaultdict(set)  # sub/parent/doc/meeting
        self.member_of: defaultdict[str, set[str]] = defaultdict(set)  # member -> organizations
        self.meetings: defaultdict[str, set[str]] = defaultdict(set)  # person -> chaired/attended
        self.posts: dict[tuple[str, str, str], tuple[str, bool]] = {}
        # (member, role, organization) -> (latest observedOn or "", from a typed Membership)
        self._subject = ""
        self._group: defaultdict[str, list[str]] = defaultdict(list)
        self._strings: dict[str, str] = {}

    def __getstate__(self) -> dict[str, object]:
        self.close()
        state = dict(self.__dict__)
        state["_strings"] = {}  # rebuilt by whoever adds this tally up
        return state

    def _one(self, s: str) -> str:
        """One shared copy of each IRI kept: a tally holds each many times."""
        return self._strings.setdefault(s, s)

    def add(self, subject: str, predicate: str, obj: str) -> None:
        """One statement (N-Triples terms; ``obj`` without the final " .")."""
        if subject != self._subject:
            self.close()
            self._subject = subject
        if predicate in TALLIED:
            self._group[predicate].append(obj)

    def add_lines(self, lines: Iterable[str]) -> None:
        """N-Triples lines (``<s> <p> o .``), grouped by subject."""
        for line in lines:
            s, p, rest = line.split(" ", 2)
            if p in TALLIED:
                self.add(s, p, rest.rstrip()[:-1].rstrip())

    def close(self) -> None:
        """Tally the current subject's statements (called on each new subject)."""
        if not self._group:
            return
        s, g, one = self._subject, self._group, self._one
        types = g.get(_TYPE, ())
        for t in types:
            if t in _KINDS:
                self.counts[_KINDS[t]] = self.counts.get(_KINDS[t], 0) + 1
        if _PERSON in types and _NAME in g:
            self.people[one(s)] = min(value(n) for n in g[_NAME])
        if _ORGANIZATION in types:
            self.orgs.add(one(s))
        if _LABEL in g:
            self.labels[one(s)] = tuple(sorted({value(x) for x in g[_LABEL]}))
        if _LOCALITY in g:
            self.localities[one(s)] = tuple(map(one, g[_LOCALITY]))
        if _SUB in g:
            self.parents[one(s)] = tuple(map(one, g[_SUB]))
            for up in g[_SUB]:
                self.org_links[one(up)].add(one(s))
                self.org_links[one(s)].add(one(up))
        for o in (*g.get(_ISSUER, ()), *g.get(_ORGANIZER, ())):
            self.org_links[one(o)].add(one(s))
        for p in (*g.get(_CHAIR, ()), *g.get(_ATTENDEE, ())):
            self.meetings[one(p)].add(one(s))
        self.relations += sum(len(g.get(k, ())) for k in (_SUB, _ISSUER, _ORGANIZER, _ABOUT))
        self.relations += len(g.get(_CHAIR, ())) + len(g.get(_ATTENDEE, ()))
        if _MEMBER in g and _ORG in g:
            self._membership(g, _MEMBERSHIP in types)
        self._group = defaultdict(list)

    def _membership(self, g: dict[str, list[str]], typed: bool) -> None:
        """A membership reduced to its (member, role, organization) and latest date."""
        one = self._one
        for p in g[_MEMBER]:
            self.member_of[one(p)].update(map(one, g[_ORG]))
        date = max((value(d) for d in g.get(_DATE, ())), default="")
        for key in ((p, r, o) for p in g[_MEMBER] for r in g.get(_ROLE, ()) for o in g[_ORG]):
            self._post(key, date, typed)

    def _post(self, key: tuple[str, str, str], date: str, typed: bool) -> None:
        old = self.posts.get(key)
        if old is None:
            p, r, o = key
            self.posts[(self._one(p), self._one(r), self._one(o))] = (date, typed)
        elif date > old[0] or (typed and not old[1]):
            self.posts[key] = (max(date, old[0]), typed or old[1])

    def update(self, other: OverviewTally) -> None:
        """Add ``other``'s tallies, of subjects this one has not seen."""
        self.close()
        other.close()
        one = self._one
        for k, n in other.counts.items():
            self.counts[k] = self.counts.get(k, 0) + n
        self.relations += other.relations
        self.people.update((one(p), name) for p, name in other.people.items())
        self.orgs.update(map(one, other.orgs))
        self.labels.update((one(s), labels) for s, labels in other.labels.items())
        for mine, theirs in ((self.localities, other.localities), (self.parents, other.parents)):
            mine.update((one(s), tuple(map(one, v))) for s, v in theirs.items())
        for mine_sets, their_sets in (
            (self.org_links, other.org_links),
            (self.member_of, other.member_of),
            (self.meetings, other.meetings),
        ):
            for s, items in their_sets.items():
                mine_sets[one(s)].update(map(one, items))
        for key, (date, typed) in other.posts.items():
            self._post(key, date, typed)

    def _place(self, o: str) -> str | None:
        """The least locality label of ``o`` and of its ancestors (None: no locality)."""
        best: str | None = None
        seen, todo = {o}, [o]
        while todo:
            u = todo.pop()
            for loc in self.localities.get(u, ()):
                for label in self.labels.get(loc, ()):
                    best = label if best is None or label < best else best
            for up in self.parents.get(u, ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        return best

    def summary(self) -> Summary:
        """The overview's ``Summary``, with labels and the hierarchy resolved now that all
        subjects are in."""
        self.close()
        typed_posts = sum(1 for _date, typed in self.posts.values() if typed)
        out = Summary(dict(sorted(self.counts.items())), self.relations + typed_posts)
        members: defaultdict[str, set[str]] = defaultdict(set)  # typed organization -> members
        for p, orgs in self.member_of.items():
            for o in orgs & self.orgs:
                members[o].add(p)
        by_place: defaultdict[str | None, set[str]] = defaultdict(set)
        for o in sorted(self.orgs):
            place = self._place(o)
            if o in members:
                by_place[place] |= members[o]
            if o in self.labels:
                degree = len(members.get(o, set()) | self.org_links.get(o, set()))
                row = (short(canonical(self.labels[o][0]), 48), value(o), degree)
                out.places.setdefault(canonical(place or ""), []).append(row)
        del members
        for place in sorted(by_place, key=lambda p: (p is not None, p or "")):
            key = canonical(place or "")
            out.people_per_place[key] = out.people_per_place.get(key, 0) + len(by_place[place])
        out.people = self._top_people()
        return out

    def _top_people(self) -> list[tuple[str, str, str, int]]:
        """The 100 most connected people, with their latest post as a hint."""
        degree = {
            p: len(self.member_of.get(p, set()) | self.meetings.get(p, set())) for p in self.people
        }
        top = heapq.nsmallest(
            _TOP_PEOPLE, (p for p, d in degree.items() if d), key=lambda p: (-degree[p], value(p))
        )
        latest: dict[str, tuple[str, str]] = dict.fromkeys(top, ("", ""))
        for (p, r, o), (date, _typed) in self.posts.items():
            if p in latest:
                for role in self.labels.get(r, ()):
                    for org in self.labels.get(o, ()):
                        latest[p] = max(latest[p], (date, f"{canonical(role)} {canonical(org)}"))
        return [
            (short(canonical(self.people[p]), 48), value(p), latest[p][1], degree[p]) for p in top
        ]
