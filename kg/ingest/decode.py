"""Bytes -> text for Chinese news files of unknown encoding.

Local archives mix UTF-8 (with and without BOM), UTF-16 exports from Word and legacy
GBK/GB18030 files. Detection order matters: strict UTF-8 almost never succeeds by accident,
BOMs are unambiguous, and GB18030 decodes nearly any byte soup, so it is accepted only when
the result looks like Chinese text.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

# Magic numbers of binary formats that end up in text folders by mistake.
_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"PK\x03\x04": "zip archive (or docx/xlsx)",
    b"%PDF-": "PDF document",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "OLE document (doc/xls)",
}
_BOMS = (  # (bom, codec for the bytes after it, name reported)
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)
_PLAUSIBLE_SHARE = 0.85  # share of "ordinary" characters among the non-ASCII ones


class DecodeError(ValueError):
    """The bytes are not text in any supported encoding; `str(error)` says why."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def binary_kind(data: bytes) -> str | None:
    """Name of the binary format `data` starts with, if any."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    return None


def _ordinary(ch: str) -> bool:
    """Characters a Chinese news text is made of: common hanzi (GB2312), CJK and general punctuation."""
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            return False
        return True
    return 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2000 <= code <= 0x206F or code in (0xB7, 0xD7)


def plausible_chinese(text: str) -> bool:
    """True when the non-ASCII part of `text` is mostly common Chinese characters and punctuation."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return all(c.isprintable() or c in "\r\n\t\f" for c in text)
    return sum(map(_ordinary, non_ascii)) / len(non_ascii) >= _PLAUSIBLE_SHARE


def _decode_utf(data: bytes, codec: str, name: str | None = None) -> Decoded:
    """Strict decode; a character cut at the very end is dropped with a warning instead of failing."""
    name = name or codec
    try:
        return Decoded(data.decode(codec), name)
    except UnicodeDecodeError as exc:
        if exc.reason not in ("unexpected end of data", "truncated data") or exc.end != len(data):
            raise
        text = data[: exc.start].decode(codec)
        dropped = len(data) - exc.start
        return Decoded(text, name, [f"truncated {name}: dropped {dropped} byte(s) of a cut last character"])


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """Guess UTF-16 from where the NUL bytes sit (ASCII chars are half NUL), else from plausibility."""
    if len(data) < 2:
        return None
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    if even_nuls or odd_nuls:
        order = ["utf-16-le", "utf-16-be"] if odd_nuls >= even_nuls else ["utf-16-be", "utf-16-le"]
    else:
        order = ["utf-16-le", "utf-16-be"]
    for encoding in order:
        try:
            decoded = _decode_utf(data, encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in decoded.text and plausible_chinese(decoded.text):
            decoded.warnings.append(f"no byte order mark: guessed {encoding}")
            return decoded
    return None


def decode(data: bytes) -> Decoded:
    """Decode `data` (see module doc for the order); raises DecodeError with a reason."""
    kind = binary_kind(data)
    if kind:
        raise DecodeError(f"binary file ({kind})")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                decoded = _decode_utf(data[len(bom) :], codec, name)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec} despite its byte order mark (byte {exc.start})") from exc
            if "\x00" in decoded.text:
                raise DecodeError("binary file (NUL characters after decoding)")
            return decoded
    if b"\x00" in data:
        guessed = _utf16_without_bom(data)
        if guessed:
            return guessed
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        return _decode_utf(data, "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and plausible_chinese(text):
        return Decoded(text, "gb18030")
    guessed = _utf16_without_bom(data) if len(data) % 2 == 0 else None
    if guessed:
        return guessed
    raise DecodeError(f"undecodable: not UTF-8 (bad byte at offset {utf8_error}), UTF-16 or plausible GB18030")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) of `data`; raises DecodeError with a reason."""
    decoded = decode(data)
    return decoded.text, decoded.encoding
