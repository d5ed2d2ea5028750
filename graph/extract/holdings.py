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

from polgraph.core.model import OrgKind
from polgraph.extract.context import ArticleContext, Match, Place, Sent, skip_qualifiers
from polgraph.extract.orgs import BARE_PARTY_COMMITTEE, BARE_PARTY_GROUP, OrgMatch, OrgParser
from polgraph.extract.persons import PersonMention

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
            i = _skip_aside(ctx, titles, person.end, sentence.end)
            continue
        if ctx.words_at(i, "đối với"):
            items.append(_Item("DOIVOI", i, i + 2))
            i += 2
            continue
        title = titles.parse(i)
        if title is not None:
            after = skip_qualifiers(ctx, title.end)
            stated = _province_after(ctx, after)
            if stated is not None and title.org is not None and not title.org.explicit:
                # "Trưởng đoàn ĐBQH khóa XIII của tỉnh X": the body is X's, and so are
                # the bodies earlier in the chain (see _placed)
                reparsed = titles.parse(i, hint=stated[0])
                if reparsed is not None and reparsed.org is not None:
                    org = reparsed.org._replace(explicit=True, locality=stated[0])
                    title = reparsed._replace(org=org)
                    after = stated[1]
            items.append(_Item("TITLE", i, title.end, title))
            i = after
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
            referent = _pronoun_referent(ctx, honorific, persons, _group_size(ctx, honorific))
            if referent:
                items.append(_Item("PRONOUN", i, honorific.end, referent))
            else:
                items.append(_Item("HON", i, honorific.end, honorific.text.lower()))
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
    items = _read_cues(ctx, items)
    return _career_holder(items, persons)


def _career_holder(items: list[_Item], persons: dict[int, PersonMention]) -> list[_Item]:
    """A career list that opens its own sentence ("Quá trình công tác: Bí thư ...")
    is about the person last named before it: put that person before the cue."""
    for k, item in enumerate(items):
        if item.kind in {"PERSON", "PRONOUN"} or k > 1:
            return items
        if item.kind == "FORMER" and item.value == "từng":
            earlier = [m for start, m in persons.items() if start < item.start]
            if not earlier:
                return items
            holder = max(earlier, key=lambda m: m.start)
            return [*items[:k], _Item("PRONOUN", item.start, item.start, (holder,)), *items[k:]]
    return items


# words that open a career list ("từng qua các vị trí công tác: ...")
_CAREER_OPENERS = frozenset({"từng", "trải", "kinh"})
_CAREER_TEXT = (
    "qua các vị trí công tác chức vụ danh giữ đảm nhiệm nhận trải kinh nghiệm từng nhiều quá"
)
_CAREER_WORDS = frozenset([*_CAREER_TEXT.split(), "cương"])
_DURING = ("trong thời gian", "thời gian", "khi", "lúc")
_VACANCY = ("kiện toàn", "khuyết", "còn trống")


def _words(ctx: ArticleContext, item: _Item) -> list[str]:
    return ctx.doc.span_text(item.start, item.end).lower().split()


_CUE_LAST_WORDS = frozenset({"gian", "khi", "lúc", "toàn", "khuyết", "trống", "vụ", "danh"})


def _may_cue(ctx: ArticleContext, item: _Item, following: _Item | None) -> bool:
    """A cheap look at an item's first and last word before _read_cues reads it all."""
    if ctx.lower(item.start) in _CAREER_OPENERS or ctx.lower(item.start) == "quá":
        return True
    return (
        following is not None
        and following.kind in {"CUR", "TITLE"}
        and ctx.lower(item.end - 1) in _CUE_LAST_WORDS
    )


