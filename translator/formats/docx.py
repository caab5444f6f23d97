"""Word ``.docx`` documents, read with python-docx.

One block per paragraph, in reading order: the body (table cells in row
order), then headers and footers, then footnotes and endnotes. The text is
the document's final text: tracked insertions are in, tracked deletions
(``w:del``, ``w:moveFrom``) out, comments are not text. A DOCX has no lines,
so a block's "line" is its paragraph number in that order and its unit says
where it stands (``paragraph 12``, ``table 1 row 2 cell 3``, ``header``,
``footnote 4``).
"""

from __future__ import annotations

import io

from .base import Block, FormatError

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NOTE_TYPES = {"footnote": "footnotes", "endnote": "endnotes"}


def _q(name: str) -> str:
    return f"{{{_W}}}{name}"


def paragraph_text(p) -> str:
    """The final text of a ``w:p`` element (tracked deletions left out)."""
    parts: list[str] = []
    for node in p.iter(_q("t"), _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen")):
        if any(a.tag in (_q("del"), _q("moveFrom")) for a in node.iterancestors()):
            continue
        if node.tag == _q("t"):
            parts.append(node.text or "")
        elif node.tag == _q("tab"):
            parts.append("\t")
        elif node.tag == _q("noBreakHyphen"):
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


class DocxFormat:
    name = "docx"
    suffixes = (".docx",)
    binary = True

    def blocks(self, source: str) -> list[Block]:
        raise FormatError("a DOCX file is binary; read it with blocks_from_bytes")

    def blocks_from_bytes(self, data: bytes) -> list[Block]:
        import zipfile

        import docx
        from docx.opc.exceptions import PackageNotFoundError

        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise FormatError("not a DOCX file (not a zip archive)", None)
        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise FormatError(f"not a readable DOCX file ({exc})", None) from None
        found: list[tuple[str, str, str]] = []  # (text, unit, kind)
        self._body(document.element.body, found)
        seen: set[int] = set()
        for section in document.sections:
            for where, part in (("header", section.header), ("footer", section.footer)):
                if part.is_linked_to_previous or id(part.part) in seen:
                    continue
                seen.add(id(part.part))
                for p in part._element.iter(_q("p")):
                    found.append((paragraph_text(p), where, "paragraph"))
        self._notes(document, found)
        blocks: list[Block] = []
        for number, (text, unit, kind) in enumerate(found, 1):
            if text.strip():
                blocks.append(Block(text=text.strip(), line=number, kind=kind, unit=unit))
        return blocks

    @staticmethod
    def _body(body, found: list[tuple[str, str, str]]) -> None:
        paragraphs = tables = 0
        for child in body:
            if child.tag == _q("p"):
                paragraphs += 1
                style = child.find(f"{_q('pPr')}/{_q('pStyle')}")
                heading = style is not None and (style.get(_q("val")) or "").lower().startswith(
                    ("heading", "title")
                )
                found.append(
                    (paragraph_text(child), f"paragraph {paragraphs}", "heading" if heading else "paragraph")
                )
            elif child.tag == _q("tbl"):
                tables += 1
                for r, row in enumerate(child.iter(_q("tr")), 1):
                    for c, cell in enumerate(row.iter(_q("tc")), 1):
                        text = "\n".join(paragraph_text(p) for p in cell.iter(_q("p")))
                        found.append((text, f"table {tables} row {r} cell {c}", "table-cell"))

    @staticmethod
    def _notes(document, found: list[tuple[str, str, str]]) -> None:
        from lxml import etree

        for part in document.part.package.iter_parts():
            kind = next((k for k, v in _NOTE_TYPES.items() if part.partname == f"/word/{v}.xml"), None)
            if kind is None:
                continue
            root = etree.fromstring(part.blob)
            for note in root.iter(_q(kind)):
                if note.get(_q("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join(paragraph_text(p) for p in note.iter(_q("p")))
                found.append((text, f"{kind} {note.get(_q('id'))}", "paragraph"))
