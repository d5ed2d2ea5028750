"""The facts polgraph passes from one stage to the next.

Every stage (ingest → NLP → extractors → resolution → RDF → exporters) speaks
these immutable value types, so that a stage can be tested, cached or run in
another process without knowing its neighbours.  Names are NFC strings in their
canonical form (see ``polgraph.core.text.canonical``); ``aliases`` keep the other surface
forms seen in the article.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any, TypeVar

_C = TypeVar("_C", bound=type)


def pickled_by_fields(cls: _C) -> _C:
    """Pickle instances as ``cls(*field values)``.

    A frozen slotted dataclass otherwise pickles through ``__getstate__`` and
    ``__setstate__``, which call ``dataclasses.fields`` per object: a build
    writes every article's facts to its spools and reads them back several
    times, and that took twice as long to write and a third longer to read.
    Every field is an ``__init__`` argument, in order, so the copy is equal.
    """
    get = attrgetter(*(f.name for f in fields(cls)))

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return cls, get(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


class OrgKind(StrEnum):
    """Kinds of organization, as in ``shared/eval/FORMAT.md``."""

    PARTY_COMMITTEE = "party_committee"
    PARTY_BODY = "party_body"
    PARTY_ORGANIZATION = "party_organization"
    GOVERNMENT = "government"
    LEGISLATURE = "legislature"
    MASS_ORGANIZATION = "mass_organization"
    OTHER = "other"


class DocKind(StrEnum):
    """Kinds of document, as in ``shared/eval/FORMAT.md``."""

    RESOLUTION = "resolution"
    DIRECTIVE = "directive"
    CONCLUSION = "conclusion"
    PROGRAM = "program"
    PLAN = "plan"
    REGULATION = "regulation"
    DECISION = "decision"
    OTHER = "other"


@pickled_by_fields
@dataclass(frozen=True, order=True, slots=True)
class Evidence:
    """Where a statement comes from: the article, and the sentence (with offsets) in it."""

    article_id: str
    sentence: str
    start: int = 0  # character offset of the sentence in the article text
    end: int = 0


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read by ingest: text is NFC, title/date/url optional."""

    id: str
    text: str
    title: str | None = None
    date: _dt.date | None = None  # publication date given by the source, if any
    url: str | None = None
    source: str | None = None  # the file it was read from

    @property
    def full_text(self) -> str:
        """What extraction reads: the headline, when the body does not open with it,
        then the body.  Evidence offsets point into this text."""
        title = (self.title or "").strip()
        if title and not self.text.lstrip().startswith(title):
            return f"{title}\n\n{self.text}"
        return self.text


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Person:
    name: str
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    birth: str | None = None  # date of birth, ISO at its precision: "1968", "1968-04", "1968-04-03"
    birth_evidence: tuple[Evidence, ...] = ()  # the sentences that give it


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    kind: OrgKind = OrgKind.OTHER
    aliases: tuple[str, ...] = ()
    parent: str | None = None  # canonical name of the organization it belongs to
    locality: str | None = None  # canonical province/district name, if local
    evidence: tuple[Evidence, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Document:
    name: str
    kind: DocKind = DocKind.OTHER
    number: str | None = None  # "48-KH/QU", "39", "12-NQ/TW"
    issuer: str | None = None  # canonical organization name
    term: str | None = None  # "XI" (Roman numerals, canonical)
    title: str | None = None  # the quoted title
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Holding:
    """A person holds a role in an organization, as observed in one article."""

    person: str
    role: str
    organization: str
    former: bool = False
    date: _dt.date | None = None  # when it was observed (the article's date)
    evidence: tuple[Evidence, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """A meeting the article reports."""

    name: str
    date: _dt.date | None = None
    organizer: str | None = None  # canonical organization name
    chair: str | None = None  # canonical person name
    participants: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # canonical document names
    evidence: tuple[Evidence, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Everything extracted from one article; the unit that resolution and RDF consume."""

    article: Article
    date: _dt.date | None = None  # the date the article reports on (main meeting), if known
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    documents: tuple[Document, ...] = ()
    holdings: tuple[Holding, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())
