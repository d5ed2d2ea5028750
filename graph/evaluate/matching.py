"""Matching system facts to gold in one scope: clusters of names, tallies per category.

Gold entries sharing a folded name or alias are one entity (union-find); system
entries are merged by folded name, their aliases pooled and used only on request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from polgraph.core.model import ArticleFacts, Event, Holding
from polgraph.core.text import canonical, fold
from polgraph.evaluate.gold import GoldArticle
from polgraph.evaluate.report import ALL_CATEGORIES, ENTITY_CATEGORIES, LevelReport, Score

__all__: list[str] = []


class _Clusters:
    """Gold entities of one category merged by shared normalised name or alias."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        parent: dict[str, str] = {}

        def find(key: str) -> str:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        first_label: dict[str, str] = {}
        for name, aliases in entries:
            keys = [k for k in dict.fromkeys(fold(n) for n in (name, *aliases)) if k]
            if not keys:
                continue
            for k in keys:
                parent.setdefault(k, k)
            first_label.setdefault(keys[0], canonical(name))
            for k in keys[1:]:
                a, b = find(keys[0]), find(k)
                if a != b:
                    parent[max(a, b)] = min(a, b)  # smallest key is the root: deterministic
        self._root = {k: find(k) for k in parent}
        self.labels: dict[str, str] = {}
        for k, label in first_label.items():  # insertion order = gold reading order
            self.labels.setdefault(self._root[k], label)

    def lookup(self, name: str | None) -> str | None:
        """The cluster id a name belongs to, or None when no gold entry carries it."""
        return self._root.get(fold(name)) if name else None

    def resolve(self, name: str, aliases: Iterable[str] = ()) -> tuple[str, str]:
        """Hashable key: the gold cluster hit by the name (else an alias), or the name itself."""
        hit = self.lookup(name)
        if hit is None:
            hits = sorted(h for h in (self.lookup(a) for a in aliases) if h is not None)
            hit = hits[0] if hits else None
        return ("gold", hit) if hit is not None else ("name", fold(name))

    def label(self, key: tuple[str, str], fallback: str) -> str:
        return self.labels.get(key[1], fallback) if key[0] == "gold" else fallback


@dataclass
class _Tally:
    """Gold keys (with labels) against system keys (with labels) for one category."""

    gold: dict[Any, str] = field(default_factory=dict)
    system: dict[Any, str] = field(default_factory=dict)

    def result(self) -> tuple[Score, tuple[str, ...], tuple[str, ...]]:
        tp = sum(1 for k in self.gold if k in self.system)
        missed = _sorted_labels(v for k, v in self.gold.items() if k not in self.system)
        spurious = _sorted_labels(v for k, v in self.system.items() if k not in self.gold)
        return Score(tp=tp, fp=len(spurious), fn=len(missed)), missed, spurious


def _sorted_labels(labels: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(labels, key=lambda s: (fold(s), s)))


def _entities(facts: ArticleFacts, category: str) -> tuple[Any, ...]:
    return getattr(facts, category)


def _score_level(
    gold: Sequence[GoldArticle],
    facts: Sequence[ArticleFacts],
    match_system_aliases: bool,
) -> LevelReport:
    """Score one scope: the given gold articles against the given system facts."""
    tallies = {cat: _Tally() for cat in ALL_CATEGORIES}
    clusters = {
        cat: _Clusters((e.name, e.aliases) for g in gold for e in getattr(g, cat))
        for cat in ENTITY_CATEGORIES
    }
    persons, orgs = clusters["persons"], clusters["organizations"]

    # System entities merged across articles by normalised name, aliases pooled.
    sys_aliases: dict[str, dict[str, dict[str, None]]] = {c: {} for c in ENTITY_CATEGORIES}
    sys_label: dict[str, dict[str, str]] = {c: {} for c in ENTITY_CATEGORIES}
    for f in facts:
        for cat in ENTITY_CATEGORIES:
            for e in _entities(f, cat):
                key = fold(e.name)
                if not key:
                    continue
                sys_label[cat].setdefault(key, canonical(e.name))
                sys_aliases[cat].setdefault(key, {}).update(dict.fromkeys(e.aliases))

    def system_aliases(cat: str, name: str) -> tuple[str, ...]:
        if not match_system_aliases:
            return ()
        return tuple(sys_aliases[cat].get(fold(name), {}))

    for cat in ENTITY_CATEGORIES:
        cl, tally = clusters[cat], tallies[cat]
        for cluster_id, label in cl.labels.items():
            tally.gold[("gold", cluster_id)] = label
        for label in sys_label[cat].values():
            sys_key = cl.resolve(label, system_aliases(cat, label))
            tally.system.setdefault(sys_key, cl.label(sys_key, label))

    def person_key(name: str, side_is_system: bool) -> tuple[str, str]:
        return persons.resolve(name, system_aliases("persons", name) if side_is_system else ())

    def holding_key(h: Holding, system: bool) -> tuple[Any, ...]:
        org = orgs.resolve(
            h.organization, system_aliases("organizations", h.organization) if system else ()
        )
        return (person_key(h.person, system), fold(h.role), org)

    def holding_label(key: tuple[Any, ...], h: Holding) -> str:
        p = persons.label(key[0], canonical(h.person))
        o = orgs.label(key[2], canonical(h.organization))
        return f"{p} | {canonical(h.role)} | {o}"

    def event_label(e: Event, chair: str | None) -> str:
        date = e.date.isoformat() if e.date else "no date"
        who = f", chair {chair}" if chair else ""
        return f"{date}{who} ({canonical(e.name)})"

    def add_events(
        events: Iterable[Event], target: Callable[[str], dict[Any, str]], system: bool
    ) -> None:
        for e in events:
            if e.date is not None:
                target("events_by_date").setdefault(e.date, event_label(e, None))
            if e.date is not None and e.chair:
                key = person_key(e.chair, system)
                chair = persons.label(key, canonical(e.chair))
                target("events").setdefault((e.date, key), event_label(e, chair))

    for g in gold:
        for h in g.holdings:
            key = holding_key(h, system=False)
            tallies["holdings"].gold.setdefault(key, holding_label(key, h))
        add_events(g.events, lambda c: tallies[c].gold, system=False)
    for f in facts:
        for h in f.holdings:
            key = holding_key(h, system=True)
            tallies["holdings"].system.setdefault(key, holding_label(key, h))
        add_events(f.events, lambda c: tallies[c].system, system=True)

    scores: dict[str, Score] = {}
    missed: dict[str, tuple[str, ...]] = {}
    spurious: dict[str, tuple[str, ...]] = {}
    for cat in ALL_CATEGORIES:
        scores[cat], missed[cat], spurious[cat] = tallies[cat].result()
    return LevelReport(scores=scores, missed=missed, spurious=spurious, has_system=bool(facts))
