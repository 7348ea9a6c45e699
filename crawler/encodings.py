"""Turning page bytes into text, for pages that say the wrong thing about themselves.

Chinese government and news sites still serve GB2312/GBK, sometimes with no
charset in the header, sometimes with a wrong one. The order of evidence
follows the HTML standard (BOM, transport, <meta>, sniffing); a declared
encoding that cannot decode the bytes cleanly loses to the next piece of
evidence, because that is the usual kind of mislabelling in the wild.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# Older, narrower names for what browsers actually decode. GB2312 pages use
# GBK characters (镕, 堃, …) and GB18030 is a superset of both, so decoding as
# GB18030 never loses what a browser would show. Latin-1/ASCII labels mean
# windows-1252 to every browser.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "iso8859-1": "cp1252",
    "ascii": "utf-8",
    "big5": "big5hkscs",
    "euc-kr": "cp949",
    "shift-jis": "cp932",
}
# Labels Python does not know but the web uses.
_ALIASES = {
    "x-gbk": "gbk",
    "gb_2312-80": "gb2312",
    "csgb2312": "gb2312",
    "x-euc-cn": "gb2312",
    "x-sjis": "shift_jis",
    "unicode-1-1-utf-8": "utf-8",
}
# Never honoured when declared: UTF-7 is an old XSS vector, and a page that
# claims UTF-16/32 without a BOM is almost always really UTF-8.
_REFUSED = {"utf-7", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)""", re.I)
_SNIFF_BYTES = 4096
_GUESS_BYTES = 200_000  # charset_normalizer is slow on big pages; the start is enough


def normalise_encoding(label: str | None) -> str | None:
    """Python codec name to decode with for an encoding label, or None if unusable."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return None
    # Codecs such as base64 or rot13 are in the registry but do not decode text.
    canonical = info.name.replace("_", "-")
    if not getattr(info, "_is_text_encoding", True) or canonical in _REFUSED:
        return None
    return _SUPERSETS.get(canonical, canonical)


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET.search(body[:_SNIFF_BYTES])
    return match.group(1).decode("ascii") if match else None


def _guess(body: bytes) -> str | None:
    best = charset_normalizer.from_bytes(body[:_GUESS_BYTES]).best()
    return best.encoding if best is not None else None


def _decode(body: bytes, encoding: str, errors: str) -> str | None:
    try:
        return body.decode(encoding, errors)
    except (UnicodeError, LookupError, ValueError):
        return None


def decode_html(body: bytes, declared: str | None) -> tuple[str, str]:
    """Decode an HTML page; return (text, encoding used). Never raises.

    Evidence in order: byte-order mark, the HTTP charset ``declared``, a
    <meta charset> or http-equiv in the first 4 KB, charset_normalizer's
    guess. Invalid bytes become U+FFFD.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, "replace"), encoding

    candidates: list[str] = []
    for label in (declared, _meta_charset(body)):
        usable = normalise_encoding(label)
        if usable and usable not in candidates:
            candidates.append(usable)
    for encoding in candidates:
        text = _decode(body, encoding, "strict")
        if text is not None:
            return text, encoding

    guessed = normalise_encoding(_guess(body)) or "utf-8"
    if guessed not in candidates:
        text = _decode(body, guessed, "strict")
        if text is not None:
            return text, guessed
    # Nothing decodes cleanly: trust the strongest evidence and replace bad bytes.
    encoding = candidates[0] if candidates else guessed
    text = _decode(body, encoding, "replace")
    if text is None:
        return body.decode("utf-8", "replace"), "utf-8"
    return text, encoding
