"""Naming helpers of resolution: comparison keys of organization names, display spellings.

Every pass of ``polgraph.resolve`` compares names through these: an organization
is keyed on its name with abbreviations written out and tones, case and NFD
folded, and among the spellings of one entity the most frequent is shown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from polgraph.core.text import canonical, fold

__all__ = ["expand_abbreviations", "org_key"]

_LETTER = r"A-Za-zÀ-ỹĐđ"

# (pattern, replacement), applied in order to canonical text; whole words only.
_ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"(?<![\w/-])(?:TP|Tp|tp)\.?\s*HCM(?!\w)", "Thành phố Hồ Chí Minh"),
        (r"(?<![\w/-])HCM(?!\w)", "Hồ Chí Minh"),
        (r"(?<![\w/-])(?:TP|Tp)\.?\s+(?=[A-ZĐÀ-Ỹ])", "Thành phố "),
        (r"(?<![\w/-])TP\.(?=[A-ZĐÀ-Ỹ])", "Thành phố "),
        (r"(?<![\w/-])UBND(?!\w)", "Ủy ban nhân dân"),
        (r"(?<![\w/-])HĐND(?!\w)", "Hội đồng nhân dân"),
        (r"(?<![\w/-])MTTQ(?!\w)", "Mặt trận Tổ quốc"),
        (r"(?<![\w/-])BCH(?!\w)", "Ban Chấp hành"),
        (r"(?<![\w/-])BTV(?!\w)", "Ban Thường vụ"),
        (r"(?<![\w/-])NQ(?!\w)", "Nghị quyết"),
        (r"(?<![\w/-])(?:T\.?Ư|T\.W|TW)\.?(?![" + _LETTER + r"])\s*", "Trung ương "),
    )
)
_LOCAL_COMMITTEE = re.compile(
    r"^(thành ủy|tỉnh ủy|quận ủy|huyện ủy|thị ủy)\s+(?:thành phố|tỉnh|quận|huyện|thị xã)\s+"
)
_PUNCT = re.compile(r"[\s.,;:()\"“”'‘’]+")


@lru_cache(maxsize=1 << 16)  # pure; called for every mention
def expand_abbreviations(name: str) -> str:
    """Canonical name with the usual abbreviations written out.

    >>> expand_abbreviations("Thành uỷ TP.HCM")
    'Thành ủy Thành phố Hồ Chí Minh'
    >>> expand_abbreviations("UBND tỉnh Nghệ An")
    'Ủy ban nhân dân tỉnh Nghệ An'
    >>> expand_abbreviations("Ban Tổ chức T.Ư")
    'Ban Tổ chức Trung ương'
    """
    text = canonical(name)
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return canonical(text)


@lru_cache(maxsize=1 << 16)  # pure; called for every mention
def org_key(name: str) -> str:
    """Comparison key of an organization name: abbreviations, tones, case, NFD all folded.

    >>> org_key("Thành ủy TPHCM") == org_key("Thành uỷ Thành phố Hồ Chí Minh")
    True
    >>> org_key("UBND tỉnh Nghệ An") == org_key("Ủy ban nhân dân Tỉnh Nghệ An")
    True
    """
    key = fold(expand_abbreviations(name))
    key = _LOCAL_COMMITTEE.sub(r"\1 ", key)
    return _PUNCT.sub(" ", key).strip()


def _display(names: Iterable[str]) -> str:
    counts = Counter(names)
    return min(counts, key=lambda s: (-counts[s], s))


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _aliases(old: str, new: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """Aliases plus the old name when it differs, without the new name."""
    return tuple(a for a in _dedupe([*aliases, old]) if canonical(a) != new and canonical(a))
