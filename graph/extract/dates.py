"""Dates in an article: day-month mentions, the header and the dateline, and the
year each one takes.

``YearResolver`` gives a mention without a year the year of the closest full date, the
dateline, the header or the publication date, in that order of trust.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from functools import cached_property
from typing import NamedTuple

from polgraph.extract.context import ArticleContext
from polgraph.extract.years import anniversary_year, assembly_session_year, year_after_congress

_DAY_MONTH = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})(?:[/\-.](\d{4}))?$")
_DAY_RANGE = re.compile(r"^(\d{1,2})[-–]\d{1,2}[/.](\d{1,2})(?:[/.](\d{4}))?$")  # 20-21/4
_DAY_LINKS = frozenset({"và", ",", "-", "–", "đến"})
_SPAN_ENDS = frozenset({"và", "đến", "tới"})  # "(từ ngày 10) đến ngày 12/1"
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/\-](\d{4})$")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_HEADER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?")
_TIME_CUES = frozenset({"ngày", "sáng", "chiều", "tối", "trưa", "hôm", "nay", "(", "qua,", "đêm"})


class DateMention(NamedTuple):
    start: int
    day: int
    month: int
    year: int | None
    cued: bool  # preceded by a time word ("Sáng", "Ngày")
    tomorrow: bool = False  # "sáng mai (14/10)": the day after the one the article reports


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
        self._doc_text = ctx.doc.text

    @cached_property
    def text(self) -> str:
        """The article lower-cased: read only by the last-resort year cues, so made
        only for an article that gets that far."""
        return self._doc_text.lower()

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
