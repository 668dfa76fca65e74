r"""Golay (Davis--Jedwab) codebooks from pairwise-bent quadratics (Li et al. 2025; reconstruction).

A permutation :math:`\pi` of the 1-based labels :math:`\{1, \dots, n\}` defines the quadratic
form (spec §1.2)

.. math:: Q_\pi(x) = \sum_{i=1}^{n-1} x_{\pi(i)} x_{\pi(i+1)},

whose cosets :math:`(-1)^{Q_\pi(x) + c\cdot x}` are binary Golay sequences (Davis--Jedwab 1999),
so their PAPR is at most 2 (3.01 dB). For :math:`\Pi = (\pi_0, \dots, \pi_{\lambda-1})` and
:math:`N = 2^n` the codebook (spec §1.3) is

.. math:: A[x, iN + c] = N^{-1/2} (-1)^{Q_{\pi_i}(x) + c\cdot x}, \qquad
   A = N^{-1/2}[D_0 H, \dots, D_{\lambda-1} H],

with :math:`H[x, c] = (-1)^{x\cdot c}` and :math:`D_i = \mathrm{diag}((-1)^{Q_{\pi_i}})`. Each
block is an orthonormal basis and :math:`\langle a_{\pi,c}, a_{\sigma,d}\rangle =
W_{Q_\pi + Q_\sigma}(c \oplus d)/N`, so the coherence is :math:`1/\sqrt N` exactly when every
pairwise sum :math:`Q_\pi + Q_\sigma` is bent.

The construction achieving the parameters announced by Li, Riera, Sarkar and Stănică
(:math:`K = 6N` sequences of length :math:`N = 2^{4m}`, coherence :math:`1/\sqrt N`) is a
**reconstruction** (spec §1.4): the two maximum pairwise-bent sets :math:`S_A, S_B` of
:math:`n = 4` paths, lifted to :math:`n = 4m` by block repetition
:math:`\pi^{(m)} = (\pi, \pi + 4, \dots, \pi + 4(m-1))`. That every pairwise sum stays bent for
all :math:`m` is certified by the Schur-complement recursion of
:func:`schur_complement_orbit`; the authors' own recursion is unknown and may differ.

References
----------
.. [1] C. Li, C. Riera, P. Sarkar, P. Stănică, "On the codebook design for NOMA schemes from
   bent functions", arXiv:2512.16560, 2025 (abstract only was available).
.. [2] J. A. Davis, J. Jedwab, "Peak-to-mean power control in OFDM, Golay complementary
   sequences, and Reed--Muller codes", IEEE Trans. Inf. Theory 45(7):2397--2417, 1999,
   doi:10.1109/18.796380.
.. [3] F. J. MacWilliams, N. J. A. Sloane, *The Theory of Error-Correcting Codes*,
   North-Holland, 1977, ch. 15.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import scipy.linalg
from scipy.sparse.linalg import LinearOperator

from .._validation import check_choice, check_integer
from .boolean import _fwht_inplace, _rank_masks

__all__ = [
    "BASE_SET_A",
    "BASE_SET_B",
    "GolayOperator",
    "bent_permutation_sets",
    "certify_block_repetition",
    "gdj_quadratic",
    "golay_codebook",
    "golay_codebook_coherence",
    "golay_operator",
    "pairwise_bent_by_rank",
    "recursive_permutation_set",
    "schur_complement_orbit",
]

#: Largest pairwise-bent set of :math:`n = 4` path permutations, first of the two (spec §1.4,
#: canonical form :math:`\pi(1) < \pi(n)`, members sorted; found by exhaustive search).
BASE_SET_A: tuple[tuple[int, ...], ...] = (
    (1, 2, 3, 4), (1, 3, 4, 2), (1, 4, 2, 3), (2, 1, 4, 3), (2, 3, 1, 4), (3, 1, 2, 4),
)
#: The second maximum pairwise-bent set of :math:`n = 4` paths (spec §1.4).
BASE_SET_B: tuple[tuple[int, ...], ...] = (
    (1, 2, 4, 3), (1, 3, 2, 4), (1, 4, 3, 2), (2, 1, 3, 4), (2, 4, 1, 3), (3, 2, 1, 4),
)
_BASES = {"A": BASE_SET_A, "B": BASE_SET_B}

#: Largest n for which truth tables (2^n entries) are formed.
_MAX_TT_VARIABLES = 30


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
        Truth table of length :math:`2^n` (index :math:`\sum_k x_k 2^{k-1}`).

    Raises
    ------
    ValueError
        If ``perm`` is not a permutation of ``{1..n}`` (0-based input is rejected).

    Notes
    -----
    Spec §1.2, after Davis and Jedwab (IEEE TIT 45(7), 1999): :math:`(-1)^{Q_\pi(x) + c\cdot x}`
    is a Golay sequence. :math:`Q_\pi = Q_{\mathrm{reverse}\,\pi}`.

    Examples
    --------
    >>> gdj_quadratic((1, 2, 3))  # x1 x2 + x2 x3
    array([0, 0, 0, 1, 0, 0, 1, 0], dtype=uint8)
    """
    p = _as_perm("perm", perm)
    n = len(p)
    if n > _MAX_TT_VARIABLES:
        raise ValueError(f"perm must have n <= {_MAX_TT_VARIABLES} labels here, got n={n}")
    x = np.arange(1 << n, dtype=np.int64)
    q = np.zeros(1 << n, dtype=np.int64)
    for a, b in itertools.pairwise(p):
        q ^= (x >> (a - 1)) & (x >> (b - 1))
    return (q & 1).astype(np.uint8)


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
    NotImplementedError
        If :math:`n > 6` (the :math:`n!/2`-vertex clique search is not attempted).
    ValueError
        If :math:`n < 2`.

    Notes
    -----
    Exhaustive and exact: the graph on the :math:`n!/2` distinct :math:`Q_\pi` with an edge
    when :math:`Q_\pi + Q_\sigma` is bent (n even) / near-bent (n odd) by the rank test of
    :func:`pairwise_bent_by_rank`; all maximum cliques are enumerated by a
    Bron--Kerbosch-type branch and bound (greedy-colouring bound, Tomita--Seki 2003, pruning
    only branches that cannot *reach* the current maximum, so ties are kept). Measured maxima
    (project computation): n = 3: 3 (1 set), 4: 6 (2 sets), 5: 12 (640 sets), 6: 9 (1680 sets).

    Examples
    --------
    >>> sets = bent_permutation_sets(4)
    >>> len(sets), len(sets[0]), sets[0] == BASE_SET_A
    (2, 6, True)
    """
    n = check_integer("n", n, low=2)
    if n > 6:
        raise NotImplementedError(
            f"bent_permutation_sets supports 2 <= n <= 6 (exhaustive clique search), got n={n}"
        )
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


def recursive_permutation_set(base, m: int) -> tuple[tuple[int, ...], ...]:
    r"""Block-repetition lift :math:`\pi^{(m)} = (\pi, \pi + n_0, \dots, \pi + n_0(m-1))`.

    Parameters
    ----------
    base : {"A", "B"} or sequence of sequences of int
        ``"A"``/``"B"`` for :data:`BASE_SET_A`/:data:`BASE_SET_B` (:math:`n_0 = 4`), or
        permutations of a common :math:`\{1, \dots, n_0\}`.
    m : int
        Number of blocks, :math:`m \geq 1`.

    Returns
    -------
    tuple of tuple of int
        Permutations of :math:`\{1, \dots, n_0 m\}`, order and orientation of ``base`` kept.

    Raises
    ------
    ValueError
        If ``m < 1`` or ``base`` is invalid.

    Notes
    -----
    Spec §1.4 (reconstruction): with :math:`x^{(k)} = (x_{4k-3}, \dots, x_{4k})`,
    :math:`Q_{\pi^{(m)}} = \sum_k Q_\pi(x^{(k)}) + \sum_{k<m} x^{(k)}_{\pi(4)}
    x^{(k+1)}_{\pi(1)}`. This recursion achieves the paper's parameters; it may differ from the
    authors' own.

    Examples
    --------
    >>> recursive_permutation_set("A", 2)[1]
    (1, 3, 4, 2, 5, 7, 8, 6)
    """
    m = check_integer("m", m, low=1)
    if isinstance(base, str):
        perms = _BASES[check_choice("base", base, tuple(_BASES))]
    else:
        perms = _as_perm_set(base, "base")
    n0 = len(perms[0])
    return tuple(tuple(v + n0 * k for k in range(m) for v in p) for p in perms)


# ---------------------------------------------------------------------------------------------
# Schur-complement certificate (spec §1.4)
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


def _gf2_transpose(a: tuple[int, ...], n: int) -> tuple[int, ...]:
    return tuple(sum(((a[i] >> j) & 1) << i for i in range(n)) for j in range(n))


def _masks_to_array(a: tuple[int, ...], n: int) -> np.ndarray:
    return np.array([[(r >> j) & 1 for j in range(n)] for r in a], dtype=np.uint8)


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
    Spec §1.4 (reconstruction). Ordering variables block-wise, the symplectic matrix of
    :math:`Q_{\pi^{(m)}} + Q_{\sigma^{(m)}}` is block-tridiagonal with diagonal
    :math:`B = B(Q_\pi + Q_\sigma)`, super-diagonal :math:`C = e_{\pi(n_0)} e_{\pi(1)}^T +
    e_{\sigma(n_0)} e_{\sigma(1)}^T` and sub-diagonal :math:`C^T`. Block elimination over
    :math:`\mathbb F_2` gives :math:`\det M = \prod_k \det S_k` with :math:`S_1 = B`,
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
    c = [0] * n
    c[p[-1] - 1] ^= 1 << (p[0] - 1)
    c[s[-1] - 1] ^= 1 << (s[0] - 1)
    c = tuple(c)
    ct = _gf2_transpose(c, n)
    seen: list[tuple[int, ...]] = []
    sk = b
    while sk not in seen:
        seen.append(sk)
        inv = _gf2_inverse(sk, n)
        if inv is None:
            return [_masks_to_array(a, n) for a in seen], False
        prod = _gf2_matmul(ct, _gf2_matmul(inv, c))
        sk = tuple(x ^ y for x, y in zip(b, prod))
    return [_masks_to_array(a, n) for a in seen], True


def certify_block_repetition(base) -> bool:
    r"""Whether block repetition keeps every pairwise sum of ``base`` bent for all m (§1.4).

    Parameters
    ----------
    base : {"A", "B"} or sequence of sequences of int
        Base set (permutations of :math:`\{1, \dots, n_0\}`, orientation as given).

    Returns
    -------
    bool
        ``True`` iff :func:`schur_complement_orbit` certifies every pair.

    Examples
    --------
    >>> certify_block_repetition("A"), certify_block_repetition("B")
    (True, True)
    """
    perms = recursive_permutation_set(base, 1)
    return all(schur_complement_orbit(a, b)[1] for a, b in itertools.combinations(perms, 2))


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
    Spec §1.3: :math:`Ax = N^{-1/2}\sum_i D_i H x_i` and :math:`A^T y = N^{-1/2}[H D_i y]_i`,
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

    def __init__(self, perms, *, normalize: bool = True):
        self.perms = _as_perm_set(perms)
        n = len(self.perms[0])
        if n > _MAX_TT_VARIABLES:
            raise ValueError(f"perms must have n <= {_MAX_TT_VARIABLES} labels, got n={n}")
        self.n = n
        self.N = 1 << n
        self.n_blocks = len(self.perms)
        self.K = self.n_blocks * self.N
        self.shape = (self.N, self.K)
        self.dtype = np.dtype(np.float64)
        self.normalize = bool(normalize)
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


def golay_operator(m: int, base="A", *, normalize: bool = True) -> GolayOperator:
    r"""Matrix-free Golay codebook with :math:`N = 2^{n_0 m}`, :math:`K = \lambda N` (§1.3--1.4).

    Parameters
    ----------
    m : int
        Number of blocks :math:`m \geq 1` (:math:`N = 2^{4m}` for the built-in bases).
    base : {"A", "B"} or sequence of sequences of int, optional
        Base set (default ``"A"``, :data:`BASE_SET_A`).
    normalize : bool, optional
        Unit-norm columns (default).

    Returns
    -------
    GolayOperator

    Examples
    --------
    >>> golay_operator(4).shape
    (65536, 393216)
    """
    return GolayOperator(recursive_permutation_set(base, m), normalize=normalize)


def golay_codebook(m: int, base="A", *, normalize: bool = True, max_bytes: int = 2**31):
    r"""Dense bent-function Golay codebook: N = 2^(4m) chips, K = 6N codewords, coherence 1/sqrt(N).

    Parameters
    ----------
    m : int
        :math:`m \geq 1`; :math:`N = 2^{4m}` chips.
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
        If :math:`8NK >` ``max_bytes`` or ``m < 1``.

    Notes
    -----
    :math:`A[x, iN + c] = N^{-1/2}(-1)^{Q_{\pi_i}(x) + c\cdot x}` (spec §1.3). Each column is a
    Golay sequence (PAPR :math:`\leq 2`), each block is an orthonormal basis, :math:`AA^T =
    \lambda I`, and all cross-block inner products have magnitude :math:`1/\sqrt N` (the
    construction of Li et al. 2025 is reconstructed, see the module notes).

    Examples
    --------
    >>> A = golay_codebook(1, normalize=False)
    >>> A.shape, A[:, 0].astype(int).tolist()[:8]
    ((16, 96), [1, 1, 1, -1, 1, 1, -1, 1])
    """
    return golay_operator(m, base, normalize=normalize).todense(max_bytes=max_bytes)


def golay_codebook_coherence(perms) -> float:
    r"""Coherence of the Golay codebook of ``perms`` from :math:`\lambda(\lambda-1)/2` FWHTs.

    Parameters
    ----------
    perms : sequence of sequences of int
        Permutations of a common :math:`\{1, \dots, n\}`, :math:`n \leq 30`.

    Returns
    -------
    float
        :math:`\mu(A) = \max_{\pi \neq \sigma} \max_a |W_{Q_\pi + Q_\sigma}(a)| / N` (0 for a
        single permutation: one orthonormal basis). Exact in floating point (integer transform,
        division by a power of two).

    Notes
    -----
    Spec §1.3: :math:`\langle a_{\pi,c}, a_{\sigma,d}\rangle = W_{Q_\pi+Q_\sigma}(c \oplus d)/N`
    and columns of one block are orthonormal, so :math:`A` is never formed. Memory is
    :math:`O(N)` per transform (pairs are processed in chunks of at most 32 MB), so m = 4
    (N = 65 536, K = 393 216) runs in a few MB.

    Examples
    --------
    >>> golay_codebook_coherence(recursive_permutation_set("A", 2))
    0.0625
    """
    ps = _as_perm_set(perms)
    n = len(ps[0])
    if n > _MAX_TT_VARIABLES:
        raise ValueError(f"perms must have n <= {_MAX_TT_VARIABLES} labels, got n={n}")
    size = 1 << n
    if len(ps) < 2:
        return 0.0
    qs = np.stack([gdj_quadratic(p) for p in ps])
    pairs = list(itertools.combinations(range(len(ps)), 2))
    chunk = max(1, (32 << 20) // (8 * size))
    best = 0
    for s in range(0, len(pairs), chunk):
        idx = np.array(pairs[s : s + chunk])
        work = 1 - 2 * (qs[idx[:, 0]] ^ qs[idx[:, 1]]).astype(np.int64)
        _fwht_inplace(work)
        best = max(best, int(np.abs(work).max()))
    return best / size
