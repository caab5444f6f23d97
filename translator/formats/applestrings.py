"""Apple ``.strings`` files (``"key" = "value";``), one unit per key.

No maintained, permissively licensed Python parser exists for this format,
so this is a tokenizer that follows Apple's definition (the old-style
property-list strings format): ``/* */`` and ``//`` comments, quoted strings
with ``\\"``, ``\\\\``, ``\\n``, ``\\t``, ``\\r``, ``\\0`` and ``\\Uxxxx``
escapes, unquoted keys of letters, digits and ``_$+/:.-``, and a ``;``
after every pair. Anything else is a syntax error with its line.
"""

from __future__ import annotations

import re

from .base import Block, FormatError
from .located import Lines

_SPACE = re.compile(r"(?:\s+|/\*.*?\*/|//[^\n]*)*", re.DOTALL)
_UNQUOTED = re.compile(r"[A-Za-z0-9_$+/:.\-]+")
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t", "r": "\r", "0": "\0", "'": "'"}


class _Reader:
    def __init__(self, source: str, lines: Lines) -> None:
        self.source = source
        self.lines = lines
        self.pos = 0

    def error(self, message: str) -> FormatError:
        return FormatError(message, self.lines.line_col(self.pos)[0])

    def skip(self) -> None:
        match = _SPACE.match(self.source, self.pos)
        self.pos = match.end()
        if self.source.startswith("/*", self.pos):
            raise self.error("unterminated comment")

    def string(self) -> tuple[str, int]:
        """The next string and the offset of its first character."""
        src = self.source
        if self.pos < len(src) and src[self.pos] == '"':
            start = self.pos + 1
            out: list[str] = []
            i = start
            while i < len(src):
                ch = src[i]
                if ch == '"':
                    self.pos = i + 1
                    return "".join(out), start
                if ch == "\\":
                    nxt = src[i + 1 : i + 2]
                    if nxt in ("U", "u") and re.fullmatch(r"[0-9a-fA-F]{4}", src[i + 2 : i + 6]):
                        out.append(chr(int(src[i + 2 : i + 6], 16)))
                        i += 6
                        continue
                    if nxt in _ESCAPES:
                        out.append(_ESCAPES[nxt])
                        i += 2
                        continue
                    self.pos = i
                    raise self.error(f"unknown escape \\{nxt}")
                out.append(ch)
                i += 1
            raise self.error("unterminated string")
        match = _UNQUOTED.match(src, self.pos)
        if not match:
            raise self.error("expected a quoted string")
        self.pos = match.end()
        return match.group(), match.start()

    def expect(self, char: str) -> None:
        self.skip()
        if not self.source.startswith(char, self.pos):
            raise self.error(f"expected '{char}'")
        self.pos += 1


def parse_strings(source: str) -> list[tuple[str, str, int]]:
    """``(key, value, offset of the value's text)`` of every pair, in order."""
    lines = Lines(source)
    reader = _Reader(source, lines)
    pairs: list[tuple[str, str, int]] = []
    while True:
        reader.skip()
        if reader.pos >= len(reader.source):
            return pairs
        key, key_offset = reader.string()
        reader.skip()
        if reader.source.startswith(";", reader.pos):  # "key"; stands for "key" = "key";
            reader.pos += 1
            pairs.append((key, key, key_offset))
            continue
        reader.expect("=")
        reader.skip()
        value, offset = reader.string()
        reader.expect(";")
        pairs.append((key, value, offset))


class AppleStringsFormat:
    name = "strings"
    suffixes = (".strings",)
    unit_noun = "key"
    keyed = True

    def blocks(self, source: str) -> list[Block]:
        lines = Lines(source)
        return [lines.block(value, offset, key) for key, value, offset in parse_strings(source)]
