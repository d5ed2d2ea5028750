"""What an appointment or dismissal cue says besides its title: a nomination is no
holding ('đề nghị bầu', 'giới thiệu để bầu'), filler words may stand between the cue
and its title ('giữ chức vụ'), 'nay là' / 'hiện là' reach back over a clause; and the
bare names a deputy's post before them is shared with ('Phó Chủ tịch UBND tỉnh A, B').
"""

from __future__ import annotations

from polgraph.extract.context import ArticleContext
from polgraph.extract.persons import PersonMention
from polgraph.extract.titles import (
    _APPOSITION,
    TitleMatch,
    TitleParser,
    _Item,
    _words,
)

_NOMINATION = ("đề nghị", "giới thiệu", "đề cử", "dự kiến", "ứng cử", "trình")
# their first words: a text holds a nomination word only if one of these is a token of
# it (a word set off by spaces is one token, lower-cased as the text is)
_NOMINATION_OPENERS = frozenset(word.split()[0] for word in _NOMINATION)
_CUE_FILLERS = frozenset(
    {
        "chức",
        "chức vụ",
        "chức danh",
        "làm",
        "giữ",
        "vào",
        "cương vị",
        "lại",
        "tiếp tục",
        "giữ chức",
        "các chức vụ",
        "tất cả các chức vụ",
        "tư cách",
    }
)


def _nominated(items: list[_Item], k: int, titles: TitleParser) -> bool:
    """'đề nghị bầu', 'giới thiệu để bầu': a nomination is not a holding."""
    doc = titles.ctx.doc
    if _NOMINATION_OPENERS.isdisjoint(doc.word_set):
        return False  # no nomination word in the article (see _names_nomination)
    for back in range(k - 1, max(-1, k - 3), -1):
        item = items[back]
        if item.kind not in {"OTHER", "CUR"}:
            break
        if _names_nomination(doc.span_text(item.start, item.end)):
            return True
    return False


def _nominated_since(
    items: list[_Item], k: int, subject: PersonMention, titles: TitleParser
) -> bool:
    """'giới thiệu ông A, ..., để HĐND bầu giữ chức X': the cue is a proposal when
    a nomination word stands just before the person or between the person and it."""
    doc = titles.ctx.doc
    if _NOMINATION_OPENERS.isdisjoint(doc.word_set):
        return False  # no nomination word in the article (see _names_nomination)
    position = next((m for m in range(k) if items[m].value is subject), None)
    if position is None:
        return False
    for m in range(max(0, position - 3), k):
        if items[m].kind in {"OTHER", "CUR"} and _names_nomination(
            doc.span_text(items[m].start, items[m].end)
        ):
            return True
    return False


def _names_nomination(text: str) -> bool:
    """A nomination word as whole words: 'trình' is one, 'quá trình' (a process) is not."""
    padded = f" {' '.join(text.lower().split())} "
    return any(f" {word} " in padded for word in _NOMINATION) and " quá trình " not in padded


def _filler(item: _Item, titles: TitleParser) -> bool:
    """Words allowed between an appointment cue and its title ('giữ chức vụ')."""
    if item.kind == "CUR":
        return True
    text = titles.ctx.doc.span_text(item.start, item.end).lower()
    return text in _CUE_FILLERS or all(w in _FILLER_WORDS for w in text.split())


# words of the formula between a cue and its post ("phê chuẩn kết quả bầu bổ sung chức vụ")
_FILLER_TEXT = (
    "chức vụ danh kết quả bổ sung việc giữ cương vị lại tiếp tục vào làm các tất cả nhiệm tư cách"
)
_FILLER_WORDS = frozenset([*_FILLER_TEXT.split(), "lần", "lượt", "đều", "cùng", "là"])


_SHARED_ROLES = ("Phó ", "Ủy viên", "Thành viên")  # posts more than one person holds


def _bare_names_after(items: list[_Item], idx: int, chain: list[int]) -> list[PersonMention]:
    """Names listed bare after the person at idx ("R A, B và C"), each with no title of
    its own, when every post in the chain is one several people hold."""
    if not all(str(items[c].value.role).startswith(_SHARED_ROLES) for c in chain):  # type: ignore[union-attr]
        return []
    found: list[PersonMention] = []
    p = idx
    n = len(items)
    while (
        p + 2 < n
        and items[p + 1].kind == "SEP"
        and items[p + 1].value in {",", "và"}
        and items[p + 2].kind == "PERSON"
    ):
        after = p + 3
        if after < n and (
            items[after].kind == "TITLE"
            or (
                items[after].kind == "SEP"
                and items[after].value in _APPOSITION
                and after + 1 < n
                and items[after + 1].kind == "TITLE"
            )
        ):
            return []  # "R A, B, R2": B has a chain of its own, the list is not bare
        found.append(items[p + 2].value)  # type: ignore[arg-type]
        p += 2
    return found