def _read_cues(ctx: ArticleContext, items: list[_Item]) -> list[_Item]:
    """Cue formulas the lexicon spells word by word, as FORMER / VACANT items:
    a career list ("từng qua các vị trí công tác:") and a title held at a past
    time ("trong thời gian giữ chức vụ") are former; "chờ kiện toàn chức vụ" opens
    a vacancy. One pass, each item looked at once."""
    out: list[_Item] = []
    n = len(items)
    k = 0
    while k < n:
        item = items[k]
        if item.kind == "OTHER" and _may_cue(ctx, item, items[k + 1] if k + 1 < n else None):
            words = _words(ctx, item)
            if words and (
                (words[0] in _CAREER_OPENERS and "từng" in words)
                or words[:2] == ["quá", "trình"]  # "Quá trình công tác / giữ chức vụ:"
            ):
                # absorb the rest of the formula up to the list
                m = k + 1
                while (
                    m < n
                    and items[m].kind in {"OTHER", "HON"}
                    and m - k < 4
                    and all(w in _CAREER_WORDS for w in _words(ctx, items[m]))
                ):
                    m += 1
                if m < n and items[m].kind == "SEP" and items[m].value == ":":
                    m += 1
                if m < n and items[m].kind in {"TITLE", "CUR", "FORMER"}:
                    out.append(_Item("FORMER", item.start, items[m - 1].end, "từng"))
                    if items[m].kind == "CUR":
                        m += 1  # "từng trải qua ... giữ chức": the cue is the career's
                    k = m
                    continue
            text = " ".join(words)
            following = items[k + 1] if k + 1 < n else None
            if following is not None and following.kind == "CUR" and text.endswith(_DURING):
                out.append(item)
                out.append(_Item("FORMER", following.start, following.end, "during"))
                k += 2
                continue
            if (
                following is not None
                and following.kind == "TITLE"
                and any(
                    text.endswith(v)
                    or text.endswith(v + " chức vụ")
                    or text.endswith(v + " chức danh")
                    for v in _VACANCY
                )
            ):
                out.append(_Item("VACANT", item.start, item.end))
                k += 1
                continue
        out.append(item)
        k += 1
    return out


_OPENERS = frozenset({"", ".", "!", "?", ":", ";", '"', "“", "(", "-", "–"})


def _previous_text(ctx: ArticleContext, i: int) -> str:
    """The token before i, skipping spaces; '' at the start or after a line break."""
    j = i - 1
    while j >= 0 and ctx.doc[j].is_space:
        if "\n" in ctx.doc[j].text:
            return ""
        j -= 1
    return ctx.doc[j].text if j >= 0 else ""


_PROVINCE_WORDS = frozenset({"tỉnh", "thành phố", "tp", "tp."})


def _province_after(ctx: ArticleContext, i: int) -> tuple[str, int] | None:
    """'của tỉnh X' right after a title: the province and the token after its name."""
    j = i
    doc = ctx.doc
    while j < len(doc) and doc[j].is_space and "\n" not in doc[j].text:
        j += 1
    if ctx.lower(j) != "của":
        return None
    j += 1
    while j < len(doc) and doc[j].is_space:
        j += 1
    if ctx.lower(j) in _PROVINCE_WORDS:
        j += 1
    elif ctx.words_at(j, "thành phố"):
        j += 2
    while j < len(doc) and doc[j].is_space:
        j += 1
    province = ctx.first_at(j, "PROVINCE")
    return (province.kb_id_, province.end) if province is not None else None


_PRONOUNS = frozenset({"ông", "bà", "anh", "chị", "đồng chí"})


_GROUP_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "2": 2, "3": 3, "4": 4}


def _group_size(ctx: ArticleContext, honorific: Match) -> int:
    """'Cả hai ông', 'hai đồng chí' used alone: how many persons the pronoun means."""
    j = honorific.start - 1
    while j >= 0 and ctx.doc[j].is_space:
        j -= 1
    return _GROUP_WORDS.get(ctx.lower(j), 1) if j >= 0 else 1


def _pronoun_referent(
    ctx: ArticleContext, honorific: Match, persons: dict[int, PersonMention], size: int = 1
) -> tuple[PersonMention, ...]:
    """'ông', 'bà' used alone ("ông từng giữ chức ..."): the person last named;
    'cả hai ông': the two persons last named."""
    word = honorific.text.lower()
    if word not in _PRONOUNS and not (size > 1 and word == "vị"):
        return ()
    if honorific.text[:1].isupper() and _previous_text(ctx, honorific.start) not in _OPENERS:
        return ()  # "Anh hùng Lực lượng vũ trang": a capital inside a sentence is a name
    j = honorific.end
    while j < len(ctx.doc) and ctx.doc[j].is_space and "\n" not in ctx.doc[j].text:
        j += 1
    following = ctx.doc[j] if j < len(ctx.doc) else None
    if following is None or not following.text[:1].islower() or j in persons:
        return ()  # "ông A", "gồm các ông: A": not a pronoun
    earlier: list[PersonMention] = []
    for start in sorted(persons, reverse=True):
        if start < honorific.start and all(m.name != persons[start].name for m in earlier):
            earlier.append(persons[start])
            if len(earlier) == size:
                break
    if len(earlier) < size:
        return ()
    return tuple(earlier[::-1])


