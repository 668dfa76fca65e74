"""numba kernels vs their NumPy references (tier 3: parity)."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.noma import _kernels, detect, gaussian_codebook, golay_operator


@pytest.mark.parametrize("dtype", [np.int64, np.float64, np.complex128])
@pytest.mark.parametrize(("rows", "n"), [(1, 2), (3, 16), (5, 1024), (64, 2048)])
def test_fwht_kernels_match_numpy_reference(dtype, rows, n, rng):
    if dtype is np.int64:
        x = rng.integers(-1000, 1000, (rows, n)).astype(np.int64)
    elif dtype is np.float64:
        x = rng.standard_normal((rows, n))
    else:
        x = rng.standard_normal((rows, n)) + 1j * rng.standard_normal((rows, n))
    ref = x.copy()
    _kernels.fwht_rows_numpy(ref)
    serial = x.copy()
    _kernels.fwht_rows(serial)
    parallel = x.copy()
    _kernels.fwht_rows_parallel(parallel)
    # radix-4 kernel and radix-2 reference perform the same additions in the same order
    np.testing.assert_array_equal(serial, ref)
    np.testing.assert_array_equal(parallel, serial)


def test_mgs_append_matches_numpy_reference(rng):
    n, kmax = 40, 6
    qt_a = np.zeros((kmax, n), dtype=np.complex128)
    qt_b = qt_a.copy()
    for k in range(kmax):
        v = rng.standard_normal(n) + 1j * rng.standard_normal(n)
        ra = np.zeros(kmax, dtype=np.complex128)
        rb = ra.copy()
        na = _kernels.mgs_append(qt_a, k, v.copy(), ra)
        nb = _kernels.mgs_append_numpy(qt_b, k, v.copy(), rb)
        assert na == pytest.approx(nb, rel=1e-13)
        np.testing.assert_allclose(ra, rb, atol=1e-12)
        np.testing.assert_allclose(qt_a, qt_b, atol=1e-12)
    np.testing.assert_allclose(qt_a @ qt_a.conj().T, np.eye(kmax), atol=1e-13)


@pytest.mark.parametrize("real", [False, True])
def test_omp_step_kernel_matches_numpy_reference(real, rng):
    a = gaussian_codebook(64, 256, rng=rng, complex=not real)
    ka, trials = 12, 30
    supports = np.stack([rng.choice(256, ka, replace=False) for _ in range(trials)])
    h = rng.standard_normal((trials, ka)) + 1j * rng.standard_normal((trials, ka))
    y = np.einsum("ntk,tk->tn", a[:, supports], h)
    y += 0.05 * (rng.standard_normal(y.shape) + 1j * rng.standard_normal(y.shape))
    op = detect._adapt(a)
    s_nb, c_nb = detect._omp_core(op, y.copy(), ka, 0.0, _kernels.omp_step)
    s_np, c_np = detect._omp_core(op, y.copy(), ka, 0.0, _kernels.omp_step_numpy)
    np.testing.assert_array_equal(s_nb, s_np)
    np.testing.assert_allclose(c_nb, c_np, atol=1e-12)


def test_omp_step_marks_dependent_columns_done():
    op = golay_operator(1)
    a = op.columns(range(op.K))
    y = (a[:, 0] + a[:, 1])[None, :].astype(np.complex128)
    qt = np.zeros((1, 3, 16), dtype=np.complex128)
    rt = np.zeros((1, 3, 3), dtype=np.complex128)
    z = np.zeros((1, 3), dtype=np.complex128)
    res = y.copy()
    done = np.zeros(1, dtype=np.bool_)
    for it, col in enumerate([0, 1, 1]):
        v = a[:, col][None, :].astype(np.complex128).copy()
        _kernels.omp_step(qt, rt, z, v, y, res, it, done)
    assert done[0]
    assert np.linalg.norm(res) < 1e-12
