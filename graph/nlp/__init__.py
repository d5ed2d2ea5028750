"""The spaCy pipeline for Vietnamese political news (no model, no download)."""

from graph.nlp.pipeline import load_pipeline

__all__ = ["load_pipeline"]
