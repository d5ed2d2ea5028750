"""Wikidata QuickStatements for "position held" (``polgraph export --format quickstatements``).

polgraph runs offline, so it cannot know which Wikidata item a person or a post
is.  The export writes a folder:

``reconcile.csv``
    One row per holding whose person or post has no Wikidata id yet: name,
    birth year (where an article gives it and none disagrees), post, role, organization, start,
    end, source URL, the graph IRIs, and empty ``person_qid`` / ``post_qid``
    columns.  Reconcile it in OpenRefine (or by hand) and fill those columns.
``quickstatements.txt``
    QuickStatements v1 for every holding whose person and post ids are known
    (from ``--reconciled`` FILE, the CSV above after reconciliation):
    ``Qperson  P39  Qpost`` with ``P580`` start and ``P582`` end at their
    precision (day /11, month /10, year /9; a term or an upper bound gives
    none), and a reference per article: ``S854`` its URL and ``S813`` the
    retrieval date (``--retrieved``; omitted when not given).  The deprecated
    qualifier ``P642`` ("of") is never written: the post item names the body.

The statements must be reviewed by a person before they are uploaded.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path

from polgraph.outputs.export_projection import Holding, Projection

__all__ = [
    "CSV_COLUMNS",
    "QuickStatementsError",
    "read_reconciled",
    "reconcile_csv",
    "to_quickstatements",
]

CSV_COLUMNS = (
    "person", "birth_year", "post", "role", "organization", "start", "end", "source_url",
    "person_iri", "post_iri", "person_qid", "post_qid",
)  # fmt: skip
_QID = re.compile(r"Q[1-9][0-9]*\Z")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")
_PRECISION = {"day": 11, "month": 10, "year": 9}
_URL_UNSAFE = re.compile(r'["\t\r\n\\]')


class QuickStatementsError(ValueError):
    """A reconciled file that cannot be used (names the file, row and reason)."""


def read_reconciled(path: str | Path) -> dict[str, str]:
    """IRI → Wikidata id from a reconciled CSV (``person_iri``/``person_qid``,
    ``post_iri``/``post_qid`` columns; blank ids are skipped, malformed ones refused)."""
    mapping: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            needed = {"person_iri", "person_qid", "post_iri", "post_qid"}
            missing = ", ".join(sorted(needed - set(reader.fieldnames or ())))
            if missing:
                raise QuickStatementsError(f"{path}: missing column(s) {missing}")
            for n, row in enumerate(reader, start=2):
                for iri_col, qid_col in (("person_iri", "person_qid"), ("post_iri", "post_qid")):
                    qid, iri = (row.get(qid_col) or "").strip(), (row.get(iri_col) or "").strip()
                    if not qid:
                        continue
                    if not _QID.match(qid) or not iri:
                        raise QuickStatementsError(
                            f"{path}, row {n}: {qid_col} {qid!r} is not a Wikidata item id (Q123)"
                        )
                    mapping[iri] = qid
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise QuickStatementsError(f"{path}: cannot read the reconciled CSV ({exc})") from exc
    return mapping


def _time(date: str, precision: str) -> str | None:
    if precision not in _PRECISION or not _DATE.match(date):
        return None
    parts = ([*date.split("-"), "00", "00"])[:3]
    return f"+{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z/{_PRECISION[precision]}"


def _start_end(h: Holding) -> tuple[str | None, str | None]:
    start = _time(h.start.date, h.start.precision) if h.start else None
    end = _time(h.end.date, h.end.precision) if h.end else None
    return start, end


def to_quickstatements(p: Projection, qids: Mapping[str, str], retrieved: str | None = None) -> str:
    """QuickStatements v1 lines (tab-separated) for the holdings whose ids are known."""
    if retrieved is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", retrieved):
        raise QuickStatementsError(f"retrieval date {retrieved!r} is not YYYY-MM-DD")
    lines: list[str] = []
    for h in p.holdings:
        person, post = qids.get(h.person), qids.get(h.post)
        if not person or not post:
            continue
        statement = [person, "P39", post]
        start, end = _start_end(h)
        if start:
            statement += ["P580", start]
        if end:
            statement += ["P582", end]
        refs = [s.url for s in h.sources if s.url and not _URL_UNSAFE.search(s.url)]
        if not refs:
            lines.append("\t".join(statement))
        for url in sorted(set(refs)):
            ref = ["S854", f'"{url}"']
            if retrieved:
                ref += ["S813", _time(retrieved, "day") or ""]
            lines.append("\t".join(statement + ref))
    return "".join(f"{line}\n" for line in lines)


def _cell(text: str) -> str:
    """Text from articles, kept from being read as a spreadsheet formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def reconcile_csv(p: Projection, qids: Mapping[str, str]) -> str:
    """The holdings whose person or post has no Wikidata id, for OpenRefine."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for h in p.holdings:
        if qids.get(h.person) and qids.get(h.post):
            continue
        post = p.posts.get(h.post)
        org = p.orgs.get(post.org) if post else None
        name = p.persons.get(h.person, ("", ()))[0]
        urls = [s.url for s in h.sources if s.url]
        writer.writerow(
            [
                _cell(name),
                p.births.get(h.person, "")[:4],  # the year, to tell namesakes apart
                _cell(post.label if post else ""),
                _cell(post.role if post else ""),
                _cell(org.name if org else ""),
                h.start.date if h.start and h.start.precision != "term" else "",
                h.end.date if h.end else "",
                urls[0] if urls else "",
                h.person,
                h.post,
                qids.get(h.person, ""),
                qids.get(h.post, ""),
            ]
        )
    return out.getvalue()
