"""numba kernels of :mod:`wirelesseff.noma` (each with a NumPy reference for parity tests).

* :func:`fwht_rows` / :func:`fwht_rows_parallel` -- in-place unnormalised Sylvester fast
  Walsh--Hadamard transform of every row of a C-contiguous 2-D array (int64, float64 or
  complex128). Integer transforms are exact; fastmath is off.
* :func:`mgs_append` -- one step of the incremental QR factorisation used by orthogonal matching
  pursuit: modified Gram--Schmidt of a new column against the current orthonormal basis with one
  re-orthogonalisation pass; :func:`omp_step` applies it (and the residual update) to a batch
  of trials. It is deliberately serial: Monte-Carlo studies parallelise over grid points with
  the sweep executors, and on an oversubscribed 2-core machine a ``prange`` version measured
  10x slower than the serial loop.

The NumPy references (:func:`fwht_rows_numpy`, :func:`mgs_append_numpy`) implement the same
arithmetic with vectorised array operations; ``tests/noma/test_noma_kernels.py`` checks parity.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

__all__ = [
    "PARALLEL_MIN_SIZE",
    "fwht_rows",
    "fwht_rows_numpy",
    "fwht_rows_parallel",
    "mgs_append",
    "mgs_append_numpy",
    "omp_step",
    "omp_step_numpy",
]

#: Batched transforms with at least this many entries (rows x length) use the ``prange`` kernel.
#: The spec suggests 2**16; measured on the shared 2-core development machine (GNU OpenMP
#: threading layer, load ~6) a parallel region costs a fixed ~10 ms of thread wake-up, so prange
#: was 50x slower at 2**16 entries, 7x slower at 2**18 and only broke even from 2**20 on.
PARALLEL_MIN_SIZE = 2**20


@njit(cache=True)
def _fwht_row(row):  # pragma: no cover - compiled
    # radix-4 passes (two butterfly stages h and 2h per sweep over the data), then one radix-2
    # stage if log2(n) is odd. The additions are those of the radix-2 algorithm in the same
    # order ((a+b)+(c+d), ...), so the result is bit-identical to it; ~1.6x faster (fewer
    # passes and loop iterations).
    n = row.shape[0]
    h = 1
    while 2 * h < n:
        step = 4 * h
        for i in range(0, n, step):
            for j in range(i, i + h):
                a = row[j]
                b = row[j + h]
                c = row[j + 2 * h]
                d = row[j + 3 * h]
                s1 = a + b
                d1 = a - b
                s2 = c + d
                d2 = c - d
                row[j] = s1 + s2
                row[j + h] = d1 + d2
                row[j + 2 * h] = s1 - s2
                row[j + 3 * h] = d1 - d2
        h = step
    if h < n:
        for j in range(h):
            u = row[j]
            v = row[j + h]
            row[j] = u + v
            row[j + h] = u - v


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
    """NumPy reference of :func:`fwht_rows` (in place, same butterfly order)."""
    b, n = x.shape
    h = 1
    while h < n:
        v = x.reshape(b, n // (2 * h), 2, h)
        lo = v[:, :, 0, :].copy()
        hi = v[:, :, 1, :]
        v[:, :, 0, :] += hi
        v[:, :, 1, :] = lo - hi
        h *= 2


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
