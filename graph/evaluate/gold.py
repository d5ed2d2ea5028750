"""Reading the gold files of ``shared/eval`` (FORMAT.md) into the shared fact types.

A file that breaks the format is an error naming the file and the field, never
skipped: a silently missing gold file would skew every score.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
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
from polgraph.core.text import canonical

__all__ = ["GoldArticle", "GoldFormatError", "load_gold"]


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
