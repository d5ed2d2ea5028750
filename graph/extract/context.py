"""Per-article state shared by the extractors: the parsed Doc, an index of
lexicon spans by start token, and where the article is (its localities).

Locality matters because Vietnamese news names bodies by their type alone once
the place is clear ("Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"); the place comes
from the nearest preceding mention, else from the article as a whole.

Tokens and matches live in ``tokens``, places and the mentions of them in ``places``
(``_MentionsMixin``); the qualifier skipping shared by the parsers stays here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc

from polgraph.extract.places import _MentionsMixin
from polgraph.extract.tokens import Match, TokenView
from polgraph.nlp.lexicon import Lexicon, load_lexicon

_ROMAN = frozenset("IVXLC")


@lru_cache(maxsize=256)
def _phrase_words(phrase: str) -> list[str]:
    """``phrase.split()``, once per phrase (the callers pass a few literals)."""
    return phrase.split()


@dataclass
class ArticleContext(_MentionsMixin):
    doc: TokenView
    article_id: str
    lexicon: Lexicon = field(default_factory=load_lexicon)
    by_start: dict[int, list[Match]] = field(default_factory=dict)
    # the first (longest) match of each label at each start, as by_start lists them
    first: dict[tuple[int, str], Match] = field(default_factory=dict)
    province_mentions: list[tuple[int, str]] = field(default_factory=list)
    district_mentions: list[tuple[int, str, str, str]] = field(default_factory=list)
    dominant_province: str | None = None
    source_province: str | None = None  # named by the article's source URL (last resort)
    person_tokens: set[int] = field(default_factory=set)
    listed: set[int] = field(default_factory=set)  # provinces named in "các tỉnh A, B, C"
    _ends: dict[frozenset[str], set[int]] = field(default_factory=dict)
    _starts: dict[frozenset[str], frozenset[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, article_id: str, text: str | None = None) -> ArticleContext:
        view = TokenView(doc, text)
        ctx = cls(doc=view, article_id=article_id)
        text = view.text
        offsets = view.offsets
        ends = view.ends
        raw = doc.user_data.get("lexicon")
        if raw is None:
            raw = sorted(
                ((s.start, s.end, s.label_, s.kb_id_) for s in doc.spans["lexicon"]),
                key=lambda m: (m[0], -m[1], m[2], m[3]),
            )
        by_start = ctx.by_start
        first = ctx.first
        new = tuple.__new__  # Match(...) without the namedtuple's Python-level __new__
        # the matcher sorts by (start, longest first, label, key): each start's list
        # is already longest first, and the first of a label at a start its longest
        for start, end, label, key in raw:
            match = new(Match, (start, end, label, key, text[offsets[start] : ends[end - 1]]))
            if start in by_start:
                by_start[start].append(match)
            else:
                by_start[start] = [match]
            first.setdefault((start, label), match)  # the longest of its label there
        return ctx

    def ends_of(self, labels: frozenset[str]) -> set[int]:
        """Token positions where a match of one of ``labels`` ends (memoised)."""
        found = self._ends.get(labels)
        if found is None:
            found = self._ends[labels] = {
                m.end for matches in self.by_start.values() for m in matches if m.label_ in labels
            }
        return found

    def starts_of(self, labels: frozenset[str]) -> frozenset[int]:
        """Token positions where a match of one of ``labels`` starts (memoised): a
        caller trying several labels at a token skips the tokens none of them is at."""
        found = self._starts.get(labels)
        if found is None:
            found = self._starts[labels] = frozenset(
                start for start, label in self.first if label in labels
            )
        return found

    # -- lexicon look-ups -------------------------------------------------
    def words_at(self, i: int, phrase: str) -> bool:
        """Whether the lower-cased tokens from i spell ``phrase`` ("hội nghị")."""
        words = _phrase_words(phrase)
        # a position outside the text reads as "", which no word of a phrase is
        return not words or (i >= 0 and self.doc.lowers[i : i + len(words)] == words)

    def lower(self, i: int) -> str:
        lowers = self.doc.lowers
        return lowers[i] if 0 <= i < len(lowers) else ""


def skip_qualifiers(ctx: ArticleContext, i: int) -> int:
    """Skip 'khóa XIV', 'nhiệm kỳ 2016-2021', 'giai đoạn 2015 - 2020' and the like."""
    doc = ctx.doc
    words, spaces, lowers = doc.words, doc.spaces, doc.lowers  # doc[k]'s, as lists
    n = len(doc)
    while i < n:
        j = i
        while j < n and spaces[j] and "\n" not in words[j]:
            j += 1
        if j < n and words[j] == "," and j + 1 < n and _qualifier_word(ctx, j + 1):
            j += 1
        if j < n and words[j] == "(" and j + 1 < n and _qualifier_word(ctx, j + 1):
            close = j + 1
            while close < n and words[close] != ")" and close - j < 30:
                close += 1
            if close < n and words[close] == ")":
                i = close + 1
                continue
        if not _qualifier_word(ctx, j):
            return i
        k = j + (2 if lowers[j] in {"nhiệm", "giai", "các"} else 1)
        if lowers[j] == "các":
            k = j + 3
        # consume the values: roman numerals, years, ranges
        consumed = False
        while k < n:
            text = words[k]
            if text.isdigit() or set(text) <= _ROMAN or _is_range(text) or text in {"-", "–"}:
                k += 1
                consumed = True
                continue
            if spaces[k] and "\n" not in words[k]:
                k += 1
                continue
            break
        if not consumed:
            return i
        i = k
    return i


def _qualifier_word(ctx: ArticleContext, j: int) -> bool:
    """'khóa', 'nhiệm kỳ', 'giai đoạn' or 'các nhiệm kỳ' at token j."""
    lowers = ctx.doc.lowers
    if j >= len(lowers):
        return False
    word = lowers[j]
    if word in _QUALIFIER_OPENERS:
        return True
    rest = _QUALIFIER_RESTS.get(word)
    return rest is not None and j >= 0 and lowers[j + 1 : j + 1 + len(rest)] == rest


_QUALIFIER_OPENERS = frozenset({"khóa", "khoá"})
# the words after the first of "nhiệm kỳ", "giai đoạn", "các nhiệm kỳ"
_QUALIFIER_RESTS = {"nhiệm": ["kỳ"], "giai": ["đoạn"], "các": ["nhiệm", "kỳ"]}


def _is_range(text: str) -> bool:
    parts = text.replace("–", "-").split("-")
    return len(parts) >= 2 and all(p.isdigit() for p in parts if p)
