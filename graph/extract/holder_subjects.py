"""The subject of a chain: apposition, a clause's subject, a replaced holder.

A chain after a comma is about the name before it; a cue formula's chain is about the
clause's subject; 'thay cho ông X' makes X a former holder.
"""

from __future__ import annotations

from operator import attrgetter

from polgraph.extract.persons import PersonMention
from polgraph.extract.titles import _APPOSITION, TitleMatch, TitleParser, _Item, _words

_BEFORE_NAME = frozenset({",", "-", "–", "—"})
_KIND = attrgetter("kind")  # an item's kind, read at C level over a sentence's items
_REPLACING = ("thay", "thay cho", "thay thế", "thay thế cho")


def _apposed_to(items: list[_Item], before: int, titles: TitleParser) -> int:
    """The index of the person a chain ending the items before it is in apposition to,
    or -1: "A, R", "A - R", "A (R", "A R", and past up to two descriptors set off by
    commas, the first capitalised ("A, Anh hùng Lực lượng vũ trang, R";
    "A, Cử nhân kinh tế, cao cấp lý luận chính trị, R"), each of at most 8 words."""
    if before < 0:
        return -1
    if items[before].kind == "PERSON":
        return before
    if items[before].kind != "SEP" or items[before].value not in _APPOSITION:
        return -1
    m = before - 1
    for _ in range(3):
        if m < 0:
            return -1
        if items[m].kind == "PERSON":
            return m
        if items[before].value != ",":
            return -1
        segment_end = m
        while m >= 0 and items[m].kind in {"OTHER", "HON"} and segment_end - m < 4:
            m -= 1
        if m == segment_end or m < 1 or items[m].kind != "SEP" or items[m].value != ",":
            return -1
        words = titles.ctx.doc.span_text(items[m + 1].start, items[segment_end].end).split()
        if len(words) > 8:
            return -1
        if items[m - 1].kind == "PERSON" and not words[0][:1].isupper():
            return -1
        m -= 1
    return -1


def _past_unknown_body(items: list[_Item], k: int, titles: TitleParser) -> int:
    """The index after the title at k; past the words of a body the lexicon does not
    know ("Bí thư Chi bộ, Giám đốc Sở X") when another title follows them, so that
    one unknown body costs one title, not the rest of the chain."""
    m = k + 1
    n = len(items)
    if (
        items[k].value.org is None  # type: ignore[union-attr]
        and m + 2 < n
        and items[m].kind == "OTHER"
        and items[m].end - items[m].start <= 10
        and titles.ctx.doc[items[m].start].text[:1].isupper()
        and items[m + 1].kind == "SEP"
        and items[m + 1].value in {",", "và", "kiêm"}
        and items[m + 2].kind == "TITLE"
    ):
        return m + 1
    return m


def _passive_agent_start(
    items: list[_Item], back: int, owners_of: dict[int, list[PersonMention]], titles: TitleParser
) -> int:
    """'A, <chain>, được Ban Chấp hành tín nhiệm bầu giữ chức R': walk back over a
    passive 'được <agent> ...' (at most 12 words) to the chain before it; -1 if none."""
    words = 0
    m = back
    while m >= 0 and items[m].kind in {"OTHER", "ORG", "CUR"} and words <= 12:
        words += items[m].end - items[m].start
        if items[m].kind == "OTHER" and titles.ctx.lower(items[m].start) == "được":
            chain_end = m - 1
            while (
                chain_end >= 0 and items[chain_end].kind == "SEP" and items[chain_end].value == ","
            ):
                chain_end -= 1
            return chain_end if chain_end in owners_of else -1
        m -= 1
    return -1


def _bare_group_before(items: list[_Item], idx: int) -> list[PersonMention]:
    """The person at idx and those listed bare right before it ("ông A, ông B"):
    a person with a chain of its own before it ends the group."""
    found = [items[idx].value]
    m = idx - 1
    while m >= 1:
        while m >= 0 and items[m].kind == "HON":
            m -= 1
        if m < 1 or items[m].kind != "SEP" or items[m].value not in {",", "và"}:
            break
        p = m - 1
        if items[p].kind != "PERSON":
            break
        q = p - 1
        while q >= 0 and items[q].kind == "HON":
            q -= 1
        if q >= 0 and items[q].kind == "TITLE":
            break
        found.append(items[p].value)
        m = q
    return found[::-1]  # type: ignore[return-value]


