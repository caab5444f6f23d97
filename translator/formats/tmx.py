"""TMX (translation memory exchange): one unit per ``<tu>``.

The source side is the ``<tuv>`` in the header's ``srclang`` (the first one
when ``srclang`` is ``*all*``), the target the first ``<tuv>`` in another
language. TMX has no translation states: every unit with a target is
translated. Inline codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<hi>``)
are kept as :class:`~.base.Inline` elements.
"""

from __future__ import annotations

from .base import Bilingual, Block, FormatError
from .xmltext import Locator, local, parse, text_with_inline

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _rule(child) -> tuple[str, str]:
    name = local(child.tag)
    if name == "hi":
        return "paired", ""
    if name == "sub":
        return "skip", ""
    return {"bpt": "open", "ept": "close"}.get(name, "placeholder"), ""


def _lang(tuv) -> str:
    return (tuv.get(_XML_LANG) or tuv.get("lang") or "").strip()


def _same(a: str, b: str) -> bool:
    return a.lower().split("-")[0] == b.lower().split("-")[0]


class TmxFormat:
    name = "tmx"
    suffixes = (".tmx",)
    unit_noun = "tu"
    bilingual = True

    def blocks(self, source: str) -> list[Block]:
        return self.units(source, "").target

    def units(self, source: str, name: str) -> Bilingual:
        root = parse(source)
        if local(root.tag) != "tmx":
            raise FormatError(f"not a TMX file (root element <{local(root.tag)}>)", root.sourceline)
        header = root.find("{*}header")
        srclang = header.get("srclang", "") if header is not None else ""
        if srclang == "*all*":
            srclang = ""
        locator = Locator(source)
        out = Bilingual([], [])
        for n, tu in enumerate(root.iter("{*}tu"), 1):
            tuvs = [t for t in tu if local(t.tag) == "tuv" and t.find("{*}seg") is not None]
            if not tuvs:
                continue
            src = next((t for t in tuvs if srclang and _same(_lang(t), srclang)), tuvs[0])
            tgt = next((t for t in tuvs if t is not src and not _same(_lang(t), _lang(src))), None)
            if out.source_lang is None:
                out.source_lang = _lang(src) or None
            if tgt is not None and out.target_lang is None:
                out.target_lang = _lang(tgt) or None
            ident = tu.get("tuid") or str(n)
            text, inline = text_with_inline(src.find("{*}seg"), _rule)
            source_block = locator.element_block(src.find("{*}seg"), text, inline, unit=ident)
            if tgt is not None:
                t_text, t_inline = text_with_inline(tgt.find("{*}seg"), _rule)
                target_block = locator.element_block(tgt.find("{*}seg"), t_text, t_inline, unit=ident)
                state = "translated" if t_text.strip() else "empty"
            else:
                target_block = Block(
                    "", source_block.line, column=source_block.column, offset=source_block.offset, unit=ident
                )
                state = "untranslated"
            for block in (source_block, target_block):
                block.state = state
            out.source.append(source_block)
            out.target.append(target_block)
        return out
