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

from spacy.tokens import Doc
from spacy.vocab import Vocab

_UPPER = "A-ZĐƯƠÂĂÊÔÀ-ỸĐ"
_TOKEN = re.compile(
    r"""
      (?:[A-ZĐƯ]{1,4}\.)+[A-ZĐƯ]{1,5}(?![^\W\d_])   # TP.HCM  T.Ư  T.W
    | (?:TP|Tp|tp|TX|Q|P|TT|ThS|TS|GS|PGS|Th\.S)\.(?=\s|[^\W\d_]|$)  # TP. Hà Nội, Q.5
    | \d+(?:[\-/](?=[^\W_])[^\W_]+|[.,:]\d+)*         # 21/7 48-KH/QU 2016-2020 70/NQ-HĐND 3,5
    | [A-ZĐ]+(?:[\-&][A-ZĐ]+)+(?:&[A-ZĐ]+)*          # LĐ-TB&XH BR-VT TT&TT
    | [^\W\d_][^\W_]*(?:[&'’][^\W_]+)*               # words, TƯ4, TT&TT, H'Mông
    | \S                                             # any other single character
    """,
    re.VERBOSE,
)


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


class SyllableTokenizer:
    """spaCy tokenizer: text → Doc with one token per syllable or kept unit."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        """Doc whose text equals ``text``: runs of whitespace other than one
        space become whitespace tokens, as spaCy's own tokenizers do."""
        words: list[str] = []
        spaces: list[bool] = []
        add_word = words.append
        add_space = spaces.append
        position = 0
        for chunk in _CHUNK.finditer(text):
            start = chunk.start()
            if start != position:  # the whitespace before this chunk
                gap = text[position:start]
                if words and gap[0] == " ":
                    spaces[-1] = True  # one space after a word is its trailing space
                    gap = gap[1:]
                if gap:
                    add_word(gap)
                    add_space(False)
            word = chunk.group()
            if word.isalpha():  # most chunks: one plain syllable
                add_word(word)
                add_space(False)
            else:  # tokens inside a chunk are adjacent: no gaps
                for m in _TOKEN.finditer(word):
                    add_word(m.group())
                    add_space(False)
            position = chunk.end()
        tail = text[position:]
        if tail:
            if words and tail[0] == " ":
                spaces[-1] = True
                tail = tail[1:]
            if tail:
                add_word(tail)
                add_space(False)
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
