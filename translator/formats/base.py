"""The protocol every input format implements, and what formats produce.

A prose format (text, Markdown, HTML) splits a file into :class:`Block`\\ s.
Localisation formats produce blocks too, one per *unit* (an XLIFF
``trans-unit``, a PO entry, a JSON key, a subtitle cue, a DOCX paragraph),
with the unit's id, its exact place in the file, its translation state and
its inline elements, so that every later stage keeps pointing at the unit
the user edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Inline:
    """A protected inline element inside a block's text: a tag or placeholder.

    ``start``/``end`` are offsets into the block's text (into
    :attr:`Document.text` once loaded) of what the element shows as text:
    a placeholder's display text (``{name}``, ``%s``), or nothing
    (``start == end``) for a tag. ``original`` is the element as written in
    the file (``<ph id="1">{name}</ph>``, ``<g id="2">``, ``**``), so QA
    checks can compare tags and placeholders between source and target.
    """

    start: int
    end: int
    #: "placeholder" (stands for something: ph, x, equiv text, code span),
    #: "open" / "close" (a paired tag's start and end), "standalone" (a tag
    #: with no pair: bx/ex/it, a line break)
    kind: str
    original: str
    #: the element's id in the file (XLIFF ``id``), to pair source and target
    id: str | None = None


@dataclass
class Block:
    """A block of prose extracted from a document.

    ``start``/``end`` are offsets into the source when the format keeps the
    text verbatim (plain text); ``None`` when the text was extracted from
    markup. ``line`` is the 1-based source line where the block starts.
    """

    text: str
    line: int = 1
    kind: str = "paragraph"
    start: int | None = None
    end: int | None = None
    #: 1-based column in the file where the block's text starts
    column: int = 1
    #: offset into the source where the text starts, for unit formats whose
    #: blocks are located exactly (XLIFF, PO, JSON...); None for prose formats
    offset: int | None = None
    #: the unit's id, key or cue number as the file names it
    unit: str | None = None
    #: translation state of a bilingual unit: "translated", "untranslated",
    #: "empty", "needs-review" or "final" (see :mod:`.units`)
    state: str | None = None
    #: the state as the file spells it ("needs-review-translation", "fuzzy")
    file_state: str | None = None
    #: protected inline elements, offsets into :attr:`text`
    inline: list[Inline] = field(default_factory=list)
    #: a subtitle cue's start and end in seconds
    time: tuple[float, float] | None = None


@dataclass(frozen=True, order=True)
class Comment:
    """A comment of a markup source (``<!-- … -->``): its offsets in the source."""

    start: int
    end: int


class InputFormat(Protocol):
    name: str
    suffixes: tuple[str, ...]

    def blocks(self, source: str) -> list[Block]:
        """Split decoded source text into prose blocks, markup removed."""
        ...


@dataclass
class Bilingual:
    """What a bilingual file (XLIFF, PO, TMX) holds: source and target per unit.

    ``source[i]`` and ``target[i]`` are the two sides of unit ``i`` (an
    untranslated unit's target is an empty block at the unit's place).
    """

    source: list[Block]
    target: list[Block]
    source_lang: str | None = None
    target_lang: str | None = None


class MarkupFormat(InputFormat, Protocol):
    """A prose format with markup (Markdown, HTML). Its module is the one
    place that parses the language: besides ``blocks``, it gives the
    comments inline suppression directives stand in, and a ``parse``
    function the document translator rewrites through."""

    def comments(self, source: str) -> list[Comment]: ...


class BilingualFormat(InputFormat, Protocol):
    """A format that carries both sides: ``blocks`` gives the target side."""

    def units(self, source: str, name: str) -> Bilingual: ...


class FormatError(ValueError):
    """A file that its format's parser refuses (malformed XML, a PO syntax
    error, a subtitle time code that does not parse).

    Carries the 1-based line so the loader can say ``file:line: message``
    on one line and exit 2.
    """

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
