"""Builds the polgraph spaCy pipeline: syllable tokenizer, sentences, lexicon."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

import polgraph.nlp.components  # noqa: F401  (registers the factories)
from polgraph.nlp.tokenizer import SyllableTokenizer


def make_pipeline(*, places: bool = True) -> Language:
    """A fresh pipeline; ``places=False`` leaves out the gazetteer (for small tests)."""
    nlp = spacy.blank("xx")
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    nlp.add_pipe("polgraph_sentencizer")
    nlp.add_pipe("polgraph_lexicon", config={"places": places})
    return nlp


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared pipeline, built once per process."""
    return make_pipeline()
