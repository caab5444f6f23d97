"""Changed wording inside an aligned pair, with word-level diff spans,
graded by what changed.

Compares the two sides directly when both versions share a language. The
diff spans (character offsets into each side's text) are the evidence
renderers use for highlights. The severity says what a reader needs:

- **error**: the meaning may have flipped — a negation added or dropped
  ("not", "nicht", "jamais"), or an attribution turned into a denial
  ("said" / "denied");
- **warning**: a change of content words — a negation added to or dropped
  from a sentence that stays negative ("no one is not allowed"), modality ("may" / "will"),
  quantity ("some" / "all"), and numbers or names when their own checks
  are off — or an *edit* of one text: most words and their order are kept
  and a few were changed, which an editor did on purpose;
- **info**: a rewording that keeps the content — two independent
  wordings of one sentence (two outlets' translations) differ almost
  everywhere, and flagging each would bury the changes above.

The message names the content words that changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein

from ..lexicon import anchors
from ..lexicon.anchors import fold
from ..model import Finding, Severity
from .base import CheckContext

_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

#: words that negate what a sentence says, per language; with the verbs and
#: adverbs that say "not" in a word (lacked, failed to, was unable to,
#: nowhere, fehlte, scheiterte): two wordings of one fact use either
NEGATIONS = {
    "en": "not n't no never nobody nothing none neither nor without cannot nowhere "
    "unable fail fails failed failing lack lacks lacked lacking refuse refuses refused "
    "overlook overlooks overlooked neglect neglected neglecting",
    "de": "nicht kein keine keinen keinem keiner keines nie niemals niemand nichts ohne weder "
    "nirgends nirgendwo fehlt fehlte fehlten fehlen scheiterte scheiterten gescheitert "
    "verweigerte verweigerten übersah übersieht unfähig keinerlei vergeblich versäumt versäumte "
    "verpasste verpasst grundlos",
    "fr": "ne pas jamais aucun aucune rien personne sans ni",
    "es": "no nunca jamás ningún ninguno ninguna nada nadie sin ni",
    "it": "non mai nessuno nessuna niente nulla senza né",
    "nl": "niet geen nooit niemand niets zonder noch",
    "pt": "não nunca jamais nenhum nenhuma nada ninguém sem nem",
}
#: modality classes: what may happen, and what will or must
MODALITY = {
    "possible": {
        "en": "may might could can possibly perhaps maybe likely probably possible",
        "de": "kann können könnte könnten möglicherweise vielleicht wahrscheinlich möglich eventuell",
        "fr": "peut peuvent pourrait pourraient peut-être probablement possible",
        "es": "puede pueden podría podrían quizás quizá posiblemente probablemente posible",
        "it": "può possono potrebbe potrebbero forse probabilmente possibile",
        "nl": "kan kunnen zou zouden misschien mogelijk waarschijnlijk",
    },
    "certain": {
        "en": "will shall must certainly definitely surely",
        "de": "wird werden muss müssen sicher bestimmt zweifellos",
        "fr": "va vont sera seront doit doivent certainement",
        "es": "será serán debe deben seguramente ciertamente",
        "it": "sarà saranno deve devono certamente sicuramente",
        "nl": "zal zullen moet moeten zeker",
    },
}
#: attribution classes: a statement, and its denial
ATTRIBUTION = {
    "asserted": {
        "en": "said says say told stated added confirmed admitted announced insisted claimed",
        "de": "sagte sagt sagten erklärte erklärt bestätigte bestätigt betonte räumte gab",
        "fr": "dit déclaré affirmé confirmé ajouté annoncé reconnu",
        "es": "dijo dice afirmó confirmó declaró añadió anunció reconoció",
        "it": "detto dice affermato confermato dichiarato aggiunto annunciato",
        "nl": "zei zegt verklaarde bevestigde voegde kondigde",
    },
    "denied": {
        "en": "denied denies deny denying rejected rejects refuted disputed",
        "de": "bestritt bestreitet bestritten dementierte dementiert wies weist zurückgewiesen",
        "fr": "nié nie dément démenti contesté rejeté",
        "es": "negó niega desmintió rechazó",
        "it": "negato nega smentito respinto",
        "nl": "ontkende ontkent ontkend",
    },
}
#: quantity classes: all of something, and part of it
QUANTITY = {
    "all": {
        "en": "all every everyone everybody everything always entire whole",
        "de": "alle allen aller alles jeder jede jedes immer ganze gesamte sämtliche",
        "fr": "tous toutes tout toujours entier entière chaque",
        "es": "todos todas todo siempre entero cada",
        "it": "tutti tutte tutto sempre intero ogni",
        "nl": "alle allemaal iedereen alles altijd hele elke",
    },
    "some": {
        "en": "some several many most few part partly half",
        "de": "einige manche mehrere viele meisten wenige teils teilweise halbe hälfte",
        "fr": "quelques plusieurs beaucoup certains certaines partie partiellement moitié",
        "es": "algunos algunas varios muchos pocos parte parcialmente mitad",
        "it": "alcuni alcune diversi molti pochi parte parzialmente metà",
        "nl": "sommige enkele meerdere veel weinig deels gedeeltelijk helft",
    },
}
#: share of words two wordings must have in common, in order, to be one
#: text edited rather than two independent wordings; in sentences of at
#: least EDITED_MIN_WORDS words (two wordings of a short headline coincide
#: by chance)
EDITED_SIMILARITY = 0.75
EDITED_MIN_WORDS = 8


def _lexicon(table: dict[str, str], lang: str | None) -> frozenset[str]:
    langs = [lang] if lang in table else list(table)
    return frozenset(w for code in langs for w in table[code].split())


def _words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _WORDS.findall(text)]


#: "not only", "nicht nur": a negation word that adds, not negates
_NOT_ONLY = frozenset("only just merely nur bloß lediglich seulement solo solamente soltanto alleen".split())


def _negation_words(words: list[str], lang: str | None) -> list[str]:
    lexicon = _lexicon(NEGATIONS, lang)
    return [
        w
        for i, w in enumerate(words)
        if (w in lexicon or w.endswith("n't")) and not (i + 1 < len(words) and words[i + 1] in _NOT_ONLY)
    ]


def content_changes(a: str, b: str, lang: str | None, *, numbers: bool = True) -> dict[str, list[str]]:
    """What changed in content between two wordings of one sentence, by
    kind (negation, attribution, modality, quantity, numbers), each with
    the words involved ("not", "said → denied"). Empty for a rewording."""
    wa, wb = _words(a), _words(b)
    out: dict[str, list[str]] = {}
    na, nb = _negation_words(wa, lang), _negation_words(wb, lang)
    if bool(na) != bool(nb):  # the sentence's polarity flipped ("no one" = "nobody")
        out["negation"] = na or nb
    elif len(na) != len(nb):  # a negation added to or dropped from a negative sentence
        out["negations"] = [f"{', '.join(na)} → {', '.join(nb)}"]
    for kind, classes in (("attribution", ATTRIBUTION), ("modality", MODALITY), ("quantity", QUANTITY)):
        found_a = {name: [w for w in wa if w in _lexicon(words, lang)] for name, words in classes.items()}
        found_b = {name: [w for w in wb if w in _lexicon(words, lang)] for name, words in classes.items()}
        lost = [name for name in classes if found_a[name] and not found_b[name]]
        gained = [name for name in classes if found_b[name] and not found_a[name]]
        if lost and gained:
            before = ", ".join(w for name in lost for w in found_a[name])
            after = ", ".join(w for name in gained for w in found_b[name])
            out[kind] = [f"{before} → {after}"]
    if numbers:
        va, vb = anchors.numbers(a), anchors.numbers(b)
        if sorted(va) != sorted(vb):
            only_a = [_fmt(v) for v in va if v not in vb]
            only_b = [_fmt(v) for v in vb if v not in va]
            out["numbers"] = [f"{', '.join(only_a) or '–'} → {', '.join(only_b) or '–'}"]
    return out


def _fmt(value: float) -> str:
    """A number as the message shows it (no trailing .0)."""
    return f"{value:g}"


def edited(a: str, b: str, lang: str | None = None) -> bool:
    """Whether ``b`` is ``a`` edited (most words kept, in order) rather than
    an independent wording of the same content."""
    wa, wb = stems(a, lang), stems(b, lang)
    if min(len(wa), len(wb)) < EDITED_MIN_WORDS or wa == wb:
        return False  # a short line, or only inflection and punctuation changed
    return Levenshtein.normalized_similarity(wa, wb) >= EDITED_SIMILARITY


def stems(text: str, lang: str | None) -> list[str]:
    """Words without their endings ("injuries" = "injury", the aligner's
    Snowball stemmer), hyphens ("strip-club" = "strip club") and
    contractions ("didn't" = "did not")."""
    from ..align.text import stemmer

    stem = stemmer(lang)
    words = " ".join(_words(text.replace("-", " "))).replace("n't", " not").split()
    return [stem(w) for w in words]


def word_diff(a: str, b: str) -> list[dict[str, int | str]]:
    """Word-level edit operations between ``a`` and ``b`` as character spans."""
    ta = [(m.start(), m.end(), m.group(0).casefold()) for m in _WORD.finditer(a)]
    tb = [(m.start(), m.end(), m.group(0).casefold()) for m in _WORD.finditer(b)]
    ops = []
    for op in Levenshtein.opcodes([t[2] for t in ta], [t[2] for t in tb]):
        if op.tag == "equal":
            continue
        a_span = (ta[op.src_start][0], ta[op.src_end - 1][1]) if op.src_end > op.src_start else None
        b_span = (tb[op.dest_start][0], tb[op.dest_end - 1][1]) if op.dest_end > op.dest_start else None
        ops.append(
            {
                "op": op.tag,
                "a_start": a_span[0] if a_span else -1,
                "a_end": a_span[1] if a_span else -1,
                "b_start": b_span[0] if b_span else -1,
                "b_end": b_span[1] if b_span else -1,
                "a": a[a_span[0] : a_span[1]] if a_span else "",
                "b": b[b_span[0] : b_span[1]] if b_span else "",
            }
        )
    return ops


_ERROR_KINDS = ("negation", "attribution")


class WordingCheck:
    name = "wording"
    severity = Severity.WARNING
    description = (
        "The wording of an aligned pair differs: a rewording is info, changed content words "
        "(negation, attribution, modality, quantity) or an edit are flagged."
    )

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        for a_index, alignment in enumerate(ctx.comparison.alignments):
            same_language = ctx.documents[alignment.source].lang == ctx.documents[alignment.target].lang
            if not same_language:
                continue  # cross-language wording needs MT; see the translate engine
            lang = ctx.documents[alignment.source].lang
            for l_index, link in alignment.pairs():
                a = ctx.text(alignment.source, link.src)
                b = ctx.text(alignment.target, link.tgt)
                if fold(a) == fold(b):
                    continue
                ops = word_diff(a, b)
                if not ops:
                    continue
                changed = "; ".join(
                    f"“{o['a']}” → “{o['b']}”"
                    if o["a"] and o["b"]
                    else (f"removed “{o['a']}”" if o["a"] else f"added “{o['b']}”")
                    for o in ops[:3]
                )
                more = f" (+{len(ops) - 3} more)" if len(ops) > 3 else ""
                content = content_changes(a, b, lang, numbers="numbers" not in ctx.enabled)
                if content:
                    severity = Severity.ERROR if any(k in content for k in _ERROR_KINDS) else Severity.WARNING
                    what = "; ".join(f"{kind} {', '.join(words)}" for kind, words in content.items())
                    message = f"Content changed ({what}): {changed}{more}."
                elif edited(a, b, lang):
                    severity, message = Severity.WARNING, f"Wording differs: {changed}{more}."
                elif "numbers" in ctx.enabled and content_changes(a, b, lang).get("numbers"):
                    # the numbers check reports the changed number; the rest is a rewording
                    severity, message = Severity.INFO, f"Reworded, numbers changed: {changed}{more}."
                else:
                    severity, message = Severity.INFO, f"Reworded, same content: {changed}{more}."
                yield ctx.finding(
                    self.name,
                    severity,
                    message,
                    alignment.target,
                    link.tgt,
                    alignment=a_index,
                    link=l_index,
                    related=(alignment.source, link.src),
                    evidence={"diff": ops, "content": content},
                )
