"""Holdings: who holds which role in which organization, from title chains.

A sentence is read as a sequence of items — persons, titles (role +
organization), cues ("giữ chức", "miễn nhiệm ... đối với"), separators — and
titles are attached to persons by position:
- a chain right before a name belongs to it ("Bí thư Tỉnh ủy Lê Văn A");
- a chain right after a name, set off by a comma or dash, belongs to it
  ("ông A, Phó Chủ tịch UBND tỉnh");
- a title after an appointment cue belongs to the person the cue is about
  ("được bầu giữ chức Chủ tịch HĐND tỉnh");
- a title after a dismissal cue is former, for the person after "đối với".
"nguyên"/"cựu" before a title marks it former.
"""

from __future__ import annotations

from typing import NamedTuple

from graph.extract.context import ArticleContext, Match, Place, Sent, skip_qualifiers
from graph.extract.orgs import BARE_PARTY_COMMITTEE, BARE_PARTY_GROUP, OrgMatch, OrgParser
from graph.extract.persons import PersonMention
from graph.model import OrgKind

_CHAIN_SEPARATORS = frozenset({",", "và", "kiêm", ";"})
_APPOSITION = frozenset({",", "-", "–", "—", "(", ":"})
_SEPARATOR_WORDS = _CHAIN_SEPARATORS | _APPOSITION | {")", ".", "!", "?"}


class TitleMatch(NamedTuple):
    start: int
    end: int
    role: str
    org: OrgMatch | None
    former: bool = False


class _Item(NamedTuple):
    kind: str  # PERSON TITLE CUR FORMER DOIVOI SEP OTHER
    start: int
    end: int
    value: object = None


class TitleParser:
    def __init__(self, ctx: ArticleContext, orgs: OrgParser) -> None:
        self.ctx = ctx
        self.orgs = orgs
        self.lex = ctx.lexicon

    def parse(self, i: int, hint: str | Place | None = None) -> TitleMatch | None:
        """A title (optionally 'nguyên ...') starting at token i."""
        ctx = self.ctx
        start = i
        former = False
        prefix = ctx.first_at(i, "PREFIX_FORMER")
        if prefix is not None:
            former = True
            i = prefix.end
        role_span = ctx.first_at(i, "ROLE")
        abbr = ctx.first_at(i, "ROLE_ABBR")
        if role_span is None and abbr is None:
            return None
        if role_span is None or (abbr is not None and abbr.end > role_span.end):
            return self._abbreviated(start, abbr, former)
        info = self.lex.roles[role_span.kb_id_]
        end = role_span.end
        qualifier = ctx.first_at(end, "ROLE_ABBR")
        if qualifier is not None:
            # "Phó Bí thư TT Tỉnh ủy": an abbreviated qualifier completes the role
            combined = self.lex.roles.get(f"{role_span.kb_id_} {qualifier.kb_id_}")
            if combined is not None:
                info, end = combined, qualifier.end
        role = info.role
        org = None
        if info.head:
            # "Trưởng Ban Tổ chức Tỉnh ủy": the role's last word opens the organization
            head_start = end - len(info.head.split())
            if self.ctx.doc.span_text(head_start, end).lower() == info.head.lower():
                org = self.orgs.parse(head_start, hint=hint)
                if org is not None and not org.name.startswith(info.head):
                    org = None
        if org is None and not info.no_org:
            org = self.orgs.parse(end, after_role=True, hint=hint)
        in_charge = self.ctx.words_at(end, "phụ trách")
        if org is None and not info.no_org and in_charge:
            # "Phó Giám đốc phụ trách Sở Y tế": the deputy in charge of the body
            org = self.orgs.parse(end + 2, hint=hint)
        if org is None and info.member_of:
            org = self._member_of(info.member_of, end)
            if org is not None and org.start == org.end:
                org = OrgMatch(
                    org.start,
                    org.end,
                    org.name,
                    org.kind,
                    org.parent,
                    org.locality,
                    org.surface,
                    False,
                )
        if org is None and info.implied:
            org = OrgMatch(end, end, info.implied, _implied_kind(info.implied), surface="")
        if org is None and info.needs_org:
            return None
        if org is None and not info.no_org:
            # a body the lexicon cannot name or place ("Sở Ngoại thương", a "Thành ủy"
            # with no city in sight): the title is lost, not the chain it stands in
            end = max(end, self.orgs.unknown_body_end(end))
        if org is not None and info.only_with and org.name not in info.only_with:
            return None
        if org is not None:
            remapped = self.lex.remap.get((role, org.name))
            if remapped is not None:
                role = remapped[0]
                org = OrgMatch(
                    org.start,
                    org.end,
                    remapped[1],
                    OrgKind.PARTY_BODY,
                    "Ban Chấp hành Trung ương Đảng",
                    None,
                    "",  # "Trung ương Đảng" names the committee, not the body it maps to
                )
            end = max(end, org.end)
        return TitleMatch(start, end, role, org, former)

    def _abbreviated(self, start: int, abbr: Match, former: bool) -> TitleMatch | None:
        expansion = abbr.kb_id_
        if expansion == "Đại biểu Quốc hội":
            org = OrgMatch(abbr.start, abbr.end, "Quốc hội", OrgKind.LEGISLATURE)
            return TitleMatch(start, abbr.end, "Đại biểu", org, former)
        if expansion == "Ủy viên Trung ương Đảng":
            org = OrgMatch(
                abbr.start, abbr.end, "Ban Chấp hành Trung ương Đảng", OrgKind.PARTY_COMMITTEE
            )
            return TitleMatch(start, abbr.end, "Ủy viên", org, former)
        if expansion not in self.lex.roles:
            return None
        info = self.lex.roles[expansion]
        org = self.orgs.parse(abbr.end, after_role=True)
        if org is None and info.member_of:
            # "TUV" (Tỉnh ủy viên): a member of the committee of the place in context
            org = self._member_of(info.member_of, abbr.end)
        if org is None:
            return None
        return TitleMatch(start, org.end, self.lex.roles[expansion].role, org, former)

    def _member_of(self, committee: str, end: int) -> OrgMatch | None:
        explicit = self.orgs.parse(end)
        if explicit is not None and explicit.kind == OrgKind.PARTY_COMMITTEE:
            return explicit
        # "Tỉnh ủy viên": the committee of the place in context
        return self.orgs.context_committee(committee, end)


