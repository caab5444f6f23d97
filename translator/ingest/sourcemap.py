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
#: how far from its line hint a paragraph's first word is looked for; bounds
#: the cost on huge files whose extractor rewrote a first word
_FIRST_WINDOW = 100_000


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
        limit = min(len(source), pos + (_FIRST_WINDOW if first else _WINDOW))
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
    """Text offset -> source offset for one document.

    Paragraphs are mapped lazily, when a finding in them is located, from the
    source line the format recorded (exact for Markdown, found by the first
    words for HTML); when the first word is not there, from the end of the
    previous paragraph.
    """

    def __init__(self, text: str, source: str, paragraphs: list) -> None:
        self.text = text
        self.source = source
        self.paragraphs = paragraphs
        self._starts = line_starts(source)
        self._maps: dict[int, list[int]] = {}
        self._para_starts = [p.start for p in paragraphs]

    def _line_start(self, index: int) -> int:
        line = max(1, min(self.paragraphs[index].line, len(self._starts)))
        return self._starts[line - 1]

    def _map(self, index: int) -> list[int]:
        if index in self._maps:
            return self._maps[index]
        para = self.paragraphs[index]
        body = self.text[para.start : para.end]
        hint = self._line_start(index)
        words = body.split()
        if words and index > 0 and self.source.find(words[0], hint, hint + _FIRST_WINDOW) < 0:
            # the line hint was wrong (HTML line finder): continue after the previous paragraph
            hint = max(
                (mapped[-1] + 1 for mapped in (self._map_iterative(index - 1),) if mapped),
                default=hint,
            )
        self._maps[index] = map_paragraph(self.source, body, hint)
        return self._maps[index]

    def _map_iterative(self, index: int) -> list[int]:
        """Map paragraphs up to ``index`` in order (no deep recursion)."""
        first = index
        while first > 0 and first - 1 not in self._maps:
            first -= 1
        for i in range(first, index + 1):
            self._map(i)
        return self._maps[index]

    def offset(self, text_offset: int) -> int:
        """Source offset of ``text_offset`` (end offsets map past the last char)."""
        i = bisect.bisect_right(self._para_starts, text_offset) - 1
        if i < 0:
            return 0
        para, mapped = self.paragraphs[i], self._map(i)
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
        mapped = self._map(index)
        if not mapped:
            start = self._starts[max(0, min(self.paragraphs[index].line, len(self._starts)) - 1)]
            return start, start
        return mapped[0], mapped[-1] + 1

    def line_col(self, source_offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, source_offset) - 1
        return i + 1, source_offset - self._starts[i] + 1


class UnitMap:
    """Text offset -> source offset for a document made of units.

    Localisation formats know exactly where each unit's text starts in the
    file (:attr:`Paragraph.offset`), so nothing is searched: an offset inside
    a unit whose text stands verbatim in the file maps character for
    character; inside one the file escapes (``&amp;``, PO's ``\\n``), to the
    unit's start. A document without a source (DOCX) is located by
    paragraph: its "line" is the paragraph number the format recorded.
    """

    def __init__(self, text: str, source: str | None, paragraphs: list) -> None:
        self.text = text
        self.source = source
        self.paragraphs = paragraphs
        self._para_starts = [p.start for p in paragraphs]
        self._starts = line_starts(source) if source is not None else []
        self._verbatim: dict[int, bool] = {}

    def _para(self, text_offset: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, text_offset) - 1)

    def _is_verbatim(self, index: int) -> bool:
        if index not in self._verbatim:
            para = self.paragraphs[index]
            body = self.text[para.start : para.end]
            self._verbatim[index] = (
                self.source is not None
                and para.offset is not None
                and self.source[para.offset : para.offset + len(body)] == body
            )
        return self._verbatim[index]

    def offset(self, text_offset: int) -> int:
        if self.source is None:
            return text_offset
        i = self._para(text_offset)
        para = self.paragraphs[i]
        base = para.offset if para.offset is not None else 0
        if self._is_verbatim(i):
            return base + max(0, min(text_offset, para.end) - para.start)
        return base

    def end_offset(self, text_end: int) -> int:
        if text_end <= 0:
            return 0
        if self.source is None:
            return text_end
        i = self._para(text_end - 1)
        if not self._is_verbatim(i):
            return self.offset(text_end - 1)
        return self.offset(text_end - 1) + 1

    def paragraph_range(self, index: int) -> tuple[int, int]:
        para = self.paragraphs[index]
        return self.offset(para.start), max(self.offset(para.start), self.end_offset(para.end))

    def line_col(self, source_offset: int) -> tuple[int, int]:
        if self.source is None:
            para = self.paragraphs[self._para(source_offset)]
            return para.line, para.column + max(0, source_offset - para.start)
        i = bisect.bisect_right(self._starts, source_offset) - 1
        return i + 1, source_offset - self._starts[i] + 1
