"""Typing mechanics of a translation: brackets, end punctuation, doubled
words, whitespace and sentence-initial capitals.

Each is small, and each is what a reader notices first. Within an aligned
pair (so that what the original does on purpose is not flagged):

- **brackets**: ( ) [ ] { } balanced in the translation as in the source
  (a bracket that spans two sentences is unbalanced on both sides alike);
- **end punctuation**: a question stays a question (``?`` → ``.`` and
  back), an exclamation is not lost (an added one is style);
- **capitals**: a sentence the source starts with a capital starts with a
  lower-case letter (words like *iPhone* or *eBay*, name particles before
  a name — *de Havilland*, *von der Leyen* — and quoted speech continued
  after a break are left alone);
- **whitespace**: leading or trailing whitespace that the source lacks
  (units of bilingual files).

Within each sentence of the translation (also in single-file ``check``):

- **doubled words** (``The the report``), except the doubles a language
  writes on purpose (German *die die*, English *had had*, French *nous
  nous*; more with option ``allowed_doubles``);
- **doubled spaces** inside a sentence, a space before , . ; : ! ? in
  languages that write none;
- **language rules**: Spanish questions and exclamations open with ¿ and ¡;
  French writes a (narrow no-break) space before ; : ! ? and ».

Every rule can be switched off: options ``brackets``, ``end_punctuation``,
``capitals``, ``whitespace``, ``doubled_words``, ``language_rules``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..ingest.languages import primary_language
from ..model import Finding, Severity
from .base import AlignedPair, CheckContext

_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_TRAILING = "\"'”“»«’‘›‹)]*_ \u00a0\u202f"
_END = re.compile(r"[?!.…:;]+$")
_WORD = re.compile(r"(?<![\w-])([^\W\d_]+)(\s+)(\1)(?![\w-])", re.IGNORECASE)
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_SPACE_BEFORE = re.compile(r"(?<=[^\W\d_]) +([,.;:!?])(?=\s|$)")
_FRENCH_NO_SPACE = re.compile(r"(?<=[^\s\u00a0\u202f;:!?.(\[])([;:!?]|»)(?=\s|$)")
_LEADING = re.compile(r"^[\s\"'“”„«»‚‘’‹›(\[¿¡*_-]*")

#: words a language doubles on purpose ("…, die die Regierung", "had had")
ALLOWED_DOUBLES: dict[str, frozenset[str]] = {
    "de": frozenset({"die", "das", "der", "dass", "sie", "ist"}),
    "en": frozenset({"had", "that", "is", "do"}),
    "fr": frozenset({"nous", "vous"}),
    "nl": frozenset({"die", "dat"}),
    "it": frozenset(),
    "es": frozenset(),
}
#: scripts without letter case
_UNCASED = {"zh", "ja", "ko", "th", "ar", "he", "fa", "hi"}


def bracket_balance(text: str) -> tuple[int, ...]:
    """Openings minus closings for each bracket kind."""
    return tuple(text.count(o) - text.count(c) for o, c in _BRACKETS)


def end_mark(text: str) -> str:
    """``?``, ``!``, ``.`` or ``""``: how a sentence ends (closing quotes
    and brackets skipped; ``?!`` is a question)."""
    m = _END.search(text.rstrip(_TRAILING))
    if not m:
        return ""
    run = m.group(0)
    for mark in "?!":
        if mark in run:
            return mark
    return "."


def _first_word(text: str) -> str:
    rest = text[_LEADING.match(text).end() :]  # type: ignore[union-attr]
    return rest.split(" ", 1)[0] if rest else ""


#: particles that names keep lower-case at the start of a sentence too
#: ("de Havilland was known ...", "von der Leyen said ...")
_NAME_PARTICLES = frozenset("de da di del della du des van von der den ter ten le la al el bin ibn".split())


def _particle_of_a_name(text: str, first: str) -> bool:
    """Whether ``first`` is a name particle before a capitalised name."""
    if first not in _NAME_PARTICLES:
        return False
    rest = text[_LEADING.match(text).end() :].split()  # type: ignore[union-attr]
    return any(w[:1].isupper() for w in rest[1:3])


def sentence_problems(
    text: str,
    lang: str | None,
    allowed: frozenset[str] = frozenset(),
    *,
    doubled: bool = True,
    whitespace: bool = True,
    language_rules: bool = True,
) -> list[tuple[str, str]]:
    """``(rule, message)`` for the mechanics of one sentence alone."""
    code = primary_language(lang)
    out: list[tuple[str, str]] = []
    if doubled:
        own = ALLOWED_DOUBLES.get(code, frozenset()) | allowed
        for m in _WORD.finditer(text):
            word, again = m.group(1), m.group(3)
            if word[0].isupper() and again[0].isupper():
                continue  # a name: Bora Bora, Walla Walla
            if word.casefold() not in own and (len(word) > 1 or word.casefold() == "a"):
                out.append(("doubled-word", f"The word “{word}” is doubled: “{m.group(0)}”."))
    if whitespace:
        if _DOUBLE_SPACE.search(text):
            out.append(("doubled-space", "Two or more spaces in a row inside the sentence."))
        if code != "fr":
            m = _SPACE_BEFORE.search(text)
            if m:
                out.append(("space-before-punctuation", f"A space before “{m.group(1)}”."))
    if language_rules:
        mark = end_mark(text)
        if code == "es":
            for opening, closing in (("¿", "?"), ("¡", "!")):
                if mark == closing and opening not in text:
                    out.append(
                        (
                            "spanish-opening-mark",
                            f"A Spanish sentence ending in “{closing}” needs the opening “{opening}”.",
                        )
                    )
                elif opening in text and closing not in text:
                    out.append(
                        ("spanish-opening-mark", f"The opening “{opening}” has no closing “{closing}”.")
                    )
        if code == "fr":
            m = _FRENCH_NO_SPACE.search(text)
            if m:
                out.append(
                    ("french-spacing", f"French writes a (narrow no-break) space before “{m.group(1)}”.")
                )
    return out


def pair_problems(
    src: str,
    tgt: str,
    tgt_lang: str | None,
    *,
    brackets: bool = True,
    end: bool = True,
    capitals: bool = True,
    whitespace: bool = True,
) -> list[tuple[str, str]]:
    """``(rule, message)`` for what a translation changed against its source."""
    out: list[tuple[str, str]] = []
    if brackets and bracket_balance(src) != bracket_balance(tgt) and any(bracket_balance(tgt)):
        out.append(("brackets", "Brackets are unbalanced in the translation (balanced in the source)."))
    if end:
        a, b = end_mark(src), end_mark(tgt)
        if a != b and ("?" in (a, b) or a == "!"):
            what = {
                "?": "a question mark",
                "!": "an exclamation mark",
                ".": "a full stop",
                "": "no punctuation",
            }
            out.append(
                ("end-punctuation", f"The source ends with {what[a]}, the translation with {what[b]}.")
            )
    if capitals and primary_language(tgt_lang) not in _UNCASED:
        wa, wb = _first_word(src), _first_word(tgt)
        quoted = tgt.lstrip()[:1] in "\"'“”„«»‚‘’‹›"  # a quote continued after a break
        if (
            wa[:1].isupper()
            and wb[:1].islower()
            and wb.isalpha()
            and not any(c.isupper() for c in wb)
            and not quoted
            and not re.search(rf"(?<!\w){re.escape(wb)}(?!\w)", src)  # "de Havilland"
            and not _particle_of_a_name(tgt, wb)
        ):
            out.append(
                ("capitals", f"The sentence starts lower-case (“{wb}”); the source starts with a capital.")
            )
    if whitespace:
        for side, strip in (("leading", str.lstrip), ("trailing", str.rstrip)):
            if (strip(tgt) != tgt) and (strip(src) == src):
                out.append((f"{side}-whitespace", f"The translation has {side} whitespace the source lacks."))
    return out


class MechanicsCheck:
    name = "mechanics"
    severity = Severity.WARNING
    description = (
        "Unbalanced brackets, changed end punctuation, doubled words, stray spaces or a lower-case start."
    )
    options = {
        "brackets": True,
        "end_punctuation": True,
        "capitals": True,
        "whitespace": True,
        "doubled_words": True,
        "language_rules": True,
        "allowed_doubles": [],
    }

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        opt = {key: ctx.option(self.name, key, default) for key, default in self.options.items()}
        allowed = frozenset(w.casefold() for w in opt["allowed_doubles"])
        for pair in ctx.aligned_pairs():
            lang = ctx.documents[pair.alignment.target].lang
            problems = pair_problems(
                pair.source_text,
                pair.target_text,
                lang,
                brackets=opt["brackets"],
                end=opt["end_punctuation"],
                capitals=opt["capitals"],
                whitespace=opt["whitespace"],
            )
            yield from self._report(ctx, pair, problems)
        for v in ctx.checked_versions():
            doc = ctx.documents[v]
            for seg in doc.segments:
                problems = sentence_problems(
                    seg.text,
                    doc.lang,
                    allowed,
                    doubled=opt["doubled_words"],
                    whitespace=opt["whitespace"],
                    language_rules=opt["language_rules"],
                )
                for rule, message in problems:
                    yield ctx.finding(
                        self.name, self.severity, message, v, [seg.index], evidence={"rule": rule}
                    )

    def _report(
        self, ctx: CheckContext, pair: AlignedPair, problems: list[tuple[str, str]]
    ) -> Iterator[Finding]:
        for rule, message in problems:
            yield ctx.pair_finding(self.name, self.severity, message, pair, evidence={"rule": rule})
