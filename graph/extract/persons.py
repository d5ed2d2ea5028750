"""Person names: a family name from the surname lexicon, then capitalised syllables.

A full Vietnamese name is 2–5 syllables ("Tạ Khang", "Phùng Thị Thu Vân",
"Đỗ Trương Hải Nguyên").  Place names built the same way ("Hà Nội", "Lâm Bình")
are rejected with the gazetteer; bylines and photo credits are not people of
the story.  Short references ("ông Dũng", "bà Nga") are resolved afterwards to
the full name they end with.  The cues around a run that say whether it is a
name (titles, honorifics, places, bylines) are ``person_cues``'.
"""

from __future__ import annotations

from itertools import compress, count
from typing import NamedTuple

from polgraph.extract.context import ArticleContext
from polgraph.extract.person_cues import (
    _HONORIFIC_LABELS,
    _NOT_PERSON_BEFORE,
    _TITLE_LABELS,
    _UNIT_WORDS,
    NAME_SYLLABLES,
    _after_city_body,
    _after_district_committee,
    _commemorated,
    _is_byline,
    _is_name_syllable,
    _previous_is_org,
    _previous_word,
    _year_name,
)
from polgraph.nlp import gazetteer

# Capitalised syllables that open titles and bodies, never part of a name.
_NEVER_IN_NAME = frozenset(
    {
        "Thứ",
        "Chủ",
        "Phó",
        "Bí",
        "Trưởng",
        "Tổng",
        "Ủy",
        "Ban",
        "Sở",
        "Bộ",
        "Tỉnh",
        "Huyện",
        "Quận",
        "Đảng",
        "Kỳ",
        "Hội",
        "Chỉ",
        "Kết",
        "Kế",
        "Chương",
        "Thủ",
        "Giám",
        "Uỷ",
        "Đồng",
    }
)
_INSIDE_LABELS = frozenset({"PROVINCE", "DISTRICT", "COMMITTEE", "NATORG", "SUB", "DEPT", "ROLE"})
_NOT_NAMES = frozenset({"Việt Nam", "Trung Quốc", "Hoa Kỳ", "Liên Hợp", "Nhà Nước"})
_STOP_LABELS = frozenset(
    {"ROLE", "COMMITTEE", "NATORG", "SUB", "DEPT", "LOCWORD", "DOCTYPE", "ROLE_ABBR"}
)
_MAX_SYLLABLES = 5


class PersonMention(NamedTuple):
    start: int
    end: int
    name: str
    short: bool = False  # a short reference ("ông Dũng") resolved to ``name``
    surface: str = ""


def find_persons(ctx: ArticleContext) -> list[PersonMention]:
    """Full-name mentions, in text order."""
    doc = ctx.doc
    mentions: list[PersonMention] = []
    inside_place: set[int] = set()
    # the longest place, title or body at each start (by_start's first with those labels)
    place_ends: dict[int, int] = {}
    for (start, label), match in ctx.first.items():
        if label in _INSIDE_LABELS and match.end > place_ends.get(start, -1):
            place_ends[start] = match.end
    position = 0
    for start in sorted(place_ends):
        if start < position:
            continue
        # inside a place, a title or a body no name begins ("Tỉnh Đoàn Hậu Giang")
        inside_place.update(range(start + 1, place_ends[start]))
        position = place_ends[start]
    i = 0
    spaces = doc.spaces
    honorific_ends = ctx.ends_of(_HONORIFIC_LABELS)
    title_ends = ctx.ends_of(_TITLE_LABELS)
    # only a name syllable (capitalised) can open a name: visit those
    for syllable in compress(count(), map(NAME_SYLLABLES.__getitem__, doc.words)):
        if syllable < i:
            continue
        i = syllable
        token = doc[i]
        if i in inside_place:
            continue
        # _after_honorific and _after_title, written out: both look at the token before
        j = i - 1
        while j >= 0 and spaces[j]:
            j -= 1
        after_honorific = j >= 0 and j + 1 in honorific_ends
        known_surname = token.text in ctx.lexicon.surnames
        if not (
            known_surname
            or (
                (after_honorific or j + 1 in title_ends)
                and all(  # no title, body, place or cue starts here ("đồng chí Ông Văn Khởi")
                    span.label_ == "HON" and after_honorific for span in ctx.by_start.get(i, ())
                )
                and " ".join(_run(ctx, i)[:2]) not in _NOT_NAMES
                and token.text not in _NEVER_IN_NAME
                and _unlisted_name(ctx, i)
            )
        ):
            continue
        # a place name here, right after a unit or committee word, is a locality
        place = ctx.first.get((i, "PROVINCE")) or ctx.first.get((i, "DISTRICT"))
        if place is not None and not after_honorific:
            rest = _run(ctx, place.end)
            if (
                _previous_word(ctx, i) in _NOT_PERSON_BEFORE
                or _previous_is_org(ctx, i)
                or (len(rest) >= 2 and doc.words[place.end] in ctx.lexicon.surnames)
                or not rest
            ):
                i = place.end
                continue
        run = _run(ctx, i)
        if len(run) < 2:
            continue
        end = i + len(run)
        name = " ".join(run)
        if len(run) > _MAX_SYLLABLES:
            i = end
            continue
        previous = _previous_word(ctx, i)
        if not after_honorific and (
            gazetteer.is_place_name(name)
            or (len(run) == 2 and _after_district_committee(ctx, i))
            or (previous in _NOT_PERSON_BEFORE and not _after_city_body(ctx, i, run))
            or (previous in _UNIT_WORDS and place is not None)
        ):
            i = end
            continue
        if _is_byline(ctx, i, end) or _commemorated(ctx, i) or _year_name(run):
            i = end
            continue
        mentions.append(PersonMention(i, end, name, surface=doc.span_text(i, end)))
        i = end
    return mentions


