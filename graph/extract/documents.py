"""Documents: resolutions, directives, conclusions, programs, plans, regulations, decisions.

A citation is a document type followed by what identifies it: a number
("số 48-KH/QU", "39"), a Central Committee plenum ("TƯ4", "Trung ương 4",
"Hội nghị Trung ương 4"), or, for resolutions a body passes, the descriptive
name after "thông qua".  Around it: the issuer ("của Bộ Chính trị"), the term
("khóa XI") and a quoted title (“...”) or a "về ..." subject.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from polgraph.core.model import DocKind, OrgKind
from polgraph.extract.context import ArticleContext, Match, Sent
from polgraph.extract.orgs import OrgParser

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


def find_documents(ctx: ArticleContext, orgs: OrgParser) -> list[DocMatch]:
    doc = ctx.doc
    found: list[DocMatch] = []
    meeting_names: dict[str, str | None] = {}  # a meeting's full name, read once per word
    covered = 0  # citations do not overlap: skip what the last one read
    for i in sorted(pos for pos, label in ctx.by_label if label == "DOCTYPE"):
        if i < covered:
            continue
        known = _known_document(ctx, i)
        if known is not None:
            found.append(known)
            covered = known.end
            continue
        span = ctx.first_at(i, "DOCTYPE")
        if span is None:
            continue
        announced = _announced(ctx, span, found[-1] if found else None)
        if announced is not None:
            found.append(announced)
            covered = announced.end
            continue
        if not (
            doc[i].text[:1].isupper()
            or ctx.lower(span.end) == "số"  # "quyết định số 793"
            or _adopted_by(ctx, orgs, span)  # "kết luận của X tại Kỳ họp thứ 24"
        ):
            continue
        sentence = doc.sent_at(i)
        match = _read_citation(ctx, orgs, span, sentence, meeting_names)
        if match is None:
            covered = span.end
            continue
        found.append(match)
        covered = match.end
    return found


# verbs that announce one specific decision: "thông báo quyết định về việc hợp nhất ..."
_ANNOUNCING = frozenset({"công bố", "thông báo", "trao", "trao tặng", "đọc"})


def _announced(ctx: ArticleContext, span: Match, last: DocMatch | None) -> DocMatch | None:
    """'(công bố|thông báo) quyết định về việc hợp nhất Ban A và Ban B': an unnumbered
    decision that an announcement identifies by its "về việc" subject, in any case; the
    next item of the same list ("; quyết định về chức năng ... của Ban C") too.  Not a
    personnel decision, not a plural ("các quyết định")."""
    if _type_word(span.text) != "Quyết định":
        return None
    sentence = ctx.doc.sent_at(span.start)
    j = span.start - 1
    while j > sentence.start and ctx.doc[j].is_space:
        j -= 1
    verb = f"{ctx.lower(j - 1)} {ctx.lower(j)}"
    listed = (
        ctx.lower(j) in {";", ","}
        and last is not None
        and last.name.startswith("Quyết định về")
        and last.end == j
    )
    if not (verb in _ANNOUNCING or ctx.lower(j) in _ANNOUNCING or listed):
        return None
    if not ctx.words_at(span.end, "về việc") and not (listed and ctx.lower(span.end) == "về"):
        return None
    subject, end = _subject(ctx, span.end + 1, sentence, lists=True)
    words = subject.split()
    if not 3 <= len(words) <= _SUBJECT_WORDS or personnel_subject(subject):
        return None
    name = f"Quyết định về {subject}"
    return DocMatch(span.start, end, name, DocKind.DECISION, None, None, None, None, (), sentence)


@lru_cache(maxsize=1)
def known_documents() -> dict[str, list[tuple[tuple[str, ...], dict]]]:
    """Fixed-name documents (graph/data/documents.json) by their surfaces' first word."""
    source = resources.files("polgraph").joinpath("data/documents.json")
    data = json.loads(source.read_text("utf-8"))
    by_first: dict[str, list[tuple[tuple[str, ...], dict]]] = {}
    for entry in data["documents"]:
        for surface in entry["surfaces"]:
            words = tuple(surface.lower().split())
            by_first.setdefault(words[0], []).append((words, entry))
    for entries in by_first.values():
        entries.sort(key=lambda item: -len(item[0]))  # longest surface first
    return by_first


