"""The build's spool records and renamed facts keep every field of the model.

``for_spool`` pickles the facts (``pickled_by_fields``), ``slim`` and
``_Resolver.rewrite`` rebuild them with the constructors rather than
``dataclasses.replace`` (for speed): a field added to ``polgraph.core.model``
and not passed on there would silently vanish from the graph.  These tests fill
every field with a value that is not its default and check it comes through.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import pickle
from typing import Any

from polgraph.build.spool import for_spool, slim
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
from polgraph.resolve import _Resolver
from polgraph.resolve.passes import NameCounts
from polgraph.resolve.tenure import Bound, Observation

_DAY = dt.date(2021, 5, 12)


def _ev(n: int) -> Evidence:
    return Evidence("a1", f"Câu số {n}.", 10 * n, 10 * n + 8)


def _full() -> ArticleFacts:
    """An article whose every field, at every level, differs from its default."""
    body = "Tỉnh ủy Yên Bái"
    return ArticleFacts(
        article=Article("a1", "Văn bản.", "Tiêu đề", _DAY, "https://example.org/a1", "f.jsonl"),
        date=_DAY,
        persons=(Person("Lục Văn Khiêm", ("Ông Khiêm",), (_ev(1),), "1968", (_ev(2),)),),
        organizations=(
            Organization(
                body, OrgKind.PARTY_COMMITTEE, ("TU Yên Bái",), "Trung ương", "Yên Bái", (_ev(3),)
            ),
        ),
        documents=(
            Document(
                "Nghị quyết số 12-NQ/TU",
                DocKind.RESOLUTION,
                "12-NQ/TU",
                body,
                "XI",
                "Về phát triển",
                ("NQ 12",),
                (_ev(4),),
            ),
        ),
        holdings=(Holding("Lục Văn Khiêm", "Bí thư", body, True, _DAY, (_ev(5),)),),
        events=(
            Event(
                "Hội nghị Tỉnh ủy",
                _DAY,
                body,
                "Lục Văn Khiêm",
                ("Lục Văn Khiêm",),
                ("Nghị quyết số 12-NQ/TU",),
                (_ev(6),),
            ),
        ),
        warnings=("một cảnh báo",),
    )


def _not_default(obj: Any, skip: frozenset[str] = frozenset()) -> None:
    """Every field of ``obj`` (a dataclass, recursively through tuples) is set."""
    for f in dataclasses.fields(obj):
        if f.name in skip:
            continue
        value = getattr(obj, f.name)
        assert value not in (None, (), "", False), f"{type(obj).__name__}.{f.name} is empty"
        for item in value if isinstance(value, tuple) else (value,):
            if dataclasses.is_dataclass(item):
                _not_default(item, skip)


def test_the_sample_fills_every_field() -> None:
    _not_default(_full())


def test_model_objects_pickle_and_copy_equal() -> None:
    f = _full()
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(f, protocol=protocol))
        assert back == f
        assert type(back.organizations[0].kind) is OrgKind
    assert copy.deepcopy(f) == f
    assert copy.copy(f) == f
    obs = Observation("p", "Bí thư", "o", "a1", _DAY, True, "n", (), evidence="iri")
    assert pickle.loads(pickle.dumps(obs)).evidence == "iri"  # compare=False: check it
    bound = Bound("2021", "year", "election", "a1", _ev(1), "article", "s", 2025, "iri")
    assert pickle.loads(pickle.dumps(bound)).evidence_iri == "iri"


def test_spool_record_is_the_facts_without_the_text() -> None:
    f = _full()
    [(record, slim_record, warnings, _counts)], _names = for_spool([f])
    assert pickle.loads(record) == dataclasses.replace(
        f, article=dataclasses.replace(f.article, text="")
    )
    assert pickle.loads(slim_record) == slim(f)
    assert warnings == ("a1: một cảnh báo",)


def test_slim_keeps_all_but_evidence_text_source_and_warnings() -> None:
    s = slim(_full())
    _not_default(s, skip=frozenset({"evidence", "text", "source", "warnings"}))
    for group in (s.persons, s.organizations, s.documents, s.holdings, s.events):
        assert all(x.evidence == () for x in group)


def test_rewrite_keeps_every_field() -> None:
    """Names already canonical and met once: the rewrite changes nothing."""
    f = _full()
    r = _Resolver([f])
    r.run()
    assert r.rewrite(f) == f


def test_names_counted_per_batch_settle_as_the_first_walk_does() -> None:
    """The build counts the first walk's names where each batch is extracted; in any
    batching, added up in input order, resolution settles the same names, places,
    parents and document index, in the same order, as the walk over the articles."""
    base = _full()
    facts = [
        dataclasses.replace(base, article=dataclasses.replace(base.article, id=f"a{i}"))
        for i in range(5)
    ]
    walked = _Resolver(facts)
    walked.run()
    for size in (1, 2, 5):
        names = NameCounts()
        for start in range(0, len(facts), size):
            names.update(for_spool(facts[start : start + size])[1])
        counted = _Resolver(facts)
        counted.run(names=names)
        for field in ("org_names", "org_locality", "org_parent", "doc_counts", "doc_by_prefix"):
            assert list(getattr(counted, field).items()) == list(getattr(walked, field).items())
        assert [counted.rewrite(f) for f in facts] == [walked.rewrite(f) for f in facts]
    assert walked.org_names and walked.doc_counts  # the facts name bodies and documents
