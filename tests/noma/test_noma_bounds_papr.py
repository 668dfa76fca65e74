"""Welch/Levenshtein bounds and PAPR (docs/noma.md, sections 2.5 and 2.6)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.noma import (
    golay_codebook,
    golay_operator,
    levenshtein_bound,
    papr,
    papr_ccdf,
    welch_bound,
)
from wirelesseff.units import lin2db


# --- bounds: published values and identities ----------------------------------------------------
def test_welch_bound_values_of_the_coherence_table():
    assert welch_bound(16, 96) == np.sqrt(1 / 19)
    n = np.array([16, 256, 4096, 65536])
    mu_w = welch_bound(n, 6 * n)
    np.testing.assert_allclose(mu_w, np.sqrt(5 / (6 * n - 1)), rtol=1e-14)
    np.testing.assert_allclose(mu_w, [0.229416, 0.057073, 0.014264, 0.003566], atol=5e-7)
    np.testing.assert_allclose((1 / np.sqrt(n)) / mu_w, [1.089725, 1.095088, 1.095423, 1.095444],
                               atol=5e-7)


def test_welch_bound_domain():
    assert welch_bound(8, 8) == 0.0
    assert np.isnan(welch_bound(8, 4))
    assert np.isnan(welch_bound(1, 1))
    assert np.isnan(welch_bound(0, 5))
    out = welch_bound([4, 8], [[2], [16]])  # broadcasting
    assert out.shape == (2, 2) and np.isnan(out[0]).all() and np.isfinite(out[1]).all()


@pytest.mark.parametrize("n", [2, 4, 16, 64])
def test_levenshtein_validity_edges_and_exceeds_welch(n):
    assert np.isnan(levenshtein_bound(n, n**2))
    assert np.isnan(levenshtein_bound(n, n * (n + 1) // 2, real=True))
    lc = levenshtein_bound(n, n**2 + 1)
    lr = levenshtein_bound(n, n * (n + 1) // 2 + 1, real=True)
    assert np.isfinite(lc) and lc > welch_bound(n, n**2 + 1)
    assert np.isfinite(lr) and lr > welch_bound(n, n * (n + 1) // 2 + 1)


@pytest.mark.parametrize("n", [2, 4, 8, 16, 256])
def test_levenshtein_identities_heng_yue2017(n):
    assert levenshtein_bound(n, n**2 + n) == pytest.approx(n**-0.5, rel=1e-14)
    assert levenshtein_bound(n, n * (n // 2 + 1), real=True) == pytest.approx(n**-0.5, rel=1e-14)


def test_levenshtein_not_applicable_to_golay_parameters():
    n = np.array([16, 256, 4096, 65536])
    assert np.isnan(levenshtein_bound(n, 6 * n)).all()
    assert np.isnan(levenshtein_bound(n, 6 * n, real=True)).all()


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 300), st.integers(1, 10**6))
def test_bounds_are_in_unit_interval_and_never_raise(n, k):
    w = welch_bound(n, k)
    lc = levenshtein_bound(n, k)
    lr = levenshtein_bound(n, k, real=True)
    for v in (w, lc, lr):
        assert np.isnan(v) or 0.0 <= v <= 1.0
    if np.isfinite(lc):
        assert lc >= w - 1e-15
    if np.isfinite(lr):
        assert lr >= w - 1e-15


# --- PAPR --------------------------------------------------------------------------------------
@pytest.mark.parametrize("oversampling", [8, 16])
@pytest.mark.parametrize("m", [1, 2])
def test_every_golay_column_has_papr_at_most_two(m, oversampling):
    values = papr(golay_codebook(m), oversampling)
    assert values.shape == (6 * 2 ** (4 * m),)
    assert values.max() <= 2.0 + 1e-9
    assert values.min() >= 1.0


def test_papr_impulse_and_all_ones():
    for n in (4, 16, 256):
        e = np.zeros(n)
        e[3] = 1.0
        assert papr(e) == pytest.approx(1.0, rel=1e-12)
        assert papr(np.ones(n)) == pytest.approx(n, rel=1e-12)
        assert np.ndim(papr(np.ones(n))) == 0


def test_papr_matches_direct_sum_and_is_scale_invariant(rng):
    a = rng.standard_normal((8, 3)) + 1j * rng.standard_normal((8, 3))
    j = 4
    ell = np.arange(8 * j)
    s = np.exp(2j * np.pi * np.outer(ell, np.arange(8)) / (8 * j)) @ a
    direct = np.max(np.abs(s) ** 2, axis=0) / np.sum(np.abs(a) ** 2, axis=0)
    np.testing.assert_allclose(papr(a, j), direct, rtol=1e-12)
    np.testing.assert_allclose(papr(3.5 * a, j), direct, rtol=1e-12)


def test_sampled_papr_increases_towards_continuous_value(rng):
    a = rng.standard_normal(32)
    assert papr(a, 1) <= papr(a, 4) + 1e-12 <= papr(a, 64) + 2e-12


def test_papr_on_golay_operator_columns_m4_sampled():
    op = golay_operator(4)
    cols = op.columns(np.random.default_rng(0).integers(0, op.K, 4))
    assert papr(cols, 4).max() <= 2.0 + 1e-9


def test_papr_ccdf_counts_strictly_above():
    v = np.array([1.0, 2.0, 2.0, 4.0])
    out = papr_ccdf(v, [-1.0, 0.0, float(lin2db(2.0)), 3.02, 7.0])
    np.testing.assert_allclose(out, [1.0, 0.75, 0.25, 0.25, 0.0])
    golay = papr(golay_codebook(1))
    assert papr_ccdf(golay, 3.02) == 0.0


@pytest.mark.parametrize("bad", [0, -1, 1.5, "4"])
def test_papr_rejects_bad_oversampling(bad):
    with pytest.raises(ValueError, match="oversampling"):
        papr(np.ones(4), bad)


def test_papr_rejects_zero_column_and_bad_shape():
    with pytest.raises(ValueError, match="column 1"):
        papr(np.array([[1.0, 0.0], [1.0, 0.0]]))
    with pytest.raises(ValueError, match="shape"):
        papr(np.ones((2, 2, 2)))
