"""Boolean functions: WHT, bent tests and constructions (docs/noma.md, section 2.1)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.noma import (
    BASE_SET_A,
    bent_dual,
    direct_sum,
    fwht,
    gdj_quadratic,
    gf2_rank,
    indirect_sum,
    is_bent,
    is_near_bent,
    maiorana_mcfarland,
    pairwise_bent_by_rank,
    walsh_hadamard,
)
from wirelesseff.noma.golay import _canonical_paths

X1X2_X3X4 = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0]


# --- tier 1: exact values (MacWilliams-Sloane 1977, ch. 15; worked by hand) -------------------
def test_wht_of_and_function_by_hand():
    out = walsh_hadamard([0, 0, 0, 1])
    assert out.dtype == np.int64
    assert out.tolist() == [2, 2, 2, -2]


def test_x1x2_plus_x3x4_spectrum_bent_and_self_dual_rothaus1976():
    w = walsh_hadamard(X1X2_X3X4)
    assert w.tolist() == [4, 4, 4, -4, 4, 4, 4, -4, 4, 4, 4, -4, -4, -4, -4, 4]
    assert is_bent(X1X2_X3X4)
    assert bent_dual(X1X2_X3X4).tolist() == X1X2_X3X4


@pytest.mark.parametrize("n", [1, 2, 5, 8])
def test_zero_function_spectrum_is_delta(n):
    w = walsh_hadamard(np.zeros(2**n, dtype=int))
    assert w[0] == 2**n and not np.any(w[1:])


def test_wht_equals_dense_definition(rng):
    n = 6
    tt = rng.integers(0, 2, 2**n)
    x = np.arange(2**n)
    dots = np.bitwise_count(x[:, None] & x[None, :]) & 1
    direct = ((-1.0) ** ((tt[None, :] + dots) % 2)).sum(axis=1)
    assert np.array_equal(walsh_hadamard(tt), direct.astype(np.int64))


# --- tier 2: properties ----------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.integers(1, 10), st.integers(0, 2**32 - 1))
def test_parseval(n, seed):
    tt = np.random.default_rng(seed).integers(0, 2, 2**n)
    w = walsh_hadamard(tt)
    assert int(np.sum(w * w)) == 2 ** (2 * n)


def test_batch_equals_rows(rng):
    tts = rng.integers(0, 2, (7, 64)).astype(bool)
    batch = walsh_hadamard(tts)
    assert batch.shape == (7, 64)
    for row, tt in zip(batch, tts):
        assert np.array_equal(row, walsh_hadamard(tt))
    assert np.array_equal(is_bent(tts), [is_bent(t) for t in tts])


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 12), st.integers(0, 2**32 - 1))
def test_fwht_is_an_involution_up_to_n(n, seed):
    x = np.random.default_rng(seed).integers(-50, 50, 2**n)
    assert np.array_equal(fwht(fwht(x)), (2**n) * x)


def test_fwht_matches_scipy_hadamard_and_any_axis(rng):
    h = scipy.linalg.hadamard(32)
    x = rng.standard_normal((3, 32, 5)) + 1j * rng.standard_normal((3, 32, 5))
    before = x.copy()
    y = fwht(x, axis=1)
    assert np.array_equal(x, before)  # input untouched
    assert y.dtype == np.complex128
    np.testing.assert_allclose(y, np.einsum("ij,ajb->aib", h, x), atol=1e-12)
    assert fwht(np.ones(4, dtype=np.float32)).dtype == np.float64
    assert fwht(np.ones(4, dtype=bool)).dtype == np.int64


def test_is_bent_false_for_odd_n_and_near_bent_false_for_even_n():
    assert not is_bent([0, 0, 0, 1, 0, 0, 0, 1])
    assert is_near_bent([0, 0, 0, 1, 0, 0, 0, 1])
    assert not is_near_bent(X1X2_X3X4)
    assert not is_near_bent(np.zeros(8, dtype=int))  # affine: |W| = 8, not 4


@pytest.mark.parametrize("k", [1, 2, 3])
def test_maiorana_mcfarland_is_bent_mcfarland1973(k):
    rng = np.random.default_rng(1000 + k)
    for _ in range(50):
        perm = rng.permutation(2**k)
        g = rng.integers(0, 2, 2**k)
        assert is_bent(maiorana_mcfarland(perm, g))


@pytest.mark.parametrize("k", [1, 2, 3])
def test_maiorana_mcfarland_identity_is_inner_product(k):
    tt = maiorana_mcfarland(np.arange(2**k))
    i = np.arange(2 ** (2 * k))
    x, y = i % 2**k, i // 2**k
    assert np.array_equal(tt, np.bitwise_count(x & y) & 1)


def test_direct_and_indirect_sums_are_bent(rng):
    bents4 = [maiorana_mcfarland(rng.permutation(4), rng.integers(0, 2, 4)) for _ in range(4)]
    bents2 = [np.array([0, 0, 0, 1]), np.array([1, 0, 0, 0])]
    assert is_bent(direct_sum(bents4[0], bents2[0]))
    assert direct_sum(bents4[0], bents2[0]).size == 64
    assert is_bent(indirect_sum(bents4[0], bents4[1], bents2[0], bents2[1]))
    assert is_bent(indirect_sum(bents4[2], bents4[3], bents4[0], bents4[1]))
    # direct sum of a bent and a non-bent is not bent (Rothaus: iff)
    assert not is_bent(direct_sum(bents4[0], [0, 0, 0, 0]))


def test_rank_test_equals_wht_test_on_all_66_pairs_of_n4_paths():
    paths = _canonical_paths(4)
    assert len(paths) == 12
    pairs = list(itertools.combinations(paths, 2))
    assert len(pairs) == 66
    n_bent = 0
    for p, q in pairs:
        by_wht = is_bent(gdj_quadratic(p) ^ gdj_quadratic(q))
        assert pairwise_bent_by_rank([p, q]) == by_wht
        n_bent += by_wht
    assert 0 < n_bent < 66


def test_rank_test_equals_wht_test_near_bent_n5():
    paths = _canonical_paths(5)
    for p, q in itertools.combinations(paths[:20], 2):
        assert pairwise_bent_by_rank([p, q]) == is_near_bent(gdj_quadratic(p) ^ gdj_quadratic(q))


def test_gf2_rank_examples():
    assert gf2_rank(np.eye(5, dtype=int)) == 5
    assert gf2_rank([[1, 1], [1, 1]]) == 1
    assert gf2_rank([0b101, 0b011, 0b110]) == 2  # third row = XOR of the first two
    assert pairwise_bent_by_rank(BASE_SET_A)


# --- bad input ------------------------------------------------------------------------------
@pytest.mark.parametrize("bad", [[0, 1, 1], [0], []])
def test_walsh_hadamard_rejects_length_not_power_of_two(bad):
    with pytest.raises(ValueError, match="power of two"):
        walsh_hadamard(bad)


def test_walsh_hadamard_rejects_non_binary_entries():
    with pytest.raises(ValueError, match=r"f entries must be in \{0, 1\}, got 2"):
        walsh_hadamard([0, 1, 2, 0])


def test_walsh_hadamard_rejects_ndim_above_two():
    with pytest.raises(ValueError, match="ndim=3"):
        walsh_hadamard(np.zeros((2, 2, 4), dtype=int))


def test_fwht_rejects_bad_length_and_axis():
    with pytest.raises(ValueError, match="power of two"):
        fwht(np.ones(6))
    with pytest.raises(ValueError, match="axis"):
        fwht(np.ones(4), axis=2)


def test_constructions_reject_mismatched_lengths():
    with pytest.raises(ValueError, match="f1 and f2"):
        indirect_sum([0, 0, 0, 1], [0, 1], [0, 1], [1, 0])
    with pytest.raises(ValueError, match="g1 and g2"):
        indirect_sum([0, 1], [1, 0], [0, 0, 0, 1], [0, 1])
    with pytest.raises(ValueError, match="permutation"):
        maiorana_mcfarland([0, 0, 1, 2])
    with pytest.raises(ValueError, match="g must have length"):
        maiorana_mcfarland([0, 1], [0, 1, 1, 0])
    with pytest.raises(ValueError, match="bent"):
        bent_dual([0, 0, 0, 0])
