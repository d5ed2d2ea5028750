"""Builds the polgraph spaCy pipeline: syllable tokenizer, sentences, lexicon."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language

import polgraph.nlp.components  # noqa: F401  (registers the factories)
from polgraph.nlp.tokenizer import SyllableTokenizer


@spacy.registry.tokenizers("polgraph.syllable_tokenizer.v1")
def _syllable_tokenizer() -> Callable[[Language], SyllableTokenizer]:
    """The pipeline's tokenizer, named in its config: ``spacy.blank`` then builds it
    instead of the default rule tokenizer (whose prefix, suffix and infix regexes
    took a third of the pipeline's load time, to be thrown away)."""

    def create(nlp: Language) -> SyllableTokenizer:
        return SyllableTokenizer(nlp.vocab)

    return create


_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "polgraph.syllable_tokenizer.v1"}}}


def make_pipeline(*, places: bool = True) -> Language:
    """A fresh pipeline; ``places=False`` leaves out the gazetteer (for small tests)."""
    nlp = spacy.blank("xx", config=_CONFIG)
    nlp.add_pipe("polgraph_sentencizer")
    nlp.add_pipe("polgraph_lexicon", config={"places": places})
    return nlp


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared pipeline, built once per process."""
    return make_pipeline()
