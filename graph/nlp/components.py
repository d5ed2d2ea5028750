"""spaCy pipeline components: sentence boundaries and lexicon spans.

Both are rule components registered under factory names that say what they
assign: ``polgraph_sentencizer`` sets ``Token.is_sent_start``,
``polgraph_lexicon`` fills ``doc.spans["lexicon"]`` with every lexicon match
(label = category, ``kb_id_`` = canonical key), overlapping matches kept so that
the extractors can choose by grammar rather than by first come.
"""

from __future__ import annotations

from itertools import compress
from operator import or_

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from polgraph.nlp.lexicon import load_lexicon, place_patterns

_NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it
_SENTENCE_END = frozenset({".", "!", "?", "…"})
_OPENERS = frozenset({"“", '"', "(", "-", "–", "*", "•"})
_DOTTED_UNITS = frozenset({"TP.", "Tp.", "TX.", "Q.", "P."})
_DECIDING = _SENTENCE_END | _DOTTED_UNITS
_OPENER_WORDS = frozenset(
    {
        "Ông",
        "Bà",
        "Đồng",
        "Anh",
        "Chị",
        "Theo",
        "Tại",
        "Trong",
        "Sau",
        "Trước",
        "Các",
        "Những",
        "Ngày",
        "Sáng",
        "Chiều",
        "Tối",
        "Hiện",
        "Cùng",
        "Với",
        "Còn",
        "Ngoài",
        "Đây",
    }
)


@Language.factory("polgraph_sentencizer")
def make_sentencizer(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class SentenceSplitter:
    """Line breaks always end a sentence; '.', '!', '?' do when a capital follows."""

    def __call__(self, doc: Doc) -> Doc:
        words = doc.user_data.get("words") or [token.text for token in doc]
        if not words:
            return doc
        n = len(words)
        # Only whitespace, sentence-final marks and dotted units decide anything:
        # any other token ends a sentence opening, so the loop visits those few.
        special = compress(
            range(n), map(or_, map(_DECIDING.__contains__, words), map(str.isspace, words))
        )
        sentence_starts: list[int] = []
        new_sentence = True  # whether token ``following`` opens a sentence
        following = 0
        last = n - 1
        for i in special:
            if i > following:  # ordinary tokens from ``following`` to i - 1
                if new_sentence:
                    sentence_starts.append(following)
                new_sentence = False
            if new_sentence:
                sentence_starts.append(i)
            word = words[i]
            if word.isspace():
                new_sentence = "\n" in word or new_sentence
            elif word in _SENTENCE_END:
                new_sentence = i == last or _starts_sentence(words[i + 1])
            else:  # _DOTTED_UNITS
                # "... chủ tịch HĐND TP. Ông Lý Văn Sáng ...": the abbreviation's dot
                # also ends the sentence when a sentence opener follows
                new_sentence = i < last and words[i + 1] in _OPENER_WORDS
            following = i + 1
        if following < n and new_sentence:
            sentence_starts.append(following)
        starts = numpy.full((n, 1), _NOT_START, dtype="uint64")
        starts[sentence_starts, 0] = 1
        doc.from_array([SENT_START], starts)
        doc.user_data["sent_starts"] = sentence_starts  # the same, for rule code
        return doc


def _starts_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or text in _OPENERS or first.isspace()


@Language.factory("polgraph_lexicon", default_config={"places": True})
def make_lexicon_matcher(nlp: Language, name: str, places: bool) -> LexiconMatcher:
    return LexiconMatcher(nlp, places=places)


class LexiconMatcher:
    """Marks titles, organizations, cues and places found in the lexicon data."""

    def __init__(self, nlp: Language, *, places: bool = True) -> None:
        lexicon = load_lexicon()
        self.words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._labels: dict[int, tuple[str, str]] = {}  # match id → (label, key)
        self._add(nlp, self.words, lexicon.patterns)
        names = list(lexicon.name_patterns)
        if places:
            names += place_patterns()
        self._add(nlp, self.names, names)

    def _add(
        self, nlp: Language, matcher: PhraseMatcher, patterns: list[tuple[str, str, str]]
    ) -> None:
        grouped: dict[str, list[Doc]] = {}
        for label, key, surface in patterns:
            # LOWER compares lower-cased tokens, so the pattern keeps its case and
            # is tokenized exactly as text is ("T.Ư Đoàn" stays two tokens)
            grouped.setdefault(f"{label}\t{key}", []).append(nlp.make_doc(surface))
        for match_key in sorted(grouped):
            matcher.add(match_key, grouped[match_key])
            label, key = match_key.split("\t", 1)
            self._labels[nlp.vocab.strings[match_key]] = (label, key)

    def __call__(self, doc: Doc, *, spans: bool = True) -> Doc:
        """``spans=False`` (``component_cfg``) leaves ``doc.spans`` alone and gives
        only the plain tuples, for rule code that never reads a ``Span``."""
        labels = self._labels
        found = [
            (start, -end, *labels[match_id])  # -end: longest first
            for matcher in (self.words, self.names)
            for match_id, start, end in matcher(doc)
        ]
        found.sort()
        found = [(start, -end, label, key) for start, end, label, key in found]
        if spans:
            doc.spans["lexicon"] = [
                Span(doc, start, end, label=label, kb_id=key) for start, end, label, key in found
            ]
        doc.user_data["lexicon"] = found  # the same matches as plain tuples, for rule code
        return doc
