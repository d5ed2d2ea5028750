"""Bytes to text: plain-text articles by BOM, UTF-8, then Windows-1258; HTML pages by
the WHATWG encoding rules (https://encoding.spec.whatwg.org/, HTML's prescan).

A declared charset is not trusted because it "decodes cleanly": Latin-1, KOI8-R
and UTF-16 decode any bytes at all.  For a page, in order:

1. a byte order mark (UTF-8, UTF-16 LE/BE) decides;
2. bytes that are valid UTF-8 are UTF-8, whatever the page declares (a UTF-8
   page mislabelled ``iso-8859-1`` is common; a legacy page that happens to be
   valid UTF-8 is not);
3. else the first ``<meta charset>`` / ``<meta content="…; charset=…">`` in the
   first 4 KiB whose label is in the WHATWG label table (``webencodings``):
   ``latin1``/``ascii``/``iso-8859-1`` mean Windows-1252, UTF-16 labels mean
   UTF-8 (the page is ASCII-compatible, or the meta could not be read),
   ``x-user-defined`` means Windows-1252; unknown labels ("base64", "zip") and
   the ``replacement`` encodings are ignored;
4. else, or when the declared encoding cannot decode the bytes, as plain text:
   Windows-1258, the Vietnamese legacy encoding.

>>> decode_html('<meta charset="iso-8859-1"><p>Hội nghị</p>'.encode())
'<meta charset="iso-8859-1"><p>Hội nghị</p>'
>>> decode_html(b'<meta charset="base64"><p>ok</p>')
'<meta charset="base64"><p>ok</p>'
"""

from __future__ import annotations

import codecs
import re

import webencodings

from polgraph.ingest.errors import Rejected

PRESCAN_BYTES = 4096


def decode_text(data: bytes) -> str:
    """Decode article bytes: BOM first, then UTF-8, then Windows-1258."""
    bom = _bom(data)
    if bom is not None:
        return bom
    if b"\x00" in data:
        raise Rejected("binary file (contains NUL bytes)")
    text = _utf8(data)
    if text is not None:
        return text
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise Rejected(
            f"cannot decode: not UTF-8, UTF-16 or Windows-1258 (byte 0x{data[exc.start]:02x} "
            f"at offset {exc.start})"
        ) from None


def _bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", "UTF-8 (with BOM)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "UTF-16")
    return None


def _utf8(data: bytes) -> str | None:
    """``data`` as UTF-8, or None when it is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.start >= len(data) - 3:
            # a truncated download cut inside the last character: keep the text, not mojibake
            try:
                return data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
    return None


def _strict(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Rejected(f"invalid {label} at byte offset {exc.start}") from None


_META = re.compile(rb"<meta\b[^>]*>", re.I)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([^\s"';>/]+)""", re.I)


def declared_encoding(data: bytes) -> str | None:
    """The Python codec the page's ``<meta>`` declares (WHATWG rules), or None."""
    for meta in _META.finditer(data[:PRESCAN_BYTES]):
        for match in _CHARSET.finditer(meta.group()):
            label = match.group(1).decode("ascii", "replace")
            encoding = webencodings.lookup(label)
            if encoding is None or encoding.name == "replacement":
                continue  # unknown label ("base64", "zip"): look further
            if encoding.name in ("utf-16le", "utf-16be", "utf-8"):
                return "utf-8"  # a UTF-16 page's meta could not have been read as ASCII
            if encoding.name == "x-user-defined":
                return "cp1252"
            return encoding.codec_info.name
    return None


def decode_html(data: bytes) -> str:
    """Decode a page: BOM, valid UTF-8, the declared charset, then Windows-1258."""
    bom = _bom(data)
    if bom is not None:
        return bom
    if b"\x00" in data:
        raise Rejected("binary file (contains NUL bytes)")
    text = _utf8(data)
    if text is not None:
        return text
    declared = declared_encoding(data)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration lies: read it as plain text would be
    return decode_text(data)
