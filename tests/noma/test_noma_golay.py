"""Golay codebooks from pairwise-bent quadratics (docs/noma.md, sections 2.2-2.4).

Test names say where a value comes from: ``li2025_abstract`` for what Li, Riera, Sarkar and
Stănică (arXiv:2512.16560, 2025) state, ``project`` for our own computations (base sets,
max-set table, explicit columns, extension rules, near-bent sets), ``yu2021`` for the baseline
after N. Y. Yu (IEEE Trans. Commun. 69(1), 2021).
"""

from __future__ import annotations

import itertools
import time
import tracemalloc

import numpy as np
import pytest

from wirelesseff.noma import (
    BASE_SET_A,
    BASE_SET_B,
    TAIL_SET_3,
    GolayOperator,
    bent_permutation_sets,
    certify_block_repetition,
    coherence,
    coherence_statistics,
    extend_permutation_set,
    gdj_quadratic,
    golay_codebook,
    golay_codebook_coherence,
    golay_operator,
    is_bent,
    is_near_bent,
    near_bent_golay_codebook,
    near_bent_permutation_set,
    pairwise_bent_by_rank,
    papr,
    recursive_permutation_set,
    schur_complement_orbit,
    walsh_hadamard,
    welch_bound,
    yu_golay_codebook,
    yu_permutation_set,
)
from wirelesseff.noma._kernels import fwht_rows_numpy
from wirelesseff.noma.golay import _TAIL3_RULES, _canonical_paths

S_A = ((1, 2, 3, 4), (1, 3, 4, 2), (1, 4, 2, 3), (2, 1, 4, 3), (2, 3, 1, 4), (3, 1, 2, 4))
S_B = ((1, 2, 4, 3), (1, 3, 2, 4), (1, 4, 3, 2), (2, 1, 3, 4), (2, 4, 1, 3), (3, 2, 1, 4))
COL0 = [1, 1, 1, -1, 1, 1, -1, 1, 1, 1, 1, -1, -1, -1, 1, -1]
COL16 = [1, 1, 1, 1, 1, -1, 1, -1, 1, 1, -1, -1, -1, 1, 1, -1]


# --- tier 1: what Li et al. (2025) state ---------------------------------------------------------
@pytest.mark.parametrize("base", ["A", "B"])
def test_li2025_abstract_k_6n_sequences_of_length_2_pow_4m(base):
    for m in range(1, 5):
        op = golay_operator(m, base)
        assert (op.N, op.K) == (2 ** (4 * m), 6 * 2 ** (4 * m))
    for m in range(5, 11):  # no operator (its sign table grows as 6N): the permutations
        perms = recursive_permutation_set(base, m)
        assert len(perms) == 6 and {len(p) for p in perms} == {4 * m}


def test_li2025_abstract_base_dimension_4_and_six_blocks():
    for base in (BASE_SET_A, BASE_SET_B):
        assert len(base) == 6 and {len(p) for p in base} == {4}


# --- project computations: base sets, explicit columns ------------------------------------------
def test_project_search_base_sets_are_the_two_maximum_sets():
    assert bent_permutation_sets(4) == [S_A, S_B]
    assert (BASE_SET_A, BASE_SET_B) == (S_A, S_B)


def test_project_block_repetition_example():
    assert recursive_permutation_set("A", 2)[1] == (1, 3, 4, 2, 5, 7, 8, 6)
    lifted = recursive_permutation_set("B", 3)
    assert len(lifted) == 6 and all(sorted(p) == list(range(1, 13)) for p in lifted)
    assert recursive_permutation_set([(2, 1)], 2) == ((2, 1, 4, 3),)


def test_project_explicit_columns_and_inner_product():
    a = golay_codebook(1, normalize=False)
    assert a[:, 0].astype(int).tolist() == COL0
    assert a[:, 16].astype(int).tolist() == COL16
    assert a[:, 0] @ a[:, 16] == 4.0
    an = golay_codebook(1)
    assert an[:, 0] @ an[:, 16] == 0.25


