"""Who chairs a meeting and who takes part in it.

FORMAT: the chair is who 'chủ trì' (or presides), else who gave the concluding speech;
leading a task ('chủ trì, phối hợp') is no chair.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from polgraph.extract.context import ArticleContext
from polgraph.extract.persons import PersonMention
from polgraph.extract.tokens import Sent

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
_CHAIR_CUES = _CHAIR_BEFORE + _CHAIR_AFTER + _PRESIDES  # any of them, per sentence
_SITTING_WORDS = frozenset({"phiên", "kỳ", "hội", "cuộc"})
_CONCLUDING = (
    "kết luận hội nghị",
    "phát biểu kết luận",
    "kết luận tại hội nghị",
    "kết luận buổi",
    "kết luận kỳ họp",
)


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
            elif not any(c in text for c in _CHAIR_CUES):
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
        text = sentence.lower
        if not any(cue in text for cue in _PARTICIPATION) or not _PARTICIPATION_RE.search(text):
            continue  # (a cue as a substring first: the regex, a word, only then)
        for i in positions[first : bisect_left(positions, sentence.end, first)]:
            name = persons[i].name
            if name not in names:
                names.append(name)
    return names
