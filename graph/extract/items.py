"""A sentence as items (persons, titles, separators, cues), what holdings attach.

Cue words (career lists, 'trong thời gian', vacancies), pronouns and group sizes are read
here once, so the attaching rules see one flat list per sentence.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import compress, count

from polgraph.extract.context import ArticleContext, skip_qualifiers
from polgraph.extract.holder_cues import before_retiring
from polgraph.extract.item_asides import _skip_aside
from polgraph.extract.persons import PersonMention
from polgraph.extract.titles import (
    _APPOSITION,
    _CHAIN_SEPARATORS,
    _SEPARATOR_WORDS,
    TitleParser,
    _Item,
    _words,
)
from polgraph.extract.tokens import Match, Sent

_CUE_OPENERS = frozenset({"đối", "Đối", "tân"})  # "đối với"; "tân Giám đốc": a new holder
_CLOSERS = frozenset({")", ".", "!", "?"})
# the labels whose matches make items other than titles (FORMER, CUR, HON, ORG)
_ITEM_LABELS = frozenset({"FORMER", "CUR", "HON", "COMMITTEE", "NATORG", "SUB", "DEPT", "UNIT"})
_new = tuple.__new__  # an _Item without the named tuple's Python-level __new__


def item_stops(
    ctx: ArticleContext, titles: TitleParser, persons: dict[int, PersonMention]
) -> list[int]:
    """The article's tokens where ``sentence_items`` has something to do, in order, then
    the article's length: tokens a match or a person starts at, cue and title openers,
    separators.  Between two of them every token is a space or a plain word, which
    only extends the run of plain words the first one opened; so the reader jumps."""
    marked = set(ctx.by_start)
    marked.update(persons)
    words = ctx.doc.words
    wanted = _CUE_OPENERS | titles.bare_openers | _SEPARATOR_WORDS
    marked.update(compress(count(), map(wanted.__contains__, words)))
    return [*sorted(marked), len(words)]


def sentence_items(
    ctx: ArticleContext,
    titles: TitleParser,
    sentence: Sent,
    persons: dict[int, PersonMention],
    stops: list[int] | None = None,
) -> list[_Item]:
    """The sentence as items, longest match first, left to right.  ``stops`` is
    ``item_stops`` of the article (worked out here when not given)."""
    if stops is None:
        stops = item_stops(ctx, titles, persons)
    items: list[_Item] = []
    i = sentence.start
    end = sentence.end
    words = ctx.doc.words
    spaces = ctx.doc.spaces
    lowers = ctx.doc.lowers
    has_match = ctx.by_start
    bare_openers = titles.bare_openers
    title_starts = titles.starts
    item_starts = ctx.starts_of(_ITEM_LABELS)
    other_start = -1  # start of the run of plain words being read, if any
    while i < end:
        if spaces[i]:
            i += 1
            continue
        text = words[i]
        if (
            i not in has_match
            and i not in persons
            and text not in _CUE_OPENERS
            and text not in bare_openers
        ):
            # plain word: no lexicon entry starts here
            if text in _SEPARATOR_WORDS:
                if other_start >= 0:
                    items.append(_new(_Item, ("OTHER", other_start, i, None)))
                    other_start = -1
                items.append(_new(_Item, ("SEP", i, i + 1, text)))
                i += 1
                continue
            if other_start < 0:
                # continue a run the previous token left open
                other_start = items.pop().start if items and items[-1].kind == "OTHER" else i
            i = stops[bisect_right(stops, i)]  # what follows up to there extends the run
            continue
        if other_start >= 0:
            items.append(_new(_Item, ("OTHER", other_start, i, None)))
            other_start = -1
        person = persons.get(i)
        if person is not None:
            items.append(_new(_Item, ("PERSON", i, person.end, person)))
            i = _skip_aside(ctx, titles, person.end, sentence.end)
            continue
        if lowers[i] == "đối" and lowers[i : i + 2] == _DOI_VOI:  # ctx.words_at(i, "đối với")
            items.append(_new(_Item, ("DOIVOI", i, i + 2, None)))
            i += 2
            continue
        title = titles.parse(i) if i in title_starts else None
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
            items.append(_new(_Item, ("TITLE", i, title.end, title)))
            i = after
            continue
        known = i in item_starts  # else no cue, honorific or body starts here
        former = ctx.first.get((i, "FORMER")) if known else None
        if former is not None:
            items.append(_new(_Item, ("FORMER", i, former.end, former.kb_id_)))
            i = former.end
            continue
        current = ctx.first.get((i, "CUR")) if known else None
        if current is not None:
            items.append(_new(_Item, ("CUR", i, current.end, current.kb_id_)))
            i = current.end
            continue
        honorific = ctx.first.get((i, "HON")) if known else None
        if honorific is not None:
            referent = _pronoun_referent(ctx, honorific, persons, _group_size(ctx, honorific))
            if referent:
                items.append(_new(_Item, ("PRONOUN", i, honorific.end, referent)))
            else:
                items.append(_new(_Item, ("HON", i, honorific.end, honorific.text.lower())))
            i = honorific.end
            continue
        if text in _CHAIN_SEPARATORS or text in _APPOSITION or text in _CLOSERS:
            items.append(_new(_Item, ("SEP", i, i + 1, text)))
        else:
            org = known and (
                ctx.first.get((i, "COMMITTEE"))
                or ctx.first.get((i, "NATORG"))
                or ctx.first.get((i, "SUB"))
                or ctx.first.get((i, "DEPT"))
                or ctx.first.get((i, "UNIT"))
            )
            if org:
                parsed = titles.orgs.parse(i)
                if parsed is not None:
                    items.append(_new(_Item, ("ORG", i, parsed.end, parsed)))
                    i = parsed.end
                    continue
            if items and items[-1].kind == "OTHER":
                items[-1] = _new(_Item, ("OTHER", items[-1].start, i + 1, None))
            else:
                items.append(_new(_Item, ("OTHER", i, i + 1, None)))
        i += 1
    if other_start >= 0:
        items.append(_new(_Item, ("OTHER", other_start, end, None)))
    said = lowers[sentence.start : end]
    if not _CUE_WORDS.isdisjoint(said):  # else no item is a cue (see _may_cue)
        items = _read_cues(ctx, items)
    if "hưu" in said:
        items = before_retiring(ctx, items)
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


_CUE_LAST_WORDS = frozenset({"gian", "khi", "lúc", "toàn", "khuyết", "trống", "vụ", "danh", "khỏi"})


_CAREER_ENDS = frozenset({"như"})
_DOI_VOI = ["đối", "với"]
_PASSED = (["kinh", "qua"], ["trải", "qua"])
_PASSED_OPENERS = frozenset({"kinh", "trải"})


def _career_formula(words: list[str]) -> bool:
    """'(đã) kinh qua / trải qua (nhiều) vị trí như': a career list opens after it; the
    words from 'kinh qua' on are all the formula's."""
    for i in range(len(words) - 1):
        if words[i : i + 2] in _PASSED:
            return all(w in _CAREER_WORDS or w in _CAREER_ENDS for w in words[i:])
    return False


