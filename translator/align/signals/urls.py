"""URLs, e-mail addresses, @handles and #hashtags: copied verbatim by
translators, so an exact match is near-certain evidence."""

from __future__ import annotations

import re
from collections import Counter

from ..bag import BagSignal, Features
from ..context import PairContext

_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<!\w)[@#][A-Za-z_]\w{2,}",
    re.UNICODE,
)


_HINT = re.compile(r"[@#]|https?:|www\.")


class UrlsSignal(BagSignal):
    name = "urls"
    weight = 3.0
    pivot = 0.3
    saturation = 0.7

    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        return [_bag(s) for s in ctx.src], [_bag(t) for t in ctx.tgt]


def addresses(text: str) -> list[str]:
    """URLs, e-mail addresses, @handles and #hashtags in ``text``, trailing
    sentence punctuation stripped (also read by the links check)."""
    if not _HINT.search(text):
        return []
    return [m.group(0).rstrip(".,;:!?") for m in _URL.finditer(text)]


def _bag(text: str) -> Features:
    return dict(Counter(a.casefold() for a in addresses(text)))
