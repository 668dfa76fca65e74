"""numba kernels vs their NumPy references (tier 3: parity)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest

import wirelesseff
from wirelesseff.noma import _kernels, detect, gaussian_codebook, golay_operator, walsh_hadamard

# lengths that exercise every branch of the schedule: scalar first stages only (2, 4), inner
# cache blocks (2**5 .. 2**13), outer blocks (2**14 .. 2**18 for int32) and the gathered
# cross-block pass (2**19 and up: 2 and 4 rows of outer blocks for int32, more for 8 bytes)
LENGTHS = [2, 4, 8, 16, 2**5, 2**9, 2**12, 2**13, 2**14, 2**17, 2**19, 2**20]


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.float64, np.complex128])
@pytest.mark.parametrize("n", LENGTHS)
def test_fwht_schedule_matches_radix2_reference_bit_for_bit(dtype, n, rng):
    rows = 2 if n <= 2**17 else 1
    x = rng.integers(-1000, 1000, (rows, n)).astype(dtype)
    if dtype is np.float64:
        x = rng.standard_normal((rows, n))
    elif dtype is np.complex128:
        x = rng.standard_normal((rows, n)) + 1j * rng.standard_normal((rows, n))
    ref = x.copy()
    _kernels.fwht_rows_numpy(ref)
    out = x.copy()
    _kernels.fwht_rows(out)
    np.testing.assert_array_equal(out, ref)


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


# --- truth tables: int32 accumulators, fused conversion and validation ---------------------------
def test_pack_magic_gathers_the_eight_bytes_of_every_0_1_word():
    bits = (np.arange(256)[:, None] >> np.arange(8)[None, :]) & 1
    words = np.ascontiguousarray(bits.astype(np.uint8)).view(np.uint64).ravel()
    packed = (words * np.uint64(0x0102040810204080)) >> np.uint64(56)
    np.testing.assert_array_equal(packed, np.arange(256))


def test_wht8_table_rows_are_the_8_point_spectra():
    for p in range(256):
        tt = [(p >> k) & 1 for k in range(8)]
        np.testing.assert_array_equal(_kernels.WHT8_TABLE[p], _kernels.wht_truth_table_numpy(tt))


@pytest.mark.parametrize("n", [3, 4, 8, 12, 13, 14, 15, 18, 19, 20])
def test_truth_table_kernel_matches_int64_reference(n, rng):
    tt = rng.integers(0, 2, (2, 2**n)).astype(np.uint8)
    out = np.empty(tt.shape, dtype=np.int64)
    acc = np.zeros(2, dtype=np.uint64)
    _kernels.wht_truth_table_rows(tt.view(np.uint64), _kernels.WHT8_TABLE,
                                  np.empty(2**n, dtype=np.int32), out, acc)
    np.testing.assert_array_equal(out, _kernels.wht_truth_table_numpy(tt))
    par = np.empty_like(out)
    _kernels.wht_truth_table_rows_parallel(tt.view(np.uint64), _kernels.WHT8_TABLE,
                                           np.empty(tt.shape, dtype=np.int32), par, acc)
    np.testing.assert_array_equal(par, out)
    assert not np.any(acc & np.uint64(0xFEFEFEFEFEFEFEFE))


@pytest.mark.parametrize("n", [19, 20, 21])
def test_single_row_parallel_kernel_matches_int64_reference(n, rng):
    """The one-transform parallel kernel (L2 blocks, then column chunks, on all threads) is
    bit-identical to the NumPy reference; it needs at least two L2 blocks (n >= 19)."""
    tt = rng.integers(0, 2, 2**n).astype(np.uint8)
    out = np.empty(2**n, dtype=np.int64)
    acc = _kernels.wht_truth_table_row_parallel(tt.view(np.uint64), _kernels.WHT8_TABLE,
                                                np.empty(2**n, dtype=np.int32), out)
    np.testing.assert_array_equal(out, _kernels.wht_truth_table_numpy(tt))
    assert not acc & np.uint64(0xFEFEFEFEFEFEFEFE)
    tt[12345] = 7  # a non-binary entry is flagged in the returned OR of the words
    acc = _kernels.wht_truth_table_row_parallel(tt.view(np.uint64), _kernels.WHT8_TABLE,
                                                np.empty(2**n, dtype=np.int32), out)
    assert acc & np.uint64(0xFEFEFEFEFEFEFEFE)
    if n >= 20:  # the public function takes this path for one large transform
        with pytest.raises(ValueError, match=r"got 7 at index \(12345,\)"):
            walsh_hadamard(tt)


def test_walsh_hadamard_paths_agree_for_bool_uint8_and_int_input(rng):
    tt = rng.integers(0, 2, (3, 2**10))
    ref = _kernels.wht_truth_table_numpy(tt)
    for arr in (tt, tt.astype(np.uint8), tt.astype(bool), np.asfortranarray(tt.astype(np.uint8)),
                tt.astype(np.uint8)[:, ::-1][:, ::-1]):
        np.testing.assert_array_equal(walsh_hadamard(arr), ref)
    with pytest.raises(ValueError, match=r"entries must be in \{0, 1\}, got 2 at index \(1, 7\)"):
        bad = tt.astype(np.uint8)
        bad[1, 7] = 2
        walsh_hadamard(bad)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 9, 13, 14, 17, 19])
def test_quadratic_kernel_matches_truth_table_reference(n, rng):
    low = np.array([[int(rng.integers(0, 2**t)) for t in range(n)] for _ in range(2)],
                   dtype=np.int64)
    ref = _kernels.quadratic_max_abs_wht_numpy(low)
    np.testing.assert_array_equal(
        _kernels.quadratic_max_abs_wht(low, np.empty(2**n, dtype=np.int32)), ref)
    np.testing.assert_array_equal(
        _kernels.quadratic_max_abs_wht_parallel(low, np.empty((2, 2**n), dtype=np.int32)), ref)
    tt = np.empty(2**n, dtype=np.uint8)
    for row in low:
        _kernels.quadratic_truth_table(row, tt)
        x = np.arange(2**n)
        q = np.zeros(2**n, dtype=np.int64)
        for t, m in enumerate(row.tolist()):
            q ^= ((x >> t) & 1) * (np.bitwise_count(x & m) & 1)
        np.testing.assert_array_equal(tt, q)


# --- the GPL benchmark peer stays out of the package ----------------------------------------------
def test_wirelesseff_never_imports_pyfwht():
    """pyfwht (GPL-3.0) is a benchmark peer only: no module of the package can import it."""
    root = Path(wirelesseff.__file__).parent
    pattern = re.compile(r"import\s+pyfwht|from\s+pyfwht|[\"']pyfwht[\"']")
    hits = [str(p) for p in root.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert not hits
    walsh_hadamard(np.zeros(2**16, dtype=np.uint8))
    if "pyfwht" in sys.modules:  # pragma: no cover - only if a benchmark ran in this process
        pytest.skip("pyfwht already imported by another test of this session")
    assert "pyfwht" not in sys.modules
