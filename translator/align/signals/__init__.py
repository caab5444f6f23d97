"""Alignment signals: one module each, all behind :class:`~.base.Signal`.

Adding a signal = one module + one line in :data:`SIGNALS`. The order is
the order of the ablation table.
"""

from __future__ import annotations

from .base import Signal
from .bootstrap import BootstrapSignal
from .casing import CasingSignal
from .cognates import CognatesSignal
from .dates import DatesSignal
from .dictionary import DictionarySignal
from .fuzzy import FuzzySignal
from .glossary import GlossarySignal
from .length import LengthSignal
from .mt import MtSignal
from .numbers import NumbersSignal
from .punctuation import PunctuationSignal
from .quotes import QuotesSignal
from .urls import UrlsSignal

SIGNALS: dict[str, type] = {
    cls.name: cls
    for cls in (
        LengthSignal,
        NumbersSignal,
        DatesSignal,
        UrlsSignal,
        PunctuationSignal,
        QuotesSignal,
        CognatesSignal,
        CasingSignal,
        GlossarySignal,
        DictionarySignal,
        BootstrapSignal,
        MtSignal,
        FuzzySignal,
    )
}

__all__ = ["SIGNALS", "Signal"] + [cls.__name__ for cls in SIGNALS.values()]