def _implied_kind(name: str) -> OrgKind:
    if name == "Ban Chấp hành Trung ương Đảng":
        return OrgKind.PARTY_COMMITTEE
    if name == "Quốc hội":
        return OrgKind.LEGISLATURE
    return OrgKind.GOVERNMENT


def sentence_items(
    ctx: ArticleContext, titles: TitleParser, sentence: Sent, persons: dict[int, PersonMention]
) -> list[_Item]:
    """The sentence as items, longest match first, left to right."""
    items: list[_Item] = []
    i = sentence.start
    tokens = ctx.doc.tokens
    has_match = ctx.by_start
    other_start = -1  # start of the run of plain words being read, if any
    while i < sentence.end:
        token = tokens[i]
        if token.is_space:
            i += 1
            continue
        text = token.text
        if i not in has_match and i not in persons and text != "đối" and text != "Đối":
            # plain word: no lexicon entry starts here
            if text in _SEPARATOR_WORDS:
                if other_start >= 0:
                    items.append(_Item("OTHER", other_start, i))
                    other_start = -1
                items.append(_Item("SEP", i, i + 1, text))
            elif other_start < 0:
                # continue a run the previous token left open
                other_start = items.pop().start if items and items[-1].kind == "OTHER" else i
            i += 1
            continue
        if other_start >= 0:
            items.append(_Item("OTHER", other_start, i))
            other_start = -1
        person = persons.get(i)
        if person is not None:
            items.append(_Item("PERSON", i, person.end, person))
            i = _skip_aside(ctx, person.end, sentence.end)
            continue
        if ctx.words_at(i, "đối với"):
            items.append(_Item("DOIVOI", i, i + 2))
            i += 2
            continue
        title = titles.parse(i)
        if title is not None:
            items.append(_Item("TITLE", i, title.end, title))
            i = skip_qualifiers(ctx, title.end)
            continue
        former = ctx.first_at(i, "FORMER")
        if former is not None:
            items.append(_Item("FORMER", i, former.end, former.kb_id_))
            i = former.end
            continue
        current = ctx.first_at(i, "CUR")
        if current is not None:
            items.append(_Item("CUR", i, current.end, current.kb_id_))
            i = current.end
            continue
        honorific = ctx.first_at(i, "HON")
        if honorific is not None:
            referent = _pronoun_referent(ctx, honorific, persons)
            if referent is not None:
                items.append(_Item("PRONOUN", i, honorific.end, referent))
            else:
                items.append(_Item("HON", i, honorific.end))
            i = honorific.end
            continue
        if (
            token.text in _CHAIN_SEPARATORS
            or token.text in _APPOSITION
            or token.text in {")", ".", "!", "?"}
        ):
            items.append(_Item("SEP", i, i + 1, token.text))
        else:
            org = (
                ctx.first_at(i, "COMMITTEE")
                or ctx.first_at(i, "NATORG")
                or ctx.first_at(i, "SUB")
                or ctx.first_at(i, "DEPT")
                or ctx.first_at(i, "UNIT")
            )
            if org is not None:
                parsed = titles.orgs.parse(i)
                if parsed is not None:
                    items.append(_Item("ORG", i, parsed.end, parsed))
                    i = parsed.end
                    continue
            if items and items[-1].kind == "OTHER":
                items[-1] = _Item("OTHER", items[-1].start, i + 1, None)
            else:
                items.append(_Item("OTHER", i, i + 1))
        i += 1
    if other_start >= 0:
        items.append(_Item("OTHER", other_start, sentence.end))
    return items


