"""What document reading shares: the match, Roman terms, and personnel subjects.

Kept apart from ``documents`` so that the citation and list readers can import them
without importing the module that calls them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from polgraph.core.model import DocKind
from polgraph.extract.context import ArticleContext
from polgraph.extract.tokens import Sent

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_NUMBER = re.compile(r"^\d+([\-/][\wĐđ/\-]+)?$")
_CENTRAL_TOKENS = {"tư", "tw", "t.ư", "t.w", "trung"}
_ORDINALS = {
    "nhất": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_QUOTES = {"“": "”", '"': '"', "«": "»"}
_STOP_SUBJECT = frozenset({",", ".", ";", "(", ")", "“", "”", '"', ":"})


class DocMatch(NamedTuple):
    start: int
    end: int
    name: str
    kind: DocKind
    number: str | None
    issuer: str | None
    term: str | None
    title: str | None
    aliases: tuple[str, ...]
    sentence: Sent
    plenum: bool = False  # a Central Committee plenum resolution ("Nghị quyết TƯ4")


# Party congresses open a term in the first weeks of these years (X: 2006, ...)
_TERM_STARTS = (
    (2026, "XIV"),
    (2021, "XIII"),
    (2016, "XII"),
    (2011, "XI"),
    (2006, "X"),
    (2001, "IX"),
    (1996, "VIII"),
)


def term_of_year(year: int) -> str | None:
    """The Central Committee term in office during ``year``.

    >>> term_of_year(2012), term_of_year(2022)
    ('XI', 'XIII')
    """
    return next((term for start, term in _TERM_STARTS if year >= start), None)


def with_term_of_year(found: DocMatch, year: int) -> DocMatch:
    """A plenum resolution cited without its term ("Nghị quyết TƯ4") takes the term in
    office when the article was written; the bare citation stays an alias."""
    if not found.plenum or found.term is not None:
        return found
    term = term_of_year(year)
    if term is None:
        return found
    return found._replace(
        name=f"{found.name} khóa {term}",
        term=term,
        aliases=tuple(dict.fromkeys((*found.aliases, found.name))),
    )


def roman(value: str) -> str | None:
    """'11' → 'XI'; 'XI' stays; anything else → None."""
    if value.isdigit():
        number = int(value)
        if not 0 < number < 40:
            return None
        out = ""
        for size, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
            while number >= size:
                out += letters
                number -= size
        return out
    if value and set(value.upper()) <= set(_ROMAN_VALUES) and value.isupper():
        return value
    return None


def _skip_space(ctx: ArticleContext, i: int) -> int:
    while i < len(ctx.doc) and ctx.doc[i].is_space and "\n" not in ctx.doc[i].text:
        i += 1
    return i


# An unnumbered decision about named people is the holding it states, not a document
# (FORMAT, "Which documents count"): appointment, dismissal, election, discipline, and
# the generic "công tác cán bộ / nhân sự".  "bầu cử" (elections as a subject) is not one.
_PERSONNEL = re.compile(
    r"(?:bổ nhiệm|miễn nhiệm|bãi nhiệm|cách chức|kỷ luật|điều động|luân chuyển|chỉ định"
    r"|nhân sự|cán bộ|thôi giữ|thôi làm|nghỉ hưu|giữ chức|bầu(?! cử)|phê chuẩn kết quả)\b"
)


_SUBJECT_LEAD = re.compile(r"^(?:(?:về|việc|công tác|phê chuẩn)\s+)*")


def personnel_subject(text: str) -> bool:
    """Whether a document's subject, what follows its first "về" (else the whole
    description), opens with posts and people: "về việc bổ nhiệm ...", "công tác cán
    bộ", "miễn nhiệm chức vụ ...", but not "về việc thành lập, chỉ định nhân sự của
    4 Đảng bộ" (a decision founding bodies).

    >>> personnel_subject("phê chuẩn đề nghị của Thủ tướng về việc bổ nhiệm Phó Thủ tướng")
    True
    >>> personnel_subject("về việc thành lập, chỉ định nhân sự của 4 Đảng bộ")
    False
    >>> personnel_subject("về quy chế bầu cử trong Đảng")
    False
    """
    lowered = text.lower().strip()
    about = re.search(r"\bvề\s", lowered)
    subject = lowered[about.end() :] if about else lowered
    subject = subject[_SUBJECT_LEAD.match(subject).end() :]  # type: ignore[union-attr]
    return _PERSONNEL.match(subject) is not None
