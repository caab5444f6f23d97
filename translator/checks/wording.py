"""Changed wording inside an aligned pair, with word-level diff spans,
graded by what changed.

Compares the two sides directly when both versions share a language. The
diff spans (character offsets into each side's text) are the evidence
renderers use for highlights. The severity says what a reader needs:

- **error**: the meaning may have flipped — a negation added or dropped
  ("not", "nicht", "jamais"; between independent wordings, on a word both
  sides use: :func:`_polarity_kind`), or an attribution turned into a
  denial ("said" / "denied");
- **warning**: a change of content words — a negation added to or dropped
  from a sentence that stays negative ("no one is not allowed"), modality ("may" / "will"),
  quantity ("some" / "all"), and numbers or names when their own checks
  are off — or an *edit* of one text: most words and their order are kept
  and a few were changed, which an editor did on purpose;
- **info**: a rewording that keeps the content — two independent
  wordings of one sentence (two outlets' translations) differ almost
  everywhere, and flagging each would bury the changes above.

The message names the content words that changed.

What a difference means depends on how the two versions relate
(:func:`independent`): an outlet's edit of a wire story changes a few words
on purpose, two translations of one original differ in nearly every
sentence. Between such independent wordings a near-identical sentence is a
synonym chosen, negation is compared as polarity (:func:`_polarity_flip`)
and a denial against any statement (:func:`_denial`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from rapidfuzz.distance import Levenshtein

from ..lexicon import anchors
from ..lexicon.anchors import fold
from ..lexicon.negation import NEGATIONS
from ..model import Finding, Severity
from .base import AlignedPair, CheckContext
from .replaced import polarity_replacements, replaced_text, replacement_finding

_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

#: verbs and adverbs that say "not" in a word (lacked, failed to, was unable
#: to, hardly, fehlte, scheiterte, kaum; stopped and prevented: "made it not
#: go on", "gestoppt" / "verhindert"): two wordings of one fact use
#: either ("did not succeed" / "failed", "nicht zu übersehen" / "kaum zu
#: übersehen")
IMPLICIT_NEGATIONS = {
    "en": "unable fail fails failed failing lack lacks lacked lacking refuse refuses refused refusing "
    "overlook overlooks overlooked neglect neglected neglecting "
    "hardly barely scarcely rarely seldom avoid avoids avoided avoiding prevent prevents prevented "
    "miss missed misses missing absent cancel cancels cancelled canceled cancelling contradicted "
    "contradicts stopped halted",
    "de": "fehlt fehlte fehlten fehlen scheitern scheiterte scheiterten gescheitert verweigerte "
    "verweigerten verweigert weigerte weigerten weigert übersah übersieht unfähig vergeblich versäumt "
    "versäumte verpasste verpasst verpassten grundlos kaum selten vermeiden vermeidet vermied "
    "vermieden verhindern verhindert verhinderte verfehlt verfehlte ausgeschlossen weigern verweigern "
    "versagen versagt versagte versagten abgesagt widersprach widerspricht widersprachen widersprochen "
    "gestoppt stoppte stoppten aufgehalten",
    "fr": "refusé refuse échoué manqué manque guère",
    "es": "negó rechazó fracasó falta apenas",
    "it": "rifiutato fallito manca appena",
    "nl": "weigerde mislukt ontbreekt nauwelijks",
    "pt": "recusou falhou falta mal",
}
#: adverbs that say "not" by degree ("hardly", "kaum": almost not): a
#: negation when what they qualify stands on the other side unqualified
#: ("werden kaum lange leben" / "überleben wohl lange"); a translator's
#: choice before a number or next to words of its own ("kaum 50" / "knapp
#: 50")
DEGREE_NEGATIONS = {"en": "hardly barely scarcely", "de": "kaum", "fr": "guère", "nl": "nauwelijks"}
#: words that exclude ("X instead of Y" says "X and not Y", "alle außer Y"
#: "alle, Y nicht"): a counterpart of a "not", never a negative word a "not"
#: before it cancels ("keine Macht außer Gott")
EXCLUSIONS = {
    "en": "instead except excluding",
    "de": "anstatt außer ausgenommen",
    "fr": "sauf excepté",
    "es": "excepto salvo",
    "it": "tranne eccetto",
    "nl": "behalve",
}
#: prefixes and suffixes that negate a word of the language (unmarked,
#: nichttödlich, harmless, erfolglos), checked against its word list
_NEGATIVE_PREFIXES = {"en": ("un", "non", "dis"), "de": ("un", "nicht"), "nl": ("on",), "fr": ("in",)}
_NEGATIVE_SUFFIXES = {"en": ("less",), "de": ("los", "lose", "losen", "loser", "loses", "losem")}
#: "in-" and its forms negate adjectives only (insufficient, impossible,
#: illegal, irregular); before other words they are no negation
#: (information, import)
_ADJECTIVE_PREFIXES = {"en": ("in", "im", "il", "ir")}
_ADJECTIVE_ENDINGS = ("ent", "ant", "ible", "able", "ive", "ate", "al", "ous", "ect", "ete", "ar", "ary")
#: what a negated word may end in beyond its stem (unforgettable, unbeatable)
_AFFIX_ENDINGS = ("", "able", "ible", "ed", "ly")
#: a word part a word list knows this well is a word, not a chance string
_KNOWN_PART = 1e-6
POLARITY_COUNTS = False
#: modality classes: what may happen, and what will or must
MODALITY = {
    "possible": {
        "en": "may might could can possibly perhaps maybe likely probably possible",
        "de": "kann können könnte könnten möglicherweise vielleicht wahrscheinlich möglich eventuell wohl "
        "voraussichtlich",
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
#: share of aligned sentences two same-language versions must have the same
#: or edited to be one text and its edit (a wire story and an outlet's copy
#: of it); under it they are independent wordings (two translations of one
#: original, two reporters' stories)
COPY_SHARE = 0.5
#: sentences it takes to tell the relation; fewer (a sentence or two
#: compared on their own) are read as one text edited: every difference
#: is shown
RELATION_MIN_PAIRS = 3


def _lexicon(table: dict[str, str], lang: str | None) -> frozenset[str]:
    langs = [lang] if lang in table else list(table)
    # read as the words are (casefolded: "außer" is "ausser")
    return frozenset(w.casefold() for code in langs for w in table[code].split())


def _words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in _WORDS.findall(text)]


#: "not only", "nicht nur": a negation word that adds, not negates
_NOT_ONLY = frozenset("only just merely nur bloß lediglich seulement solo solamente soltanto alleen".split())


#: "No. 1", "no.1": the number sign, not a negation
_NUMBER_SIGN = re.compile(r"(?<!\w)[Nn]o\.?\s?(?=\d)")


#: a hyphenated compound ("Alles-oder-nichts-Begegnung"): the words after
#: its first name a thing, they do not negate or hedge the sentence
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def _content_words(text: str) -> list[str]:
    """The words :func:`content_changes` reads: no number signs ("No. 1"),
    and of a hyphenated compound only a first part ("Nicht-Eindämmungszone",
    "non-binding": a negated thing)."""

    def head(m: re.Match[str]) -> str:
        return m.group(0).split("-")[0] + " "

    return _words(_HYPHENATED.sub(head, _NUMBER_SIGN.sub("#", text)))


def _negation_words(words: list[str], lang: str | None, table: dict[str, str] = NEGATIONS) -> list[str]:
    lexicon = _lexicon(table, lang)
    found = [
        w
        for i, w in enumerate(words)
        if (w in lexicon or w.endswith("n't")) and not (i + 1 < len(words) and words[i + 1] in _NOT_ONLY)
    ]
    if "neither" in found and "nor" in found:  # "neither ... nor" is one negation
        found.remove("nor")
    return found


#: a negation in any word, for comparing one text with its edit word for word
_ANY_NEGATION = {k: f"{v} {IMPLICIT_NEGATIONS.get(k, '')}" for k, v in NEGATIONS.items()}


def _negated_words(words: list[str], lang: str | None) -> list[str]:
    """Words that negate with an affix: "un" + a known word (unmarked,
    unverified), "nicht" + one (nichttödlich), a known word + "less"/"los"
    (harmless, erfolglos). A word more frequent than the word it would
    negate is a word of its own, not a negation ("unbedingt", absolutely,
    against "bedingt"; "unheard-of" aside, a negated word is the rarer)."""
    from ..ingest.langid import _frequencies

    freq = _frequencies(lang or "")
    if freq is None:
        return []

    def known(part: str, word: str) -> bool:
        return any(
            part.endswith(end)
            and len(part) - len(end) >= 4
            and freq.get(part[: len(part) - len(end)], 0.0) >= max(_KNOWN_PART, freq.get(word, 0.0))
            for end in _AFFIX_ENDINGS
        )

    prefixes, suffixes = _NEGATIVE_PREFIXES.get(lang or "", ()), _NEGATIVE_SUFFIXES.get(lang or "", ())
    adjectival = _ADJECTIVE_PREFIXES.get(lang or "", ())
    return [
        w
        for w in words
        if any(w.startswith(p) and known(w[len(p) :], w) for p in prefixes)
        or any(w.endswith(x) and known(w[: -len(x)], w) for x in suffixes)
        or (
            w.endswith(_ADJECTIVE_ENDINGS)
            and any(w.startswith(p) and known(w[len(p) :], w) for p in adjectival)
        )
    ]


#: words a negation before them turns into one negative word ("not
#: anything" = "nothing", "nicht jemals" = "nie"), per language
NEGATIVE_POLARITY = {
    "en": {"any": "no", "anything": "nothing", "anyone": "nobody", "anybody": "nobody",
           "anywhere": "nowhere", "ever": "never"},
    "de": {"jemals": "nie", "irgendetwas": "nichts", "irgendwer": "niemand", "irgendjemand": "niemand"},
}  # fmt: skip


def _negative_polarity(words: list[str], lang: str | None) -> list[str]:
    """``words`` with a negation and the "any" word it governs read as the
    one negative word they make: "does not say anything" says "nothing"
    once, as "says nothing" does."""
    table = NEGATIVE_POLARITY.get(lang or "", {})
    out = list(words)
    for i, w in enumerate(out):
        if w in ("not", "nicht") or w.endswith("n't"):
            for j in range(i + 1, min(len(out), i + 1 + PREDICATE_WINDOW)):
                if out[j] in table:
                    out[j], out[i] = table[out[j]], ""
                    break
    return [w for w in out if w]


#: German verbs that deny only with their separable particle ("wies die
#: Vorwürfe zurück"): "alles wies darauf hin" points, it denies nothing
_SEPARABLE_DENIALS = {"wies": "zurück", "weist": "zurück", "wiesen": "zurück"}


def _without_unparted(words: list[str]) -> list[str]:
    """``words`` without a separable verb whose particle does not follow."""
    return [
        w
        for i, w in enumerate(words)
        if w not in _SEPARABLE_DENIALS or _SEPARABLE_DENIALS[w] in words[i + 1 :]
    ]


def _negation_signals(words: list[str], lang: str | None) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """A wording's outright negations, every word that says "not" in any
    form (outright, a verb or adverb, an affix, a denial), and the
    negations that cancel: a negation of a negative word ("not unable",
    "didn't miss", "nicht unbegründet") says yes, and so does one just
    after it, where a German clause ends in its "nicht" ("gestoppt werden
    nicht", "vermied es nicht")."""
    words = _negative_polarity(words, lang)
    explicit = set(_negation_words(words, lang))
    implicit = (
        set(_negation_words(words, lang, IMPLICIT_NEGATIONS))
        | set(_negated_words(words, lang))
        | set(_negation_words(_without_unparted(words), lang, ATTRIBUTION["denied"]))
    )
    excluding = set(_negation_words(words, lang, EXCLUSIONS))
    kept = [w in explicit or w in implicit or w in excluding for w in words]
    for i, w in enumerate(words):
        if kept[i] and w in explicit:
            for j in (i + 1, i + 2, i - 1, i - 2):
                if 0 <= j < len(words) and kept[j] and words[j] in implicit and words[j] not in explicit:
                    kept[i] = kept[j] = False
                    break
    said = [w for w, k in zip(words, kept, strict=True) if k]
    cancelled = Counter(w for w, k in zip(words, kept, strict=True) if not k and w in explicit)
    # a negation repeated over coordinated parts ("no towels and no gel",
    # "keine Kraft und keine Macht") says what one before them says ("no
    # towels or gel"): each word counts once
    # (each word once, in reading order: a set's order would follow the
    # hash seed into the message's word list)
    once = list(dict.fromkeys(said))
    return Counter(w for w in once if w in explicit), Counter(once), cancelled


def _polarity_flip(wa: list[str], wb: list[str], lang: str | None) -> list[str]:
    """The negations that turn one of two *independent* wordings round: a
    side says "not" more often than the other side says "not" in any form
    (outright, with a verb or adverb, with an affix). Two translators say
    "nicht ausreichend" and "unzureichend", "did not succeed" and "failed",
    "nicht zu übersehen" and "kaum zu übersehen": only a negation the other
    side has no counterpart for is a change of what is said. A word both
    sides use ("machtlos", "keine") is its own counterpart."""
    explicit_a, signals_a, cancelled_a = _negation_signals(wa, lang)
    explicit_b, signals_b, cancelled_b = _negation_signals(wb, lang)
    shared = signals_a & signals_b
    explicit_a, explicit_b = explicit_a - shared, explicit_b - shared
    signals_a, signals_b = signals_a - shared, signals_b - shared
    out: list[str] = []
    for explicit, mine, other, cancelled in (
        (explicit_a, signals_a, signals_b, cancelled_b),
        (explicit_b, signals_b, signals_a, cancelled_a),
    ):
        if explicit.total() > other.total():
            out += list(explicit.elements())
        elif cancelled and mine and not other:
            # "uninjured" against "not unhurt": a negative word against its
            # negation
            out += list(mine.elements()) + list(cancelled.elements())
    if not out:
        # a negation added to a negative sentence: one side says "not" more
        # often, outright and in every form ("no fresh towels and no gel"
        # against "no fresh towel or any gel" says it as often)
        more_explicit = explicit_a.total() - explicit_b.total()
        more_said = signals_a.total() - signals_b.total()
        if more_explicit * more_said > 0:
            out += list((explicit_a if more_explicit > 0 else explicit_b).elements())
    return out


#: words either side of a negation searched for what it negates
PREDICATE_WINDOW = 3
#: a word a word list knows this often is a function word ("the", "die",
#: "mehr"), not the content a negation is about
_FUNCTION_WORD = 1e-3
#: punctuation that ends the clause a negation belongs to; not the full
#: stop of a German ordinal ("am 5. August")
_CLAUSE_END = re.compile(r"[,;:!?()\[\]\"“”„«»–—]|(?<!\b\d)(?<!\b\d\d)\.")


def _clauses(text: str) -> list[list[str]]:
    """A wording's words clause by clause, read as :func:`content_changes`
    reads them."""
    return [_content_words(part) for part in _CLAUSE_END.split(text)]


def _predicate(words: list[str], i: int, lang: str | None) -> set[str]:
    """The stems of the content words next to the negation ``words[i]`` in
    its clause, what it negates: after it in English and in German
    subordinate clauses ("not *injured*", "dass er nicht *kam*"), before it
    where a German clause ends in its negation ("sie *kamen* nicht")."""
    from ..align.text import stemmer
    from ..ingest.langid import _frequencies

    freq, stem = _frequencies(lang or ""), stemmer(lang)
    negations = _lexicon(_ANY_NEGATION, lang)

    def content(w: str) -> bool:
        if w in negations or w.endswith("n't") or len(w) < 3:
            return False
        return freq.get(w, 0.0) < _FUNCTION_WORD if freq is not None else len(w) > 3

    after = [w for w in words[i + 1 : i + 1 + PREDICATE_WINDOW] if content(w)]
    if after:
        # a negation negates what follows it; the words before it are its
        # subject or, in German, the object of a verb that comes later
        # ("ihr Auto nicht verlassen": the car is no part of what is denied)
        return {stem(w) for w in after}
    return {stem(w) for w in words[max(0, i - PREDICATE_WINDOW) : i] if content(w)}


def _shared_predicate(a: str, b: str, negations: list[str], lang: str | None) -> bool:
    """Whether a negation that turns one of two independent wordings round
    negates what the other side *affirms* in the same word: a content word
    the negation negates stands on the other side away from any negation
    ("were not injured" / "were injured"). Only then is the flip strong
    evidence; where the two say it in different words ("unzureichend" /
    "nicht ausreichend", "blieb hinter den Erwartungen zurück" / "erfüllte
    die Erwartungen nicht") the counting cannot tell an antonym from a
    change, and the difference is shown as a rewording."""
    from ..align.text import stemmer

    stem = stemmer(lang)
    flipped, any_negation = set(negations), _lexicon(_ANY_NEGATION, lang)

    def negated(text: str, words: set[str]) -> set[str]:
        return {
            p
            for clause in _clauses(text)
            for i, w in enumerate(clause)
            if w in words or (w.endswith("n't") and any(n.endswith("n't") for n in words))
            for p in _predicate(clause, i, lang)
        }

    for mine, theirs in ((a, b), (b, a)):
        said = negated(mine, flipped)
        if said & ({stem(w) for w in _content_words(theirs)} - negated(theirs, any_negation)):
            return True
    return False


def _polarity_kind(a: str, b: str, wa: list[str], wb: list[str], flipped: list[str], lang: str | None) -> str:
    """How strong a polarity flip between independent wordings is: a
    "negation" (an error) when the negated word is the other side's
    (:func:`_shared_predicate`); a "polarity" (a warning) when the sentences
    say it in other words and the other side says "not" in no form at all;
    a "reworded negation" (information) when both say "not", each in words
    of their own ("in any case you can't get around" / "there is no getting
    around"): counting negations cannot tell those apart."""
    _, said_a, cancelled_a = _negation_signals(wa, lang)
    _, said_b, cancelled_b = _negation_signals(wb, lang)
    if set(flipped) & set(cancelled_a | cancelled_b) or _shared_predicate(a, b, flipped, lang):
        # a negative word against its negation ("uninjured" / "not unhurt")
        # is a flip whatever the words
        return "negation"
    # a "not" both say in the same word ("never" / "never") is no sign of
    # saying it in one's own words
    shared = said_a & said_b
    return "reworded negation" if said_a - shared and said_b - shared else "polarity"


def _degree_flip(a: str, b: str, wa: list[str], wb: list[str], lang: str | None) -> list[str]:
    """A "not" said by degree (:data:`DEGREE_NEGATIONS`) that turns one of
    two independent wordings round: its side says "not" in no other form,
    the other side in none at all, and the word it qualifies stands there
    unqualified (:func:`_shared_predicate`). Counted as an outright
    negation everywhere it flagged faithful translations ("kaum" / "knapp",
    "hardly" / "only just"); against a "not" of the other side it is that
    "not" said by degree ("kaum zu übersehen")."""
    degree = _lexicon(DEGREE_NEGATIONS, lang)
    for mine, theirs, text, other in ((wa, wb, a, b), (wb, wa, b, a)):
        said, heard = _negation_signals(mine, lang)[1], _negation_signals(theirs, lang)[1]
        if not said or heard or not set(said) <= degree:
            continue
        # before a number it qualifies the number ("kaum 50", "barely 3 %"):
        # "knapp 50", "just under 3 %", no negation of the sentence
        counted = [w for w in said if not re.search(rf"(?<!\w){re.escape(w)}\s+\d", text, re.IGNORECASE)]
        if counted and _shared_predicate(text, other, counted, lang):
            return counted
    return []


#: verbs that deny what was said, the core of the denial class: "rejected"
#: or "zurückgewiesen" also reject a proposal or a goal
DENIALS = {
    "en": "denied denies deny denying",
    "de": "bestritt bestreitet bestritten dementierte dementiert",
    "fr": "nié nie dément démenti",
    "es": "negó niega desmintió",
    "it": "negato nega smentito",
    "nl": "ontkende ontkent ontkend",
}


def _in(words: list[str], table: dict[str, str], lang: str | None) -> list[str]:
    lexicon = _lexicon(table, lang)
    return [w for w in words if w in lexicon]


#: English words before "denied" that make it a refusal or an adjective, not
#: a denial of what was said: the passive ("goals were denied by the
#: referee", "was even denied"; an adverb may stand between) and the
#: attributive ("a festival of denied goals")
_PASSIVE_BEFORE = frozenset("is are was were be been being get gets got".split())
_ATTRIBUTIVE_BEFORE = frozenset("a an the of for".split())


def _statement_denials(words: list[str], lang: str | None) -> list[str]:
    """The verbs of ``words`` that deny a statement ("he denied", "bestritt
    er"), without an English passive or attributive "denied"."""
    lexicon = _lexicon(DENIALS, lang)
    return [
        w
        for i, w in enumerate(words)
        if w in lexicon
        and not (
            lang == "en"
            and (
                _PASSIVE_BEFORE & set(words[max(0, i - 2) : i]) or (i and words[i - 1] in _ATTRIBUTIVE_BEFORE)
            )
            and words[i + 1 : i + 2] != ["that"]  # "it is denied that ..." denies a statement
        )
    ]


def _denial(wa: list[str], wb: list[str], lang: str | None) -> list[str]:
    """A statement made a denial between independent wordings, which rarely
    use the same verb of saying: a denial on one side where the other
    neither denies nor says "not" more often ("said" / "denied",
    "erklärte" / "bestritt"; "denied having problems" / "said there were
    no problems" says it as well)."""
    for mine, theirs in ((wa, wb), (wb, wa)):
        # against "said" or "confirmed" any "denied" reverses it; alone, a
        # passive or attributive one is a refusal ("goals were denied")
        asserted = _in(mine, ATTRIBUTION["asserted"], lang)
        denied = _in(theirs, DENIALS, lang) if asserted else _statement_denials(theirs, lang)
        balanced = len(_negation_words(mine, lang, _ANY_NEGATION)) > len(
            _negation_words(theirs, lang, _ANY_NEGATION)
        )
        if denied and not _in(mine, DENIALS, lang) and not balanced:
            said = asserted
            return (
                [f"{', '.join(said) or '–'} → {', '.join(denied)}"]
                if mine is wa
                else [f"{', '.join(denied)} → {', '.join(said) or '–'}"]
            )
    return []


#: "will" with these says what can be done ("will be able to", "will
#: enable"), not what will happen
_ABILITY = frozenset("able enable enables allow allows possible".split())


def _modal_words(words: list[str], lang: str | None) -> list[str]:
    """``words`` without an English "will" of ability: "will be able to"
    and "will enable" say "can", not what will happen. (A German passive
    "wird" stays: "es wird erwartet" against "es könnte erwartet werden"
    is a statement hedged.)"""
    return [
        w
        for i, w in enumerate(words)
        if not (lang == "en" and w == "will" and _ABILITY & set(words[i + 1 : i + 4]))
    ]


def content_changes(
    a: str, b: str, lang: str | None, *, numbers: bool = True, independent: bool = False
) -> dict[str, list[str]]:
    """What changed in content between two wordings of one sentence, by
    kind (negation, attribution, modality, quantity, numbers), each with
    the words involved ("not", "said → denied"). Empty for a rewording.

    With ``independent`` the two are independent wordings (two
    translations of one original), not one text edited: their negations
    are compared as the sentence's polarity (:func:`_polarity_flip`), not
    word for word."""
    wa, wb = _content_words(a), _content_words(b)
    out: dict[str, list[str]] = {}
    if independent:
        flipped = _polarity_flip(wa, wb, lang)
        if flipped:
            out[_polarity_kind(a, b, wa, wb, flipped, lang)] = flipped
        else:
            hedged = _degree_flip(a, b, wa, wb, lang)
            if hedged:
                out["negation"] = hedged
    else:
        na, nb = _negation_words(wa, lang, _ANY_NEGATION), _negation_words(wb, lang, _ANY_NEGATION)
        if bool(na) != bool(nb):  # the sentence's polarity flipped ("no one" = "nobody")
            out["negation"] = na or nb
        elif len(na) != len(nb):  # a negation added to or dropped from a negative sentence
            out["negations"] = [f"{', '.join(na)} → {', '.join(nb)}"]
    for kind, classes in (("attribution", ATTRIBUTION), ("modality", MODALITY), ("quantity", QUANTITY)):
        ma, mb = (
            (_modal_words(wa, lang), _modal_words(wb, lang))
            if kind == "modality"
            else (_without_unparted(wa), _without_unparted(wb))
        )
        found_a = {name: [w for w in ma if w in _lexicon(words, lang)] for name, words in classes.items()}
        found_b = {name: [w for w in mb if w in _lexicon(words, lang)] for name, words in classes.items()}
        lost = [name for name in classes if found_a[name] and not found_b[name]]
        gained = [name for name in classes if found_b[name] and not found_a[name]]
        if independent and kind == "attribution":
            denial = _denial(wa, wb, lang)
            if denial:
                out[kind] = denial
            continue
        if lost and gained:
            before = ", ".join(w for name in lost for w in found_a[name]) or "–"
            after = ", ".join(w for name in gained for w in found_b[name]) or "–"
            out[kind] = [f"{before} → {after}"]
    if numbers:
        va, vb = anchors.numbers(a), anchors.numbers(b)
        if sorted(va) != sorted(vb):
            only_a = [anchors.number_text(v) for v in va if v not in vb]
            only_b = [anchors.number_text(v) for v in vb if v not in va]
            out["numbers"] = [f"{', '.join(only_a) or '–'} → {', '.join(only_b) or '–'}"]
    return out


def edited(a: str, b: str, lang: str | None = None) -> bool:
    """Whether ``b`` is ``a`` edited (most words kept, in order) rather than
    an independent wording of the same content."""
    wa, wb = stems(a, lang), stems(b, lang)
    if min(len(wa), len(wb)) < EDITED_MIN_WORDS or wa == wb:
        return False  # a short line, or only inflection and punctuation changed
    return Levenshtein.normalized_similarity(wa, wb) >= EDITED_SIMILARITY


def independent(ctx: CheckContext, a_index: int) -> bool:
    """Whether the two same-language versions of alignment ``a_index`` are
    independent wordings of one content rather than one text and its edit.

    The relation decides what a small difference means. An outlet that
    edits a wire story keeps most sentences and changes a few words on
    purpose ("push" → "tip"), so a sentence edited is news. Two translators
    of one original word nearly every sentence differently; where a sentence
    comes out almost the same, the word that differs is a synonym
    ("hard" / "difficult"), a choice, not a change of what is said. Worked
    out once per comparison (``ctx.memo``): the quotes check asks too."""
    key = ("independent", a_index)
    if key not in ctx.memo:
        alignment = ctx.comparison.alignments[a_index]
        lang = ctx.documents[alignment.source].lang
        pairs = same = 0
        for _, link in alignment.pairs():
            a, b = ctx.text(alignment.source, link.src), ctx.text(alignment.target, link.tgt)
            pairs += 1
            same += fold(a) == fold(b) or stems(a, lang) == stems(b, lang) or edited(a, b, lang)
        ctx.memo[key] = pairs >= RELATION_MIN_PAIRS and same < COPY_SHARE * pairs
    return ctx.memo[key]


def value_severity(
    ctx: CheckContext,
    pair: AlignedPair,
    severity: Severity,
    source_only: list[Any],
    target_only: list[Any],
    *,
    unmatched_words: bool = False,
) -> Severity:
    """The severity of numbers, times or dates that differ inside a pair
    (``CheckContext.changed_or_one_sided``), and between independent
    same-language wordings (:func:`independent`) a value on one side only
    is information: one translator gives the weekday, the year, the "19" of
    "Covid-19" or "the 100th birthday" where the other leaves it to the
    context or says "centenary"; nothing said differs. A value *changed*
    (each side has one the other lacks) keeps its severity, and so does one
    where the other side says a value in words that it does not match
    (``unmatched_words``: "22 Jahre" / "zwanzig Jahre")."""
    if (
        (source_only and target_only)
        or unmatched_words
        or not _same_language_independent(ctx, pair.alignment_index)
    ):
        return ctx.changed_or_one_sided(severity, source_only, target_only)
    return Severity.INFO


def _same_language_independent(ctx: CheckContext, a_index: int) -> bool:
    alignment = ctx.comparison.alignments[a_index]
    same = ctx.documents[alignment.source].lang == ctx.documents[alignment.target].lang
    return same and independent(ctx, a_index)


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


def _named(content: dict[str, list[str]]) -> str:
    """``negation not; modality may → will``: what changed, by kind."""
    return "; ".join(f"{kind} {', '.join(words)}" for kind, words in content.items())


_ERROR_KINDS = ("negation", "attribution")
#: kinds too weak to flag on their own: a polarity said in other words
#: (:func:`_shared_predicate`)
WEAK_KINDS = ("reworded negation",)


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
            separate = independent(ctx, a_index)
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
                content = content_changes(
                    a, b, lang, numbers="numbers" not in ctx.enabled, independent=separate
                )
                if content:
                    severity = (
                        Severity.ERROR
                        if any(k in content for k in _ERROR_KINDS)
                        else Severity.INFO
                        if all(k in WEAK_KINDS for k in content)
                        else Severity.WARNING
                    )
                    message = f"Content changed ({_named(content)}): {changed}{more}."
                elif not separate and edited(a, b, lang):
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
            for (omitted, added), polarity in polarity_replacements(ctx, a_index).items():
                # a sentence worded too freely to pair, with a "not" only one
                # side says: the negation is named (a warning: that the two
                # are one sentence is likely, not certain), not only the
                # replacement (see :mod:`.replaced`)
                message = (
                    f"Content changed ({_named(polarity)}) in a sentence worded too differently to pair; "
                    f"it replaces {replaced_text(ctx, alignment, omitted)}."
                )
                evidence = {"content": polarity}
                yield replacement_finding(
                    ctx, self.name, Severity.WARNING, message, a_index, (omitted, added), evidence
                )
