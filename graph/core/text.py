"""Vietnamese text normalisation shared by every stage.

Vietnamese is written with two tone-mark placements ("Thành uỷ"/"Thành ủy",
"Thanh Hoá"/"Thanh Hóa") and arrives as NFC or NFD.  Names are compared only
after ``canonical`` (NFC, traditional placement, single spaces), and keys after
``fold`` (also case-folded), so that spelling variants meet in one node.

>>> canonical("Thành uỷ  Thanh Hoá")
'Thành ủy Thanh Hóa'
>>> fold("THÀNH UỶ") == fold("thành ủy")
True
>>> ascii_fold("Đinh Tiến Đạt")
'dinh tien dat'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # grave, acute, hook, tilde, dot below

_WORD_CHAR = r"[0-9A-Za-zÀ-ỹĐđ\u0300-\u036f]"

# "oà" → "òa", "uỷ" → "ủy" when the pair ends the syllable (no final consonant)
# and "u" is not part of "qu" ("quý" stays).  Done on NFD so one rule covers
# every tone and case.  "Not after q" is tested once the vowel is read, (?<![qQ].):
# a pattern that opens with a look-behind is tried at every position of the text,
# one that opens with a letter skips to where it stands.
_NEW_STYLE = re.compile(r"([oOuU])(?<![qQ].)([aAeEyY])([" + _TONES + r"])(?!" + _WORD_CHAR + r")")
_VALID_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
# the same pairs as they look in NFC text ("oà", "uỷ"): a quick test for new-style marks
_NEW_STYLE_NFC = re.compile(
    "(?:[oO](?<![qQ].)[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU](?<![qQ].)[ỳýỷỹỵỲÝỶỸỴ])(?!" + _WORD_CHAR + ")"
)
_SPACES = re.compile(r"\s+")


def _to_traditional(match: re.Match[str]) -> str:
    first, second, tone = match.groups()
    if (first.lower(), second.lower()) not in _VALID_PAIRS:
        return match.group(0)
    return first + tone + second


_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})  # Icelandic eth typed for Vietnamese Đ


def normalize_tones(text: str) -> str:
    """NFC with traditional tone placement; whitespace and length of lines kept."""
    if "Ð" in text or "ð" in text:
        text = text.translate(_LOOKALIKES)
    if unicodedata.is_normalized("NFC", text) and not _NEW_STYLE_NFC.search(text):
        return text  # the common case: nothing to change, no round trip through NFD
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _NEW_STYLE.sub(_to_traditional, decomposed)
    return unicodedata.normalize("NFC", decomposed)


@lru_cache(maxsize=1 << 16)  # names repeat: every mention is normalised
def canonical(text: str) -> str:
    """NFC, traditional tone placement, whitespace folded to single spaces."""
    return _SPACES.sub(" ", normalize_tones(text)).strip()


@lru_cache(maxsize=1 << 16)  # names repeat: every mention is normalised
def fold(text: str) -> str:
    """Comparison key: ``canonical`` then case-folded (diacritics kept)."""
    return canonical(text).casefold()


@lru_cache(maxsize=1 << 16)  # names repeat: every mention is normalised
def ascii_fold(text: str) -> str:
    """Search key without diacritics: 'Đinh Tiến Đạt' → 'dinh tien dat'."""
    decomposed = unicodedata.normalize("NFD", canonical(text).replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


_SLUG_UNSAFE = re.compile(r"[^0-9A-Za-zÀ-ỹĐđ\-]+")


@lru_cache(maxsize=1 << 16)  # names repeat: every mention is normalised
def slug(text: str) -> str:
    """Readable IRI segment: canonical words joined by '_', unsafe characters dropped.

    Keeps Vietnamese letters (IRIs allow them); callers percent-encode the result.

    >>> slug("Thành ủy Hà Nội")
    'Thành_ủy_Hà_Nội'
    """
    words = [_SLUG_UNSAFE.sub("", w) for w in canonical(text).split(" ")]
    return "_".join(w for w in words if w) or "_"


# Characters a terminal acts on or that change how a line reads: C0/C1 controls (ESC
# starts escape sequences, BEL ends an OSC title), line/paragraph separators, and the
# bidi controls (an RLO reverses the rest of the line as displayed).
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


_UNPRINTABLE_HIGH = re.compile(
    r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def printable(text: str, *, keep: str = "") -> str:
    """``text`` with every control or bidi character shown as an escape (``\\x1b``,
    ``\\u202e``) rather than acted on by a terminal; characters in ``keep`` stay.

    >>> printable("a\\x1b]0;title\\x07b\\u202e")
    'a\\\\x1b]0;title\\\\x07b\\\\u202e'
    """
    return _UNPRINTABLE.sub(
        lambda m: m.group() if m.group() in keep else repr(m.group())[1:-1], text
    )


def json_printable(document: str) -> str:
    """A JSON text with the characters ``printable`` escapes written as ``\\uXXXX``
    escapes: the same JSON value, safe on a terminal (``json.dumps`` leaves C1
    controls and bidi characters raw when ``ensure_ascii`` is off).  C0 controls are
    left alone: inside strings JSON (and N-Triples) escapes them already, outside
    they are the layout's line breaks and indents."""
    return _UNPRINTABLE_HIGH.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
