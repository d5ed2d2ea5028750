"""The parts of a document citation: issuer, plenum and term, quoted title, subject.

"Nghị quyết số 05-NQ/TU của Ban Thường vụ Tỉnh ủy về ...": each part is read by one
function here; ``documents`` assembles them.
"""

from __future__ import annotations

import re

from polgraph.core.model import DocKind, OrgKind
from polgraph.extract.context import ArticleContext
from polgraph.extract.doc_match import (
    _ORDINALS,
    _QUOTES,
    _STOP_SUBJECT,
    DocMatch,
    _skip_space,
    personnel_subject,
    roman,
)
from polgraph.extract.orgs import OrgParser
from polgraph.extract.tokens import Match, Sent

_ISSUING = ("ban hành", "thông qua", "ký ban hành", "ký")
# words between a body and its issuing verb: "HĐND tỉnh đã biểu quyết thông qua"
_BEFORE_VERB = frozenset({"đã", "vừa", "mới", "biểu", "quyết", "nhất", "trí", "chính", "thức"})
# the body a number's code names: 48-KH/TU is a plan of a Tỉnh ủy or Thành ủy
_CODE_ISSUERS = (
    ("/QU", "Quận ủy"),
    ("/HU", "Huyện ủy"),
    ("/TU", "Tỉnh ủy"),
    ("-HĐND", "Hội đồng nhân dân"),
    ("-UBND", "Ủy ban nhân dân"),
)


def _issuer_by_verb(ctx: ArticleContext, orgs: OrgParser, start: int, sentence: Sent) -> str | None:
    """'Bộ Chính trị ban hành Chỉ thị ...', 'Chủ tịch UBND tỉnh X ký ban hành ...':
    the body right before the issuing verb."""
    doc = ctx.doc
    j = start - 1
    while j > sentence.start and doc[j].is_space:
        j -= 1
    verb_start = None
    for length in (3, 2, 1):
        k = j - length + 1
        if k >= sentence.start and doc.span_text(k, j + 1).lower() in _ISSUING:
            verb_start = k
            break
    if verb_start is None:
        return None
    for _ in range(6):  # "đã biểu quyết thông qua": the body stands before the auxiliaries
        k = verb_start - 1
        while k > sentence.start and doc[k].is_space:
            k -= 1
        if ctx.lower(k) not in _BEFORE_VERB:
            break
        verb_start = k
    # the longest organization phrase ending right before the verb
    best = None
    for begin in range(verb_start - 1, max(sentence.start, verb_start - 12) - 1, -1):
        org = orgs.parse(begin)
        if org is not None and org.end >= verb_start - 1:
            best = org.name
    return best


def _issuer_by_code(orgs: OrgParser, number: str, start: int) -> str | None:
    """A local code names its issuer's kind; the article's place completes it."""
    for suffix, head in _CODE_ISSUERS:
        if number.upper().endswith(suffix.upper()) or f"{suffix}-" in number.upper():
            if head in {"Hội đồng nhân dân", "Ủy ban nhân dân"}:
                org = orgs.context_body(head, start)
            else:
                org = orgs.context_committee(head, start)
                if org is None and head == "Tỉnh ủy":
                    org = orgs.context_committee("Thành ủy", start)
            return org.name if org is not None else None
    return None


def _central_plenum_after(ctx: ArticleContext, i: int, sentence: Sent) -> tuple[bool, int]:
    """'của Hội nghị Trung ương 4 (khóa XIII)': issued by the Central Committee."""
    if not ctx.words_at(i, "hội nghị"):
        return False, i
    plenum, end = _plenum(ctx, i, sentence)
    return (plenum is not None), end


# "112/NQ-Hội đồng Nhân dân": a code whose last part was written out in full
_SPELLED_CODES = (("Hội", ("đồng", "nhân", "dân"), "HĐND"), ("Ủy", ("ban", "nhân", "dân"), "UBND"))


def _expanded_words(ctx: ArticleContext, token: str, i: int) -> int:
    """How many words after ``token`` spell out the end of its code (0 if none)."""
    for head, rest, _ in _SPELLED_CODES:
        if token.endswith("-" + head) and all(
            ctx.lower(i + k) == word for k, word in enumerate(rest)
        ):
            return len(rest)
    return 0


def _expand_code(ctx: ArticleContext, token: str, i: int) -> str:
    if _expanded_words(ctx, token, i):
        for head, _, code in _SPELLED_CODES:
            if token.endswith("-" + head):
                return token[: -len(head)] + code
    return token


def _type_word(text: str) -> str:
    if text == "NQ":
        return "Nghị quyết"
    return text[0].upper() + text[1:]


