"""Meetings and dates: when a meeting took place, who chaired it, who attended.

News gives the day and month of a meeting ("Sáng 21/7", "Chiều 2-12") and the
year elsewhere: the source's publication date, an excerpt header, a full date
of the same month in the text ("từ 30/12/2024 đến 4/1/2025", "tháng 8/2012") or
a single year named outright ("cuối năm 2017"), or the calendar of the term the
article names: a session held "after the provincial party congress" within the
state term 2011-2016 can only fall in 2016 (party congresses follow a fixed
five-year cycle).  When none of these fixes the year the meeting keeps no date:
a wrong year is worse than none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from polgraph.extract.context import ArticleContext, Match, Sent
from polgraph.extract.persons import PersonMention

_DAY_MONTH = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})(?:[/\-.](\d{4}))?$")
_DAY_RANGE = re.compile(r"^(\d{1,2})[-–]\d{1,2}[/.](\d{1,2})(?:[/.](\d{4}))?$")  # 20-21/4
_DAY_LINKS = frozenset({"và", ",", "-", "–", "đến"})
_SPAN_ENDS = frozenset({"và", "đến", "tới"})  # "(từ ngày 10) đến ngày 12/1"
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/\-](\d{4})$")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_HEADER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?")
_TIME_CUES = frozenset({"ngày", "sáng", "chiều", "tối", "trưa", "hôm", "nay", "(", "qua,", "đêm"})
_MEETING_VERBS = (
    "tổ chức",
    "họp",
    "diễn ra",
    "khai mạc",
    "bế mạc",
    "tiến hành",
    "công bố",
    "trao quyết định",
    "làm việc",
)
_PARTICIPATION = (
    "dự",
    "tham dự",
    "tới dự",
    "phát biểu",
    "trình bày",
    "báo cáo",
    "chủ trì",
    "chủ tọa",
    "kết luận",
    "đồng chủ trì",
    "điều hành",
    "có mặt",
)
_PARTICIPATION_RE = re.compile(
    r"(?:^|\W)(?:" + "|".join(re.escape(c) for c in _PARTICIPATION) + r")(?:\W|$)"
)
_CHAIR_BEFORE = ("chủ trì", "chủ tọa", "đồng chủ trì")
_CHAIR_AFTER = ("dưới sự chủ trì", "dưới sự điều hành", "dưới sự chủ tọa")
# "điều hành" chairs only a sitting ("điều hành phiên họp"); "điều hành công việc" is
# running an office
_PRESIDES = ("điều hành phiên", "điều hành kỳ họp", "điều hành hội nghị", "điều hành cuộc họp")
_SITTING_WORDS = frozenset({"phiên", "kỳ", "hội", "cuộc"})
_CONCLUDING = (
    "kết luận hội nghị",
    "phát biểu kết luận",
    "kết luận tại hội nghị",
    "kết luận buổi",
    "kết luận kỳ họp",
)


class DateMention(NamedTuple):
    start: int
    day: int
    month: int
    year: int | None
    cued: bool  # preceded by a time word ("Sáng", "Ngày")
    tomorrow: bool = False  # "sáng mai (14/10)": the day after the one the article reports


@dataclass
class MeetingFact:
    name: str
    date: dt.date | None
    sentence: Sent
    organizer: str | None = None
    chair: str | None = None
    participants: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    found_by_chair: bool = False  # no dated sentence names it; the chair's sentence does


def header_date(text: str) -> tuple[int, int, int | None] | None:
    """'date 2019-10 ...' excerpt headers: (year, month, day or None)."""
    match = _HEADER.match(text)
    if not match:
        return None
    day = int(match.group(3)) if match.group(3) else None
    return int(match.group(1)), int(match.group(2)), day


# A dateline at the top of a page: "Hải Phòng, ngày 26 tháng 02 năm 2020",
# "Thứ Bảy, 26/01/2019 19:26".  The page was written that day, like a publication date.
_DATELINE = re.compile(
    r"(?:[^\d,:]{2,30}[,:]\s*)?(?:ngày\s+)?(\d{1,2})(?:[/\-.]|\s+tháng\s+)(\d{1,2})"
    r"(?:[/\-.]|\s+năm\s+)((?:19|20)\d{2}),?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*",
    re.IGNORECASE,
)
_DATELINE_LINES = 3  # the first non-empty lines that may hold it


def dateline(text: str) -> tuple[dt.date, int] | None:
    r"""The date a dateline among the first lines gives, and the offset where its line
    ends (the dateline's own date is no meeting).

    >>> dateline("Hải Phòng, ngày 26 tháng 02 năm 2020\nHội nghị ...")
    (datetime.date(2020, 2, 26), 36)
    >>> dateline("Sáng 21/7, Tỉnh ủy tổ chức hội nghị") is None
    True
    """
    offset = 0
    seen = 0
    for line in text[:600].split("\n"):
        end = offset + len(line)
        if line.strip():
            match = _DATELINE.fullmatch(line.strip())
            if match:
                day, month, year = (int(g) for g in match.groups())
                try:
                    return dt.date(year, month, day), end
                except ValueError:
                    return None
            seen += 1
            if seen >= _DATELINE_LINES:
                return None
        offset = end + 1
    return None


def find_dates(ctx: ArticleContext) -> list[DateMention]:
    doc = ctx.doc
    found: list[DateMention] = []
    for i in doc.digit_positions:
        token = doc[i]
        match = _DAY_MONTH.match(token.text) or _DAY_RANGE.match(token.text)
        if match:
            day, month = int(match.group(1)), int(match.group(2))
            year = int(match.group(3)) if match.group(3) else None
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            found.append(DateMention(i, day, month, year, _cued(ctx, i), _tomorrow(ctx, i)))
            continue
        # "(trong hai) ngày 20 và 21/4/2022", "từ ngày 20 đến (ngày) 22/4": a meeting
        # over several days is dated by its first
        after = i + 2 + (ctx.lower(i + 2) == "ngày")
        if (
            token.is_digit
            and ctx.lower(i - 1) == "ngày"
            and ctx.lower(i + 1) in _DAY_LINKS
            and after < len(doc)
            and (last := _DAY_MONTH.match(doc[after].text))
        ):
            day, month = int(token.text), int(last.group(2))
            year = int(last.group(3)) if last.group(3) else None
            if 1 <= day < int(last.group(1)) and 1 <= month <= 12:
                found.append(DateMention(i, day, month, year, _cued(ctx, i)))
            continue
        # "22 tháng 02 năm 2017"
        if (
            token.is_digit
            and ctx.lower(i + 1) == "tháng"
            and i + 2 < len(doc)
            and doc[i + 2].is_digit
        ):
            day, month = int(token.text), int(doc[i + 2].text)
            year = None
            if ctx.lower(i + 3) == "năm" and i + 4 < len(doc) and _YEAR.match(doc[i + 4].text):
                year = int(doc[i + 4].text)
            if 1 <= day <= 31 and 1 <= month <= 12:
                found.append(DateMention(i, day, month, year, _cued(ctx, i)))
    return found


def _cued(ctx: ArticleContext, i: int) -> bool:
    """Preceded by a time word ("Sáng 21/7", "ngày 3-8", "(14/6)"), but not the last day
    of a span ("từ ngày 10 đến ngày 12/1": the meeting began on the 10th)."""
    j = i - 1
    while j >= 0 and ctx.doc[j].is_space and "\n" not in ctx.doc[j].text:
        j -= 1
    if j < 0 or ctx.doc[j].lower_ not in _TIME_CUES:
        return False
    return not (ctx.doc[j].lower_ == "ngày" and ctx.lower(j - 1) in _SPAN_ENDS)


def _tomorrow(ctx: ArticleContext, i: int) -> bool:
    """'sáng mai (14/10)', 'ngày mai, 14/10': a date given as tomorrow's."""
    before = ctx.lower(i - 1)
    return before == "mai" or (before in {"(", ","} and ctx.lower(i - 2) == "mai")


class YearResolver:
    """Chooses the year of a day/month from what the article itself says."""

    def __init__(
        self, ctx: ArticleContext, published: dt.date | None, dates: list[DateMention]
    ) -> None:
        self.published = published
        header = header_date(ctx.doc.text)
        self.header = header
        line = dateline(ctx.doc.text) if header is None else None
        self.dateline = line[0] if line else None
        self.dateline_end = line[1] if line else 0  # dates before this offset are the line's
        self._memo: dict[tuple[int, int], dt.date | None] = {}
        self._anniversary: tuple[int | None] | None = None
        self.month_years: list[tuple[int, int]] = [
            (d.month, d.year) for d in dates if d.year is not None
        ]
        self.full_dates: list[dt.date] = []
        for d in dates:
            if d.year is not None:
                with contextlib.suppress(ValueError):
                    self.full_dates.append(dt.date(d.year, d.month, d.day))
        standalone: set[int] = set()
        doc = ctx.doc
        for i in doc.digit_positions:
            token = doc[i]
            month_year = _MONTH_YEAR.match(token.text)
            if month_year and ctx.lower(i - 1) == "tháng":
                self.month_years.append((int(month_year.group(1)), int(month_year.group(2))))
            if (
                _YEAR.match(token.text)
                and ctx.lower(i - 1) == "năm"
                and ctx.lower(i - 2) not in {"sinh", "từ"}
                and not (i + 1 < len(doc) and doc[i + 1].text in {"-", "–"})
            ):
                standalone.add(int(token.text))
        self.standalone_years = standalone
        self.text = ctx.doc.text.lower()

    def resolve(self, day: int, month: int) -> dt.date | None:
        """The date of day/month (memoised: at most 366 look-ups per article)."""
        key = (day, month)
        if key not in self._memo:
            self._memo[key] = self._resolve(day, month)
        return self._memo[key]

    def _resolve(self, day: int, month: int) -> dt.date | None:
        year = self._year(month, day)
        if year is None:
            return None
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None

    def _year(self, month: int, day: int) -> int | None:
        anchor = None
        if self.published is not None:
            anchor = (self.published.year, self.published.month, self.published.day)
        elif self.header is not None:
            anchor = (self.header[0], self.header[1], self.header[2] or 28)
        elif self.dateline is not None:
            anchor = (self.dateline.year, self.dateline.month, self.dateline.day)
        if anchor is not None:
            year, pub_month, pub_day = anchor
            if (month, day) > (pub_month, pub_day + 7) and month - pub_month > 1:
                return year - 1
            return year
        same_month = sorted({y for m, y in self.month_years if m == month})
        if len(same_month) == 1:
            return same_month[0]
        recent = self._closest_preceding(month, day)
        if recent is not None:
            return recent
        years = sorted(self.standalone_years)
        if len(years) == 1:
            return years[0]
        if len(years) == 2 and years[1] == years[0] + 1:
            # "kết quả năm 2018, kế hoạch năm 2019": a late-year meeting reviews the
            # first, an early-year one plans the second
            return years[0] if month >= 7 else years[1]
        if self._anniversary is None:  # read once per article
            self._anniversary = (anniversary_year(self.text),)
        return (
            self._anniversary[0]
            or assembly_session_year(self.text)
            or year_after_congress(self.text, month, day)
        )

    def _closest_preceding(self, month: int, day: int) -> int | None:
        """The year of the full date that most closely precedes day/month (within two
        months), e.g. a directive of 30/5/2019 discussed on 12/6."""
        best: tuple[int, int] | None = None
        for full in self.full_dates:
            try:
                candidate = dt.date(full.year, month, day)
            except ValueError:
                continue
            gap = (candidate - full).days
            if 0 <= gap <= 60 and (best is None or gap < best[0]):
                best = (gap, full.year)
            elif 0 <= gap <= 60 and best is not None and gap == best[0] and full.year != best[1]:
                return None
        return best[1] if best else None


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


def _one_term(text: str) -> tuple[int, int] | None:
    """The one term of office ("nhiệm kỳ 2020-2025", "khóa XIII (2016-2021)") a text
    names, if it names exactly one of three to five years."""
    terms = {(int(a), int(b)) for a, b in _TERM_RANGE.findall(text)}
    if len(terms) != 1:
        return None
    first, last = next(iter(terms))
    return (first, last) if 3 <= last - first <= 5 else None


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
    local = _AFTER_LOCAL_CONGRESS.search(text)
    national = _AFTER_NATIONAL_CONGRESS.search(text)
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


_LEAD_WORDS = 8  # a meeting's date opens its sentence: at most this many words before it
_TIME_WORDS = frozenset({"vào", "sáng", "chiều", "tối", "trưa"})
# the verb of holding right before a date in the predicate: "phiên họp diễn ra trong cả
# ngày 15/4", "Đại hội khai mạc sáng 14/10"
_HELD = ("diễn ra", "tổ chức", "khai mạc", "bế mạc", "họp", "tiến hành")
_HELD_REACH = 5  # words between that verb and the date


def _words_before(ctx: ArticleContext, start: int, i: int, limit: int) -> int:
    """How many words lie between token ``start`` and token i, counting at most limit+1
    (bounded: a long sentence of dates costs no more per date)."""
    count = 0
    j = i - 1
    floor = max(start, i - 4 * (limit + 1))
    while j >= floor and count <= limit:
        if not ctx.doc[j].is_space:
            count += 1
        j -= 1
    if j >= start and count <= limit:  # stopped by the scan's bound, inside the sentence
        return limit + 1
    return count


def _opens_clause(ctx: ArticleContext, sentence: Sent, mention: DateMention) -> bool:
    """Whether a date is the time of what its sentence reports: it opens the sentence
    ("Sáng 21/7, ..."), follows "vào/sáng/chiều" anywhere, opens a clause between
    commas ("..., ngày 14-2, Ban Chấp hành ... đã bỏ phiếu"), or follows a verb of
    holding ("phiên họp diễn ra trong cả ngày 15/4")."""
    i = mention.start
    if _words_before(ctx, sentence.start, i, _LEAD_WORDS) <= _LEAD_WORDS:
        return True
    cue = i - 1
    while cue > sentence.start and ctx.doc[cue].is_space:
        cue -= 1
    if ctx.lower(cue) in _TIME_WORDS:
        return True
    before_cue = cue - 1
    while before_cue > sentence.start and ctx.doc[before_cue].is_space:
        before_cue -= 1
    if _between_commas(ctx, sentence, before_cue, i + 1):
        return True
    if ctx.lower(cue) == "(" and ctx.lower(before_cue) in {"nay", "qua"}:
        return True  # "..., hôm nay (19-5), tại ..., Ban Thường vụ tổ chức Hội nghị"
    return any(
        ctx.words_at(k, verb) and not (verb == "họp" and ctx.lower(k - 1) in _SITTING_WORDS)
        for k in range(max(sentence.start, cue - _HELD_REACH - 1), cue)
        for verb in _HELD
    )  # "họp" of "kỳ họp 42 (ngày 12 đến 14-6)" is a noun, not the verb


# words of a time phrase around its date: ", từ ngày 30/11 đến 2/12, ...", ", vào sáng 3/8, ..."
_SPAN_WORDS = frozenset({"từ", "vào", "trong", "ngày", "đến", "tới", "và", "-", "–"})
_SPAN_REACH = 4


def _between_commas(ctx: ArticleContext, sentence: Sent, before: int, after: int) -> bool:
    """Whether the time phrase around a date stands between commas: the words before
    ``before`` and from ``after`` are time-phrase words (a few at most) up to a comma."""
    k = before
    steps = 0
    while (
        k > sentence.start
        and steps < _SPAN_REACH
        and (ctx.doc[k].is_space or ctx.lower(k) in _SPAN_WORDS)
    ):
        k -= 1
        steps += 1
    if ctx.lower(k) != ",":
        return False
    k = after
    for _ in range(_SPAN_REACH):
        if k >= sentence.end:
            return False
        word = ctx.lower(k)
        if word == ",":
            return True
        if not (ctx.doc[k].is_space or word in _SPAN_WORDS or _DAY_MONTH.match(word)):
            return False
        k += 1
    return ctx.lower(k) == ","


def find_meetings(
    ctx: ArticleContext,
    persons: dict[int, PersonMention],
    resolver: YearResolver,
    dates: list[DateMention],
    org_at: dict[int, str],
    citations: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> list[MeetingFact]:
    """Meetings: sentences that date what they report ("Sáng 21/7, ...") and name a
    meeting or a meeting verb.  Dates inside document citations, on the page's dateline
    or given as tomorrow's are not meetings."""
    doc = ctx.doc
    meetings: list[MeetingFact] = []
    seen_dates: set[dt.date | None] = set()
    named: dict[int, bool] = {}  # sentence start -> names a meeting (read once)
    for mention in _meeting_dates(ctx, dates, citations, resolver):
        if mention.tomorrow:
            continue
        sentence = doc.sent_at(mention.start)
        if not _opens_clause(ctx, sentence, mention):
            continue
        if sentence.start not in named:
            named[sentence.start] = _meeting_word(ctx, sentence) is not None or any(
                v in sentence.lower for v in _MEETING_VERBS
            )
        if not named[sentence.start]:
            continue
        date = _explicit(mention) if mention.year else resolver.resolve(mention.day, mention.month)
        if date is None:
            date = _opening_of_term(ctx, sentence, mention)
        if date in seen_dates and date is not None:
            continue
        seen_dates.add(date)
        organizer = next(
            (org_at[i] for i in range(sentence.start, sentence.end) if i in org_at), None
        )
        name = meeting_name(ctx, sentence, organizer)
        meetings.append(MeetingFact(name=name, date=date, sentence=sentence, organizer=organizer))
        if len(meetings) >= 8:
            break
    chair = find_chair(ctx, persons)
    if chair is not None:
        if not meetings:
            sentence = doc.sent_at(chair[1])
            meetings.append(
                MeetingFact(
                    name=meeting_name(ctx, sentence, None),
                    date=None,
                    sentence=sentence,
                    found_by_chair=True,
                )
            )
        meetings[0].chair = chair[0]
        _later_chairs(ctx, persons, meetings, used=doc.sent_at(chair[1]).start)
    if meetings:
        meetings[0].participants = participants(ctx, persons, meetings[0].chair)
    return meetings


def _later_chairs(
    ctx: ArticleContext, persons: dict[int, PersonMention], meetings: list[MeetingFact], used: int
) -> None:
    """Each later meeting's chair, named between its sentence and the next meeting's
    ("Ngày 3/5, Tỉnh ủy ... Ông A chủ trì. Ngày 4/5, Huyện ủy ... Ông B chủ trì."); the
    sentence that gave the first meeting its chair is not read again.  The windows do
    not overlap: every sentence is read once."""
    doc = ctx.doc
    for k in range(1, len(meetings)):
        first = doc.sent_of[meetings[k].sentence.start]
        last = doc.sent_of[meetings[k + 1].sentence.start] if k + 1 < len(meetings) else None
        window = [s for s in doc.sents[first:last] if s.start != used]
        found = find_chair(ctx, persons, window)
        if found is not None:
            meetings[k].chair = found[0]


def _meeting_dates(
    ctx: ArticleContext,
    dates: list[DateMention],
    citations: list[tuple[int, int]],
    resolver: YearResolver,
) -> list[DateMention]:
    """Cued dates outside document citations and the page's dateline, in text order."""
    spans = sorted(citations)
    starts = [a for a, _ in spans]
    kept = []
    for mention in dates:
        if not mention.cued or ctx.doc[mention.start].idx < resolver.dateline_end:
            continue
        k = bisect_right(starts, mention.start) - 1
        if k >= 0 and spans[k][0] <= mention.start < spans[k][1]:
            continue
        kept.append(mention)
    return kept


_AFTER_A_CONGRESS = re.compile(r"\bsau (?:thành công )?(?:của )?đại hội")
_OPENING = ("đại hội", "lần thứ nhất", "kỳ họp thứ nhất", "phiên họp thứ nhất")


def _opening_of_term(ctx: ArticleContext, sentence: Sent, mention: DateMention) -> dt.date | None:
    """A congress or a first session opens a term: "Đại hội ... nhiệm kỳ 2020-2025"
    held on 12/10 was held in 2020."""
    # "sau Đại hội ..." refers to a congress already held, not the meeting reported
    text = _AFTER_A_CONGRESS.sub(" ", sentence.text.lower())
    if not any(cue in text for cue in _OPENING):
        return None
    term = _one_term(text)
    if term is None:
        return None
    try:
        return dt.date(term[0], mention.month, mention.day)
    except ValueError:
        return None


def reported_date(
    ctx: ArticleContext,
    dates: list[DateMention],
    resolver: YearResolver,
    citations: list[tuple[int, int]],
) -> dt.date | None:
    """The date an article reports on when it names no meeting: the first day/month
    that opens a sentence ("Ngày 1/9/2020, Chủ tịch UBND tỉnh ký ..."), else the day
    before one given as tomorrow's ("Đại hội sẽ khai mạc vào sáng mai (14/10)")."""
    tomorrow = None
    for mention in _meeting_dates(ctx, dates, citations, resolver):
        date = _explicit(mention) if mention.year else resolver.resolve(mention.day, mention.month)
        if mention.tomorrow:
            if tomorrow is None and date is not None:
                tomorrow = date - dt.timedelta(days=1)
            continue
        sentence = ctx.doc.sent_at(mention.start)
        if _words_before(ctx, sentence.start, mention.start, 3) > 3:
            continue
        if date is not None:
            return date
    return tomorrow


def _explicit(mention: DateMention) -> dt.date | None:
    try:
        return dt.date(mention.year or 1, mention.month, mention.day)
    except ValueError:
        return None


# Where a meeting's name ends and the sentence's predicate or circumstances begin:
# "Kỳ họp thứ 8 [đã bầu ...]", "Hội nghị [vào sáng 28/4]", "Đại hội [diễn ra tại ...]"
_NAME_STOPS = frozenset(
    {
        "đã", "đang", "sẽ", "để", "vào", "tại", "với", "được", "do", "nhằm", "diễn", "cho",
        "bầu", "tiến", "xem", "là", "dưới", "sáng", "chiều", "tối", "trưa", "hôm",
        "từ", "kéo", "vừa", "có", "gồm",
    }
)  # fmt: skip
# the verb of a meeting that is already named: "Kỳ họp thứ 14 [khai mạc]", but
# "Lễ khai mạc Đại hội ..." (right after the meeting word it is part of the name)
_NAME_VERBS = ("khai mạc", "bế mạc", "nhất trí", "thông qua", "biểu quyết", "họp")
_DAY_WORDS = frozenset({"hôm", "mai", "làm"})  # "ngày hôm qua", "ngày làm việc thứ hai"
_DANGLING = frozenset({"và", "của", "về", "cho", "để", "với", "-", "–"})
_NAME_PUNCT = frozenset({",", ".", ";", ":", "(", "”", "“", '"'})
_NAME_WORDS = 25  # a name longer than this is a sentence
# labels that name a body: a meeting name holding one says whose meeting it is
_BODY_LABELS = ("COMMITTEE", "NATORG", "SUB", "DEPT", "PROVINCE", "DISTRICT")
_ORDINAL_END = re.compile(r"(?:thứ|lần) [\wÀ-ỹ]+$|\b(?:[IVXL]+|\d+)$")
# a meeting named by its verb: "Ban Thường vụ Tỉnh ủy làm việc với ..." is a working session
_VERB_NOUNS = (
    ("làm việc", "Buổi làm việc"),
    ("trao quyết định", "Lễ trao quyết định"),
    ("công bố", "Lễ công bố"),
    ("khai mạc", "Phiên khai mạc"),
    ("bế mạc", "Phiên bế mạc"),
)


def _meeting_word(ctx: ArticleContext, sentence: Sent) -> tuple[str, int, int] | None:
    """The first meeting the sentence names, read as a name (see ``read_meeting_name``).
    Returns the name and its token range."""
    for i in range(sentence.start, sentence.end):
        span = ctx.first_at(i, "MEETING")
        if span is not None and not _venue(ctx, span.start):
            text, end = read_meeting_name(ctx, span, sentence)
            return text, span.start, end
    return None


_VENUE_WORDS = frozenset({"trung tâm", "hội trường", "phòng", "nhà", "cung"})


def _venue(ctx: ArticleContext, i: int) -> bool:
    """'tại Trung tâm hội nghị tỉnh', 'Cung Hội nghị': a place named after meetings."""
    one = ctx.lower(i - 1)
    two = f"{ctx.lower(i - 2)} {one}"
    return one in _VENUE_WORDS or two in _VENUE_WORDS


def full_meeting_name(ctx: ArticleContext, word: str) -> str | None:
    """The full name the article gives a meeting it also calls by its bare word ("Đại
    hội"): the first mention of that word read as a name that says whose meeting it is
    ("Đại hội đại biểu Đảng bộ tỉnh X lần thứ XIV").  Reads at most a few dozen
    mentions."""
    seen = 0
    for (start, label), span in ctx.first.items():
        if label != "MEETING" or span.text.lower() != word:
            continue
        seen += 1
        if seen > _MEETING_SEARCH:
            break
        name, end = read_meeting_name(ctx, span, ctx.doc.sent_at(start))
        if len(name.split()) > len(word.split()) + 2 and (
            "lần thứ" in name or any(ctx.first_at(k, "COMMITTEE") for k in range(start, end))
        ):
            return name
    return None


_MEETING_SEARCH = 40


def read_meeting_name(ctx: ArticleContext, span: Match, sentence: Sent) -> tuple[str, int]:
    """The meeting word at ``span`` and what qualifies it, up to punctuation or where
    the predicate begins: "Kỳ họp thứ 8 [đã bầu ...]".  Returns the name and its end."""
    doc = ctx.doc
    j = span.end
    quoted = _quoted_title(ctx, j, sentence)  # Hội thảo: “Xây dựng và phát triển ...”
    if quoted is not None:
        head = doc.span_text(span.start, span.end)
        return f"{head[0].upper()}{head[1:]} {quoted[0]}", quoted[1]
    while j < sentence.end and j - span.end < _NAME_WORDS:
        token = doc[j]
        if token.text in _NAME_PUNCT or (token.is_space and "\n" in token.text):
            break
        inner = ctx.first_at(j, "MEETING")  # "Phiên khai mạc Kỳ họp ..."
        if inner is not None:
            j = inner.end
            continue
        if token.lower_ in _NAME_STOPS or _DAY_MONTH.match(token.text):
            break  # "Hội nghị [sáng 28/4]"
        if token.lower_ == "ngày" and (
            ctx.lower(j + 1)[:1].isdigit() or ctx.lower(j + 1) in _DAY_WORDS
        ):
            break
        if j > span.end and any(ctx.words_at(j, verb) for verb in _NAME_VERBS):
            break
        j += 1
    while j > span.end and (doc[j - 1].is_space or doc[j - 1].lower_ in _DANGLING):
        j -= 1  # "Hội nghị công bố quyết định ... và [bầu Bí thư]": drop the "và"
    text = doc.span_text(span.start, j).strip()
    return text[0].upper() + text[1:], j


_QUOTE_PAIRS = {"“": "”", '"': '"'}
_TITLE_WORDS = 40


def _quoted_title(ctx: ArticleContext, i: int, sentence: Sent) -> tuple[str, int] | None:
    """A quoted title right after a meeting word (past a colon): its text with quotes."""
    doc = ctx.doc
    j = i
    while j < sentence.end and (doc[j].is_space or doc[j].text == ":") and j - i < 4:
        j += 1
    if j >= sentence.end or doc[j].text not in _QUOTE_PAIRS:
        return None
    closing = _QUOTE_PAIRS[doc[j].text]
    k = j + 1
    while k < sentence.end and doc[k].text != closing and k - j < _TITLE_WORDS:
        k += 1
    if k >= sentence.end or doc[k].text != closing or k == j + 1:
        return None
    return doc.span_text(j, k + 1), k + 1


def _session_by_verb(ctx: ArticleContext, sentence: Sent) -> str | None:
    """'HĐND tỉnh họp kỳ thứ 23', 'Ủy ban Kiểm tra họp Kỳ thứ 25': the session's name
    ("Kỳ họp thứ 23") from the verb and its ordinal."""
    doc = ctx.doc
    for i in range(sentence.start, sentence.end - 2):
        if ctx.lower(i) != "họp" or ctx.lower(i + 1) not in {"kỳ", "phiên"}:
            continue
        k = i + 2 + (ctx.lower(i + 2) == "thứ")
        if k < sentence.end and (doc[k].text.isdigit() or _ORDINAL_END.search(doc[k].text)):
            head = "Kỳ họp" if ctx.lower(i + 1) == "kỳ" else "Phiên họp"
            return f"{head} thứ {doc[k].text}"
    return None


def _verb_noun(lowered: str) -> str:
    """The noun for the first meeting verb of a sentence ("công bố" -> "Lễ công bố")."""
    named = [(lowered.find(verb), noun) for verb, noun in _VERB_NOUNS]
    found = [(at, noun) for at, noun in named if at >= 0]
    return min(found)[1] if found else "Cuộc họp"


def meeting_name(ctx: ArticleContext, sentence: Sent, organizer: str | None) -> str:
    """A meeting's name, never a sentence: the meeting the sentence names ("Kỳ họp thứ
    12"), else a session read from the verb ("họp kỳ thứ 23"), else a noun for the verb
    ("Buổi làm việc"); a name that does not say whose meeting it is takes the organizer
    ("Kỳ họp thứ 12 Hội đồng nhân dân tỉnh X", "Buổi làm việc của Ban Thường vụ ...")."""
    found = _meeting_word(ctx, sentence)
    if found is not None:
        name, start, end = found
        bodies = any(ctx.first_at(k, label) for k in range(start, end) for label in _BODY_LABELS)
        bodies = bodies or "“" in name or '"' in name  # a titled meeting is named by its title
        if end == ctx.first_at(start, "MEETING").end:  # type: ignore[union-attr]
            full = full_meeting_name(ctx, name.lower())  # a bare "Đại hội": the article's
            if full is not None:
                return full
    else:
        bodies = False
        name = _session_by_verb(ctx, sentence) or _verb_noun(sentence.lower)
    if bodies or organizer is None:
        return name
    joiner = " " if _ORDINAL_END.search(name) else " của "
    return f"{name}{joiner}{organizer}"


def find_chair(
    ctx: ArticleContext,
    persons: dict[int, PersonMention],
    sentences: list[Sent] | None = None,
) -> tuple[str, int] | None:
    """The person presiding ("chủ trì", "chủ tọa", "dưới sự chủ trì của"), else the one
    who gave the concluding speech: in the whole article, or in ``sentences``."""
    doc = ctx.doc
    for cues, concluding in ((None, False), (_CONCLUDING, True)):
        for sentence in doc.sents if sentences is None else sentences:
            text = sentence.lower
            if concluding:
                if not any(c in text for c in _CONCLUDING):
                    continue
            elif not any(c in text for c in _CHAIR_BEFORE + _CHAIR_AFTER + _PRESIDES):
                continue
            people = [(i, persons[i]) for i in range(sentence.start, sentence.end) if i in persons]
            if not people:
                continue
            cue_at = _cue_position(ctx, sentence, concluding)
            if cue_at is None:
                continue
            after_cue = _after_cue(ctx, cue_at)
            if after_cue:
                later = [p for p in people if p[0] > cue_at]
                if later:
                    return later[0][1].name, later[0][0]
            earlier = [p for p in people if p[0] < cue_at]
            if earlier:
                return earlier[0][1].name, earlier[0][0]
            later = [p for p in people if p[0] > cue_at]
            if later:  # "Chủ trì hội nghị có đồng chí X"
                return later[0][1].name, later[0][0]
        del cues
    return None


def _cue_position(ctx: ArticleContext, sentence: Sent, concluding: bool) -> int | None:
    doc = ctx.doc
    for i in range(sentence.start, sentence.end - 1):
        pair = f"{doc[i].lower_} {doc[i + 1].lower_}"
        if concluding and pair == "kết luận":
            return i
        if not concluding and pair in {"chủ trì", "chủ tọa", "điều hành"}:
            if (
                pair == "điều hành"
                and not _after_cue(ctx, i)
                and ctx.lower(i + 2) not in _SITTING_WORDS
            ):
                continue
            if pair == "chủ trì" and _leads_a_task(ctx, i + 2):
                continue
            return i
    return None


# "chủ trì" of a task, not a meeting: "giao ông X chủ trì, phối hợp ...", "chủ trì xây
# dựng đề án" (the lead agency or person), never who presided
_TASK_AFTER = ("phối hợp", "xây dựng", "tham mưu", "soạn thảo", "triển khai", "thực hiện")


def _leads_a_task(ctx: ArticleContext, i: int) -> bool:
    """Whether the words from i (right after "chủ trì") make it the lead of a task."""
    j = i + (ctx.lower(i) == ",")
    j = _skip_spaces(ctx, j)
    return any(ctx.words_at(j, task) for task in _TASK_AFTER)


def _skip_spaces(ctx: ArticleContext, i: int) -> int:
    while i < len(ctx.doc) and ctx.doc[i].is_space:
        i += 1
    return i


def _after_cue(ctx: ArticleContext, i: int) -> bool:
    """'dưới sự chủ trì (của)' / 'chủ trì:' put the chair after the cue."""
    before = " ".join(t.lower_ for t in ctx.doc[max(0, i - 2) : i])
    after = ctx.doc[i + 2].text if i + 2 < len(ctx.doc) else ""
    return before.endswith("dưới sự") or after in {":", "của"} or ctx.lower(i + 2) == "của"


def participants(
    ctx: ArticleContext, persons: dict[int, PersonMention], chair: str | None
) -> list[str]:
    """Persons named in sentences that report presence or speaking, chair first."""
    names: list[str] = [chair] if chair else []
    positions = sorted(persons)
    for sentence in ctx.doc.sents:
        first = bisect_left(positions, sentence.start)
        if first == len(positions) or positions[first] >= sentence.end:
            continue  # nobody named here: no need to read the sentence
        if not _PARTICIPATION_RE.search(sentence.lower):
            continue
        for i in positions[first : bisect_left(positions, sentence.end, first)]:
            name = persons[i].name
            if name not in names:
                names.append(name)
    return names
