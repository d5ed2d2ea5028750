"""Which province an article's source URL names: a provincial paper's host, or its path.

A report from "baolangson.vn" or "hdnd.ninhbinh.gov.vn" is about that province even
when its text names the committee bare ("Tỉnh ủy"); the extractors use it as the
place of last resort (``polgraph.extract.article``).  Names come from the gazetteer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from polgraph.core.text import ascii_fold
from polgraph.nlp.gazetteer import POST2025, PRE2025, provinces

__all__ = ["province_in_url"]


@lru_cache(maxsize=1)
def _url_keys() -> tuple[tuple[str, str, str], ...]:
    """(``"dongthap"``, ``"dong-thap"``, province) per name or alias of two words or more."""
    keys: dict[tuple[str, str], str] = {}
    for era in (PRE2025, POST2025):
        for p in provinces(era):
            for name in (p.name, *p.aliases):
                words = ascii_fold(name).split()
                if len(words) >= 2 and all(w.isalpha() and w.isascii() for w in words):
                    keys.setdefault(("".join(words), "-".join(words)), p.name)
    return tuple((joined, hyphened, name) for (joined, hyphened), name in sorted(keys.items()))


_HOST_NOISE = frozenset({"www", "gov", "com", "org", "net", "edu", "vn", "info"})


def province_in_url(url: str) -> str | None:
    """The one province an article's source URL names, if any: in the publisher's host
    name first (a provincial paper or office: "baolangson.vn", "hdnd.ninhbinh.gov.vn"),
    else in the words of its path ("/dong-thap-bo-nhiem-giam-doc-so").

    None when no province, or more than one, is named there.

    >>> province_in_url("https://hdnd.ninhbinh.gov.vn/news/ky-hop-thu-16")
    'Ninh Bình'
    >>> province_in_url("http://example.vn/tin/dong-thap-bo-nhiem-nhan-su.html")
    'Đồng Tháp'
    >>> province_in_url("https://baochinhphu.vn/thu-tuong-lam-viec.htm") is None
    True
    """
    parts = urlsplit(url.strip().lower())
    labels = [x for x in (parts.hostname or "").split(".") if x not in _HOST_NOISE]
    keys = _url_keys()
    found = {name for joined, _h, name in keys if any(joined in label for label in labels)}
    if not found:
        path = "-" + re.sub(r"[^a-z0-9]+", "-", ascii_fold(unquote(parts.path))) + "-"
        found = {name for _j, hyphened, name in keys if f"-{hyphened}-" in path}
    return found.pop() if len(found) == 1 else None