def _plenum(ctx: ArticleContext, i: int, sentence: Sent) -> tuple[str | None, int]:
    """'TƯ4', 'TW 4', 'Trung ương 4', 'Hội nghị Trung ương 4', 'Hội nghị lần thứ tư BCH TW'."""
    doc = ctx.doc
    j = i
    if ctx.words_at(j, "hội nghị"):
        j += 2
    text = doc[j].text if j < sentence.end else ""
    compact = re.match(r"^(TƯ|TW|T\.Ư)(\d{1,2})$", text)
    if compact:
        return compact.group(2), j + 1
    if ctx.lower(j) in {"tư", "tw", "t.ư"} and j + 1 < sentence.end and doc[j + 1].is_digit:
        return doc[j + 1].text, j + 2
    if ctx.words_at(j, "trung ương") and j + 2 < sentence.end:
        if doc[j + 2].is_digit:
            return doc[j + 2].text, j + 3
        if ctx.lower(j + 2) == "lần" and ctx.lower(j + 3) == "thứ":
            value = _ordinal(doc[j + 4].text if j + 4 < sentence.end else "")
            if value:
                return value, j + 5
    if ctx.words_at(j, "lần thứ") and j > i:
        value = _ordinal(doc[j + 2].text if j + 2 < sentence.end else "")
        if value:
            k = j + 3
            # "Ban Chấp hành Trung ương (Đảng)" / "BCH TW"
            nat = ctx.first.get((_skip_space(ctx, k), "NATORG"))
            if nat is not None and nat.kb_id_ == "Ban Chấp hành Trung ương Đảng":
                return value, nat.end
    return None, i


def _ordinal(text: str) -> str | None:
    if text.isdigit():
        return text
    value = _ORDINALS.get(text.lower())
    return str(value) if value else None


def _quoted(ctx: ArticleContext, i: int, sentence: Sent) -> tuple[str | None, int]:
    doc = ctx.doc
    closing = _QUOTES[doc[i].text]
    j = i + 1
    while j < sentence.end and doc[j].text != closing and j - i < 80:
        j += 1
    if j >= sentence.end or doc[j].text != closing:
        return None, i + 1
    text = doc.span_text(i + 1, j).strip()
    return (text or None), j + 1


# words that open a new clause after a comma, ending a subject ("..., đồng thời ...")
_CLAUSE_OPENERS = frozenset(
    {"đồng", "trong", "theo", "nhằm", "để", "đề", "yêu", "và", "qua", "sau", "tại", "với"}
    | {"đó", "nhưng", "song", "trên", "từ", "khi", "nên", "do", "vì", "góp", "bảo", "tạo"}
)


def _subject(
    ctx: ArticleContext, i: int, sentence: Sent, *, lists: bool = False
) -> tuple[str, int]:
    """A "về ..." subject: up to a clause's end.  With ``lists`` (a subject that names
    the document), a comma before a lowercase word that opens no clause lists within
    it ("về việc thành lập, chỉ định nhân sự của ...")."""
    doc = ctx.doc
    j = i
    while j < sentence.end and j - i < 40:
        if (
            doc[j].text in _STOP_SUBJECT
            and not _idiom_comma(ctx, j)
            and not (lists and _list_comma(ctx, j))
        ):
            break
        if doc[j].is_space and "\n" in doc[j].text:
            break
        j += 1
    return doc.span_text(i, j).strip(), j


def _list_comma(ctx: ArticleContext, j: int) -> bool:
    """A comma inside a subject: the next word is lowercase and opens no clause."""
    if ctx.doc[j].text != ",":
        return False
    k = _skip_space(ctx, j + 1)
    word = ctx.doc[k].text if k < len(ctx.doc) else ""
    return word[:1].islower() and word.isalpha() and word not in _CLAUSE_OPENERS


def _idiom_comma(ctx: ArticleContext, j: int) -> bool:
    """The comma of "phòng, chống" (prevent and combat): inside a subject, not its end."""
    return ctx.doc[j].text == "," and ctx.lower(j - 1) == "phòng" and ctx.lower(j + 1) == "chống"


def _congress_resolution(
    ctx: ArticleContext,
    orgs: OrgParser,
    span: Match,
    sentence: Sent,
    type_word: str,
    kind: DocKind,
) -> DocMatch | None:
    """'Nghị quyết Đại hội Đảng bộ tỉnh (lần thứ XXI)': the resolution of a party congress."""
    i = span.end
    if not ctx.words_at(i, "đại hội"):
        return None
    national = _national_congress(ctx, i + 2, sentence)
    if national is not None:
        end, written = national
        name = f"{type_word} Đại hội {written}"
        issuer = "Đảng Cộng sản Việt Nam"
        return DocMatch(span.start, end, name, kind, None, issuer, None, None, (), sentence)
    delegates = ctx.words_at(i + 2, "đại biểu")  # "Đại hội đại biểu Đảng bộ tỉnh ..."
    org = orgs.parse(i + 2 + 2 * delegates)
    if org is None or org.kind != OrgKind.PARTY_ORGANIZATION:
        return None
    name = f"{type_word} Đại hội {'đại biểu ' if delegates else ''}{org.name}"
    end = org.end
    if ctx.words_at(end, "lần thứ") and end + 2 < sentence.end:
        ordinal = ctx.doc[end + 2].text
        if roman(ordinal):
            name = f"{name} lần thứ {roman(ordinal)}"
            end += 3
    return DocMatch(span.start, end, name, kind, None, org.name, None, None, (), sentence)


