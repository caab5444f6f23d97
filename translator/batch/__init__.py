"""Batch: many comparisons from one manifest, resumable, on one or many machines.

Owns the run (:mod:`.run`: items, settings, per-item rendering, the
resumable state file and the combined outputs) and its executors: the local
process pool and the Dask cluster (:mod:`.cluster`).
"""
