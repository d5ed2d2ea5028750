"""Per-article state shared by the extractors: the parsed Doc, an index of
lexicon spans by start token, and where the article is (its localities).

Locality matters because Vietnamese news names bodies by their type alone once
the place is clear ("Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"); the place comes
from the nearest preceding mention, else from the article as a whole.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from spacy.tokens import Doc

from polgraph.nlp import gazetteer
from polgraph.nlp.lexicon import Lexicon, load_lexicon

# Words before a place name that make it a locality mention rather than part of
# something else ("Đoàn TNCS Hồ Chí Minh", "tư tưởng Hồ Chí Minh").
_CITY_ONLY_NAMES = frozenset({"Hồ Chí Minh"})
_CITY_WORDS = frozenset({"tp", "tp.", "thành phố", "thành ủy", "tp.hcm"})
_ROMAN = frozenset("IVXLC")
_BIRTH_WORDS = frozenset({"quê", "sinh"})
_BIRTH_LINKS = frozenset({"tại", "ra", "ở"})
_ADDRESS_SPAN = 14  # tokens an address after "quê" may take: "xã X, huyện Y, tỉnh Z"
_ADDRESS_UNITS = frozenset(
    {"xã", "phường", "thị", "huyện", "quận", "thành", "tỉnh", "tp", "tp.", "tx.", "thôn", "xóm"}
)
_BIRTH_CUES = ("quê", "quê quán", "quê ở", "quê tại", "sinh tại", "sinh ra tại", "sinh ra ở")


@lru_cache(maxsize=256)
def _phrase_words(phrase: str) -> list[str]:
    """``phrase.split()``, once per phrase (the callers pass a few literals)."""
    return phrase.split()


@lru_cache(maxsize=4096)
def find_province(name: str) -> gazetteer.Province | None:
    """Gazetteer look-up, memoised: the extractors ask the same names many times."""
    return gazetteer.find_province(name)


@lru_cache(maxsize=8192)
def find_districts(name: str, kind: str | None = None) -> tuple[gazetteer.District, ...]:
    return gazetteer.find_districts(name, kind)


def _province_kind(name: str) -> str | None:
    province = find_province(name)
    return province.kind if province is not None else None


class Place(NamedTuple):
    """A resolved locality: a province, optionally a district or commune in it."""

    province: str | None
    district: str | None = None  # district name as in the gazetteer
    district_kind: str | None = None
    commune: str | None = None
    commune_kind: str | None = None  # "xã" | "phường" | "thị trấn"

    @property
    def level(self) -> str:
        if self.commune:
            return "commune"
        if self.district:
            return "district"
        return "province"


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
        self.start_char = view[start].idx
        last = view[end - 1]
        self.end_char = last.idx + len(last.text)
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
        self.lowers: list[str] = list(map(str.lower, words))
        super().__init__(map(Tok, offsets, words, self.lowers, map(str.isspace, words)))
        self.text = doc.text if text is None else text  # Doc.text re-joins every token
        n = len(words)
        # lines: token ranges between line breaks (only whitespace tokens hold "\n")
        self.lines: list[tuple[int, int]] = []
        self.line_of: list[int] = []
        line_start = 0
        for i in [i for i, word in enumerate(words) if "\n" in word]:
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
        return [i for i, word in enumerate(self.lowers) if word[:1].isdigit()]

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
        last = self[stop - 1]
        return self.text[self[start].idx : last.idx + len(last.text)]


@dataclass
class ArticleContext:
    doc: TokenView
    article_id: str
    lexicon: Lexicon = field(default_factory=load_lexicon)
    by_start: dict[int, list[Match]] = field(default_factory=dict)
    by_label: dict[tuple[int, str], list[Match]] = field(default_factory=dict)
    first: dict[tuple[int, str], Match] = field(default_factory=dict)  # by_label's [0]
    province_mentions: list[tuple[int, str]] = field(default_factory=list)
    district_mentions: list[tuple[int, str, str, str]] = field(default_factory=list)
    dominant_province: str | None = None
    source_province: str | None = None  # named by the article's source URL (last resort)
    person_tokens: set[int] = field(default_factory=set)
    listed: set[int] = field(default_factory=set)  # provinces named in "các tỉnh A, B, C"
    _ends: dict[frozenset[str], set[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, article_id: str, text: str | None = None) -> ArticleContext:
        view = TokenView(doc, text)
        ctx = cls(doc=view, article_id=article_id)
        text = view.text
        tokens = view.tokens
        raw = doc.user_data.get("lexicon")
        if raw is None:
            raw = sorted(
                ((s.start, s.end, s.label_, s.kb_id_) for s in doc.spans["lexicon"]),
                key=lambda m: (m[0], -m[1], m[2], m[3]),
            )
        by_start = ctx.by_start
        by_label = ctx.by_label
        first = ctx.first
        new = tuple.__new__  # Match(...) without the namedtuple's Python-level __new__
        # the matcher sorts by (start, longest first, label, key): each start's list
        # is already longest first, and so is each (start, label) list
        for start, end, label, key in raw:
            last = tokens[end - 1]
            surface = text[tokens[start].idx : last.idx + len(last.text)]
            match = new(Match, (start, end, label, key, surface))
            if start in by_start:
                by_start[start].append(match)
            else:
                by_start[start] = [match]
            at = (start, label)
            if at in by_label:
                by_label[at].append(match)
            else:
                by_label[at] = [match]
                first[at] = match
        return ctx

    def ends_of(self, labels: frozenset[str]) -> set[int]:
        """Token positions where a match of one of ``labels`` ends (memoised)."""
        found = self._ends.get(labels)
        if found is None:
            found = self._ends[labels] = {
                m.end for matches in self.by_start.values() for m in matches if m.label_ in labels
            }
        return found

    # -- lexicon look-ups -------------------------------------------------
    def first_at(self, i: int, label: str) -> Match | None:
        return self.first.get((i, label))

    def words_at(self, i: int, phrase: str) -> bool:
        """Whether the lower-cased tokens from i spell ``phrase`` ("hội nghị")."""
        words = _phrase_words(phrase)
        # a position outside the text reads as "", which no word of a phrase is
        return not words or (i >= 0 and self.doc.lowers[i : i + len(words)] == words)

    def lower(self, i: int) -> str:
        lowers = self.doc.lowers
        return lowers[i] if 0 <= i < len(lowers) else ""

    # -- localities -------------------------------------------------------
    def locate_mentions(self) -> None:
        """Collect explicit province and district mentions, in text order."""
        doc = self.doc
        # "quê", "sinh": the few tokens after which a place is someone's birthplace
        birth_cues = [i for i, word in enumerate(doc.lowers) if word in _BIRTH_WORDS]
        for i in sorted(self.by_start):
            if i in self.person_tokens:
                continue
            spans = self.by_start[i]
            province = next((s for s in spans if s.label_ == "PROVINCE"), None)
            district = next((s for s in spans if s.label_ == "DISTRICT"), None)
            if (province or district) and birth_cues and self._birthplace(i, birth_cues):
                continue
            if (
                district is not None
                and self._district_cued(district)
                and (province is None or self._district_unit_before(district.start))
            ):
                kind, name = district.kb_id_.split("|", 1)
                self.district_mentions.append((district.start, kind, name, ""))
                continue
            if province is not None:
                if (
                    province.kb_id_ in _CITY_ONLY_NAMES
                    and province.text == province.kb_id_
                    and self._before(province.start) not in _CITY_WORDS
                ):
                    continue
                self.province_mentions.append((province.start, province.kb_id_))
                if self._in_plural_list(province.start):
                    self.listed.add(province.start)
        counts = Counter(name for _, name in self.province_mentions)
        resolved = [
            self.resolve_district(name, kind) for _, kind, name, _ in self.district_mentions
        ]
        for district in resolved:
            if district is not None:
                counts[district.province] += 1
        if counts:
            best = max(counts.values())
            first_seen: dict[str, int] = {}
            for pos, name in self.province_mentions:
                first_seen.setdefault(name, pos)
            candidates = sorted(
                (name for name, n in counts.items() if n == best),
                key=lambda name: (first_seen.get(name, 10**9), name),
            )
            self.dominant_province = candidates[0]
        elif self.source_province is not None:
            # the text names no province: "UBND tỉnh" on a provincial publisher's site
            self.dominant_province = self.source_province
        del doc

    def _birthplace(self, i: int, cues: list[int]) -> bool:
        """'quê Hà Tĩnh', 'quê quán xã X, huyện Y', 'sinh tại Z': where a person comes
        from, never the place the article's bodies belong to."""
        at = bisect_left(cues, i)
        if at == 0 or cues[at - 1] < i - _ADDRESS_SPAN:
            return False
        words = [w for w in self.doc.lowers[max(0, i - _ADDRESS_SPAN) : i] if not w.isspace()]
        tail = " ".join(words[-3:])
        if any(tail.endswith(cue) for cue in _BIRTH_CUES):
            return True
        # the rest of an address after a birthplace cue: "quê xã X, huyện Y, tỉnh Z";
        # "sinh" only as "sinh tại/ra/ở" ("học sinh", "sinh năm 1970" are no cue)
        cut = -1
        for k, word in enumerate(words):
            if word == "quê" or (
                word == "sinh" and k + 1 < len(words) and words[k + 1] in _BIRTH_LINKS
            ):
                cut = k
        if cut < 0:
            return False
        rest = words[cut + 1 :]
        if any(w in {".", ";", "(", ")", ":"} for w in rest):
            return False
        # past a comma the address goes on only with a unit word: "quê Hà Tĩnh, Phó Bí
        # thư Huyện ủy X" ends the address at the comma, X is no birthplace
        return all(rest[k + 1] in _ADDRESS_UNITS for k, w in enumerate(rest[:-1]) if w == ",") and (
            not rest or rest[-1] != ","
        )

    def _before(self, i: int) -> str:
        """The lower-cased word or two before token i (skipping spaces)."""
        j = i - 1
        while j >= 0 and self.doc[j].is_space:
            j -= 1
        if j < 0:
            return ""
        one = self.doc[j].lower_
        if j >= 1 and f"{self.doc[j - 1].lower_} {one}" in _CITY_WORDS:
            return f"{self.doc[j - 1].lower_} {one}"
        return one

    def _in_plural_list(self, i: int) -> bool:
        """'HĐND các tỉnh Nghệ An, Bắc Giang, Hà Giang': none of them is *the* province
        a later bare "tỉnh" means."""
        before = self.doc.span_text(max(0, i - 12), i).lower()
        cue = max(
            before.rfind("các tỉnh"), before.rfind("các thành phố"), before.rfind("các địa phương")
        )
        if cue < 0:
            return False
        between = before[cue:]
        return "." not in between and ";" not in between

    def _district_unit_before(self, i: int) -> bool:
        """'huyện X', 'Huyện ủy X', 'thị xã X': X is the district, even if a province
        shares its name (thành phố Bắc Giang, tỉnh Bắc Giang)."""
        before = self._before(i)
        if before in {"huyện", "quận", "thị xã", "tx", "tx.", "thành phố"}:
            return before != "thành phố" or self._before(i - 1) not in {"thành", ""}
        two = " ".join(t.lower_ for t in self.doc[max(0, i - 2) : i] if not t.is_space)
        return two in {"huyện ủy", "quận ủy", "thị ủy"}

    def _district_cued(self, span: Match) -> bool:
        """A district name counts only after a unit or committee word, or when numbered."""
        _kind, name = span.kb_id_.split("|", 1)
        if any(ch.isdigit() for ch in name):
            return True
        before = self._before(span.start)
        cues = {"huyện", "quận", "thị xã", "tx", "tx.", "thành phố", "tp", "tp.", "xã"}
        if before in cues or self._district_unit_before(span.start):
            return True
        two_before = " ".join(
            t.lower_ for t in self.doc[max(0, span.start - 2) : span.start] if not t.is_space
        )
        return two_before.endswith(("thị xã", "thành phố"))

    def resolve_district(self, name: str, kind: str | None = None) -> gazetteer.District | None:
        """The district of that name, using the article's provinces to disambiguate."""
        found = find_districts(name, kind) or find_districts(name)
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        mentioned = {p for _, p in self.province_mentions}
        if not mentioned and self.source_province is not None:
            mentioned = {self.source_province}
        in_article = [d for d in found if d.province in mentioned]
        if len({d.province for d in in_article}) == 1:
            return in_article[0]
        return None

    def province_at(self, i: int, kind: str | None = None) -> str | None:
        """The province in force at token i: nearest preceding mention in the same
        paragraph, else the nearest before it, else the article's dominant province.

        ``kind`` ("tỉnh" or "thành phố") keeps only provinces of that kind: a
        "Tỉnh ủy" is never Hà Nội's, a "Thành ủy" never Nghệ An's.
        """
        mentions = self.province_mentions
        if kind is not None:
            mentions = [(p, n) for p, n in mentions if _province_kind(n) == kind]
        paragraph_start = self.paragraph_start(i)
        best: tuple[int, str] | None = None
        for pos, name in mentions:
            if pos >= i:
                break
            if pos >= paragraph_start and pos not in self.listed:
                best = (pos, name)
        for pos, unit, name, _ in self.district_mentions:
            if pos >= i or pos < paragraph_start:
                continue
            if best is None or pos > best[0]:
                district = self.resolve_district(name, unit)
                if district is not None and (
                    kind is None or _province_kind(district.province) == kind
                ):
                    best = (pos, district.province)
        if best is not None:
            return self._unless_aside(best, i)
        earlier = [name for pos, name in mentions if pos < i and pos not in self.listed]
        if earlier:
            return earlier[-1]
        if (
            kind is not None
            and self.dominant_province is not None
            and _province_kind(self.dominant_province) != kind
        ):
            return None
        return self.dominant_province

    def _unless_aside(self, best: tuple[int, str], i: int) -> str:
        """A province named once in passing ("làm việc với tỉnh bạn Hà Tĩnh") in an
        earlier sentence does not take over an article about another province."""
        position, name = best
        if self.dominant_province is None or name == self.dominant_province:
            return name
        sentence = self.doc.sent_at(position)
        here = self.doc.sent_at(i)  # i may be the end of the text
        if sentence is here or self.paragraph_start(position) >= sentence.start:
            return name  # same sentence, or the sentence that opens the paragraph
        counts = Counter(n for _, n in self.province_mentions)
        if counts[name] == 1 and counts[self.dominant_province] >= 3:
            return self.dominant_province
        return name

    def district_at(self, i: int, kind: str) -> gazetteer.District | None:
        """The nearest preceding district of that kind, else the only one in the article."""
        candidates = [
            (pos, name) for pos, k, name, _ in self.district_mentions if k == kind or kind == "any"
        ]
        before = [c for c in candidates if c[0] < i]
        pool = before[-1:] if before else candidates[:1]
        for _, name in pool:
            district = self.resolve_district(name, None if kind == "any" else kind)
            if district is not None:
                return district
        return None

    def paragraph_start(self, i: int) -> int:
        """First token of the line (paragraph) token i is in (i may be the end)."""
        if not self.doc.line_of:
            return 0
        return self.doc.lines[self.doc.line_of[min(i, len(self.doc.line_of) - 1)]][0]


