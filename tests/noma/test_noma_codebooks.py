"""Heng-Yue reference, baselines, codebooks by name and coherence (docs/noma.md)."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.noma import (
    CODEBOOK_KINDS,
    CODEBOOK_LABELS,
    CONWAY_POLYNOMIALS,
    bipolar_codebook,
    coherence,
    coherence_statistics,
    field_multiply,
    field_trace,
    gaussian_codebook,
    golay_codebook,
    heng_yue_codebook,
    levenshtein_bound,
    make_codebook,
    qpsk_codebook,
    welch_bound,
    zadoff_chu_codebook,
)


# --- Heng-Yue ------------------------------------------------------------------------------------
@pytest.mark.parametrize("m", [1, 2, 3, 4, 5, 6])
def test_heng_yue_meets_levenshtein_bound_heng_yue2017(m):
    a = heng_yue_codebook(m)
    n = 2**m
    assert a.shape == (n, n * n + n) and a.dtype == np.complex128
    np.testing.assert_allclose(np.linalg.norm(a, axis=0), 1.0, rtol=1e-14)
    mu = coherence(a)
    assert mu == pytest.approx(n**-0.5, abs=1e-12)
    assert mu == pytest.approx(float(levenshtein_bound(n, n * n + n)), abs=1e-12)
    s = n**-0.5
    alphabet = np.array([0, 1, s, -s, 1j * s, -1j * s])
    dist = np.min(np.abs(a.ravel()[:, None] - alphabet[None, :]), axis=1)
    assert dist.max() < 1e-15
    np.testing.assert_array_equal(a[:, :n], np.eye(n))


def test_heng_yue_bases_are_mutually_unbiased():
    a = heng_yue_codebook(3)
    n = 8
    g = np.abs(a.conj().T @ a)
    for b in range(n + 1):
        blk = g[b * n : (b + 1) * n, b * n : (b + 1) * n]
        np.testing.assert_allclose(blk, np.eye(n), atol=1e-13)
    off = g.copy()
    for b in range(n + 1):
        off[b * n : (b + 1) * n, b * n : (b + 1) * n] = np.nan
    np.testing.assert_allclose(off[~np.isnan(off)], n**-0.5, atol=1e-13)


@pytest.mark.parametrize("m", range(1, 11))
def test_field_trace_matches_galois(m):
    galois = pytest.importorskip("galois")
    gf = galois.GF(2**m)
    assert int(gf.irreducible_poly) == CONWAY_POLYNOMIALS[m]
    z = np.arange(2**m)
    np.testing.assert_array_equal(field_trace(z, m), np.asarray(gf(z).field_trace()))
    rng = np.random.default_rng(m)
    a, b = rng.integers(0, 2**m, 50), rng.integers(0, 2**m, 50)
    np.testing.assert_array_equal(field_multiply(a, b, m), np.asarray(gf(a) * gf(b)))


@pytest.mark.parametrize("m", [2, 3, 5, 8])
def test_field_trace_is_linear_and_balanced(m):
    z = np.arange(2**m)
    tr = field_trace(z, m)
    assert tr.sum() == 2 ** (m - 1)  # a nonzero linear functional is balanced
    a, b = np.meshgrid(z[:16], z[:16])
    np.testing.assert_array_equal(field_trace(a ^ b, m), field_trace(a, m) ^ field_trace(b, m))


def test_heng_yue_rejects_m_out_of_range_and_oversize():
    with pytest.raises(ValueError, match="m must be an integer in \\[1, 10\\]"):
        heng_yue_codebook(0)
    with pytest.raises(ValueError, match="m must be an integer in \\[1, 10\\]"):
        heng_yue_codebook(11)
    with pytest.raises(ValueError, match="max_bytes"):
        heng_yue_codebook(10)


# --- baselines ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fn", "dtype"),
    [
        (gaussian_codebook, np.complex128),
        (bipolar_codebook, np.float64),
        (qpsk_codebook, np.complex128),
        (zadoff_chu_codebook, np.complex128),
    ],
)
def test_baseline_shapes_norms_and_seed_reproducibility(fn, dtype):
    a = fn(16, 96, rng=7)
    assert a.shape == (16, 96) and a.dtype == dtype
    np.testing.assert_allclose(np.linalg.norm(a, axis=0), 1.0, rtol=1e-13)
    np.testing.assert_array_equal(a, fn(16, 96, rng=7))
    if fn is not zadoff_chu_codebook:
        assert not np.array_equal(a, fn(16, 96, rng=8))


def test_real_gaussian_and_alphabets():
    a = gaussian_codebook(8, 10, rng=0, complex=False)
    assert a.dtype == np.float64
    assert set(np.unique(np.round(bipolar_codebook(4, 50, rng=1) * 2))) == {-1.0, 1.0}
    q = np.unique(np.round(qpsk_codebook(4, 50, rng=1) * 2, 12))
    assert set(q.tolist()) == {1, 1j, -1, -1j}


def test_zadoff_chu_prime_length_correlations():
    n = 13
    a = zadoff_chu_codebook(n, n * (n - 1), rng=3)
    g = np.abs(a.conj().T @ a)
    for r in range(n - 1):
        np.testing.assert_allclose(g[r * n : (r + 1) * n, r * n : (r + 1) * n], np.eye(n),
                                   atol=1e-12)
    cross = g[:n, n:]
    np.testing.assert_allclose(cross, 13**-0.5, rtol=1e-12)
    assert coherence(a) == pytest.approx(13**-0.5, rel=1e-12)


def test_zadoff_chu_roots_and_cyclic_extension():
    a = zadoff_chu_codebook(16, 20, roots=[3, 5])  # P = 13, two roots, column 13 = root 5
    u = 3
    zc = np.exp(-1j * np.pi * u * np.arange(13) * (np.arange(13) + 1) / 13)
    np.testing.assert_allclose(a[:, 1] * 4, zc[(np.arange(16) + 1) % 13], atol=1e-13)
    assert a.shape == (16, 20)
    a2 = zadoff_chu_codebook(16, 20, rng=0)
    for s in range(13):  # root-major, shift-minor: column s is column 0 shifted by s
        np.testing.assert_allclose(a2[:, s], a2[(np.arange(16) + s) % 13, 0], atol=1e-15)
    assert not np.allclose(a2[:, 13], a2[(np.arange(16)) % 13, 0])  # a second root


def test_zadoff_chu_rejects_bad_arguments():
    with pytest.raises(ValueError, match=r"K must be <= P\(P-1\) = 156"):
        zadoff_chu_codebook(13, 157)
    with pytest.raises(ValueError, match=r"N must be an integer in \[3, "):
        zadoff_chu_codebook(2, 1)
    with pytest.raises(ValueError, match="roots"):
        zadoff_chu_codebook(13, 20, roots=[1])
    with pytest.raises(ValueError, match="roots"):
        zadoff_chu_codebook(13, 20, roots=[1, 13])


def test_baselines_reject_bad_sizes():
    with pytest.raises(ValueError, match=r"N must be an integer in \[1, "):
        gaussian_codebook(0, 4)
    with pytest.raises(ValueError, match=r"K must be an integer in \[1, "):
        qpsk_codebook(4, 0)
    with pytest.raises(ValueError, match="max_bytes"):
        bipolar_codebook(2**20, 2**20)


# --- coherence helpers ---------------------------------------------------------------------------
def test_coherence_blocked_equals_unblocked(rng):
    a = gaussian_codebook(8, 50, rng=rng)
    g = np.abs(a.conj().T @ a)
    np.fill_diagonal(g, 0)
    assert coherence(a, block=7) == pytest.approx(g.max(), rel=1e-13)
    assert coherence(a) == pytest.approx(g.max(), rel=1e-13)
    s7 = coherence_statistics(a, block=7)
    s = coherence_statistics(a)
    assert s7["mean_square"] == pytest.approx(s["mean_square"], rel=1e-12)
    assert s7["fraction_above"] == s["fraction_above"]
    assert s["mean_square"] == pytest.approx((g**2).sum() / (50 * 49), rel=1e-12)
    assert s["coherence"] >= welch_bound(8, 50)


def test_random_codebooks_exceed_welch_mean_square_bound(rng):
    a = gaussian_codebook(16, 96, rng=rng)
    s = coherence_statistics(a)
    # mean square >= Welch^2 (with equality only for tight frames)
    assert s["mean_square"] >= float(welch_bound(16, 96)) ** 2 - 1e-15
    assert s["fraction_above"] > 0.1


def test_coherence_rejects_single_column():
    with pytest.raises(ValueError, match="K >= 2"):
        coherence(np.ones((4, 1)))


def test_non_finite_or_non_integer_input_rejected():
    from wirelesseff.noma import coherence, omp_penalty_db, papr, zadoff_chu_codebook

    bad = np.eye(4)
    bad[0, 1] = np.nan
    with pytest.raises(ValueError, match="A must be finite"):
        coherence(bad)
    with pytest.raises(ValueError, match="A must be finite"):
        papr(bad)
    with pytest.raises(ValueError, match="roots must be integers"):
        zadoff_chu_codebook(16, 20, roots=[1.5, 2.7])
    with pytest.raises(ValueError, match="ka must be an integer"):
        omp_penalty_db(0.1, 1.5)


# --- every codebook by name ---------------------------------------------------------------------
@pytest.mark.parametrize("kind", CODEBOOK_KINDS)
def test_make_codebook_builds_every_kind_with_unit_norm_columns(kind):
    n = 32 if kind == "golay_near_bent" else 16
    a = make_codebook(kind, n, rng=0)
    k = {"heng_yue": n * n + n, "golay_near_bent": 12 * n}.get(kind, 6 * n)
    assert a.shape == (n, k)
    np.testing.assert_allclose(np.linalg.norm(a, axis=0), 1.0, rtol=1e-13)
    assert isinstance(CODEBOOK_LABELS[kind], str) and "_" not in CODEBOOK_LABELS[kind]


def test_make_codebook_equals_the_dedicated_constructors():
    np.testing.assert_array_equal(make_codebook("golay", 256), golay_codebook(2))
    np.testing.assert_array_equal(make_codebook("qpsk", 16, 40, rng=3),
                                  qpsk_codebook(16, 40, rng=3))
    np.testing.assert_array_equal(make_codebook("zadoff_chu", 256, 1536, rng=4),
                                  zadoff_chu_codebook(256, 1536, rng=4))
    op = make_codebook("golay_yu", 256, matrix_free=True, rng=5)
    np.testing.assert_array_equal(op.todense(), make_codebook("golay_yu", 256, rng=5))


def test_make_codebook_rejects_what_a_kind_cannot_build():
    with pytest.raises(ValueError, match=r"N must be 2\*\*\(4m\)"):
        make_codebook("golay", 32)
    with pytest.raises(ValueError, match="K must be 96"):
        make_codebook("golay", 16, 100)
    with pytest.raises(ValueError, match="K must be a multiple of N"):
        make_codebook("golay_yu", 16, 40)
    with pytest.raises(ValueError, match="matrix_free=True needs a Golay kind"):
        make_codebook("gaussian", 16, matrix_free=True)
    with pytest.raises(ValueError, match="kind must be one of"):
        make_codebook("golay_bent", 16)
    with pytest.raises(TypeError, match="kind"):
        make_codebook(3, 16)


@pytest.mark.parametrize("call", [
    lambda: zadoff_chu_codebook(1e308, 2),
    lambda: gaussian_codebook(10**12, 10**12),
    lambda: heng_yue_codebook(10**12),
    lambda: coherence(np.eye(4), block=10**12),
])
def test_huge_sizes_are_refused_before_allocation(call):
    with pytest.raises(ValueError):
        call()


@pytest.mark.parametrize(("call", "name"), [
    (lambda: welch_bound("16", 96), "N"),
    (lambda: levenshtein_bound(16, [300, float("nan")]), "K"),
    (lambda: field_multiply("2", 2, 2), "a"),
    (lambda: field_trace([0, 7], 2), "z"),
    (lambda: coherence_statistics(np.eye(4), threshold=[]), "threshold"),
    (lambda: gaussian_codebook(4, 4, complex="no"), "complex"),
])
def test_bad_arguments_are_named(call, name):
    with pytest.raises((TypeError, ValueError), match=name):
        call()