def _national_congress(ctx: ArticleContext, i: int, sentence: Sent) -> tuple[int, str] | None:
    """After "Đại hội": a national party congress as written, "Đảng XIII", "XIII của
    Đảng", "đại biểu toàn quốc lần thứ XIII của Đảng", "Đảng lần thứ XIII".  Returns
    its end and its words (the document is cited as the text cites it)."""
    j = i
    if ctx.words_at(j, "đại biểu toàn quốc"):
        j += 3
    party = ctx.lower(j) == "đảng" and ctx.lower(j + 1) != "bộ"
    j += party
    j += 2 if ctx.words_at(j, "lần thứ") else 0
    if j >= sentence.end or not roman(ctx.doc[j].text) or ctx.doc[j].text.isdigit():
        return None
    j += 1
    if ctx.words_at(j, "của đảng") and ctx.lower(j + 2) != "bộ":
        j += 2
        party = True
    if not party:
        return None  # "Đại hội XIII" alone may be any body's
    return j, ctx.doc.span_text(i, j)


def _quoted_document(
    ctx: ArticleContext, span: Match, sentence: Sent, kind: DocKind
) -> DocMatch | None:
    """“Quy định tạm thời đánh giá ...”: a quotation that opens with a document type
    names a document by its title."""
    doc = ctx.doc
    j = span.start - 1
    if j < sentence.start or doc[j].text not in _QUOTES:
        return None
    title, end = _quoted(ctx, j, sentence)
    if title is None or len(title.split()) < 4:
        return None
    return DocMatch(span.start, end, title, kind, None, None, None, title, (), sentence)


_SUBJECT_WORDS = 20  # longer, and the "subject" is the rest of the sentence


def _issued_by(
    ctx: ArticleContext,
    orgs: OrgParser,
    span: Match,
    sentence: Sent,
    type_word: str,
    kind: DocKind,
) -> DocMatch | None:
    """'Kết luận của Bộ Chính trị về công tác nhân sự': an unnumbered document named
    by its issuer and subject."""
    if ctx.lower(span.end) != "của":
        return None
    org = orgs.parse(span.end + 1)
    if org is None:
        return None
    at = _adopted_at(ctx, org.end, sentence)
    if at is not None:  # "Kết luận của Ủy ban Kiểm tra Trung ương tại Kỳ họp thứ 24"
        name = f"{type_word} của {org.name} tại {at}"
        return DocMatch(span.start, org.end, name, kind, None, org.name, None, None, (), sentence)
    opener = ctx.lower(org.end)
    if opener != "về" and not any(ctx.words_at(org.end, verb) for verb in _CARRYING):
        return None
    start = org.end + (opener == "về")
    subject, _ = _subject(ctx, start, sentence, lists=True)
    words = subject.split()
    if not 2 <= len(words) <= _SUBJECT_WORDS or personnel_subject(subject):
        return None
    joiner = " về " if opener == "về" else " "
    name = f"{type_word} của {org.name}{joiner}{subject}"
    # the match ends at the issuer: a document cited in the subject is read on its own
    return DocMatch(span.start, org.end, name, kind, None, org.name, None, None, (), sentence)


# a subject that says what the document carries out: "Chương trình hành động của Chính
# phủ triển khai thực hiện Nghị quyết ..."
_CARRYING = ("triển khai", "thực hiện", "tổ chức thực hiện")


def _adopted_by(ctx: ArticleContext, orgs: OrgParser, span: Match) -> bool:
    """'kết luận của UBKT Trung ương tại Kỳ họp thứ 24': a lowercase mention that its
    issuer and numbered meeting identify (not a generic 'các kết luận')."""
    if ctx.lower(span.end) != "của":
        return False
    org = orgs.parse(span.end + 1)
    return org is not None and _adopted_at(ctx, org.end, ctx.doc.sent_at(span.start)) is not None


def _adopted_at(ctx: ArticleContext, i: int, sentence: Sent) -> str | None:
    """'tại Kỳ họp thứ 24' / 'tại Hội nghị lần thứ 5': the numbered meeting that adopted
    a document, as written."""
    if ctx.lower(i) != "tại":
        return None
    meeting = ctx.first.get((i + 1, "MEETING"))
    if meeting is None:
        return None
    j = meeting.end + (ctx.lower(meeting.end) == "lần")
    if ctx.lower(j) != "thứ" or j + 1 >= sentence.end or not ctx.doc[j + 1].text.isalnum():
        return None
    text = ctx.doc.span_text(i + 1, j + 2)
    return text[0].upper() + text[1:]
