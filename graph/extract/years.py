"""Years an article implies without writing them: anniversaries, sessions of a
numbered National Assembly, party congresses of a known cycle.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_ANNIVERSARY = re.compile(r"(\d{1,3}) năm (?:ngày |của )?")
_ANNIVERSARY_READ = 120  # anniversaries read per article (bounded)


@lru_cache(maxsize=1)
def _anniversary_cues() -> tuple[tuple[str, int], ...]:
    """(cue, year) from graph/data/anniversaries.json, longest cue first."""
    data = json.loads(
        resources.files("polgraph").joinpath("data/anniversaries.json").read_text("utf-8")
    )
    cues = [(entry["cue"], int(entry["year"])) for entry in data["events"]]
    return tuple(sorted(cues, key=lambda cue: -len(cue[0])))


def anniversary_year(text: str) -> int | None:
    """The year an article is written in, from the anniversaries it marks: "kỷ niệm 126
    năm Ngày sinh Chủ tịch Hồ Chí Minh" is 1890 + 126 = 2016.  None unless every
    anniversary named gives the same year.

    >>> anniversary_year("nhân kỷ niệm 90 năm ngày thành lập đảng cộng sản việt nam")
    2020
    """
    years: set[int] = set()
    for k, match in enumerate(_ANNIVERSARY.finditer(text)):
        if k >= _ANNIVERSARY_READ:
            break
        after = text[match.end() : match.end() + 60]
        for cue, year in _anniversary_cues():
            if after.startswith(cue):
                years.add(year + int(match.group(1)))
                break
    return years.pop() if len(years) == 1 else None


# Quốc hội terms open with an election year (khóa XI 2002, XII 2007, then every five
# years from XIII 2011); regular sessions meet twice a year from the term's first
# summer, so session N falls in the first year + (N - 1) // 2 (the 11th, in the
# spring of the sixth year, ends the term)
_ASSEMBLY_SESSION = re.compile(r"kỳ họp thứ (\w+),?\s+(?:của\s+)?quốc hội (?:khóa|khoá) ([xvi]+)\b")
_ASSEMBLY_FIRST_YEARS = {11: 2002, 12: 2007}
_SESSION_WORDS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7}


def assembly_session_year(text: str) -> int | None:
    """The year of the one regular Quốc hội session a text names ("Kỳ họp thứ 11,
    Quốc hội khóa XIV" = 2021).  None if it names none, or several.

    >>> assembly_session_year("tại kỳ họp thứ 11, quốc hội khóa xiv")
    2021
    """
    found = set(_ASSEMBLY_SESSION.findall(text))
    if len(found) != 1:
        return None
    session, term = next(iter(found))
    number = int(session) if session.isdigit() else _SESSION_WORDS.get(session)
    khoa = roman_number(term)
    if number is None or not 1 <= number <= 11:
        return None
    first = _ASSEMBLY_FIRST_YEARS.get(khoa, 2011 + 5 * (khoa - 13) if khoa >= 13 else None)
    return None if first is None else first + (number - 1) // 2


_TERM_RANGE = re.compile(
    r"(?:nhiệm kỳ|khóa)\s*[^\d]{0,20}?((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})"
)
_AFTER_LOCAL_CONGRESS = re.compile(r"\bsau (?:thành công )?(?:của )?đại hội (?:đại biểu )?đảng bộ")
_AFTER_NATIONAL_CONGRESS = re.compile(
    r"\bsau (?:thành công )?(?:của )?đại hội (?:đại biểu toàn quốc|(?:(?:lần thứ )?([xvi]+) )?"
    r"(?:của )?đảng\b(?! bộ))"
)
_ROMAN_DIGITS = {"i": 1, "v": 5, "x": 10}


def roman_number(ordinal: str) -> int:
    """'xiv' -> 14 (lower-case Roman numerals of i, v, x)."""
    values = [_ROMAN_DIGITS[ch] for ch in ordinal]
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def national_congress_year(ordinal: str) -> int | None:
    """The year of a national party congress from its ordinal: VI (1986) onwards one
    every five years, XIII in 2021."""
    number = roman_number(ordinal)
    return 1986 + 5 * (number - 6) if number >= 6 else None


@dataclass(frozen=True, slots=True)
class CongressCycle:
    """When party congresses meet: every five years, in a known season."""

    remainder: int  # congress years are those with year % 5 == remainder
    season_end: tuple[int, int]  # (month, day) by which the season's congresses are over


# Local congresses (commune to province) meet from spring to October of 2010, 2015,
# 2020, 2025...; the national congress in January of 2011, 2016, 2021, 2026...
LOCAL_CONGRESSES = CongressCycle(remainder=0, season_end=(10, 31))
NATIONAL_CONGRESS = CongressCycle(remainder=1, season_end=(2, 1))


@lru_cache(maxsize=2)  # the same article's text, once for each date resolved in it
def _one_term(text: str) -> tuple[int, int] | None:
    """The one term of office ("nhiệm kỳ 2020-2025", "khóa XIII (2016-2021)") a text
    names, if it names exactly one of three to five years."""
    terms = {(int(a), int(b)) for a, b in _TERM_RANGE.findall(text)}
    if len(terms) != 1:
        return None
    first, last = next(iter(terms))
    return (first, last) if 3 <= last - first <= 5 else None


@lru_cache(maxsize=2)  # as _one_term
def _congresses(text: str) -> tuple[re.Match[str] | None, re.Match[str] | None]:
    """The first local and the first national congress the text places a date after."""
    return _AFTER_LOCAL_CONGRESS.search(text), _AFTER_NATIONAL_CONGRESS.search(text)


def year_after_congress(text: str, month: int, day: int) -> int | None:
    """The year of a day/month the article places after a party congress, within the
    one term it names ("nhiệm kỳ 2011-2016"): the years of the term after that
    congress's season.  None unless exactly one year remains: a party term opening
    with its congress leaves five candidates, a state term ending the year after
    the congresses leaves one or two."""
    term = _one_term(text)
    if term is None:
        return None
    first, last = term
    local, national = _congresses(text)
    if bool(local) == bool(national):
        return None
    cycle = LOCAL_CONGRESSES if local else NATIONAL_CONGRESS
    if national and national.group(1):
        congress_years = [national_congress_year(national.group(1))]
    else:
        congress_years = [y for y in range(first, last + 1) if y % 5 == cycle.remainder]
    if len(congress_years) != 1 or congress_years[0] is None:
        return None
    congress = congress_years[0]
    if not first <= congress <= last:
        return None
    candidates = list(range(congress + 1, last + 1))
    if (month, day) > cycle.season_end:
        candidates.insert(0, congress)
    return candidates[0] if len(candidates) == 1 else None
