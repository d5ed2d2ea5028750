"""Bound how deep a page nests before the HTML parser sees it.

The HTML tree builder looks down its stack of open elements at every block tag
("is there a ``<p>`` in button scope?"), so a page of 100,000 nested ``<div>``s
costs 10^10 steps inside the parser, where no time limit can interrupt it; and
every block tag re-opens each unclosed formatting element (``<b id=1>``,
``<b id=2>``…), so such a page grows a tree of n² nodes.  Browsers cap the
depth for the same reason (Blink at 512).

``bound_nesting`` follows the open elements with a simplified tree builder
(void elements, raw-text elements, comments, implied ``</p>``/``</li>``/… ends)
and, past ``MAX_DEPTH`` open elements, or ``MAX_FORMATTING`` open formatting
elements (or once re-opening them would add over half a node per tag), leaves out
further start tags and their end tags: their text stays,
as children of the element at the cap.  An element that would be dropped anyway
(``<nav>``, ``<footer>``, a comment box…: see ``is_dropped``) is left out with
its content.  A page within the caps is returned unchanged, as the same object.

>>> bound_nesting("<div><p>a</div>") == "<div><p>a</div>"
True
>>> bound_nesting("<div>" * 3 + "x" + "</div>" * 3, max_depth=2)
'<div><div>x</div></div>'
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_DEPTH = 256
MAX_FORMATTING = 8

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
        "basefont",
        "bgsound",
        "frame",
    ]
)
_RAW_TEXT = frozenset(
    ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"]
)
_FORMATTING = frozenset(
    [
        "a",
        "b",
        "big",
        "code",
        "em",
        "font",
        "i",
        "nobr",
        "s",
        "small",
        "strike",
        "strong",
        "tt",
        "u",
    ]
)
# start tags that close an open <p> ("close a p element" in the HTML tree builder)
_CLOSES_P = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
        "li",
        "dd",
        "dt",
        "listing",
        "plaintext",
    ]
)
# an element closed by the next start of one of its kind, up to the container named
_SIBLING_CLOSES = {
    "li": ("li", frozenset(("ul", "ol", "menu"))),
    "dd": ("dd dt", frozenset(("dl",))),
    "dt": ("dd dt", frozenset(("dl",))),
    "tr": ("tr td th", frozenset(("table", "tbody", "thead", "tfoot"))),
    "td": ("td th", frozenset(("tr", "table"))),
    "th": ("td th", frozenset(("tr", "table"))),
    "option": ("option", frozenset(("select", "datalist", "optgroup"))),
    "h1": ("h1 h2 h3 h4 h5 h6", frozenset()),
}
for _h in ("h2", "h3", "h4", "h5", "h6"):
    _SIBLING_CLOSES[_h] = _SIBLING_CLOSES["h1"]

_MARKUP = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\t\n\f\r />]*)|[!?])")


class _Entry:
    """One element open in the model: its name, whether it was kept, whether its content is."""

    __slots__ = ("drop", "kept", "name")

    def __init__(self, name: str, kept: bool, drop: bool) -> None:
        self.name, self.kept, self.drop = name, kept, drop


def bound_nesting(
    html: str,
    *,
    max_depth: int = MAX_DEPTH,
    max_formatting: int = MAX_FORMATTING,
    is_dropped: Callable[[str, str], bool] = lambda tag, attrs: False,
) -> str:
    """``html`` with start tags past the caps left out (see the module docstring)."""
    lower = html.lower()
    cuts: list[tuple[int, int]] = []  # spans of the page to leave out
    stack: list[_Entry] = []
    open_count: dict[str, int] = {}
    kept_depth = 0
    active: dict[str, int] = {}  # formatting elements opened and not yet closed by name
    formatting = 0  # their total: the tree builder re-opens them in every new block
    reopened = 0  # an estimate of the elements so re-opened, and of the tags seen
    tags = 0
    inserts: list[tuple[int, str]] = []  # end tags written in before an offset
    dropping_from: int | None = None  # where a left-out element's content began
    pos = 0
    n = len(html)

    def pop(upto: int) -> None:
        nonlocal kept_depth, dropping_from
        entry = stack.pop()
        open_count[entry.name] -= 1
        if entry.kept:
            kept_depth -= 1
        if entry.drop and dropping_from is not None:
            cuts.append((dropping_from, upto))
            dropping_from = None

    def pop_to(name: str, upto: int, stop: frozenset[str] = frozenset()) -> None:
        """Close the innermost open ``name`` (and all inside it), unless a ``stop``
        container is nearer; a left-out element's content ends at ``upto``."""
        for entry in reversed(stack):
            if entry.name == name:
                break
            if entry.name in stop:
                return
        else:
            return
        while stack[-1].name != name:
            pop(upto)
        pop(upto)

    while pos < n:
        match = _MARKUP.search(html, pos)
        if match is None:
            break
        start = match.start()
        if match.group(1):  # comment
            end = html.find("-->", match.end())
            pos = n if end < 0 else end + 3
            continue
        end = html.find(">", match.end())
        if end < 0:
            break  # no tag can close: the rest is text
        pos = end + 1
        name = match.group(3)
        if name is None:  # <!doctype …>, <?…>: a bogus comment
            continue
        name = name.lower()
        if match.group(2):  # end tag
            if active.get(name):
                active[name] -= 1
                formatting -= 1
            if open_count.get(name):
                kept = next(e for e in reversed(stack) if e.name == name).kept
                pop_to(name, pos)
                if not kept and dropping_from is None:
                    cuts.append((start, pos))
            continue
        if name in _CLOSES_P and open_count.get("p"):
            pop_to("p", start, frozenset(("button", "table", "td", "th", "html")))
        sibling = _SIBLING_CLOSES.get(name)
        if sibling is not None:
            for other in sibling[0].split():
                if open_count.get(other):
                    pop_to(other, start, sibling[1])
        if name in _RAW_TEXT:
            close = lower.find("</" + name, pos)
            raw_end = n if close < 0 else close
            if dropping_from is None and kept_depth >= max_depth:
                cuts.append((start, raw_end))  # no room for it: its text is not content
            pos = raw_end
            continue
        self_closing = html[end - 1] == "/" and (open_count.get("svg") or open_count.get("math"))
        if name in _VOID or self_closing:
            continue
        tags += 1
        if name in _CLOSES_P:
            reopened += formatting
        # re-opened formatting elements may add at most half a node per tag (1M
        # blocks each re-opening 8 <b>s would make 9M nodes): past that, the open
        # ones are closed here and new ones left out
        over_budget = reopened > tags // 2 + 1000
        if over_budget and formatting and dropping_from is None:
            inserts.append((start, "".join(f"</{f}>" * k for f, k in sorted(active.items()))))
            active.clear()
            formatting = 0
        too_many = over_budget or formatting >= max_formatting
        if dropping_from is not None:
            stack.append(_Entry(name, False, False))
        elif kept_depth >= max_depth or (name in _FORMATTING and too_many):
            drop = is_dropped(name, html[match.end() : end])
            if drop:
                dropping_from = start
            else:
                cuts.append((start, pos))
            stack.append(_Entry(name, False, drop))
        else:
            stack.append(_Entry(name, True, False))
            kept_depth += 1
            if name in _FORMATTING and not (name == "a" and active.get("a")):  # <a> ends <a>
                active[name] = active.get(name, 0) + 1
                formatting += 1
        open_count[name] = open_count.get(name, 0) + 1
    if dropping_from is not None:
        cuts.append((dropping_from, n))
    if not cuts and not inserts:
        return html
    edits = sorted([(a, b, "") for a, b in cuts] + [(a, a, text) for a, text in inserts])
    pieces: list[str] = []
    last = 0
    for a, b, text in edits:
        if a >= last:
            pieces.append(html[last:a])
            pieces.append(text)
            last = b
        elif b > last:
            last = b
    pieces.append(html[last:])
    return "".join(pieces)