_LEAVE_VERBS = frozenset({"rút", "ra", "rời"})
_POST_WORDS = frozenset({"chức", "vụ", "danh", "vị", "trí", "cương"})


def _leaving(words: list[str], before: list[_Item]) -> bool:
    """'khỏi (chức vụ)' before a title: after a dismissal cue ("miễn nhiệm ông A khỏi
    chức vụ R") or a verb of leaving ("rút khỏi chức vụ R")."""
    if "khỏi" not in words:
        return False
    at = words.index("khỏi")
    if not all(w in _POST_WORDS for w in words[at + 1 :]):
        return False
    if at == 0:
        return any(o.kind == "FORMER" for o in before)
    return words[at - 1] in _LEAVE_VERBS


# every word _may_cue looks for: a sentence with none of them has no cue
_CUE_WORDS = _CAREER_OPENERS | {"quá"} | _PASSED_OPENERS | _CUE_LAST_WORDS


def _may_cue(ctx: ArticleContext, item: _Item, following: _Item | None) -> bool:
    """A cheap look at an item's first and last word before _read_cues reads it all."""
    lowers = ctx.doc.lowers  # an OTHER item's tokens are the text's: no bounds to check
    first = lowers[item.start]
    if first in _CAREER_OPENERS or first == "quá":
        return True
    if not _PASSED_OPENERS.isdisjoint(lowers[item.start + 1 : item.end]):
        return True  # "đã kinh qua nhiều vị trí như": the opener inside the item
    return (
        following is not None
        and following.kind in {"CUR", "TITLE"}
        and lowers[item.end - 1] in _CUE_LAST_WORDS
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
                or _career_formula(words)
            ):
                # absorb the rest of the formula up to the list
                m = k + 1
                while (
                    m < n
                    and items[m].kind in {"OTHER", "HON"}
                    and m - k < 4
                    and all(w in _CAREER_WORDS or w in _CAREER_ENDS for w in _words(ctx, items[m]))
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
            if following is not None and following.kind == "TITLE" and _leaving(words, out):
                # "miễn nhiệm ông A khỏi chức vụ R", "rút khỏi chức vụ R": a post left
                out.append(_Item("FORMER", item.start, item.end, "khỏi"))
                k += 1
                continue
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
    while j >= 0 and ctx.doc.spaces[j]:
        if "\n" in ctx.doc.words[j]:
            return ""
        j -= 1
    return ctx.doc.words[j] if j >= 0 else ""


_PROVINCE_WORDS = frozenset({"tỉnh", "thành phố", "tp", "tp."})


def _province_after(ctx: ArticleContext, i: int) -> tuple[str, int] | None:
    """'của tỉnh X' right after a title: the province and the token after its name."""
    j = i
    doc = ctx.doc
    while j < len(doc) and doc.spaces[j] and "\n" not in doc.words[j]:
        j += 1
    if ctx.lower(j) != "của":
        return None
    j += 1
    while j < len(doc) and doc.spaces[j]:
        j += 1
    if ctx.lower(j) in _PROVINCE_WORDS:
        j += 1
    elif ctx.words_at(j, "thành phố"):
        j += 2
    while j < len(doc) and doc.spaces[j]:
        j += 1
    province = ctx.first.get((j, "PROVINCE"))
    return (province.kb_id_, province.end) if province is not None else None


_PRONOUNS = frozenset({"ông", "bà", "anh", "chị", "đồng chí"})


_GROUP_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "2": 2, "3": 3, "4": 4}


def _group_size(ctx: ArticleContext, honorific: Match) -> int:
    """'Cả hai ông', 'hai đồng chí' used alone: how many persons the pronoun means."""
    j = honorific.start - 1
    while j >= 0 and ctx.doc.spaces[j]:
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
    while j < len(ctx.doc) and ctx.doc.spaces[j] and "\n" not in ctx.doc.words[j]:
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