def _skip_aside(ctx: ArticleContext, titles: TitleParser, i: int, end: int) -> int:
    """Skip '(sinh năm 1981)' and similar asides right after a name; a chain in
    parentheses ("ông A (Tỉnh ủy viên, Giám đốc Sở Y tế)") is read as apposition."""
    j = i
    doc = ctx.doc
    while j < end and doc[j].is_space and "\n" not in doc[j].text:
        j += 1
    if j < end and doc[j].text == "(":
        first = j + 1
        while first < end and doc[first].is_space:
            first += 1
        if first < end and titles.parse(first) is not None:
            return i
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
        m = _past_unknown_body(items, k, titles)
        while (
            m + 1 < n
            and items[m].kind == "SEP"
            and items[m].value in _CHAIN_SEPARATORS
            and (items[m + 1].kind == "TITLE")
        ):
            chain.append(m + 1)
            m = _past_unknown_body(items, m + 1, titles)
        while m < n and items[m].kind == "TITLE":  # titles run together without commas
            chain.append(m)
            m += 1
        return chain, m

    owners_of: dict[int, list[PersonMention]] = {}  # last title of a chain -> its holders
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
        prev_idx = _apposed_to(items, before, titles)
        if prev_idx >= 0:
            prev_person = items[prev_idx].value
        # what follows: a person directly, or after a comma / honorific
        if before >= 0 and items[before].kind == "VACANT":
            used.update(chain)  # "chờ kiện toàn chức vụ Bí thư": nobody holds it
            k = after
            continue
        next_person = None
        direct = False
        m = after
        if m < n and items[m].kind == "PERSON":
            next_person, direct = items[m].value, True
        elif m < n and items[m].kind == "HON" and m + 1 < n and items[m + 1].kind == "PERSON":
            next_person, direct = items[m + 1].value, True
        elif m + 1 < n and items[m].kind == "SEP" and items[m].value in _BEFORE_NAME:
            if items[m + 1].kind == "PERSON":
                next_person = items[m + 1].value
            elif items[m + 1].kind == "HON" and m + 2 < n and items[m + 2].kind == "PERSON":
                next_person = items[m + 2].value
        owner = None
        listed = -1
        if prev_person is None:
            listed = _list_opener(items, after, titles, _plural_before(items, k, titles))
        if listed >= 0:
            # "các đồng chí Ủy viên Ban Thường vụ: A, ...; B, ...", "R là ông A và ông B"
            owners = _listed(items, listed, titles, clauses=True)
        else:
            after_cue = before >= 0 and items[before].kind in {"CUR", "FORMER"}
            if next_person is not None and (direct or (prev_person is None and not after_cue)):
                # "làm Tổng Thư ký Quốc hội, ông B giữ chức ...": a post after a cue is
                # the cue's, not the next person's
                owner = next_person
            elif prev_person is not None and not _clause_subject(items, chain, after):
                owner = prev_person
            elif prev_person is not None and len(chain) > 1:
                # "ông A, Ủy viên Trung ương Đảng, Giám đốc <unknown body>, được ...":
                # the bodiless last title is dropped, not the chain
                owner = prev_person
                chain = chain[:-1]
            owners = [owner] if owner is not None else []
            if owner is not None and owner is next_person and _plural_before(items, k, titles):
                start = m if items[m].kind != "SEP" else m + 1
                owners = _listed(items, start, titles) or owners
            elif owner is not None and owner is prev_person:
                # "ông A, ông B, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh": the chain is each one's
                owners = _bare_group_before(items, prev_idx)
        placed = _placed(items, chain, titles)
        for person in owners:
            for title in placed:
                results.append((person, title, title.former))
        if owners:
            used.update(chain)
            results.extend(_replaced(items, after, placed, titles))
            owners_of[chain[-1]] = owners
        k = after

    # cues: appointment (current) and dismissal (former); "bãi nhiệm chức vụ R1 đối với
    # ông A; R2 đối với bà B": after ';' a post with its own 'đối với' continues the cue
    cues: list[tuple[int, _Item]] = []
    last_cue: _Item | None = None
    for k, item in enumerate(items):
        if item.kind in {"CUR", "FORMER"}:
            last_cue = item
            cues.append((k, item))
        elif (
            item.kind == "SEP"
            and item.value == ";"
            and last_cue is not None
            and k + 1 < n
            and items[k + 1].kind == "TITLE"
        ):
            _, ends = chain_from(k + 1)
            if ends < n and items[ends].kind == "DOIVOI":
                cues.append((k, last_cue))
    for k, item in cues:
        if item.kind == "CUR" and _nominated(items, k, titles):
            continue
        m = k + 1
        while m < n and (
            (items[m].kind in {"OTHER", "CUR"} and _filler(items[m], titles))
            or (items[m].kind == "SEP" and items[m].value == ":")
        ):
            m += 1
        if m >= n or items[m].kind != "TITLE":
            continue
        chain, after = chain_from(m)
        if item.value == "từng":
            # a career list runs to the end of the sentence, whatever stands between titles
            chain += [idx for idx in range(after, n) if items[idx].kind == "TITLE"]
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
                subjects = _listed(items, first, titles)
                break
            if items[idx].kind in {"FORMER", "TITLE", "PERSON"} or (
                items[idx].kind == "SEP" and items[idx].value in {";", ".", "!", "?"}
            ):
                break
        back = k - 1
        while back >= 0 and items[back].kind == "SEP" and items[back].value in _BEFORE_NAME:
            back -= 1
        if not subjects and back >= 0 and back not in owners_of:
            back = _passive_agent_start(items, back, owners_of, titles)
        if not subjects and back >= 0 and back in owners_of:
            # "A, <chain>, giữ chức R": the cue is about the chain's holders
            subjects = owners_of[back]
            listed = _subject_before(items, k, titles)
            if len(listed) > len(subjects) and subjects[-1] in listed:
                subjects = listed  # "Các ông A, R1; B, R2 được bầu ..."
        if not subjects:
            # "A đã để xảy ra vi phạm trong thời gian giữ chức vụ R": a longer clause
            subjects = _subject_before(items, k, titles, 14 if item.value == "during" else 6)
        if not subjects:
            continue
        if item.kind == "CUR" and _nominated_since(items, k, subjects[0], titles):
            continue
        fresh = [idx for idx in chain if idx not in used]
        placed = _placed(items, fresh, titles)
        former = item.kind == "FORMER"
        respectively = len(subjects) > 1 and _respectively(items, k, titles)
        if respectively and len(placed) == 1:
            # "A, B lần lượt ... Bí thư Tỉnh ủy X, Y": the same post in each place listed
            placed = _places_listed(items, after, placed[0], titles) or placed
        if respectively and len(placed) == len(subjects):
            # "A, B lần lượt được bầu giữ chức R1, R2": paired in order
            for subject, title in zip(subjects, placed, strict=True):
                results.append((subject, title, former or title.former))
        else:
            for subject in subjects:
                for title in placed:
                    results.append((subject, title, former or title.former))
        used.update(chain)
        results.extend(_replaced(items, after, placed, titles))
    # "tham gia Ban Chấp hành ..., Ban Thường vụ ...": membership of each body
    for k, item in enumerate(items):
        if item.kind != "CUR" or item.value not in {"tham gia", "bầu", "được bầu"}:
            continue
        subjects = _subject_before(items, k, titles)
        m = k + 1
        bare: list[_Item] = []  # "Ban Chấp hành", "Ban Thường vụ" named without their committee
        while m < n and (items[m].kind == "ORG" or _bare_body(items[m], titles)):
            org = items[m].value
            if items[m].kind == "OTHER":
                bare.append(items[m])
            elif org.kind in {OrgKind.PARTY_COMMITTEE, OrgKind.PARTY_BODY}:
                for subject in subjects:
                    results.append((subject, TitleMatch(org.start, org.end, "Ủy viên", org), False))
            if m + 1 < n and items[m + 1].kind == "SEP" and items[m + 1].value in {",", "và"}:
                m += 2
            else:
                break
        if bare:
            # "... và giữ chức Phó Bí thư Huyện ủy X": the bodies are those of Huyện ủy X
            results.extend(_joined_bodies(items, m, bare, subjects, titles))
    results.extend(_roster(items, titles))
    return _bodies_named_before(results, items, titles)


