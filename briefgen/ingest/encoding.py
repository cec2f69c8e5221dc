"""Bytes -> text: BOMs, UTF-8, UTF-16, Windows-1252 and Latin-1 (via charset-normalizer), NFC.

Binary files (images, archives, PDFs, anything with NUL bytes outside UTF-16) are refused with a
clear message instead of being decoded into garbage.
"""

from __future__ import annotations

import codecs
import unicodedata

from briefgen.errors import IngestError
from briefgen.nlp.patterns import lazy

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)
_CONTROL = lazy(r"[\x00-\x08\x0b\x0e-\x1f]")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _looks_utf16(raw: bytes) -> str | None:
    """BOM-less UTF-16 text: NULs sit at every other byte."""
    sample = raw[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _legacy_codec(sample: bytes) -> str:
    """The codec of non-UTF-8 bytes. Windows-1252 (which the web uses for Latin-1) wins whenever
    it reads the bytes as cleanly as charset-normalizer's best guess: short Western texts tie
    between many single-byte code pages, and 1252 is by far the most likely of them."""
    from charset_normalizer import from_bytes  # only for text that is not UTF-8

    best = from_bytes(sample).best()
    western = from_bytes(sample, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos + 0.01):
        return "cp1252"
    return best.encoding if best is not None else "cp1252"


def decode(raw: bytes, source: str) -> str:
    """Decode a source's bytes to NFC text; raise :class:`IngestError` naming ``source``."""
    if not raw.strip():
        raise IngestError("source is empty", file=source)
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise IngestError(f"binary file ({what}), not text or HTML", file=source)
    text: str | None = None
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(codec, errors="replace")
            break
    if text is None and (codec16 := _looks_utf16(raw)):
        text = raw.decode(codec16, errors="replace")
    if text is None and b"\x00" in raw[:65536]:
        raise IngestError("binary file (contains NUL bytes), not text or HTML", file=source)
    if text is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            codec = _legacy_codec(raw[:262144])
            text = raw.decode(codec, errors="replace")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    controls = len(_CONTROL.findall(text, 0, 65536))
    if controls > max(8, len(text[:65536]) // 100):
        raise IngestError("binary file (control bytes), not text or HTML", file=source)
    if not text.strip():
        raise IngestError("source is empty", file=source)
    return text
