"""Office timelines: who held a post when, and which posts one person held over time.

Both run a saved query (``office-holders``, ``person-posts``) on pyoxigraph with
the user's words bound as literals.  What the user types is first matched to a
label the graph has, comparing names the way resolution does (tone placement,
NFC/NFD, case, "Thành ủy TP.HCM" = "Thành ủy Thành phố Hồ Chí Minh"), so
``--org "thành uỷ hà nội"`` finds "Thành ủy Hà Nội".  Dates are the observed
dates of memberships (the date the article reports on, else its publication
date), never the build date: a holder's "first" and "last" are the first and last
time an article showed them in the post, not a term of office.  The tenure
(``polgraph.resolve.tenure``: start and end from election, appointment, dismissal,
retirement ... cues, a successor, or "nguyên") is shown beside them: ``start``
and ``end`` at their precision ("2021-05-12", "2021-05", "2020 (term)"), an end
known only as an upper bound as "<2023-12-08", and conflicts between articles
listed under the table.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pyoxigraph as ox

from polgraph.core.text import canonical, fold
from polgraph.rdf.sparql import QueryError, run, run_saved
from polgraph.resolve import org_key

__all__ = ["Tenure", "format_timeline", "office_timeline", "person_timeline"]


@dataclass(frozen=True)
class Tenure:
    """One person in one post, with the first and last date an article showed it."""

    person: str  # IRI
    name: str
    role: str
    organization: str
    first: str | None  # ISO date
    last: str | None
    status: str  # "current", "former" or "current+former" as the articles said
    articles: tuple[str, ...]
    start: str | None = None  # tenure start as shown: "2021-05-12", "2021-05", "2020 (term)"
    end: str | None = None  # tenure end as shown; "<2023-12-08" when only an upper bound
    conflicts: int = 0  # disagreements between articles about this tenure (pg:conflict)


_LABELS = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label ?pref WHERE {
  { ?x a org:Organization ; skos:prefLabel ?label . BIND(true AS ?pref) }
  UNION { ?x a org:Organization ; skos:altLabel ?label . BIND(false AS ?pref) }
}"""

_ROLES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label WHERE { ?x a org:Role ; skos:prefLabel ?label }"""

_NAMES = """
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?label WHERE { ?x a foaf:Person ; foaf:name|skos:altLabel ?label }"""


def _match(store: ox.Store, query: str, wanted: str, key) -> str:  # type: ignore[no-untyped-def]
    """The graph's own label for what the user typed (exact spelling first)."""
    rows = run(store, query).values()
    labels = sorted({r["label"] for r in rows}, key=lambda s: (s != canonical(wanted), s))
    for label in labels:
        if key(label) == key(wanted):
            return label
    return canonical(wanted)


def _shown(date: str | None, unit: str | None, basis: str | None) -> str | None:
    if not date:
        return None
    return f"{date} (term)" if unit and unit.endswith("unitTerm") else date


def _with_intervals(store: ox.Store, tenures: list[Tenure]) -> list[Tenure]:
    """Each row with the start, end and conflicts of its ``pg:Tenure`` (saved query ``tenure``)."""
    found: dict[tuple[str, str, str], dict[str, str]] = {}
    for person in sorted({t.person for t in tenures}):
        for r in run_saved(store, "tenure", {"person": ox.NamedNode(person)}).values():
            found[(person, fold(r["role_label"]), r["org_label"])] = r
    out = []
    for t in tenures:
        r = found.get((t.person, fold(t.role), t.organization))
        if r is None:
            out.append(t)
            continue
        end = _shown(r.get("end"), r.get("end_unit"), r.get("end_basis"))
        if end is None and r.get("ended_before"):
            end = f"<{r['ended_before']}"
        start = _shown(r.get("start"), r.get("start_unit"), r.get("start_basis"))
        out.append(replace(t, start=start, end=end, conflicts=int(r.get("conflicts") or 0)))
    return out


