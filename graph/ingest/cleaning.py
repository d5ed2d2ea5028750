"""Text cleaning shared by every reader: what an article's text, title and id may hold.

Scraped text carries characters that are invisible on screen but cut words for
the tokenizer: a left-to-right mark inside a name ("Tè\\u200eo") splits it, and
the person extracted is then "Tè".  So every default-ignorable code point
(Unicode's Default_Ignorable_Code_Point: soft hyphen, combining grapheme joiner,
zero-width and bidi controls LRM/RLM/ALM, LRE…RLO, LRI…PDI, word joiner,
invisible operators U+2062–U+2064, Mongolian vowel separator and variation
selectors, tags) and every C0/C1 control is removed.  Line and paragraph
separators become line breaks (U+2028 one, U+2029 a blank line), and U+0085 —
in practice the "…" of Windows-1252 decoded as Latin-1 — becomes "…".

>>> clean_field("Nguy\\u1ec5n V\\u0103n T\\u00e8\\u200eo\\u202e")
'Nguyễn Văn Tèo'
>>> clean_text("Đoạn một\\u2029Đoạn hai\\x85")
'Đoạn một\\n\\nĐoạn hai…'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from polgraph.core.model import Article
from polgraph.ingest.errors import Rejected

# Default_Ignorable_Code_Point (DerivedCoreProperties.txt) less nothing: all of it goes,
# plus the C0/C1 controls other than tab and line breaks.
_IGNORABLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip
_IGNORABLE = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _IGNORABLE_RANGES)
_DROP = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f{_IGNORABLE}]+")
_FOLD = str.maketrans({"\u2028": "\n", "\u2029": "\n\n", "\x85": "…", "\r": "\n"})
_TO_FOLD = re.compile("[\u2028\u2029\x85\r]")  # a cheap test: translate walks every character
_SPACE = r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # space-like, less " " itself
# a run of spaces of any kind, but never a lone " ": matching every word gap made the
# substitution the slowest step of reading an article
_SPACE_LIKE = re.compile(f"[{_SPACE}][ {_SPACE}]*| [ {_SPACE}]+")
# what may never reach a terminal or a printed value: controls and separators
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029" + _IGNORABLE + "]")


def strip_invisible(text: str) -> str:
    """``text`` without controls and default-ignorable characters, separators folded."""
    text = text.replace("\r\n", "\n")
    if _TO_FOLD.search(text):
        text = text.translate(_FOLD)
    return _DROP.sub("", text)


def clean_text(text: str) -> str:
    """NFC, ``\\n`` line endings, spaces folded per line, at most one blank line in a row.

    NFC comes last: removing a control or zero-width character can bring a
    combining mark next to its letter ("A\\x01\\u0301" is NFC, "A\\u0301" is not).
    """
    # no line break is space-like, so folding the whole text folds each line
    lines = [line.strip() for line in _SPACE_LIKE.sub(" ", strip_invisible(text)).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return unicodedata.normalize("NFC", "\n".join(out).strip())


def clean_field(value: str | None) -> str | None:
    """One line (title, url, id): invisible characters gone, whitespace folded, NFC."""
    if value is None:
        return None
    value = " ".join(strip_invisible(value).split())
    return unicodedata.normalize("NFC", value) or None  # NFC last: see clean_text


def make_article(
    *, id: str, text: str, title: str | None, date: dt.date | None, url: str | None, source: str
) -> Article:
    """An ``Article`` of cleaned fields; ``Rejected`` when no text is left."""
    body = clean_text(text)
    if not body:
        raise Rejected("no text (empty after cleaning)")
    return Article(
        id=id, text=body, title=clean_field(title), date=date, url=clean_field(url), source=source
    )


# marks only Vietnamese (among Latin scripts) writes, in NFD: đ, the horn (ơ ư), the
# breve (ă), hook above and dot below.  Mojibake of UTF-8 read as Windows-1252 ("Ã¡",
# "Ä‘") has none of them, nor has Latin-1 text, CJK or Cyrillic.
_VIETNAMESE = re.compile(
    r"[đĐ]|[A-Za-z][\u0302\u0306\u031b\u0300\u0301\u0303]*[\u0306\u031b\u0309\u0323]"
)


def has_vietnamese(text: str, *, sample: int = 100_000) -> bool:
    """Whether ``text`` holds any Vietnamese letter: a page with none was most likely
    decoded with the wrong encoding (or is not Vietnamese news at all)."""
    return _VIETNAMESE.search(unicodedata.normalize("NFD", text[:sample])) is not None


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])")
_VN_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def is_iso_date(value: str) -> bool:
    return _ISO_DATE.match(value) is not None


def parse_date(value: str) -> dt.date | None:
    """The calendar date at the start of an ISO 8601 or dd/mm/yyyy string, else None.

    >>> parse_date("2020-10-22T08:15:00+07:00")
    datetime.date(2020, 10, 22)
    >>> parse_date("22/10/2020 08:15"), parse_date("hôm qua")
    (datetime.date(2020, 10, 22), None)
    """
    match = _ISO_DATE.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN_DATE.match(value)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