@pytest.mark.parametrize("base", ["A", "B"])
@pytest.mark.parametrize("m", [1, 2, 3, 4])
def test_li2025_abstract_coherence_is_exactly_1_over_sqrt_n(base, m):
    mu = golay_codebook_coherence(recursive_permutation_set(base, m))
    assert mu == 2.0 ** (-2 * m)


def test_project_table_coherence_over_welch_ratios():
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
def test_golay_codebook_blocks_orthonormal_and_mutually_unbiased(base, m):
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


# --- the project's proof for all m, re-run (docs/noma.md, "Proof for all m") -------------------
@pytest.mark.parametrize("base", [S_A, S_B])
def test_project_schur_recursion_all_orientations(base):
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


# --- matrix-free operator -------------------------------------------------------------------------
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
    with pytest.raises(ValueError, match=r"m must be an integer in \[1, 256\]"):
        recursive_permutation_set("A", 0)
    with pytest.raises(ValueError, match="base"):
        recursive_permutation_set("C", 1)


def test_golay_codebook_m4_refused_dense():
    with pytest.raises(ValueError, match="max_bytes"):
        golay_codebook(4)
    with pytest.raises(ValueError, match="max_bytes"):
        golay_codebook(2, max_bytes=1000)


def test_bent_permutation_sets_domain():
    with pytest.raises(ValueError, match=r"n must be an integer in \[2, 6\], got 7"):
        bent_permutation_sets(7)
    with pytest.raises(ValueError, match=r"n must be an integer in \[2, 6\], got 1"):
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


# --- structured coherence: the fast kernel equals the computation it replaces --------------------
def _structured_reference(perms):
    """max |W| / N over pairs from gdj truth tables and the int64 NumPy radix-2 FWHT."""
    qs = [gdj_quadratic(p).astype(np.int64) for p in perms]
    best = 0
    for a, b in itertools.combinations(qs, 2):
        w = (1 - 2 * (a ^ b))[None, :]
        fwht_rows_numpy(w)
        best = max(best, int(np.abs(w).max()))
    return best / qs[0].size


@pytest.mark.parametrize("base", ["A", "B"])
@pytest.mark.parametrize("m", [1, 2, 3, 4])
def test_golay_codebook_coherence_equals_structured_numpy_reference(base, m):
    perms = recursive_permutation_set(base, m)
    assert golay_codebook_coherence(perms) == _structured_reference(perms)
    if m <= 2:
        assert golay_codebook_coherence(perms) == coherence(golay_codebook(m, base))


@pytest.mark.parametrize("n", [3, 5, 8, 11, 14, 19])
def test_golay_codebook_coherence_of_random_sets_equals_reference(n, rng):
    perms = [tuple(int(v) + 1 for v in rng.permutation(n)) for _ in range(4)]
    assert golay_codebook_coherence(perms) == _structured_reference(perms)


@pytest.mark.slow
def test_li2025_abstract_coherence_at_m6_n_2_pow_24():
    assert golay_codebook_coherence(recursive_permutation_set("A", 6)) == 2.0**-12


def test_golay_codebook_coherence_refuses_work_array_above_max_bytes():
    with pytest.raises(ValueError, match="max_bytes"):
        golay_codebook_coherence(recursive_permutation_set("A", 4), max_bytes=2**17)
    with pytest.raises(TypeError, match="max_bytes"):
        golay_codebook_coherence(BASE_SET_A, max_bytes="big")


# --- the extension step (project rule; block repetition is its default) ---------------------------
def test_extension_step_default_is_block_repetition():
    p = BASE_SET_A
    for m in range(2, 6):
        p = extend_permutation_set(p, "A")
        assert p == recursive_permutation_set("A", m)
    assert recursive_permutation_set("A", 3, pairing=range(6), orientation=[1] * 6) == (
        recursive_permutation_set("A", 3))