_PRONOUNS = frozenset({"ông", "bà", "anh", "chị"})


def _pronoun_referent(
    ctx: ArticleContext, honorific: Match, persons: dict[int, PersonMention]
) -> PersonMention | None:
    """'ông', 'bà' used alone ("ông từng giữ chức ..."): the person last named."""
    if honorific.text.lower() not in _PRONOUNS:
        return None
    following = ctx.doc[honorific.end] if honorific.end < len(ctx.doc) else None
    if following is None or following.text[:1].isupper() or honorific.end in persons:
        return None
    earlier = [m for start, m in persons.items() if start < honorific.start]
    if not earlier:
        return None
    return max(earlier, key=lambda m: m.start)


def _skip_aside(ctx: ArticleContext, i: int, end: int) -> int:
    """Skip '(sinh năm 1981)' and similar asides right after a name."""
    j = i
    doc = ctx.doc
    while j < end and doc[j].is_space and "\n" not in doc[j].text:
        j += 1
    if j < end and doc[j].text == "(":
        close = j + 1
        while close < end and doc[close].text != ")" and close - j < 15:
            close += 1
        if close < end and doc[close].text == ")":
            return close + 1
    return i


_NOMINATION = ("đề nghị", "giới thiệu", "đề cử", "dự kiến", "ứng cử", "trình")
_CUE_FILLERS = frozenset(
    {
        "chức",
        "chức vụ",
        "chức danh",
        "làm",
        "giữ",
        "vào",
        "cương vị",
        "lại",
        "tiếp tục",
        "giữ chức",
        "các chức vụ",
        "tất cả các chức vụ",
    }
)
_PLURAL = frozenset({"hai", "ba", "bốn", "các", "những", "2", "3", "4"})


