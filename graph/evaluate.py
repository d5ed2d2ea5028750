"""Score extracted facts against the hand-made gold of ``shared/eval`` (see its FORMAT.md).

The official score is corpus-level because users query the merged graph, not one
article: gold entries of different articles that share a name or alias are one
entity (union-find over normalised names), and the system's entries are merged
the same way, so finding a person in two articles earns one true positive, not two.
Per-article scores are reported too, because they say *where* the extractor fails.

Names are compared after ``polgraph.core.text.fold`` (NFC, traditional tone placement,
whitespace folding, case folding): "Thành uỷ" and "THÀNH ỦY" are one key.

Ratios use vacuous truth: with nothing to find recall is 1.0, with nothing
claimed precision is 1.0, so an empty category scored against an empty gold is
perfect while any mismatch still gives F1 = 0.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from polgraph.core.model import (
    Article,
    ArticleFacts,
    DocKind,
    Document,
    Event,
    Holding,
    Organization,
    OrgKind,
    Person,
)
from polgraph.core.text import canonical, fold

ENTITY_CATEGORIES = ("persons", "organizations", "documents")
CATEGORIES = (*ENTITY_CATEGORIES, "holdings", "events")
"""The official categories, in report order."""
AUXILIARY_CATEGORIES = ("events_by_date",)
"""Informative only: events matched on their date alone (the official rule needs a chair)."""
ALL_CATEGORIES = CATEGORIES + AUXILIARY_CATEGORIES


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldArticle:
    """One gold file, read into the shared fact types so gold and system meet on one model."""

    id: str
    date: _dt.date | None = None
    date_basis: str | None = None
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    documents: tuple[Document, ...] = ()
    holdings: tuple[Holding, ...] = ()
    events: tuple[Event, ...] = ()

    def to_facts(self) -> ArticleFacts:
        """The gold as if a perfect extractor had produced it (used to validate the scorer)."""
        return ArticleFacts(
            article=Article(id=self.id, text="", date=self.date),
            date=self.date,
            persons=self.persons,
            organizations=self.organizations,
            documents=self.documents,
            holdings=self.holdings,
            events=self.events,
        )


class GoldFormatError(ValueError):
    """A gold file does not follow FORMAT.md; the message names the file and the field."""


def _str(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise GoldFormatError(f"{where}: expected a non-empty string, got {value!r}")
    return canonical(value)


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise GoldFormatError(f"{where}: expected a list, got {type(value).__name__}")
    return tuple(_str(v, f"{where}[{i}]") or "" for i, v in enumerate(value))


def _date(value: Any, where: str) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise GoldFormatError(f"{where}: expected an ISO date or null, got {value!r}") from exc


def _entries(data: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise GoldFormatError(f"{where}: {key!r} must be a list of objects")
    return value


def _kind(enum: type[OrgKind] | type[DocKind], value: Any, where: str) -> Any:
    try:
        return enum(value if value is not None else "other")
    except ValueError as exc:
        raise GoldFormatError(f"{where}: unknown kind {value!r}") from exc


def _parse_gold(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{path}: not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise GoldFormatError(f"{path}: top level must be an object")
    article_id = data.get("article", path.stem)
    if article_id != path.stem:
        raise GoldFormatError(f"{path}: 'article' is {article_id!r}, file stem is {path.stem!r}")
    w = str(path)
    persons = tuple(
        Person(
            name=_str(e.get("name"), f"{w} persons[{i}].name") or "",
            aliases=_strs(e.get("aliases"), f"{w} persons[{i}].aliases"),
        )
        for i, e in enumerate(_entries(data, "persons", w))
    )
    organizations = tuple(
        Organization(
            name=_str(e.get("name"), f"{w} organizations[{i}].name") or "",
            kind=_kind(OrgKind, e.get("kind"), f"{w} organizations[{i}]"),
            aliases=_strs(e.get("aliases"), f"{w} organizations[{i}].aliases"),
        )
        for i, e in enumerate(_entries(data, "organizations", w))
    )
    documents = tuple(
        Document(
            name=_str(e.get("name"), f"{w} documents[{i}].name") or "",
            kind=_kind(DocKind, e.get("kind"), f"{w} documents[{i}]"),
            number=_str(e.get("number"), f"{w} documents[{i}].number", optional=True),
            issuer=_str(e.get("issuer"), f"{w} documents[{i}].issuer", optional=True),
            term=_str(e.get("term"), f"{w} documents[{i}].term", optional=True),
            title=_str(e.get("title"), f"{w} documents[{i}].title", optional=True),
            aliases=_strs(e.get("aliases"), f"{w} documents[{i}].aliases"),
        )
        for i, e in enumerate(_entries(data, "documents", w))
    )
    holdings = tuple(
        Holding(
            person=_str(e.get("person"), f"{w} holdings[{i}].person") or "",
            role=_str(e.get("role"), f"{w} holdings[{i}].role") or "",
            organization=_str(e.get("organization"), f"{w} holdings[{i}].organization") or "",
            former=bool(e.get("former", False)),
        )
        for i, e in enumerate(_entries(data, "holdings", w))
    )
    events = tuple(
        Event(
            name=_str(e.get("name"), f"{w} events[{i}].name") or "",
            date=_date(e.get("date"), f"{w} events[{i}].date"),
            organizer=_str(e.get("organizer"), f"{w} events[{i}].organizer", optional=True),
            chair=_str(e.get("chair"), f"{w} events[{i}].chair", optional=True),
            participants=_strs(e.get("participants"), f"{w} events[{i}].participants"),
            documents=_strs(e.get("documents"), f"{w} events[{i}].documents"),
        )
        for i, e in enumerate(_entries(data, "events", w))
    )
    basis = data.get("date_basis")
    return GoldArticle(
        id=path.stem,
        date=_date(data.get("date"), f"{w} date"),
        date_basis=basis if isinstance(basis, str) else None,
        persons=persons,
        organizations=organizations,
        documents=documents,
        holdings=holdings,
        events=events,
    )


def load_gold(gold_dir: Path) -> dict[str, GoldArticle]:
    """Read every ``*.json`` in ``gold_dir``, keyed (and ordered) by article id.

    Raises ``FileNotFoundError`` for a missing directory and ``GoldFormatError`` for a
    file that breaks FORMAT.md, because a silently skipped gold file skews every score.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise FileNotFoundError(f"gold directory not found: {gold_dir}")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise GoldFormatError(f"{gold_dir}: no *.json gold files")
    return {p.stem: _parse_gold(p) for p in paths}


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class Score:
    """Counts of one category; ratios follow the vacuous-truth rule of the module docstring."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        claimed = self.tp + self.fp
        return self.tp / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        wanted = self.tp + self.fn
        return self.tp / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class LevelReport:
    """Scores plus the error lists of one scope (the whole corpus, or one article)."""

    scores: Mapping[str, Score]
    missed: Mapping[str, tuple[str, ...]]  # gold entries nobody found, readable labels
    spurious: Mapping[str, tuple[str, ...]]  # system entries that match no gold entry
    has_system: bool = True  # False: no system facts for this gold article (all missed)

    def to_json(self) -> dict[str, Any]:
        return {
            "has_system": self.has_system,
            "scores": {
                cat: {
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                    "precision": round(s.precision, 6),
                    "recall": round(s.recall, 6),
                    "f1": round(s.f1, 6),
                    "missed": list(self.missed[cat]),
                    "spurious": list(self.spurious[cat]),
                }
                for cat, s in self.scores.items()
            },
        }


@dataclass(frozen=True)
class EvalReport:
    """Corpus-level (official) and per-article results of one evaluation."""

    corpus: LevelReport
    articles: Mapping[str, LevelReport]  # gold article id -> its report, sorted by id
    ignored_system_articles: tuple[str, ...] = ()  # system articles with no gold file
    match_system_aliases: bool = False
    gold_dir: str | None = field(default=None, compare=False)

    @property
    def matched(self) -> int:
        """Gold articles for which the system read an article (0: nothing was scored)."""
        return sum(r.has_system for r in self.articles.values())

    def format(self, errors: bool = False, per_article: bool = False) -> str:
        """Plain-text tables, the corpus-level (official) one last so it stays on screen;
        ``per_article`` adds each article's table, ``errors`` the misses per article."""
        lines = [
            f"Evaluation against {len(self.articles)} gold article(s)"
            + (f" in {self.gold_dir}" if self.gold_dir else "")
            + f", {self.matched} matched by an article",
            "Official score: corpus-level, categories " + ", ".join(CATEGORIES) + ".",
            "Auxiliary (not official): "
            + ", ".join(AUXILIARY_CATEGORIES)
            + " (events matched on date alone).",
            "System names matched: canonical name"
            + (" and aliases." if self.match_system_aliases else " only (aliases ignored)."),
        ]
        without = [a for a, r in self.articles.items() if not r.has_system]
        if without:
            lines.append("Gold articles without system facts (all missed): " + ", ".join(without))
        if self.ignored_system_articles:
            lines.append(
                "System articles without gold (ignored): " + ", ".join(self.ignored_system_articles)
            )
        for article_id, report in self.articles.items():
            if not per_article and not (errors and _error_lines(report)):
                continue
            title = f"== Article {article_id}" + ("" if report.has_system else " (no system facts)")
            lines += ["", title + " =="]
            if per_article:
                lines += _table(report)
            if errors:
                lines += _error_lines(report)
        lines += ["", "== Corpus-level (official) ==", *_table(self.corpus, footnote=True)]
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict with a fixed key order, so two runs dump byte-identical files."""
        return {
            "official": {"level": "corpus", "categories": list(CATEGORIES)},
            "auxiliary_categories": list(AUXILIARY_CATEGORIES),
            "match_system_aliases": self.match_system_aliases,
            "corpus": self.corpus.to_json(),
            "articles": {a: r.to_json() for a, r in sorted(self.articles.items())},
            "gold_articles_without_system": sorted(
                a for a, r in self.articles.items() if not r.has_system
            ),
            "ignored_system_articles": list(self.ignored_system_articles),
        }


def _table(report: LevelReport, footnote: bool = False) -> list[str]:
    rows = [f"  {'category':<17}{'tp':>5}{'fp':>5}{'fn':>5}{'P':>8}{'R':>8}{'F1':>8}"]
    for cat, s in report.scores.items():
        label = cat + ("*" if cat in AUXILIARY_CATEGORIES else "")
        rows.append(
            f"  {label:<17}{s.tp:>5}{s.fp:>5}{s.fn:>5}"
            f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
        )
    if footnote:
        rows.append("  (* auxiliary, not part of the official score)")
    return rows


def _error_lines(report: LevelReport) -> list[str]:
    lines: list[str] = []
    for cat in report.scores:
        missed, spurious = report.missed[cat], report.spurious[cat]
        if not missed and not spurious:
            continue
        lines.append(f"  {cat}:")
        lines += [f"    - missed:   {m}" for m in missed]
        lines += [f"    + spurious: {s}" for s in spurious]
    return lines


# --------------------------------------------------------------------------- matching


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


def evaluate_gold(
    gold: Mapping[str, GoldArticle],
    facts: Sequence[ArticleFacts],
    *,
    match_system_aliases: bool = False,
    gold_dir: str | None = None,
) -> EvalReport:
    """Score system facts against already loaded gold (see ``evaluate``)."""
    ordered = sorted(facts, key=lambda f: f.article.id)  # input order must not change labels
    by_article: dict[str, list[ArticleFacts]] = {}
    for f in ordered:
        by_article.setdefault(f.article.id, []).append(f)
    gold_ids = sorted(gold)
    annotated = [f for f in ordered if f.article.id in gold]
    corpus = _score_level([gold[a] for a in gold_ids], annotated, match_system_aliases)
    articles = {
        a: _score_level([gold[a]], by_article.get(a, []), match_system_aliases) for a in gold_ids
    }
    return EvalReport(
        corpus=corpus,
        articles=articles,
        ignored_system_articles=tuple(sorted(a for a in by_article if a not in gold)),
        match_system_aliases=match_system_aliases,
        gold_dir=gold_dir,
    )


def evaluate(
    gold_dir: Path,
    facts: Sequence[ArticleFacts],
    *,
    match_system_aliases: bool = False,
) -> EvalReport:
    """Score ``facts`` against the gold files of ``gold_dir`` (corpus-level is official).

    Only the system's canonical names are matched unless ``match_system_aliases``:
    aliases are where an extractor dumps every surface form, and crediting them by
    default would reward over-generation.
    """
    return evaluate_gold(
        load_gold(Path(gold_dir)),
        facts,
        match_system_aliases=match_system_aliases,
        gold_dir=str(gold_dir),
    )


__all__ = [
    "ALL_CATEGORIES",
    "AUXILIARY_CATEGORIES",
    "CATEGORIES",
    "EvalReport",
    "GoldArticle",
    "GoldFormatError",
    "LevelReport",
    "Score",
    "evaluate",
    "evaluate_gold",
    "load_gold",
]