def _replaced(
    items: list[_Item], after: int, placed: list[TitleMatch], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """'giữ chức R thay cho ông X': X held R before, now former."""
    m = after
    if m < len(items) and items[m].kind == "SEP" and items[m].value == ",":
        m += 1
    if m >= len(items) or items[m].kind != "OTHER":
        return []
    text = " ".join(_words(titles.ctx, items[m]))
    if not text.endswith(_REPLACING):
        return []
    m += 1
    if m < len(items) and items[m].kind == "HON":
        m += 1
    if m >= len(items) or items[m].kind != "PERSON":
        return []
    return [(items[m].value, title, True) for title in placed]  # type: ignore[misc]


def successions(
    items: list[_Item], titles: TitleParser
) -> list[tuple[PersonMention, PersonMention]]:
    """(successor, predecessor) for "Thay vị trí bà X là ông Y" and "ông Y thay ông X"
    in a sentence that names no title: Y takes the titles X was given earlier."""
    if "TITLE" in map(_KIND, items):
        return []
    found: list[tuple[PersonMention, PersonMention]] = []
    n = len(items)
    doc = titles.ctx.doc
    for m, item in enumerate(items):
        if item.kind != "PERSON":
            continue
        h = m - 1 if m >= 1 and items[m - 1].kind == "HON" else m
        if h < 1:
            continue
        first = max(0, h - 3)
        before = " ".join(doc.span_text(items[first].start, items[h - 1].end).lower().split())
        if not before.endswith((*_REPLACING, "thay vị trí", "thế chỗ")):
            continue
        successor = None
        k = m + 1
        if k < n and items[k].kind == "CUR" and items[k].value == "là":
            k += 2 if k + 1 < n and items[k + 1].kind == "HON" else 1
            if k < n and items[k].kind == "PERSON":
                successor = items[k].value
        else:
            earlier = _subject_before(items, h - 1, titles)
            successor = earlier[0] if len(earlier) == 1 else None
        if successor is not None and successor.name != item.value.name:  # type: ignore[union-attr]
            found.append((successor, item.value))  # type: ignore[arg-type]
    return found


def same_body_as_before(
    title: TitleMatch,
    person: PersonMention,
    attached: list[tuple[PersonMention, TitleMatch, bool]],
    titles: TitleParser,
) -> TitleMatch:
    """'Phó Trưởng Ban Tổ chức Trung ương ... giữ chức Phó Trưởng Ban Thường trực':
    a title with no body of its own takes the person's body of the same head."""
    info = titles.lex.roles.get(title.role) or next(
        (r for r in titles.lex.roles.values() if r.role == title.role), None
    )
    head = info.head if info is not None else None
    if not head:
        return title
    for other_person, other, _ in attached:
        if (
            other_person.name == person.name
            and other.org is not None
            and (other.org.name.startswith(head + " "))
        ):
            return TitleMatch(title.start, title.end, title.role, other.org, title.former)
    return title


def _subject_before(
    items: list[_Item], k: int, titles: TitleParser, max_gap: int = 6
) -> list[PersonMention]:
    """The persons a cue at item k is about: the nearest one before it (provided
    only its titles and a few words stand between them) and those coordinated
    with it by 'và' ("bầu bà A, Giám đốc Sở X và ông B, Bí thư Huyện ủy Y giữ chức")."""
    gap = 0
    for back in range(k - 1, -1, -1):
        item = items[back]
        if item.kind == "PERSON":
            if _replacing_before(items, back, titles):
                continue  # "B sẽ thay thế ông A làm R": A is who B replaces
            return _subjects_at(items, back, titles)
        if item.kind == "PRONOUN":
            return list(item.value)  # type: ignore[call-overload]
        if item.kind == "OTHER":
            gap += item.end - item.start
        elif item.kind == "SEP" and item.value in {".", ";", "!", "?"}:
            return []
        if gap > max_gap:
            return []
    return []


def _replacing_before(items: list[_Item], idx: int, titles: TitleParser) -> bool:
    """The person at idx follows 'thay', 'thay thế', 'thay cho' (past an honorific)."""
    m = idx - 1
    if m >= 0 and items[m].kind == "HON":
        m -= 1
    if m < 0 or items[m].kind != "OTHER":
        return False
    return " ".join(_words(titles.ctx, items[m])).endswith(_REPLACING)


def replaced_before_cue(
    items: list[_Item], k: int, placed: list[TitleMatch], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """'B thay thế ông A làm R': A held R before, now former (the cue at item k)."""
    m = k - 1
    while m >= 0 and items[m].kind == "OTHER" and m >= k - 2:
        m -= 1
    if m >= 0 and items[m].kind == "PERSON" and _replacing_before(items, m, titles):
        return [(items[m].value, title, True) for title in placed]  # type: ignore[misc]
    return []


def _coordinated_before(
    items: list[_Item], idx: int, semicolons: bool = False, titles: TitleParser | None = None
) -> tuple[list[PersonMention], int]:
    """The person at idx and those coordinated before it by 'và' (or ';' in a list),
    each possibly with its chain; and the index of the first of them."""
    found = [items[idx].value]
    first = idx
    saw_and = False
    joined = False  # a 'và' joined the last two: "A, B và C" lists A too
    titled = False  # a title since the last person: "A, R1, B và C" is no bare list
    for back in range(idx - 1, -1, -1):
        item = items[back]
        if item.kind == "PERSON":
            if not saw_and:
                break
            found.append(item.value)
            first = back
            saw_and = titled = False
            continue
        if item.kind == "SEP" and (item.value == "và" or (semicolons and item.value == ";")):
            saw_and = joined = True
            continue
        if item.kind == "SEP" and item.value == "," and joined and not titled:
            saw_and = True
            continue
        if (
            item.kind == "OTHER"
            and titles is not None
            and " ".join(_words(titles.ctx, item)) in _WITH
        ):
            saw_and = joined = True  # "ông A cùng với bà B đều là R"
            continue
        if item.kind == "TITLE":
            titled = True
        if item.kind in {"TITLE", "HON"} or (item.kind == "SEP" and item.value in {",", "-", "–"}):
            continue
        break
    return found[::-1], first  # type: ignore[return-value]


_WITH = frozenset({"cùng", "cùng với"})
_PLURAL_HONORIFICS = ("các ", "hai ", "ba ", "những ")


def _subjects_at(items: list[_Item], idx: int, titles: TitleParser) -> list[PersonMention]:
    """The subjects ending with the person at idx: 'A và B', a bare list 'A, B', or
    a list opened by a plural honorific whose items ';' separates ("Các ông A, R1; B, R2")."""
    found, _ = _coordinated_before(items, idx, titles=titles)
    listed, first = _coordinated_before(items, idx, semicolons=True)
    if len(listed) > len(found) and first > 0 and items[first - 1].kind == "HON":
        opener = str(items[first - 1].value)
        if first > 1 and items[first - 2].kind == "OTHER":  # "Các ông", "hai bà"
            opener = f"{' '.join(_words(titles.ctx, items[first - 2])[-1:])} {opener}"
        if opener.startswith(_PLURAL_HONORIFICS):
            return listed
    # "ông A, ông B được bầu ...": a bare list before the cue
    return found if len(found) > 1 else _bare_group_before(items, idx)


def _clause_subject(items: list[_Item], chain: list[int], after: int) -> bool:
    """'Ngoài ông A, Thủ tướng cũng ký...': a bare title (no organization written)
    followed by a verb is the subject of the next clause, not A's title."""
    last = items[chain[-1]].value
    written = last.org is not None and last.org.end > last.org.start
    return not written and after < len(items) and items[after].kind == "OTHER"
