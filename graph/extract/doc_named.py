"""Documents named without a number: items of a list a body passes, and documents
known by a fixed name and their owner ('Quy chế làm việc của ...', 'Điều lệ Hội ...').
"""

from __future__ import annotations

from polgraph.core.model import DocKind
from polgraph.extract.context import ArticleContext
from polgraph.extract.doc_citations import _expand_code, _issuer_by_verb, _type_word
from polgraph.extract.doc_match import _NUMBER, DocMatch, _skip_space, personnel_subject, roman
from polgraph.extract.meeting_names import full_meeting_name
from polgraph.extract.orgs import OrgParser
from polgraph.extract.tokens import Match, Sent

_ISSUING_VERBS = (("thông", "qua"), ("ban", "hành"))
_TITLED_TYPES = frozenset({"Luật"})  # "thông qua Luật Tổ chức Chính phủ": a capitalised name
_LIST_REACH = 160  # tokens back from a list item to the colon that opens the list
_VERB_REACH = 16  # tokens back from that colon to the issuing verb


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
        if ctx.first.get((k, "DOCTYPE")) is not None:
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
        if stop > j and ctx.first.get((stop, "DOCTYPE")) is not None:
            cited = ctx.first.get((stop, "DOCTYPE"))
            k = cited.end + (ctx.lower(cited.end) == "số")  # type: ignore[union-attr]
            if k < end and _NUMBER.match(doc[k].text):
                number = _expand_code(ctx, doc[k].text, k + 1)
                return f"{doc.span_text(j, k).strip()} {number}", stop
        stop += 1
    return doc.span_text(j, stop).strip().rstrip(","), stop


def _item_starts(ctx: ArticleContext, i: int) -> bool:
    """A capitalised document word at i (after spaces): the next item of a list."""
    k = _skip_space(ctx, i)
    found = ctx.first.get((k, "DOCTYPE"))
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
        nxt = ctx.first.get((_skip_space(ctx, j + 1), "DOCTYPE"))
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
    meeting = ctx.first.get((owner, "MEETING"))
    if meeting is not None and meeting.text.lower() in {"đại hội", "kỳ họp", "hội nghị"}:
        word = meeting.text.lower()
        if word not in meeting_names:
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