def test_extension_step_pairing_and_orientation_move_the_junction():
    out = extend_permutation_set(BASE_SET_A, "A", pairing=[1, 0, 2, 3, 4, 5],
                                 orientation=[-1, 1, 1, 1, 1, 1], check=False)
    assert out[0] == (1, 2, 3, 4) + tuple(v + 4 for v in BASE_SET_A[1][::-1])
    assert out[1] == BASE_SET_A[1] + tuple(v + 4 for v in BASE_SET_A[0])


def test_extension_step_compatibility_check_names_the_failing_pair():
    with pytest.raises(ValueError, match=r"members 0 and 1 .* rank"):
        extend_permutation_set(BASE_SET_A, "A", pairing=[0] * 6)
    # the same tail for everybody cancels in every pairwise sum: never near-bent
    with pytest.raises(ValueError, match="near-bent"):
        extend_permutation_set(BASE_SET_A, TAIL_SET_3, pairing=[0] * 6)


def test_extension_step_rejects_bad_rules():
    with pytest.raises(ValueError, match="pairing is required"):
        extend_permutation_set(BASE_SET_A, [(1, 2)])
    with pytest.raises(ValueError, match=r"pairing\[2\] must be in \[0, 5\]"):
        extend_permutation_set(BASE_SET_A, "A", pairing=[0, 1, 6, 3, 4, 5])
    with pytest.raises(ValueError, match="orientation"):
        extend_permutation_set(BASE_SET_A, "A", orientation=[1, 1, 0, 1, 1, 1])
    with pytest.raises(ValueError, match="one entry per member"):
        extend_permutation_set(BASE_SET_A, "A", orientation=[1, 1])
    with pytest.raises(TypeError, match="pairing"):
        extend_permutation_set(BASE_SET_A, "A", pairing="012345")
    with pytest.raises(TypeError, match="check"):
        extend_permutation_set(BASE_SET_A, "A", check="yes")


def test_certificate_agrees_with_brute_force_rank_on_random_extension_rules():
    """Random pairings, orientations and tails: the orbit certificate predicts the rank test."""
    gen = np.random.default_rng(5)
    n_true = 0
    for trial in range(60):
        base = "AB"[trial % 2]
        pairing = [int(v) for v in gen.integers(0, 6, 6)] if trial % 3 else None
        orient = [int(v) for v in gen.choice([1, -1], 6)]
        tail = tp = to = None
        if trial % 4 == 1:
            tail, tp = [(1,)], [0] * 6
        elif trial % 4 == 2:
            tail = TAIL_SET_3
            tp = [int(v) for v in gen.integers(0, 3, 6)]
            to = [int(v) for v in gen.choice([1, -1], 6)]
        cert = certify_block_repetition(base, pairing=pairing, orientation=orient, tail=tail,
                                        tail_pairing=tp, tail_orientation=to)
        brute = []
        for m in range(1, 7):
            perms = recursive_permutation_set(base, m, pairing=pairing, orientation=orient)
            if tail is not None:
                perms = extend_permutation_set(perms, tail, pairing=tp, orientation=to,
                                               check=False)
            brute.append(pairwise_bent_by_rank(perms))
        assert cert == all(brute)
        n_true += cert
    assert n_true < 60  # the draws include failing rules


# --- odd n: near-bent sets and codebooks (project constructions) ---------------------------------
@pytest.mark.parametrize("base", ["A", "B"])
def test_project_near_bent_families_certified_for_all_m(base):
    assert certify_block_repetition(base, tail=[(1,)], tail_pairing=[0] * 6)  # n = 4m + 1
    pairing, orientation = _TAIL3_RULES[base]
    assert certify_block_repetition(base, tail=TAIL_SET_3, tail_pairing=pairing,
                                    tail_orientation=orientation)  # n = 4m + 3


