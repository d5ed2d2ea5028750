"""Orchestration: from article files to the published graph (``build``), extraction of
many articles (``extraction``, ``parallel``), the incremental store (``store``).
"""

from polgraph.build.extraction import ARTICLE_TIME_LIMIT, ExtractionTimeout, Progress, extract_all
from polgraph.build.report import (
    DEFAULT_OUT_DIR,
    OUTPUT_FILES,
    BuildFailed,
    BuildReport,
    sample_corpus,
)
from polgraph.build.run import build

__all__ = [
    "ARTICLE_TIME_LIMIT",
    "DEFAULT_OUT_DIR",
    "OUTPUT_FILES",
    "BuildFailed",
    "BuildReport",
    "ExtractionTimeout",
    "Progress",
    "build",
    "extract_all",
    "sample_corpus",
]
