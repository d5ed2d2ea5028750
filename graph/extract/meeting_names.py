"""A meeting's name: the noun phrase the article calls it by, never a sentence fragment.

The name runs from the meeting word to the first predicate, date or punctuation; a
meeting named by its verb alone is named by a noun for the verb and its organizer.
"""

from __future__ import annotations

import re

from polgraph.extract.context import ArticleContext
from polgraph.extract.dates import _DAY_MONTH
from polgraph.extract.org_names import OrgMatch
from polgraph.extract.places import Place, find_province
from polgraph.extract.tokens import Match, Sent

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
_NAME_VERB_FIRST = frozenset(verb.split()[0] for verb in _NAME_VERBS)  # a cheap first test
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
        span = ctx.first.get((i, "MEETING"))
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
            "lần thứ" in name or any(ctx.first.get((k, "COMMITTEE")) for k in range(start, end))
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
        inner = ctx.first.get((j, "MEETING"))  # "Phiên khai mạc Kỳ họp ..."
        if inner is not None:
            j = inner.end
            continue
        if token.lower_ in _NAME_STOPS or _DAY_MONTH.match(token.text):
            break  # "Hội nghị [sáng 28/4]"
        if token.lower_ == "và" and ctx.first.get((j + 1, "DOCTYPE")) is not None:
            break  # "Kỳ họp thứ nhất của Quốc hội khóa XV [và Nghị quyết của ...]"
        if token.lower_ == "ngày" and (
            ctx.lower(j + 1)[:1].isdigit() or ctx.lower(j + 1) in _DAY_WORDS
        ):
            break
        if (
            j > span.end
            and token.lower_ in _NAME_VERB_FIRST
            and any(ctx.words_at(j, verb) for verb in _NAME_VERBS)
        ):
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


def _place_at_level(place: Place, unit: str) -> str | None:
    """The name of ``place`` at the unit a name ends with, if it is of that unit."""
    if unit in {"xã", "phường", "thị trấn"}:
        return place.commune if place.commune_kind == unit else None
    if place.commune:
        return None
    if unit == "tỉnh":
        record = find_province(place.province) if place.province else None
        return (
            place.province if place.district is None and record and record.kind == "tỉnh" else None
        )
    if place.district:
        return place.district if place.district_kind == unit else None
    record = find_province(place.province) if place.province else None
    return place.province if unit == "thành phố" and record and record.kind == unit else None


_BARE_UNIT = re.compile(
    r"(?<!\w)(thành phố|thị xã|thị trấn|tỉnh|huyện|quận|xã|phường)"
    r"(?=\s*$|\s+(?:lần|khóa|khoá|nhiệm|thứ|kỳ|năm|\(|,))",
)


def _with_place(name: str, start: int, end: int, org_at: dict[int, OrgMatch]) -> str:
    """ "Hội nghị lần thứ 11 Ban Chấp hành Đảng bộ thành phố", "Hội nghị Ban Chấp hành
    Đảng bộ tỉnh lần thứ 12" name whose meeting only with the place: the body read at
    that phrase knows it (from the text or context), and its place follows the unit word
    ("Đảng bộ quận" + "Quận 5" is "Đảng bộ Quận 5")."""
    found = _BARE_UNIT.search(name)
    if found is None:
        return name
    unit = found.group(1)
    bodies = [org_at[k] for k in range(start, end) if k in org_at and org_at[k].place]
    for body in reversed(bodies):
        placed = _place_at_level(body.place, unit)  # type: ignore[arg-type]
        if placed:
            if placed.lower().startswith(unit + " "):
                return f"{name[: found.start()]}{placed}{name[found.end() :]}"
            return f"{name[: found.end()]} {placed}{name[found.end() :]}"
    return name


def meeting_name(
    ctx: ArticleContext,
    sentence: Sent,
    organizer: str | None,
    org_at: dict[int, OrgMatch] | None = None,
) -> str:
    """A meeting's name, never a sentence: the meeting the sentence names ("Kỳ họp thứ
    12"), else a session read from the verb ("họp kỳ thứ 23"), else a noun for the verb
    ("Buổi làm việc"); a name that does not say whose meeting it is takes the organizer
    ("Kỳ họp thứ 12 Hội đồng nhân dân tỉnh X", "Buổi làm việc của Ban Thường vụ ...").
    A name ending in a bare unit word ("... Đảng bộ thành phố") takes the place of the
    body it names, read from ``org_at`` (bodies by their first token)."""
    found = _meeting_word(ctx, sentence)
    if found is not None:
        name, start, end = found
        if org_at:
            name = _with_place(name, start, end, org_at)
        bodies = any(ctx.first.get((k, label)) for k in range(start, end) for label in _BODY_LABELS)
        bodies = bodies or "“" in name or '"' in name  # a titled meeting is named by its title
        if end == ctx.first.get((start, "MEETING")).end:  # type: ignore[union-attr]
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