@pytest.mark.parametrize("n", [3, 5, 7, 9, 11, 13])
def test_project_near_bent_sets_have_coherence_sqrt_2_over_n(n):
    perms = near_bent_permutation_set(n)
    assert len(perms) == {3: 3, 5: 12}.get(n, 6)
    assert pairwise_bent_by_rank(perms)
    assert golay_codebook_coherence(perms) == np.sqrt(2.0 / 2**n)


def test_project_near_bent_sets_by_rank_up_to_n_101():
    for n in range(15, 102, 2):
        for base in ("A", "B"):
            assert pairwise_bent_by_rank(near_bent_permutation_set(n, base))


def test_project_near_bent_codebook_n5_n32_k384():
    a = near_bent_golay_codebook(5)
    assert a.shape == (32, 384)
    np.testing.assert_allclose(np.linalg.norm(a, axis=0), 1.0, rtol=1e-14)
    g = np.abs(a.T @ a)
    np.fill_diagonal(g, 0.0)
    vals = np.unique(np.round(g, 12))
    np.testing.assert_allclose(vals, [0.0, 0.25], atol=1e-12)  # 0 or sqrt(2/N)
    assert papr(a, 8).max() <= 2.0 + 1e-9


def test_near_bent_rejects_even_n():
    with pytest.raises(ValueError, match="n must be odd"):
        near_bent_permutation_set(8)
    with pytest.raises(ValueError, match=r"n must be an integer in \[3, 29\]"):
        near_bent_golay_codebook(31)


# --- the same-family baseline after Yu (2021) ----------------------------------------------------
def test_yu2021_baseline_is_reproducible_and_meets_its_rank_floor():
    a = yu_permutation_set(8, 6, rng=3)
    assert a == yu_permutation_set(8, 6, rng=3)
    assert golay_codebook_coherence(a) <= 2 / 16  # rank >= n - 2: mu <= 2 / sqrt(N)
    strict = yu_permutation_set(8, 6, rng=3, min_rank=8)
    assert golay_codebook_coherence(strict) == 1 / 16  # a random search can find bent sets
    rows = [tuple(sorted(p)) for p in a]
    assert all(r == tuple(range(1, 9)) for r in rows)


def test_yu2021_baseline_codebook_is_golay_and_not_optimal_on_average():
    a = yu_golay_codebook(4, rng=0)
    assert a.shape == (16, 96)
    assert papr(a, 8).max() <= 2.0 + 1e-9
    worse = [golay_codebook_coherence(yu_permutation_set(8, 6, rng=s, min_rank=2))
             for s in range(10)]
    assert max(worse) > 1 / 16  # unconstrained random sets miss the optimum


def test_yu2021_baseline_reports_an_impossible_request():
    # only 6 n = 4 quadratics are pairwise bent, so 7 cannot be found
    with pytest.raises(ValueError, match="no set of n_blocks=7"):
        yu_permutation_set(4, 7, rng=0, min_rank=4, max_draws=2000)
    with pytest.raises(ValueError, match=r"n_blocks must be an integer in \[1, 12\]"):
        yu_permutation_set(4, 13)


# --- sizes are bounded before any allocation ------------------------------------------------------
@pytest.mark.parametrize("call", [
    lambda: golay_codebook(1e308),
    lambda: golay_operator(10**12),
    lambda: recursive_permutation_set("A", 10**12),
    lambda: near_bent_permutation_set(10**12),
    lambda: yu_permutation_set(8, 10**12),
    lambda: yu_permutation_set(8, 6, max_draws=10**12),
    lambda: GolayOperator(recursive_permutation_set("A", 7)),
])
def test_huge_sizes_are_refused_quickly(call):
    t0 = time.perf_counter()
    with pytest.raises(ValueError):
        call()
    assert time.perf_counter() - t0 < 1.0


@pytest.mark.parametrize("bad", ["2", float("nan"), None, 2.5])
def test_golay_codebook_m_must_be_an_integer(bad):
    with pytest.raises((TypeError, ValueError), match="m must be an integer"):
        golay_codebook(bad)