def attach_titles(
    items: list[_Item], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """(person, title, former) for every title the sentence attaches to a person."""
    results: list[tuple[PersonMention, TitleMatch, bool]] = []
    used: set[int] = set()
    n = len(items)

    def chain_from(k: int) -> tuple[list[int], int]:
        """Indexes of TITLE items in a chain starting at k, and the index after it."""
        chain = [k]
        m = k + 1
        while (
            m + 1 < n
            and items[m].kind == "SEP"
            and items[m].value in _CHAIN_SEPARATORS
            and (items[m + 1].kind == "TITLE")
        ):
            chain.append(m + 1)
            m += 2
        while m < n and items[m].kind == "TITLE":  # titles run together without commas
            chain.append(m)
            m += 1
        return chain, m

    k = 0
    while k < n:
        item = items[k]
        if item.kind != "TITLE" or k in used:
            k += 1
            continue
        chain, after = chain_from(k)
        before = k - 1
        # what precedes the chain: a person set off by apposition?
        prev_person = None
        if before >= 0 and items[before].kind == "SEP" and items[before].value in _APPOSITION:
            if before - 1 >= 0 and items[before - 1].kind == "PERSON":
                prev_person = items[before - 1].value
        elif before >= 0 and items[before].kind == "PERSON":
            prev_person = items[before].value
        # what follows: a person directly, or after a comma / honorific
        next_person = None
        direct = False
        m = after
        if m < n and items[m].kind == "PERSON":
            next_person, direct = items[m].value, True
        elif m < n and items[m].kind == "HON" and m + 1 < n and items[m + 1].kind == "PERSON":
            next_person, direct = items[m + 1].value, True
        elif m + 1 < n and items[m].kind == "SEP" and items[m].value == ",":
            if items[m + 1].kind == "PERSON":
                next_person = items[m + 1].value
            elif items[m + 1].kind == "HON" and m + 2 < n and items[m + 2].kind == "PERSON":
                next_person = items[m + 2].value
        owner = None
        if next_person is not None and (direct or prev_person is None):
            owner = next_person
        elif prev_person is not None and not _clause_subject(items, chain, after):
            owner = prev_person
        owners = [owner] if owner is not None else []
        if owner is not None and owner is next_person and _plural_before(items, k, titles):
            start = m if items[m].kind != "SEP" else m + 1
            owners = _coordinated_after(items, start) or owners
        for person in owners:
            for title in _placed(items, chain, titles):
                results.append((person, title, title.former))
        if owners:
            used.update(chain)
        k = after

    # cues: appointment (current) and dismissal (former)
    for k, item in enumerate(items):
        if item.kind not in {"CUR", "FORMER"}:
            continue
        if item.kind == "CUR" and _nominated(items, k, titles):
            continue
        m = k + 1
        while m < n and items[m].kind in {"OTHER", "CUR"} and _filler(items[m], titles):
            m += 1
        if m >= n or items[m].kind != "TITLE":
            continue
        chain, after = chain_from(m)
        subjects: list[PersonMention] = []
        for idx in range(after, n):
            if items[idx].kind == "DOIVOI":
                first = idx + 1
                if (
                    first < n
                    and items[first].kind == "OTHER"
                    and (items[first].end - items[first].start == 1)
                ):
                    first += 1  # "đối với hai đồng chí A và B"
                subjects = _coordinated_after(items, first)
                break
            if items[idx].kind in {"CUR", "FORMER", "TITLE"}:
                break
        if not subjects:
            subjects = _subject_before(items, k)
        if not subjects:
            continue
        if item.kind == "CUR" and _nominated_since(items, k, subjects[0], titles):
            continue
        fresh = [idx for idx in chain if idx not in used]
        for subject in subjects:
            for title in _placed(items, fresh, titles):
                results.append((subject, title, item.kind == "FORMER" or title.former))
        used.update(chain)
    # "tham gia Ban Chấp hành ..., Ban Thường vụ ...": membership of each body
    for k, item in enumerate(items):
        if item.kind != "CUR" or item.value not in {"tham gia", "bầu", "được bầu"}:
            continue
        subjects = _subject_before(items, k)
        m = k + 1
        while m < n and items[m].kind == "ORG":
            org = items[m].value
            if org.kind in {OrgKind.PARTY_COMMITTEE, OrgKind.PARTY_BODY}:
                for subject in subjects:
                    results.append((subject, TitleMatch(org.start, org.end, "Ủy viên", org), False))
            if m + 1 < n and items[m + 1].kind == "SEP" and items[m + 1].value in {",", "và"}:
                m += 2
            else:
                break
    results.extend(_roster(items, titles))
    return results


def _plural_before(items: list[_Item], k: int, titles: TitleParser) -> bool:
    """'hai nguyên Phó Chủ tịch ...': the chain is shared by the persons listed after it."""
    if k == 0 or items[k - 1].kind != "OTHER":
        return False
    words = titles.ctx.doc.span_text(items[k - 1].start, items[k - 1].end).lower().split()
    return bool(words) and words[-1] in _PLURAL


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


def _nominated(items: list[_Item], k: int, titles: TitleParser) -> bool:
    """'đề nghị bầu', 'giới thiệu để bầu': a nomination is not a holding."""
    doc = titles.ctx.doc
    for back in range(k - 1, max(-1, k - 3), -1):
        item = items[back]
        if item.kind not in {"OTHER", "CUR"}:
            break
        text = doc.span_text(item.start, item.end).lower()
        if any(word in text for word in _NOMINATION):
            return True
    return False


def _nominated_since(
    items: list[_Item], k: int, subject: PersonMention, titles: TitleParser
) -> bool:
    """'giới thiệu ông A, ..., để HĐND bầu giữ chức X': the cue is a proposal when
    a nomination word stands just before the person or between the person and it."""
    doc = titles.ctx.doc
    position = next((m for m in range(k) if items[m].value is subject), None)
    if position is None:
        return False
    for m in range(max(0, position - 3), k):
        if items[m].kind in {"OTHER", "CUR"}:
            text = doc.span_text(items[m].start, items[m].end).lower()
            if any(word in text for word in _NOMINATION):
                return True
    return False


def _filler(item: _Item, titles: TitleParser) -> bool:
    """Words allowed between an appointment cue and its title ('giữ chức vụ')."""
    if item.kind == "CUR":
        return True
    text = titles.ctx.doc.span_text(item.start, item.end).lower()
    return text in _CUE_FILLERS


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


_MAX_GAP = 6  # tokens of other words allowed between a person and the cue about them


def _subject_before(items: list[_Item], k: int) -> list[PersonMention]:
    """The persons a cue at item k is about: the nearest one before it (provided
    only its titles and a few words stand between them) and those coordinated
    with it by 'và' ("bầu bà A, Giám đốc Sở X và ông B, Bí thư Huyện ủy Y giữ chức")."""
    gap = 0
    for back in range(k - 1, -1, -1):
        item = items[back]
        if item.kind == "PERSON":
            return _coordinated_before(items, back)
        if item.kind == "PRONOUN":
            return [item.value]  # type: ignore[list-item]
        if item.kind == "OTHER":
            gap += item.end - item.start
        elif item.kind == "SEP" and item.value in {".", ";", "!", "?"}:
            return []
        if gap > _MAX_GAP:
            return []
    return []


def _coordinated_before(items: list[_Item], idx: int) -> list[PersonMention]:
    found = [items[idx].value]
    saw_and = False
    for back in range(idx - 1, -1, -1):
        item = items[back]
        if item.kind == "PERSON":
            if not saw_and:
                break
            found.append(item.value)
            saw_and = False
            continue
        if item.kind == "SEP" and item.value == "và":
            saw_and = True
            continue
        if item.kind in {"TITLE", "HON"} or (item.kind == "SEP" and item.value in {",", "-", "–"}):
            continue
        break
    return found[::-1]  # type: ignore[return-value]


def _coordinated_after(items: list[_Item], idx: int) -> list[PersonMention]:
    """Persons listed after item idx: 'ông A và ông B', 'hai đồng chí A và B'."""
    found: list[PersonMention] = []
    m = idx
    while m < len(items):
        item = items[m]
        if item.kind == "PERSON":
            found.append(item.value)  # type: ignore[arg-type]
            m += 1
            if m < len(items) and items[m].kind == "SEP" and items[m].value in {"và", ","}:
                m += 1
                continue
            break
        if item.kind == "HON":
            m += 1
            continue
        break
    return found


def _clause_subject(items: list[_Item], chain: list[int], after: int) -> bool:
    """'Ngoài ông A, Thủ tướng cũng ký...': a bare title (no organization written)
    followed by a verb is the subject of the next clause, not A's title."""
    last = items[chain[-1]].value
    written = last.org is not None and last.org.end > last.org.start
    return not written and after < len(items) and items[after].kind == "OTHER"


_COMMITTEE_OWNERS = frozenset({OrgKind.GOVERNMENT, OrgKind.OTHER})
_GROUP_OWNERS = frozenset(
    {OrgKind.GOVERNMENT, OrgKind.OTHER, OrgKind.MASS_ORGANIZATION, OrgKind.LEGISLATURE}
)


def _placed(items: list[_Item], chain: list[int], titles: TitleParser) -> list[TitleMatch]:
    """Titles of a chain, the bare ones placed by the chain's explicit locality."""
    placed: list[TitleMatch] = []
    values = [items[idx].value for idx in chain]
    for position, title in enumerate(values):
        org = title.org
        if org is not None and (
            org.name in {BARE_PARTY_COMMITTEE, BARE_PARTY_GROUP}
            or org.name.endswith(" " + BARE_PARTY_COMMITTEE)
        ):
            # "Bí thư Đảng ủy, Giám đốc Sở X": the party committee of Sở X;
            # "Phó Bí thư Đảng đoàn, Phó Chủ tịch Hội X": the party group of Hội X
            owners = _GROUP_OWNERS if org.name == BARE_PARTY_GROUP else _COMMITTEE_OWNERS
            owner = next(
                (
                    t.org
                    for t in values[position + 1 :]
                    if t.org is not None and t.org.kind in owners
                ),
                None,
            )
            if owner is None:
                continue
            kind = OrgKind.PARTY_COMMITTEE if org.name == BARE_PARTY_COMMITTEE else org.kind
            org = OrgMatch(
                org.start,
                org.end,
                titles.orgs.completed_name(org.name, owner),
                kind,
                None,
                owner.locality,
                org.surface,
                owner.explicit,
            )
            title = TitleMatch(title.start, title.end, title.role, org, title.former)
        unresolved = org is None and position + 1 < len(values)
        if unresolved or (org is not None and not org.explicit and org.start < org.end):
            # a body placed by context, or one whose place was not found ("Bí thư
            # Thành ủy, Chủ tịch HĐND thành phố X"): the chain's later place decides
            later = next(
                (
                    t.org.place or t.org.locality
                    for t in values[position + 1 :]
                    if t.org is not None and t.org.explicit and t.org.locality
                ),
                None,
            )
            if later and (org is None or later not in {org.locality, org.place}):
                reparsed = titles.parse(title.start, hint=later)
                if reparsed is not None and (org is not None or reparsed.end == title.end):
                    title = reparsed
        placed.append(title)
    return placed