def office_timeline(store: ox.Store, role: str, org: str) -> list[Tenure]:
    """Holders of ``role`` in ``org``, ordered by the first date they were seen in it."""
    label = _match(store, _LABELS, org, org_key)
    role_label = _match(store, _ROLES, role, fold)
    result = run_saved(store, "office-holders", {"role_label": role_label, "org_label": label})
    out: list[Tenure] = []
    for r in result.values():
        first, last = r.get("first_observed"), r.get("last_observed")
        if first is None:
            # Oxigraph leaves MIN/MAX unbound when one membership of the group has no
            # date (rdflib skips it); take the dated observations from person-posts.
            posts = person_timeline(store, r.get("person_name", ""))
            dates = sorted(
                d
                for t in posts
                if t.person == r["person"]
                and fold(t.role) == fold(role_label)
                and t.organization == label
                for d in (t.first, t.last)
                if d
            )
            first, last = (dates[0], dates[-1]) if dates else (None, None)
        out.append(
            Tenure(
                person=r["person"],
                name=r.get("person_name", ""),
                role=role_label,
                organization=label,
                first=first,
                last=last,
                status="",
                articles=tuple(sorted(r.get("articles", "").split())),
            )
        )
    out.sort(key=lambda t: (t.first is None, t.first or "", t.name, t.person))
    return _with_intervals(store, out)


def person_timeline(store: ox.Store, name: str) -> list[Tenure]:
    """Every post of the person(s) named ``name``, in order of first observation.

    Namesakes kept apart by resolution come out as different ``person`` IRIs.
    """
    label = _match(store, _NAMES, name, fold)
    result = run_saved(store, "person-posts", {"person_name": label})
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for r in result.values():
        groups[(r["person"], r["role_label"], r["org_label"])].append(r)
    out: list[Tenure] = []
    for (person, role, org), rows in groups.items():
        dates = sorted(r["observed"] for r in rows if r.get("observed"))
        former = {r.get("former") == "true" for r in rows}
        status = (
            "current+former" if len(former) == 2 else ("former" if True in former else "current")
        )
        out.append(
            Tenure(
                person=person,
                name=label,
                role=role,
                organization=org,
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                status=status,
                articles=tuple(sorted({r["article_id"] for r in rows})),
            )
        )
    out.sort(key=lambda t: (t.first is None, t.first or "", t.person, t.organization, t.role))
    return _with_intervals(store, out)


_COLUMNS = ("first", "last", "name", "role", "organization", "status", "articles", "person",
            "start", "end", "conflicts")  # fmt: skip


def _row(t: Tenure) -> list[str]:
    return [
        t.first or "?",
        t.last or "?",
        t.name,
        t.role,
        t.organization,
        t.status,
        " ".join(t.articles),
        t.person,
        t.start or "",
        t.end or "",
        str(t.conflicts),
    ]


def format_timeline(tenures: Sequence[Tenure], fmt: str = "table") -> str:
    """``table`` for people, ``csv`` or ``json`` for programs."""
    if fmt == "json":
        keys = ("person", "name", "role", "organization", "start", "end", "first", "last",
                "status", "articles", "conflicts")  # fmt: skip
        items = [{k: getattr(t, k) for k in keys} for t in tenures]
        for item in items:
            item["articles"] = list(item["articles"])
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(_COLUMNS)
        writer.writerows(_row(t) for t in tenures)
        return out.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r}; expected table, csv or json")
    if not tenures:
        return "(no holders found)\n"
    header = ["start", "end", "seen", "person", "post", "as", "articles"]
    iris_per_name: dict[str, set[str]] = defaultdict(set)
    for t in tenures:
        iris_per_name[t.name].add(t.person)

    def who(t: Tenure) -> str:
        if len(iris_per_name[t.name]) < 2:
            return t.name
        return f"{t.name} [{t.person.rsplit('/', 1)[-1]}]"  # namesakes: show which node

    rows = [
        [
            t.start or "?",
            t.end or "?",
            f"{t.first or '?'}..{t.last or '?'}",
            who(t) + (" !" if t.conflicts else ""),
            f"{t.role} {t.organization}",
            t.status,
            ", ".join(t.articles),
        ]
        for t in tenures
    ]
    if all(t.status == "" for t in tenures):
        header.pop(5)
        rows = [r[:5] + r[6:] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    if any(t.conflicts for t in tenures):
        lines.append("")
        lines.append("! articles disagree about this tenure: polgraph tenure GRAPH --conflicts")
    return "\n".join(lines) + "\n"
