"""Document keys: what a citation identifies, whatever its spelling.

Central-committee resolutions are keyed on kind + plenum + term, numbered
documents on kind + number + issuer + term, anything else on its folded name.
"""

from __future__ import annotations

import re
from collections import Counter

from polgraph.core.model import ArticleFacts, DocKind, Document
from polgraph.core.text import fold
from polgraph.resolve.names import _PUNCT, expand_abbreviations, org_key

__all__ = ["cited_documents", "doc_key", "to_roman"]

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip
_ROMAN_VALUE = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def to_roman(value: str | int) -> str | None:
    """A congress term as canonical Roman numerals: '11', 'xi', 'XI' → 'XI'.

    >>> [to_roman(v) for v in ("11", "xii", "XIII", 9, "abc")]
    ['XI', 'XII', 'XIII', 'IX', None]
    """
    text = str(value).strip().lower()
    if text.isdigit():
        n = int(text)
    elif text and all(ch in _ROMAN_VALUE for ch in text):
        n = 0
        for i, ch in enumerate(text):
            v = _ROMAN_VALUE[ch]
            n += -v if i + 1 < len(text) and _ROMAN_VALUE[text[i + 1]] > v else v
    else:
        return None
    if not 0 < n < 4000:
        return None
    out = []
    for v, sym in _ROMAN:
        while n >= v:
            out.append(sym)
            n -= v
    return "".join(out)


_KIND_WORDS: dict[DocKind, str] = {
    DocKind.RESOLUTION: "Nghị quyết",
    DocKind.DIRECTIVE: "Chỉ thị",
    DocKind.CONCLUSION: "Kết luận",
    DocKind.PROGRAM: "Chương trình",
    DocKind.PLAN: "Kế hoạch",
    DocKind.REGULATION: "Quy định",
    DocKind.DECISION: "Quyết định",
}
_KIND_PREFIX = tuple((fold(word), kind) for kind, word in _KIND_WORDS.items())
_PLENUM = re.compile(r"trung ương\s*(\d{1,2})(?!\d)")
_TERM = re.compile(r"khóa\s*\(?\s*([ivxlc]+|\d{1,2})(?![\w])")
_NUMBER = re.compile(r"^(?:số\s*)?0*(\d+)(.*)$")
_NUMBER_IN_NAME = re.compile(r"(?:^|\s)(?:số\s*)?(\d+(?:[-/][\w/.-]+)?)")


def _doc_kind(doc: Document, folded: str) -> DocKind:
    if doc.kind != DocKind.OTHER:
        return DocKind(doc.kind)
    for word, kind in _KIND_PREFIX:
        if folded.startswith(word):
            return kind
    return DocKind.OTHER


def doc_key(doc: Document) -> tuple[str, ...]:
    """What a citation identifies, as a tuple key (issuer as an ``org_key``).

    >>> doc_key(Document("Nghị quyết TƯ4 khóa XI")) == doc_key(Document("NQ TW4 khóa 11"))
    True
    >>> doc_key(Document("Nghị quyết Trung ương 4 (khóa XI)"))
    ('plenum', 'resolution', '4', 'XI')
    >>> doc_key(Document("Nghị quyết Trung ương 4 khóa XII"))[3]
    'XII'
    """
    folded = fold(expand_abbreviations(doc.name))
    kind = _doc_kind(doc, folded)
    term = to_roman(doc.term) if doc.term else None
    if term is None and (m := _TERM.search(folded)):
        term = to_roman(m.group(1))
    if m := _PLENUM.search(folded):
        return ("plenum", kind.value, str(int(m.group(1))), term or "")
    number = doc.number
    if not number and (m := _NUMBER_IN_NAME.search(folded)):
        number = m.group(1)
    if number and (m := _NUMBER.match(fold(number).replace(" ", ""))):
        issuer = org_key(doc.issuer) if doc.issuer else ""
        return ("number", kind.value, m.group(1), issuer, term or "")
    return ("name", kind.value, _PUNCT.sub(" ", folded).strip(), term or "")


def _doc_display(key: tuple[str, ...], names: Counter[str]) -> str:
    """Canonical citation: rebuilt for plenum resolutions, else the most common spelling."""
    if key[0] == "plenum":
        word = _KIND_WORDS.get(DocKind(key[1]), "Nghị quyết")
        return f"{word} Trung ương {key[2]}" + (f" khóa {key[3]}" if key[3] else "")
    full = Counter({n: c for n, c in names.items() if expand_abbreviations(n) == n})
    pool = full or Counter({expand_abbreviations(n): c for n, c in names.items()})
    return min(pool, key=lambda s: (-pool[s], -len(s), s))


def cited_documents(f: ArticleFacts) -> list[tuple[str, Document]]:
    """An article's documents by folded name, with those only its meetings cite."""
    docs = {fold(d.name): d for d in f.documents}
    for e in f.events:
        for n in e.documents:
            docs.setdefault(fold(n), Document(n))
    return sorted(docs.items())
