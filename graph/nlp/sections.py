"""Run the pipeline on texts longer than spaCy's ``max_length``, one section at a time.

spaCy refuses a text over ``nlp.max_length`` characters (1,000,000: error E088),
a guard for its parsers' memory; this pipeline has none, but one call on a
20 MB page would still hold every intermediate of it at once.  ``parse`` cuts
such a text into sections at line breaks (an article's paragraphs), runs the
pipeline on each and joins the results into one ``Doc`` equal to what one call
would give: tokens, trailing spaces, sentence starts and lexicon matches.  A
cut only ever falls after a line break (or failing that a space) followed by
text, where the tokenizer starts a new token and the sentencizer a new
sentence, so no token, sentence or lexicon match spans two sections.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

_NOT_START = numpy.uint64(2**64 - 1)


def cut_points(text: str, limit: int) -> list[int]:
    """Offsets where sections of at most ``limit`` characters begin (0 first).

    >>> cut_points("ab\\n\\ncd\\nef", 4)
    [0, 4, 7]
    """
    cuts = [0]
    start = 0
    while len(text) - start > limit:
        cut = _cut_before(text, start, start + limit)
        cuts.append(cut)
        start = cut
    return cuts


def _cut_before(text: str, start: int, end: int) -> int:
    """The last offset in ``(start, end]`` that follows a line break (else a space)
    and holds text; ``end`` itself when there is none (a 1M-character word)."""
    for sep in ("\n", " "):
        i = text.rfind(sep, start, end)
        while i > start:
            if not text[i + 1].isspace():
                return i + 1
            i = text.rfind(sep, start, i)
    return end


def parse(nlp: Language, text: str, component_cfg: dict[str, dict[str, Any]] | None = None) -> Doc:
    """``nlp(text)``, in sections when ``text`` is longer than ``nlp.max_length``."""
    if len(text) <= nlp.max_length:
        return nlp(text, component_cfg=component_cfg)
    cuts = cut_points(text, nlp.max_length)
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    lexicon: list[tuple[int, int, str, str]] = []
    for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True):
        doc = nlp(text[a:b], component_cfg=component_cfg)
        offset = len(words)
        section_words = doc.user_data.get("words") or [t.text for t in doc]
        words += section_words
        spaces += [bool(t.whitespace_) for t in doc]
        starts += [offset + i for i in doc.user_data.get("sent_starts", ())]
        lexicon += [(s + offset, e + offset, label, key) for s, e, label, key in
                    doc.user_data.get("lexicon", ())]  # fmt: skip
    whole = Doc(nlp.vocab, words=words, spaces=spaces)
    whole.user_data["words"] = words
    if words:
        flags = numpy.full((len(words), 1), _NOT_START, dtype="uint64")
        flags[starts, 0] = 1
        whole.from_array([SENT_START], flags)
    whole.user_data["sent_starts"] = starts
    whole.user_data["lexicon"] = lexicon
    spans_wanted = (component_cfg or {}).get("polgraph_lexicon", {}).get("spans", True)
    if spans_wanted:
        whole.spans["lexicon"] = [
            Span(whole, s, e, label=label, kb_id=key) for s, e, label, key in lexicon
        ]
    return whole
