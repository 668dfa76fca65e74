"""Golay codebooks from pairwise-bent quadratics (spec §1.2-1.4, oracles §4.3-4.5 and §4.10)."""

from __future__ import annotations

import itertools
import time
import tracemalloc

import numpy as np
import pytest

from wirelesseff.noma import (
    BASE_SET_A,
    BASE_SET_B,
    GolayOperator,
    bent_permutation_sets,
    certify_block_repetition,
    coherence,
    coherence_statistics,
    gdj_quadratic,
    golay_codebook,
    golay_codebook_coherence,
    golay_operator,
    is_bent,
    is_near_bent,
    pairwise_bent_by_rank,
    recursive_permutation_set,
    schur_complement_orbit,
    walsh_hadamard,
    welch_bound,
)
from wirelesseff.noma.golay import _canonical_paths

S_A = ((1, 2, 3, 4), (1, 3, 4, 2), (1, 4, 2, 3), (2, 1, 4, 3), (2, 3, 1, 4), (3, 1, 2, 4))
S_B = ((1, 2, 4, 3), (1, 3, 2, 4), (1, 4, 3, 2), (2, 1, 3, 4), (2, 4, 1, 3), (3, 2, 1, 4))
COL0 = [1, 1, 1, -1, 1, 1, -1, 1, 1, 1, 1, -1, -1, -1, 1, -1]
COL16 = [1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, -1, -1, 1, 1, -1]


# --- tier 1: §1.4 values ---------------------------------------------------------------------
def test_base_sets_are_the_two_maximum_sets_li2025_section_1_4():
    assert bent_permutation_sets(4) == [S_A, S_B]
    assert (BASE_SET_A, BASE_SET_B) == (S_A, S_B)


def test_recursive_set_example_section_1_4():
    assert recursive_permutation_set("A", 2)[1] == (1, 3, 4, 2, 5, 7, 8, 6)
    lifted = recursive_permutation_set("B", 3)
    assert len(lifted) == 6 and all(sorted(p) == list(range(1, 13)) for p in lifted)
    assert recursive_permutation_set([(2, 1)], 2) == ((2, 1, 4, 3),)


def test_codebook_columns_and_inner_product_section_1_4():
    a = golay_codebook(1, normalize=False)
    assert a[:, 0].astype(int).tolist() == COL0
    assert a[:, 16].astype(int).tolist() == COL16
    assert a[:, 0] @ a[:, 16] == 4.0
    an = golay_codebook(1)
    assert an[:, 0] @ an[:, 16] == 0.25


@pytest.mark.parametrize("base", ["A", "B"])
@pytest.mark.parametrize("m", [1, 2, 3, 4])
def test_coherence_is_exactly_2_pow_minus_2m_reference_table(base, m):
    mu = golay_codebook_coherence(recursive_permutation_set(base, m))
    assert mu == 2.0 ** (-2 * m)


def test_reference_table_ratios_section_1_4():
    expected = {16: (0.229416, 1.089725), 256: (0.057073, 1.095088),
                4096: (0.014264, 1.095423), 65536: (0.003566, 1.095444)}
    for m, n in zip(range(1, 5), expected):
        mu = golay_codebook_coherence(recursive_permutation_set("A", m))
        mu_w = welch_bound(n, 6 * n)
        assert mu_w == pytest.approx(expected[n][0], abs=5e-7)
        assert mu / mu_w == pytest.approx(expected[n][1], abs=5e-7)
    assert float(welch_bound(16, 96)) == np.sqrt(1 / 19)


def test_reversed_permutations_give_coherence_one():
    assert golay_codebook_coherence([(1, 2, 3, 4), (4, 3, 2, 1)]) == 1.0
    assert golay_codebook_coherence([(1, 2, 3, 4)]) == 0.0