def _bodies_named_before(
    results: list[tuple[PersonMention, TitleMatch, bool]], items: list[_Item], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """'Bộ Công Thương hiện có 3 Thứ trưởng: A, B, C': a title written without its
    body takes the body of its head word ('Bộ') named earlier in the sentence."""
    placed: list[tuple[PersonMention, TitleMatch, bool]] = []
    for person, title, former in results:
        if title.org is None:
            info = titles.lex.roles.get(title.role)
            if info is not None and info.head:
                prefix = info.head + " "
                for item in items:
                    if item.start >= title.start:
                        break
                    org = item.value.org if item.kind == "TITLE" else item.value  # type: ignore[union-attr]
                    if (
                        item.kind in {"ORG", "TITLE"}
                        and org is not None
                        and org.name.startswith(prefix)
                    ):
                        body = org  # the nearest before the title
                        title = TitleMatch(title.start, title.end, title.role, body, title.former)
        placed.append((person, title, former))
    return placed


_BARE_BODIES = {"ban chấp hành": "", "ban thường vụ": "Ban Thường vụ "}


def _bare_body(item: _Item, titles: TitleParser) -> bool:
    return item.kind == "OTHER" and " ".join(_words(titles.ctx, item)) in _BARE_BODIES


def _joined_bodies(
    items: list[_Item],
    m: int,
    bare: list[_Item],
    subjects: list[PersonMention],
    titles: TitleParser,
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """Membership of the committee (and its standing board) that the title after
    the list names: "tham gia Ban Chấp hành, Ban Thường vụ và giữ chức Phó Bí thư Huyện
    ủy X" gives Ủy viên of Huyện ủy X and of Ban Thường vụ Huyện ủy X."""
    for idx in range(m, min(m + 4, len(items))):
        if items[idx].kind != "TITLE":
            continue
        committee = items[idx].value.org
        if (
            committee is None
            or committee.kind != OrgKind.PARTY_COMMITTEE
            or committee.name == BARE_PARTY_COMMITTEE
            or committee.name.endswith(" " + BARE_PARTY_COMMITTEE)
        ):
            return []  # a committee named without its place is no organization
        title = items[idx].value
        # "... và giữ chức R": R too; "... và giới thiệu để bầu giữ chức R" is a nomination
        direct = all(items[j].kind in {"CUR", "SEP"} for j in range(m, idx))
        found = [(subject, title, title.former) for subject in subjects] if direct else []
        for item in bare:
            prefix = _BARE_BODIES[" ".join(_words(titles.ctx, item))]
            org = committee
            if prefix:
                org = OrgMatch(
                    item.start,
                    item.end,
                    prefix + committee.name,
                    OrgKind.PARTY_BODY,
                    committee.name,
                    committee.locality,
                )
            for subject in subjects:
                found.append((subject, TitleMatch(item.start, item.end, "Ủy viên", org), False))
        return found
    return []


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
_BEFORE_NAME = frozenset({",", "-", "–", "—"})
_LIST_CUES = frozenset({"là", "gồm", "gồm có", "đó là", "đây là", "có"})
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
    if any(item.kind == "TITLE" for item in items):
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
        items[start].kind == "HON" or (items[start].kind == "SEP" and items[start].value == ":")
    ):
        start += 1
    persons = _listed(items, start, titles)
    if not persons:
        return []
    for k in range(len(previous) - 1, -1, -1):
        if previous[k].kind == "TITLE" and (k == 0 or previous[k - 1].kind != "TITLE"):
            if not _plural_before(previous, k, titles):
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
            return [(person, title, title.former) for person in persons for title in placed]
    return []


def _places_listed(
    items: list[_Item], after: int, title: TitleMatch, titles: TitleParser
) -> list[TitleMatch]:
    """'Bí thư Tỉnh ủy X, Y, Z': the title, then the same body in each province listed
    after it; [] unless the title's body names its province."""
    org = title.org
    if org is None or not org.locality or org.locality not in org.name:
        return []
    found = [title]
    m = after
    while m + 1 < len(items) and len(found) < 10:
        if items[m].kind != "SEP" or items[m].value not in {",", "và"}:
            break
        place = titles.ctx.first_at(items[m + 1].start, "PROVINCE")
        if items[m + 1].kind != "OTHER" or place is None or place.end != items[m + 1].end:
            break
        other = org._replace(
            name=org.name.replace(org.locality, place.kb_id_),
            locality=place.kb_id_,
            start=place.start,
            end=place.end,
            surface="",
        )
        found.append(title._replace(org=other))
        m += 2
    return found if len(found) > 1 else []


def _respectively(items: list[_Item], k: int, titles: TitleParser) -> bool:
    """'lần lượt' (respectively) next to the cue at item k."""
    for m in (k - 1, k - 2, k + 1):
        if (
            0 <= m < len(items)
            and items[m].kind == "OTHER"
            and "lần lượt" in titles.ctx.doc.span_text(items[m].start, items[m].end).lower()
        ):
            return True
    return False


def _plural_before(items: list[_Item], k: int, titles: TitleParser) -> bool:
    """'hai nguyên Phó Chủ tịch ...': the chain is shared by the persons listed after it."""
    if k == 0 or items[k - 1].kind != "OTHER":
        return False
    words = titles.ctx.doc.span_text(items[k - 1].start, items[k - 1].end).lower().split()
    return bool(words) and (words[-1] in _PLURAL or words[-1].isdigit())


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
    return text in _CUE_FILLERS or all(w in _FILLER_WORDS for w in text.split())


# words of the formula between a cue and its post ("phê chuẩn kết quả bầu bổ sung chức vụ")
_FILLER_TEXT = (
    "chức vụ danh kết quả bổ sung việc giữ cương vị lại tiếp tục vào làm các tất cả nhiệm"
)
_FILLER_WORDS = frozenset([*_FILLER_TEXT.split(), "lần", "lượt", "đều", "cùng", "là"])


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


def _coordinated_before(
    items: list[_Item], idx: int, semicolons: bool = False
) -> tuple[list[PersonMention], int]:
    """The person at idx and those coordinated before it by 'và' (or ';' in a list),
    each possibly with its chain; and the index of the first of them."""
    found = [items[idx].value]
    first = idx
    saw_and = False
    for back in range(idx - 1, -1, -1):
        item = items[back]
        if item.kind == "PERSON":
            if not saw_and:
                break
            found.append(item.value)
            first = back
            saw_and = False
            continue
        if item.kind == "SEP" and (item.value == "và" or (semicolons and item.value == ";")):
            saw_and = True
            continue
        if item.kind in {"TITLE", "HON"} or (item.kind == "SEP" and item.value in {",", "-", "–"}):
            continue
        break
    return found[::-1], first  # type: ignore[return-value]


_PLURAL_HONORIFICS = ("các ", "hai ", "ba ", "những ")


def _subjects_at(items: list[_Item], idx: int, titles: TitleParser) -> list[PersonMention]:
    """The subjects ending with the person at idx: 'A và B', a bare list 'A, B', or
    a list opened by a plural honorific whose items ';' separates ("Các ông A, R1; B, R2")."""
    found, _ = _coordinated_before(items, idx)
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
        if title.org is None:
            # "Phó Bí thư, Phó Bí thư Thường trực Tỉnh ủy X": the same post's body
            later = next((t for t in values[position + 1 :] if t.org is not None), None)
            if later is not None and (
                _core_role(later.role) == _core_role(title.role)
                or _RANK_OF.get(later.role.lower()) == title.role.lower()
            ):
                title = title._replace(org=later.org)
        placed.append(title)
    return placed


# heads of bodies of ministerial rank hold the minister's rank in the same body:
# "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ", "Thứ trưởng, Phó Chủ nhiệm Ủy ban Dân tộc"
_RANK_OF = {
    "chủ nhiệm": "bộ trưởng",
    "phó chủ nhiệm": "thứ trưởng",
    "tổng thanh tra": "bộ trưởng",
    "phó tổng thanh tra": "thứ trưởng",
    "thống đốc": "bộ trưởng",
    "phó thống đốc": "thứ trưởng",
}


def _core_role(role: str) -> str:
    """A role without its deputy and standing marks: 'Phó Bí thư Thường trực' -> 'bí thư'."""
    core = role.lower().removeprefix("phó ").removesuffix(" thường trực")
    return core.removeprefix("quyền ")
