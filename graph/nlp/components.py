"""spaCy pipeline components: sentence boundaries and lexicon spans.

Both are rule components registered under factory names that say what they
assign: ``polgraph_sentencizer`` sets ``Token.is_sent_start``,
``polgraph_lexicon`` fills ``doc.spans["lexicon"]`` with every lexicon match
(label = category, ``kb_id_`` = canonical key), overlapping matches kept so that
the extractors can choose by grammar rather than by first come.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graph.nlp.lexicon import load_lexicon, place_patterns

_NOT_START = numpy.uint64(2**64 - 1)  # -1 as spaCy stores it
_SENTENCE_END = frozenset({".", "!", "?", "…"})
_OPENERS = frozenset({"“", '"', "(", "-", "–", "*", "•"})
_DOTTED_UNITS = frozenset({"TP.", "Tp.", "TX.", "Q.", "P."})
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
        starts = numpy.empty((len(words), 1), dtype="uint64")
        new_sentence = True
        last = len(words) - 1
        for i, word in enumerate(words):
            starts[i, 0] = 1 if new_sentence else _NOT_START
            if word.isspace():
                new_sentence = "\n" in word or new_sentence
            elif word in _SENTENCE_END:
                new_sentence = i == last or _starts_sentence(words[i + 1])
            elif word in _DOTTED_UNITS:
                # "... chủ tịch HĐND TP. Ông Lý Văn Sáng ...": the abbreviation's dot
                # also ends the sentence when a sentence opener follows
                new_sentence = i < last and words[i + 1] in _OPENER_WORDS
            else:
                new_sentence = False
        doc.from_array([SENT_START], starts)
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
        self._add(nlp, self.words, lexicon.patterns)
        if places:
            self._add(nlp, self.names, place_patterns())

    @staticmethod
    def _add(nlp: Language, matcher: PhraseMatcher, patterns: list[tuple[str, str, str]]) -> None:
        grouped: dict[str, list[Doc]] = {}
        for label, key, surface in patterns:
            # LOWER compares lower-cased tokens, so the pattern keeps its case and
            # is tokenized exactly as text is ("T.Ư Đoàn" stays two tokens)
            grouped.setdefault(f"{label}\t{key}", []).append(nlp.make_doc(surface))
        for match_key in sorted(grouped):
            matcher.add(match_key, grouped[match_key])

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[int, int, str, str]] = []
        strings = doc.vocab.strings
        for matcher in (self.words, self.names):
            for match_id, start, end in matcher(doc):
                label, key = strings[match_id].split("\t", 1)
                found.append((start, -end, label, key))  # -end: longest first
        found.sort()
        found = [(start, -end, label, key) for start, end, label, key in found]
        doc.spans["lexicon"] = [
            Span(doc, start, end, label=label, kb_id=key) for start, end, label, key in found
        ]
        doc.user_data["lexicon"] = found  # the same matches as plain tuples, for rule code
        return doc
