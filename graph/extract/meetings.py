"""Meetings and dates: when a meeting took place, who chaired it, who attended.

News gives the day and month of a meeting ("Sáng 21/7", "Chiều 2-12") and the
year elsewhere: the source's publication date, an excerpt header, a full date
of the same month in the text ("từ 30/12/2024 đến 4/1/2025", "tháng 8/2012") or
a single year named outright ("cuối năm 2017"), or the calendar of the term the
article names: a session held "after the provincial party congress" within the
state term 2011-2016 can only fall in 2016 (party congresses follow a fixed
five-year cycle).  When none of these fixes the year the meeting keeps no date:
a wrong year is worse than none.

Dates and their years are read in ``dates`` and ``years``, names in ``meeting_names``,
chairs and participants in ``chairs``; this module ties them to meetings.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from polgraph.extract.chairs import _SITTING_WORDS, find_chair, participants
from polgraph.extract.context import ArticleContext
from polgraph.extract.dates import _DAY_MONTH, DateMention, YearResolver
from polgraph.extract.meeting_names import _meeting_word, meeting_name
from polgraph.extract.org_names import OrgMatch
from polgraph.extract.persons import PersonMention
from polgraph.extract.tokens import Sent
from polgraph.extract.years import _one_term

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
    org_at: dict[int, OrgMatch],
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
        bodies = [i for i in range(sentence.start, sentence.end) if i in org_at]
        hosts = [i for i in bodies if not _at_venue(ctx, i)] or bodies
        organizer = org_at[hosts[0]].name if hosts else None
        name = meeting_name(ctx, sentence, organizer, org_at)
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


_VENUE_REACH = 4  # tokens from "tại" to the body whose building hosts the meeting


def _at_venue(ctx: ArticleContext, i: int) -> bool:
    """'tại Hội trường UBND phường X': a body named as the meeting's venue is no organizer."""
    for j in range(i - 1, max(-1, i - 1 - _VENUE_REACH), -1):
        word = ctx.lower(j)
        if word == "tại":
            return True
        if word in {",", ".", ";", ":"}:
            return False
    return False


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
