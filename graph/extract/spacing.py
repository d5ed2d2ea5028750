"""Whitespace that would split a phrase: squeezed for reading, offsets mapped back.

Web text carries no-break spaces, tabs, doubled spaces and zero-width characters
inside phrases ("Phó Chủ tịch  UBND tỉnh", "UBND\u00a0tỉnh"); the tokenizer turns each
extra space into a token of its own, and a chain or a name stops there. Extraction
reads the text with every run of horizontal whitespace as one plain space and no
zero-width characters; evidence offsets are mapped back to the article text, so a
sentence cited is the article's own (FORMAT and the ontology: ``pg:charStart``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

# a run of horizontal whitespace that is not one plain space, or zero-width characters
_ODD = re.compile(
    r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}"
    r"|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
    r"|[\u200b\u200c\u200d\u2060\ufeff]+"
)
# any character of _ODD but the plain space: one class test a character, several
# times faster than _ODD's alternatives at every offset of a text without any
_ODD_CHAR = re.compile(
    r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff]"
)


def squeeze_spaces(text: str) -> tuple[str, Callable[[int], int] | None]:
    """``text`` with odd whitespace squeezed, and a map from its offsets to ``text``'s
    (``None`` when nothing changed: the common case costs one regex search).

    >>> squeezed, back = squeeze_spaces("Phó Chủ tịch  UBND\\u00a0tỉnh")
    >>> squeezed
    'Phó Chủ tịch UBND tỉnh'
    >>> back(len("Phó Chủ tịch U")), back(len(squeezed))
    (15, 23)
    """
    if "  " not in text and _ODD_CHAR.search(text) is None:
        return text, None  # (what _ODD finds is two spaces or one of _ODD_CHAR)
    parts: list[str] = []
    starts: list[int] = [0]  # offsets in the squeezed text where a segment begins
    origins: list[int] = [0]  # the same places in the original text
    done = 0  # original text consumed
    length = 0  # squeezed text written
    for match in _ODD.finditer(text):
        kept = text[done : match.start()]
        parts.append(kept)
        length += len(kept)
        replacement = "" if match.group()[0] in "\u200b\u200c\u200d\u2060\ufeff" else " "
        parts.append(replacement)
        length += len(replacement)
        done = match.end()
        starts.append(length)
        origins.append(done)
    parts.append(text[done:])

    def back(offset: int) -> int:
        at = bisect_right(starts, offset) - 1
        return origins[at] + (offset - starts[at])

    return "".join(parts), back
