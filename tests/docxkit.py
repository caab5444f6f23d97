"""Build small .docx files for tests: a WordprocessingML package written
from XML strings, so tests can plant tracked changes, comments, tables,
headers and footnotes that python-docx cannot create."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def p(text: str, style: str | None = None) -> str:
    """A paragraph of one run."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def tracked(before: str, deleted: str, inserted: str, after: str) -> str:
    """A paragraph with a tracked deletion and a tracked insertion, and a comment."""
    return (
        f'<w:p><w:r><w:t xml:space="preserve">{escape(before)}</w:t></w:r>'
        f'<w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">{escape(deleted)}</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">{escape(inserted)}</w:t></w:r></w:ins>'
        f'<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">{escape(after)}</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
    )


def table(rows: list[list[str]]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{p(c)}</w:tc>" for c in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{cells}</w:tbl>"


def write_docx(path: Path, body: list[str], header: str | None = None, footnotes: list[str] = ()) -> Path:
    ns = f'xmlns:w="{W}" xmlns:r="{R}"'
    sect = '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/></w:sectPr>' if header else ""
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>{"".join(body)}{sect}</w:body></w:document>'
    rels = [f'<Relationship Id="rIdH" Type="{_REL}/header" Target="header1.xml"/>' if header else ""]
    overrides = [
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    ]
    parts: dict[str, str] = {}
    if header:
        parts["word/header1.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><w:hdr {ns}>{p(header)}</w:hdr>'
        overrides.append(
            '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
        )
    if footnotes:
        notes = '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        notes += "".join(f'<w:footnote w:id="{i}">{p(t)}</w:footnote>' for i, t in enumerate(footnotes, 1))
        parts["word/footnotes.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {ns}>{notes}</w:footnotes>'
        )
        rels.append(f'<Relationship Id="rIdF" Type="{_REL}/footnotes" Target="footnotes.xml"/>')
        overrides.append(
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
        )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", content_types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        for name, xml in parts.items():
            z.writestr(name, xml)
    return path
