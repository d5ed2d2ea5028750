"""A rule tokenizer for Vietnamese news: one token per syllable.

Vietnamese writes one syllable per space-separated unit, so a regex tokenizer
is both exact and fast (no model, no download).  What it must not split:
dotted abbreviations ("TP.HCM", "T.Ư", "TP."), document numbers and dates
("48-KH/QU", "70/NQ-HĐND", "21/7", "24-6-2024") and joined abbreviations
("TT&TT", "LĐ-TB&XH").

>>> [t for t, _ in tokenize("Thành ủy TP.HCM, ngày 21/7 ban hành Kế hoạch 48-KH/QU.")]
['Thành', 'ủy', 'TP.HCM', ',', 'ngày', '21/7', 'ban', 'hành', 'Kế', 'hoạch', '48-KH/QU', '.']
"""

from __future__ import annotations

import re
from itertools import compress
from operator import not_

from spacy.tokens import Doc
from spacy.vocab import Vocab

_UPPER = "A-ZĐƯƠÂĂÊÔÀ-ỸĐ"
_TOKEN_PATTERN = r"""
      (?:[A-ZĐƯ]{1,4}\.)+[A-ZĐƯ]{1,5}(?![^\W\d_])   # TP.HCM  T.Ư  T.W
    | (?:TP|Tp|tp|TX|Q|P|TT|ThS|TS|GS|PGS|Th\.S)\.(?=\s|[^\W\d_]|$)  # TP. Hà Nội, Q.5
    | \d+(?:[\-/](?=[^\W_])[^\W_]+|[.,:]\d+)*         # 21/7 48-KH/QU 2016-2020 70/NQ-HĐND 3,5
    | [A-ZĐ]+(?:[\-&][A-ZĐ]+)+(?:&[A-ZĐ]+)*          # LĐ-TB&XH BR-VT TT&TT
    | [^\W\d_][^\W_]*(?:[&'’][^\W_]+)*               # words, TƯ4, TT&TT, H'Mông
    | \S                                             # any other single character
"""
_TOKEN = re.compile(_TOKEN_PATTERN, re.VERBOSE)
# Whitespace other than spaces and line breaks (tabs, no-break spaces): rare, read
# by the general path.  Runs of whitespace other than one space make tokens.
_OTHER_SPACE = re.compile(r"[^\S \n]")
_ODD_RUN = re.compile(r"(\s{2,}|[^\S ]|^ | $)")
_SPACE_RUN = re.compile(r"( {2,})")
_CACHE_LIMIT = 1 << 14


_CHUNK = re.compile(r"\S+")


def _pieces(text: str) -> list[tuple[str, int]]:
    """(token, offset) pairs.  Most space-separated chunks are one plain syllable
    ("thư", "Tỉnh"), taken whole without the full token pattern."""
    pieces: list[tuple[str, int]] = []
    add = pieces.append
    for chunk in _CHUNK.finditer(text):
        word = chunk.group()
        if word.isalpha():
            add((word, chunk.start()))
        else:
            offset = chunk.start()
            for m in _TOKEN.finditer(word):
                add((m.group(), offset + m.start()))
    return pieces


def tokenize(text: str) -> list[tuple[str, int]]:
    """(token text, start offset) pairs; whitespace is never a token."""
    return _pieces(text)


def split_words(text: str) -> tuple[list[str], list[bool]]:
    """Token texts and trailing-space flags (spaCy's ``words``/``spaces``).

    One space after a token is its trailing space; any other run of whitespace
    (line breaks, double spaces, leading whitespace) becomes a whitespace token,
    less the one space the token before it takes.  Mostly C-level work: lines
    and chunks come from ``str.split``, plain syllables are kept whole
    (``str.isalpha``) and only the other chunks go through ``_TOKEN``, memoised
    (the same "ủy," or "năm." recurs in every article).
    """
    words: list[str] = []
    spaces: list[bool] = []
    if _OTHER_SPACE.search(text) is not None:
        _add_runs(_ODD_RUN.split(text), words, spaces)
        return words, spaces
    gap = ""  # the whitespace since the last token
    for line in text.split("\n"):
        body = line.strip(" ")
        if not body:
            gap += line + "\n"
            continue
        if line[0] == " ":
            gap += line[: line.index(body[0])]
        if gap:
            _add_gap(gap, words, spaces)
        if "  " in body:
            _add_runs(_SPACE_RUN.split(body), words, spaces)
        else:
            _add_chunks(body, words, spaces)
        gap = line[len(line.rstrip(" ")) :] + "\n"
    gap = gap[:-1]  # the last line has no line break after it
    if gap:
        _add_gap(gap, words, spaces)
    return words, spaces


_split_chunk: dict[str, tuple[list[str], list[bool]]] = {}


def _add_chunks(segment: str, words: list[str], spaces: list[bool]) -> None:
    """Tokens of text whose only whitespace is single spaces between chunks."""
    chunks = segment.split(" ")
    n = len(chunks)
    start = 0
    for k in compress(range(n), map(not_, map(str.isalpha, chunks))):
        if k > start:  # plain syllables, each followed by its space
            words += chunks[start:k]
            spaces += [True] * (k - start)
        found = _split_chunk.get(chunks[k])
        if found is None:
            if len(_split_chunk) >= _CACHE_LIMIT:
                _split_chunk.clear()
            pieces = _TOKEN.findall(chunks[k])
            found = _split_chunk[chunks[k]] = (pieces, [False] * (len(pieces) - 1) + [True])
        words += found[0]
        spaces += found[1]
        start = k + 1
    if start < n:
        words += chunks[start:]
        spaces += [True] * (n - start)
    spaces[-1] = False  # the segment's last token: what follows is not one space


def _add_gap(gap: str, words: list[str], spaces: list[bool]) -> None:
    if words and gap[0] == " ":
        spaces[-1] = True  # one space after a token is its trailing space
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


def _add_runs(parts: list[str], words: list[str], spaces: list[bool]) -> None:
    """``re.split`` output: text segments alternating with whitespace runs."""
    for i, part in enumerate(parts):
        if i % 2:
            _add_gap(part, words, spaces)
        elif part:
            _add_chunks(part, words, spaces)


class SyllableTokenizer:
    """spaCy tokenizer: text → Doc with one token per syllable or kept unit."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        """Doc whose text equals ``text``: runs of whitespace other than one
        space become whitespace tokens, as spaCy's own tokenizers do."""
        words, spaces = split_words(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["words"] = words  # read by the rule components without Token objects
        return doc

    # spaCy serialisation hooks: the tokenizer has no state beyond its rules.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> SyllableTokenizer:
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> SyllableTokenizer:
        return self
