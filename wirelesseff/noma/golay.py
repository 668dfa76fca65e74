r"""Golay (Davis--Jedwab) codebooks from pairwise-bent quadratics (Li et al. 2025; reconstruction).

A permutation :math:`\pi` of the 1-based labels :math:`\{1, \dots, n\}` defines the quadratic
form

.. math:: Q_\pi(x) = \sum_{i=1}^{n-1} x_{\pi(i)} x_{\pi(i+1)},

whose cosets :math:`(-1)^{Q_\pi(x) + c\cdot x}` are binary Golay sequences (Davis--Jedwab 1999),
so their PAPR is at most 2 (3.01 dB). For :math:`\Pi = (\pi_0, \dots, \pi_{\lambda-1})` and
:math:`N = 2^n` the codebook is

.. math:: A[x, iN + c] = N^{-1/2} (-1)^{Q_{\pi_i}(x) + c\cdot x}, \qquad
   A = N^{-1/2}[D_0 H, \dots, D_{\lambda-1} H],

with :math:`H[x, c] = (-1)^{x\cdot c}` and :math:`D_i = \mathrm{diag}((-1)^{Q_{\pi_i}})`. Each
block is an orthonormal basis and :math:`\langle a_{\pi,c}, a_{\sigma,d}\rangle =
W_{Q_\pi + Q_\sigma}(c \oplus d)/N`, so the coherence is :math:`1/\sqrt N` exactly when every
pairwise sum :math:`Q_\pi + Q_\sigma` is bent (:math:`\sqrt{2/N}` for near-bent sums, odd n).

**What Li, Riera, Sarkar and Stănică state** (arXiv:2512.16560, 2025; only the abstract was
available): codebooks of :math:`K = 6N` binary Golay sequences (PAPR :math:`\leq 2`) of length
:math:`N = 2^{4m}`, any :math:`m \geq 1`, with the lowest possible coherence :math:`1/\sqrt N`,
obtained recursively from particular quadratic bent functions of base dimension 4 (L = 6
sequence blocks); for odd n the differences must be near-bent.

**What this module computes itself** (project computations, not taken from the paper): the
two maximum pairwise-bent sets :data:`BASE_SET_A`, :data:`BASE_SET_B` of n = 4 paths and the
maximum-set table for n <= 6 (exhaustive search, :func:`bent_permutation_sets`); the
extension step :func:`extend_permutation_set` with block repetition as its default
(:func:`recursive_permutation_set`) and the Schur-complement certificate that it keeps every
pairwise sum bent for all m (:func:`certify_block_repetition`); hence the explicit columns of
:func:`golay_codebook`; odd-n near-bent sets (:func:`near_bent_permutation_set`); and the
random same-family baseline after Yu (2021) (:func:`yu_permutation_set`). The authors' own
recursion is unknown and may differ from block repetition.

References
----------
.. [1] C. Li, C. Riera, P. Sarkar, P. Stănică, "On the codebook design for NOMA schemes from
   bent functions", arXiv:2512.16560, 2025 (abstract only was available).
.. [2] J. A. Davis, J. Jedwab, "Peak-to-mean power control in OFDM, Golay complementary
   sequences, and Reed--Muller codes", IEEE Trans. Inf. Theory 45(7):2397--2417, 1999,
   doi:10.1109/18.796380.
.. [3] F. J. MacWilliams, N. J. A. Sloane, *The Theory of Error-Correcting Codes*,
   North-Holland, 1977, ch. 15.
.. [4] N. Y. Yu, "Binary Golay spreading sequences and Reed--Muller codes for uplink
   grant-free NOMA", IEEE Trans. Commun. 69(1):276--290, 2021,
   doi:10.1109/TCOMM.2020.3031613, arXiv:2004.01446.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence

import numba
import numpy as np
import scipy.linalg
from scipy.sparse.linalg import LinearOperator

from .._validation import as_generator, check_choice, check_integer
from . import _kernels
from ._checks import flag
from .boolean import _fwht_inplace, _rank_masks

__all__ = [
    "BASE_SET_A",
    "BASE_SET_B",
    "TAIL_SET_3",
    "GolayOperator",
    "bent_permutation_sets",
    "certify_block_repetition",
    "extend_permutation_set",
    "gdj_quadratic",
    "golay_codebook",
    "golay_codebook_coherence",
    "golay_operator",
    "near_bent_golay_codebook",
    "near_bent_permutation_set",
    "pairwise_bent_by_rank",
    "recursive_permutation_set",
    "schur_complement_orbit",
    "yu_golay_codebook",
    "yu_permutation_set",
]

#: Largest pairwise-bent set of :math:`n = 4` path permutations, first of the two (project
#: computation: exhaustive search, :func:`bent_permutation_sets`; canonical form
#: :math:`\pi(1) < \pi(n)`, members sorted).
BASE_SET_A: tuple[tuple[int, ...], ...] = (
    (1, 2, 3, 4), (1, 3, 4, 2), (1, 4, 2, 3), (2, 1, 4, 3), (2, 3, 1, 4), (3, 1, 2, 4),
)
#: The second maximum pairwise-bent set of :math:`n = 4` paths (project computation).
BASE_SET_B: tuple[tuple[int, ...], ...] = (
    (1, 2, 4, 3), (1, 3, 2, 4), (1, 4, 3, 2), (2, 1, 3, 4), (2, 4, 1, 3), (3, 2, 1, 4),
)
_BASES = {"A": BASE_SET_A, "B": BASE_SET_B}

#: Largest n for which truth tables, codebooks and transforms (2^n entries) are formed.
_MAX_TT_VARIABLES = 30
#: Largest n of a permutation set (GF(2) rank tests and certificates only need O(n^3) bits).
_MAX_VARIABLES = 1024


# ---------------------------------------------------------------------------------------------
# permutations and quadratic forms
# ---------------------------------------------------------------------------------------------
def _as_perm(name: str, perm) -> tuple[int, ...]:
    """Validate a permutation of the 1-based labels {1..n} and return it as a tuple."""
    try:
        p = tuple(int(v) for v in perm)
        if any(float(v) != int(v) for v in perm):
            raise ValueError
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a sequence of integers, got {perm!r}") from None
    n = len(p)
    if n < 1 or sorted(p) != list(range(1, n + 1)):
        raise ValueError(
            f"{name} must be a permutation of the 1-based labels {{1..n}}, got {list(p)}"
            + (" (0-based input is not accepted)" if n >= 1 and sorted(p) == list(range(n)) else "")
        )
    return p


def _as_perm_set(perms, name: str = "perms") -> tuple[tuple[int, ...], ...]:
    """Validate a non-empty set of permutations of a common {1..n}."""
    if isinstance(perms, str) or not isinstance(perms, Sequence | np.ndarray):
        raise ValueError(f"{name} must be a sequence of permutations, got {perms!r}")
    out = tuple(_as_perm(f"{name}[{i}]", p) for i, p in enumerate(perms))
    if not out:
        raise ValueError(f"{name} must contain at least one permutation, got an empty sequence")
    n = {len(p) for p in out}
    if len(n) != 1:
        raise ValueError(f"{name} must be permutations of one common {{1..n}}, got lengths {n}")
    return out


def _edge_masks(perm: tuple[int, ...]) -> list[int]:
    """Rows (bitmasks) of the symplectic matrix B = Q + Q^T of Q_perm over F_2."""
    rows = [0] * len(perm)
    for a, b in itertools.pairwise(perm):
        rows[a - 1] ^= 1 << (b - 1)
        rows[b - 1] ^= 1 << (a - 1)
    return rows


def _pair_is_bent(rows_a: list[int], rows_b: list[int]) -> bool:
    n = len(rows_a)
    target = n if n % 2 == 0 else n - 1
    return _rank_masks([a ^ b for a, b in zip(rows_a, rows_b)]) == target


def gdj_quadratic(perm) -> np.ndarray:
    r"""Truth table of the Davis--Jedwab quadratic :math:`Q_\pi = \sum_i x_{\pi(i)} x_{\pi(i+1)}`.

    Parameters
    ----------
    perm : sequence of int
        Permutation :math:`\pi` of the 1-based labels :math:`\{1, \dots, n\}`,
        :math:`1 \leq n \leq 30`.

    Returns
    -------
    ndarray of uint8
        Truth table of length :math:`2^n` (index :math:`\sum_k x_k 2^{k-1}`); :math:`2^n`
        bytes, no temporaries (numba kernel, one pass).

    Raises
    ------
    ValueError
        If ``perm`` is not a permutation of ``{1..n}`` (0-based input is rejected).

    Notes
    -----
    Davis and Jedwab (IEEE Trans. Inf. Theory 45(7), 1999, Th. 3):
    :math:`(-1)^{Q_\pi(x) + c\cdot x}` is a Golay sequence. :math:`Q_\pi =
    Q_{\mathrm{reverse}\,\pi}`.

    Examples
    --------
    >>> gdj_quadratic((1, 2, 3))  # x1 x2 + x2 x3
    array([0, 0, 0, 1, 0, 0, 1, 0], dtype=uint8)
    """
    p = _as_perm("perm", perm)
    n = len(p)
    if n > _MAX_TT_VARIABLES:
        raise ValueError(f"perm must have n <= {_MAX_TT_VARIABLES} labels here, got n={n}")
    out = np.empty(1 << n, dtype=np.uint8)
    _kernels.quadratic_truth_table(np.array(_lower_masks(p), dtype=np.int64), out)
    return out


def pairwise_bent_by_rank(perms) -> bool:
    r"""Whether every pairwise sum :math:`Q_\pi + Q_\sigma` is bent (n even) / near-bent (n odd).

    Parameters
    ----------
    perms : sequence of sequences of int
        Permutations of a common :math:`\{1, \dots, n\}`.

    Returns
    -------
    bool
        ``True`` if for all pairs the symplectic matrix :math:`B = B_\pi + B_\sigma` over
        :math:`\mathbb F_2` has rank :math:`n` (even :math:`n`) or :math:`n - 1` (odd :math:`n`).

    Notes
    -----
    For a quadratic form with symplectic matrix of rank :math:`2h`,
    :math:`|W_f| \in \{0, 2^{n-h}\}` (MacWilliams--Sloane 1977, ch. 15), so the rank test
    decides bentness in :math:`O(\lambda^2 n^3)` bit operations without any truth table (it
    works for :math:`n = 40` and beyond). :math:`B_\pi` is the adjacency matrix of the path
    :math:`\pi`.

    Examples
    --------
    >>> pairwise_bent_by_rank(BASE_SET_A)
    True
    >>> pairwise_bent_by_rank([(1, 2, 3, 4), (4, 3, 2, 1)])  # same quadratic: sum is 0
    False
    """
    ps = _as_perm_set(perms)
    rows = [_edge_masks(p) for p in ps]
    return all(_pair_is_bent(a, b) for a, b in itertools.combinations(rows, 2))


def _canonical_paths(n: int) -> list[tuple[int, ...]]:
    """Path permutations of {1..n} with pi(1) < pi(n), in lexicographic order (one per Q)."""
    if n == 1:
        return [(1,)]
    return [p for p in itertools.permutations(range(1, n + 1)) if p[0] < p[-1]]


def bent_permutation_sets(n: int = 4) -> list[tuple[tuple[int, ...], ...]]:
    r"""All maximum sets of path permutations whose pairwise quadratic sums are (near-)bent.

    Parameters
    ----------
    n : int, optional
        Number of variables, :math:`2 \leq n \leq 6` (default 4).

    Returns
    -------
    list of tuple of tuple of int
        Every maximum set, each in canonical form (members with :math:`\pi(1) < \pi(n)`,
        sorted), the list sorted. ``bent_permutation_sets(4) == [BASE_SET_A, BASE_SET_B]``.

    Raises
    ------
    ValueError
        If ``n`` is outside [2, 6] (for n > 6 the :math:`n!/2`-vertex clique search is not
        attempted).

    Notes
    -----
    **Project computation** (not from Li et al. 2025, who state the base dimension 4 and
    L = 6 but whose sets were not available to us). Exhaustive and exact: the graph on the
    :math:`n!/2` distinct :math:`Q_\pi` with an edge when :math:`Q_\pi + Q_\sigma` is bent
    (n even) / near-bent (n odd) by the rank test of :func:`pairwise_bent_by_rank`; all
    maximum cliques are enumerated by a Bron--Kerbosch-type branch and bound
    (greedy-colouring bound, Tomita--Seki 2003, pruning only branches that cannot *reach* the
    current maximum, so ties are kept). Measured maxima: n = 3: 3 (1 set), 4: 6 (2 sets),
    5: 12 (640 sets), 6: 9 (1680 sets).

    Examples
    --------
    >>> sets = bent_permutation_sets(4)
    >>> len(sets), len(sets[0]), sets[0] == BASE_SET_A
    (2, 6, True)
    """
    n = check_integer("n", n, low=2, high=6)
    paths = _canonical_paths(n)
    rows = [_edge_masks(p) for p in paths]
    v = len(paths)
    adj = [0] * v
    for i, j in itertools.combinations(range(v), 2):
        if _pair_is_bent(rows[i], rows[j]):
            adj[i] |= 1 << j
            adj[j] |= 1 << i
    cliques = _all_maximum_cliques(adj)
    sets = [tuple(sorted(paths[i] for i in c)) for c in cliques]
    return sorted(sets)


def _all_maximum_cliques(adj: list[int]) -> list[list[int]]:
    """All maximum cliques of a graph given by neighbour bitmasks (branch and bound)."""
    best = [0]
    found: list[list[int]] = []

    def colour_sort(p: int) -> tuple[list[int], list[int]]:
        order: list[int] = []
        colours: list[int] = []
        c = 0
        u = p
        while u:
            c += 1
            q = u
            while q:
                vtx = (q & -q).bit_length() - 1
                q &= ~adj[vtx] & ~(1 << vtx)
                u &= ~(1 << vtx)
                order.append(vtx)
                colours.append(c)
        return order, colours

    def expand(r: list[int], p: int) -> None:
        order, colours = colour_sort(p)
        for vtx, c in zip(reversed(order), reversed(colours)):
            if len(r) + c < best[0]:
                return
            new_p = p & adj[vtx]
            r2 = [*r, vtx]
            if new_p == 0:
                if len(r2) > best[0]:
                    best[0] = len(r2)
                    found.clear()
                    found.append(r2)
                elif len(r2) == best[0]:
                    found.append(r2)
            else:
                expand(r2, new_p)
            p &= ~(1 << vtx)

    if adj:
        expand([], (1 << len(adj)) - 1)
    return found


def _check_max_bytes(max_bytes) -> int:
    """Validate a memory limit (an integer number of bytes >= 1)."""
    return check_integer("max_bytes", max_bytes, low=1)


def _count_within_bytes(name: str, value, max_bytes: int, low: int = 1) -> int:
    """An integer size in [low, max_bytes]; a value above says the bound comes from max_bytes."""
    try:
        return check_integer(name, value, low=low, high=max_bytes)
    except ValueError as exc:
        if "in [" in str(exc):
            raise ValueError(f"{exc} (the upper bound is max_bytes={max_bytes})") from None
        raise


def _as_base(base, name: str = "base") -> tuple[tuple[int, ...], ...]:
    """``"A"``/``"B"`` or a validated set of permutations of one {1..n0}."""
    if isinstance(base, str):
        return _BASES[check_choice(name, base, tuple(_BASES))]
    return _as_perm_set(base, name)


def _check_rule(name: str, value, size: int, default, valid: str, ok) -> tuple:
    """A per-member rule (pairing or orientation): a sequence of ``size`` valid integers."""
    if value is None:
        return tuple(default)
    if isinstance(value, str) or not isinstance(value, Sequence | np.ndarray):
        raise TypeError(f"{name} must be a sequence of {size} integers ({valid}), got {value!r}")
    out = []
    for i, v in enumerate(value):
        try:
            iv = check_integer(f"{name}[{i}]", v)
        except TypeError:
            raise TypeError(f"{name}[{i}] must be an integer ({valid}), got {v!r}") from None
        if not ok(iv):
            raise ValueError(f"{name}[{i}] must be {valid}, got {iv}")
        out.append(iv)
    if len(out) != size:
        raise ValueError(f"{name} must have one entry per member ({size}), got {len(out)}")
    return tuple(out)


def _oriented(perm: tuple[int, ...], sign: int) -> tuple[int, ...]:
    return perm if sign > 0 else perm[::-1]


def extend_permutation_set(perms, base="A", *, pairing=None, orientation=None,
                           check: bool = True) -> tuple[tuple[int, ...], ...]:
    r"""One extension step :math:`\pi_i \mapsto (\pi_i, \sigma_{p(i)} + n)` of a permutation set.

    Parameters
    ----------
    perms : sequence of sequences of int
        The current set :math:`\pi_0, \dots, \pi_{\lambda-1}`: permutations of a common
        :math:`\{1, \dots, n\}`.
    base : {"A", "B"} or sequence of sequences of int, optional
        The set :math:`\sigma_0, \sigma_1, \dots` of permutations of :math:`\{1, \dots, n_0\}`
        whose members are appended (default ``"A"``, :data:`BASE_SET_A`).
    pairing : sequence of int, optional
        :math:`p(i)`: the base member appended to member :math:`i` (indices into ``base``,
        repetitions allowed). Default: the identity (requires ``len(base) == len(perms)``).
    orientation : sequence of {1, -1}, optional
        Per member, append :math:`\sigma_{p(i)}` as listed (1) or reversed (-1). Reversal does
        not change :math:`Q_\sigma` but moves the junction edge. Default all 1.
    check : bool, optional
        Verify the compatibility of the result (default): every pairwise sum must be bent
        (:math:`n + n_0` even) or near-bent (odd), by the GF(2) rank test of
        :func:`pairwise_bent_by_rank`.

    Returns
    -------
    tuple of tuple of int
        Permutations of :math:`\{1, \dots, n + n_0\}`, in the order of ``perms``.

    Raises
    ------
    ValueError
        If an argument is invalid, :math:`n + n_0` exceeds 1024 variables, or ``check`` is
        set and two members of the result have a sum that is not (near-)bent (the message
        names them and the rank found).

    Notes
    -----
    The appended block joins the path of :math:`\pi_i` at one edge:
    :math:`Q_{(\pi, \sigma + n)}(x, y) = Q_\pi(x) + Q_\sigma(y) + x_{\pi(n)} y_{\sigma(1)}`.
    With ``base`` equal to the set being extended, the identity pairing and orientation 1,
    repeated extension is the block repetition of :func:`recursive_permutation_set` (the
    project's reconstruction; the extension rule of Li et al. 2025, who report a recursive
    construction from base dimension 4, is not available to us). Other pairings and
    orientations let a user explore further recursions; the compatibility check is the
    condition any of them must satisfy (Li et al. 2025 use the Walsh--Hadamard condition,
    equivalent for quadratic forms by MacWilliams--Sloane 1977, ch. 15).

    Examples
    --------
    >>> extend_permutation_set(BASE_SET_A, "A")[1]
    (1, 3, 4, 2, 5, 7, 8, 6)
    >>> extend_permutation_set(BASE_SET_A, [(1,)], pairing=[0] * 6)[0]  # odd n = 5
    (1, 2, 3, 4, 5)
    """
    ps = _as_perm_set(perms)
    bs = _as_base(base)
    n, n0, lam = len(ps[0]), len(bs[0]), len(ps)
    if n + n0 > _MAX_VARIABLES:
        raise ValueError(f"the extended set would have n = {n + n0} > {_MAX_VARIABLES} variables")
    if pairing is None and len(bs) != lam:
        raise ValueError(f"pairing is required when base has {len(bs)} members and perms {lam}")
    pair = _check_rule("pairing", pairing, lam, range(lam), f"in [0, {len(bs) - 1}]",
                       lambda v: 0 <= v < len(bs))
    orient = _check_rule("orientation", orientation, lam, (1,) * lam, "1 or -1",
                         lambda v: v in (1, -1))
    check = flag("check", check)
    out = tuple(p + tuple(v + n for v in _oriented(bs[j], o))
                for p, j, o in zip(ps, pair, orient))
    if check:
        _check_pairwise(out)
    return out


def _check_pairwise(perms: tuple[tuple[int, ...], ...]) -> None:
    """ValueError naming the first pair whose quadratic sum is not (near-)bent."""
    n = len(perms[0])
    target = n if n % 2 == 0 else n - 1
    rows = [_edge_masks(p) for p in perms]
    for (i, a), (j, b) in itertools.combinations(enumerate(rows), 2):
        r = _rank_masks([x ^ y for x, y in zip(a, b)])
        if r != target:
            kind = "bent" if n % 2 == 0 else "near-bent"
            raise ValueError(
                f"incompatible extension: Q of members {i} and {j} sum to a quadratic of "
                f"symplectic rank {r} (a {kind} sum needs rank {target} for n = {n})"
            )


def recursive_permutation_set(base, m: int, *, pairing=None, orientation=None,
                              check: bool = False) -> tuple[tuple[int, ...], ...]:
    r"""Permutations of :math:`\{1, \dots, n_0 m\}` by repeated extension of a base set.

    Parameters
    ----------
    base : {"A", "B"} or sequence of sequences of int
        ``"A"``/``"B"`` for :data:`BASE_SET_A`/:data:`BASE_SET_B` (:math:`n_0 = 4`), or
        permutations of a common :math:`\{1, \dots, n_0\}`.
    m : int
        Number of blocks, :math:`1 \leq m \leq \lfloor 1024 / n_0 \rfloor` (at most 1024
        variables; truth tables and codebooks need :math:`n_0 m \leq 30`).
    pairing, orientation : sequence of int, optional
        Extension rule of every step, see :func:`extend_permutation_set`. Default: block
        repetition.
    check : bool, optional
        Run the compatibility check of :func:`extend_permutation_set` at every step (default
        off: the built-in bases are certified for all m by :func:`certify_block_repetition`).

    Returns
    -------
    tuple of tuple of int
        Member :math:`i` is :math:`(\pi_i, \sigma_i + n_0, \dots, \sigma_i + n_0 (m - 1))`
        with :math:`\sigma_i` the base member :math:`p(i)` in its orientation; by default
        :math:`\sigma_i = \pi_i`.

    Raises
    ------
    ValueError
        If ``m`` is out of range or ``base``/the rule is invalid.

    Notes
    -----
    **Block repetition** (the default; project reconstruction):
    :math:`\pi^{(m)} = (\pi, \pi + 4, \dots, \pi + 4(m-1))`, and with
    :math:`x^{(k)} = (x_{4k-3}, \dots, x_{4k})`,
    :math:`Q_{\pi^{(m)}} = \sum_k Q_\pi(x^{(k)}) + \sum_{k<m} x^{(k)}_{\pi(4)}
    x^{(k+1)}_{\pi(1)}`. It achieves the parameters stated by Li et al. (2025), :math:`K = 6N`,
    :math:`N = 2^{4m}`, coherence :math:`1/\sqrt N`, for every m (see docs/noma.md, "Proof for
    all m"); the authors' own recursion is unknown and may differ.

    Examples
    --------
    >>> recursive_permutation_set("A", 2)[1]
    (1, 3, 4, 2, 5, 7, 8, 6)
    """
    bs = _as_base(base)
    n0 = len(bs[0])
    m = check_integer("m", m, low=1, high=max(1, _MAX_VARIABLES // n0))
    check = flag("check", check)
    out = bs
    for _ in range(m - 1):
        out = extend_permutation_set(out, bs, pairing=pairing, orientation=orientation,
                                     check=check)
    return out


# ---------------------------------------------------------------------------------------------
# Schur-complement certificates
# ---------------------------------------------------------------------------------------------
def _gf2_inverse(rows: tuple[int, ...], n: int) -> tuple[int, ...] | None:
    """Inverse of an n x n GF(2) matrix (row bitmasks, bit j = column j) or None if singular."""
    a = list(rows)
    inv = [1 << i for i in range(n)]
    for col in range(n):
        piv = next((r for r in range(col, n) if (a[r] >> col) & 1), None)
        if piv is None:
            return None
        a[col], a[piv] = a[piv], a[col]
        inv[col], inv[piv] = inv[piv], inv[col]
        for r in range(n):
            if r != col and (a[r] >> col) & 1:
                a[r] ^= a[col]
                inv[r] ^= inv[col]
    return tuple(inv)


def _gf2_matmul(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """Product of GF(2) matrices in row-bitmask form (row i of AB = XOR of rows j of B, a_ij=1)."""
    out = []
    for row in a:
        acc = 0
        j = 0
        while row:
            if row & 1:
                acc ^= b[j]
            row >>= 1
            j += 1
        out.append(acc)
    return tuple(out)


def _gf2_transpose(a: tuple[int, ...], ncols: int) -> tuple[int, ...]:
    """Transpose of a matrix with ``len(a)`` rows and ``ncols`` columns (row bitmasks)."""
    return tuple(sum(((a[i] >> j) & 1) << i for i in range(len(a))) for j in range(ncols))


def _masks_to_array(a: tuple[int, ...], n: int) -> np.ndarray:
    return np.array([[(r >> j) & 1 for j in range(n)] for r in a], dtype=np.uint8)


def _junction(n_rows: int, a: tuple[int, ...], b: tuple[int, ...],
              c: tuple[int, ...], d: tuple[int, ...]) -> tuple[int, ...]:
    """C = e_{a(end)} e_{b(1)}^T + e_{c(end)} e_{d(1)}^T (rows indexed by the left block)."""
    rows = [0] * n_rows
    rows[a[-1] - 1] ^= 1 << (b[0] - 1)
    rows[c[-1] - 1] ^= 1 << (d[0] - 1)
    return tuple(rows)


def _schur_step(d: tuple[int, ...], c: tuple[int, ...], s_inv: tuple[int, ...],
                ncols: int) -> tuple[int, ...]:
    """D + C^T S^{-1} C over F_2 (C has len(s_inv) rows and ``ncols`` columns)."""
    ct = _gf2_transpose(c, ncols)
    prod = _gf2_matmul(ct, _gf2_matmul(s_inv, c))
    return tuple(x ^ y for x, y in zip(d, prod))


def schur_complement_orbit(pi, sigma) -> tuple[list[np.ndarray], bool]:
    r"""Certificate that :math:`Q_{\pi^{(m)}} + Q_{\sigma^{(m)}}` is bent for every m (Schur).

    Parameters
    ----------
    pi, sigma : sequence of int
        Two distinct-quadratic permutations of :math:`\{1, \dots, n_0\}` (:math:`n_0` even).

    Returns
    -------
    orbit : list of ndarray of uint8
        The distinct matrices :math:`S_1, S_2, \dots` (:math:`n_0 \times n_0` over
        :math:`\mathbb F_2`) visited until the first repeat or the first singular one.
    ok : bool
        ``True`` if every visited :math:`S_k` is nonsingular, i.e. the pairwise sum is bent for
        all :math:`m \geq 1`; ``False`` if some :math:`S_k` is singular (then the sum is not
        bent at :math:`m = k`).

    Notes
    -----
    Project proof for block repetition (docs/noma.md, "Proof for all m"). Ordering variables
    block-wise, the symplectic matrix of :math:`Q_{\pi^{(m)}} + Q_{\sigma^{(m)}}` is
    block-tridiagonal with diagonal :math:`B = B(Q_\pi + Q_\sigma)`, super-diagonal
    :math:`C = e_{\pi(n_0)} e_{\pi(1)}^T + e_{\sigma(n_0)} e_{\sigma(1)}^T` and sub-diagonal
    :math:`C^T`. Block elimination over :math:`\mathbb F_2` gives
    :math:`\det M = \prod_k \det S_k` with :math:`S_1 = B`,
    :math:`S_{k+1} = \Phi(S_k) = B + C^T S_k^{-1} C`. :math:`\Phi` is a fixed map on a finite
    set, so the sequence is eventually periodic and checking it up to the first repeat covers
    every :math:`k`.

    Examples
    --------
    >>> orbit, ok = schur_complement_orbit(BASE_SET_A[0], BASE_SET_A[1])
    >>> ok, len(orbit) <= 2
    (True, True)
    """
    p = _as_perm("pi", pi)
    s = _as_perm("sigma", sigma)
    if len(p) != len(s):
        raise ValueError(f"pi and sigma must have the same length, got {len(p)} and {len(s)}")
    n = len(p)
    b = tuple(x ^ y for x, y in zip(_edge_masks(p), _edge_masks(s)))
    c = _junction(n, p, p, s, s)
    seen: list[tuple[int, ...]] = []
    sk = b
    while sk not in seen:
        seen.append(sk)
        inv = _gf2_inverse(sk, n)
        if inv is None:
            return [_masks_to_array(a, n) for a in seen], False
        sk = _schur_step(b, c, inv, n)
    return [_masks_to_array(a, n) for a in seen], True


def _certify_pair(first: tuple, rep: tuple, tail: tuple | None) -> bool:
    """Whether (F ‖ R^{m-1} [‖ T]) of two members has a (near-)bent sum for every m >= 1.

    ``first``, ``rep``, ``tail``: pairs of oriented permutations (members i and j). The
    symplectic matrix of the sum is block-tridiagonal; with nonsingular pivots
    S_1 = B(F), S_2 = B(R) + C_1^T S_1^{-1} C_1, S_{k+1} = B(R) + C^T S_k^{-1} C (k >= 2) its
    rank is n0 m + rank(T_m), T_m = B(T) + C_T^T S_m^{-1} C_T. The states S_k, k >= 2, follow a
    fixed map on a finite set, so visiting them until the first repeat covers every m.
    """
    (fi, fj), (ri, rj) = first, rep
    n0 = len(fi)
    d1 = tuple(x ^ y for x, y in zip(_edge_masks(fi), _edge_masks(fj)))
    dr = tuple(x ^ y for x, y in zip(_edge_masks(ri), _edge_masks(rj)))
    c1 = _junction(n0, fi, ri, fj, rj)
    cr = _junction(n0, ri, ri, rj, rj)
    if tail is not None:
        ti, tj = tail
        nt = len(ti)
        dt = tuple(x ^ y for x, y in zip(_edge_masks(ti), _edge_masks(tj)))
        target = nt if nt % 2 == 0 else nt - 1

    def tail_ok(inv, last_i, last_j) -> bool:
        if tail is None:
            return True
        ct = _junction(n0, last_i, ti, last_j, tj)
        return _rank_masks(list(_schur_step(dt, ct, inv, nt))) == target

    inv = _gf2_inverse(d1, n0)
    if inv is None or not tail_ok(inv, fi, fj):
        return False
    sk = _schur_step(dr, c1, inv, n0)  # S_2
    seen: set[tuple[int, ...]] = set()
    while sk not in seen:
        seen.add(sk)
        inv = _gf2_inverse(sk, n0)
        if inv is None or not tail_ok(inv, ri, rj):
            return False
        sk = _schur_step(dr, cr, inv, n0)
    return True


def certify_block_repetition(base, *, pairing=None, orientation=None, tail=None,
                             tail_pairing=None, tail_orientation=None) -> bool:
    r"""Whether repeated extension keeps every pairwise sum (near-)bent for **all** m.

    Parameters
    ----------
    base : {"A", "B"} or sequence of sequences of int
        Base set (permutations of :math:`\{1, \dots, n_0\}`, :math:`n_0` even, pairwise bent).
    pairing, orientation : sequence of int, optional
        Extension rule of :func:`recursive_permutation_set` (default block repetition).
    tail : sequence of sequences of int, optional
        A final block appended once to every member (permutations of :math:`\{1, \dots,
        n_t\}`), e.g. to reach odd n; ``tail_pairing``/``tail_orientation`` as in
        :func:`extend_permutation_set`.

    Returns
    -------
    bool
        ``True`` iff for every :math:`m \geq 1` all pairwise sums of
        ``recursive_permutation_set(base, m, pairing=..., orientation=...)`` (extended by
        ``tail`` if given) are bent (:math:`n_t` even or no tail) or near-bent (:math:`n_t`
        odd).

    Notes
    -----
    Project proof technique (docs/noma.md, "Proof for all m"): the block-tridiagonal
    symplectic matrix of each pairwise sum is eliminated block by block over
    :math:`\mathbb F_2`; the Schur complements follow a fixed map on a finite set, so a finite
    orbit covers every m (:func:`schur_complement_orbit` is the block-repetition case). With a
    tail the rank is :math:`n_0 m + \mathrm{rank}\, T_m` for the tail's Schur complement
    :math:`T_m`.

    Examples
    --------
    >>> certify_block_repetition("A"), certify_block_repetition("B")
    (True, True)
    >>> certify_block_repetition("A", tail=[(1,)], tail_pairing=[0] * 6)  # n = 4m + 1
    True
    """
    bs = _as_base(base)
    n0, lam = len(bs[0]), len(bs)
    if n0 % 2:
        raise ValueError(f"base must have an even number of variables, got n0={n0}")
    pair = _check_rule("pairing", pairing, lam, range(lam), f"in [0, {lam - 1}]",
                       lambda v: 0 <= v < lam)
    orient = _check_rule("orientation", orientation, lam, (1,) * lam, "1 or -1",
                         lambda v: v in (1, -1))
    reps = [_oriented(bs[j], o) for j, o in zip(pair, orient)]
    tails = None
    if tail is None and (tail_pairing is not None or tail_orientation is not None):
        raise ValueError("tail_pairing and tail_orientation need a tail")
    if tail is not None:
        ts = _as_perm_set(tail, "tail")
        tp = _check_rule("tail_pairing", tail_pairing, lam, range(lam),
                         f"in [0, {len(ts) - 1}]", lambda v: 0 <= v < len(ts))
        to = _check_rule("tail_orientation", tail_orientation, lam, (1,) * lam, "1 or -1",
                         lambda v: v in (1, -1))
        tails = [_oriented(ts[j], o) for j, o in zip(tp, to)]
    return all(
        _certify_pair((bs[i], bs[j]), (reps[i], reps[j]),
                      None if tails is None else (tails[i], tails[j]))
        for i, j in itertools.combinations(range(lam), 2)
    )


# ---------------------------------------------------------------------------------------------
# odd n: near-bent sets (project constructions)
# ---------------------------------------------------------------------------------------------
#: The maximum set of n = 3 paths (all three quadratics; pairwise near-bent sums).
TAIL_SET_3: tuple[tuple[int, ...], ...] = ((1, 2, 3), (1, 3, 2), (2, 1, 3))
#: Tail rule reaching n = 4m + 3 from the lifted base sets: (pairing into TAIL_SET_3,
#: orientation) per member; found by exhaustive search over the 6**6 oriented assignments
#: (48 of them work for each base) and certified for all m by certify_block_repetition.
_TAIL3_RULES = {
    "A": ((0, 0, 1, 2, 2, 1), (1, -1, 1, 1, -1, -1)),
    "B": ((0, 0, 1, 1, 2, 2), (1, -1, 1, -1, 1, -1)),
}


@functools.cache
def _max_set(n: int) -> tuple[tuple[int, ...], ...]:
    return bent_permutation_sets(n)[0]


def near_bent_permutation_set(n: int, base: str = "A") -> tuple[tuple[int, ...], ...]:
    r"""Permutations of :math:`\{1, \dots, n\}`, n odd, with pairwise near-bent quadratic sums.

    Parameters
    ----------
    n : int
        Odd number of variables, :math:`3 \leq n \leq 1023`.
    base : {"A", "B"}, optional
        Base set of the lifted part for :math:`n \geq 7` (default ``"A"``).

    Returns
    -------
    tuple of tuple of int
        :math:`\lambda` permutations: :math:`\lambda = 3` at n = 3 and :math:`\lambda = 12` at
        n = 5 (the first maximum sets of :func:`bent_permutation_sets`, exhaustive search),
        :math:`\lambda = 6` for :math:`n \geq 7`.

    Raises
    ------
    ValueError
        If ``n`` is even or out of range, or ``base`` is unknown.

    Notes
    -----
    **Project constructions** (Li et al. 2025 state that odd n uses near-bent differences but
    their odd-n sets are not available to us). For :math:`n = 4m + 1`, every member of
    ``recursive_permutation_set(base, m)`` gets one more variable at its end; the sum of two
    members then has the symplectic matrix :math:`\begin{pmatrix} B & c \\ c^T & 0
    \end{pmatrix}` with :math:`B` nonsingular and alternating, and its Schur complement
    :math:`c^T B^{-1} c = 0`, so the rank is :math:`n - 1`: near-bent for every m. For
    :math:`n = 4m + 3`, members get oriented paths of :data:`TAIL_SET_3` by a fixed rule found by
    search; both are certified for all m by :func:`certify_block_repetition` with ``tail``. The
    coherence of the codebook is :math:`2^{(n+1)/2}/2^n = \sqrt{2/N}`: at n = 5, N = 32,
    K = 12N = 384, :math:`\mu = 1/4`.

    Examples
    --------
    >>> len(near_bent_permutation_set(5)), len(near_bent_permutation_set(7))
    (12, 6)
    >>> pairwise_bent_by_rank(near_bent_permutation_set(9))
    True
    """
    n = check_integer("n", n, low=3, high=_MAX_VARIABLES - 1)
    if n % 2 == 0:
        raise ValueError(f"n must be odd (near-bent sums), got n={n}; for even n use "
                         "recursive_permutation_set")
    base = check_choice("base", base, tuple(_BASES))
    if n in (3, 5):
        return _max_set(n)
    m, r = divmod(n, 4)
    lifted = recursive_permutation_set(base, m)
    if r == 1:
        return extend_permutation_set(lifted, [(1,)], pairing=[0] * len(lifted), check=False)
    pairing, orientation = _TAIL3_RULES[base]
    return extend_permutation_set(lifted, TAIL_SET_3, pairing=pairing, orientation=orientation,
                                  check=False)


# ---------------------------------------------------------------------------------------------
# same-family baseline: random Golay permutation sets (after Yu 2021)
# ---------------------------------------------------------------------------------------------
def yu_permutation_set(n: int, n_blocks: int = 6, rng=None, *, min_rank=None,
                       max_draws: int = 100_000) -> tuple[tuple[int, ...], ...]:
    r"""Random set of path permutations with a floor on the pairwise symplectic rank.

    Baseline of the same family as the bent construction, after N. Y. Yu (2021): Golay
    sequences :math:`(-1)^{Q_\pi(x) + c\cdot x}` for a permutation set found by a random
    search, so that the coherence is bounded but not optimal.

    Parameters
    ----------
    n : int
        Number of variables, :math:`2 \leq n \leq 1024` (:math:`N = 2^n`).
    n_blocks : int, optional
        Number of permutations :math:`\lambda` (overloading :math:`K/N`), :math:`1 \leq
        \lambda \leq \min(4096, n!/2)`; default 6, as the bent codebook.
    rng : numpy.random.Generator or int or None
        Random source of the draws.
    min_rank : int, optional
        Accept a drawn permutation only if the symplectic matrix of its quadratic's sum with
        every accepted one has rank :math:`\geq` ``min_rank``, i.e. coherence
        :math:`\leq 2^{-\lceil \mathrm{min\_rank}/2 \rceil}`. Default :math:`n - 2` (even n) or
        :math:`n - 3` (odd n): coherence at most twice the optimum (project choice). Distinct
        quadratics are always required.
    max_draws : int, optional
        Give up after this many draws, :math:`1 \leq` ``max_draws`` :math:`\leq 10^7`
        (default :math:`10^5`).

    Returns
    -------
    tuple of tuple of int
        ``n_blocks`` permutations of :math:`\{1, \dots, n\}` (each with
        :math:`\pi(1) < \pi(n)`), in the order accepted.

    Raises
    ------
    ValueError
        If an argument is out of range, or no such set is found within ``max_draws`` draws.

    Notes
    -----
    **Reconstruction from the abstract of Yu (2021)**, who "conduct a probabilistic analysis
    to search for a permutation set for Golay sequences, which presents theoretically bounded
    low coherence". The full text was not available to us, so the paper's search rule and its
    coherence bound are **not verified**: the greedy random search with a rank floor used here
    is the project's reading (a pair with rank :math:`2h` has :math:`|W| \in \{0, 2^{n-h}\}`,
    MacWilliams--Sloane 1977, ch. 15). Measured over random pairs of paths (n = 8 to 16): rank
    n in about 35 % of the pairs, n - 2 in 57 %, n - 4 in 6 %.

    References
    ----------
    .. [1] N. Y. Yu, "Binary Golay spreading sequences and Reed--Muller codes for uplink
       grant-free NOMA", IEEE Trans. Commun. 69(1):276--290, 2021,
       doi:10.1109/TCOMM.2020.3031613, arXiv:2004.01446.

    Examples
    --------
    >>> perms = yu_permutation_set(8, 6, rng=0)
    >>> len(perms), golay_codebook_coherence(perms) <= 2 / 16
    (6, True)
    """
    n = check_integer("n", n, low=2, high=_MAX_VARIABLES)
    n_paths = math.factorial(n) // 2
    n_blocks = check_integer("n_blocks", n_blocks, low=1, high=min(4096, n_paths))
    default = n - 2 if n % 2 == 0 else n - 3
    min_rank = check_integer("min_rank", default if min_rank is None else min_rank, low=0,
                             high=n)
    max_draws = check_integer("max_draws", max_draws, low=1, high=10**7)
    gen = as_generator(rng)
    chosen: list[tuple[int, ...]] = []
    rows: list[list[int]] = []
    floor = max(2, min_rank)  # rank 0: identical quadratics (duplicate columns)
    for _ in range(max_draws):
        p = tuple(int(v) + 1 for v in gen.permutation(n))
        if p[0] > p[-1]:
            p = p[::-1]
        r = _edge_masks(p)
        if all(_rank_masks([a ^ b for a, b in zip(r, q)]) >= floor for q in rows):
            chosen.append(p)
            rows.append(r)
            if len(chosen) == n_blocks:
                return tuple(chosen)
    raise ValueError(
        f"no set of n_blocks={n_blocks} permutations with pairwise symplectic rank >= "
        f"{floor} found in max_draws={max_draws} draws (n={n}); lower min_rank or n_blocks "
        "or raise max_draws"
    )


# ---------------------------------------------------------------------------------------------
# codebook: operator, dense form and coherence
# ---------------------------------------------------------------------------------------------
def _parity_matrix(x: np.ndarray, c: np.ndarray) -> np.ndarray:
    """(-1)^{x . c} as float64 for all (x, c) pairs (outer)."""
    par = np.bitwise_count(x[:, None] & c[None, :]) & 1
    return 1.0 - 2.0 * par


class GolayOperator:
    r"""Matrix-free Golay codebook :math:`A = N^{-1/2}[D_0 H, \dots, D_{\lambda-1} H]`.

    Parameters
    ----------
    perms : sequence of sequences of int
        Permutations :math:`\pi_0, \dots, \pi_{\lambda-1}` of a common :math:`\{1, \dots, n\}`
        (:math:`n \leq 30`); block :math:`i` of the codebook uses :math:`Q_{\pi_i}`.
    normalize : bool, optional
        Unit-norm columns (factor :math:`N^{-1/2}`, default) or :math:`\pm 1` entries.
    max_bytes : int, optional
        Refuse to build the sign table (:math:`8 \lambda N` bytes) if it exceeds this (default
        :math:`2^{31}` bytes, a project safety limit: :math:`N \leq 2^{25}` for
        :math:`\lambda = 6`).

    Attributes
    ----------
    N : int
        Sequence length :math:`N = 2^n` (rows).
    K : int
        Number of codewords :math:`K = \lambda N` (columns).
    shape : tuple of int
        ``(N, K)``.
    dtype : numpy.dtype
        float64.
    perms : tuple of tuple of int
        The permutations.
    signs : ndarray
        (:math:`\lambda`, N) float64, :math:`(-1)^{Q_{\pi_i}(x)}` (the diagonals :math:`D_i`).

    Notes
    -----
    :math:`Ax = N^{-1/2}\sum_i D_i H x_i` and :math:`A^T y = N^{-1/2}[H D_i y]_i`,
    :math:`\lambda` fast Walsh--Hadamard transforms each (:math:`O(K \log N)` instead of
    :math:`O(NK)`); :math:`A` is real so :math:`A^H = A^T`. Complex data are transformed as one
    batched real FWHT of the stacked real and imaginary parts. Column :math:`j = iN + c` is
    :math:`N^{-1/2} D_i h_c`.

    Examples
    --------
    >>> op = golay_operator(1)
    >>> op.shape
    (16, 96)
    >>> float(op.column(16) @ op.column(0))
    0.25
    """

    def __init__(self, perms, *, normalize: bool = True, max_bytes: int = 2**31):
        self.perms = _as_perm_set(perms)
        n = len(self.perms[0])
        if n > _MAX_TT_VARIABLES:
            raise ValueError(f"perms must have n <= {_MAX_TT_VARIABLES} labels, got n={n}")
        max_bytes = _check_max_bytes(max_bytes)
        nbytes = 8 * len(self.perms) << n
        if nbytes > max_bytes:
            raise ValueError(
                f"GolayOperator needs 8*lambda*N = {nbytes} bytes of signs > "
                f"max_bytes={max_bytes} (n={n}, lambda={len(self.perms)})"
            )
        self.n = n
        self.N = 1 << n
        self.n_blocks = len(self.perms)
        self.K = self.n_blocks * self.N
        self.shape = (self.N, self.K)
        self.dtype = np.dtype(np.float64)
        self.normalize = flag("normalize", normalize)
        self.scale = self.N**-0.5 if self.normalize else 1.0
        self.signs = np.stack([1.0 - 2.0 * gdj_quadratic(p) for p in self.perms])

    def __repr__(self) -> str:
        return f"GolayOperator(N={self.N}, K={self.K}, blocks={self.n_blocks})"

    # -- helpers -------------------------------------------------------------------------------
    def _stack(self, arr: np.ndarray) -> tuple[np.ndarray, bool]:
        """Real (P, ...) stack of the real (and imaginary) parts; flag for complex."""
        if np.iscomplexobj(arr):
            return np.stack([arr.real, arr.imag]).astype(np.float64, copy=False), True
        return arr.astype(np.float64, copy=False)[None], False

    @staticmethod
    def _unstack(out: np.ndarray, is_complex: bool) -> np.ndarray:
        return out[0] + 1j * out[1] if is_complex else out[0]

    def matvec(self, x) -> np.ndarray:
        r"""Synthesis :math:`Ax` for ``x`` of shape (K,) or (K, B), real or complex."""
        arr = np.asarray(x)
        if arr.ndim not in (1, 2) or arr.shape[0] != self.K:
            raise ValueError(f"x must have shape (K,) or (K, B) with K={self.K}, got {arr.shape}")
        vec = arr.ndim == 1
        xs, cplx = self._stack(arr.reshape(self.K, -1))
        p, _, b = xs.shape
        # (P, lam, N, B) -> (P, lam, B, N) contiguous rows for the FWHT
        # always a fresh C-ordered copy: the FWHT runs in place and must not touch ``x``
        work = np.array(
            xs.reshape(p, self.n_blocks, self.N, b).transpose(0, 1, 3, 2), order="C", copy=True
        )
        _fwht_inplace(work.reshape(-1, self.N))
        work *= self.signs[None, :, None, :]
        out = work.sum(axis=1).transpose(0, 2, 1) * self.scale  # (P, N, B)
        res = self._unstack(out, cplx)
        return res[:, 0] if vec else res

    def rmatvec(self, y) -> np.ndarray:
        r"""Analysis :math:`A^T y = A^H y` for ``y`` of shape (N,) or (N, B), real or complex."""
        arr = np.asarray(y)
        if arr.ndim not in (1, 2) or arr.shape[0] != self.N:
            raise ValueError(f"y must have shape (N,) or (N, B) with N={self.N}, got {arr.shape}")
        vec = arr.ndim == 1
        ys, cplx = self._stack(arr.reshape(self.N, -1))
        # (P, lam, B, N) = signs (lam, N) * y^T
        p, _, b = ys.shape
        work = np.empty((p, self.n_blocks, b, self.N), dtype=np.float64)  # C-ordered
        np.multiply(self.signs[None, :, None, :], ys.transpose(0, 2, 1)[:, None, :, :], out=work)
        _fwht_inplace(work.reshape(-1, self.N))
        out = work.transpose(0, 1, 3, 2).reshape(p, self.K, b) * self.scale
        res = self._unstack(out, cplx)
        return res[:, 0] if vec else res

    def __matmul__(self, x):
        return self.matvec(x)

    def columns(self, idx) -> np.ndarray:
        """Columns ``idx`` (integer array_like) as an (N, len(idx)) float64 array."""
        j = np.asarray(idx, dtype=np.int64).reshape(-1)
        if j.size and (j.min() < 0 or j.max() >= self.K):
            raise ValueError(
                f"column indices must be in [0, {self.K - 1}], got {j.min()}..{j.max()}"
            )
        blk, c = np.divmod(j, self.N)
        x = np.arange(self.N, dtype=np.int64)
        cols = _parity_matrix(x, c)
        cols *= self.signs[blk].T
        if self.normalize:
            cols *= self.scale
        return cols

    def column(self, j: int) -> np.ndarray:
        """Column ``j`` (:math:`j = iN + c`) as an (N,) float64 array."""
        j = check_integer("j", j, low=0, high=self.K - 1)
        return self.columns([j])[:, 0]

    def as_linear_operator(self) -> LinearOperator:
        """The codebook as a :class:`scipy.sparse.linalg.LinearOperator` (matvec/rmatvec/matmat)."""
        return LinearOperator(
            self.shape,
            matvec=self.matvec,
            rmatvec=self.rmatvec,
            matmat=self.matvec,
            rmatmat=self.rmatvec,
            dtype=np.float64,
        )

    def todense(self, *, max_bytes: int = 2**31) -> np.ndarray:
        """Dense (N, K) float64 matrix; ValueError if it would exceed ``max_bytes``."""
        max_bytes = _check_max_bytes(max_bytes)
        nbytes = 8 * self.N * self.K
        if nbytes > max_bytes:
            raise ValueError(
                f"dense codebook needs 8*N*K = {nbytes} bytes > max_bytes={max_bytes} "
                f"(N={self.N}, K={self.K}); use GolayOperator (matrix-free) instead"
            )
        h = scipy.linalg.hadamard(self.N, dtype=np.float64)
        out = np.empty(self.shape, dtype=np.float64)
        for i in range(self.n_blocks):
            blk = out[:, i * self.N : (i + 1) * self.N]
            np.multiply(self.signs[i][:, None], h, out=blk)
            if self.normalize:
                blk *= self.scale
        return out


def golay_operator(m: int, base="A", *, normalize: bool = True,
                   max_bytes: int = 2**31) -> GolayOperator:
    r"""Matrix-free Golay codebook with :math:`N = 2^{n_0 m}`, :math:`K = \lambda N`.

    Parameters
    ----------
    m : int
        Number of blocks, :math:`1 \leq m \leq \lfloor 30 / n_0 \rfloor` (:math:`N = 2^{4m}`,
        m <= 7, for the built-in bases).
    base : {"A", "B"} or sequence of sequences of int, optional
        Base set (default ``"A"``, :data:`BASE_SET_A`), lifted by block repetition.
    normalize : bool, optional
        Unit-norm columns (default).
    max_bytes : int, optional
        Memory limit of :class:`GolayOperator` (default :math:`2^{31}` bytes: m <= 6).

    Notes
    -----
    Li et al. (2025) state the parameters (:math:`K = 6N`, :math:`N = 2^{4m}`, coherence
    :math:`1/\sqrt N`); the permutations are the project's block-repetition reconstruction.

    Returns
    -------
    GolayOperator

    Examples
    --------
    >>> golay_operator(4).shape
    (65536, 393216)
    """
    n0 = len(_as_base(base)[0])
    m = check_integer("m", m, low=1, high=max(1, _MAX_TT_VARIABLES // n0))
    return GolayOperator(recursive_permutation_set(base, m), normalize=normalize,
                         max_bytes=max_bytes)


def golay_codebook(m: int, base="A", *, normalize: bool = True, max_bytes: int = 2**31):
    r"""Dense bent-function Golay codebook: N = 2^(4m) chips, K = 6N codewords, coherence 1/sqrt(N).

    Parameters
    ----------
    m : int
        :math:`1 \leq m \leq 7`; :math:`N = 2^{4m}` chips (only m <= 3 fit the default
        ``max_bytes``).
    base : {"A", "B"} or sequence of sequences of int, optional
        Base set; column :math:`j = iN + c` uses the :math:`i`-th permutation of ``base`` (lifted
        by :func:`recursive_permutation_set`) and the linear term :math:`c\cdot x`.
    normalize : bool, optional
        Unit-norm columns (default) or :math:`\pm 1` entries.
    max_bytes : int, optional
        Refuse to allocate more than this (default :math:`2^{31}` bytes = 2 GiB, a project
        safety limit); m = 3 needs 805 MB, m = 4 would need 206 GB (use
        :func:`golay_operator`).

    Returns
    -------
    ndarray
        float64, shape (N, K).

    Raises
    ------
    ValueError
        If :math:`8NK >` ``max_bytes`` or ``m`` is out of range.

    Notes
    -----
    :math:`A[x, iN + c] = N^{-1/2}(-1)^{Q_{\pi_i}(x) + c\cdot x}`. Stated by Li et al. (2025):
    K = 6N Golay sequences of length :math:`N = 2^{4m}` (PAPR :math:`\leq 2`) with coherence
    :math:`1/\sqrt N`. Computed by the project: the base sets and their block-repetition lift
    (a reconstruction that achieves these parameters), hence the explicit columns; each block
    is an orthonormal basis, :math:`AA^T = 6I`, and all cross-block inner products have
    magnitude :math:`1/\sqrt N`.

    Examples
    --------
    >>> A = golay_codebook(1, normalize=False)
    >>> A.shape, A[:, 0].astype(int).tolist()[:8]
    ((16, 96), [1, 1, 1, -1, 1, 1, -1, 1])
    """
    n0 = len(_as_base(base)[0])
    m = check_integer("m", m, low=1, high=max(1, _MAX_TT_VARIABLES // n0))
    return _dense(recursive_permutation_set(base, m), normalize, max_bytes)


def _dense(perms, normalize, max_bytes) -> np.ndarray:
    """Dense codebook of ``perms``; ValueError before any allocation if 8NK > max_bytes."""
    max_bytes = _check_max_bytes(max_bytes)
    n, n_blocks = len(perms[0]), len(perms)
    nbytes = 8 * n_blocks << (2 * n)
    if nbytes > max_bytes:
        raise ValueError(
            f"dense codebook needs 8*N*K = {nbytes} bytes > max_bytes={max_bytes} "
            f"(N={1 << n}, K={n_blocks << n}); use GolayOperator (matrix-free) instead"
        )
    return GolayOperator(perms, normalize=normalize, max_bytes=max_bytes).todense(
        max_bytes=max_bytes)


def near_bent_golay_codebook(n: int, base: str = "A", *, normalize: bool = True,
                             max_bytes: int = 2**31):
    r"""Dense Golay codebook for odd n with coherence :math:`\sqrt{2/N}` (near-bent sums).

    Parameters
    ----------
    n : int
        Odd number of variables, :math:`3 \leq n \leq 29`; :math:`N = 2^n` chips.
    base : {"A", "B"}, optional
        Base set of :func:`near_bent_permutation_set` (used for :math:`n \geq 7`).
    normalize : bool, optional
        Unit-norm columns (default) or :math:`\pm 1` entries.
    max_bytes : int, optional
        Memory limit (default :math:`2^{31}` bytes).

    Returns
    -------
    ndarray
        float64, shape (N, K): K = 24 at n = 3, K = 12N = 384 at n = 5, K = 6N for
        :math:`n \geq 7`.

    Notes
    -----
    **Project construction** (see :func:`near_bent_permutation_set`). Every pairwise sum of
    the quadratics is near-bent (:math:`W \in \{0, \pm 2^{(n+1)/2}\}`), so cross-block inner
    products are 0 or :math:`\pm\sqrt{2/N}` and the coherence is :math:`\sqrt{2/N}`; every
    column is a Golay sequence (PAPR :math:`\leq 2`).

    Examples
    --------
    >>> A = near_bent_golay_codebook(5)
    >>> A.shape, golay_codebook_coherence(near_bent_permutation_set(5))
    ((32, 384), 0.25)
    """
    n = check_integer("n", n, low=3, high=_MAX_TT_VARIABLES - 1)
    return _dense(near_bent_permutation_set(n, base), normalize, max_bytes)


def yu_golay_codebook(n: int, n_blocks: int = 6, rng=None, *, min_rank=None,
                      max_draws: int = 100_000, normalize: bool = True,
                      max_bytes: int = 2**31):
    r"""Dense Golay codebook of a random permutation set (same-family baseline, Yu 2021).

    Parameters
    ----------
    n : int
        Number of variables, :math:`2 \leq n \leq 30`; :math:`N = 2^n` chips.
    n_blocks, rng, min_rank, max_draws
        As in :func:`yu_permutation_set`; :math:`K = \lambda N` with :math:`\lambda` =
        ``n_blocks``.
    normalize : bool, optional
        Unit-norm columns (default) or :math:`\pm 1` entries.
    max_bytes : int, optional
        Memory limit (default :math:`2^{31}` bytes).

    Returns
    -------
    ndarray
        float64, shape (N, K); column :math:`iN + c` is :math:`N^{-1/2}
        (-1)^{Q_{\pi_i}(x) + c\cdot x}` (a Golay sequence, PAPR :math:`\leq 2`).

    Notes
    -----
    **Reconstruction from the abstract** of N. Y. Yu, IEEE Trans. Commun. 69(1):276--290,
    2021 (doi:10.1109/TCOMM.2020.3031613, arXiv:2004.01446): the sequence family (Golay
    cosets of the first-order Reed--Muller code, PAPR at most 3 dB) is the paper's; the
    permutation search is the project's reading and the paper's coherence bound is not
    verified (see :func:`yu_permutation_set`). Use
    ``GolayOperator(yu_permutation_set(...))`` for the matrix-free form.

    Examples
    --------
    >>> A = yu_golay_codebook(4, rng=1)
    >>> A.shape
    (16, 96)
    """
    n = check_integer("n", n, low=2, high=_MAX_TT_VARIABLES)
    perms = yu_permutation_set(n, n_blocks, rng, min_rank=min_rank, max_draws=max_draws)
    return _dense(perms, normalize, max_bytes)


def golay_codebook_coherence(perms, *, max_bytes: int = 2**31) -> float:
    r"""Coherence of the Golay codebook of ``perms`` from :math:`\lambda(\lambda-1)/2` FWHTs.

    Parameters
    ----------
    perms : sequence of sequences of int
        Permutations of a common :math:`\{1, \dots, n\}`, :math:`n \leq 30`.
    max_bytes : int, optional
        Refuse to run if the int32 work array (:math:`4 \cdot 2^n` bytes) exceeds this
        (default :math:`2^{31}` bytes = 2 GiB, a project safety limit: n <= 29).

    Returns
    -------
    float
        :math:`\mu(A) = \max_{\pi \neq \sigma} \max_a |W_{Q_\pi + Q_\sigma}(a)| / N` (0 for a
        single permutation: one orthonormal basis). Exact in floating point (integer transform,
        division by a power of two).

    Raises
    ------
    ValueError
        If ``perms`` is not a set of permutations of one :math:`\{1..n\}`, :math:`n > 30`, or
        the work array would exceed ``max_bytes``.

    Notes
    -----
    :math:`\langle a_{\pi,c}, a_{\sigma,d}\rangle = W_{Q_\pi+Q_\sigma}(c \oplus d)/N` and the
    columns of one block are orthonormal, so :math:`A` is never formed. Each pairwise sum is a
    quadratic form whose symplectic matrix is the symmetric difference of the two path edge
    sets; a numba kernel generates its :math:`\pm 1` sequence block by block directly into one
    int32 work array of :math:`N` entries (no truth table, no int64 copy) and transforms it
    with the cache-blocked int32 FWHT of :func:`~wirelesseff.noma.walsh_hadamard`. Memory is
    :math:`4N` bytes (64 MiB at m = 6, N = 16 777 216); time is 15 transforms of length N
    (measured about 1 s at m = 6 on one core of the development machine). The rank criterion
    of :func:`pairwise_bent_by_rank` predicts the same maximum (:math:`2^{n-h}` for rank
    :math:`2h`) without any transform; this function is the independent numerical check.

    Examples
    --------
    >>> golay_codebook_coherence(recursive_permutation_set("A", 2))
    0.0625
    """
    ps = _as_perm_set(perms)
    max_bytes = _check_max_bytes(max_bytes)
    n = len(ps[0])
    if n > _MAX_TT_VARIABLES:
        raise ValueError(f"perms must have n <= {_MAX_TT_VARIABLES} labels, got n={n}")
    size = 1 << n
    if 4 * size > max_bytes:
        raise ValueError(
            f"golay_codebook_coherence needs a 4*N = {4 * size} byte work array > "
            f"max_bytes={max_bytes} (n={n}); raise max_bytes or use pairwise_bent_by_rank"
        )
    if len(ps) < 2:
        return 0.0
    low = [_lower_masks(p) for p in ps]
    pairs = np.array([[x ^ y for x, y in zip(low[a], low[b])]
                      for a, b in itertools.combinations(range(len(ps)), 2)], dtype=np.int64)
    n_tasks = min(numba.get_num_threads(), len(pairs), max(1, max_bytes // (4 * size)))
    if n_tasks > 1 and size >= _kernels.PARALLEL_MIN_SIZE:
        work = np.empty((n_tasks, size), dtype=np.int32)
        best = _kernels.quadratic_max_abs_wht_parallel(pairs, work)
    else:
        best = _kernels.quadratic_max_abs_wht(pairs, np.empty(size, dtype=np.int32))
    return int(best.max()) / size


def _lower_masks(perm: tuple[int, ...]) -> list[int]:
    """Bit u of entry t is set for every path edge (u, t) with u < t (0-based variables)."""
    return [row & ((1 << t) - 1) for t, row in enumerate(_edge_masks(perm))]
