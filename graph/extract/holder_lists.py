"""Lists of holders: one title for a list of names, the next sentence's list, 'lần lượt' pairs.

Where a chain stands before or after several names, these rules say which names it
belongs to (FORMAT: a shared title is each listed person's).  The persons listed
after a body (rosters, members) are ``holder_rosters``' job.
"""

from __future__ import annotations

import re

from polgraph.extract.persons import PersonMention
from polgraph.extract.titles import (
    _APPOSITION,
    _CHAIN_SEPARATORS,
    TitleMatch,
    TitleParser,
    _Item,
    _placed,
    _words,
)

_PLURAL = frozenset({"hai", "ba", "bốn", "các", "những", "2", "3", "4"})


# ranks and degrees written before a name in a list ("gồm: Trung tướng A; Thiếu tướng B")
_RANKS = frozenset(
    {
        "đại tướng",
        "thượng tướng",
        "trung tướng",
        "thiếu tướng",
        "đại tá",
        "thượng tá",
        "trung tá",
        "thiếu tá",
        "giáo sư",
        "phó giáo sư",
        "tiến sĩ",
        "thạc sĩ",
        "gs",
        "pgs",
        "ts",
        "ths",
        "gs.ts",
        "pgs.ts",
    }
)
_LIST_CUES = frozenset({"là", "gồm", "gồm có", "đó là", "đây là", "có"})


def _list_opener(items: list[_Item], after: int, titles: TitleParser, plural: bool) -> int:
    """Where a list of the chain's holders starts: after ':' ("các đồng chí Ủy viên
    Ban Thường vụ: A, B") or a copula ("R là ông A và ông B", "R, đó là ông A"); -1 if
    the chain is not followed by one. A plural chain ("8 Ủy viên ...", "các Phó Chủ
    tịch ...") may have a clause before its list ("... được bầu lại gồm: A, B")."""
    n = len(items)
    m = after
    if plural:
        for ahead in range(after, min(after + 8, n - 1)):
            item = items[ahead]
            if item.kind in {"PERSON", "TITLE"} or (
                item.kind == "SEP" and item.value in {";", ".", "!", "?"}
            ):
                break
            words = [w for w in _words(titles.ctx, item) if w not in {"các", "những"}]
            if item.kind in {"OTHER", "CUR"} and " ".join(words[-2:]).endswith(("gồm", "gồm có")):
                m = ahead
                break
    if m < n and items[m].kind == "SEP" and items[m].value == ",":
        m += 1
    if m < n and items[m].kind in {"CUR", "OTHER"}:
        words = _words(titles.ctx, items[m])
        while words and words[-1] in {"các", "những"}:  # "gồm các ông:"
            words.pop()
        text = " ".join(words)
        if m > after and text.endswith(("gồm", "gồm có")):
            text = "gồm"
        if m + 1 < n and items[m + 1].kind == "CUR" and text in {"đó", "đây"}:
            m += 1
            text = "đó là"
        if text not in _LIST_CUES or (m == after + 1 and text in {"là", "có"} and not plural):
            return -1
        m += 1
    elif not (m == after and m < n and items[m].kind == "SEP" and items[m].value == ":"):
        return -1
    # "gồm các đồng chí: A, B", "gồm: ông A, ông B", "gồm: Trung tướng A; ..."
    while m < n and (
        items[m].kind == "HON"
        or (items[m].kind == "SEP" and items[m].value == ":")
        or (items[m].kind == "OTHER" and " ".join(_words(titles.ctx, items[m])) in _RANKS)
    ):
        m += 1
    return m if m < n and items[m].kind == "PERSON" else -1


def _listed(
    items: list[_Item], idx: int, titles: TitleParser, clauses: bool = False
) -> list[PersonMention]:
    """Persons listed from item idx on: 'ông A và ông B', 'A, B', each possibly with
    its own chain ("A, Trưởng Ban X; B, Chủ nhiệm Y"), which the chain rules attach.
    With ``clauses`` (a list after ':'), an item may be a clause up to ';'
    ("gồm: ông A được bầu giữ chức X; bà B, Chủ nhiệm Y")."""
    found: list[PersonMention] = []
    n = len(items)
    m = idx
    while m < n and len(found) < 30:
        item = items[m]
        if item.kind == "HON" or (
            item.kind == "OTHER" and " ".join(_words(titles.ctx, item)) in _RANKS
        ):
            m += 1
            continue
        if item.kind != "PERSON":
            break
        found.append(item.value)  # type: ignore[arg-type]
        m += 1
        if (
            m + 1 < n
            and items[m].kind == "SEP"
            and items[m].value in _APPOSITION
            and (items[m + 1].kind == "TITLE")
        ):
            m += 1  # the person's own chain
            while m < n and (
                items[m].kind == "TITLE"
                or (items[m].kind == "SEP" and items[m].value in {",", "và", "kiêm", ")"})
            ):
                if (
                    items[m].kind == "SEP"
                    and items[m].value != ")"
                    and not (m + 1 < n and items[m + 1].kind == "TITLE")
                ):
                    break
                m += 1
        if clauses and m < n and items[m].kind in {"OTHER", "CUR"}:
            end = m
            while (
                end < min(n, m + 15)
                and items[end].kind != "PERSON"
                and not (items[end].kind == "SEP" and items[end].value in {";", ".", "!", "?"})
            ):
                end += 1
            if end < n and items[end].kind == "SEP" and items[end].value == ";":
                m = end
        if m < n and items[m].kind == "SEP" and items[m].value in {",", ";", "và"}:
            m += 1
            if m < n and items[m].kind == "SEP" and items[m].value == "và":
                m += 1
            continue
        break
    return found


