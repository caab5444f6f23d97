"""Translate whole files and keep their structure.

Each format yields *units* (a paragraph, a heading, an HTML text node) and
puts translated units back where they came from: Markdown keeps its block
markers (``#``, ``-``, ``>``, numbering), code blocks, front matter and
tables untouched; HTML keeps every tag and attribute and translates text
nodes (plus ``alt``/``title``), never ``script``/``style``/``code``/``pre``;
plain text keeps its paragraphs and line structure. Units are split into
sentences with the project's segmenter and every sentence of the document
goes to the engine in one call, so batching covers the whole file.

Inline Markdown that a model would mangle (code spans, link targets,
autolinks, inline HTML) is swapped for placeholders, like glossary terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from .engine import Engine, SentenceResult

#: inline-markup placeholders live above the glossary's (U+E000...)
_MARK_BASE = 0xF000
_INLINE_KEEP = re.compile(
    r"`+[^`]*`+"  # code span
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"  # link/image target ](url "title")
    r"|<(?:https?://|mailto:)[^>]+>"  # autolink
    r"|</?[A-Za-z][^>]*>"  # inline HTML
)


class Progress(Protocol):
    """What a progress bar must offer (tqdm does)."""

    def reset(self, total: int | None = None) -> None: ...

    def update(self, n: int = 1) -> object: ...


@dataclass
class TranslatedDocument:
    text: str
    sentences: list[SentenceResult] = field(default_factory=list)


class _Units:
    """Collects unit texts, translates them sentence by sentence, hands them back."""

    def __init__(self, from_code: str) -> None:
        self.from_code = from_code
        self.texts: list[str] = []

    def add(self, text: str) -> int:
        self.texts.append(text)
        return len(self.texts) - 1

    def translate(
        self, engine: Engine, to_code: str, progress: Progress | None
    ) -> tuple[list[str], list[SentenceResult]]:
        """Translate every unit; markup the model dropped is put back by a second pass.

        First pass: inline markup travels as placeholders inside whole
        sentences (best translations). A unit whose placeholders did not all
        come back is translated again in pieces cut at the markup, which
        then is copied verbatim: a link or code span is never lost.
        """
        masked: list[tuple[str, dict[str, str]]] = [_mask(t) for t in self.texts]
        raw, results = self._run(engine, to_code, [m for m, _ in masked], progress)
        out = [_unmask(text, slots) for text, (_, slots) in zip(raw, masked, strict=True)]
        retry = [
            u
            for u, (text, (_, slots)) in enumerate(zip(raw, masked, strict=True))
            if any(ph not in text for ph in slots)
        ]
        if retry:
            pieces = {u: re.split(r"([\uf000-\uf8ff])", masked[u][0]) for u in retry}
            jobs = [
                (u, i)
                for u in retry
                for i, piece in enumerate(pieces[u])
                if piece.strip() and not _is_mark(piece)
            ]
            done, more = self._run(engine, to_code, [pieces[u][i].strip() for u, i in jobs], None)
            for (u, i), text in zip(jobs, done, strict=True):
                piece = pieces[u][i]
                lead = " " if piece[:1].isspace() else ""
                trail = " " if piece[-1:].isspace() else ""
                pieces[u][i] = lead + text + trail
            for u in retry:
                out[u] = _unmask("".join(pieces[u]), masked[u][1])
            results = results + more
        return out, results

    def _run(
        self, engine: Engine, to_code: str, texts: list[str], progress: Progress | None
    ) -> tuple[list[str], list[SentenceResult]]:
        from ..ingest.segment import split_sentences

        spans = [split_sentences(t, self.from_code) if t.strip() else [] for t in texts]
        flat = [t[a:b] for t, sp in zip(texts, spans, strict=True) for a, b in sp]
        if progress is not None:
            progress.reset(total=len(flat))
        update = progress.update if progress is not None else None
        results = engine.translate(flat, self.from_code, to_code, on_progress=update)
        out, k = [], 0
        for sp in spans:
            parts = [r.translation for r in results[k : k + len(sp)]]
            k += len(sp)
            out.append(" ".join(p for p in parts if p))
        return out, results

    @property
    def sentence_count(self) -> int:
        return len(self.texts)


def _mask(text: str) -> tuple[str, dict[str, str]]:
    slots: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        ph = chr(_MARK_BASE + len(slots))
        slots[ph] = match.group(0)
        return ph

    return _INLINE_KEEP.sub(swap, text), slots


def _is_mark(piece: str) -> bool:
    return len(piece) == 1 and _MARK_BASE <= ord(piece) <= 0xF8FF


def _unmask(text: str, slots: dict[str, str]) -> str:
    for ph, original in slots.items():
        text = text.replace(ph, original)
    return text


# ------------------------------------------------------------------ text


_HARD_WRAP_MIN = 50


def _text_units(source: str, units: _Units) -> list[str | tuple[int, str]]:
    """Pieces of the output: literal strings and (unit id, prefix) slots."""
    pieces: list[str | tuple[int, str]] = []
    for block in re.split(r"(\n[ \t]*\n+)", source):
        if not block.strip() or re.fullmatch(r"\n[ \t]*\n+", block):
            pieces.append(block)
            continue
        lines = block.split("\n")
        wrapped = len(lines) > 1 and all(
            len(line) >= _HARD_WRAP_MIN and not line.rstrip().endswith((".", "!", "?", ":", '"', "»"))
            for line in lines[:-1]
        )
        groups = [" ".join(line.strip() for line in lines)] if wrapped else lines
        for i, line in enumerate(groups):
            if i:
                pieces.append("\n")
            if not line.strip():
                pieces.append(line)
                continue
            lead = line[: len(line) - len(line.lstrip())]
            trail = line[len(line.rstrip()) :]
            pieces.extend([lead, (units.add(line.strip()), ""), trail])
    return pieces


# -------------------------------------------------------------- markdown

_CONTAINER = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?")
_ATX = re.compile(r"^([ \t]*(?:>[ \t]?)*[ \t]*#{1,6}[ \t]+)(.*?)([ \t]+#+[ \t]*)?$")
_SETEXT = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(=+|-+)[ \t]*$")
_CONT = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*")


def _markdown_units(source: str, units: _Units) -> list[str | tuple[int, str]]:
    from ..formats.markdown import parse

    tokens = parse(source)
    lines = source.split("\n")
    replace: dict[int, tuple[int, str, str]] = {}  # first line -> (end line, prefix, text)
    in_table = 0
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            in_table += 1
        elif tok.type == "table_close":
            in_table -= 1
        if tok.type != "inline" or in_table or not tok.map or i == 0:
            continue
        opener = tokens[i - 1]
        if opener.type not in ("paragraph_open", "heading_open"):
            continue
        start, end = tok.map
        block = lines[start:end]
        if opener.type == "heading_open" and opener.markup.startswith("#"):
            m = _ATX.match(block[0])
            if not m or not m.group(2).strip():
                continue
            replace[start] = (start + 1, m.group(1), m.group(2))
            continue
        if opener.type == "heading_open" and block and _SETEXT.match(block[-1]):
            end -= 1
            block = block[:-1]
        if not block:
            continue
        first = _CONTAINER.match(block[0])
        prefix = first.group(0) if first else ""
        body = [block[0][len(prefix) :]] + [line[len(_CONT.match(line).group(0)) :] for line in block[1:]]
        text = " ".join(part.strip() for part in body if part.strip())
        if text:
            replace[start] = (end, prefix, text)
    pieces: list[str | tuple[int, str]] = []
    n = 0
    while n < len(lines):
        if n:
            pieces.append("\n")
        if n in replace:
            end, prefix, text = replace[n]
            pieces.extend([prefix, (units.add(text), "")])
            n = end
            continue
        pieces.append(lines[n])
        n += 1
    return pieces


# ------------------------------------------------------------------ html

_SKIP = {"script", "style", "code", "pre", "textarea", "noscript", "kbd", "samp", "var", "math", "svg"}


def _translate_html(
    source: str, engine: Engine, from_code: str, to_code: str, progress: Progress | None
) -> TranslatedDocument:
    from ..formats.html import parse_for_rewrite, serialise

    root, full = parse_for_rewrite(source)
    units = _Units(from_code)
    slots: list[tuple[object, str, int, str, str]] = []  # (element, where, unit, lead, trail)

    def skipped(el) -> bool:  # noqa: ANN001 - lxml element
        return any(isinstance(a.tag, str) and a.tag.lower() in _SKIP for a in [el, *el.iterancestors()])

    def take(el, where: str, value: str | None) -> None:  # noqa: ANN001
        if not value or not value.strip():
            return
        lead = value[: len(value) - len(value.lstrip())]
        trail = value[len(value.rstrip()) :]
        slots.append((el, where, units.add(" ".join(value.split())), lead, trail))

    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            if el.getparent() is not None and not skipped(el.getparent()):
                take(el, "tail", el.tail)
            continue
        if not skipped(el):
            take(el, "text", el.text)
            for attr in ("alt", "title", "placeholder"):
                if el.get(attr):
                    take(el, "@" + attr, el.get(attr))
        parent = el.getparent()
        if parent is not None and not skipped(parent) and el is not root:
            take(el, "tail", el.tail)
    out, results = units.translate(engine, to_code, progress)
    for el, where, unit, lead, trail in slots:
        value = lead + out[unit] + trail
        if where == "text":
            el.text = value  # type: ignore[attr-defined]
        elif where == "tail":
            el.tail = value  # type: ignore[attr-defined]
        else:
            el.set(where[1:], out[unit])  # type: ignore[attr-defined]
    html = serialise(root, full)
    if source.endswith("\n") and not html.endswith("\n"):
        html += "\n"
    return TranslatedDocument(html, results)


def translate_source(
    source: str,
    fmt: str,
    from_code: str,
    to_code: str,
    engine: Engine,
    *,
    progress: Progress | None = None,
) -> TranslatedDocument:
    """Translate a file's text (``fmt``: text, markdown or html), keeping its structure."""
    if fmt == "html":
        return _translate_html(source, engine, from_code, to_code, progress)
    units = _Units(from_code)
    pieces = _markdown_units(source, units) if fmt == "markdown" else _text_units(source, units)
    out, results = units.translate(engine, to_code, progress)
    text = "".join(p if isinstance(p, str) else out[p[0]] for p in pieces)
    return TranslatedDocument(text, results)


