"""TMX 1.4 (translation memory exchange), for translators' CAT tools.

One ``<tu>`` per link with sentences on both sides (unaligned sentences are
not translation units); the link's score is kept as a ``<prop>``. Written
with lxml, so escaping and encoding are the XML library's job.
"""

from __future__ import annotations

from .. import __version__
from .base import AlignedPair

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TmxWriter:
    name = "tmx"
    suffix = ".tmx"

    def write(self, pair: AlignedPair) -> str:
        # lxml loads with the first TMX written, not with every align
        from lxml import etree

        src_lang = pair.src_lang or "und"
        tgt_lang = pair.tgt_lang or "und"
        root = etree.Element("tmx", version="1.4")
        etree.SubElement(
            root,
            "header",
            creationtool="translator",
            creationtoolversion=__version__,
            segtype="sentence",
            adminlang="en",
            srclang=src_lang,
            datatype="plaintext",
            **{"o-tmf": "translator"},
        )
        body = etree.SubElement(root, "body")
        for link in pair.links:
            if not link.src or not link.tgt:
                continue
            tu = etree.SubElement(body, "tu")
            prop = etree.SubElement(tu, "prop", type="x-score")
            prop.text = f"{link.score:.4f}"
            prop = etree.SubElement(tu, "prop", type="x-link")
            prop.text = link.ladder()
            for lang, side, ids in ((src_lang, "src", link.src), (tgt_lang, "tgt", link.tgt)):
                tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
                seg = etree.SubElement(tuv, "seg")
                seg.text = _xml_safe(pair.text(side, ids))
        return etree.tostring(
            root,
            xml_declaration=True,
            encoding="UTF-8",
            pretty_print=True,
            doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        ).decode("utf-8")


def _xml_safe(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters from bad
    input) instead of failing the whole file."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or (" " <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd") or ch > "\uffff"
    )
