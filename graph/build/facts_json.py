"""Extracted facts as JSON: the ``--store`` folder's cache of each article's facts.

Deterministic (sorted keys) so that the same facts give the same file, and read
back strictly: ``facts_from_json`` raises ``ValueError`` on anything that is
not a complete record, so a damaged cache entry is re-extracted, never trusted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from polgraph.core.model import (
    Article,
    ArticleFacts,
    DocKind,
    Document,
    Event,
    Evidence,
    Holding,
    Organization,
    OrgKind,
    Person,
)

__all__ = ["facts_from_json", "facts_to_json"]


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value: Any) -> Any:
    """Facts as JSON-ready values; ``dataclasses.asdict`` without its deep copies (5x faster:
    a streaming build spools every article's facts through here)."""
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if is_dataclass(value):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (OrgKind, DocKind)):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def facts_to_json(facts: ArticleFacts) -> str:
    """Deterministic JSON of one article's facts (``facts_from_json`` reads it back)."""
    return json.dumps(_plain(facts), ensure_ascii=False, sort_keys=True) + "\n"

def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _evidence(items: Iterable[dict[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(**e) for e in items)


def facts_from_json(text: str) -> ArticleFacts:
    """Inverse of ``facts_to_json``; ``ValueError`` (saying what is wrong) on a damaged record."""
    try:
        return _facts(json.loads(text))
    except (KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ValueError(f"not a facts record ({type(exc).__name__}: {exc})") from None


def _facts(d: dict[str, Any]) -> ArticleFacts:
    a = d["article"]
    return ArticleFacts(
        article=Article(**{**a, "date": _date(a.get("date"))}),
        date=_date(d.get("date")),
        persons=tuple(
            Person(p["name"], tuple(p["aliases"]), _evidence(p["evidence"]), p.get("birth"),
                   _evidence(p.get("birth_evidence", ())))
            for p in d["persons"]
        ),
        organizations=tuple(
            Organization(
                **{
                    **o,
                    "kind": OrgKind(o["kind"]),
                    "aliases": tuple(o["aliases"]),
                    "evidence": _evidence(o["evidence"]),
                }
            )
            for o in d["organizations"]
        ),
        documents=tuple(
            Document(
                **{
                    **x,
                    "kind": DocKind(x["kind"]),
                    "aliases": tuple(x["aliases"]),
                    "evidence": _evidence(x["evidence"]),
                }
            )
            for x in d["documents"]
        ),
        holdings=tuple(
            Holding(**{**h, "date": _date(h.get("date")), "evidence": _evidence(h["evidence"])})
            for h in d["holdings"]
        ),
        events=tuple(
            Event(
                **{
                    **e,
                    "date": _date(e.get("date")),
                    "participants": tuple(e["participants"]),
                    "documents": tuple(e["documents"]),
                    "evidence": _evidence(e["evidence"]),
                }
            )
            for e in d["events"]
        ),
        warnings=tuple(d.get("warnings", ())),
    )
