"""Documents: resolutions, directives, conclusions, programs, plans, regulations, decisions.

A citation is a document type followed by what identifies it: a number
("số 48-KH/QU", "39"), a Central Committee plenum ("TƯ4", "Trung ương 4",
"Hội nghị Trung ương 4"), or, for resolutions a body passes, the descriptive
name after "thông qua".  Around it: the issuer ("của Bộ Chính trị"), the term
("khóa XI") and a quoted title (“...”) or a "về ..." subject.

Parts of a citation are read in ``doc_citations``, unnumbered documents in
``doc_named``; this module assembles citations.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from polgraph.core.model import DocKind
from polgraph.extract.context import ArticleContext
from polgraph.extract.doc_citations import (
    _SUBJECT_WORDS,
    _adopted_by,
    _central_plenum_after,
    _congress_resolution,
    _expand_code,
    _expanded_words,
    _issued_by,
    _issuer_by_code,
    _issuer_by_verb,
    _plenum,
    _quoted,
    _quoted_document,
    _subject,
    _type_word,
)
from polgraph.extract.doc_match import (
    _NUMBER,
    _QUOTES,
    DocMatch,
    _skip_space,
    personnel_subject,
    roman,
)
from polgraph.extract.doc_named import _owned_document, _passed_resolution
from polgraph.extract.orgs import OrgParser
from polgraph.extract.tokens import Match, Sent


def find_documents(ctx: ArticleContext, orgs: OrgParser) -> list[DocMatch]:
    doc = ctx.doc
    found: list[DocMatch] = []
    meeting_names: dict[str, str | None] = {}  # a meeting's full name, read once per word
    covered = 0  # citations do not overlap: skip what the last one read
    for i in sorted(pos for pos, label in ctx.first if label == "DOCTYPE"):
        if i < covered:
            continue
        known = _known_document(ctx, i)
        if known is not None:
            found.append(known)
            covered = known.end
            continue
        span = ctx.first.get((i, "DOCTYPE"))
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
    data = json.loads(
        resources.files("polgraph").joinpath("data/documents.json").read_text("utf-8")
    )
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
            # "về tinh giản biên chế, cơ cấu lại đội ngũ cán bộ": commas list within the
            # subject; but a run that ends in a colon leads into what follows ("..., trình
            # tự bầu như sau:"), so there the subject ends at its first comma
            subject, end = _subject(ctx, i + 1, sentence, lists=True)
            if end < sentence.end and doc[end].text == ":":
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
