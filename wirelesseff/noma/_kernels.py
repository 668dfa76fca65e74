r"""numba kernels of :mod:`wirelesseff.noma` (each with a NumPy reference for parity tests).

Fast Walsh--Hadamard transforms (unnormalised, Sylvester order, in place or into an output):

* :func:`fwht_rows` / :func:`fwht_rows_parallel` -- every row of a C-contiguous 2-D array
  (int64, float64 or complex128; ``prange`` over rows in the parallel variant).
* :func:`wht_truth_table_rows` / :func:`wht_truth_table_rows_parallel` -- Walsh spectra of 0/1
  truth tables (one per row): the conversion :math:`t \mapsto 1 - 2t` is fused into the first
  three butterfly stages (a 256-entry table of 8-point spectra indexed by 8 packed bits), the
  accumulators are int32 (exact: :math:`|W_f| \leq 2^n \leq 2^{30}`), the input bytes are
  validated on the fly, and the last pass writes the int64 result.
* :func:`quadratic_max_abs_wht` -- :math:`\max_a |W_Q(a)|` of a quadratic form given by its
  edge masks, the :math:`\pm 1` sequence generated block by block (no truth table is formed).

All share one schedule: the first :math:`\log_2 B` stages run block by block on blocks of
:math:`B` entries that stay in the L1/L2 cache (64 KiB per block), the remaining stages in
radix-8 passes (three stages per sweep over memory; radix 4 or 2 for the last one or two). In
every pass the inner loop runs over ``h`` contiguous entries of eight array views, which LLVM
vectorises (AVX2/AVX-512 on x86); stages with ``h < 8`` use scalar code. Each output is the
result of exactly the additions of the radix-2 algorithm in the same order, so floating-point
results are bit-identical to it and integer results are exact. fastmath is off.

This is written by hand because no library does it at this speed: ``scipy.linalg.hadamard``
is a dense matrix (O(N^2)), ``sympy.discrete.transforms.fwht`` is pure Python, and the fast C
library ``pyfwht`` is GPL-licensed (used only as a benchmark peer).

* :func:`mgs_append` -- one step of the incremental QR factorisation used by orthogonal matching
  pursuit: modified Gram--Schmidt of a new column against the current orthonormal basis with one
  re-orthogonalisation pass; :func:`omp_step` applies it (and the residual update) to a batch
  of trials. It is deliberately serial: Monte-Carlo studies parallelise over grid points with
  the sweep executors, and on an oversubscribed 2-core machine a ``prange`` version measured
  10x slower than the serial loop.

The NumPy references (:func:`fwht_rows_numpy`, :func:`wht_truth_table_numpy`,
:func:`quadratic_max_abs_wht_numpy`, :func:`mgs_append_numpy`, :func:`omp_step_numpy`) implement
the same arithmetic with vectorised array operations; ``tests/noma/test_noma_kernels.py`` checks
parity.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

__all__ = [
    "L1_BYTES",
    "L2_BYTES",
    "PARALLEL_MIN_SIZE",
    "WHT8_TABLE",
    "fwht_rows",
    "fwht_rows_numpy",
    "fwht_rows_parallel",
    "mgs_append",
    "mgs_append_numpy",
    "omp_step",
    "omp_step_numpy",
    "quadratic_max_abs_wht",
    "quadratic_max_abs_wht_numpy",
    "quadratic_max_abs_wht_parallel",
    "quadratic_truth_table",
    "wht_truth_table_numpy",
    "wht_truth_table_rows",
    "wht_truth_table_rows_parallel",
]

#: Batched transforms with at least this many entries (rows x length) use the ``prange`` kernel.
#: Measured on the shared 2-core development machine (GNU OpenMP threading layer, load ~6): a
#: parallel region costs a fixed ~10 ms of thread wake-up, so prange was 50x slower at 2**16
#: entries, 7x slower at 2**18 and only broke even from 2**20 on.
PARALLEL_MIN_SIZE = 2**20

#: Bytes of the inner cache blocks (L1-resident: 2**13 int32, 2**12 float64 entries) and of
#: the outer ones (L2-resident: 2**18 int32 entries); the development machine has 48 KiB L1d
#: and 2 MiB L2 per core. Only transforms longer than an outer block make passes over memory.
L1_BYTES = 1 << 15
L2_BYTES = 1 << 20

#: Packs the least significant bits of the 8 bytes of a little-endian uint64 into its top byte
#: (byte k -> bit 56 + k; valid when every byte is 0 or 1).
_PACK_MAGIC = np.uint64(0x0102040810204080)
#: Bits that must be zero in a word of 8 truth-table bytes.
_NON_BINARY = np.uint64(0xFEFEFEFEFEFEFEFE)


def _wht8_table() -> np.ndarray:
    """(256, 8) int32: row ``p`` is the 8-point WHT of ``1 - 2 * bits(p)`` (bit k = entry k)."""
    bits = (np.arange(256)[:, None] >> np.arange(8)[None, :]) & 1
    x = (1 - 2 * bits).astype(np.int64)
    fwht_rows_numpy(x)
    return x.astype(np.int32)


# ---------------------------------------------------------------------------------------------
# butterfly passes
# ---------------------------------------------------------------------------------------------
@njit(cache=True, inline="always")
def _wht8(a0, a1, a2, a3, a4, a5, a6, a7):  # pragma: no cover - compiled
    """Three radix-2 stages (distance 1, 2, 4) on eight values, in radix-2 order."""
    b0 = a0 + a1
    b1 = a0 - a1
    b2 = a2 + a3
    b3 = a2 - a3
    b4 = a4 + a5
    b5 = a4 - a5
    b6 = a6 + a7
    b7 = a6 - a7
    c0 = b0 + b2
    c2 = b0 - b2
    c1 = b1 + b3
    c3 = b1 - b3
    c4 = b4 + b6
    c6 = b4 - b6
    c5 = b5 + b7
    c7 = b5 - b7
    return c0 + c4, c1 + c5, c2 + c6, c3 + c7, c0 - c4, c1 - c5, c2 - c6, c3 - c7


@njit(cache=True, inline="always")
def _bf8(i0, i1, i2, i3, i4, i5, i6, i7, o0, o1, o2, o3, o4, o5, o6, o7, h):  # pragma: no cover
    # element j of the eight views: three stages (distance h, 2h, 4h in the array)
    for j in range(h):
        o0[j], o1[j], o2[j], o3[j], o4[j], o5[j], o6[j], o7[j] = _wht8(
            i0[j], i1[j], i2[j], i3[j], i4[j], i5[j], i6[j], i7[j])


@njit(cache=True)
def _pass8(x, lo, n, h):  # pragma: no cover - compiled
    """Stages h, 2h, 4h on x[lo:lo+n] in place (h >= 8: vectorised inner loop)."""
    # the same eight views are passed as input and output: LLVM then sees that each store
    # goes to the address just loaded (a separate ``out`` that happens to be ``x`` would fail
    # the runtime alias check of the vectorised loop and run the scalar fallback)
    for i in range(lo, lo + n, 8 * h):
        v0 = x[i:i + h]
        v1 = x[i + h:i + 2 * h]
        v2 = x[i + 2 * h:i + 3 * h]
        v3 = x[i + 3 * h:i + 4 * h]
        v4 = x[i + 4 * h:i + 5 * h]
        v5 = x[i + 5 * h:i + 6 * h]
        v6 = x[i + 6 * h:i + 7 * h]
        v7 = x[i + 7 * h:i + 8 * h]
        _bf8(v0, v1, v2, v3, v4, v5, v6, v7, v0, v1, v2, v3, v4, v5, v6, v7, h)


@njit(cache=True)
def _pass8_into(x, out, lo, n, h):  # pragma: no cover - compiled
    """Stages h, 2h, 4h on x[lo:lo+n], results into another array ``out`` (x unchanged)."""
    for i in range(lo, lo + n, 8 * h):
        _bf8(x[i:i + h], x[i + h:i + 2 * h], x[i + 2 * h:i + 3 * h], x[i + 3 * h:i + 4 * h],
             x[i + 4 * h:i + 5 * h], x[i + 5 * h:i + 6 * h], x[i + 6 * h:i + 7 * h],
             x[i + 7 * h:i + 8 * h],
             out[i:i + h], out[i + h:i + 2 * h], out[i + 2 * h:i + 3 * h],
             out[i + 3 * h:i + 4 * h], out[i + 4 * h:i + 5 * h], out[i + 5 * h:i + 6 * h],
             out[i + 6 * h:i + 7 * h], out[i + 7 * h:i + 8 * h], h)


@njit(cache=True, inline="always")
def _bf4(i0, i1, i2, i3, o0, o1, o2, o3, h):  # pragma: no cover - compiled
    for j in range(h):
        a = i0[j]
        b = i1[j]
        c = i2[j]
        d = i3[j]
        s1 = a + b
        d1 = a - b
        s2 = c + d
        d2 = c - d
        o0[j] = s1 + s2
        o1[j] = d1 + d2
        o2[j] = s1 - s2
        o3[j] = d1 - d2


@njit(cache=True)
def _pass4(x, lo, n, h):  # pragma: no cover - compiled
    """Stages h, 2h on x[lo:lo+n] in place."""
    for i in range(lo, lo + n, 4 * h):
        v0 = x[i:i + h]
        v1 = x[i + h:i + 2 * h]
        v2 = x[i + 2 * h:i + 3 * h]
        v3 = x[i + 3 * h:i + 4 * h]
        _bf4(v0, v1, v2, v3, v0, v1, v2, v3, h)


@njit(cache=True)
def _pass4_into(x, out, lo, n, h):  # pragma: no cover - compiled
    """Stages h, 2h on x[lo:lo+n], results into another array ``out``."""
    for i in range(lo, lo + n, 4 * h):
        _bf4(x[i:i + h], x[i + h:i + 2 * h], x[i + 2 * h:i + 3 * h], x[i + 3 * h:i + 4 * h],
             out[i:i + h], out[i + h:i + 2 * h], out[i + 2 * h:i + 3 * h],
             out[i + 3 * h:i + 4 * h], h)


@njit(cache=True, inline="always")
def _bf2(i0, i1, o0, o1, h):  # pragma: no cover - compiled
    for j in range(h):
        a = i0[j]
        b = i1[j]
        o0[j] = a + b
        o1[j] = a - b


@njit(cache=True)
def _pass2(x, lo, n, h):  # pragma: no cover - compiled
    """Stage h on x[lo:lo+n] in place."""
    for i in range(lo, lo + n, 2 * h):
        v0 = x[i:i + h]
        v1 = x[i + h:i + 2 * h]
        _bf2(v0, v1, v0, v1, h)


@njit(cache=True)
def _pass2_into(x, out, lo, n, h):  # pragma: no cover - compiled
    """Stage h on x[lo:lo+n], results into another array ``out``."""
    for i in range(lo, lo + n, 2 * h):
        _bf2(x[i:i + h], x[i + h:i + 2 * h], out[i:i + h], out[i + h:i + 2 * h], h)


@njit(cache=True)
def _first_stages(x, lo, n):  # pragma: no cover - compiled
    """Stages 1, 2, 4 (or fewer if n < 8) on x[lo:lo+n] in place, scalar code."""
    if n >= 8:
        for i in range(lo, lo + n, 8):
            x[i], x[i + 1], x[i + 2], x[i + 3], x[i + 4], x[i + 5], x[i + 6], x[i + 7] = _wht8(
                x[i], x[i + 1], x[i + 2], x[i + 3], x[i + 4], x[i + 5], x[i + 6], x[i + 7])
    else:
        h = 1
        while h < n:
            for i in range(lo, lo + n, 2 * h):
                for j in range(i, i + h):
                    a = x[j]
                    b = x[j + h]
                    x[j] = a + b
                    x[j + h] = a - b
            h *= 2


@njit(cache=True)
def _stages(x, lo, n, h0, h1):  # pragma: no cover - compiled
    """Stages h0, 2 h0, ..., h1 / 2 (h0 >= 8) on x[lo:lo+n] in place.

    Passes are radix 8 except the last one or two (4 -> 2 + 2, 5 -> 3 + 2, 7 -> 3 + 2 + 2
    stages, ...).
    """
    s = _n_stages(h0, h1)
    h = h0
    while s > 0:
        g = _group(s)
        if g == 3:
            _pass8(x, lo, n, h)
        elif g == 2:
            _pass4(x, lo, n, h)
        else:
            _pass2(x, lo, n, h)
        h <<= g
        s -= g


@njit(cache=True)
def _stages_into(x, out, lo, n, h0, h1):  # pragma: no cover - compiled
    """As :func:`_stages`, but the last pass writes into another array ``out`` (any dtype
    holding the result; with no stage to run, ``x[lo:lo+n]`` is copied into ``out``)."""
    s = _n_stages(h0, h1)
    if s == 0:
        for j in range(lo, lo + n):
            out[j] = x[j]
        return
    h = h0
    while s > 0:
        g = _group(s)
        if s > g:
            if g == 3:
                _pass8(x, lo, n, h)
            else:
                _pass4(x, lo, n, h)
        elif g == 3:
            _pass8_into(x, out, lo, n, h)
        elif g == 2:
            _pass4_into(x, out, lo, n, h)
        else:
            _pass2_into(x, out, lo, n, h)
        h <<= g
        s -= g


@njit(cache=True, inline="always")
def _n_stages(h0, h1):  # pragma: no cover - compiled
    s = 0
    while (h0 << s) < h1:
        s += 1
    return s


@njit(cache=True, inline="always")
def _group(s):  # pragma: no cover - compiled
    """Stages in the next pass when s remain: 3, except 2 + 2 for 4 and 1 for 1."""
    if s == 1:
        return 1
    if s == 2 or s == 4:
        return 2
    return 3


@njit(cache=True)
def _outer(x, out, n, l2, mode):  # pragma: no cover - compiled
    """Stages l2, 2 l2, ..., n / 2 of x[0:n], seen as n / l2 rows of length l2.

    Column chunks of every row are gathered into a buffer that stays in the L1/L2 cache,
    transformed across the rows there and written back, so these stages cost one pass over
    memory. ``mode`` 0: results back into ``x``; 1: into ``out``; 2: only the maximum
    magnitude is returned (nothing is written back).
    """
    rows = n // l2
    c = min(l2, max(16, L1_BYTES // (x.itemsize * rows)))
    buf = np.empty(rows * c, dtype=x.dtype)
    best = 0
    for j0 in range(0, l2, c):
        for r in range(rows):
            src = x[r * l2 + j0:r * l2 + j0 + c]
            dst = buf[r * c:(r + 1) * c]
            for k in range(c):
                dst[k] = src[k]
        _stages(buf, 0, rows * c, c, rows * c)
        if mode == 2:
            for k in range(rows * c):
                a = abs(buf[k])
                if a > best:
                    best = a
        elif mode == 1:
            for r in range(rows):
                src = buf[r * c:(r + 1) * c]
                dst = out[r * l2 + j0:r * l2 + j0 + c]
                for k in range(c):
                    dst[k] = src[k]
        else:
            for r in range(rows):
                src = buf[r * c:(r + 1) * c]
                dst = x[r * l2 + j0:r * l2 + j0 + c]
                for k in range(c):
                    dst[k] = src[k]
    return best


@njit(cache=True, inline="always")
def _block_sizes(n, itemsize):  # pragma: no cover - compiled
    l1 = min(max(8, L1_BYTES // itemsize), n)
    l2 = min(max(l1, L2_BYTES // itemsize), n)
    return l1, l2


@njit(cache=True)
def _fwht_row(row):  # pragma: no cover - compiled
    """In-place FWHT of one contiguous row (two-level cache-blocked schedule)."""
    n = row.shape[0]
    l1, l2 = _block_sizes(n, row.itemsize)
    for b2 in range(0, n, l2):
        for b1 in range(b2, b2 + l2, l1):
            _first_stages(row, b1, l1)
            if l1 > 8:
                _stages(row, b1, l1, 8, l1)
        _stages(row, b2, l2, l1, l2)
    if l2 < n:
        _outer(row, row, n, l2, 0)


@njit(cache=True)
def fwht_rows(x):  # pragma: no cover - compiled
    """In-place FWHT of every row of the C-contiguous 2-D array ``x`` (serial)."""
    for b in range(x.shape[0]):
        _fwht_row(x[b])


@njit(cache=True, parallel=True)
def fwht_rows_parallel(x):  # pragma: no cover - compiled
    """In-place FWHT of every row of the C-contiguous 2-D array ``x`` (``prange`` over rows)."""
    for b in prange(x.shape[0]):
        _fwht_row(x[b])


def fwht_rows_numpy(x: np.ndarray) -> None:
    """NumPy reference of :func:`fwht_rows` (in place, radix-2 butterfly order)."""
    b, n = x.shape
    h = 1
    while h < n:
        v = x.reshape(b, n // (2 * h), 2, h)
        lo = v[:, :, 0, :].copy()
        hi = v[:, :, 1, :]
        v[:, :, 0, :] += hi
        v[:, :, 1, :] = lo - hi
        h *= 2


# ---------------------------------------------------------------------------------------------
# Walsh spectra of truth tables (int32 accumulators, fused conversion and validation)
# ---------------------------------------------------------------------------------------------
WHT8_TABLE = _wht8_table()


@njit(cache=True)
def _load_l1_block(words, table, work, b1, l1):  # pragma: no cover - compiled
    """Entries b1..b1+l1 of a truth table into ``work``: 8 at a time converted to +-1 and
    transformed by stages 1, 2, 4 (one table look-up), then the stages 8 ... l1/2.
    Returns the OR of the words read."""
    acc = np.uint64(0)
    for w in range(b1 // 8, (b1 + l1) // 8):
        v = words[w]
        acc |= v
        p = (v * _PACK_MAGIC) >> np.uint64(56)
        dst = work[8 * w:8 * w + 8]
        src = table[p]
        for k in range(8):
            dst[k] = src[k]
    _stages(work, b1, l1, 8, l1)
    return acc


@njit(cache=True)
def _wht_truth_table_row(words, table, work, out):  # pragma: no cover - compiled
    """Spectrum of one truth table given as uint64 words (8 bytes of 0/1 each).

    ``work`` (N,) int32 scratch (N >= 8), ``out`` (N,) result (int64). Returns the OR of all
    words: a bit of ``_NON_BINARY`` set means an entry outside {0, 1} (``out`` is then garbage).
    """
    n = work.shape[0]
    l1, l2 = _block_sizes(n, 4)
    acc = np.uint64(0)
    for b2 in range(0, n, l2):
        for b1 in range(b2, b2 + l2, l1):
            acc |= _load_l1_block(words, table, work, b1, l1)
        if l2 < n:
            _stages(work, b2, l2, l1, l2)
    if l2 < n:
        _outer(work, out, n, l2, 1)
    else:
        _stages_into(work, out, 0, n, l1, n)
    return acc


@njit(cache=True)
def wht_truth_table_rows(words, table, work, out, acc):  # pragma: no cover - compiled
    """Spectra of the truth tables ``words`` (R, N/8) uint64 into ``out`` (R, N) int64.

    ``work`` is one (N,) int32 scratch row; ``acc`` (R,) receives the OR of each row's words.
    """
    for r in range(words.shape[0]):
        acc[r] = _wht_truth_table_row(words[r], table, work, out[r])


@njit(cache=True, parallel=True)
def wht_truth_table_rows_parallel(words, table, work, out, acc):  # pragma: no cover - compiled
    """Parallel :func:`wht_truth_table_rows`; ``work`` is (R, N) int32 (one row per task)."""
    for r in prange(words.shape[0]):
        acc[r] = _wht_truth_table_row(words[r], table, work[r], out[r])


@njit(cache=True, parallel=True)
def wht_truth_table_row_parallel(words, table, work, out):  # pragma: no cover - compiled
    """:func:`_wht_truth_table_row` of ONE large truth table on all threads.

    The same schedule as the serial kernel, split in its two independent phases: the L2
    blocks (conversion and stages 1 ... l2/2) run in parallel, then the column chunks of the
    outer stages (l2 ... n/2). Integer arithmetic: the result is bit-identical to the serial
    kernel. Needs ``n > l2`` (at least two L2 blocks). Returns the OR of the words.
    """
    n = work.shape[0]
    l1, l2 = _block_sizes(n, 4)
    nblocks = n // l2
    accs = np.zeros(nblocks, dtype=np.uint64)
    for blk in prange(nblocks):
        b2 = blk * l2
        a = np.uint64(0)
        for b1 in range(b2, b2 + l2, l1):
            a |= _load_l1_block(words, table, work, b1, l1)
        _stages(work, b2, l2, l1, l2)
        accs[blk] = a
    # outer stages: the column chunks of the serial _outer(mode=1), one buffer per chunk
    rows = nblocks
    c = min(l2, max(16, L1_BYTES // (4 * rows)))
    for chunk in prange(l2 // c):
        j0 = chunk * c
        buf = np.empty(rows * c, dtype=work.dtype)
        for r in range(rows):
            for k in range(c):
                buf[r * c + k] = work[r * l2 + j0 + k]
        _stages(buf, 0, rows * c, c, rows * c)
        for r in range(rows):
            for k in range(c):
                out[r * l2 + j0 + k] = buf[r * c + k]
    acc = np.uint64(0)
    for blk in range(nblocks):
        acc |= accs[blk]
    return acc


def wht_truth_table_numpy(tt: np.ndarray) -> np.ndarray:
    """NumPy reference of :func:`wht_truth_table_rows`: int64 FWHT of ``1 - 2 tt`` per row."""
    x = 1 - 2 * np.asarray(tt, dtype=np.int64).reshape(-1, np.shape(tt)[-1])
    fwht_rows_numpy(x)
    return x.reshape(np.shape(tt))


# ---------------------------------------------------------------------------------------------
# maximum Walsh magnitude of a quadratic form (coherence of Golay codebooks)
# ---------------------------------------------------------------------------------------------
@njit(cache=True, inline="always")
def _parity(v):  # pragma: no cover - compiled
    v ^= v >> 32
    v ^= v >> 16
    v ^= v >> 8
    v ^= v >> 4
    v ^= v >> 2
    v ^= v >> 1
    return v & 1


@njit(cache=True)
def quadratic_truth_table(low, out):  # pragma: no cover - compiled
    r"""Truth table (uint8, 2**n entries) of :math:`Q(x) = \sum_t x_t (x \cdot low_t)`.

    One pass by doubling: :math:`Q(2^t + r) = Q(r) + r \cdot low_t` for :math:`r < 2^t`.
    """
    out[0] = 0
    for t in range(low.shape[0]):
        m = low[t]
        half = 1 << t
        for r in range(half):
            out[half + r] = out[r] ^ _parity(r & m)


@njit(cache=True)
def _quadratic_max_abs_wht(low, work):  # pragma: no cover - compiled
    nvar = low.shape[0]
    n = work.shape[0]
    l1, l2 = _block_sizes(n, 4)
    bbits = 0
    while (1 << bbits) < l1:
        bbits += 1
    # +-1 sequence of the low part: s[2^t + r] = s[r] (-1)^{r . low[t]}, r < 2^t
    slo = np.empty(l1, dtype=np.int32)
    slo[0] = 1
    for t in range(bbits):
        m = low[t]
        for r in range(1 << t):
            slo[(1 << t) + r] = slo[r] * (1 - 2 * _parity(r & m))
    lowmask = l1 - 1
    for b2 in range(0, n, l2):
        for b1 in range(b2, b2 + l2, l1):
            # Q(b1) (edges among the high variables) and the linear coefficient V of x_lo
            q = 0
            v = 0
            for t in range(bbits, nvar):
                if (b1 >> t) & 1:
                    q ^= _parity(b1 & low[t])
                    v ^= low[t] & lowmask
            seg = work[b1:b1 + l1]
            sgn = 1 - 2 * q
            for r in range(l1):
                seg[r] = sgn * slo[r] * (1 - 2 * _parity(r & v))
            _first_stages(work, b1, l1)
            if l1 > 8:
                _stages(work, b1, l1, 8, l1)
        _stages(work, b2, l2, l1, l2)
    if l2 < n:
        return _outer(work, work, n, l2, 2)
    best = 0
    for j in range(n):
        a = abs(work[j])
        if a > best:
            best = a
    return best


@njit(cache=True)
def quadratic_max_abs_wht(low, work):  # pragma: no cover - compiled
    r"""Return :math:`\max_a |W_Q(a)|` for every quadratic form of a batch.

    ``low`` (P, n) int64: bit ``u`` of ``low[p, t]`` is set for every edge ``(u, t)``,
    ``u < t``, of form ``p``: :math:`Q_p(x) = \sum_t x_t\,(x \cdot \mathrm{low}_{p,t})`
    (0-based variables, x_1 = bit 0). ``work`` (2**n,) int32 scratch, n <= 30. The
    :math:`\pm 1` sequence is generated per inner cache block: for
    :math:`x = x_\mathrm{lo} + B x_\mathrm{hi}`, :math:`Q(x) = Q(x_\mathrm{lo}) +
    Q(B x_\mathrm{hi}) + x_\mathrm{lo} \cdot V(x_\mathrm{hi})` with :math:`V` the XOR of
    ``low[t]`` (bits below B) over the high variables set. Returns (P,) int64.
    """
    out = np.empty(low.shape[0], dtype=np.int64)
    for p in range(low.shape[0]):
        out[p] = _quadratic_max_abs_wht(low[p], work)
    return out


@njit(cache=True, parallel=True)
def quadratic_max_abs_wht_parallel(low, work):  # pragma: no cover - compiled
    """Parallel :func:`quadratic_max_abs_wht`: ``work`` is (T, 2**n) int32, form p uses row
    p mod T (the T rows are processed by T parallel tasks)."""
    n_tasks = work.shape[0]
    out = np.empty(low.shape[0], dtype=np.int64)
    for t in prange(n_tasks):
        for p in range(t, low.shape[0], n_tasks):
            out[p] = _quadratic_max_abs_wht(low[p], work[t])
    return out


def quadratic_max_abs_wht_numpy(low: np.ndarray) -> np.ndarray:
    """NumPy reference of :func:`quadratic_max_abs_wht` (truth tables, int64 radix-2 FWHT)."""
    low = np.atleast_2d(np.asarray(low, dtype=np.int64))
    x = np.arange(1 << low.shape[1], dtype=np.int64)
    out = np.empty(low.shape[0], dtype=np.int64)
    for p, row in enumerate(low):
        q = np.zeros(x.size, dtype=np.int64)
        for t, m in enumerate(row.tolist()):
            q ^= ((x >> t) & 1) * (np.bitwise_count(x & m) & 1)
        s = (1 - 2 * q)[None, :]
        fwht_rows_numpy(s)
        out[p] = np.abs(s).max()
    return out


@njit(cache=True)
def mgs_append(qt, k, v, rcol):  # pragma: no cover - compiled
    """Orthogonalise ``v`` against rows ``qt[:k]`` (two MGS passes) and store it in ``qt[k]``.

    ``qt`` is (k_max, N) complex128 with orthonormal rows ``0..k-1``; ``v`` (N,) complex128 is
    overwritten; ``rcol`` (k_max,) receives the R-column (projections, then the norm at index k).
    Returns the norm of the orthogonalised vector (the new column is stored only if it is > 0).
    """
    n = v.shape[0]
    for i in range(k + 1):
        rcol[i] = 0.0
    for _ in range(2):
        for i in range(k):
            s = 0.0 + 0.0j
            for t in range(n):
                s += qt[i, t].conjugate() * v[t]
            for t in range(n):
                v[t] -= s * qt[i, t]
            rcol[i] += s
    nrm2 = 0.0
    for t in range(n):
        nrm2 += v[t].real * v[t].real + v[t].imag * v[t].imag
    nrm = np.sqrt(nrm2)
    rcol[k] = nrm
    if nrm > 0.0:
        for t in range(n):
            qt[k, t] = v[t] / nrm
    return nrm


def mgs_append_numpy(qt: np.ndarray, k: int, v: np.ndarray, rcol: np.ndarray) -> float:
    """NumPy reference of :func:`mgs_append` (same passes, same storage)."""
    rcol[: k + 1] = 0.0
    for _ in range(2):
        for i in range(k):
            s = np.vdot(qt[i], v)
            v -= s * qt[i]
            rcol[i] += s
    nrm = float(np.sqrt(np.sum(v.real**2 + v.imag**2)))
    rcol[k] = nrm
    if nrm > 0.0:
        qt[k] = v / nrm
    return nrm


@njit(cache=True)
def omp_step(qt, rt, z, v, y, res, it, done):  # pragma: no cover - compiled
    """One OMP iteration after the column choice, for every trial of a batch (serial loop).

    ``qt`` (T, k, N) orthonormal rows, ``rt`` (T, k, k) with ``rt[t, i]`` the i-th column of R,
    ``z`` (T, k) = Q^H y, ``v`` (T, N) the chosen columns (overwritten), ``y`` (T, N)
    measurements, ``res`` (T, N) residuals (overwritten with y - Q z), ``done`` (T,) trials that
    stopped. A trial whose new column is numerically dependent (norm after orthogonalisation
    <= 1e-10 of its norm) is marked done and left unchanged.
    """
    n_trials = qt.shape[0]
    n = y.shape[1]
    for t in range(n_trials):
        if done[t]:
            continue
        anrm2 = 0.0
        for i in range(n):
            anrm2 += v[t, i].real * v[t, i].real + v[t, i].imag * v[t, i].imag
        nrm = mgs_append(qt[t], it, v[t], rt[t, it])
        if not nrm > 1e-10 * np.sqrt(anrm2):
            done[t] = True
            for i in range(it + 1):
                rt[t, it, i] = 0.0
            continue
        s = 0.0 + 0.0j
        for i in range(n):
            s += qt[t, it, i].conjugate() * y[t, i]
        z[t, it] = s
        for i in range(n):
            acc = y[t, i]
            for j in range(it + 1):
                acc -= z[t, j] * qt[t, j, i]
            res[t, i] = acc


def omp_step_numpy(qt, rt, z, v, y, res, it, done) -> None:
    """NumPy reference of :func:`omp_step` (same arithmetic order per trial)."""
    for t in range(qt.shape[0]):
        if done[t]:
            continue
        anrm = np.sqrt(np.sum(v[t].real ** 2 + v[t].imag ** 2))
        nrm = mgs_append_numpy(qt[t], it, v[t], rt[t, it])
        if not nrm > 1e-10 * anrm:
            done[t] = True
            rt[t, it, : it + 1] = 0.0
            continue
        z[t, it] = np.vdot(qt[t, it], y[t])
        res[t] = y[t] - z[t, : it + 1] @ qt[t, : it + 1]