def named_in_next_sentence(
    previous: list[_Item], items: list[_Item], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """'Tỉnh có thêm hai Phó Chủ tịch UBND tỉnh. Đó là ông A và ông B.': a sentence
    opening with 'Đó là' / 'Đây là' names the holders of the plural title that ended
    the sentence before."""
    if len(items) < 3 or items[0].kind != "OTHER" or items[1].kind != "CUR":
        return []
    if " ".join(_words(titles.ctx, items[0])) not in {"đó", "đây"} or items[1].value != "là":
        return []
    start = 2
    while start < len(items) and (
        items[start].kind == "HON"
        or (items[start].kind == "SEP" and items[start].value == ":")
        or (
            items[start].kind == "OTHER"
            and _words(titles.ctx, items[start]) in (["các"], ["những"])
        )
    ):
        start += 1
    persons = _listed(items, start, titles)
    if not persons:
        return []
    for k in range(len(previous) - 1, -1, -1):
        if previous[k].kind == "TITLE" and (k == 0 or previous[k - 1].kind != "TITLE"):
            group = _group_before(previous, k, titles)
            if not _plural_before(previous, k, titles) and group is None:
                return []
            chain = [k]
            m = k + 1
            while (
                m + 1 < len(previous)
                and previous[m].kind == "SEP"
                and (previous[m].value in _CHAIN_SEPARATORS and previous[m + 1].kind == "TITLE")
            ):
                chain.append(m + 1)
                m += 2
            placed = _placed(previous, chain, titles)
            former = group == "former"
            return [
                (person, title, title.former or former) for person in persons for title in placed
            ]
    return []


_GROUP = re.compile(
    r"\b(?:hai|ba|bốn|năm|\d+) (?:ông|bà|đồng chí|người|vị)\b(?: này)?(?: đều)?( từng)?"
    r"(?: là| giữ chức(?: vụ)?)?$"
)


def _group_before(previous: list[_Item], k: int, titles: TitleParser) -> str | None:
    """'Cả hai ông đều (từng) là R': a group named by its size before the title, whose
    members the next sentence names; 'former' when 'từng' marks the title past."""
    if k == 0:
        return None
    start = previous[max(0, k - 5)].start
    text = " ".join(titles.ctx.doc.span_text(start, previous[k - 1].end).lower().split())
    found = _GROUP.search(text)
    if found is None:
        return None
    return "former" if found.group(1) else "current"


def _places_listed(
    items: list[_Item], after: int, title: TitleMatch, titles: TitleParser
) -> list[TitleMatch]:
    """'Bí thư Tỉnh ủy X, Y, Z' / 'Bí thư Huyện ủy X, Y': the title, then the same body in
    each province (or district) listed after it; [] unless the title's body names it."""
    org = title.org
    if org is None or not org.locality:
        return []
    district = org.place.district if org.place is not None else None
    if district and district in org.name and org.name.endswith(district):
        named, label = district, "DISTRICT"
    elif org.locality in org.name:
        named, label = org.locality, "PROVINCE"
    else:
        return []
    found = [title]
    m = after
    while m + 1 < len(items) and len(found) < 10:
        if items[m].kind != "SEP" or items[m].value not in {",", "và"}:
            break
        place = titles.ctx.first.get((items[m + 1].start, label))
        if items[m + 1].kind != "OTHER" or place is None or place.end != items[m + 1].end:
            break
        name = place.kb_id_.split("|", 1)[-1]  # a district's id is "kind|name"
        other = org._replace(
            name=org.name[: len(org.name) - len(named)] + name
            if label == "DISTRICT"
            else org.name.replace(named, name),
            locality=org.locality if label == "DISTRICT" else name,
            start=place.start,
            end=place.end,
            surface="",
            place=org.place._replace(district=name) if label == "DISTRICT" else None,  # type: ignore[union-attr]
        )
        found.append(title._replace(org=other))
        m += 2
    return found if len(found) > 1 else []


def _respectively(items: list[_Item], k: int, titles: TitleParser) -> bool:
    """'lần lượt' (respectively) next to the cue at item k, or 'tương ứng' closing the
    titles after it ("được bầu làm R1 và R2 tương ứng")."""
    for m in (k - 1, k - 2, k + 1):
        if (
            0 <= m < len(items)
            and items[m].kind == "OTHER"
            and "lần lượt" in titles.ctx.doc.span_text(items[m].start, items[m].end).lower()
        ):
            return True
    m = k + 1
    while m < len(items) and items[m].kind in {"TITLE", "OTHER", "SEP", "CUR"}:
        if items[m].kind == "SEP" and items[m].value not in {",", "và"}:
            break
        if items[m].kind == "OTHER":
            text = titles.ctx.doc.span_text(items[m].start, items[m].end).lower()
            return text.startswith("tương ứng")
        m += 1
    return False


def _plural_before(items: list[_Item], k: int, titles: TitleParser) -> bool:
    """'hai nguyên Phó Chủ tịch ...': the chain is shared by the persons listed after it."""
    if k == 0 or items[k - 1].kind != "OTHER":
        return False
    words = titles.ctx.doc.span_text(items[k - 1].start, items[k - 1].end).lower().split()
    return bool(words) and (words[-1] in _PLURAL or words[-1].isdigit())
