"""Bag-of-features signals, scored for every link in a band at numpy speed.

Most cross-language evidence is "the two sides share something": the same
number, a cognate name, a dictionary translation, a learned word pair, a
question mark. Each such signal turns every sentence into a sparse vector of
features (scipy CSR) and scores a link by comparing the *summed* vectors of
its source and target sentences. Because a block's vector is a sum, every
block score follows from three precomputed quantities:

- ``G[p, q] = u_p · v_q`` for the sentence pairs the band can touch,
- ``u_p · u_{p+k}`` for neighbours (the norm of a summed block),
- the L1 mass of each sentence (for the Dice / F-score measure),

so a 2-3 link costs nine look-ups, not a new string comparison. That is
what keeps 20,000 × 20,000 sentences within seconds.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from itertools import chain
from typing import NamedTuple

import numpy as np

from .context import PairContext
from .grid import PairWindows

Features = dict[Hashable, float]


class BagSignal:
    """Base class: subclasses implement :meth:`features`.

    The cost of a link is ``weight * confidence * (pivot - similarity)``:
    negative (a reward) when the sides share more than ``pivot``, positive
    when they share less. ``confidence`` grows with the amount of evidence
    (feature mass) so that one shared comma does not outweigh the length
    model while five shared numbers do. When neither side has a feature the
    signal abstains (cost 0).
    """

    name = "bag"
    weight = 1.0
    pivot = 0.3
    #: "cosine" (weighted, for counts) or "dice" (F-score on masses)
    measure = "cosine"
    #: feature mass at which confidence reaches 63 %
    saturation = 1.0
    #: weight features by inverse document frequency
    idf = False
    #: score each sentence of a link against the other block (see
    #: :meth:`sentence_cost`) rather than the blocks as wholes
    per_sentence = True

    def __init__(self) -> None:
        self.active = False

    # -- subclasses -------------------------------------------------------
    def features(self, ctx: PairContext) -> tuple[list[Features], list[Features]]:
        raise NotImplementedError

    # -- engine interface ---------------------------------------------------
    def prepare(self, ctx: PairContext) -> None:
        fs, ft = self.features(ctx)
        # first-seen order, as before, but without a Python loop per key
        vocab: dict[Hashable, int] = {
            key: k for k, key in enumerate(dict.fromkeys(chain.from_iterable((*fs, *ft))))
        }
        self.vocab_size = len(vocab)
        self.active = bool(vocab)
        # a pair searched whole (a short pair, a unit of a localisation
        # file, an article) stays out of scipy: importing scipy.sparse costs
        # about 0.1 CPU-s (its array-API layer imports numpy.f2py,
        # numpy.testing and more), and its per-call set-up more than the
        # arithmetic on a unit's few sentences
        small = (len(fs) + 1) * (len(ft) + 1) <= _ROWS_NODES or (_fits_small(fs) and _fits_small(ft))
        self.U = _csr(fs, vocab, small)
        self.V = _csr(ft, vocab, small)
        if self.idf and self.active:
            if small:
                width = self.U.shape[1]
                df = _column_counts(self.U, width) + _column_counts(self.V, width)
            else:
                df = (
                    np.asarray((self.U > 0).sum(axis=0)).ravel()
                    + np.asarray((self.V > 0).sum(axis=0)).ravel()
                )
            total = max(len(fs) + len(ft), 1)
            idf = np.log((total + 1) / (df + 0.5)).astype(np.float64)
            idf = np.maximum(idf, 0.1)
            if small:
                self.U, self.V = self.U.scaled(idf), self.V.scaled(idf)
            else:
                self.U = self.U.multiply(idf[None, :]).tocsr()
                self.V = self.V.multiply(idf[None, :]).tocsr()
        self._n, self._m = len(fs), len(ft)
        #: the rows' dot products of :meth:`prepare_norms`, for these rows
        self._dots = None
        self._mass_u = np.concatenate([[0.0], np.cumsum(_row_sums(self.U))])
        self._mass_v = np.concatenate([[0.0], np.cumsum(_row_sums(self.V))])

    def bind(self, windows: PairWindows, max_a: int, max_b: int, bank: BagBank | None = None) -> None:
        """Join a :class:`BagBank` (the engine shares one between all bag
        signals, so the band's look-ups are done once for all of them)."""
        if bank is None:
            bank = BagBank([self])
            bank.bind(windows, max_a, max_b)
        self.bank = bank
        self.column = bank.column(self)

    def similarity(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Similarity of blocks ``src[rows-a:rows]`` / ``tgt[cols-b:cols]`` and
        their total feature mass."""
        num = self.bank.numerators(a, b, rows, cols)[:, self.column]
        mu = self._mass_u[rows] - self._mass_u[rows - a]
        mv = self._mass_v[cols] - self._mass_v[cols - b]
        if self.measure == "dice":
            total = mu + mv
            sim = np.divide(2 * num, total, out=np.zeros_like(num), where=total > 0)
        else:
            den = np.sqrt(self._norm_u[a][rows] * self._norm_v[b][cols])
            sim = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
        return np.clip(sim, 0.0, 1.0), mu + mv

    def cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        if self.measure == "dice" or not self.per_sentence:
            sim, mass = self.similarity(a, b, rows, cols)
            confidence = 1.0 - np.exp(-mass / self.saturation)
            return self.weight * confidence * (self.pivot - sim)
        return self.sentence_cost(a, b, rows, cols)

    def shared(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """What the 1-1 pairs ending at ``(rows, cols)`` share by this
        signal's block measure, confidence-weighted (see
        :meth:`BagBank.support`, which does the per-sentence signals)."""
        sim, mass = self.similarity(1, 1, rows, cols)
        capacity = self.weight * (1.0 - np.exp(-mass / self.saturation))
        return capacity * sim, capacity

    def sentence_cost(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Every sentence of the link must be explained by the other side.

        Each source sentence is compared with the whole target block and
        each target sentence with the whole source block; the link's cost
        is the mean over its sentences on both sides, times the link size.
        A 2-1 link whose second source sentence shares nothing with the
        target then pays for that sentence (as an omission would) instead
        of hiding it behind its neighbour's good match.

        Two choices make merges fair (both measured on the Text+Berg dev
        set: strict F1 +0.005 at ``--max-link 3``, +0.012 at 4, lax F1 up at
        every setting):

        - the similarity is *coverage* (:func:`_coverage_den2`): how much
          of the sentence the other block explains, not a cosine that
          shrinks whenever the block holds a second sentence;
        - the confidence grows with the sentence's *own* evidence (twice
          its feature mass, which is the combined mass of a balanced 1-1
          pair). A fragment without a number says nothing about numbers:
          it must not pay for the number its partner block carries, or the
          fragment ends up cheaper to drop (a spurious 0-1) than to merge;
        - coverage never drops when a block grows, so a sentence compared
          with a block of ``b`` sentences has ``b - 1`` times its *chance*
          coverage subtracted (:meth:`BagBank._chance`, after Vecalign's
          normalisation by random sentences): a merge must explain more
          than its extra sentences would by accident (strict F1 +0.007 at
          ``--max-link 3``, +0.017 at 4, +0.022 at 5).
        """
        _, by_src, by_tgt = self.bank.parts(a, b, rows, cols)
        k = self.column
        nu_block = self._norm_u[a][rows]
        nv_block = self._norm_v[b][cols]
        total = np.zeros(len(rows))
        for da in range(1, a + 1):
            total += self._side_term(
                by_src[da - 1][:, k],
                rows - da + 1,
                self._norm_u[1],
                self._mass_u,
                nv_block,
                b - 1,
                self.bank.BU[:, k],
            )
        for db in range(1, b + 1):
            total += self._side_term(
                by_tgt[db - 1][:, k],
                cols - db + 1,
                self._norm_v[1],
                self._mass_v,
                nu_block,
                a - 1,
                self.bank.BV[:, k],
            )
        return self.weight * total / 2.0

    def _side_term(
        self,
        numerator: np.ndarray,
        ends: np.ndarray,
        norms: np.ndarray,
        mass: np.ndarray,
        block_norms: np.ndarray,
        extra: int,
        chance: np.ndarray,
    ) -> np.ndarray:
        """One sentence's term of :meth:`sentence_cost` (either side): its
        chance-corrected coverage by the other block (of ``extra + 1``
        sentences), weighted by the confidence its own evidence gives."""
        den = np.sqrt(_coverage_den2(norms[ends], block_norms))
        sim = np.minimum(np.divide(numerator, den, out=np.zeros(len(ends)), where=den > 0), 1.0)
        sim -= extra * chance[ends]
        conf = 1.0 - np.exp(-2.0 * (mass[ends] - mass[ends - 1]) / self.saturation)
        return conf * (self.pivot - sim)

    def prepare_norms(self, max_a: int, max_b: int) -> None:
        """``|sum of a consecutive sentence vectors|²`` for every end position."""
        if getattr(self, "_dots", None) is None:
            self._dots: tuple[list[np.ndarray], list[np.ndarray]] | None = ([], [])
        self._norm_u = _block_norms(self.U, max_a, self._dots[0])
        self._norm_v = _block_norms(self.V, max_b, self._dots[1])

    def pair_similarity(self, i: int, j: int) -> float:
        """Similarity of single sentences (for anchors and link scores)."""
        u = self.U.getrow(i)
        v = self.V.getrow(j)
        num = float(u.multiply(v).sum())
        if self.measure == "dice":
            total = float(u.sum() + v.sum())
            return 2 * num / total if total else 0.0
        den = math.sqrt(float(u.multiply(u).sum()) * float(v.multiply(v).sum()))
        return num / den if den else 0.0


def _csr(bags: list[Features], vocab: dict[Hashable, int], small: bool = False):
    """Sparse rows from feature dicts (iterators straight into numpy: this
    runs once per signal and side on every sentence of the document): a
    scipy CSR matrix, or for ``small`` inputs the same arrays as
    :class:`_SmallRows`."""
    indptr = np.zeros(len(bags) + 1, dtype=np.int64)
    np.cumsum([len(bag) for bag in bags], out=indptr[1:])
    total = int(indptr[-1])
    indices = np.fromiter(map(vocab.__getitem__, chain.from_iterable(bags)), dtype=np.int64, count=total)
    data = np.fromiter(chain.from_iterable(bag.values() for bag in bags), dtype=np.float64, count=total)
    shape = (len(bags), max(len(vocab), 1))
    if small:
        return _SmallRows(data, indices, indptr, shape)
    from scipy.sparse import csr_matrix

    return csr_matrix((data, indices, indptr), shape=shape)


def _fits_small(bags: list[Features]) -> bool:
    """Whether one side's rows take the scipy-free path (:class:`_SmallRows`)."""
    return len(bags) <= _SMALL_ROWS and sum(map(len, bags)) <= _SMALL_NNZ


class _SmallRows(NamedTuple):
    """Feature rows in CSR layout, without scipy: the sentences of a pair
    searched whole (:data:`_ROWS_NODES`).

    Every operation the aligner needs of such a matrix (:func:`_row_sums`,
    :func:`_row_dots`, :func:`_banded_products` on a whole grid, the idf
    weights) reads the three arrays directly and gives scipy's numbers bit
    for bit; anything else (a band's products, anchors) gets the scipy
    matrix from :meth:`tocsr`. Rows come from feature dicts, so no row
    stores a column twice.
    """

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]

    @property
    def nnz(self) -> int:
        return len(self.data)

    def tocsr(self):
        from scipy.sparse import csr_matrix

        # a copy: scipy sorts a matrix's indices in place, which must not
        # reorder these arrays behind this object's back
        return csr_matrix((self.data, self.indices, self.indptr), shape=self.shape, copy=True)

    def getrow(self, i: int):
        return self.tocsr().getrow(i)

    def scaled(self, weights: np.ndarray) -> _SmallRows:
        """``M.multiply(weights[None, :]).tocsr()``: each stored value times
        its column's weight, each row's values by column (scipy's product
        goes through a coordinate matrix, whose conversion back sorts them)."""
        owners = np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))
        order = np.lexsort((self.indices, owners))
        indices = self.indices[order]
        return self._replace(data=self.data[order] * weights[indices], indices=indices)


