"""Asides after a name that a title chain reads past: '(sinh năm 1981)', ', 52 tuổi,',
', quê xã X, huyện Y,' (``items`` skips them, so the chain after is the name's)."""

from __future__ import annotations

from polgraph.extract.context import ArticleContext
from polgraph.extract.titles import TitleParser


def _skip_aside(ctx: ArticleContext, titles: TitleParser, i: int, end: int) -> int:
    """Skip '(sinh năm 1981)' and similar asides right after a name; a chain in
    parentheses ("ông A (Tỉnh ủy viên, Giám đốc Sở Y tế)") is read as apposition."""
    j = i
    doc = ctx.doc
    while j < end and doc.spaces[j] and "\n" not in doc.words[j]:
        j += 1
    if j < end and doc.words[j] == "(":
        first = j + 1
        while first < end and doc.spaces[first]:
            first += 1
        if first < end and titles.parse(first) is not None:
            return i
        close = j + 1
        while close < end and doc.words[close] != ")" and close - j < 15:
            close += 1
        if close < end and doc.words[close] == ")":
            return close + 1
    while j < end and doc.words[j] == ",":
        # one aside after another: ", sinh năm 1972, quê xã X, huyện Y,"
        after = _comma_aside(ctx, j, end)
        if after == j:
            break
        i = j = after
    return i


_ADDRESS_WORDS = frozenset(
    {"xã", "phường", "thị", "trấn", "huyện", "quận", "thành", "phố", "tỉnh", "tp", "tp.", "tx."}
)
_ASIDE_REACH = 16  # tokens an aside may take: "quê xã X, huyện Y, tỉnh Z"


def _comma_aside(ctx: ArticleContext, comma: int, end: int) -> int:
    """', 52 tuổi,', ', sinh năm 1972,', ', SN 1975,', ', quê xã X, huyện Y,' between a
    name and its chain: skipped to the comma that closes it, so the chain after it
    is the name's apposition (as a parenthesised aside is)."""
    words = [k for k in range(comma + 1, min(end, comma + _ASIDE_REACH)) if not ctx.doc.spaces[k]]
    if len(words) < 2:
        return comma
    first, second = ctx.lower(words[0]), ctx.lower(words[1])
    if first.isdigit() and second == "tuổi":
        stop = words[2] if len(words) > 2 else end
    elif (first == "sinh" and second == "năm") or (first == "sn" and second.isdigit()):
        stop = next((k for k in words[1:] if ctx.lower(k) == ","), end)
    elif first == "quê":
        # the address runs on over commas while each part opens with a unit word
        stop = end
        for n, k in enumerate(words[1:], 1):
            if ctx.lower(k) == ",":
                following = words[n + 1] if n + 1 < len(words) else None
                if following is None or ctx.lower(following) not in _ADDRESS_WORDS:
                    stop = k
                    break
    else:
        return comma
    return stop if stop < end and ctx.lower(stop) == "," else comma
