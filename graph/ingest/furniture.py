"""What a news page holds besides its article: the rules for dropping it.

Elements never article text (scripts, navigation, forms…), class/id/role words
that mark page furniture (share buttons, comment boxes, "tin liên quan"), the
headings that open a box of links ("Tin đọc nhiều") and the button lines
("Chia sẻ", "In bài") dropped wherever they appear.
"""

from __future__ import annotations

import re
import unicodedata

# Elements that are never article text.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe",
    "button", "svg", "canvas", "select", "textarea", "input", "label", "menu", "dialog",
    "object", "embed", "video", "audio", "map",
)  # fmt: skip

# class/id tokens that mark page furniture, matched against whole tokens after
# splitting on "-" and "_" ("box-comments" matches, "contents" does not) and
# against each class name with its separators removed ("tin-lien-quan").
_BOILERPLATE_TOKENS = frozenset((
    "nav", "navbar", "navigation", "menu", "submenu", "breadcrumb", "breadcrumbs", "footer",
    "sidebar", "share", "sharing", "social", "comment", "comments", "binhluan", "related",
    "relate", "lienquan", "tinlienquan", "docnhieu", "mostread", "mostview", "popular",
    "trending", "banner", "advert", "advertisement", "ads", "adv", "quangcao", "tags", "tag",
    "newsletter", "subscribe", "login", "signup", "cookie", "modal", "popup", "toolbar",
    "pagination", "pager", "tindocnhieu", "tinmoi", "tinkhac", "xemthem", "tinnoibat",
    "sharebutton", "sharebuttons", "socialshare",
))  # fmt: skip

# Headings that open a box of links rather than article text (compared after fold).
_BOX_TITLES = (
    "tin đọc nhiều", "đọc nhiều", "tin liên quan", "bài liên quan", "tin cùng chuyên mục",
    "cùng chuyên mục", "tin mới", "tin mới nhất", "tin khác", "các tin khác", "bài viết khác",
    "xem thêm", "xem nhiều", "tin xem nhiều", "tin nổi bật", "bình luận", "ý kiến bạn đọc",
    "gửi bình luận", "viết bình luận", "tin tiêu điểm", "có thể bạn quan tâm", "bạn đọc quan tâm",
    "từ khóa", "tags",
)  # fmt: skip

# Whole lines that are buttons or labels, dropped wherever they appear.
NOISE_LINE = re.compile(
    r"^(chia sẻ|share|chia sẻ (qua )?(zalo|facebook|twitter|email|fb|link)|zalo|facebook|"
    r"in bài|in trang|bản in|gửi bài|lưu bài|lưu|quay lại|về đầu trang|lên đầu trang|"
    r"bình luận( \(\d+\))?|thích|like|tweet|copy link|sao chép liên kết)[\s.:|]*$"
)

BLOCK_TAGS = frozenset((
    "address", "article", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
))  # fmt: skip
BR = "\x00"  # marks <br> while collecting text (NUL never survives decoding checks)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_LINE_TAGS = frozenset(("p", "li", "a", "span", "strong", "b", "em", "h2", "h3", "h4", "h5", "h6"))
_COUNT_SUFFIX = re.compile(r"^\(?\d+\)?$")


def box_title_kind(tag: str, text: str) -> str | None:
    """'box' for a heading like "Tin liên quan" (drop it and what follows),
    'line' for a link line like "Xem thêm: …" (drop only that line), else None."""
    folded = fold(text).strip(" :.-–—»›>|")
    if not folded or len(folded) > 150:
        return None
    for title in _BOX_TITLES:
        if folded == title:
            return "box"
        if folded.startswith(title) and folded[len(title)] in " :":
            rest = folded[len(title) :].strip(" :.-–—»›>|")
            if _COUNT_SUFFIX.match(rest):  # "Bình luận (12)"
                return "box"
            if tag in _LINE_TAGS and (folded[len(title)] == ":" or tag == "a"):
                return "line"
    return None


_ATTR_WORDS = re.compile(r"""\b(class|id|role)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def boilerplate_attrs(attrs: dict[str, str | None]) -> bool:
    tokens: set[str] = set()
    for name in ("class", "id", "role"):
        value = attrs.get(name)
        if value:
            for word in value.lower().split():
                tokens.update(t for t in _TOKEN_SPLIT.split(word) if t)
                tokens.add(word.replace("-", "").replace("_", ""))  # "tin-lien-quan"
    if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
        return True
    return bool(tokens & _BOILERPLATE_TOKENS)


def dropped_start_tag(tag: str, attrs_text: str) -> bool:
    """Whether a start tag (name, raw attribute text) opens an element dropped whole."""
    if tag in DROP_SET:
        return True
    attrs: dict[str, str | None] = {}
    for m in _ATTR_WORDS.finditer(attrs_text):
        attrs.setdefault(m.group(1).lower(), m.group(2) or m.group(3) or m.group(4))
    return boilerplate_attrs(attrs)


DROP_SET = frozenset(_DROP_TAGS)
