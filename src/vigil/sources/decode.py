"""Bytes to text: encodings guessed, binary files refused with a reason."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

# Magic numbers of formats that are never articles.
BINARY_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "gzip-compressed data",
    b"SQLite format 3": "a SQLite database",
}


class NotText(ValueError):
    """The bytes are not text; the message says why."""


def decode(data: bytes) -> str:
    """Decode article bytes: BOM, UTF-8, UTF-16 without BOM, else the most likely legacy encoding."""
    if not data.strip():
        raise NotText("empty file")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise NotText(f"binary file ({what}), not text")
    if b"\x00" in data[:8192]:
        raise NotText("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise NotText("binary file or unknown encoding, not text")
    return data.decode(best.encoding, errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte of its ASCII characters."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    for encoding, share in (("utf-16-le", odd_nuls), ("utf-16-be", even_nuls)):
        if share > 0.4 and (odd_nuls + even_nuls - share) < 0.05:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None
