"""Offline machine translation with Argos Translate packages.

``packages``: installing, listing and removing packages; ``engine``: batched
CTranslate2 decoding identical to argostranslate's; ``cache``: the SQLite
translation cache; ``protect``: glossary term protection; ``document``:
translating whole files while keeping their structure.
"""
