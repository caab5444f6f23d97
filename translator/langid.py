"""Language identification with langdetect, made deterministic.

langdetect samples n-grams randomly; without a fixed seed the same text can
get different answers on different runs, which would make reports flap. We
seed it once and keep one loaded factory per process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SEED = 0


@dataclass
class LangGuess:
    lang: str | None
    confidence: float
    #: full probability distribution (langdetect codes -> probability)
    probabilities: dict[str, float]


_loaded = False


def _ensure_loaded() -> None:
    global _loaded
    if not _loaded:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import init_factory

        DetectorFactory.seed = SEED
        init_factory()
        _loaded = True


def normalise_code(code: str | None) -> str | None:
    """langdetect says ``zh-cn``; everyone else says ``zh``."""
    if code is None:
        return None
    return code.split("-")[0].lower()


def detect(text: str, candidates: Iterable[str] | None = None) -> LangGuess:
    """Guess the language of ``text``.

    With ``candidates`` the distribution is restricted to those languages and
    renormalised, which is what a caller that knows the languages in play
    wants (German vs English, not German vs Afrikaans).
    """
    _ensure_loaded()
    from langdetect import detector_factory
    from langdetect.lang_detect_exception import LangDetectException

    if not any(ch.isalpha() for ch in text):
        return LangGuess(None, 0.0, {})
    detector = detector_factory._factory.create()
    detector.append(text)
    try:
        probs = detector.get_probabilities()
    except LangDetectException:
        return LangGuess(None, 0.0, {})
    dist: dict[str, float] = {}
    for item in probs:
        code = normalise_code(item.lang)
        if code:
            dist[code] = dist.get(code, 0.0) + item.prob
    if candidates is not None:
        wanted = {normalise_code(c) for c in candidates}
        dist = {k: v for k, v in dist.items() if k in wanted}
        total = sum(dist.values())
        if total <= 0:
            return LangGuess(None, 0.0, {})
        dist = {k: v / total for k, v in dist.items()}
    if not dist:
        return LangGuess(None, 0.0, {})
    lang, conf = max(dist.items(), key=lambda kv: kv[1])
    return LangGuess(lang, round(conf, 4), dist)
