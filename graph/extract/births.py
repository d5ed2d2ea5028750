"""Dates of birth: "sinh năm 1968", "(sinh năm 1968)", "sinh ngày 3/4/1968", "(SN 1968)".

A profile of an official says when they were born with the verb "sinh" (or the
abbreviation "SN") and a date right after it, at its own precision: a year
("sinh năm 1968", "sinh 1968"), a month ("sinh tháng 4/1968") or a day ("sinh ngày
3/4/1968", "sinh ngày 3 tháng 4 năm 1968"); a form writes "năm sinh: 1968" or
"ngày sinh: 3/4/1968".  The date belongs to the person the clause is about:

* the person named just before it, with nothing between but punctuation, an
  opening parenthesis, or appositives between commas that describe them (a title,
  "quê ...", "dân tộc ..."): "Ông A, Bí thư Tỉnh ủy, sinh năm 1968", "ông A (sinh
  năm 1968)";
* or, when the sentence opens with it ("Sinh năm 1968 tại X, ông A ..."), the person
  the next clause names first.

Nothing else is a birth: a year after "thành lập", "năm 1968" for an event, a
birthday noun ("kỷ niệm 130 năm ngày sinh Chủ tịch ...": "ngày sinh" followed by a
name, not a date), a name that contains "Sinh" ("Đinh Công Sinh năm 2015 ..."), a
birth of someone the person is related to or speaks of ("con trai ông A sinh năm
1995", "ông A cho biết, cháu B sinh năm 2010"), a compound word ending in "sinh"
("hy sinh năm 1972", "tuyển sinh năm 2021": its first syllable stands between the
name and the cue), or a date after the article.  One person given two dates that
disagree in an article gets neither; agreeing ones ("năm 1968", "ngày 3/4/1968")
give the more precise.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace

from polgraph.core.model import Evidence, Person
from polgraph.extract.persons import PersonMention
from polgraph.extract.tokens import Sent, TokenView

__all__ = ["add_births", "find_births", "parse_birth"]

_W = r"(?<![\wÀ-ỹĐđ])"
_END = r"(?![\wÀ-ỹĐđ]|[/.-]\d)"
_CUE = re.compile(
    _W + r"(?:(?P<verb>[Ss]inh|SN)|(?P<field>[Nn]ăm sinh|[Nn]gày sinh))"
    r"(?:\s*:\s*|\s+)(?:vào\s+)?"
    r"(?:ngày\s+(?P<d1>\d{1,2})\s*[/.-]\s*(?P<m1>\d{1,2})\s*[/.-]\s*(?P<y1>\d{4})"
    r"|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*(?:,\s*)?năm\s+(?P<y2>\d{4})"
    r"|(?P<d3>\d{1,2})\s*[/.-]\s*(?P<m3>\d{1,2})\s*[/.-]\s*(?P<y3>\d{4})"
    r"|tháng\s+(?P<m4>\d{1,2})\s*(?:[/-]|\s+năm\s+|,\s*năm\s+)\s*(?P<y4>\d{4})"
    r"|(?:năm\s+)?(?P<y5>\d{4}))" + _END
)
_APPOSITIVE_START = re.compile(
    r"(?:[A-ZÀ-ỸĐ]|quê\s|dân tộc\s|nguyên\s|hiện\s|người\s|nay\s|thường trú\s|trú\s)"
)
# someone else's birth: a relative or a person spoken of, named in or before the gap
_OTHERS = re.compile(
    _W + r"(?:con|cháu|vợ|chồng|bố|mẹ|cha|em|anh trai|chị gái|gia đình|thân nhân|người thân"
    r"|cho biết|kể|nói|chia sẻ|tâm sự|nhớ lại|thăm|tặng|trao|gặp|đón|tiếp)" + r"(?![\wÀ-ỹđ])"
)
_KIN_BEFORE = re.compile(
    _W + r"(?:con(?:\s+(?:trai|gái|rể|dâu))?|cháu(?:\s+(?:trai|gái))?|vợ|chồng|bố|mẹ|cha"
    r"|em(?:\s+(?:trai|gái))?|anh trai|chị gái|phu nhân)\s+(?:của\s+)?"
    r"(?:(?:ông|bà|đồng chí|anh|chị)\s+)?$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;:!?\n)]|\.(?=\s|$)")  # "TP.HCM" is no clause end
_APPOSITIVES = 4  # at most so many comma-separated asides between the name and the cue
_GAP = 160  # characters from the end of the name to the cue
_FRONTED_GAP = 100  # from a fronted birth date to the person its sentence then names


def parse_birth(match: re.Match[str]) -> str | None:
    """The ISO date at its precision a cue match gives, ``None`` when it is no date.

    >>> parse_birth(_CUE.search("sinh ngày 3/4/1968"))
    '1968-04-03'
    >>> parse_birth(_CUE.search("sinh tháng 4 năm 1968")), parse_birth(_CUE.search("SN 1968"))
    ('1968-04', '1968')
    """
    g = match.groupdict()
    try:
        for d, m, y in (("d1", "m1", "y1"), ("d2", "m2", "y2"), ("d3", "m3", "y3")):
            if g[y]:
                return _dt.date(int(g[y]), int(g[m]), int(g[d])).isoformat()
    except ValueError:  # 31/2, month 13
        return None
    if g["y4"]:
        month = int(g["m4"])
        return f"{int(g['y4']):04d}-{month:02d}" if 1 <= month <= 12 else None
    return f"{int(g['y5']):04d}"


def _plausible(iso: str, ref: _dt.date | None) -> bool:
    """Born after 1880 and not after the article (a child's birth is still a birth)."""
    year = int(iso[:4])
    latest = ref.isoformat() if ref else "2100"
    return year >= 1880 and iso <= latest[: len(iso)]


def _describes_only(gap: str) -> bool:
    """Whether the text between a name and a birth cue only describes that person:
    punctuation, an opening parenthesis, or up to a few comma-separated appositives."""
    if len(gap) > _GAP or _CLAUSE_END.search(gap) or _OTHERS.search(gap.lower()):
        return False
    body = gap.strip().removesuffix("(").rstrip().removesuffix("–").removesuffix("-").strip()
    if not body:
        return True
    if not body.startswith(","):
        return False
    parts = [p.strip() for p in body[1:].split(",")]
    if parts and parts[-1] == "":
        parts.pop()  # "ông A, Bí thư, sinh năm ...": the comma before the cue
    return len(parts) <= _APPOSITIVES and all(
        p and "(" not in p and _APPOSITIVE_START.match(p) for p in parts
    )


def _span(view: TokenView, m: PersonMention) -> tuple[int, int]:
    last = view[m.end - 1]
    return view[m.start].idx, last.idx + len(last.text)


def find_births(
    view: TokenView,
    mentions: Sequence[PersonMention],
    ref: _dt.date | None = None,
) -> list[tuple[str, str, Sent]]:
    """(person's name, ISO date of birth, sentence) for every birth a sentence gives."""
    spans = sorted((*_span(view, m), m.name) for m in mentions)
    starts = [a for a, _b, _n in spans]
    out: list[tuple[str, str, Sent]] = []
    for sentence in view.sents:
        text = sentence.text
        if "sinh" not in text and "Sinh" not in text and "SN" not in text:
            continue  # every cue _CUE reads holds one of these (most sentences: none)
        matches = list(_CUE.finditer(sentence.text))
        if not matches:
            continue
        base = sentence.start_char
        first, last = bisect_left(starts, base), bisect_left(starts, sentence.end_char)
        inside = [(a - base, b - base, n) for a, b, n in spans[first:last]]
        for match in matches:
            found = _birth_of(sentence.text, match, inside, ref)
            if found is not None:
                out.append((found[0], found[1], sentence))
    return out


def _opens(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence, a parenthesis or a clause after ".;:!?"."""
    prefix = text[max(0, start - 8) : start]
    stripped = prefix.rstrip()
    if not stripped:
        return start <= len(prefix)  # only spaces since the sentence began
    last = stripped[-1]
    return last in "([\n" or (last in ".;:!?" and stripped != prefix)


def _birth_of(
    text: str, match: re.Match[str], people: list[tuple[int, int, str]], ref: _dt.date | None
) -> tuple[str, str] | None:
    """Whose birth the cue ``match`` gives, and the date (see the module docstring).
    ``people``: the names of the sentence, in order, as (start, end, name)."""
    word = match.group("verb") or match.group("field")
    start = match.start()
    k = bisect_right(people, (start, len(text) + 1, ""))  # people[:k] start at or before it
    if k and people[k - 1][1] > start:
        return None  # "Đinh Công Sinh năm 2015": part of a name
    if word[0].isupper() and word != "SN" and not _opens(text, start):
        return None  # a capital "Sinh" inside a clause is a name, not the verb
    iso = parse_birth(match)
    if iso is None or not _plausible(iso, ref):
        return None
    if k:
        a, b, name = people[k - 1]
        gap = text[b:start] if start - b <= _GAP else "…" * (_GAP + 1)
        if _describes_only(gap) and not _KIN_BEFORE.search(text[max(0, a - 24) : a]):
            return name, iso
        return None
    if _opens(text, start) and k < len(people):  # "Sinh năm 1968 tại X, ông A ...": the
        a, _b, name = people[k]  # person the next clause names first
        gap = text[match.end() : a]
        if "," in gap and len(gap) <= _FRONTED_GAP and not re.search(r"[;:!?()]|\.\s", gap):
            return name, iso
    return None


def add_births(
    persons: Sequence[Person],
    births: Sequence[tuple[str, str, Sent]],
    cite: Callable[[Sent], Evidence],
) -> tuple[Person, ...]:
    """``persons`` with their date of birth and the sentences that give it; a person
    given two different dates in the article gets none (which one is right is unknown)."""
    dates: dict[str, set[str]] = {}
    evidence: dict[str, list[Evidence]] = {}
    for name, iso, sentence in births:
        dates.setdefault(name, set()).add(iso)
        evidence.setdefault(name, []).append(cite(sentence))
    out = []
    for p in persons:
        found = sorted(dates.get(p.name, set()), key=len)
        # "sinh năm 1968" and "sinh ngày 3/4/1968" agree: the more precise one stands
        if found and all(found[-1].startswith(d) for d in found):
            p = replace(p, birth=found[-1],
                        birth_evidence=tuple(dict.fromkeys(evidence[p.name])))  # fmt: skip
        out.append(p)
    return tuple(out)
