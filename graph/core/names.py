"""Matching what a user types to the names a graph has: one rule for every command.

``timeline --role/--org/--person``, ``query --saved -p NAME=VALUE`` and
``html --focus`` all find names this way, and the page's search box does the same
in JavaScript (``templates/network.html``: ``fold`` drops diacritics, "đ" → "d",
case and extra spaces): diacritics, tone-mark placement ("uỷ"/"ủy"), Unicode
form and case never matter; only when that leaves several different names is
the spelling compared more closely (diacritics kept, then exactly), and if
names still tie the caller gets them all as candidates instead of a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from polgraph.core.text import ascii_fold, canonical, fold

__all__ = ["AmbiguousName", "match_name", "match_rank"]


class AmbiguousName(ValueError):
    """Several names of the graph match what was typed equally well."""

    def __init__(self, what: str, wanted: str, candidates: Iterable[str]) -> None:
        self.candidates = tuple(candidates)
        shown = "; ".join(self.candidates[:10])
        more = f" and {len(self.candidates) - 10} more" if len(self.candidates) > 10 else ""
        super().__init__(
            f"{what} {wanted!r} is ambiguous; it matches {shown}{more} (write the name exactly)"
        )


def _loose(key: Callable[[str], str]) -> Callable[[str], str]:
    return lambda s: " ".join(ascii_fold(key(s)).split())


def match_rank(wanted: str, name: str, key: Callable[[str], str] = canonical) -> int | None:
    """How closely ``name`` matches ``wanted``: 0 exactly (after NFC and tone
    placement), 1 ignoring case, 2 ignoring diacritics too; ``None`` otherwise.

    ``key`` normalises further before comparing (organizations: abbreviations).

    >>> [match_rank("Bi thu", n) for n in ("Bí thư", "Bi thu", "Bị thủ", "Phó Bí thư")]
    [2, 0, 2, None]
    >>> match_rank("thành uỷ hà nội", "Thành ủy Hà Nội")
    1
    """
    if canonical(key(name)) == canonical(key(wanted)):
        return 0
    if fold(key(name)) == fold(key(wanted)):
        return 1
    if _loose(key)(name) == _loose(key)(wanted) and _loose(key)(wanted):
        return 2
    return None


def match_name(
    wanted: str,
    names: Iterable[str],
    *,
    what: str = "name",
    key: Callable[[str], str] = canonical,
) -> str | None:
    """The one name of ``names`` that ``wanted`` means; ``None`` when none matches.

    Raises ``AmbiguousName`` (with the candidates) when several different names
    match equally well; names with the same key are one name, and the first
    in sorted order stands for them.

    >>> match_name("Tinh uy Nghe An", ["Tỉnh ủy Nghệ An", "Tỉnh ủy Hà Tĩnh"])
    'Tỉnh ủy Nghệ An'
    >>> match_name("Le Van A", ["Lê Văn A", "Lễ Văn A"])
    Traceback (most recent call last):
    ...
    polgraph.core.names.AmbiguousName: name 'Le Van A' is ambiguous; it matches ...
    >>> match_name("Lê Văn A", ["Lê Văn A", "Lễ Văn A"])
    'Lê Văn A'
    """
    ranked: dict[int, dict[str, str]] = {}
    for name in sorted(set(names)):
        rank = match_rank(wanted, name, key)
        if rank is not None:
            ranked.setdefault(rank, {}).setdefault(fold(key(name)), name)
    if not ranked:
        return None
    best = ranked[min(ranked)]
    if len(best) > 1:
        raise AmbiguousName(what, wanted, sorted(best.values()))
    return next(iter(best.values()))