_NOW = ("nay", "hiện", "hiện nay", "hiện đang", "nay đang")


def _now(items: list[_Item], k: int, titles: TitleParser) -> bool:
    """'..., nay là R' / 'hiện là R': the cue says what the clause's subject is now."""
    if _words(titles.ctx, items[k])[:1] in (["hiện"], ["nay"]):
        return True  # "hiện là", "nay giữ chức": one cue
    if k == 0 or items[k - 1].kind != "OTHER":
        return False
    words = " ".join(_words(titles.ctx, items[k - 1]))
    return words in _NOW


_TRANSFER = ("điều động", "luân chuyển", "điều chuyển")
_MOVE_ON = ("đến", "về", "sang", "giữ", "làm", "nhận")  # a new post or place follows


def _transferred(
    results: list[tuple[PersonMention, TitleMatch, bool]], items: list[_Item], titles: TitleParser
) -> list[tuple[PersonMention, TitleMatch, bool]]:
    """'điều động ông A, R, đến nhận công tác tại ...', 'ông A, R, được luân chuyển giữ chức
    R2': A is transferred away from R, which is former (FORMAT); R2 stays current."""
    ctx = titles.ctx
    if not items or ("điều" not in ctx.doc.word_set and "luân" not in ctx.doc.word_set):
        return results  # the common article: no transfer word anywhere
    lowered = ctx.doc.lowers[items[0].start : items[-1].end]
    if "điều" not in lowered and "luân" not in lowered:
        return results  # the common sentence: no transfer word at all
    moved: set[tuple[int, int]] = set()  # (person start, title start) of titles left behind
    for k, item in enumerate(items):
        if item.kind not in {"CUR", "OTHER"}:
            continue
        text = " ".join(_words(ctx, item))
        if not any(word in text for word in _TRANSFER):
            continue
        # "điều động [đồng chí] A, R ... đến ...": the person after the cue
        p = k + 1 + (k + 1 < len(items) and items[k + 1].kind == "HON")
        if p < len(items) and items[p].kind == "PERSON":
            end = next(
                (m for m in range(p + 1, len(items)) if items[m].kind in {"CUR", "OTHER"}),
                len(items),
            )
            if end < len(items) and " ".join(_words(ctx, items[end])).startswith(_MOVE_ON):
                person = items[p].value
                moved |= {(person.start, items[m].start) for m in range(p + 1, end)}  # type: ignore[union-attr]
            continue
        # "A, R, được luân chuyển giữ chức R2": the person before, with its chain (passive:
        # "A, R, điều động lực lượng" is A at work, not A moved)
        if "được" not in text.split():
            continue
        back = k - 1
        while back >= 0 and items[back].kind in {"TITLE", "SEP"}:
            back -= 1
        if back >= 0 and items[back].kind == "PERSON" and k + 1 < len(items):
            person = items[back].value
            moved |= {(person.start, items[m].start) for m in range(back + 1, k)}  # type: ignore[union-attr]
    if not moved:
        return results
    return [
        (person, title, former or (person.start, title.start) in moved)
        for person, title, former in results
    ]


_RETIRING = ("trước khi nghỉ hưu", "trước khi về hưu")


def before_retiring(ctx: ArticleContext, items: list[_Item]) -> list[_Item]:
    """'Trước khi nghỉ hưu, ông A là R' / 'ông A, trước khi về hưu giữ chức R': the
    clause dates the cue that follows it to a past the person has retired from, so
    that cue is a former one (only its own chain: not a career list to the end)."""
    for k, item in enumerate(items):
        if item.kind != "OTHER" or ctx.lower(item.end - 1) != "hưu":
            continue
        if not " ".join(_words(ctx, item)).endswith(_RETIRING):
            continue
        for m in range(k + 1, len(items)):
            if items[m].kind == "CUR":
                retired = _Item("FORMER", items[m].start, items[m].end, "retired")
                return [*items[:m], retired, *items[m + 1 :]]
            if items[m].kind not in {"SEP", "HON", "PERSON", "PRONOUN"}:
                break
    return items
