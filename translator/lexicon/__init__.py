"""The lexicon: language knowledge shared by the aligner and the checks.

Owns the anchors read from text (numbers, dates, quotes, names, folding;
:mod:`.anchors`), the bundled and user glossaries (:mod:`.terms`), the
residue markers (:mod:`.markers`) and the variants of names across
languages (:mod:`.names`). It
depends on nothing but :mod:`translator.errors` and the bundled data, so
every stage above can use it.
"""
