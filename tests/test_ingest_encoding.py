"""Encodings: UTF-8 with and without BOM, UTF-16, Windows-1252 and Latin-1 decode to the same NFC
text with curly quotes and dashes kept; binary input is refused."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from briefgen.errors import IngestError
from briefgen.ingest.encoding import decode

TEXT = (
    "Café owners in Zürich said the “temporary” closure – now in its third week – had cost "
    "them dearly, and the mayor’s office promised a décision soon.\n"
)


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "cp1252"],
)
def test_encodings_decode_to_same_text(raw: bytes) -> None:
    """Each encoding of the same text decodes to it exactly (quotes and dashes intact)."""
    assert decode(raw, "src") == TEXT


def test_latin1_decodes() -> None:
    """Latin-1 text (no curly quotes) decodes correctly."""
    text = "Les négociations à Genève ont repris après une pause d'été, a déclaré le ministre.\n"
    assert decode(text.encode("latin-1"), "src") == text


def test_nfc_normalised_and_newlines() -> None:
    """Decomposed accents become NFC and CRLF becomes LF."""
    raw = "Cafe\u0301 closes.\r\nNext line.\r\n".encode()
    out = decode(raw, "src")
    assert out == "Café closes.\nNext line.\n"
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "source is empty"),
        (b" \n\t\n", "source is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image), not text or HTML"),
        (b"%PDF-1.7\n", "binary file (a PDF document), not text or HTML"),
        (b"abc\x00\x01\x02\x03def" * 10, "binary file (contains NUL bytes), not text or HTML"),
    ],
)
def test_bad_bytes_refused(raw: bytes, message: str) -> None:
    """Empty and binary input raise an error naming the source."""
    with pytest.raises(IngestError) as info:
        decode(raw, "page.bin")
    assert (info.value.file, info.value.message) == ("page.bin", message)


def test_other_code_pages_not_forced_to_1252() -> None:
    """Central European Windows-1250 text is not misread as Windows-1252."""
    text = "Zażółć gęślą jaźń – to polski tekst, który ma sporo znaków diakrytycznych.\n"
    assert decode(text.encode("cp1250"), "src") == text