def _known_document(ctx: ArticleContext, i: int) -> DocMatch | None:
    """A document every reader knows by its fixed name ("Quy chế bầu cử trong Đảng",
    "quy định những điều đảng viên không được làm"), in any case."""
    lowers = ctx.doc.lowers
    for words, entry in known_documents().get(lowers[i], ()):
        if tuple(lowers[i : i + len(words)]) == words:
            end = i + len(words)
            name = entry["name"]
            return DocMatch(
                i, end, name, DocKind(entry["kind"]), None, entry["issuer"], None, None, (),
                ctx.doc.sent_at(i),
            )  # fmt: skip
    return None


def _skip_space(ctx: ArticleContext, i: int) -> int:
    while i < len(ctx.doc) and ctx.doc[i].is_space and "\n" not in ctx.doc[i].text:
        i += 1
    return i


def _read_citation(
    ctx: ArticleContext,
    orgs: OrgParser,
    span: Match,
    sentence: Sent,
    meeting_names: dict[str, str | None],
) -> DocMatch | None:
    doc = ctx.doc
    type_word = _type_word(span.text)
    kind = DocKind(span.kb_id_)
    i = span.end
    number = None
    plenum = None
    written_so = ctx.lower(i) == "số"  # the citation's own form: "Thông tri số 36 của ..."
    if written_so:
        i += 1
    token = doc[i].text if i < sentence.end else ""
    if _NUMBER.match(token):
        number = _expand_code(ctx, token, i + 1)
        i += 1 + _expanded_words(ctx, token, i + 1)
        # "05 - CT/TW": code written with spaces
        if ctx.lower(i) in {"-", "–"} and i + 1 < sentence.end and "/" in doc[i + 1].text:
            number = f"{number}-{doc[i + 1].text}"
            i += 2
    else:
        plenum, i = _plenum(ctx, i, sentence)
    if number is None and plenum is None:
        return (
            _congress_resolution(ctx, orgs, span, sentence, type_word, kind)
            or _owned_document(ctx, orgs, span, sentence, type_word, kind, meeting_names)
            or _passed_resolution(ctx, orgs, span, sentence, type_word, kind)
            or _quoted_document(ctx, span, sentence, kind)
            or _issued_by(ctx, orgs, span, sentence, type_word, kind)
        )
    issuer = None
    term = None
    title = None
    cited_by_plenum = False
    # trailing qualifiers, in any order: ngày d/m/y, của ORG, khóa XI, (khóa XI), “title”, về ...
    for _ in range(6):
        i = _skip_space(ctx, i)
        if i >= sentence.end:
            break
        word = ctx.lower(i)
        if word == "ngày" and i + 1 < sentence.end and doc[i + 1].text[:1].isdigit():
            i += 2
            continue
        if word in {",", "("} and ctx.lower(i + 1) in {"khóa", "ngày"}:
            i += 1
            continue
        if word == ")" and (term or plenum):
            i += 1
            continue
        if word in {"khóa", "khoá"} and i + 1 < sentence.end:
            term = roman(doc[i + 1].text) or term
            i += 2
            continue
        if word == "của":
            org = orgs.parse(i + 1)
            if org is not None:
                issuer = org.name
                i = org.end
                continue
            central, end = _central_plenum_after(ctx, i + 1, sentence)
            if central:
                issuer = "Ban Chấp hành Trung ương Đảng"
                cited_by_plenum = True
                i = end
                continue
            break
        if doc[i].text in _QUOTES:
            title, i = _quoted(ctx, i, sentence)
            continue
        if word == "về" and title is None:
            subject, end = _subject(ctx, i + 1, sentence)
            if subject:
                title = subject[0].upper() + subject[1:]
                i = end
            break
        break
    if issuer is None:
        issuer = _issuer_by_verb(ctx, orgs, span.start, sentence)
    if issuer is None and number is not None:
        issuer = _issuer_by_code(orgs, number, span.start)
    if plenum is not None:
        issuer = issuer or "Ban Chấp hành Trung ương Đảng"
        base = f"{type_word} Trung ương {plenum}"
        name = f"{base} khóa {term}" if term else base
        aliases = (base,) if term else ()
        number_value = None
    else:
        number_value = number
        coded = "/" in number or "-" in number
        if coded or issuer is None or cited_by_plenum:
            name = f"{type_word} số {number}"
        elif written_so:
            name = f"{type_word} số {number} của {issuer}"
        else:
            name = f"{type_word} {number} của {issuer}"
        aliases = tuple(
            dict.fromkeys(
                a for a in (f"{type_word} {number}", f"{type_word} số {number}") if a != name
            )
        )
    return DocMatch(
        span.start,
        i,
        name,
        kind,
        number_value,
        issuer,
        term,
        title,
        aliases,
        sentence,
        plenum is not None,
    )


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
            nat = ctx.first_at(_skip_space(ctx, k), "NATORG")
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
    meeting = ctx.first_at(i + 1, "MEETING")
    if meeting is None:
        return None
    j = meeting.end + (ctx.lower(meeting.end) == "lần")
    if ctx.lower(j) != "thứ" or j + 1 >= sentence.end or not ctx.doc[j + 1].text.isalnum():
        return None
    text = ctx.doc.span_text(i + 1, j + 2)
    return text[0].upper() + text[1:]


