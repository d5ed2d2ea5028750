"""The article's tokens as extraction reads them: plain tokens, sentences and
lexicon matches, without spaCy objects on the hot path.
"""

from __future__ import annotations

from functools import cached_property
from itertools import compress, count
from operator import add
from typing import NamedTuple

from spacy.tokens import Doc


class _Lowered(dict):  # type: ignore[type-arg]
    """word → word.lower(), filled as words are met: the few thousand syllables of
    the news recur in every article, and a dict hit is cheaper than lowering."""

    def __missing__(self, word: str) -> str:
        lowered = word.lower()
        if len(word) <= _LOWERED_LONGEST:
            self[word] = lowered
        return lowered


class _DigitLed(dict):  # type: ignore[type-arg]
    """word → whether it starts with a digit (``word[:1].isdigit()``), memoised as
    ``_Lowered`` is: a dict hit costs less than slicing a non-Latin-1 letter."""

    def __missing__(self, word: str) -> bool:
        led = word[:1].isdigit()
        if len(word) <= _LOWERED_LONGEST:
            self[word] = led
        return led


_DIGIT_LED = _DigitLed()
_LOWERED = _Lowered()
_LOWERED_MAX = 1 << 14  # words kept (cleared when more): a few MB at most
_LOWERED_LONGEST = 40  # a longer "word" (a URL, a run of symbols) is lowered, not kept


class Match(NamedTuple):
    """A lexicon match (copied out of spaCy once: the extractors read it often)."""

    start: int
    end: int
    label_: str
    kb_id_: str
    text: str


class Tok:
    """A token as the extractors read it: plain attributes, no spaCy look-ups."""

    __slots__ = ("idx", "is_space", "lower_", "text")

    def __init__(self, idx: int, text: str, lower_: str, is_space: bool) -> None:
        self.idx = idx
        self.text = text
        self.lower_ = lower_
        self.is_space = is_space

    @property
    def is_alpha(self) -> bool:
        return self.text.isalpha()

    @property
    def is_digit(self) -> bool:
        return self.text.isdigit()


class Sent:
    """A sentence: token range, character range and text."""

    __slots__ = ("end", "end_char", "lower", "start", "start_char", "text")

    def __init__(self, view: TokenView, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.start_char = view.offsets[start]
        self.end_char = view.ends[end - 1]
        self.text = view.text[self.start_char : self.end_char]
        self.lower = self.text.lower()


class TokenView(list):
    """The tokens of a spaCy Doc as plain Python objects, built once, for rule code.

    Indexing is a list's (fast); ``span_text(a, b)`` gives the text tokens a..b-1
    cover; ``sents`` lists the sentences and ``sent_at(i)`` the one token i is in;
    ``lines``/``line_of`` do the same for lines (paragraphs).
    """

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        words = doc.user_data.get("words") or [t.text for t in doc]
        offsets = doc.to_array("IDX").tolist() if words else []
        # lower-cased texts once per article, as a list: ``ArticleContext.lower``
        # and ``words_at`` compare against it without touching Tok objects
        if len(_LOWERED) > _LOWERED_MAX:
            _LOWERED.clear()  # bounded: a pathological text cannot grow it
        self.lowers: list[str] = list(map(_LOWERED.__getitem__, words))
        # the texts and whether each is white space, as lists too, for the hot loops
        self.words: list[str] = words
        self.spaces: list[bool] = list(map(str.isspace, words))
        super().__init__(map(Tok, offsets, words, self.lowers, self.spaces))
        # where each token starts and ends in the text, for span texts
        self.offsets: list[int] = offsets
        self.ends: list[int] = list(map(add, offsets, map(len, words)))
        self.text = doc.text if text is None else text  # Doc.text re-joins every token
        n = len(words)
        # lines: token ranges between line breaks (only whitespace tokens hold "\n")
        self.lines: list[tuple[int, int]] = []
        self.line_of: list[int] = []
        line_start = 0
        for i in [i for i in compress(count(), self.spaces) if "\n" in words[i]]:
            self.line_of.extend([len(self.lines)] * (i + 1 - line_start))
            self.lines.append((line_start, i))
            line_start = i + 1
        self.line_of.extend([len(self.lines)] * (n - line_start))
        self.lines.append((line_start, n))
        # sentences, from the sentencizer's starts
        self.sents: list[Sent] = []
        self.sent_of: list[int] = []
        if n:
            starts = doc.user_data.get("sent_starts")  # from the sentencizer, if it ran
            if starts is None:
                flags = doc.to_array("SENT_START").tolist()
                starts = [i for i in range(n) if flags[i] == 1]
            starts = [i for i in starts if i > 0] + [n]
            begin = 0
            for end in starts:
                self.sent_of.extend([len(self.sents)] * (end - begin))
                self.sents.append(Sent(self, begin, end))
                begin = end

    @cached_property
    def digit_positions(self) -> list[int]:
        """Tokens starting with a digit (dates, numbers): what date finders visit."""
        if len(_DIGIT_LED) > _LOWERED_MAX:
            _DIGIT_LED.clear()
        return list(compress(count(), map(_DIGIT_LED.__getitem__, self.lowers)))

    @cached_property
    def word_set(self) -> frozenset[str]:
        """Every lower-cased word of the article: a rule whose cue word the article
        lacks (most of them, in most articles) is skipped with one look-up."""
        return frozenset(self.lowers)

    @property
    def tokens(self) -> TokenView:
        """The view itself.  A property, not an attribute: a view that referred
        to itself would be a reference cycle, and every article's tokens would
        wait for the cyclic garbage collector instead of going with the view."""
        return self

    def sent_at(self, i: int) -> Sent:
        """The sentence token i is in (the last one for the end of the text)."""
        return self.sents[self.sent_of[min(i, len(self.sent_of) - 1)]]

    def span_text(self, start: int, stop: int) -> str:
        stop = min(stop, len(self))
        if stop <= start:
            return ""
        return self.text[self.offsets[start] : self.ends[stop - 1]]