# --- tier 2: properties of the codebook ----------------------------------------------------
@pytest.mark.parametrize("base", ["A", "B"])
@pytest.mark.parametrize("m", [1, 2])
def test_golay_codebook_structure_spec_oracle_4_4(base, m):
    a = golay_codebook(m, base)
    n = 2 ** (4 * m)
    assert a.shape == (n, 6 * n) and a.dtype == np.float64
    np.testing.assert_array_equal(np.linalg.norm(a, axis=0), np.ones(6 * n))
    g = a.T @ a
    for i, j in itertools.product(range(6), repeat=2):
        blk = g[i * n : (i + 1) * n, j * n : (j + 1) * n]
        if i == j:
            np.testing.assert_array_equal(blk, np.eye(n))
        else:
            np.testing.assert_array_equal(np.abs(blk), np.full((n, n), n**-0.5))
    np.testing.assert_array_equal(a @ a.T, 6 * np.eye(n))
    mu = coherence(a)
    assert mu == golay_codebook_coherence(recursive_permutation_set(base, m)) == n**-0.5


def test_golay_codebook_is_a_tight_frame_at_the_welch_mean_square():
    a = golay_codebook(1)
    stats = coherence_statistics(a)
    assert stats["mean_square"] == pytest.approx(float(welch_bound(16, 96)) ** 2, rel=1e-12)
    assert stats["fraction_above"] == 0.0
    assert stats["coherence"] == 0.25


def test_every_column_is_a_coset_of_a_golay_quadratic():
    op = golay_operator(1)
    x = np.arange(16)
    for j in (0, 17, 50, 95):
        i, c = divmod(j, 16)
        expect = (-1.0) ** (gdj_quadratic(op.perms[i]) ^ (np.bitwise_count(x & c) & 1)) / 4
        np.testing.assert_array_equal(op.column(j), expect)


def test_gdj_quadratic_reversal_invariance_and_path_form(rng):
    for _ in range(10):
        p = tuple(int(v) for v in rng.permutation(6) + 1)
        assert np.array_equal(gdj_quadratic(p), gdj_quadratic(p[::-1]))
    x = np.arange(16)
    bits = (x[:, None] >> np.arange(4)) & 1
    q = (bits[:, 0] * bits[:, 2] + bits[:, 2] * bits[:, 1] + bits[:, 1] * bits[:, 3]) % 2
    assert np.array_equal(gdj_quadratic((1, 3, 2, 4)), q)


def test_golay_quadratic_sums_of_base_set_are_bent_by_wht():
    qs = [gdj_quadratic(p) for p in recursive_permutation_set("A", 2)]
    for a, b in itertools.combinations(qs, 2):
        assert is_bent(a ^ b)
        assert np.all(np.abs(walsh_hadamard(a ^ b)) == 16)


# --- the §1.4 proof, re-run --------------------------------------------------------------
@pytest.mark.parametrize("base", [S_A, S_B])
def test_schur_recursion_all_orientations_section_1_4(base):
    longest = 0
    for orient in itertools.product((False, True), repeat=6):
        perms = [p[::-1] if o else p for p, o in zip(base, orient)]
        for p, q in itertools.combinations(perms, 2):
            orbit, ok = schur_complement_orbit(p, q)
            assert ok
            longest = max(longest, len(orbit))
            for s in orbit:  # every visited S_k nonsingular over F_2
                assert round(abs(np.linalg.det(s.astype(float)))) % 2 == 1
    assert longest <= 2


def test_schur_certificate_agrees_with_brute_force_rank():
    """For every pair of n = 4 paths and orientations, the orbit predicts bentness for all m."""
    paths = _canonical_paths(4)
    checked = 0
    for p, q in itertools.combinations(paths, 2):
        for pp, qq in ((p, q), (p[::-1], q), (p, q[::-1])):
            orbit, ok = schur_complement_orbit(pp, qq)
            brute = [pairwise_bent_by_rank(recursive_permutation_set([pp, qq], m))
                     for m in range(1, 7)]
            if ok:
                assert all(brute)
            else:
                first_bad = len(orbit)  # S_k singular at k = len(orbit)
                assert brute[: first_bad - 1] == [True] * (first_bad - 1)
                if first_bad <= 6:
                    assert not brute[first_bad - 1]
            checked += 1
    assert checked == 198
    assert certify_block_repetition("A") and certify_block_repetition("B")


