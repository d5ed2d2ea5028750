"""Tenure cues: what one sentence says about when a holding began or ended.

A holding (person, role, organization) is extracted from a sentence; the same
sentence often says why it is news: "được bầu giữ chức Bí thư ... ngày
12/5/2021", "thôi giữ chức", "nghỉ hưu", "từ trần", "cách chức", "điều động ...
giữ chức".  ``find_cues`` reads those cues with the date the sentence gives
(or the article's date when it gives none) and its precision (day, month, year,
or a term "nhiệm kỳ 2020–2025").  It is pure text work over one sentence; what
the cues of many articles add up to is ``polgraph.resolve.tenure``'s job.

Which holding a cue is about is decided by position, since a sentence often
names two people or two posts:

* a **person**: an active verb ("bầu ông A", "miễn nhiệm ... đối với ông A",
  "thay ông A") is about the next person named after it; a passive or
  intransitive one ("ông A được bầu", "ông A nghỉ hưu") about the last person
  named before it;
* a **post**: an election or appointment starts the post named *after* the cue
  ("ông A, Phó Chủ tịch, được bầu giữ chức Chủ tịch" starts Chủ tịch only); a
  transfer ends the posts named before its destination ("giữ chức", "làm",
  "đến", "sang") and starts those after it; retirement, death and expulsion
  end every post of the person in the sentence.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from polgraph.core.text import fold

__all__ = ["CAUSES", "Cue", "find_cues", "parse_date"]

CAUSES = (
    "election", "appointment", "transfer", "term",  # starts
    "dismissal", "resignation", "retirement", "death", "discipline", "replacement",  # ends
)  # fmt: skip


@dataclass(frozen=True, order=True, slots=True)
class Cue:
    """One bound of a holding stated by a sentence.

    ``date`` is ISO text at its ``precision``: "2021-05-12" (day), "2021-05"
    (month), "2021" (year or term); ``term_end`` is the term's last year.
    ``dated_by`` is "sentence" when the sentence gives the date, "article" when
    the article's date stands in for it ("vừa được bầu" in a report).
    """

    kind: str  # "start" or "end"
    cause: str  # one of CAUSES
    date: str
    precision: str  # "day", "month", "year" or "term"
    dated_by: str = "sentence"
    term_end: int | None = None


# Cue patterns over folded (lower-case, diacritics kept) text: (regex, kind, cause, voice).
# voice: "active" (the person named after the verb), "passive" (named before it).
# Each has a second form without its leading look-behinds, searched first: a pattern
# that opens with a look-behind is tried at every position of the sentence, one that
# opens with its words skips to where they stand.  The guarded pattern cannot match
# before the bare one first does, so it is run from there (see ``_read_sentence``).
_P = r"(?<![\wÀ-ỹđ])"
_LOOKBEHINDS = re.compile(r"^(?:\(\?<!(?:[^()\\]|\\.)*\))+")
_CUES: tuple[tuple[re.Pattern[str], re.Pattern[str], str, str, str], ...] = tuple(
    (re.compile(_P + p), re.compile(_LOOKBEHINDS.sub("", p)), kind, cause, voice)
    for p, kind, cause, voice in (
        (r"(?:được|đã được|vừa được)\s+(?:tín nhiệm\s+)?(?:bầu|bầu bổ sung)(?!\s+lại)", "start",
         "election", "passive"),
        (r"(?:trúng cử|đắc cử)", "start", "election", "passive"),
        (r"bầu(?:\s+bổ sung)?(?=\s+(?:ông|bà|đồng chí|đ/c)\s)", "start", "election", "active"),
        (r"(?:được|đã được|vừa được)\s+(?:bổ nhiệm|chỉ định|phân công|giao)(?!\s+lại)", "start",
         "appointment", "passive"),
        (r"(?:bổ nhiệm|chỉ định)(?!\s+lại)(?=\s+(?:ông|bà|đồng chí|đ/c)\s)", "start",
         "appointment", "active"),
        (r"nhậm chức", "start", "appointment", "passive"),
        (r"(?:được\s+)?(?:điều động|luân chuyển)", "end", "transfer", "mixed"),
        (r"chuyển công tác", "end", "transfer", "passive"),
        (r"(?:cho\s+)?thôi\s+(?:giữ\s+)?(?:chức|làm|tham gia|đảm nhiệm)", "end", "dismissal",
         "passive"),
        (r"(?:miễn nhiệm|bãi nhiệm)", "end", "dismissal", "mixed"),
        (r"(?:xin\s+)?từ chức", "end", "resignation", "passive"),
        (r"nghỉ\s+(?:hưu|chế độ)", "end", "retirement", "passive"),
        (r"(?:từ trần|qua đời|tạ thế|từ trần)", "end", "death", "passive"),
        (r"(?<!tư )cách\s+(?:tất cả\s+|hết\s+)?(?:các\s+)?chức", "end", "discipline", "mixed"),
        (r"xóa tư cách", "end", "discipline", "mixed"),
        (r"khai trừ", "end", "discipline", "mixed"),
        (r"thay\s+(?:thế\s+)?(?=(?:ông|bà|đồng chí|đ/c)\s)", "end", "replacement", "active"),
    )
)
_ENDS_ALL = frozenset({"retirement", "death"})  # every post of the person ends
_DESTINATION = re.compile(_P + r"(?:giữ chức|giữ|làm|đến|sang|về|tham gia|đảm nhiệm|bổ nhiệm)\s")
_SUBJECT_REACH = 250  # characters from a person's name to a cue about them (appositives fit)
_POST_REACH = 90  # characters after a cue or destination in which the post it names stands
_FOR = re.compile(r"\s*(?:[^\s,.;]+\s+){0,3}?(?:cho|đối với)\s+(?:ông|bà|đồng chí|đ/c)\s")
_GROUP = re.compile(_P + r"(?:các|những)\s+(?:đồng chí|ông|bà|cán bộ|đại biểu|vị)")
_SEAT = re.compile(r"(?:ủy viên|thành viên|đại biểu)")
_AGAIN = re.compile(_P + r"(?:tái|tiếp tục)\s")
_PAST = re.compile(_P + r"(?:từng|đã từng|trước đây)\s+$")
_TERM = re.compile(r"nhiệm kỳ\s+(\d{4})\s*[-–—]\s*(\d{4})")
_DATES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"), "dmy"),
    (re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d]|[/.-]\d)"), "dmy"),
    (re.compile(r"ngày\s+(\d{1,2})[/-](\d{1,2})(?![\d]|[/.-]\d)"), "dm"),
    (re.compile(r"tháng\s+(\d{1,2})\s*(?:[/-]|năm)\s*(\d{4})"), "my"),
    (re.compile(r"(?:năm|từ|đầu|cuối)\s+(\d{4})(?![\d]|[/.-]\d)"), "y"),
)


def parse_date(text: str, ref: _dt.date | None = None) -> list[tuple[int, int, str, str]]:
    """Dates in folded ``text``: (start, end, ISO text, precision), left to right.

    A day without a year ("ngày 12/5") takes the year of ``ref`` (the article's
    date), or the year before when that would put it after the article.

    >>> parse_date("kỳ họp ngày 12/5/2021 và tháng 3/2020")
    [(12, 21, '2021-05-12', 'day'), (25, 37, '2020-03', 'month')]
    """
    found: list[tuple[int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern, form in _DATES:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            iso, precision = _iso(form, m.groups(), ref)
            if iso:
                found.append((m.start(), m.end(), iso, precision))
                taken.append((m.start(), m.end()))
    return sorted(found)


def _iso(form: str, g: tuple[str, ...], ref: _dt.date | None) -> tuple[str | None, str]:
    try:
        if form == "dmy":
            return _dt.date(int(g[2]), int(g[1]), int(g[0])).isoformat(), "day"
        if form == "dm":
            if ref is None:
                return None, ""
            d = _dt.date(ref.year, int(g[1]), int(g[0]))
            if d > ref:
                d = _dt.date(ref.year - 1, int(g[1]), int(g[0]))
            return d.isoformat(), "day"
        if form == "my":
            month, year = int(g[0]), int(g[1])
            return (f"{year:04d}-{month:02d}", "month") if 1 <= month <= 12 else (None, "")
        year = int(g[0])
        return (f"{year:04d}", "year") if 1945 <= year <= 2100 else (None, "")
    except ValueError:  # 31/2, month 13
        return None, ""


@lru_cache(maxsize=4096)
def _mentions(text: str, name: str) -> tuple[int, ...]:
    """Where ``name`` is named in folded ``text``, left to right, without overlaps.

    Cached: a sentence that evidences several holdings is searched for every name of
    its article once per holding otherwise (the key's strings keep their hashes)."""
    key = fold(name)
    if not key:
        return ()
    found: list[int] = []
    at = text.find(key)
    while at >= 0:
        found.append(at)
        at = text.find(key, at + len(key))
    return tuple(found)


@lru_cache(maxsize=1024)
def _role_positions(text: str, role: str) -> tuple[int, ...]:
    """Where ``role`` is named; "Bí thư" inside "Phó Bí thư" does not count."""
    key = fold(role)
    if not key:
        return ()
    guard = "" if key.startswith(("phó", "ủy viên", "thành viên")) else r"(?<!phó )"
    pattern = re.compile(guard + _P + re.escape(key) + r"(?![\wÀ-ỹđ])")
    return tuple(m.start() for m in pattern.finditer(text))


def find_cues(
    sentence: str,
    person: str,
    role: str,
    others: tuple[str, ...] = (),
    ref: _dt.date | None = None,
) -> tuple[Cue, ...]:
    """Cues in ``sentence`` about ``person`` holding ``role`` (``others``: the other people
    the sentence names, so a cue about them is not taken for this one).

    >>> [(c.kind, c.cause, c.date, c.precision) for c in find_cues(
    ...     "Ông Lê Văn Bình được bầu giữ chức Bí thư Tỉnh ủy X ngày 12/5/2021.",
    ...     "Lê Văn Bình", "Bí thư")]
    [('start', 'election', '2021-05-12', 'day')]
    """
    text, cues_at, term = _read_sentence(sentence)
    if not cues_at and term is None:
        return ()  # most evidence sentences state no cue: nothing to place
    mine = _mentions(text, person)
    if not mine:
        return ()
    people = sorted({(p, n) for n in {person, *others} for p in _mentions(text, n)})
    roles = _role_positions(text, role)
    out: list[Cue] = []
    for i, (start, end, kind, cause, voice) in enumerate(cues_at):
        if _PAST.search(text[max(0, start - 12) : start]) and not _dated_near(text, start, end):
            continue  # "từng được bầu" with no date: an old event, not this article's news
        next_cue = cues_at[i + 1][0] if i + 1 < len(cues_at) else len(text)
        who = _subject(people, start, end, voice, next_cue, text)
        if who is None or fold(who[1]) != fold(person):
            continue
        which, where = _post_side(text, roles, (start, end), who[0], next_cue, people, person)
        if kind == "start" and which == "after" and _AGAIN.search(text, max(0, start - 16), where):
            continue  # re-elected, "tiếp tục giữ chức": the tenure began earlier
        if cause in _ENDS_ALL or cause in ("replacement",):
            bound = "end"
        elif cause == "transfer":
            bound = {"before": "end", "after": "start"}.get(which, "")
            if bound == "end" and _SEAT.match(fold(role)):
                continue  # a transfer moves a job; a seat on a committee stays
        elif kind == "start":
            bound = "start" if which == "after" else ""
        else:  # dismissal, resignation, discipline: the post named with the cue
            named = which == "after" or (which == "before" and cause != "dismissal")
            bound = "end" if named else ""
        if not bound:
            continue
        date = _nearest_date(text, start, end, ref)
        if date is not None:
            out.append(Cue(bound, cause, date[0], date[1]))
        elif ref is not None:
            out.append(Cue(bound, cause, ref.isoformat(), "day", "article"))
    if term and roles and not any(c.kind == "start" for c in out):
        first, last = int(term.group(1)), int(term.group(2))
        if 1945 <= first <= last <= 2100:
            out.append(Cue("start", "term", f"{first:04d}", "term", "sentence", last))
    return tuple(sorted(set(out)))


_At = tuple[int, int, str, str, str]  # start, end, kind, cause, voice


@lru_cache(maxsize=1024)
def _read_sentence(sentence: str) -> tuple[str, tuple[_At, ...], re.Match[str] | None]:
    """The folded sentence, its cue verbs and its term: the same for every holding it
    evidences (a sentence listing ten officials is read once, not ten times)."""
    text = fold(sentence)
    cues_at = []
    for guarded, bare, kind, cause, voice in _CUES:
        first = bare.search(text)
        if first is not None:
            cues_at += [(m.start(), m.end(), kind, cause, voice)
                        for m in guarded.finditer(text, first.start())]  # fmt: skip
    cues_at.sort()
    return text, tuple(_drop_overlaps(cues_at)), _TERM.search(text)


def _drop_overlaps(cues: list[_At]) -> list[_At]:
    """Longest match wins where cue patterns overlap ("được điều động" vs "điều động")."""
    kept: list[_At] = []
    for c in sorted(cues, key=lambda c: (c[0], -(c[1] - c[0]))):
        if kept and c[0] < kept[-1][1]:
            continue
        kept.append(c)
    return kept


def _subject(
    people: list[tuple[int, str]], start: int, end: int, voice: str, next_cue: int, text: str
) -> tuple[int, str] | None:
    """Where the person a cue is about is named, and who (see the module docstring)."""
    after = [(p, n) for p, n in people if end <= p < next_cue]
    before = [(p, n) for p, n in people if p < start]
    if voice == "active" and after:
        return after[0]
    if after and _FOR.match(text, end):  # "trao quyết định nghỉ hưu cho ông A"
        return after[0]
    if voice == "mixed" and after:
        # "miễn nhiệm chức vụ ... đối với ông A", "điều động ông A": the object follows
        gap = text[end : after[0][0]]
        if re.search(r"(?:đối với|ông|bà|đồng chí|đ/c)\s*$", gap) or len(gap) < 12:
            return after[0]
    if not before:
        return None
    # the subject of a passive or intransitive cue is named close before it, and no
    # unnamed group comes between ("... chủ trì gặp mặt các đồng chí ... đã nghỉ hưu")
    gap = text[before[-1][0] : start]
    if len(gap) > _SUBJECT_REACH or _GROUP.search(gap):
        return None
    return before[-1]


def _post_side(
    text: str,
    roles: tuple[int, ...],
    cue: tuple[int, int],
    subject: int,
    next_cue: int,
    people: list[tuple[int, str]],
    person: str,
) -> tuple[str, int]:
    """("after", where) when the post is what the cue is about, ("before", where) when it is
    named in apposition to the person, ("", -1) when it is not named in the cue's reach.

    After the cue means after its destination ("giữ chức", "làm", "sang") when there is
    one: in "bầu ông A, Giám đốc Sở Y, giữ chức Phó Chủ tịch" only Phó Chủ tịch is
    elected.  With the person named after the cue and no destination, the post is the
    one between them ("miễn nhiệm chức vụ X đối với ông A, Bí thư ...": X)."""
    _start, end = cue
    stop = next_cue
    for p, n in people:  # another person's clause ends this one's reach
        if p > max(end, subject) and fold(n) != fold(person):
            stop = min(stop, p)
            break
    dest = _DESTINATION.search(text, max(end, subject), stop)
    if dest:
        reach = min(stop, dest.end() + _POST_REACH)
        after = [r for r in roles if dest.start() <= r < reach]
        before = [r for r in roles if r < dest.start()]
    elif subject >= end:
        after = [r for r in roles if end <= r < subject]
        before = [r for r in roles if r < end or r >= subject]
    else:
        after = [r for r in roles if end <= r < min(stop, end + _POST_REACH)]
        before = [r for r in roles if r < end]
    if subject >= end and dest:
        # "miễn nhiệm chức danh X đối với ông A ... và bầu ...": X sits before the object
        after += [r for r in roles if end <= r < subject]
        before = [r for r in before if not end <= r < subject]
    if after:
        return "after", min(after)
    if before:
        return "before", max(before)
    return "", -1


def _dated_near(text: str, start: int, end: int) -> bool:
    return _nearest_date(text, start, end, None) is not None


def _nearest_date(text: str, start: int, end: int, ref: _dt.date | None) -> tuple[str, str] | None:
    """The date closest to the cue in its clause (a term's years are not dates)."""
    masked = _TERM.sub(lambda m: " " * len(m.group(0)), text)
    best: tuple[int, str, str] | None = None
    for a, b, iso, precision in parse_date(masked, ref):
        if re.search(r"[;]", text[min(b, start) : max(a, end)]):
            continue  # another clause
        distance = a - end if a >= end else start - b
        if best is None or distance < best[0]:
            best = (distance, iso, precision)
    return (best[1], best[2]) if best else None
