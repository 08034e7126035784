"""Decoding of news files in the encodings local archives actually use."""

from __future__ import annotations

import codecs

import pytest

from kg.ingest.decode import DecodeError, decode, decode_bytes

TEXT = "本报讯 12月3日上午，东城街道召开安全生产工作会议，王立新主持。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
    ids=["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16-bom", "utf-16-be-bom"],
)
def test_each_supported_encoding_decodes_to_the_same_text_and_is_named(data: bytes, encoding: str):
    assert decode_bytes(data) == (TEXT, encoding)


def test_gb18030_only_characters_survive():
    text = "王立新到东城街道走访，𠀀字与㐀字都在。"  # outside GBK: needs real GB18030
    assert decode_bytes(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_guessed_with_a_warning(codec: str):
    decoded = decode(TEXT.encode(codec))
    assert (decoded.text, decoded.encoding) == (TEXT, codec)
    assert "no byte order mark" in decoded.warnings[0]


def test_truncated_utf8_drops_the_cut_character_and_warns():
    decoded = decode(TEXT.encode("utf-8")[:-1])  # last char "。" cut in the middle
    assert decoded.text == TEXT[:-1]
    assert decoded.encoding == "utf-8"
    assert "truncated" in decoded.warnings[0]


def test_broken_utf8_in_the_middle_is_not_mistaken_for_truncation():
    data = TEXT.encode("utf-8")
    with pytest.raises(DecodeError, match="undecodable"):
        decode(data[:5] + b"\xff\xfe\xfd" + data[5:] + b"\x80")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"PK\x03\x04" + bytes(64), "zip"),
        (b"%PDF-1.7\n" + bytes(range(1, 200)), "PDF"),
        (b"abc\x00\x01\x02\x03\x00\xff" * 10, "NUL"),
    ],
)
def test_binary_files_are_rejected_with_their_kind(data: bytes, kind: str):
    with pytest.raises(DecodeError, match=kind):
        decode_bytes(data)


def test_byte_soup_without_nul_is_not_accepted_as_gb18030():
    soup = bytes((i * 37 + 11) % 255 + 1 for i in range(3001))  # odd length: not UTF-16 either
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(soup)