@pytest.mark.parametrize("base", ["A", "B"])
def test_pairwise_bent_by_rank_up_to_m10(base):
    for m in range(1, 11):
        assert pairwise_bent_by_rank(recursive_permutation_set(base, m))


# --- exhaustive sets for other n --------------------------------------------------------------
def _independent_max_cliques(adj_sets):
    """Plain Bron-Kerbosch with pivoting (sets, no colouring bound): all maximal cliques."""
    out = []

    def bk(r, p, x):
        if not p and not x:
            out.append(r)
            return
        pivot = max(p | x, key=lambda u: len(adj_sets[u] & p))
        for v in list(p - adj_sets[pivot]):
            bk(r | {v}, p & adj_sets[v], x & adj_sets[v])
            p = p - {v}
            x = x | {v}

    bk(frozenset(), set(range(len(adj_sets))), set())
    best = max(len(c) for c in out)
    return best, sorted(sorted(c) for c in out if len(c) == best)


@pytest.mark.parametrize(("n", "size", "count"), [(2, 1, 1), (3, 3, 1), (4, 6, 2), (5, 12, 640)])
def test_bent_permutation_sets_match_independent_search(n, size, count):
    sets = bent_permutation_sets(n)
    assert len(sets) == count and all(len(s) == size for s in sets)
    check = is_bent if n % 2 == 0 else is_near_bent
    for s in sets[:5]:
        assert all(p[0] < p[-1] for p in s) and list(s) == sorted(s)
        for p, q in itertools.combinations(s, 2):
            assert check(gdj_quadratic(p) ^ gdj_quadratic(q))
    paths = _canonical_paths(n)
    adj = [{j for j, q in enumerate(paths) if j != i and pairwise_bent_by_rank([p, q])}
           for i, p in enumerate(paths)]
    best, cliques = _independent_max_cliques(adj)
    assert best == size
    assert sorted(tuple(paths[i] for i in c) for c in cliques) == sets


def test_bent_permutation_sets_n6_fast_and_exact():
    t0 = time.perf_counter()
    sets = bent_permutation_sets(6)
    elapsed = time.perf_counter() - t0
    assert elapsed < 30.0
    assert len(sets) == 1680 and all(len(s) == 9 for s in sets)
    for s in sets[::200]:
        for p, q in itertools.combinations(s, 2):
            assert is_bent(gdj_quadratic(p) ^ gdj_quadratic(q))


@pytest.mark.slow
def test_bent_permutation_sets_n6_matches_independent_search():
    paths = _canonical_paths(6)
    adj = [{j for j, q in enumerate(paths) if j != i and pairwise_bent_by_rank([p, q])}
           for i, p in enumerate(paths)]
    best, cliques = _independent_max_cliques(adj)
    assert best == 9
    assert sorted(tuple(paths[i] for i in c) for c in cliques) == bent_permutation_sets(6)


