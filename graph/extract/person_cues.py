"""What stands around a capitalised run and says whether it names a person.

A title or an honorific right before it says yes; a place word, a body, a
commemoration, a byline or the name of a year in the sexagenary cycle says no.
``polgraph.extract.persons`` weighs these cues.
"""

from __future__ import annotations

from polgraph.extract.context import ArticleContext
from polgraph.nlp import gazetteer

# Words after which a capitalised name is a place or an institution, not a person.
_NOT_PERSON_BEFORE = frozenset(
    {
        "xã",
        "phường",
        "trấn",
        "đường",
        "phố",
        "trường",
        "thôn",
        "bản",
        "xóm",
        "ấp",
        "làng",
        "cầu",
        "sông",
        "núi",
        "giải",
        "tàu",
        "tp",
        "tp.",
        "tx.",
        "học",
        "viện",
        "tư",
        "tưởng",
        "gương",
        "đức",
        "minh:",
        "sân",
        "khu",
        "cụm",
        "quỹ",
        "lăng",
        "bảo",
        "tàng",
        "công",
        "ty",
        "tập",
        "đoàn",
        "tnhh",
        "ảnh",
        "nguồn",
        "theo",
        "tnc",
        "tncs",
        "đội",
        "thiếu",
        "niên",
        "hệ",
        "chuyên",
        "thpt",
        "thcs",
        "sinh",
        "niệm",
    }
)
# Commemorations name historical figures, not people of the story
_COMMEMORATION = ("ngày sinh", "kỷ niệm", "tấm gương", "tư tưởng", "di chúc", "noi gương")
# After a unit word a name is a place only when the gazetteer knows it
# ("tỉnh Hà Tĩnh"); "Chủ tịch UBND tỉnh Lê Văn A" names a person.
_UNIT_WORDS = frozenset({"tỉnh", "thành", "huyện", "quận", "tp", "tp.", "tx."})
_TITLE_LABELS = frozenset({"ROLE", "COMMITTEE", "NATORG", "PROVINCE"})
_HONORIFIC_LABELS = frozenset({"HON"})
_BODY_LABELS = frozenset({"COMMITTEE", "NATORG", "SUB", "LOCWORD"})


class _NameSyllables(dict):  # type: ignore[type-arg]
    """text → whether it can be a syllable of a name, filled as texts are met: the same
    few thousand syllables recur in every article.  Bounded (cleared when full)."""

    def __missing__(self, text: str) -> bool:
        if len(self) >= _NAME_SYLLABLES_MAX:
            self.clear()  # a pathological text cannot grow it
        letters = text.replace("'", "").replace("’", "")
        capitalised = text[:1].isupper() and letters.isalpha() and not text.isupper()
        found = capitalised or text in _LETTER_NAMES
        if len(text) <= _NAME_SYLLABLE_LONGEST:
            self[text] = found
        return found


_NAME_SYLLABLES_MAX = 1 << 14
_NAME_SYLLABLE_LONGEST = 40  # a longer text is answered, not kept
_LETTER_NAMES = frozenset({"A", "Y"})
NAME_SYLLABLES = _NameSyllables()  # find_persons maps the article's words through it


def _is_name_syllable(text: str) -> bool:
    return NAME_SYLLABLES[text]


# the sexagenary cycle: "Tết Nhâm Dần", "năm Giáp Thìn" name years, not people
_STEMS = frozenset({"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"})
_BRANCHES = frozenset(
    {
        "Tý",
        "Sửu",
        "Dần",
        "Mão",
        "Mẹo",
        "Thìn",
        "Tỵ",
        "Tị",
        "Ngọ",
        "Mùi",
        "Thân",
        "Dậu",
        "Tuất",
        "Hợi",
    }
)


def _year_name(run: list[str]) -> bool:
    return len(run) == 2 and run[0] in _STEMS and run[1] in _BRANCHES


def _previous_token(ctx: ArticleContext, i: int) -> int:
    """Index of the last token before i that is not white space; -1 if there is none."""
    j = i - 1
    while j >= 0 and ctx.doc[j].is_space:
        j -= 1
    return j


def _after_city_body(ctx: ArticleContext, i: int, run: list[str]) -> bool:
    """'Phó Chủ tịch UBND TP Đinh Văn Khải': after a title whose body ends with 'TP',
    a full name with a known family name that is no place is the title's holder."""
    j = _previous_token(ctx, i)
    return (
        j >= 0
        and ctx.doc[j].lower_ in {"tp", "tp."}
        and len(run) >= 3
        and run[0] in ctx.lexicon.surnames
        and not gazetteer.is_place_name(" ".join(run))
        and _after_title(ctx, j)
    )


def _commemorated(ctx: ArticleContext, i: int) -> bool:
    before = ctx.doc.span_text(max(0, i - 6), i).lower()
    return any(cue in before for cue in _COMMEMORATION)


def _previous_word(ctx: ArticleContext, i: int) -> str:
    j = _previous_token(ctx, i)
    return ctx.doc[j].lower_ if j >= 0 else ""


_DISTRICT_COMMITTEES = frozenset({"thành ủy", "huyện ủy", "quận ủy", "thị ủy"})


def _after_district_committee(ctx: ArticleContext, i: int) -> bool:
    """'Thành ủy Phù Vân', 'Huyện ủy Tân Khê': two syllables right after a district-level
    committee name its place (one the gazetteer may lack), not a person; a holder's
    name after it has three syllables or an honorific."""
    words = [t.lower_ for t in ctx.doc[max(0, i - 4) : i] if not t.is_space][-2:]
    return " ".join(words).replace("uỷ", "ủy") in _DISTRICT_COMMITTEES


def _previous_is_org(ctx: ArticleContext, i: int) -> bool:
    j = _previous_token(ctx, i)
    return j >= 0 and j + 1 in ctx.ends_of(_BODY_LABELS)


def _after_title(ctx: ArticleContext, i: int) -> bool:
    """Right after a title or a body ("Bí thư Tỉnh ủy Đắk Lắk Y Khuê Niê Kdăm", an invented name):
    a capitalised run there names a person even with a family name we do not list."""
    j = _previous_token(ctx, i)
    return j + 1 in ctx.ends_of(_TITLE_LABELS)


def _is_byline(ctx: ArticleContext, start: int, end: int) -> bool:
    """Authors and photo credits: a line made only of names ("Lê An – Văn Bình"),
    or a name after 'Ảnh:'."""
    doc = ctx.doc
    before = [t for t in doc[max(0, start - 3) : start] if not t.is_space]
    if (
        before
        and before[-1].text == ":"
        and len(before) >= 2
        and before[-2].lower_
        in {
            "ảnh",
            "nguồn",
            "bài",
            "theo",
        }
    ):
        return True
    line_start, line_end = doc.lines[doc.line_of[start]]
    if line_end - line_start > 40:
        return False
    words = [t for t in doc[line_start:line_end] if not t.is_space]
    if not words or len(words) > 12:
        return False
    return all(_is_name_syllable(t.text) or t.text in _BYLINE_JOINERS for t in words)


_BYLINE_JOINERS = frozenset({"-", "–", "|", ",", "và", "/"})
