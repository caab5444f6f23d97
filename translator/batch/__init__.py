"""Batch: many comparisons from one manifest, resumable, on one or many machines.

Owns the run and its parts, one module each: :mod:`.items` (the
manifest's items, the settings, resume keys), :mod:`.report` (compare and
render one item), :mod:`.pool` (the executor protocol and the local process
pool), :mod:`.state` (the resume state file), :mod:`.outputs` (``batch.json``,
the index page, the summary line) and :mod:`.run` (:func:`~.run.run_batch`,
which ties them together, and the consistency check across items); the Dask
executor is :mod:`.cluster`. Import from those modules: this package
re-exports nothing.
"""