# --- matrix-free operator (oracle §4.10) ---------------------------------------------------------
@pytest.mark.parametrize("m", [1, 2])
def test_operator_matches_dense(m, rng):
    op = golay_operator(m, "B")
    a = golay_codebook(m, "B")
    n, k = a.shape
    assert (op.N, op.K, op.shape, op.dtype) == (n, k, (n, k), np.float64)
    xr_ = rng.standard_normal(k)
    xc = rng.standard_normal((k, 3)) + 1j * rng.standard_normal((k, 3))
    yr = rng.standard_normal(n)
    yc = rng.standard_normal((n, 4)) + 1j * rng.standard_normal((n, 4))
    np.testing.assert_allclose(op.matvec(xr_), a @ xr_, atol=1e-12)
    np.testing.assert_allclose(op @ xc, a @ xc, atol=1e-12)
    np.testing.assert_allclose(op.rmatvec(yr), a.T @ yr, atol=1e-12)
    np.testing.assert_allclose(op.rmatvec(yc), a.T @ yc, atol=1e-12)
    idx = rng.integers(0, k, 20)
    np.testing.assert_array_equal(op.columns(idx), a[:, idx])
    np.testing.assert_array_equal(op.column(int(idx[0])), a[:, idx[0]])
    # adjoint identity <A x, y> = <x, A^H y>
    assert np.vdot(yc[:, 0], op.matvec(xc[:, 0])) == pytest.approx(
        np.vdot(op.rmatvec(yc[:, 0]), xc[:, 0]), rel=1e-12)
    lo = op.as_linear_operator()
    np.testing.assert_allclose(lo.matvec(xr_), a @ xr_, atol=1e-12)
    np.testing.assert_allclose(lo.rmatvec(yr), a.T @ yr, atol=1e-12)
    np.testing.assert_allclose(lo.matmat(xc), a @ xc, atol=1e-12)


def test_operator_at_m4_columns_and_adjoint(rng):
    op = golay_operator(4)
    assert op.shape == (65536, 393216)
    j = [0, 65536 + 5, 5 * 65536 + 777]
    cols = op.columns(j)
    np.testing.assert_allclose(np.linalg.norm(cols, axis=0), 1.0, rtol=1e-12)
    assert abs(cols[:, 0] @ cols[:, 1]) in (0.0, 2.0**-8)
    e = np.zeros(op.K)
    e[j[2]] = 1.0
    np.testing.assert_array_equal(op.matvec(e), cols[:, 2])
    np.testing.assert_allclose(op.rmatvec(cols[:, 2])[j[2]], 1.0, rtol=1e-12)


def test_golay_codebook_coherence_m4_memory_below_100mb():
    perms = recursive_permutation_set("A", 4)
    tracemalloc.start()
    mu = golay_codebook_coherence(perms)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert mu == 2.0**-8
    assert peak < 100 * 2**20


def test_unnormalised_operator_has_pm1_entries():
    op = GolayOperator(BASE_SET_A, normalize=False)
    assert set(np.unique(op.columns(range(96)))) == {-1.0, 1.0}
    np.testing.assert_array_equal(op.todense(), golay_codebook(1, normalize=False))


# --- bad input ------------------------------------------------------------------------------
def test_gdj_quadratic_rejects_zero_based_and_non_permutations():
    with pytest.raises(ValueError, match="0-based"):
        gdj_quadratic((0, 1, 2, 3))
    with pytest.raises(ValueError, match="permutation"):
        gdj_quadratic((1, 1, 2))


def test_recursive_set_rejects_m_below_one_and_unknown_base():
    with pytest.raises(ValueError, match="m must be an integer >= 1"):
        recursive_permutation_set("A", 0)
    with pytest.raises(ValueError, match="base"):
        recursive_permutation_set("C", 1)


def test_golay_codebook_m4_refused_dense():
    with pytest.raises(ValueError, match="max_bytes"):
        golay_codebook(4)
    with pytest.raises(ValueError, match="max_bytes"):
        golay_codebook(2, max_bytes=1000)


def test_bent_permutation_sets_domain():
    with pytest.raises(NotImplementedError, match="n=7"):
        bent_permutation_sets(7)
    with pytest.raises(ValueError, match="n must be an integer >= 2"):
        bent_permutation_sets(1)


def test_perm_sets_must_share_n_and_operator_checks_shapes():
    with pytest.raises(ValueError, match="common"):
        golay_codebook_coherence([(1, 2, 3), (1, 2, 3, 4)])
    op = golay_operator(1)
    with pytest.raises(ValueError, match="shape"):
        op.matvec(np.ones(5))
    with pytest.raises(ValueError, match="shape"):
        op.rmatvec(np.ones(96))
    with pytest.raises(ValueError, match="column indices"):
        op.columns([96])
    with pytest.raises(ValueError, match="j must be an integer"):
        op.column(-1)
