"""Gettext PO and POT files (read with polib): one unit per message.

The unit's id is its ``msgid`` (prefixed by ``msgctxt|`` when the message
has a context); a plural message gives one unit per form, ``msgid[0]``,
``msgid[1]``... with ``msgid_plural`` as the source of every form after the
first. A ``fuzzy`` flag means "needs review", an empty ``msgstr`` "not
translated"; obsolete (``#~``) messages and the header are not text.
Locations are the ``msgid``/``msgstr`` lines of the entry.
"""

from __future__ import annotations

import re

from .base import Bilingual, Block, FormatError
from .located import Lines

_SYNTAX = re.compile(r"\(line (\d+)\)")


def _string_offset(lines: Lines, line: int, keyword: str) -> int:
    """Offset of the first character of ``keyword``'s string, searching from ``line``.

    For ``msgid ""`` followed by continuation lines, the first continuation.
    """
    pattern = re.compile(rf'^{re.escape(keyword)}[ \t]*"', re.MULTILINE)
    match = pattern.search(lines.source, lines.line_start(line))
    if match is None:
        return lines.line_start(line)
    pos = match.end()
    if lines.source.startswith('"\n"', pos):
        return pos + 3
    return pos


class PoFormat:
    name = "po"
    suffixes = (".po", ".pot")
    unit_noun = "msgid"
    bilingual = True

    def blocks(self, source: str) -> list[Block]:
        return self.units(source, "").target

    def units(self, source: str, name: str) -> Bilingual:
        import polib

        if "\n" not in source:  # polib reads a one-line string as a path
            source += "\n"
        try:
            catalog = polib.pofile(source)
        except (OSError, ValueError) as exc:
            match = _SYNTAX.search(str(exc))
            raise FormatError("PO syntax error", int(match.group(1)) if match else None) from None
        lines = Lines(source)
        out = Bilingual([], [], None, catalog.metadata.get("Language") or None)

        for entry in catalog:
            if entry.obsolete or (not entry.msgid and not entry.msgctxt):
                continue
            ident = f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid
            fuzzy = "fuzzy" in entry.flags
            if entry.msgid_plural:
                forms = sorted(entry.msgstr_plural) or [0, 1]
                pairs = [
                    (
                        entry.msgid if n == 0 else entry.msgid_plural,
                        "msgid" if n == 0 else "msgid_plural",
                        entry.msgstr_plural.get(n, ""),
                        f"msgstr[{n}]",
                        f"{ident}[{n}]",
                    )
                    for n in forms
                ]
            else:
                pairs = [(entry.msgid, "msgid", entry.msgstr, "msgstr", ident)]
            for src_text, src_key, tgt_text, tgt_key, unit in pairs:
                src = lines.block(src_text, _string_offset(lines, entry.linenum, src_key), unit)
                tgt = lines.block(tgt_text, _string_offset(lines, entry.linenum, tgt_key), unit)
                if not tgt_text.strip():
                    state = "untranslated"
                elif fuzzy:
                    state = "needs-review"
                else:
                    state = "translated"
                for b in (src, tgt):
                    b.state, b.file_state = state, "fuzzy" if fuzzy else None
                out.source.append(src)
                out.target.append(tgt)
        return out