def _tiny(M) -> bool:  # noqa: ANN001 - _SmallRows or a scipy matrix
    """Whether ``M`` is a few sentences' rows (:func:`_fits_small`)."""
    return M.shape[0] <= _SMALL_ROWS and M.nnz <= _SMALL_NNZ


def _column_counts(M: _SmallRows, width: int) -> np.ndarray:
    """``(M > 0).sum(axis=0)`` as a flat array: rows with a positive value
    in each column."""
    return np.bincount(M.indices[M.data > 0], minlength=width)


def _small_product(U: _SmallRows, V: _SmallRows, p0: int, p1: int, c0: int, c1: int) -> np.ndarray:
    """``(U[p0:p1] @ V[c0:c1].T).toarray()`` summed as scipy sums it.

    scipy's sparse product adds, for each row ``p`` of ``U``, the products
    of its stored values with ``V``'s value in the same column, in ``p``'s
    stored order, onto 0.0. Here the ``t``-th stored value of every row is
    added at step ``t``: the same additions in the same order per entry (a
    column ``V`` lacks adds an exact zero, which changes no sum).
    """
    dense_v = np.zeros((c1 - c0, U.shape[1]))
    lo, hi = int(V.indptr[c0]), int(V.indptr[c1])
    owners = np.repeat(np.arange(c1 - c0), np.diff(V.indptr[c0 : c1 + 1]))
    dense_v[owners, V.indices[lo:hi]] = V.data[lo:hi]
    block = np.zeros((p1 - p0, c1 - c0))
    starts = U.indptr[p0:p1]
    lengths = np.diff(U.indptr[p0 : p1 + 1])
    for t in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > t)
        at = starts[rows] + t
        block[rows] += U.data[at, None] * dense_v[:, U.indices[at]].T
    return block


def _rows_product(U: _SmallRows, V: _SmallRows) -> np.ndarray:
    """``(U @ V.T).toarray()`` summed as scipy sums it, for rows of any size.

    As in :func:`_small_product`, each entry is the products of ``U``'s row
    with ``V``'s values in the same columns, added in the row's stored
    order onto 0.0; here only the products of columns both rows store are
    formed (a column ``V``'s row lacks adds an exact zero): the ``t``-th
    stored value of every row of ``U`` times every row of ``V`` that has
    its column, added at step ``t``. Within a step no entry is added twice
    (a row stores a column once), so each step is one scatter."""
    n, m, width = U.shape[0], V.shape[0], U.shape[1]
    out = np.zeros((n, m))
    if not U.nnz or not V.nnz:
        return out
    # V's values by column: the rows of V that have each column
    by_column = np.argsort(V.indices, kind="stable")
    v_rows = np.repeat(np.arange(m), np.diff(V.indptr))[by_column]
    v_data = V.data[by_column]
    starts = np.zeros(width + 1, dtype=np.int64)
    np.cumsum(np.bincount(V.indices, minlength=width), out=starts[1:])
    lengths = np.diff(U.indptr)
    u_rows = np.repeat(np.arange(n), lengths)
    place = np.arange(U.nnz) - np.repeat(U.indptr[:-1], lengths)
    counts = starts[U.indices + 1] - starts[U.indices]
    # U's values with a partner, grouped by their place in their row
    live = np.flatnonzero(counts > 0)
    live = live[np.argsort(place[live], kind="stable")]
    bounds = np.searchsorted(place[live], np.arange(int(lengths.max()) + 2))
    for t in range(len(bounds) - 1):
        e = live[bounds[t] : bounds[t + 1]]
        if not len(e):
            continue
        c = counts[e]
        first = np.cumsum(c) - c
        at = np.repeat(starts[U.indices[e]] - first, c) + np.arange(int(first[-1] + c[-1]))
        rows = np.repeat(u_rows[e], c)
        out[rows, v_rows[at]] += np.repeat(U.data[e], c) * v_data[at]
    return out