def _unlisted_name(ctx: ArticleContext, i: int) -> bool:
    """After 'ông'/'bà', a name whose family name the lexicon lacks ("bà H'Lina
    Ênuôl, Phó Chủ tịch ..."): three syllables, or two set off by a comma."""
    run = _run(ctx, i)
    if len(run) >= 3:
        return True
    if len(run) == 2:
        k = i + 2
        while k < len(ctx.doc) and ctx.doc.spaces[k]:
            k += 1
        return k < len(ctx.doc) and ctx.doc.words[k] in {",", "-", "–"}
    return False


def _run(ctx: ArticleContext, i: int) -> list[str]:
    """Capitalised syllables from i, stopping at lexicon words and punctuation."""
    doc = ctx.doc
    words: list[str] = []
    j = i
    texts, spaces = doc.words, doc.spaces  # doc[j]'s text and is_space, as lists
    while j < len(doc) and len(words) <= _MAX_SYLLABLES:
        text = texts[j]
        if spaces[j] or not _is_name_syllable(text):
            break
        if j > i and (
            (text in _NEVER_IN_NAME and not _given_name(ctx, j))
            or any(s.label_ in _STOP_LABELS for s in ctx.by_start.get(j, ()))
        ):
            break
        words.append(text)
        j += 1
    return words


# syllables that open a compound with a lower-case word ("Chương trình", "Kỳ họp",
# "Kế hoạch", "Kết luận") but are given names otherwise ("Nguyễn Văn Tèo.")
_GIVEN_UNLESS_COMPOUND = frozenset({"Chương", "Kỳ", "Kế", "Kết"})


def _given_name(ctx: ArticleContext, j: int) -> bool:
    """Whether the syllable at j, in a run already started, ends the name as its given
    name: one of _GIVEN_UNLESS_COMPOUND with no lower-case word right after it."""
    if ctx.doc.words[j] not in _GIVEN_UNLESS_COMPOUND:
        return False
    k = j + 1
    if k < len(ctx.doc) and ctx.doc.spaces[k] and "\n" not in ctx.doc.words[k]:
        k += 1
    return k >= len(ctx.doc) or not ctx.doc.words[k][:1].islower()


def resolve_short_references(
    ctx: ArticleContext, mentions: list[PersonMention]
) -> list[PersonMention]:
    """'ông Dũng', 'bà Thu Hà' → the full name seen in the article that ends so."""
    doc = ctx.doc
    full_names = sorted({m.name for m in mentions})
    taken = {t for m in mentions for t in range(m.start, m.end)}
    resolved: list[PersonMention] = []
    # every start of an honorific; the longest there (ctx.first's) ends it
    for start in sorted(at for at, label in ctx.first if label == "HON"):
        hon_end = ctx.first[start, "HON"].end
        if hon_end in taken or hon_end >= len(doc):
            continue
        for length in (2, 1):
            words = [t.text for t in doc[hon_end : hon_end + length]]
            if len(words) < length or not all(_is_name_syllable(w) for w in words):
                continue
            tail = " ".join(words)
            matches = [name for name in full_names if name.endswith(" " + tail)]
            if len(matches) == 1:
                resolved.append(
                    PersonMention(
                        hon_end,
                        hon_end + length,
                        matches[0],
                        short=True,
                        surface=doc.span_text(start, hon_end + length),
                    )
                )
                break
    return resolved
