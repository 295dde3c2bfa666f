"""Encodings: find how a file is encoded (UTF-8, UTF-8 with BOM, cp1252/latin-1).

The whole file is checked in chunks, so a large dump is validated in bounded
memory; text is then read line by line. Offsets are counted in the decoded text
(after the BOM, which is not part of the text).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

CHUNK = 1 << 20
MIXED = "utf-8+cp1252"  # UTF-8 text holding some lines in cp1252 (pasted from elsewhere)
_SNIFF = 8192
_CONTROL = set(range(0, 9)) | {
    11,
    14,
    15,
    16,
    17,
    18,
    19,
    20,
    21,
    22,
    23,
    24,
    25,
    26,
    27,
    28,
    29,
    30,
    31,
    127,
}
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (e.g. DOCX/XLSX)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"\x1f\x8b": "a gzip archive",
    b"PAR1": "a Parquet table",
}


class UnreadableFile(Exception):
    """A file that cannot be read as text; the message says why."""


def _check_not_binary(head: bytes) -> None:
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise UnreadableFile(f"binary file ({what}), not a text export")
    if b"\x00" in head:
        raise UnreadableFile("binary file (contains NUL bytes), not a text export")
    if head:
        control = sum(1 for b in head if b in _CONTROL)
        if control / len(head) > 0.05:
            raise UnreadableFile("binary file (too many control bytes), not a text export")


def _decodes(path: Path, encoding: str) -> tuple[bool, int, bool]:
    """Whether the whole file decodes; first bad byte offset; whether UTF-8 sequences occur."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    offset = 0
    saw_utf8 = False
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            if not saw_utf8 and _UTF8_MULTIBYTE.search(chunk):
                saw_utf8 = True
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as err:
                return False, offset + err.start, saw_utf8
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as err:
            return False, offset + err.start, saw_utf8
    return True, -1, saw_utf8


def detect_encoding(path: Path) -> str:
    """The Python codec to read ``path`` with.

    Args:
        path: A file.

    Returns:
        ``"utf-8-sig"`` (BOM), ``"utf-8"``, ``"utf-16"`` (BOM), ``"cp1252"``, or
        ``MIXED`` for UTF-8 text with a minority of cp1252 lines.

    Raises:
        UnreadableFile: Empty, binary, or bytes that fit none of these encodings.

    """
    with path.open("rb") as fh:
        head = fh.read(_SNIFF)
    if not head:
        raise UnreadableFile("empty file (0 bytes)")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        ok, bad, _ = _decodes(path, "utf-16")
        if ok:
            return "utf-16"
        raise UnreadableFile(f"undecodable bytes: invalid UTF-16 at byte {bad}")
    _check_not_binary(head)
    encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    ok, bad, saw_utf8 = _decodes(path, encoding)
    if ok:
        return encoding
    if encoding == "utf-8-sig" or saw_utf8:
        n_other = _count_non_utf8_lines(path)
        if n_other is not None:
            return MIXED
        raise UnreadableFile(
            f"undecodable bytes: UTF-8 text with invalid bytes at byte {bad} (corrupted encoding)"
        )
    ok, bad_cp, _ = _decodes(path, "cp1252")
    if ok:
        return "cp1252"
    raise UnreadableFile(
        f"undecodable bytes: neither UTF-8 (bad byte at {bad}) nor cp1252/latin-1 "
        f"(bad byte at {bad_cp})"
    )


def _decode_line(raw: bytes) -> tuple[str, bool]:
    """A line of a mixed file: UTF-8 if it decodes, else cp1252; and whether it was UTF-8."""
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), False
    except UnicodeDecodeError:
        return raw.decode("latin-1"), False


def _count_non_utf8_lines(path: Path) -> int | None:
    """How many lines of a mostly UTF-8 file are cp1252; None if it looks corrupted.

    A line read as cp1252 must not look binary (control bytes), and such lines
    must stay a minority of the file.
    """
    n_lines = n_other = 0
    with path.open("rb") as fh:
        for raw in fh:
            n_lines += 1
            _, utf8 = _decode_line(raw)
            if not utf8:
                n_other += 1
                if sum(1 for b in raw if b in _CONTROL) > 0.05 * len(raw):
                    return None
    if n_other == 0 or n_other * 2 > n_lines:
        return None
    return n_other


def mixed_encoding_note(path: Path) -> str:
    """The caveat reported for a file read with ``MIXED``."""
    n_other = _count_non_utf8_lines(path) or 0
    return (
        f"mixed encodings: {n_other} line(s) not valid UTF-8 were read as cp1252/latin-1; "
        "check their accents"
    )


def iter_lines(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for each line, line endings kept, offsets in characters."""
    offset = 0
    if encoding == MIXED:
        with path.open("rb") as fh:
            for number, raw in enumerate(fh):
                if number == 0 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8) :]
                line, _ = _decode_line(raw)
                yield offset, line
                offset += len(line)
        return
    with path.open("r", encoding=encoding, newline="") as fh:
        for line in fh:
            yield offset, line
            offset += len(line)


def read_head(path: Path, encoding: str, n_chars: int = 65536) -> str:
    """The first ``n_chars`` characters of the decoded file."""
    if encoding == MIXED:
        parts: list[str] = []
        size = 0
        for _, line in iter_lines(path, encoding):
            parts.append(line)
            size += len(line)
            if size >= n_chars:
                break
        return "".join(parts)[:n_chars]
    with path.open("r", encoding=encoding, newline="") as fh:
        return fh.read(n_chars)


def read_text(path: Path, encoding: str) -> str:
    """The whole decoded file (used for formats that need the full document, e.g. HTML)."""
    if encoding == MIXED:
        return "".join(line for _, line in iter_lines(path, encoding))
    with path.open("r", encoding=encoding, newline="") as fh:
        return fh.read()