def _rows_dots(M: _SmallRows, d: int) -> np.ndarray | None:
    """:func:`_row_dots` of rows of any size, vectorised: the products of
    the columns a row and the row ``d`` below it both store, in the order
    scipy's element-wise product stores them (by column when both slices
    have sorted columns in every row, else the reverse of the upper row's
    order), zeros dropped as scipy drops them, summed by the same
    ``add.reduceat`` as :func:`_row_sums`. None when a row stores a column
    twice (scipy sums those first)."""
    n, width = M.shape
    lengths = np.diff(M.indptr)
    owner = np.repeat(np.arange(n), lengths)
    keys = owner * width + M.indices
    order = np.argsort(keys, kind="stable")
    if len(keys) and (keys[order][1:] == keys[order][:-1]).any():
        return None
    # rows whose stored columns are not in increasing order
    unordered = np.zeros(n, dtype=bool)
    same_row = owner[1:] == owner[:-1]
    unordered[owner[1:][same_row & (M.indices[1:] <= M.indices[:-1])]] = True
    canonical = not unordered[: n - d].any() and not unordered[d:].any()
    upper = int(M.indptr[n - d])
    if canonical:
        idx = np.arange(upper)
    else:
        # each upper row's values from its last to its first
        idx = np.repeat(M.indptr[1 : n - d + 1] - 1, lengths[: n - d]) - (
            np.arange(upper) - np.repeat(M.indptr[: n - d], lengths[: n - d])
        )
    # the same column in the row d below: key + d * width
    sorted_keys = keys[order]
    want = keys[idx] + d * width
    at = np.minimum(np.searchsorted(sorted_keys, want), max(len(keys) - 1, 0))
    found = sorted_keys[at] == want if len(keys) else np.zeros(len(want), dtype=bool)
    products = M.data[idx[found]] * M.data[order[at[found]]]
    rows = owner[idx[found]]
    keep = products != 0
    products, rows = products[keep], rows[keep]
    out = np.zeros(n - d, dtype=np.float64)
    if len(products):
        first = np.flatnonzero(np.concatenate([[True], rows[1:] != rows[:-1]]))
        out[rows[first]] = np.add.reduceat(products, first)
    return out


def _sentence_term(num, den2, confidence, pivot, chance=None) -> np.ndarray:
    """``confidence * (pivot - (coverage - chance))`` for one sentence
    against a block (see :meth:`BagSignal.sentence_cost` and
    :meth:`BagBank._chance`); ``den2`` is overwritten. ``confidence`` is
    the sentence's own (:func:`_confidence`), computed once per sentence."""
    den = np.sqrt(den2, out=den2)
    sim = np.divide(num, den, out=np.zeros(num.shape, dtype=num.dtype), where=den > 0)
    np.minimum(sim, 1.0, out=sim)
    if chance is not None:
        sim -= chance
    np.subtract(pivot, sim, out=sim)
    return confidence * sim


def _confidence(mass: np.ndarray, inv_sat: np.ndarray) -> np.ndarray:
    """``1 - exp(-mass / saturation)``: how much a sentence's own evidence
    (``mass``, twice its feature mass) is worth."""
    x = mass * -inv_sat
    return -np.expm1(x, out=x)


#: rows of one :func:`_weighted_sum` product (under OpenBLAS's threading
#: threshold)
_CHUNK = 4096
#: links whose bag costs are summed together (:meth:`BagBank.joint_cost`):
#: whole chunks of :func:`_weighted_sum`, so that every product sees the
#: same rows as one over all links would (its last bits depend on a row's
#: place in the product)
_BLOCK = _CHUNK


def _source_rows(source: tuple, start: int, stop: int) -> np.ndarray:
    """Rows ``start:stop`` of a read of :meth:`BagBank._sources`, one
    column per joint signal."""
    table, pairs, width = source
    if pairs is None:
        return table[start:stop]
    if len(pairs) == 2:
        # a whole grid: the pair of a link is its end node's less a constant
        base, shift = pairs
        return _table_rows(table, base[start:stop] - shift, width)
    first, rows, cols, dr, dc = pairs
    return _table_rows(table, first[rows[start:stop] - dr] + (cols[start:stop] - dc), width)


def _table_rows(table: np.ndarray, index: np.ndarray, width: int) -> np.ndarray:
    """``table[index, :width]``: the rows are gathered whole from the
    contiguous table (``np.take`` copies a non-contiguous array in full
    first), then cut to the signals' columns (a table may have spare ones,
    :data:`_SPARE`) as a view: BLAS reads it with its row stride, the same
    products in the same order as from a copy (:func:`_weighted_sum`)."""
    rows = np.take(table, index, axis=0)
    return rows if rows.shape[1] == width else rows[:, :width]


def _weighted_sum(x: np.ndarray, weight: np.ndarray, chunk: int = _CHUNK) -> np.ndarray:
    """``x @ weight``, a few thousand rows at a time.

    The product is tiny per row, but on a long array OpenBLAS hands it to
    its thread pool, whose threads then spin idle for a while after every
    call: at 20,000 sentences about a second of CPU time taken from the
    other core for no gain in wall time. The chunks stay under the pool's
    threshold; the numbers are the same.
    """
    out = np.empty(len(x), dtype=np.result_type(x, weight))
    for start in range(0, len(x), chunk):
        np.matmul(x[start : start + chunk], weight, out=out[start : start + chunk])
    return out


