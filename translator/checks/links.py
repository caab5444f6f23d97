"""URLs and e-mail addresses compared between aligned sentences.

Translators copy addresses verbatim, so one that is missing, added or
changed (a typo in a domain, another ``mailto:``) is a broken link for the
reader. Addresses are found by the same extraction the aligner uses as a
signal (:func:`translator.align.signals.urls.addresses`); @handles and
#hashtags are left out, since campaigns localise them. Host names and
e-mail addresses compare case-insensitively, paths exactly. A path segment
that is just the language code of either side (``/de/`` vs ``/en/``, a
localised page) is no difference unless option ``locale_paths`` is false.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..ingest.languages import primary_language
from ..model import Finding, Severity
from .base import AlignedPair, CheckContext


def links_in(text: str) -> list[str]:
    """The URLs and e-mail addresses of ``text``, as written."""
    from ..align.signals.urls import addresses  # the align package loads numpy: only when needed

    return [a for a in addresses(text) if a[0] not in "@#"]


def comparable(address: str, langs: set[str]) -> str:
    """The comparable form: lower-case host, and language path segments
    replaced by a marker when ``langs`` is given."""
    if "://" not in address and not address.startswith("www."):
        return address.casefold()  # an e-mail address
    parts = urlsplit(address if "://" in address else "http://" + address)
    path = parts.path
    if langs:
        path = "/".join(
            "{lang}"
            if re.fullmatch(r"([a-z]{2})(?:[-_][a-z]{2})?", seg.casefold() or "-")
            and seg[:2].casefold() in langs
            else seg
            for seg in path.split("/")
        )
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{parts.netloc.casefold()}{path.rstrip('/')}{query}{fragment}"


def pair_languages(ctx: CheckContext, pair: AlignedPair) -> set[str]:
    """The base language codes of both sides of a pair (for locale paths)."""
    langs = (ctx.documents[v].lang for v in (pair.alignment.source, pair.alignment.target))
    return {primary_language(lang) for lang in langs if lang}


class LinksCheck:
    name = "links"
    severity = Severity.ERROR
    description = "A URL or e-mail address differs between the two sides of an aligned pair."
    options = {"locale_paths": True}

    def run(self, ctx: CheckContext) -> Iterator[Finding]:
        locale_paths = ctx.option(self.name, "locale_paths", True)
        for pair in ctx.aligned_pairs():
            a, b = links_in(pair.source_text), links_in(pair.target_text)
            if not a and not b:
                continue
            langs = pair_languages(ctx, pair) if locale_paths else set()
            ka = Counter(comparable(x, langs) for x in a)
            kb = Counter(comparable(x, langs) for x in b)
            if ka == kb:
                continue
            only_a, only_b = ka - kb, kb - ka
            missing = [x for x in a if only_a[comparable(x, langs)]]
            extra = [x for x in b if only_b[comparable(x, langs)]]
            yield ctx.pair_finding(
                self.name,
                self.severity,
                f"Links differ: {ctx.only_in(pair, missing, extra)}.",
                pair,
                evidence={"source": missing, "target": extra},
            )
