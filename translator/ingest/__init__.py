"""Ingest: from what the user gives to documents split into sentences.

Owns everything before alignment: reading inputs (files, URLs through
:mod:`.fetch` and its :mod:`.pagecache`, small files read whole through
:mod:`.smallfiles`), decoding and format extraction (:mod:`.load`, which
asks :mod:`translator.formats` for the extractor), the map from extracted
text back to the source file (:mod:`.sourcemap`), sentence segmentation
(:mod:`.segment`), language identification (:mod:`.langid` the identifier,
:mod:`.detect` the stage that applies it to a document) and the user's
language codes (:mod:`.languages`). Nothing here knows about alignment,
checks or reports.
"""