@dataclass
class FileTranslation:
    """The result of :func:`translate_file`: text, languages, route, findings."""

    text: str
    from_code: str
    to_code: str
    packages: list[str]
    sentences: list[SentenceResult]
    findings: list = field(default_factory=list)
    decoded: int = 0
    cached: int = 0


def translate_file(
    path: str,
    to_code: str,
    *,
    from_code: str | None = None,
    fmt: str | None = None,
    cache: bool = True,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> FileTranslation:
    """Translate a file (or ``-`` for stdin) into ``to_code``; library entry of ``translate``.

    Raises :class:`~translator.errors.InputError` for unreadable input and
    :class:`~translator.errors.ModelError` when no model covers the pair.
    """
    from ..errors import InputError
    from ..formats import by_name, format_for
    from ..ingest.load import decode, read_bytes
    from ..model import Comparison, Document, Segment

    name = "<stdin>" if path == "-" else path
    source, _ = decode(read_bytes(path), name)
    if not source.strip():
        raise InputError(f"{name}: is empty, nothing to translate")
    if fmt is None:
        fmt = format_for(name, source).name
    else:
        by_name(fmt)
    if from_code is None:
        from ..ingest.langid import detect

        guess = detect(source[:20000])
        if not guess.lang:
            raise InputError(f"{name}: cannot tell the language; give it with --from")
        from_code = guess.lang
    engine = engine or Engine(cache=cache)
    route = engine.route(from_code, to_code)
    before = (engine.stats.decoded, engine.stats.cached)
    done = translate_source(source, fmt, from_code, to_code, engine, progress=progress)
    # Machine-output sanity and lost glossary terms, reported through the checks.
    text = "\n".join(r.text for r in done.sentences)
    doc = Document(name=name, text=text, lang=from_code)
    offset = 0
    for i, r in enumerate(done.sentences):
        doc.segments.append(
            Segment(
                index=i,
                text=r.text,
                start=offset,
                end=offset + len(r.text),
                paragraph=0,
                lang=from_code,
                translation=r.translation,
                protected_terms=list(r.protected),
                lost_terms=list(r.lost),
            )
        )
        offset += len(r.text) + 1
    from ..checks import run_checks

    findings = run_checks(
        Comparison(documents=[doc], mode="single"), enabled=["machine-output", "protected-terms"]
    )
    return FileTranslation(
        text=done.text,
        from_code=from_code,
        to_code=to_code,
        packages=[p.label for p in route],
        sentences=done.sentences,
        findings=findings,
        decoded=engine.stats.decoded - before[0],
        cached=engine.stats.cached - before[1],
    )
