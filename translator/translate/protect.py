"""Glossary protection: terms become placeholders the model copies through.

Before decoding, every glossary term found in a sentence (a do-not-translate
name or a term with a fixed translation) is replaced by a private-use
character. SentencePiece does not know it, so it reaches CTranslate2 as
``<unk>``; with ``replace_unknowns`` (Argos's setting) a generated ``<unk>``
is replaced by the source token it attends to, i.e. the placeholder. After
decoding each placeholder is swapped for the term's required target form.
A placeholder that does not come back means the model dropped or mangled
the term: the segment records it and the ``protected-terms`` check reports
it. Matching is case-sensitive on word boundaries, longest term first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lexicon.terms import Term

#: first code point of the placeholders (Unicode private use area)
BASE = 0xE000
LIMIT = 0xF8FF
_PUA = re.compile("[\ue000-\uf8ff]")


@dataclass
class Protected:
    """A sentence with placeholders, and how to undo them."""

    original: str
    text: str
    #: placeholder -> (source term, required target form)
    slots: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def terms(self) -> list[str]:
        return [src for src, _ in self.slots.values()]


class TermMatcher:
    """Finds glossary terms in source sentences (compiled once per pair)."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.targets: dict[str, str] = {}
        for term in terms:
            self.targets.setdefault(term.source, term.target)
        ordered = sorted(self.targets, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")(?!\w)")
            if ordered
            else None
        )

    def protect(self, text: str) -> Protected:
        """Replace each term occurrence by its placeholder."""
        result = Protected(text, text)
        if self.pattern is None or _PUA.search(text):
            return result  # text already uses private-use characters: leave it alone
        by_term: dict[str, str] = {}

        def swap(match: re.Match[str]) -> str:
            term = match.group(0)
            if term not in by_term:
                code = BASE + len(by_term)
                if code > LIMIT:
                    return term
                by_term[term] = chr(code)
                result.slots[chr(code)] = (term, self.targets[term])
            return by_term[term]

        result.text = self.pattern.sub(swap, text)
        return result


def restore(output: str, protected: Protected) -> tuple[str, list[str]]:
    """Put the target forms back; return the text and the terms that were lost."""
    if not protected.slots:
        return output, []
    lost = [src for ph, (src, _) in protected.slots.items() if ph not in output]
    for ph, (_, target) in protected.slots.items():
        output = output.replace(ph, target)
    output = _PUA.sub("", output)
    return " ".join(output.split()) if lost else output, lost