# An unnumbered decision about named people is the holding it states, not a document
# (FORMAT, "Which documents count"): appointment, dismissal, election, discipline, and
# the generic "công tác cán bộ / nhân sự".  "bầu cử" (elections as a subject) is not one.
_PERSONNEL = re.compile(
    r"(?:bổ nhiệm|miễn nhiệm|bãi nhiệm|cách chức|kỷ luật|điều động|luân chuyển|chỉ định"
    r"|nhân sự|cán bộ|thôi giữ|thôi làm|nghỉ hưu|giữ chức|bầu(?! cử)|phê chuẩn kết quả)\b"
)
_ISSUING_VERBS = (("thông", "qua"), ("ban", "hành"))
_TITLED_TYPES = frozenset({"Luật"})  # "thông qua Luật Tổ chức Chính phủ": a capitalised name
_LIST_REACH = 160  # tokens back from a list item to the colon that opens the list
_VERB_REACH = 16  # tokens back from that colon to the issuing verb


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


def _verb_before(ctx: ArticleContext, i: int) -> bool:
    """'thông qua' / 'ban hành' ends right before token i."""
    return any(ctx.lower(i - 2) == a and ctx.lower(i - 1) == b for a, b in _ISSUING_VERBS)


def _list_item(ctx: ArticleContext, start: int, sentence: Sent) -> int | None:
    """'đã thông qua các nghị quyết: Nghị quyết về A; Nghị quyết sửa đổi B': an item of
    a list of documents a body passes.  Returns the issuing verb's end, or None."""
    doc = ctx.doc
    j = start - 1
    while j > sentence.start and doc[j].is_space:
        j -= 1
    if doc[j].text not in {":", ";", ",", "và"}:
        return None
    colon = j
    while colon > max(sentence.start, start - _LIST_REACH) and doc[colon].text != ":":
        colon -= 1
    if doc[colon].text != ":":
        return None
    for k in range(colon, max(sentence.start + 1, colon - _VERB_REACH), -1):
        if _verb_before(ctx, k):
            return k
    # "2 dự thảo Nghị quyết của Quốc hội, gồm: ...": the list's own document word
    for k in range(colon - 1, max(sentence.start, colon - _VERB_REACH) - 1, -1):
        if ctx.first_at(k, "DOCTYPE") is not None:
            return colon
    return None


