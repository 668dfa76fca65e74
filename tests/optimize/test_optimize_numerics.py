"""Shared numerical helpers of the optimization layer: PSD projection, golden-section search,
problem cache, solver-chain preset; and the layouts of the CN(0, 1) sampler."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from wirelesseff.channel import rayleigh
from wirelesseff.optimize import ProblemCache, golden_section_max, precise_scs, project_psd


# ---------------------------------------------------------------- project_psd
def test_project_psd_is_the_frobenius_nearest_psd_matrix(rng):
    A = rng.standard_normal((6, 6)) + 1j * rng.standard_normal((6, 6))
    X = A + A.conj().T
    P, lam, U = project_psd(X)
    assert np.all(lam >= 0) and np.allclose(P, P.conj().T, atol=1e-14)
    assert np.min(np.linalg.eigvalsh(P)) > -1e-12
    # optimality (Higham 1988): the residual X - P is negative semidefinite and orthogonal to P
    R = X - P
    assert np.max(np.linalg.eigvalsh(R)) < 1e-12
    assert abs(np.trace(R @ P)) < 1e-10 * np.linalg.norm(X) ** 2
    # no random PSD matrix is closer
    for _ in range(200):
        B = rng.standard_normal((6, 6)) + 1j * rng.standard_normal((6, 6))
        Q = P + 1e-2 * B @ B.conj().T
        assert np.linalg.norm(X - Q) >= np.linalg.norm(X - P) - 1e-12


def test_project_psd_keeps_psd_input_and_batches(rng):
    A = rng.standard_normal((4, 5, 5))
    X = A @ np.swapaxes(A, -1, -2)
    P, lam, _ = project_psd(X)
    np.testing.assert_allclose(P, X, atol=1e-12)
    for i in range(4):  # a batch equals the matrices one by one, bit for bit
        Pi, li, _ = project_psd(X[i])
        np.testing.assert_array_equal(P[i], Pi)
        np.testing.assert_array_equal(lam[i], li)


@pytest.mark.parametrize("bad", [np.ones(3), np.ones((2, 3)), np.array([[np.nan, 0], [0, 1.0]])])
def test_project_psd_rejects_bad_input(bad):
    with pytest.raises(ValueError, match="X"):
        project_psd(bad)


# ---------------------------------------------------------------- golden_section_max
@given(st.floats(-5, 5), st.floats(0.1, 10))
def test_golden_matches_scipy_bounded_on_unimodal_functions(center, width):
    f = lambda x: -np.log1p((x - center) ** 2) * width  # noqa: E731
    x = golden_section_max(f, -10.0, 10.0, max_iter=90)
    ref = minimize_scalar(lambda x: -f(x), bounds=(-10, 10), method="bounded",
                          options={"xatol": 1e-12}).x
    assert float(x) == pytest.approx(ref, abs=1e-6)
    assert float(x) == pytest.approx(center, abs=1e-7)


def test_golden_vectorised_equals_elementwise_bit_for_bit():
    centers = np.linspace(-3, 3, 7)
    lo, hi = np.full(7, -4.0), np.full(7, 5.0)
    x = golden_section_max(lambda t: -(t - centers) ** 2, lo, hi, n_grid=9)
    for i, c in enumerate(centers):
        xi = golden_section_max(lambda t, c=c: -(t - c) ** 2, lo[i], hi[i], n_grid=9)
        assert x[i] == xi


@pytest.mark.parametrize("xtol", [0.0, 1e-6])
def test_golden_scalar_path_equals_vectorised_path_bit_for_bit(xtol):
    def f(x):
        return np.where(np.asarray(x) > 2.5, np.nan, np.sin(3 * np.asarray(x)) - 0.1 * x)

    for lo, hi in [(0.0, 1.0), (-2.0, 3.0), (0.5, 0.5), (1e-9, 2e-9)]:
        xs, vs = golden_section_max(f, lo, hi, max_iter=60, xtol=xtol, return_value=True)
        xv, vv = golden_section_max(f, np.array([lo]), np.array([hi]), max_iter=60, xtol=xtol,
                                    return_value=True)
        assert xs == xv[0] and vs == vv[0]
        assert np.ndim(xs) == 0


def test_golden_grid_finds_the_global_maximum_of_a_multimodal_function():
    def f(x):  # broad local peak at 0 (height 1), narrow global peak at 4 (height 2)
        return np.exp(-x ** 2) + 2.0 * np.exp(-(x - 4.0) ** 2 / 0.01)

    assert float(golden_section_max(f, -2.0, 5.0, max_iter=60)) == pytest.approx(0.0, abs=1e-6)
    x, v = golden_section_max(f, -2.0, 5.0, n_grid=71, max_iter=60, return_value=True)
    assert float(x) == pytest.approx(4.0, abs=1e-6) and float(v) == pytest.approx(2.0)


def test_golden_xtol_stops_early_and_nan_counts_as_minus_infinity():
    calls = []

    def f(x):
        calls.append(1)
        return np.where(x > 3.0, np.nan, -(x - 1.0) ** 2)

    x = golden_section_max(f, 0.0, 4.0, max_iter=200, xtol=1e-3)
    assert float(x) == pytest.approx(1.0, abs=1e-3)
    assert len(calls) < 25  # log(4/1e-3)/log(1/0.618) = 17 iterations + 2


@pytest.mark.parametrize(("kw", "match"), [
    ({"n_grid": 2}, "n_grid"), ({"max_iter": 10**9}, "max_iter"), ({"xtol": -1.0}, "xtol"),
    ({"lo": np.nan}, "lo"), ({"lo": 2.0, "hi": 1.0}, "lo"),
])
def test_golden_rejects_bad_input(kw, match):
    args = {"lo": 0.0, "hi": 1.0} | kw
    lo, hi = args.pop("lo"), args.pop("hi")
    with pytest.raises(ValueError, match=match):
        golden_section_max(lambda x: -x, lo, hi, **args)


# ---------------------------------------------------------------- ProblemCache
def test_problem_cache_is_lru_bounded_and_builds_once_under_threads():
    cache = ProblemCache(maxsize=2)
    built = []

    def build(k):
        built.append(k)
        return f"P{k}"

    assert cache.get(1, lambda: build(1)) == "P1"
    assert cache.get(2, lambda: build(2)) == "P2"
    assert cache.get(1, lambda: build(1)) == "P1"  # refreshes 1
    cache.get(3, lambda: build(3))  # evicts 2, the least recently used
    assert len(cache) == 2 and built == [1, 2, 3]
    cache.get(2, lambda: build(2))
    assert built == [1, 2, 3, 2]

    cache.clear()
    built.clear()
    def worker():
        cache.get("k", lambda: build("k"))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert built == ["k"]


def test_problem_cache_pickles_empty():
    import pickle

    cache = ProblemCache(maxsize=5)
    cache.get(1, lambda: "x")
    clone = pickle.loads(pickle.dumps(cache))
    assert clone.maxsize == 5 and len(clone) == 0


def test_precise_scs_and_its_bounds():
    assert precise_scs() == ("SCS", {"eps_abs": 1e-9, "eps_rel": 1e-9, "max_iters": 50_000})
    with pytest.raises(ValueError, match="eps"):
        precise_scs(0.0)
    with pytest.raises(ValueError, match="max_iters"):
        precise_scs(1e-6, 10**12)


# ---------------------------------------------------------------- CN(0, 1) layouts
@pytest.mark.parametrize("layout", ["split", "interleaved"])
def test_rayleigh_layouts_are_cn01(layout):
    h = rayleigh(200_000, rng=3, layout=layout)
    se = 1 / np.sqrt(200_000)
    assert abs(np.mean(h)) < 4 * se
    assert np.mean(np.abs(h) ** 2) == pytest.approx(1.0, abs=4 * se)
    assert abs(np.mean(h ** 2)) < 4 * se  # circular symmetry: E[h^2] = 0


def test_rayleigh_interleaved_reads_pairs_as_complex():
    x = np.random.default_rng(7).standard_normal((3, 4, 2))
    h = rayleigh((3, 4), rng=7, layout="interleaved")
    np.testing.assert_array_equal(h, (x[..., 0] + 1j * x[..., 1]) * np.sqrt(0.5))
    with pytest.raises(ValueError, match="layout"):
        rayleigh(3, rng=0, layout="pairs")
