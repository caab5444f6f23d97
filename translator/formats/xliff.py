"""XLIFF 1.2 and 2.x: bilingual files, one unit per ``trans-unit`` / segment.

Each unit's source and target keep their inline tags (``<g>``, ``<x/>``,
``<ph>``, ``<pc>``...) as :class:`~.base.Inline` elements, and the file's own
state attributes decide the unit's state: XLIFF 1.2 ``target/@state``
(``new``, ``needs-translation``, ``needs-review-translation``,
``translated``, ``final``, ``signed-off``) and ``trans-unit/@approved``;
XLIFF 2 ``segment/@state`` (``initial``, ``translated``, ``reviewed``,
``final``). Units marked ``translate="no"`` are not translatable text and are
left out.
"""

from __future__ import annotations

from .base import Bilingual, Block, FormatError
from .xmltext import Locator, local, parse, text_with_inline

#: XLIFF 1.2 target states -> the model's states (see units.STATES)
_STATES_12 = {
    "new": "untranslated",
    "needs-translation": "untranslated",
    "needs-adaptation": "needs-review",
    "needs-l10n": "needs-review",
    "needs-review-adaptation": "needs-review",
    "needs-review-l10n": "needs-review",
    "needs-review-translation": "needs-review",
    "translated": "translated",
    "final": "final",
    "signed-off": "final",
}
_STATES_20 = {"initial": "untranslated", "translated": "translated", "reviewed": "final", "final": "final"}


def _rule_12(child) -> tuple[str, str]:
    name = local(child.tag)
    if name in ("g", "mrk"):
        return "paired", ""
    if name == "sub":
        return "skip", ""
    equiv = child.get("equiv-text") or ""
    if name in ("bx", "bpt"):
        return "open", equiv
    if name in ("ex", "ept"):
        return "close", equiv
    if name in ("ph", "it") and not equiv:
        code = "".join(child.itertext())
        return "placeholder", code if code and "<" not in code else ""
    return "placeholder", equiv


def _rule_20(child) -> tuple[str, str]:
    name = local(child.tag)
    if name in ("pc", "mrk"):
        return "paired", ""
    if name == "cp":
        try:
            return "placeholder", chr(int(child.get("hex", ""), 16))
        except ValueError:
            return "placeholder", ""
    display = child.get("equiv") or child.get("disp") or ""
    if name in ("sc", "sm"):
        return "open", display
    if name in ("ec", "em"):
        return "close", display
    return "placeholder", display


def _state(text: str, has_target: bool, mapped: str | None) -> str:
    """The model's state of a unit from its target and the file's state."""
    if not has_target or (mapped == "untranslated" and not text.strip()):
        return "untranslated"
    if not text.strip():
        return "empty"
    if mapped == "untranslated":  # a target with text, marked as not done
        return "needs-review"
    return mapped or "translated"


class XliffFormat:
    name = "xliff"
    suffixes = (".xlf", ".xliff", ".sdlxliff", ".mxliff", ".mqxliff")
    unit_noun = "unit"
    bilingual = True

    def blocks(self, source: str) -> list[Block]:
        return self.units(source, "").target

    def units(self, source: str, name: str) -> Bilingual:
        root = parse(source)
        if local(root.tag) != "xliff":
            raise FormatError(f"not an XLIFF file (root element <{local(root.tag)}>)", root.sourceline)
        version = root.get("version", "")
        locator = Locator(source)
        if version.startswith("2"):
            return self._units_20(root, locator)
        return self._units_12(root, locator)

    def _units_12(self, root, locator: Locator) -> Bilingual:
        out = Bilingual([], [])
        for file in root.iter("{*}file"):
            out.source_lang = out.source_lang or file.get("source-language")
            out.target_lang = out.target_lang or file.get("target-language")
            for unit in file.iter("{*}trans-unit"):
                if unit.get("translate") == "no":
                    continue
                src = unit.find("{*}source")
                if src is None:
                    raise FormatError(f"trans-unit {unit.get('id')!r} has no <source>", unit.sourceline)
                tgt = unit.find("{*}target")
                file_state = tgt.get("state") if tgt is not None else None
                if unit.get("approved") == "yes" and tgt is not None:
                    file_state = file_state or "approved"
                mapped = "final" if file_state == "approved" else _STATES_12.get(file_state or "")
                self._add(
                    out,
                    locator,
                    unit.get("id") or str(len(out.source) + 1),
                    src,
                    tgt,
                    mapped,
                    file_state,
                    _rule_12,
                    unit,
                )
        return out

    def _units_20(self, root, locator: Locator) -> Bilingual:
        out = Bilingual([], [], root.get("srcLang"), root.get("trgLang"))
        for unit in root.iter("{*}unit"):
            if unit.get("translate") == "no":
                continue
            segments = [s for s in unit if local(s.tag) == "segment"]
            for n, segment in enumerate(segments, 1):
                src = segment.find("{*}source")
                if src is None:
                    raise FormatError(
                        f"unit {unit.get('id')!r} has a segment without <source>", segment.sourceline
                    )
                tgt = segment.find("{*}target")
                ident = unit.get("id") or str(len(out.source) + 1)
                if len(segments) > 1:
                    ident = f"{ident}/{segment.get('id') or n}"
                file_state = segment.get("state")
                self._add(
                    out,
                    locator,
                    ident,
                    src,
                    tgt,
                    _STATES_20.get(file_state or ""),
                    file_state,
                    _rule_20,
                    segment,
                )
        return out

    @staticmethod
    def _add(out: Bilingual, locator: Locator, ident: str, src, tgt, mapped, file_state, rule, unit) -> None:
        text, inline = text_with_inline(src, rule)
        source_block = locator.element_block(src, text, inline, unit=ident)
        if tgt is not None:
            t_text, t_inline = text_with_inline(tgt, rule)
            target_block = locator.element_block(tgt, t_text, t_inline, unit=ident)
        else:  # no target yet: the unit is located at its source
            target_block = Block(
                text="",
                line=source_block.line,
                column=source_block.column,
                offset=source_block.offset,
                unit=ident,
            )
        state = _state(target_block.text, tgt is not None, mapped)
        for block in (source_block, target_block):
            block.state, block.file_state = state, file_state
        out.source.append(source_block)
        out.target.append(target_block)