def _description(ctx: ArticleContext, j: int, sentence: Sent) -> tuple[str, int]:
    """A document's descriptive name from token j: up to the clause's end, the people it
    concerns ("đối với"), its date ("ngày 8/12"), or the end of a document it cites
    ("sửa đổi Nghị quyết số 70/NQ-HĐND"); a short closing aside ("(đợt 2)") is kept.
    Returns the text and where the name ends (a cited document after it is read on its own)."""
    doc = ctx.doc
    stop = j
    end = sentence.end
    while stop < end and stop - j < 80:
        token = doc[stop]
        if token.text in {".", ";", ":"} or (token.is_space and "\n" in token.text):
            break
        if token.text == "(":
            ahead = range(stop + 1, min(end, stop + 7))
            close = next((k for k in ahead if doc[k].text == ")"), None)
            after = _skip_space(ctx, close + 1) if close is not None else end
            amended = ctx.words_at(stop + 1, "sửa đổi")  # "Luật Đất đai (sửa đổi)"
            if close is not None and (
                amended or after >= end or doc[after].text in {";", ".", ","}
            ):
                return doc.span_text(j, close + 1).strip(), close + 1
            break
        if ctx.words_at(stop, "đối với"):
            break
        if token.lower_ in {"với", "ngày"} and stop + 1 < end and doc[stop + 1].text[:1].isdigit():
            break
        if token.lower_ in {"và", ","} and _item_starts(ctx, stop + 1):
            break  # "Nghị quyết về A và Nghị quyết về B"
        if stop > j and ctx.first_at(stop, "DOCTYPE") is not None:
            cited = ctx.first_at(stop, "DOCTYPE")
            k = cited.end + (ctx.lower(cited.end) == "số")  # type: ignore[union-attr]
            if k < end and _NUMBER.match(doc[k].text):
                number = _expand_code(ctx, doc[k].text, k + 1)
                return f"{doc.span_text(j, k).strip()} {number}", stop
        stop += 1
    return doc.span_text(j, stop).strip().rstrip(","), stop


def _item_starts(ctx: ArticleContext, i: int) -> bool:
    """A capitalised document word at i (after spaces): the next item of a list."""
    k = _skip_space(ctx, i)
    found = ctx.first_at(k, "DOCTYPE")
    return found is not None and ctx.doc[k].text[:1].isupper()


def _passed_resolution(
    ctx: ArticleContext,
    orgs: OrgParser,
    span: Match,
    sentence: Sent,
    type_word: str,
    kind: DocKind,
) -> DocMatch | None:
    """'(biểu quyết) thông qua Nghị quyết về ...', or an item of a list the body passes
    ('thông qua các nghị quyết: Nghị quyết về A; Nghị quyết sửa đổi B'): named by its
    subject.  A resolution about people (appointment, dismissal) is not a document."""
    doc = ctx.doc
    verb_end = span.start if _verb_before(ctx, span.start) else None
    if verb_end is None:
        verb_end = _list_item(ctx, span.start, sentence)
    if verb_end is None:
        return None
    j = span.end
    titled = type_word in _TITLED_TYPES
    if j >= sentence.end or not (
        doc[j].text[:1].isupper() if titled else doc[j].text[:1].islower()
    ):
        return None
    description, stop = _description(ctx, j, sentence)
    if len(description.split()) < (1 if titled else 3) or personnel_subject(description):
        return None
    name = f"{type_word} {description}"
    issuer = _issuer_by_verb(ctx, orgs, verb_end, sentence)
    title = description[3:] if description.startswith("về ") else None  # "về" + subject
    title = title[:1].upper() + title[1:] if title else None
    return DocMatch(span.start, stop, name, kind, None, issuer, None, title, (), sentence)


