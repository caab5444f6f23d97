"""Map offsets in a document's extracted text back to its original source.

For Markdown and HTML, :attr:`Document.text` is prose with the markup
removed, so an offset into it says nothing about where the words stand in the
file the user edits. CI annotations, SARIF regions and editor jumps need the
source position, so each paragraph is re-found in :attr:`Document.source`:
word by word from the paragraph's source line, falling back to character
matching for words that markup splits (``**bold**text``, ``AT&amp;T``).

The mapping is approximate only where the extractor rewrote characters
(entities, smart quotes); the line of a finding is then still right, since
its first word is matched first.
"""

from __future__ import annotations

import bisect
import re

_WORD = re.compile(r"\S+")
#: how far ahead (characters of markup) a word may stand from the previous one
_WINDOW = 4000


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _find_word(source: str, word: str, pos: int, limit: int) -> int:
    """First occurrence of ``word`` in ``source[pos:limit]`` that starts a word."""
    while True:
        j = source.find(word, pos, limit)
        if j < 0:
            return -1
        if j == 0 or not source[j - 1].isalnum() or not word[0].isalnum():
            return j
        pos = j + 1


def map_paragraph(source: str, text: str, hint: int) -> list[int]:
    """Source offset of every character of ``text``, searching from ``hint``.

    Characters that cannot be found keep the offset just after the last
    matched one, so the result is monotone.
    """
    out = [hint] * len(text)
    pos = hint
    first = True
    for match in _WORD.finditer(text):
        word = match.group()
        limit = len(source) if first else min(len(source), pos + _WINDOW)
        j = _find_word(source, word, pos, limit)
        if j >= 0:
            for k in range(len(word)):
                out[match.start() + k] = j + k
            pos = j + len(word)
            first = False
            continue
        # markup inside the word: match it character by character
        for k, ch in enumerate(word):
            j = source.find(ch, pos, min(len(source), pos + 40))
            if j >= 0:
                out[match.start() + k] = j
                pos = j + 1
                first = False
            else:
                out[match.start() + k] = pos
    # whitespace between words maps to the position after the previous char
    last = hint
    for i, ch in enumerate(text):
        if ch.isspace():
            out[i] = last
        else:
            last = out[i] + 1
    return out


class SourceMap:
    """Text offset -> source offset for one document (built lazily, cached)."""

    def __init__(self, text: str, source: str, paragraphs: list) -> None:
        self.text = text
        self.source = source
        self.paragraphs = paragraphs
        self._starts = line_starts(source)
        self._maps: list[list[int]] = []
        self._para_starts = [p.start for p in paragraphs]
        prev_end = 0
        for para in paragraphs:
            line = max(1, min(para.line, len(self._starts)))
            hint = max(prev_end, self._starts[line - 1])
            body = text[para.start : para.end]
            words = body.split()
            if words and source.find(words[0], hint) < 0:
                hint = prev_end  # the line hint was wrong (HTML line finder)
            mapped = map_paragraph(source, body, hint)
            self._maps.append(mapped)
            if mapped:
                prev_end = max(prev_end, mapped[-1] + 1)

    def offset(self, text_offset: int) -> int:
        """Source offset of ``text_offset`` (end offsets map past the last char)."""
        i = bisect.bisect_right(self._para_starts, text_offset) - 1
        if i < 0:
            return 0
        para, mapped = self.paragraphs[i], self._maps[i]
        rel = text_offset - para.start
        if not mapped:
            return self._starts[max(0, min(para.line, len(self._starts)) - 1)]
        if rel < len(mapped):
            return mapped[rel]
        return mapped[-1] + 1 + (rel - len(mapped))

    def end_offset(self, text_end: int) -> int:
        """Source offset just past the character before ``text_end``."""
        if text_end <= 0:
            return 0
        return self.offset(text_end - 1) + 1

    def paragraph_range(self, index: int) -> tuple[int, int]:
        """Source ``(start, end)`` of paragraph ``index``."""
        mapped = self._maps[index]
        if not mapped:
            start = self._starts[max(0, min(self.paragraphs[index].line, len(self._starts)) - 1)]
            return start, start
        return mapped[0], mapped[-1] + 1

    def line_col(self, source_offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, source_offset) - 1
        return i + 1, source_offset - self._starts[i] + 1