def _coverage_den2(own: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Squared denominator of :func:`_sentence_term`'s similarity.

    ``|u|² · min(|u|², |B|²)``: when the other block ``B`` carries at least
    as much evidence as the sentence ``u``, the similarity is ``u·B / |u|²``,
    the share of the sentence that the block explains (a sentence inside a
    2-1 link is not "diluted" by its neighbour, as a plain cosine would
    be); when the block carries less, it is the plain cosine, so a short
    block cannot claim to explain a long sentence.
    """
    return own * np.minimum(own, other)


def _row_sums(M) -> np.ndarray:
    """``M.sum(axis=1)`` of a CSR matrix as a flat array: what scipy does
    for it (one ``add.reduceat`` over the stored values of the non-empty
    rows, in their stored order), without its per-call set-up, which is
    most of the cost for the few sentences of a unit in a localisation
    file."""
    out = np.zeros(M.shape[0], dtype=np.float64)
    rows = np.flatnonzero(np.diff(M.indptr))
    if len(rows):
        out[rows] = np.add.reduceat(M.data, M.indptr[rows])
    return out


#: matrices with at most this many stored values and rows get
#: :func:`_row_dots`'s direct path (the per-row Python work grows with
#: them; scipy's set-up does not)
_SMALL_NNZ = 512
_SMALL_ROWS = 48
#: pairs of at most this many DP nodes keep their rows out of scipy
#: (:class:`_SmallRows`): the pairs the engine searches whole
#: (``AlignOptions.full_limit``'s default)
_ROWS_NODES = 500_000


def _row_dots(M, d: int) -> np.ndarray:
    """``M[: n - d].multiply(M[d:]).sum(axis=1)`` as a flat array: each
    row's dot product with the row ``d`` below it.

    A small matrix gets the same numbers without scipy's set-up (a dozen
    sparse calls per signal and side, for each unit of a localisation
    file): the products of the columns both rows store, in the order
    scipy's element-wise product stores them (by column when both slices
    have sorted, distinct columns in every row; otherwise the reverse of
    the upper row's order, as its linked-list merge leaves them), summed
    by the same ``add.reduceat`` as :func:`_row_sums`. A row with
    duplicate columns, or a larger matrix, goes to scipy itself.
    """
    n = M.shape[0]
    if M.nnz > _SMALL_NNZ or n > _SMALL_ROWS:
        if isinstance(M, _SmallRows):
            dots = _rows_dots(M, d)
            if dots is not None:
                return dots
        M = M.tocsr()
        return _row_sums(M[: n - d].multiply(M[d:]))
    indptr, indices, data = M.indptr.tolist(), M.indices.tolist(), M.data.tolist()
    cols = [indices[indptr[p] : indptr[p + 1]] for p in range(n)]
    rows = [dict(zip(c, data[indptr[p] : indptr[p + 1]], strict=True)) for p, c in enumerate(cols)]
    if any(len(row) != len(c) for row, c in zip(rows, cols, strict=True)):
        M = M.tocsr()
        return _row_sums(M[: n - d].multiply(M[d:]))
    ordered = [c == sorted(c) for c in cols]
    canonical = all(ordered[: n - d]) and all(ordered[d:])
    products: list[float] = []
    starts: list[int] = []
    nonempty: list[int] = []
    for p in range(n - d):
        below = rows[p + d]
        first = len(products)
        order = range(indptr[p], indptr[p + 1]) if canonical else range(indptr[p + 1] - 1, indptr[p] - 1, -1)
        for jj in order:
            other = below.get(indices[jj])
            if other is not None:
                product = data[jj] * other
                if product != 0:
                    products.append(product)
        if len(products) > first:
            starts.append(first)
            nonempty.append(p)
    out = np.zeros(n - d, dtype=np.float64)
    if products:
        out[nonempty] = np.add.reduceat(np.array(products, dtype=np.float64), starts)
    return out


def _block_norms(M, max_k: int, dots: list[np.ndarray] | None = None) -> dict[int, np.ndarray]:
    """``out[k][e] = |m_{e-k} + … + m_{e-1}|²`` (0 where ``e < k``).

    ``dots`` keeps the rows' dot products with the rows ``d`` below them
    between calls on the same ``M`` (the second pass needs the first's and
    more)."""
    n = M.shape[0]
    dots = [] if dots is None else dots
    for d in range(len(dots), max_k):
        if d >= n:
            dots.append(np.zeros(0))
        else:
            dots.append(_row_dots(M, d))
    out: dict[int, np.ndarray] = {0: np.zeros(n + 1)}
    for k in range(1, max_k + 1):
        total = np.zeros(n + 1)
        for d in range(k):
            if not len(dots[d]):
                continue
            # pairs (p, p + d) inside the block [e - k, e): p = e - k + start
            # for the ends e where that is a row of dots[d] (adding nothing
            # elsewhere: the same sums, without index arrays per term)
            for start in range(k - d):
                shift = k - start
                lo, hi = shift, min(n + 1, shift + len(dots[d]))
                if lo < hi:
                    val = dots[d][lo - shift : hi - shift]
                    total[lo:hi] += val if d == 0 else 2 * val
        out[k] = total
    return out


#: sentence pairs of the band whose terms are computed together
_PAIR_SLICE = 1 << 17
#: bands of at most this many sentence pairs keep each slice's sentence
#: indices (16 bytes a pair) for all their tables
_KEPT_PAIRS = 1 << 19
#: spare columns of a whole grid's term tables: the signals a second pass
#: adds (the bootstrapped lexicon) fill them in place of a copy of the
#: table (:meth:`BagBank._compute_terms`)
_SPARE = 1
#: a read of at most 1/8 of the band's pairs computes its terms alone
_SUBSET_SHARE = 8
#: pairs whose terms :meth:`BagBank._few_terms` computes together
_FEW_PAIRS = 1 << 14
#: a signal's terms are spread per sentence when at most 1/3 of the band's
#: pairs can have a non-zero numerator (:meth:`BagBank._hot`)
_HOT_SHARE = 3
#: ... in bands of at most this many pairs (a mask is a byte a pair, one
#: per joint signal while a table is built: larger bands score every pair)
_HOT_BAND = 1 << 21


def _leading_columns(columns: dict[int, np.ndarray]) -> int:
    """How many of the table columns ``columns[0], columns[1], ...`` are
    the same-numbered columns of one earlier table (the views a whole-grid
    pass keeps of its tables, see :meth:`BagBank._compute_terms`)."""
    first = columns.get(0)
    table = first.base if first is not None else None
    if table is None or table.ndim != 2 or table.shape[0] != len(first):
        return 0
    count = 0
    while count < table.shape[1] and count in columns:
        column = columns[count]
        if column.base is not table or column.ctypes.data != table.ctypes.data + count * table.strides[1]:
            break
        count += 1
    return count


def _whole_grid(windows: PairWindows) -> tuple[int, int] | None:
    """``(n, m)`` when the windows are every sentence pair (a pair small
    enough to be searched whole, in both passes), else None."""
    if len(windows.lo) and (windows.lo.any() or (windows.hi != windows.m).any()):
        return None
    return windows.n, windows.m


def _memo(signal: BagSignal, whole: tuple[int, int] | None) -> dict:
    """The signal's per-pair tables from an earlier pass over the same
    whole grid: its dot products, chance coverage and sentence terms.

    Both passes of a pair small enough to be searched whole use every
    sentence pair, so a first-pass signal's columns are the same numbers in
    the second pass (only the bootstrapped lexicon is new there). Banded
    pairs keep nothing: their bands differ between passes, and their
    tables are large.
    """
    memo = getattr(signal, "_band_memo", None)
    if memo is None or memo.get("whole") != whole or whole is None:
        memo = {"whole": whole}
        signal._band_memo = memo
    return memo


class BagBank:
    """The band's sentence-pair dot products of several bag signals, stacked.

    ``G[x, s]`` is signal ``s``'s dot product for the ``x``-th sentence pair
    of the band; block numerators for a move are ``a × b`` gathers of whole
    rows of ``G``, shared by every signal (and cached per move).
    """

    def __init__(self, signals: list[BagSignal]) -> None:
        self.signals = list(signals)
        self._cache: tuple | None = None

    def column(self, signal: BagSignal) -> int:
        return self.signals.index(signal)

    def bind(self, windows: PairWindows, max_a: int, max_b: int) -> None:
        self.windows = windows
        self.off = windows.off
        self._whole = _whole_grid(windows)
        self._memos = [_memo(signal, self._whole) for signal in self.signals]
        self._pairs: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.G = np.zeros((int(self.off[-1]), max(len(self.signals), 1)), dtype=np.float32)
        for k, signal in enumerate(self.signals):
            signal.prepare_norms(max_a, max_b)
            memo = self._memos[k]
            if "G" not in memo:
                memo["G"] = _banded_products(signal.U, signal.V, windows)
            self.G[:, k] = memo["G"]
            if self._whole is None:
                # a banded pair keeps nothing between passes (see _memo)
                memo.clear()
                signal._dots = None
        self._cache = None
        #: the signs :meth:`joint_cost` kept for :meth:`unsupported`
        self._signs: tuple | None = None
        self._term_cache: dict[tuple[str, int], np.ndarray] = {}
        #: the pairs of a table computed one by one (:meth:`_terms_at`):
        #: their sorted band indices and their terms
        self._part_cache: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}
        self._hot_cache: dict[tuple[str, int, int], np.ndarray | None] = {}
        #: each signal's pairs with a non-zero dot product (index, p, q)
        self._nonzero: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._conf: tuple[np.ndarray, np.ndarray] | None = None
        # per-signal quantities stacked as (positions, signals) so that one
        # gather serves every signal
        sigs = self.signals
        self.NU = (
            {k: np.stack([s._norm_u[k] for s in sigs], axis=1) for k in range(max_a + 1)} if sigs else {}
        )
        self.NV = (
            {k: np.stack([s._norm_v[k] for s in sigs], axis=1) for k in range(max_b + 1)} if sigs else {}
        )
        self.MU = np.stack([s._mass_u for s in sigs], axis=1) if sigs else None
        self.MV = np.stack([s._mass_v for s in sigs], axis=1) if sigs else None
        self.weight = np.array([s.weight for s in sigs])
        self.pivot = np.array([s.pivot for s in sigs])
        self.inv_sat = np.array([1.0 / s.saturation for s in sigs])
        self.joint = np.array([s.measure != "dice" and s.per_sentence for s in sigs], dtype=bool)
        self.BU, self.BV = self._chance(windows)
        if self._whole is not None:
            for k, memo in enumerate(self._memos):
                memo["chance"] = (self.BU[:, k].copy(), self.BV[:, k].copy())

    def release(self, keep: Iterable[tuple[int, int]] = ()) -> None:
        """Drop the per-pair tables that no move of ``keep`` reads: they are
        the size of the band, and the moves still to score or the search
        that follows need the memory more (a later call recomputes what it
        needs)."""
        wanted = {key for a, b in keep if b for key in (("src", b), ("tgt", a))}
        self._cache = None
        self._signs = None
        self._term_cache = {key: value for key, value in self._term_cache.items() if key in wanted}
        self._part_cache = {key: value for key, value in self._part_cache.items() if key in wanted}
        self._hot_cache = {key: value for key, value in self._hot_cache.items() if key[:2] in wanted}

    def _chance(self, windows: PairWindows) -> tuple[np.ndarray, np.ndarray]:
        """Chance coverage: how much of each sentence an *unrelated* sentence
        of the other side explains, on average over its window (all of the
        other side in a full search; the neighbourhood in a band).

        Coverage never drops when a block grows, so without a correction
        every merge looks at least as good as the links it replaces, and
        noisy evidence (dictionary senses, function-word translations)
        makes it look better. As Vecalign normalises a candidate's cosine by
        the sentences' similarity to random sentences, a sentence compared
        with a block of ``b`` sentences here has ``(b - 1)`` times its chance
        coverage subtracted: a merge must explain more than its extra
        sentences would by accident. 1-1 links are unchanged. A sentence's
        best match is left out of its mean (it is likely its partner; in a
        short document it would dominate). Returned per
        block end position (``out[p + 1]`` is sentence ``p``), one column
        per signal.
        """
        n, m = windows.n, windows.m
        k = len(self.signals)
        bu = np.zeros((n + 1, max(k, 1)), dtype=np.float32)
        bv = np.zeros((m + 1, max(k, 1)), dtype=np.float32)
        if not len(self.G) or not k:
            return bu, bv
        widths = windows.hi - windows.lo
        # the best match of a sentence is likely its partner, not chance:
        # it is left out of the mean
        per_p = np.maximum(widths - 1, 1)
        # each target sentence's pairs: the source windows that contain it
        per_q = np.zeros(m + 1, dtype=np.int64)
        np.add.at(per_q, windows.lo, 1)
        np.add.at(per_q, windows.hi, -1)
        per_q = np.maximum(np.cumsum(per_q[:m]) - 1, 1)
        for c, sig in enumerate(self.signals):
            if not self.joint[c]:
                continue
            if "chance" in self._memos[c]:
                bu[:, c], bv[:, c] = self._memos[c]["chance"]
                continue
            # a pair whose dot product is 0 covers nothing: only the others
            # are scored (the sums and maxima over a sentence's pairs are
            # the same without the zeros: every sum starts at 0 and adds
            # them in the band's order, every maximum starts at 0)
            nz, p, q = self._nonzero_pairs(c)
            g = self.G[nz, c].astype(np.float64)
            nu = sig._norm_u[1][p + 1]
            nv = sig._norm_v[1][q + 1]
            for out, index, count, size in ((bu, p, per_p, n), (bv, q, per_q, m)):
                den = np.sqrt((nu if index is p else nv) * np.minimum(nu, nv))
                cover = np.minimum(np.divide(g, den, out=np.zeros_like(g), where=den > 0), 1.0)
                best = np.zeros(size)
                np.maximum.at(best, index, cover)
                out[1:, c] = (np.bincount(index, cover, minlength=size) - best) / count
        return bu, bv

    def joint_cost(
        self, a: int, b: int, rows: np.ndarray, cols: np.ndarray, signs: bool = False
    ) -> np.ndarray:
        """:meth:`BagSignal.sentence_cost` summed over the per-sentence
        signals of the bank, computed for all of them at once (float32:
        these are evidence weights, not money).

        A sentence's term depends on the sentence and the *other* block
        only, not on the size of its own block, so it is computed once per
        sentence pair of the band (:meth:`_terms`) and every move gathers
        it: a 2-1 link reuses the 1-1 terms of both its source sentences
        instead of recomputing them (the same numbers, a third of the work).
        ``rows``/``cols`` must be nodes of the grid the bank was bound for,
        with ``rows >= a`` and ``cols >= b >= 1``.

        The links are summed a block of :data:`_BLOCK` at a time: every
        link's sum is its own, and the blocks are whole chunks of
        :func:`_weighted_sum`, so the numbers are those of summing all
        links at once, but a block's gathered terms stay in the processor's
        cache (the whole band's are tens of MB, and adding them up was
        bound by memory). With ``signs``, the sign of each sentence's
        weighted term is kept for :meth:`unsupported` (the same gathers).
        """
        cols_k = np.flatnonzero(self.joint)
        self._signs = None
        if not len(cols_k):
            return np.zeros(len(rows))
        weight = self.weight[cols_k] / 2.0
        sources = self._sources(a, b, rows, cols)
        kept = [np.empty(len(rows), dtype=bool) for _ in sources] if signs else None
        out = np.empty(len(rows), dtype=np.float64)
        for s in range(0, len(rows), _BLOCK):
            e = min(s + _BLOCK, len(rows))
            total = np.zeros((e - s, len(cols_k)), dtype=np.float32)
            reads = [_source_rows(source, s, e) for source in sources]
            for terms in reads:
                total += terms
            if kept is not None:
                for sign, terms in zip(kept, reads, strict=True):
                    sign[s:e] = _weighted_sum(terms, weight) >= 0.0
            out[s:e] = _weighted_sum(total.astype(np.float64), weight)
        if kept is not None:
            self._signs = ((a, b), rows, cols, kept)
        return out

    def _reads(self, a: int, b: int) -> list[tuple[str, int, int, int]]:
        """The term tables a link ``a-b`` reads, in the order
        :meth:`joint_cost` adds them, as ``(side, size, dr, dc)``: the link
        ending at node ``(r, c)`` reads the pair ``(r - dr, c - dc)`` of
        the table (pair ``(p, q)`` sits at ``G[off[p] - lo[p] + q]``)."""
        return [("src", b, da, 1) for da in range(1, a + 1)] + [("tgt", a, 1, db) for db in range(1, b + 1)]

    def _sources(
        self, a: int, b: int, rows: np.ndarray, cols: np.ndarray
    ) -> list[tuple[np.ndarray, tuple | None, int]]:
        """The sentence terms of the links ``a-b`` ending at ``(rows, cols)``
        (each source sentence's against the target block, ``da = 1..a``,
        then each target sentence's against the source block, ``db =
        1..b``), each as ``(table, pairs, width)``: the band's table of the
        terms and what says which of its rows to gather
        (:func:`_source_rows`), or, for a read of a few pairs near the path
        (:meth:`_terms_at`), the terms themselves and None; ``width`` joint
        signals."""
        band = int(self.off[-1])
        width = int(self.joint.sum())
        start = self.off[:-1] - self.windows.lo
        out: list[tuple[np.ndarray, tuple | None, int]] = []
        base = None
        for side, size, dr, dc in self._reads(a, b):
            if (side, size) in self._term_cache or len(rows) * _SUBSET_SHARE >= band:
                # the pairs' indices are worked out a block at a time too
                if self._whole is None:
                    out.append((self._terms(side, size), (start, rows, cols, dr, dc), width))
                    continue
                # on a whole grid pair (p, q) sits at p * m + q: a link's
                # pair is its end node's, r * m + c, less dr * m + dc
                m = self._whole[1]
                if base is None:
                    base = rows * m + cols
                out.append((self._terms(side, size), (base, dr * m + dc), width))
            else:
                idx = start[rows - dr] + (cols - dc)
                out.append((self._terms_at(side, size, idx), None, width))
        return out

    def support(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """What the per-sentence signals find *shared* by the 1-1 pairs
        ending at nodes ``(rows, cols)``: each sentence's coverage by the
        other, times the confidence its own evidence gives, weighted and
        summed over the signals (a :func:`_sentence_term` without the
        pivot: 0 when nothing is shared, whatever either side carries).

        The cost of a pair is no measure of relatedness across pairs: a
        sentence with few features costs little next to *any* partner,
        because a feature only costs when the other side lacks it. What a
        pair shares is; :mod:`.confidence` compares it with what the same
        sentences share with unrelated ones. Call after the 1-1 costs
        (:meth:`joint_cost`) were computed.
        """
        cols_k = np.flatnonzero(self.joint)
        if not len(cols_k) or not len(rows):
            return np.zeros(len(rows)), np.zeros(len(rows))
        start = self.off[:-1] - self.windows.lo
        idx = start[rows - 1] + (cols - 1)
        conf_s, conf_t = self._confidences()
        pivot = self.pivot[cols_k]
        weight = self.weight[cols_k] / 2.0
        src, tgt = self._terms("src", 1), self._terms("tgt", 1)
        shared = np.empty(len(rows))
        capacity = np.empty(len(rows))
        # a block at a time, as in :meth:`joint_cost`
        for s in range(0, len(rows), _BLOCK):
            e = min(s + _BLOCK, len(rows))
            own_s, own_t = np.take(conf_s, rows[s:e] - 1, axis=0), np.take(conf_t, cols[s:e] - 1, axis=0)
            part = own_s * pivot - _table_rows(src, idx[s:e], len(cols_k))
            part += own_t * pivot - _table_rows(tgt, idx[s:e], len(cols_k))
            capacity[s:e] = _weighted_sum((own_s + own_t).astype(np.float64), weight)
            shared[s:e] = _weighted_sum(np.maximum(part, 0.0), weight)
        return shared, capacity

    def unsupported(
        self, a: int, b: int, rows: np.ndarray, cols: np.ndarray, src_len: np.ndarray, tgt_len: np.ndarray
    ) -> np.ndarray:
        """The share of each link's text that gets no net support from the
        other block: sentences whose weighted sum of :func:`_sentence_term`
        over the per-sentence signals is not negative (nothing shared, or no
        evidence at all), weighted by their share of the characters on their
        side of the link (``src_len``/``tgt_len``: sentence lengths), summed
        over both sides.

        A merge is only as good as its weakest sentence: without this, a
        2-1 link can carry a sentence that nothing ties to the other side
        behind its neighbour's good match, and an omission disappears. A
        short unsupported fragment ("mais c'est en vain.") weighs little, a
        whole unsupported sentence a lot. The engine charges it for n-m
        links (see ``AlignOptions.unsupported_cost``).
        """
        cols_k = np.flatnonzero(self.joint)
        share = np.zeros(len(rows))
        if not len(cols_k):
            return share
        cum_s = np.concatenate([[0.0], np.cumsum(src_len, dtype=np.float64)])
        cum_t = np.concatenate([[0.0], np.cumsum(tgt_len, dtype=np.float64)])
        side_s = np.maximum(cum_s[rows] - cum_s[rows - a], 1.0)
        side_t = np.maximum(cum_t[cols] - cum_t[cols - b], 1.0)
        hit = self._signs
        if hit is None or hit[0] != (a, b) or hit[1] is not rows or hit[2] is not cols:
            self.joint_cost(a, b, rows, cols, signs=True)
            hit = self._signs
        self._signs = None
        signs = hit[3]
        for da, positive in enumerate(signs[:a], 1):
            share += positive * src_len[rows - da] / side_s
        for db, positive in enumerate(signs[a:], 1):
            share += positive * tgt_len[cols - db] / side_t
        return share

    def _terms(self, side: str, size: int) -> np.ndarray:
        """:func:`_sentence_term` for every sentence pair ``(p, q)`` of the
        band, ``(pairs, joint signals)``: for ``side == "src"`` source
        sentence ``p`` against the ``size`` target sentences ending at
        ``q``, for ``"tgt"`` target sentence ``q`` against the ``size``
        source sentences ending at ``p``. Pairs whose block leaves the band
        get a meaningless value; no link in the grid reads them. A whole
        grid's table may have spare columns after the signals' (see
        :data:`_SPARE`; read it with :func:`_table_rows`)."""
        key = (side, size)
        if key not in self._term_cache:
            self._term_cache[key] = self._compute_terms(side, size)
        return self._term_cache[key]

    def _terms_at(self, side: str, size: int, idx: np.ndarray) -> np.ndarray:
        """:meth:`_terms` at the band's pairs ``idx``.

        A move that the engine searches only near the first pass's path
        (the 1-3 or 2-3 links of the second pass) reads a few thousand
        pairs of the band: those are computed alone, each pair's term
        being its own (the same numbers as the band's table would hold),
        and kept, so that the next read of the table (the same pairs one
        sentence further on, for the next sentence of a link; the next
        move near the same path) computes only the pairs it adds. Larger
        reads build and keep the whole table.
        """
        key = (side, size)
        band = int(self.off[-1])
        if key not in self._term_cache and len(idx) * _SUBSET_SHARE < band:
            if band > _KEPT_PAIRS:
                # a long pair reads its band a slice at a time: each read
                # is new pairs, and merging them into a cache would cost
                # more than it saves; signal by signal, a sparse signal
                # scores only the pairs that share something
                cols_k = np.flatnonzero(self.joint)
                out = np.zeros((len(idx), len(cols_k)), dtype=np.float64)
                self._pair_terms(side, size, idx, np.arange(len(cols_k)), out)
                return out
            known, terms = self._part_cache.get(key, (np.zeros(0, dtype=np.int64), None))
            at = np.searchsorted(known, idx)
            present = known[np.minimum(at, len(known) - 1)] == idx if len(known) else np.zeros(len(idx), bool)
            if not present.all():
                if len(idx) < 2 or (idx[1:] > idx[:-1]).all():
                    # ascending, as the reads of a path's nodes are: the
                    # pairs not known yet, in order, without a sort
                    new = idx[~present]
                else:
                    new = np.setdiff1d(idx, known)
                out = self._few_terms(side, size, new)
                if terms is not None:
                    order = np.argsort(np.concatenate([known, new]), kind="stable")
                    new = np.concatenate([known, new])[order]
                    out = np.take(np.concatenate([terms, out]), order, axis=0)
                known, terms = new, out
                self._part_cache[key] = (known, terms)
                at = np.searchsorted(known, idx)
            return np.take(terms, at, axis=0)
        return _table_rows(self._terms(side, size), idx, int(self.joint.sum()))

    def _pair_slice(self, first: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """Source and target sentence of the band's pairs ``first:end``
        (pair ``(p, q)`` sits at ``G[off[p] + q - lo[p]]``), kept for the
        bank's life on a band small enough (every table of the band walks
        the same slices)."""
        if first in self._pairs:
            return self._pairs[first]
        pairs = self._pairs_of(np.arange(first, min(end, int(self.off[-1])), dtype=np.int64))
        if int(self.off[-1]) <= _KEPT_PAIRS:
            self._pairs[first] = pairs
        return pairs

    def _pairs_of(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Source and target sentence of the band's pairs ``x``."""
        p = np.searchsorted(self.off, x, side="right") - 1
        return p, x - self.off[p] + self.windows.lo[p]

    def _compute_terms(self, side: str, size: int) -> np.ndarray:
        """See :meth:`_terms`: the band's table, a slice of its pairs at a
        time (each pair's term is its own, so the numbers are the same, and
        the temporaries stay small). On a whole grid, a signal's column
        computed by the first pass is taken as it is (see :func:`_memo`)."""
        cols_k = np.flatnonzero(self.joint)
        size_of_band = int(self.off[-1])
        todo = []
        known = {}
        for k, c in enumerate(cols_k):
            column = self._memos[c].get((side, size))
            if column is None:
                todo.append(k)
            else:
                known[k] = column
        start = _leading_columns(known)
        earlier = known[0].base if start else None
        if (
            start == len(known)
            and earlier is not None
            and earlier.shape[1] >= len(cols_k)
            and todo == list(range(start, len(cols_k)))
        ):
            # the first pass's table, whose spare columns take the signals
            # the second pass adds (its own columns are read as they are,
            # not copied)
            out = earlier
        else:
            spare = _SPARE if self._whole is not None else 0
            # (a whole grid's table of new signals only is made by
            # :meth:`_fill_grid`)
            fresh = self._whole is not None and not known
            out = None if fresh else np.zeros((size_of_band, len(cols_k) + spare), dtype=np.float64)
            if start:
                # the first pass's table holds these signals side by side: one
                # block copy instead of a strided copy per column
                out[:, :start] = earlier[:, :start]
            for k, column in known.items():
                if k >= start:
                    out[:, k] = column
        todo_k = np.array(todo, dtype=np.int64)
        if len(todo_k) and self._whole is not None:
            out = self._fill_grid(side, size, todo, out)
        elif len(todo_k):
            for first in range(0, size_of_band, _PAIR_SLICE):
                x = np.arange(first, min(first + _PAIR_SLICE, size_of_band), dtype=np.int64)
                self._pair_terms(
                    side,
                    size,
                    x,
                    todo_k,
                    out[first : first + len(x)],
                    self._pair_slice(first, first + _PAIR_SLICE),
                )
        # the table answers every later read of this key: its masks are done
        self._hot_cache = {key: value for key, value in self._hot_cache.items() if key[:2] != (side, size)}
        if self._whole is not None:
            for k in todo:
                # a view: the table stays alive for the next pass
                self._memos[cols_k[k]][(side, size)] = out[:, k]
        return out

    def _few_terms(self, side: str, size: int, pairs: np.ndarray) -> np.ndarray:
        """:meth:`_terms` at some of the band's pairs, every joint signal
        at once (``(pairs, signals)`` arrays: a read near the path is a few
        thousand pairs, where a pass per signal would cost more in calls
        than in arithmetic), :data:`_FEW_PAIRS` pairs at a time (the
        temporaries of a long pair's reads stay small). The operations on
        each pair are :meth:`_pair_terms`'s (the same terms, bit for bit); a
        sentence without evidence of a signal gets 0 for it."""
        if len(pairs) <= _FEW_PAIRS:
            return self._few_terms_at(side, size, pairs)
        out = np.empty((len(pairs), int(self.joint.sum())), dtype=np.float64)
        for first in range(0, len(pairs), _FEW_PAIRS):
            out[first : first + _FEW_PAIRS] = self._few_terms_at(
                side, size, pairs[first : first + _FEW_PAIRS]
            )
        return out

    def _few_terms_at(self, side: str, size: int, pairs: np.ndarray) -> np.ndarray:
        """:meth:`_few_terms` of at most :data:`_FEW_PAIRS` pairs."""
        cols_k = np.flatnonzero(self.joint)
        w = self.windows
        p, q = self._pairs_of(pairs)
        if side == "src":
            own = np.take(self.NU[1], p + 1, axis=0)[:, cols_k]
            other = np.take(self.NV[size], q + 1, axis=0)[:, cols_k]
            confidence = np.take(self._confidences()[0], p, axis=0)
            chance = np.take(self.BU, p + 1, axis=0)[:, cols_k]
        else:
            own = np.take(self.NV[1], q + 1, axis=0)[:, cols_k]
            other = np.take(self.NU[size], p + 1, axis=0)[:, cols_k]
            confidence = np.take(self._confidences()[1], q, axis=0)
            chance = np.take(self.BV, q + 1, axis=0)[:, cols_k]
        # the block's dot products, summed in the order of its sentences
        num = np.take(self.G, pairs, axis=0)[:, cols_k]
        for d in range(1, size):
            pd, qd = (p, q - d) if side == "src" else (p - d, q)
            pc = np.maximum(pd, 0)
            ok = np.flatnonzero((pd >= 0) & (qd >= w.lo[pc]) & (qd < w.hi[pc]))
            num[ok] += np.take(self.G, (self.off[pc] - w.lo[pc] + qd)[ok], axis=0)[:, cols_k]
        terms = _sentence_term(
            num,
            _coverage_den2(own, other),
            confidence,
            self.pivot[cols_k].astype(np.float32),
            (size - 1) * chance if size > 1 else None,
        )
        terms[confidence == 0] = 0.0
        return terms

    def _grid_terms(self, side: str, size: int, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """:meth:`_terms` of joint signal ``k`` on a whole grid, as each
        sentence's *idle* term, and the flat pair indices and terms of the
        pairs that differ from it (see :meth:`_fill_grid`).

        A pair whose block shares nothing of the signal (numerator 0: most
        pairs of every signal, 75-99 % on Text+Berg) has its sentence's
        idle term, the same for every block: it is worked out once per
        sentence. Only the pairs with a non-zero numerator are scored one
        by one, by the operations :meth:`_pair_terms` applies to every
        pair, on the same numbers: the terms are bit for bit those of
        scoring every pair (a zero numerator gives a similarity of exactly
        0 whatever the denominator, hence the idle term). A sentence
        without evidence of the signal gets 0."""
        n, m = self._whole
        c = np.flatnonzero(self.joint)[k]
        conf = self._confidences()[0 if side == "src" else 1][:, k]
        pivot = self.pivot[c].astype(np.float32)
        # the signal's dot products as the table holds them (float32), read
        # from its own contiguous column rather than the stacked table's
        # (made once per signal and pair: every table of both passes reads it)
        memo = self._memos[c]
        if "G32" not in memo:
            memo["G32"] = memo["G"].astype(np.float32).reshape(n, m)
            memo["G32"].flags.writeable = False
        dots = memo["G32"]
        num = dots.copy() if size > 1 else dots
        if side == "src":
            # the block's dot products, summed in the order of its sentences
            for d in range(1, size):
                num[:, d:] += dots[:, :-d]
            chance = self.BU[1:, c]
        else:
            for d in range(1, size):
                num[d:, :] += dots[:-d, :]
            chance = self.BV[1:, c]
        scaled = (size - 1) * chance if size > 1 else None
        idle = _sentence_term(
            np.zeros(len(conf), dtype=self.G.dtype), np.ones(len(conf)), conf, pivot, scaled
        )
        idle[conf == 0] = 0.0
        # (a boolean mask first: numpy finds the non-zero entries of a
        # float array an order of magnitude slower)
        has = conf != 0
        if size == 1:
            # the numerators are the dot products: their non-zero pairs
            # are known (:meth:`_nonzero_pairs`, in the same order)
            nz, p, q = self._nonzero_pairs(c)
            keep = has[p] if side == "src" else has[q]
            flat, p, q = nz[keep], p[keep], q[keep]
        else:
            flat = np.flatnonzero((num != 0) & (has[:, None] if side == "src" else has[None, :]))
            p = flat // m
            q = flat - p * m
        owner = p if side == "src" else q
        if side == "src":
            own, other = self.NU[1][p + 1, c], self.NV[size][q + 1, c]
        else:
            own, other = self.NV[1][q + 1, c], self.NU[size][p + 1, c]
        terms = _sentence_term(
            num.reshape(-1)[flat],
            _coverage_den2(own, other),
            conf[owner],
            pivot,
            scaled[owner] if scaled is not None else None,
        )
        return idle, flat, terms

    def _fill_grid(self, side: str, size: int, columns: list[int], out: np.ndarray | None) -> np.ndarray:
        """Write :meth:`_grid_terms` of the joint signals ``columns`` into
        the whole grid's table ``out`` (None: a new table of these signals
        and :data:`_SPARE` spare columns) and return it: the idle terms
        along each sentence's row (source side) or column (target side),
        then the pairs that differ. A new table is made by repeating the
        sentences' idle terms (one pass over the memory; a column written
        alone touches every cache line of the table)."""
        n, m = self._whole
        parts = [self._grid_terms(side, size, k) for k in columns]
        if out is None:
            idle = np.zeros((n if side == "src" else m, len(columns) + _SPARE))
            for k, part in zip(columns, parts, strict=True):
                idle[:, k] = part[0]
            if side == "src":
                out = np.repeat(idle, m, axis=0)
            else:
                # (a table of its own, not a view: the second pass finds
                # the first's columns through their base)
                out = np.empty((n * m, idle.shape[1]))
                out.reshape(n, m, idle.shape[1])[:] = idle[None, :, :]
        else:
            grid = out.reshape(n, m, out.shape[1])
            for k, (idle, _, _) in zip(columns, parts, strict=True):
                grid[:, :, k] = idle[:, None] if side == "src" else idle[None, :]
        for k, (_, flat, terms) in zip(columns, parts, strict=True):
            out[flat, k] = terms
        return out

    def _pair_terms(
        self,
        side: str,
        size: int,
        pairs: np.ndarray,
        columns: np.ndarray,
        out: np.ndarray,
        sentences: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        """:meth:`_terms` at the band's pairs ``pairs`` (``sentences``: their
        source and target sentences, if known) for the joint signals
        ``columns``, written into ``out``'s rows. Signal by signal, and only
        for the pairs whose own sentence has evidence: a sentence without
        any feature of a signal has confidence 0, so its term is 0 whatever
        the block (most sentences have no number, URL or quotation).

        Most pairs share nothing of a signal (numbers, dates, names, quotes:
        a few pairs in a hundred): their numerator is 0, and their term is
        then the same for every pair of the sentence. For a signal whose
        band is mostly empty (:meth:`_hot`), that term is worked out once
        per sentence and spread over its pairs, and only the pairs that
        share something are scored one by one (the same operations on the
        same numbers: the terms are identical)."""
        cols_k = np.flatnonzero(self.joint)
        w = self.windows
        own_conf = self._confidences()
        pivot = self.pivot[cols_k].astype(np.float32)
        p, q = sentences if sentences is not None else self._pairs_of(pairs)
        for k in columns.tolist():
            c = cols_k[k]
            conf = own_conf[0 if side == "src" else 1][:, k]
            owner = p if side == "src" else q
            hot = self._hot(side, size, c)
            if hot is None:
                x = np.flatnonzero(conf[owner] != 0)
            else:
                chance = (self.BU if side == "src" else self.BV)[1:, c]
                idle = _sentence_term(
                    np.zeros(len(conf), dtype=self.G.dtype),
                    np.ones(len(conf)),
                    conf,
                    pivot[k],
                    (size - 1) * chance if size > 1 else None,
                )
                idle[conf == 0] = 0.0
                out[:, k] = idle[owner]
                x = np.flatnonzero(hot[pairs] & (conf[owner] != 0))
            if side == "src":
                own, other = self.NU[1][p[x] + 1, c], self.NV[size][q[x] + 1, c]
                confidence, chance = conf[p[x]], self.BU[p[x] + 1, c]
            else:
                own, other = self.NV[1][q[x] + 1, c], self.NU[size][p[x] + 1, c]
                confidence, chance = conf[q[x]], self.BV[q[x] + 1, c]
            # the block's dot products, summed in the order of its sentences
            num = self.G[pairs[x], c]
            for d in range(1, size):
                pd, qd = (p[x], q[x] - d) if side == "src" else (p[x] - d, q[x])
                pc = np.maximum(pd, 0)
                ok = (pd >= 0) & (qd >= w.lo[pc]) & (qd < w.hi[pc])
                num[ok] += self.G[(self.off[pc] - w.lo[pc] + qd)[ok], c]
            out[x, k] = _sentence_term(
                num,
                _coverage_den2(own, other),
                confidence,
                pivot[k],
                (size - 1) * chance if size > 1 else None,
            )

    def _confidences(self) -> tuple[np.ndarray, np.ndarray]:
        """Each sentence's :func:`_confidence` per joint signal, source and
        target side (computed once per bank)."""
        if self._conf is None:
            cols_k = np.flatnonzero(self.joint)
            inv_sat = self.inv_sat[cols_k].astype(np.float32)
            self._conf = (
                _confidence(2.0 * np.diff(self.MU[:, cols_k], axis=0), inv_sat),
                _confidence(2.0 * np.diff(self.MV[:, cols_k], axis=0), inv_sat),
            )
        return self._conf

    def _nonzero_pairs(self, column: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The band's pairs with a non-zero dot product of signal
        ``column``: their index, source and target sentence."""
        if column not in self._nonzero:
            nz = np.flatnonzero(self.G[:, column] != 0)
            self._nonzero[column] = (nz, *self._pairs_of(nz))
        return self._nonzero[column]

    def _hot(self, side: str, size: int, column: int) -> np.ndarray | None:
        """Which pairs of the band have a non-zero block numerator for signal
        ``column`` (the pairs of :meth:`_terms` whose block holds a pair
        with a non-zero dot product); None when that is not a small share
        of the band (then every pair is scored, as cheap as marking) or the
        band is too large for a mask per signal (:data:`_HOT_BAND`)."""
        key = (side, size, column)
        if key in self._hot_cache:
            return self._hot_cache[key]
        w = self.windows
        nz, p, q = self._nonzero_pairs(column)
        band = int(self.off[-1])
        hot = None
        if len(nz) * size * _HOT_SHARE < band <= _HOT_BAND:
            hot = np.zeros(band, dtype=bool)
            for d in range(size):
                # the pair (p, q) is in the block of (p, q + d) or (p + d, q)
                pd, qd = (p, q + d) if side == "src" else (p + d, q)
                pc = np.minimum(pd, w.n - 1)
                ok = (pd < w.n) & (qd >= w.lo[pc]) & (qd < w.hi[pc])
                hot[(self.off[pc] - w.lo[pc] + qd)[ok]] = True
        self._hot_cache[key] = hot
        return hot

    def numerators(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Block dot products, ``(cells, signals)``."""
        return self.parts(a, b, rows, cols)[0]

    def parts(
        self, a: int, b: int, rows: np.ndarray, cols: np.ndarray
    ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """Block dot products, and the share of each source sentence
        (``u_p · Σv``) and each target sentence (``Σu · v_q``)."""
        hit = self._cache
        if hit is not None and hit[0] == a and hit[1] == b and hit[2] is rows:
            return hit[3]
        w = self.windows
        shape = (len(rows), self.G.shape[1])
        by_src = [np.zeros(shape, dtype=np.float32) for _ in range(a)]
        by_tgt = [np.zeros(shape, dtype=np.float32) for _ in range(b)]
        if len(self.G):
            for da in range(1, a + 1):
                p = rows - da
                lo, hi = w.lo[p], w.hi[p]
                base = self.off[p] - lo
                for db in range(1, b + 1):
                    q = cols - db
                    sel = np.flatnonzero((q >= lo) & (q < hi))
                    vals = np.take(self.G, base[sel] + q[sel], axis=0)
                    by_src[da - 1][sel] += vals
                    by_tgt[db - 1][sel] += vals
        total = np.sum(by_src, axis=0, dtype=np.float64) if a else np.zeros(shape)
        result = (total, by_src, by_tgt)
        self._cache = (a, b, rows, result)
        return result


def _banded_products(U, V, windows: PairWindows, chunk: int = 256) -> np.ndarray:
    """``u_p · v_q`` for the band's pairs, in the band's order.

    Each entry of scipy's sparse product is summed over its source row's
    stored values in their order, whatever rows and columns the product
    covers, so the chunks' products hold the same numbers as one over the
    whole matrices; a whole grid (every pair) takes that one product as it
    is, without gathering it chunk by chunk."""
    n = U.shape[0]
    off = windows.off
    whole = _whole_grid(windows)
    plain = isinstance(U, _SmallRows) and isinstance(V, _SmallRows)
    if plain and not (_tiny(U) and _tiny(V)):
        if whole is not None:
            return _rows_product(U, V).ravel()
        # a band of a pair with rows this long (a lowered full_limit)
        U, V, plain = U.tocsr(), V.tocsr(), False
    if whole is not None and n and not plain:
        return (U @ V.T).toarray().ravel()
    out = np.zeros(int(off[-1]), dtype=np.float64)
    if not len(out):
        return out
    for p0 in range(0, n, chunk):
        p1 = min(n, p0 + chunk)
        c0 = int(windows.lo[p0:p1].min())
        c1 = int(windows.hi[p0:p1].max())
        if c1 <= c0:
            continue
        if plain:
            block = _small_product(U, V, p0, p1, c0, c1)
        else:
            block = (U[p0:p1] @ V[c0:c1].T).toarray()
        # every window of the chunk in one gather (row p, columns lo..hi)
        widths = windows.hi[p0:p1] - windows.lo[p0:p1]
        a, b = int(off[p0]), int(off[p1])
        rows = np.repeat(np.arange(p1 - p0), widths)
        cols = np.arange(b - a) - np.repeat(off[p0:p1] - a - windows.lo[p0:p1] + c0, widths)
        out[a:b] = block[rows, cols]
    return out
