"""The spaCy pipeline for Vietnamese political news (no model, no download)."""

from polgraph.nlp.pipeline import load_pipeline

__all__ = ["load_pipeline"]
