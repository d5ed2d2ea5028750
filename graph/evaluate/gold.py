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


@dataclass(frozen=True)
class _Entry:
    """One object of a gold list and where it stands, so errors name the file and field."""

    data: Mapping[str, Any]
    where: str  # "FILE persons[3]"

    def text(self, key: str) -> str:
        return _str(self.data.get(key), f"{self.where}.{key}") or ""

    def optional(self, key: str) -> str | None:
        return _str(self.data.get(key), f"{self.where}.{key}", optional=True)

    def texts(self, key: str) -> tuple[str, ...]:
        return _strs(self.data.get(key), f"{self.where}.{key}")

    def kind(self, enum: type[OrgKind] | type[DocKind]) -> Any:
        return _kind(enum, self.data.get("kind"), self.where)


def _objects(data: Mapping[str, Any], key: str, where: str) -> list[_Entry]:
    """The objects of list ``key``, each with its place for error messages."""
    return [_Entry(e, f"{where} {key}[{i}]") for i, e in enumerate(_entries(data, key, where))]


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
        Person(name=e.text("name"), aliases=e.texts("aliases"))
        for e in _objects(data, "persons", w)
    )
    organizations = tuple(
        Organization(name=e.text("name"), kind=e.kind(OrgKind), aliases=e.texts("aliases"))
        for e in _objects(data, "organizations", w)
    )
    documents = tuple(
        Document(
            name=e.text("name"),
            kind=e.kind(DocKind),
            number=e.optional("number"),
            issuer=e.optional("issuer"),
            term=e.optional("term"),
            title=e.optional("title"),
            aliases=e.texts("aliases"),
        )
        for e in _objects(data, "documents", w)
    )
    holdings = tuple(
        Holding(
            person=e.text("person"),
            role=e.text("role"),
            organization=e.text("organization"),
            former=bool(e.data.get("former", False)),
        )
        for e in _objects(data, "holdings", w)
    )
    events = tuple(
        Event(
            name=e.text("name"),
            date=_date(e.data.get("date"), f"{e.where}.date"),
            organizer=e.optional("organizer"),
            chair=e.optional("chair"),
            participants=e.texts("participants"),
            documents=e.texts("documents"),
        )
        for e in _objects(data, "events", w)
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