def skip_qualifiers(ctx: ArticleContext, i: int) -> int:
    """Skip 'khóa XIV', 'nhiệm kỳ 2016-2021', 'giai đoạn 2015 - 2020' and the like."""
    doc = ctx.doc
    n = len(doc)
    while i < n:
        j = i
        while j < n and doc[j].is_space and "\n" not in doc[j].text:
            j += 1
        if j < n and doc[j].text == "," and j + 1 < n and _qualifier_word(ctx, j + 1):
            j += 1
        if j < n and doc[j].text == "(" and j + 1 < n and _qualifier_word(ctx, j + 1):
            close = j + 1
            while close < n and doc[close].text != ")" and close - j < 30:
                close += 1
            if close < n and doc[close].text == ")":
                i = close + 1
                continue
        if not _qualifier_word(ctx, j):
            return i
        k = j + (2 if doc[j].lower_ in {"nhiệm", "giai", "các"} else 1)
        if doc[j].lower_ == "các":
            k = j + 3
        # consume the values: roman numerals, years, ranges
        consumed = False
        while k < n:
            text = doc[k].text
            if text.isdigit() or set(text) <= _ROMAN or _is_range(text) or text in {"-", "–"}:
                k += 1
                consumed = True
                continue
            if doc[k].is_space and "\n" not in doc[k].text:
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