# Documents a body or a meeting has by a fixed name: its working rules, agenda, standing
# orders or charter ("Quy chế làm việc của Chính phủ", "Điều lệ Hội Nông dân Việt Nam",
# "Chương trình Đại hội", "Nội quy kỳ họp").  An agenda ("Chương trình") names a document
# only with its meeting: "Chương trình Đảng bộ X" is a plan's name, not one.
_OWNED_HEADS = frozenset({"Quy chế", "Nội quy", "Điều lệ", "Chương trình"})
_MEETING_ONLY = frozenset({"Chương trình"})
_WORKING = ("làm", "việc")  # "Quy chế làm việc", "Chương trình làm việc"
_CONJUNCTS = 3  # "Chương trình, Quy chế làm việc và Nội quy của Đại hội"


def _head_end(ctx: ArticleContext, span: Match) -> tuple[str, int]:
    """'Quy chế' or 'Quy chế làm việc', and where the head ends."""
    head = _type_word(span.text)
    if ctx.lower(span.end) == _WORKING[0] and ctx.lower(span.end + 1) == _WORKING[1]:
        return f"{head} làm việc", span.end + 2
    return head, span.end


def _owner_at(ctx: ArticleContext, i: int, sentence: Sent) -> tuple[int, bool]:
    """Where the owner of a (possibly coordinated) document head starts, and whether
    it is shared with later conjuncts: "Chương trình [và Quy chế làm việc] của Đại hội"."""
    shared = False
    for _ in range(_CONJUNCTS):
        j = _skip_space(ctx, i)
        if ctx.lower(j) not in {",", "và"}:
            return j, shared
        nxt = ctx.first_at(_skip_space(ctx, j + 1), "DOCTYPE")
        if nxt is None or _type_word(nxt.text) not in _OWNED_HEADS or nxt.start >= sentence.end:
            return j, shared
        _, i = _head_end(ctx, nxt)
        shared = True
    return _skip_space(ctx, i), shared


def _spelled_out(surface: str) -> bool:
    """A name with no abbreviation in it ("BCH", "UBND"): fit to cite as written."""
    return bool(surface) and not any(
        len(word) > 1 and word.isupper() and not roman(word) for word in surface.split()
    )


def _owned_document(
    ctx: ArticleContext,
    orgs: OrgParser,
    span: Match,
    sentence: Sent,
    type_word: str,
    kind: DocKind,
    meeting_names: dict[str, str | None],
) -> DocMatch | None:
    """'Quy chế làm việc của Chính phủ', 'Điều lệ Hội Cựu chiến binh Việt Nam', 'Chương
    trình Đại hội' (the meeting's full name from the article), 'Chương trình, Quy chế
    làm việc và Nội quy của Đại hội' (one owner shared by the conjuncts)."""
    if type_word not in _OWNED_HEADS:
        return None
    head, end = _head_end(ctx, span)
    owner, shared = _owner_at(ctx, end, sentence)
    of = ctx.lower(owner) == "của"
    owner = _skip_space(ctx, owner + of)
    if owner >= sentence.end:
        return None
    meeting = ctx.first_at(owner, "MEETING")
    if meeting is not None and meeting.text.lower() in {"đại hội", "kỳ họp", "hội nghị"}:
        word = meeting.text.lower()
        if word not in meeting_names:
            from polgraph.extract.meetings import full_meeting_name  # meetings reads persons

            meeting_names[word] = full_meeting_name(ctx, word)
        # the meeting's full name, else as written ("Nội quy kỳ họp")
        full = meeting_names[word] or meeting.text
        name = f"{head} của {full}" if of and not shared else f"{head} {full}"
        return DocMatch(span.start, end, name, kind, None, None, None, None, (), sentence)
    if type_word in _MEETING_ONLY:
        return None
    org = orgs.parse(owner)
    if org is None:
        return None
    # the owner as the text names it when it names it in full ("Quy chế làm việc của Ban
    # Chấp hành Đảng bộ tỉnh X", "Điều lệ Hội Nông dân Việt Nam", not its central
    # committee's); a bare "Tỉnh ủy" takes its place from the context
    owner_name = org.surface if org.explicit and _spelled_out(org.surface) else org.name
    name = f"{head} của {owner_name}" if of and not shared else f"{head} {owner_name}"
    return DocMatch(span.start, end, name, kind, None, org.name, None, None, (), sentence)
