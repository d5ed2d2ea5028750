"""Remove credentials from text before it reaches a terminal, a log or a report.

A server's error page may echo the request (a proxy printing its headers shows
``Authorization: Basic …``, which decodes to the password), and a URL may
carry ``user:password@``.  Every message built from what a server sent or what
a user typed goes through ``redact_text``: the known secrets themselves (and
their encodings) are cut out, and so is anything shaped like a credential.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit, urlunsplit

__all__ = ["REDACTED", "redact_text", "redact_url", "secret_forms"]

REDACTED = "[redacted]"

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s?#]*@")
_HEADER = re.compile(
    r"(?i)\b((?:proxy-)?authorization|(?:set-)?cookie|x-api-key|x-auth-token)"
    r"(\"?'?\s*[:=]\s*)[^\r\n]*"
)
_SCHEME = re.compile(r"(?i)\b(basic|bearer|digest|negotiate|ntlm)(\s+)[A-Za-z0-9+/=._~-]{4,}")
_KEY_VALUE = re.compile(
    r"(?i)\b(password|passwd|pwd|pass|secret|token|api[_-]?key|access[_-]?token"
    r"|client[_-]?secret)(\"?'?\s*[:=]\s*\"?'?)[^\s\"'&,;]+"
)
_MIN_SECRET = 4
"""Shorter known secrets are not cut out as plain substrings ("0" would maul every
number); the patterns above still catch them where they look like credentials."""


def secret_forms(user: str | None, password: str | None) -> list[str]:
    """The password and the ways it may be echoed: URL-encoded, and in Basic tokens."""
    if password is None:
        return []
    forms = {password, quote(password, safe=""), quote(password)}
    for encoding in ("utf-8", "latin-1"):
        try:
            pair = f"{user or ''}:{password}".encode(encoding)
        except UnicodeEncodeError:
            continue
        forms.add(base64.b64encode(pair).decode("ascii"))
    return sorted((f for f in forms if len(f) >= _MIN_SECRET), key=len, reverse=True)


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with the given secrets and anything credential-shaped replaced.

    >>> redact_text("echo: Authorization: Basic YW5uOnMzY3JldA== | x")
    'echo: Authorization: [redacted]'
    >>> redact_text("see https://ann:pw@h.example/x?password=hunter2&y=1")
    'see https://h.example/x?password=[redacted]&y=1'
    """
    for secret in secrets:
        if len(secret) >= _MIN_SECRET:
            text = text.replace(secret, REDACTED)
    text = _USERINFO.sub(r"\1", text)
    text = _HEADER.sub(rf"\1\2{REDACTED}", text)
    text = _SCHEME.sub(rf"\1\2{REDACTED}", text)
    return _KEY_VALUE.sub(rf"\1\2{REDACTED}", text)


def redact_url(url: str) -> str:
    """The URL without user-info, for messages (``http://u:p@h/`` → ``http://h/``)."""
    try:
        parts = urlsplit(url)
        if parts.username is None and parts.password is None:
            return url
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        if parts.port:
            host += f":{parts.port}"
    except ValueError:  # a malformed port or bracket: drop everything up to the last '@'
        return _USERINFO.sub(r"\1", url)
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
