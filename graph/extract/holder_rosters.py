"""Rosters and member lists: the persons listed after a body, and the posts they get.

'Thường trực Thành ủy X gồm Bí thư A và 4 phó bí thư: ...' gives each bare title the
body named before 'gồm'; 'Ban Thường vụ Tỉnh ủy khóa XX gồm 15 đồng chí: A, B'
makes each listed person a member of the body.
"""

from __future__ import annotations

from polgraph.core.model import OrgKind
from polgraph.extract.holder_lists import _listed
from polgraph.extract.org_names import OrgMatch
from polgraph.extract.persons import PersonMention
from polgraph.extract.titles import TitleMatch, TitleParser, _Item, _words

__all__ = ["members_listed", "numbered_line", "roster_heading"]


def _roster(
    items: list[_Item], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """'Thường trực Thành ủy X gồm Bí thư A và 4 phó bí thư: ông B, ...; ông C':
    bare titles in a roster take the body named before 'gồm'/'có'."""
    doc = titles.ctx.doc
    results: list[tuple[PersonMention, TitleMatch, bool]] = []
    for k, item in enumerate(items):
        if item.kind != "ORG" or k + 1 >= len(items) or items[k + 1].kind != "OTHER":
            continue
        words = doc.span_text(items[k + 1].start, items[k + 1].end).lower().split()
        if not words or words[0] not in {"gồm", "có"}:
            continue
        body: OrgMatch = item.value  # type: ignore[assignment]
        committee = (
            body.parent
            if body.name.startswith(("Thường trực ", "Ban Thường vụ ")) and body.parent
            else body.name
        )
        org = OrgMatch(
            body.start,
            body.end,
            committee,
            OrgKind.PARTY_COMMITTEE if committee != body.name else body.kind,
            None,
            body.locality,
        )
        m = k + 2
        while m < len(items):
            current = items[m]
            if current.kind == "TITLE" and current.value.org is None:
                title = TitleMatch(current.start, current.end, current.value.role, org)
                m += 1
                while m < len(items) and items[m].kind == "SEP" and items[m].value == ":":
                    m += 1
                listed = _roster_list(items, m)
                for person in listed:
                    results.append((person, title, False))
                continue
            m += 1
    return results


def _ends_roster(item: _Item) -> bool:
    return (
        (item.kind == "TITLE" and item.value.org is None)  # type: ignore[union-attr]
        or (item.kind == "SEP" and item.value in {".", "!", "?"})
        or (item.kind == "OTHER" and item.end - item.start > 2)
    )


def _roster_list(items: list[_Item], m: int) -> list[PersonMention]:
    """Persons in a list item by item, each possibly with its own apposition."""
    found: list[PersonMention] = []
    while m < len(items):
        item = items[m]
        if item.kind == "PERSON":
            found.append(item.value)  # type: ignore[arg-type]
        elif _ends_roster(item):
            break
        m += 1
        if len(found) > 12:
            break
    return found


_MEMBER_BODIES = frozenset({OrgKind.PARTY_COMMITTEE, OrgKind.PARTY_BODY})
_BOARD_HEADS = ("Ban Thường vụ", "Ban Chấp hành", "Ủy ban Kiểm tra", "Đoàn Chủ tịch")


def members_listed(
    items: list[_Item], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """'Ban Thường vụ Tỉnh ủy khóa XX gồm 15 đồng chí: A, B, C': each person listed
    after a party committee or board and 'gồm' is a member ("Ủy viên") of it."""
    found: list[tuple[PersonMention, TitleMatch, bool]] = []
    for k, item in enumerate(items[:-2]):
        if item.kind != "ORG":
            continue
        org = item.value
        if org.kind not in _MEMBER_BODIES and not org.name.startswith(_BOARD_HEADS):  # type: ignore[union-attr]
            continue
        if (
            k > 0
            and items[k - 1].kind == "OTHER"
            and _words(titles.ctx, items[k - 1])[-1:]
            in (
                ["của"],
                ["thuộc"],
            )
        ):
            continue  # "Đoàn công tác của Tỉnh ủy gồm ...": the list is the delegation's
        m = k + 1
        if items[m].kind != "OTHER":
            continue
        words = _words(titles.ctx, items[m])
        if "gồm" not in words or not all(
            w in _MEMBER_FILLERS or w.isdigit() or not w.strip("ivxlc") for w in words
        ):
            continue  # only 'khóa XX gồm 15' between the body and its list
        m += 1
        if m < len(items) and items[m].kind == "HON":
            m += 1
        if m < len(items) and items[m].kind == "SEP" and items[m].value == ":":
            m += 1
        member = TitleMatch(org.start, org.end, "Ủy viên", org)  # type: ignore[union-attr]
        for person in _listed(items, m, titles, clauses=True):
            # "A (Chủ nhiệm)": a bare post of the person's own is the post in this body
            own = _bare_post_after(items, person)
            title = member._replace(role=own) if own else member
            found.append((person, title, False))
    return found


def _bare_post_after(items: list[_Item], person: PersonMention) -> str | None:
    """The role of a title without a body right after the person ('A (Chủ nhiệm)')."""
    at = next((m for m, item in enumerate(items) if item.value is person), None)
    if at is None or at + 2 >= len(items):
        return None
    sep, title = items[at + 1], items[at + 2]
    if (
        sep.kind == "SEP"
        and sep.value in {"(", ",", "-", "–"}
        and title.kind == "TITLE"
        and title.value.org is None  # type: ignore[union-attr]
    ):
        return str(title.value.role)  # type: ignore[union-attr]
    return None


_MEMBER_FILLERS = frozenset({"khóa", "khoá", "nhiệm", "kỳ", "gồm", "có", "các", "mới"})


def roster_heading(items: list[_Item], titles: TitleParser) -> TitleMatch | None:
    """'Danh sách Ban Thường vụ Tỉnh ủy khóa XV gồm:' closing its sentence: a list of
    members follows line by line; the membership ("Ủy viên" of the body) it gives."""
    n = len(items)
    if n < 3 or items[-1].kind != "SEP" or items[-1].value != ":":
        return None
    k = n - 2
    if items[k].kind == "HON":
        k -= 1  # "... gồm các đồng chí:"
    if k < 1 or items[k].kind != "OTHER" or items[k - 1].kind != "ORG":
        return None
    words = _words(titles.ctx, items[k])
    if "gồm" not in words or not all(
        w in _MEMBER_FILLERS or w.isdigit() or not w.strip("ivxlc") for w in words
    ):
        return None
    org: OrgMatch = items[k - 1].value  # type: ignore[assignment]
    if org.kind not in _MEMBER_BODIES and not org.name.startswith(_BOARD_HEADS):
        return None
    return TitleMatch(org.start, org.end, "Ủy viên", org)


def numbered_line(items: list[_Item], titles: TitleParser) -> tuple[bool, PersonMention | None]:
    """A line of a numbered list: whether it opens with its number ('1.', '2)'), and
    the person it names first ('Ông A, ...'), if that is how it starts."""
    k = 0
    numbered = False
    if len(items) >= 2 and items[0].kind == "OTHER" and items[1].kind == "SEP":
        words = _words(titles.ctx, items[0])
        if len(words) == 1 and words[0].isdigit() and items[1].value in {".", ")"}:
            numbered, k = True, 2
    if k < len(items) and items[k].kind == "HON":
        k += 1
    if k < len(items) and items[k].kind == "PERSON":
        return numbered, items[k].value  # type: ignore[return-value]
    return numbered, None
