"""Imported by the batch pool's fork server: warms it up once.

``multiprocessing``'s fork server can only *import* modules before it
starts forking workers; this module's import runs
:func:`translator.pipeline.warm_up`, so workers start with langdetect's
profiles, the aligner, the checks and the report template already loaded.
A failure here must not take the fork server down: workers then simply
warm up on their first item, as they would without this module.
"""

from __future__ import annotations

try:
    from .pipeline import warm_up

    warm_up()
except Exception:  # noqa: BLE001 - an optimisation, never a reason to fail
    pass
