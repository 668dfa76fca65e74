r"""Reference and random codebooks, GF(2^m) arithmetic and coherence of dense codebooks.

* :func:`coherence`, :func:`coherence_statistics` -- maximum / mean-square cross-correlation of
  a dense (N, K) codebook from a column-blocked Gram matrix.
* :func:`heng_yue_codebook` -- quaternary codebook with :math:`K = N^2 + N`, :math:`N = 2^m`,
  meeting the Levenshtein bound :math:`1/\sqrt N` (reconstruction of Heng and Yue 2017 by the
  standard :math:`\mathbb Z_4` trace-form construction, see docs/noma.md, "Heng–Yue
  Levenshtein-optimal reference").
* :func:`gaussian_codebook`, :func:`bipolar_codebook`, :func:`qpsk_codebook`,
  :func:`zadoff_chu_codebook` -- random and Zadoff--Chu baselines.
* :func:`make_codebook` -- every codebook of the module by name (:data:`CODEBOOK_KINDS`), the
  one entry point of the studies; :data:`CODEBOOK_LABELS` names them in words for figures.

Every codebook is an (N, K) array with unit-norm columns (N = sequence length, K = number of
codewords; overloading :math:`K/N`).
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import as_generator, check_choice, check_finite, check_in_range, check_integer
from ._checks import flag, real_scalar
from .golay import (
    GolayOperator,
    _check_max_bytes,
    _count_within_bytes,
    golay_operator,
    near_bent_permutation_set,
    yu_permutation_set,
)

__all__ = [
    "CODEBOOK_KINDS",
    "CODEBOOK_LABELS",
    "CONWAY_POLYNOMIALS",
    "bipolar_codebook",
    "coherence",
    "coherence_statistics",
    "field_multiply",
    "field_trace",
    "gaussian_codebook",
    "heng_yue_codebook",
    "make_codebook",
    "qpsk_codebook",
    "zadoff_chu_codebook",
]

#: Conway polynomials of GF(2^m), m = 1..10 (bit i = coefficient of x^i); the same defaults as
#: ``galois.GF(2**m)`` (F. Lübeck's table of Conway polynomials).
CONWAY_POLYNOMIALS: dict[int, int] = {
    1: 0b11,
    2: 0b111,
    3: 0b1011,
    4: 0b10011,
    5: 0b100101,
    6: 0b1011011,
    7: 0b10000011,
    8: 0b100011101,
    9: 0b1000010001,
    10: 0b10001101111,
}


# ---------------------------------------------------------------------------------------------
# coherence of dense codebooks
# ---------------------------------------------------------------------------------------------
#: Largest column block of the Gram computation (8192^2 entries: 1 GiB complex).
_MAX_BLOCK = 8192


def _as_codebook(A) -> np.ndarray:
    a = np.asarray(A)
    if a.ndim != 2 or a.shape[1] < 2 or a.shape[0] < 1:
        raise ValueError(f"A must be an (N, K) codebook with K >= 2 columns, got shape {a.shape}")
    if not np.issubdtype(a.dtype, np.number):
        raise ValueError(f"A must be numeric, got dtype {a.dtype}")
    check_finite(A=a)
    return a


def _gram_blocks(a: np.ndarray, block: int):
    """Yield (p, q, |G_pq|) over column blocks q >= p, diagonal of G_pp set to -1."""
    k = a.shape[1]
    starts = range(0, k, block)
    for p in starts:
        ap = a[:, p : p + block]
        aph = ap.conj().T if np.iscomplexobj(ap) else ap.T
        for q in starts:
            if q < p:
                continue
            g = np.abs(aph @ a[:, q : q + block])
            if p == q:
                np.fill_diagonal(g, -1.0)
            yield p, q, g


def coherence(A, *, block: int = 4096) -> float:
    r"""Coherence :math:`\mu(A) = \max_{k \neq l} |a_k^H a_l|` of a dense codebook.

    Parameters
    ----------
    A : array_like
        (N, K) codebook, real or complex, :math:`K \geq 2`. Columns are used as given (no
        renormalisation).
    block : int, optional
        Column-block size of the Gram computation, :math:`1 \leq` ``block`` :math:`\leq 8192`
        (default 4096, a project choice bounding the work array to 4096^2 entries, 128 MB real
        / 256 MB complex).

    Returns
    -------
    float

    Notes
    -----
    The Gram matrix :math:`A^H A` is formed block by block (upper block triangle only),
    :math:`O(N K^2)` operations; for the Golay codebook use
    :func:`~wirelesseff.noma.golay_codebook_coherence` instead (:math:`O(\lambda^2 N \log N)`).

    Examples
    --------
    >>> coherence(np.eye(4))
    0.0
    >>> round(coherence(np.array([[1.0, 0.6], [0.0, 0.8]])), 12)
    0.6
    """
    a = _as_codebook(A)
    block = check_integer("block", block, low=1, high=_MAX_BLOCK)
    return float(max(g.max() for _, _, g in _gram_blocks(a, block)))


def coherence_statistics(A, *, threshold=None, rtol: float = 1e-9, block: int = 4096) -> dict:
    r"""Coherence, mean-square cross-correlation and fraction of pairs above a threshold.

    Parameters
    ----------
    A : array_like
        (N, K) codebook, real or complex, :math:`K \geq 2`.
    threshold : float, optional
        Correlation level; default :math:`1/\sqrt N` (the optimum for codebooks containing two
        orthonormal bases).
    rtol : float, optional
        Relative tolerance :math:`\geq 0`: a pair counts as above when :math:`|a_k^H a_l| >`
        ``threshold * (1 + rtol)`` (so exact :math:`1/\sqrt N` values are not counted).
    block : int, optional
        Column-block size of the Gram computation, :math:`\leq 8192`.

    Returns
    -------
    dict
        ``coherence`` (max), ``mean_square`` (:math:`\frac{1}{K(K-1)}\sum_{k\neq l}
        |a_k^H a_l|^2`, equal to :math:`\mu_W^2` for unit-norm tight frames) and
        ``fraction_above`` (over the :math:`K(K-1)/2` unordered pairs).

    Examples
    --------
    >>> s = coherence_statistics(np.array([[1.0, 0.6, 0.0], [0.0, 0.8, 1.0]]))
    >>> round(s["coherence"], 12), round(s["mean_square"], 12), round(s["fraction_above"], 12)
    (0.8, 0.333333333333, 0.333333333333)
    """
    a = _as_codebook(A)
    block = check_integer("block", block, low=1, high=_MAX_BLOCK)
    n, k = a.shape
    thr = n**-0.5 if threshold is None else real_scalar("threshold", threshold, 0.0)
    level = thr * (1.0 + real_scalar("rtol", rtol, 0.0))
    mx = 0.0
    sq = 0.0
    above = 0
    for p, q, g in _gram_blocks(a, block):
        w = 1.0 if p == q else 2.0  # off-diagonal blocks stand for both (p, q) and (q, p)
        off = g >= 0
        mx = max(mx, float(g.max()))
        sq += w * float(np.sum(g[off] ** 2))
        above += int(w * np.count_nonzero(g > level))
    return {
        "coherence": mx,
        "mean_square": sq / (k * (k - 1)),
        "fraction_above": above / (k * (k - 1)),
    }


# ---------------------------------------------------------------------------------------------
# GF(2^m) arithmetic (numpy, shift-and-add)
# ---------------------------------------------------------------------------------------------
def _check_m(m) -> int:
    return check_integer("m", m, low=1, high=10)


def _field_elements(name: str, value, m: int) -> np.ndarray:
    """Integer field elements in [0, 2^m) as int64 (message names the parameter)."""
    arr = check_in_range(name, value, 0, (1 << m) - 1, what=f"(elements of GF(2^{m}))")
    if np.issubdtype(arr.dtype, np.floating) and np.any(arr != np.round(arr)):
        raise ValueError(f"{name} must hold integers (field elements), got {value!r}")
    return arr.astype(np.int64)


def field_multiply(a, b, m: int):
    r"""Product in :math:`GF(2^m)` (Conway polynomial; bit i of an integer = coeff. of \alpha^i).

    Parameters
    ----------
    a, b : array_like of int
        Field elements in :math:`[0, 2^m)`, broadcast.
    m : int
        Extension degree, :math:`1 \leq m \leq 10`.

    Returns
    -------
    ndarray or int
        :math:`ab` reduced modulo the Conway polynomial :data:`CONWAY_POLYNOMIALS` ``[m]``.

    Examples
    --------
    >>> int(field_multiply(2, 2, 2))  # alpha^2 = alpha + 1 in GF(4)
    3
    """
    m = _check_m(m)
    poly = CONWAY_POLYNOMIALS[m]
    x, y = np.broadcast_arrays(_field_elements("a", a, m), _field_elements("b", b, m))
    x = x.copy()
    res = np.zeros_like(x)
    for i in range(m):
        res ^= np.where((y >> i) & 1, x, 0)
        x <<= 1
        x ^= np.where((x >> m) & 1, poly, 0)
    return res[()]


def field_trace(z, m: int):
    r"""Absolute trace :math:`\mathrm{Tr}(z) = \sum_{t<m} z^{2^t} \in \{0, 1\}` in :math:`GF(2^m)`.

    Parameters
    ----------
    z : array_like of int
        Field elements in :math:`[0, 2^m)` (Conway-polynomial representation).
    m : int
        Extension degree, :math:`1 \leq m \leq 10`.

    Returns
    -------
    ndarray or int
        Trace values 0/1, by repeated squaring. Equals ``galois.GF(2**m)(z).field_trace()``.

    Examples
    --------
    >>> field_trace(np.arange(4), 2)  # Tr(1) = 0, Tr(alpha) = Tr(alpha + 1) = 1 in GF(4)
    array([0, 0, 1, 1])
    """
    m = _check_m(m)
    t = _field_elements("z", z, m)
    acc = t.copy()
    for _ in range(m - 1):
        t = np.asarray(field_multiply(t, t, m))
        acc ^= t
    if np.any(acc > 1):  # pragma: no cover - impossible for a valid field
        raise RuntimeError("trace outside GF(2); inconsistent field arithmetic")
    return acc[()]


def heng_yue_codebook(m: int, *, max_bytes: int = 2**31) -> np.ndarray:
    r"""Quaternary codebook meeting the Levenshtein bound: :math:`N = 2^m`, :math:`K = N^2 + N`.

    Parameters
    ----------
    m : int
        :math:`1 \leq m \leq 10`.
    max_bytes : int, optional
        Refuse to allocate more than this (default :math:`2^{31}` bytes; the dense matrix has
        :math:`16 N (N^2 + N)` bytes, i.e. 270 MB at m = 8, 2.15 GB at m = 9 and 17 GB at
        m = 10).

    Returns
    -------
    ndarray
        complex128, shape (N, N^2 + N), unit-norm columns, alphabet
        :math:`\{0, 1, \pm N^{-1/2}, \pm j N^{-1/2}\}`, coherence :math:`1/\sqrt N =
        \mu_{Lc}(N, N^2 + N)`.

    Raises
    ------
    ValueError
        If ``m`` is outside [1, 10] or the matrix exceeds ``max_bytes``.

    Notes
    -----
    **Reconstruction** of the parameters of Heng and Yue (2017) by the standard
    :math:`\mathbb Z_4` trace-form construction (details may differ from theirs). Columns
    :math:`0..N-1` are the standard basis; column :math:`N + aN + b` (:math:`a, b < N`) is

    .. math:: N^{-1/2}\, j^{(x^T S_a x + 2 b\cdot x) \bmod 4}, \qquad
       S_a[i, k] = \mathrm{Tr}(a \alpha^i \alpha^k),\ i, k < m,

    with :math:`x^T S_a x` evaluated over :math:`\mathbb Z`, :math:`\alpha` a root of the Conway
    polynomial. For :math:`a \neq a'`, :math:`S_a + S_{a'} = S_{a+a'}` is nonsingular over
    :math:`\mathbb F_2` (the trace form is nondegenerate), so the :math:`N + 1` bases are mutually
    unbiased. GF(:math:`2^m`) arithmetic is done in numpy (:func:`field_multiply`,
    :func:`field_trace`); ``galois`` is only an optional test cross-check.

    References
    ----------
    .. [1] Z. Heng, Q. Yue, "Optimal codebooks achieving the Levenshtein bound from generalized
       bent functions over Z4", Cryptogr. Commun. 9(1):41--53, 2017.
    .. [2] A. R. Calderbank, P. J. Cameron, W. M. Kantor, J. J. Seidel, "Z4-Kerdock codes,
       orthogonal spreads, and extremal Euclidean line-sets", Proc. London Math. Soc.
       75(2):436--480, 1997, doi:10.1112/S0024611597000403.

    Examples
    --------
    >>> A = heng_yue_codebook(2)
    >>> A.shape, float(np.round(np.linalg.norm(A, axis=0).min(), 12))
    ((4, 20), 1.0)
    """
    m = _check_m(m)
    max_bytes = _check_max_bytes(max_bytes)
    n = 1 << m
    k = n * n + n
    nbytes = 16 * n * k
    if nbytes > max_bytes:
        raise ValueError(
            f"heng_yue_codebook(m={m}) needs 16*N*(N^2+N) = {nbytes} bytes > max_bytes={max_bytes}"
        )
    elems = np.arange(n, dtype=np.int64)
    # Tr(a alpha^t) for t = 0..2m-2 and all a
    tr = np.empty((n, 2 * m - 1), dtype=np.int64)
    cur = elems.copy()
    for t in range(2 * m - 1):
        tr[:, t] = field_trace(cur, m)
        cur = np.asarray(field_multiply(cur, 2 if m > 1 else 1, m))
    idx = np.add.outer(np.arange(m), np.arange(m))
    s = tr[:, idx]  # (a, i, k)
    xbits = ((elems[:, None] >> np.arange(m)) & 1).astype(np.int64)  # (x, i)
    q = np.einsum("xi,aik,xk->ax", xbits, s, xbits)  # over Z
    par = np.bitwise_count(elems[:, None] & elems[None, :]).astype(np.int64) & 1  # (x, b)
    expo = (q.T[:, :, None] + 2 * par[:, None, :]) & 3  # (x, a, b)
    phases = np.array([1, 1j, -1, -1j], dtype=np.complex128) * n**-0.5
    out = np.zeros((n, k), dtype=np.complex128)
    out[:, :n] = np.eye(n)
    out[:, n:] = phases[expo.reshape(n, n * n)]
    return out


# ---------------------------------------------------------------------------------------------
# random and Zadoff--Chu baselines
# ---------------------------------------------------------------------------------------------
def _nk(N, K, max_bytes, itemsize: int, n_low: int = 1) -> tuple[int, int]:
    """Validated (N, K), refused before any allocation if N K itemsize > max_bytes."""
    max_bytes = _check_max_bytes(max_bytes)
    n = _count_within_bytes("N", N, max_bytes, low=n_low)
    k = _count_within_bytes("K", K, max_bytes)
    if n * k * itemsize > max_bytes:  # Python integers: no overflow in the product
        raise ValueError(f"an (N, K) = ({n}, {k}) codebook needs {n * k * itemsize} bytes > "
                         f"max_bytes={max_bytes}; raise max_bytes or lower N or K")
    return n, k


def gaussian_codebook(N: int, K: int, rng=None, complex: bool = True, *,
                      max_bytes: int = 2**31) -> np.ndarray:
    r"""I.i.d. Gaussian codebook with unit-norm columns.

    Entries :math:`\mathcal{CN}(0, 1)` (or real :math:`\mathcal N(0, 1)`) before normalisation.

    Parameters
    ----------
    N, K : int
        Sequence length and number of codewords, :math:`\geq 1`.
    rng : numpy.random.Generator or int or None
        Random source.
    complex : bool, optional
        Complex (default) or real entries.
    max_bytes : int, optional
        Refuse codebooks larger than this (default :math:`2^{31}` bytes, a project safety
        limit: :math:`16NK` bytes complex, :math:`8NK` real).

    Returns
    -------
    ndarray
        (N, K) complex128 (or float64), columns normalised to unit norm.

    Examples
    --------
    >>> A = gaussian_codebook(8, 20, rng=0)
    >>> A.shape, bool(np.allclose(np.linalg.norm(A, axis=0), 1.0))
    ((8, 20), True)
    """
    complex = flag("complex", complex)
    n, k = _nk(N, K, max_bytes, 16 if complex else 8)
    gen = as_generator(rng)
    if complex:
        a = gen.standard_normal((n, k)) + 1j * gen.standard_normal((n, k))
    else:
        a = gen.standard_normal((n, k))
    return a / np.linalg.norm(a, axis=0, keepdims=True)


def bipolar_codebook(N: int, K: int, rng=None, *, max_bytes: int = 2**31) -> np.ndarray:
    r"""Random bipolar codebook, entries :math:`\pm N^{-1/2}` i.i.d. equiprobable.

    Parameters
    ----------
    N, K : int
        Sequence length and number of codewords, :math:`\geq 1`.
    rng : numpy.random.Generator or int or None
        Random source.
    max_bytes : int, optional
        Refuse codebooks larger than this (default :math:`2^{31}` bytes; :math:`8NK` bytes).

    Returns
    -------
    ndarray
        (N, K) float64.

    Examples
    --------
    >>> A = bipolar_codebook(4, 3, rng=0)
    >>> sorted(set(np.abs(A).ravel().tolist()))
    [0.5]
    """
    n, k = _nk(N, K, max_bytes, 8)
    gen = as_generator(rng)
    return (1.0 - 2.0 * gen.integers(0, 2, size=(n, k))) * n**-0.5


def qpsk_codebook(N: int, K: int, rng=None, *, max_bytes: int = 2**31) -> np.ndarray:
    r"""Random QPSK codebook, entries :math:`\{1, j, -1, -j\}\,N^{-1/2}` i.i.d. equiprobable.

    Parameters
    ----------
    N, K : int
        Sequence length and number of codewords, :math:`\geq 1`.
    rng : numpy.random.Generator or int or None
        Random source.
    max_bytes : int, optional
        Refuse codebooks larger than this (default :math:`2^{31}` bytes; :math:`16NK` bytes).

    Returns
    -------
    ndarray
        (N, K) complex128.

    Examples
    --------
    >>> A = qpsk_codebook(4, 3, rng=0)
    >>> A.dtype, bool(np.allclose(np.abs(A), 0.5))
    (dtype('complex128'), True)
    """
    n, k = _nk(N, K, max_bytes, 16)
    gen = as_generator(rng)
    alphabet = np.array([1, 1j, -1, -1j], dtype=np.complex128)
    return alphabet[gen.integers(0, 4, size=(n, k))] * n**-0.5


def _largest_prime_at_most(n: int) -> int:
    for p in range(n, 1, -1):
        if all(p % d for d in range(2, math.isqrt(p) + 1)):
            return p
    raise ValueError(f"no prime <= {n}")  # pragma: no cover - n >= 3 is validated


def zadoff_chu_codebook(N: int, K: int, rng=None, roots=None, *,
                        max_bytes: int = 2**31) -> np.ndarray:
    r"""Zadoff--Chu codebook: cyclic shifts of several roots, cyclically extended to length N.

    Parameters
    ----------
    N : int
        Sequence length, :math:`N \geq 3`.
    K : int
        Number of codewords, :math:`1 \leq K \leq P(P-1)` with :math:`P` the largest prime
        :math:`\leq N`.
    rng : numpy.random.Generator or int or None
        Draws the :math:`\lceil K/P \rceil` distinct roots from :math:`\{1, \dots, P-1\}` (when
        ``roots`` is not given).
    roots : sequence of int, optional
        Roots to use, in order (distinct, in :math:`[1, P-1]`, at least
        :math:`\lceil K/P \rceil` of them).
    max_bytes : int, optional
        Refuse codebooks larger than this (default :math:`2^{31}` bytes; :math:`16NK` bytes),
        checked before the prime search and any allocation.

    Returns
    -------
    ndarray
        (N, K) complex128, unit-norm columns; column :math:`(u, s)` (root-major, shift-minor,
        the first K kept) is :math:`z_u((n + s) \bmod P)/\sqrt N`, :math:`n < N`.

    Raises
    ------
    ValueError
        If :math:`N < 3`, :math:`K > P(P-1)` or ``roots`` is invalid.

    Notes
    -----
    :math:`z_u(n) = \exp(-j\pi u n(n+1)/P)` (odd-length ZC, 3GPP TS 36.211 Sec. 5.5.1.1
    style).
    For :math:`N = P` the shifts of one root are orthogonal and two roots have
    cross-correlation magnitude :math:`1/\sqrt P`; the cyclic extension for :math:`N > P` breaks
    exact orthogonality.

    References
    ----------
    .. [1] 3GPP TS 36.211, "E-UTRA; Physical channels and modulation", Sec. 5.5.1.1.
    .. [2] D. Chu, "Polyphase codes with good periodic correlation properties", IEEE Trans. Inf.
       Theory 18(4):531--532, 1972, doi:10.1109/TIT.1972.1054840.

    Examples
    --------
    >>> A = zadoff_chu_codebook(13, 26, roots=[1, 2])
    >>> bool(np.isclose(abs(np.vdot(A[:, 0], A[:, 13])), 13**-0.5))
    True
    """
    n, k = _nk(N, K, max_bytes, 16, n_low=3)
    p = _largest_prime_at_most(n)
    if k > p * (p - 1):
        raise ValueError(f"K must be <= P(P-1) = {p * (p - 1)} for N={n} (P={p}), got K={k}")
    n_roots = -(-k // p)
    if roots is None:
        gen = as_generator(rng)
        u = gen.choice(np.arange(1, p), size=n_roots, replace=False)
    else:
        if isinstance(roots, str):
            raise TypeError(f"roots must be a sequence of integers, got {roots!r}")
        r = np.asarray(roots).ravel()
        if r.dtype.kind not in "iuf":
            raise TypeError(f"roots must be a sequence of integers, got {roots!r}")
        if r.dtype.kind not in "iu" and not (
            r.dtype.kind == "f" and np.all(np.isfinite(r)) and np.all(r == np.round(r))
        ):
            raise ValueError(f"roots must be integers in [1, {p - 1}], got {r.tolist()}")
        u = r.astype(np.int64)
        if u.size < n_roots or np.unique(u).size != u.size or u.min() < 1 or u.max() > p - 1:
            raise ValueError(
                f"roots must be >= {n_roots} distinct integers in [1, {p - 1}] for K={k}, "
                f"P={p}, got {u.tolist()}"
            )
        u = u[:n_roots]
    idx = np.arange(n)
    shifts = np.arange(p)
    pos = (idx[:, None] + shifts[None, :]) % p  # (n, s)
    out = np.empty((n, n_roots * p), dtype=np.complex128)
    for r, root in enumerate(u):
        zc = np.exp(-1j * np.pi * root * np.arange(p) * (np.arange(p) + 1) / p)
        out[:, r * p : (r + 1) * p] = zc[pos]
    return out[:, :k] * n**-0.5


# ---------------------------------------------------------------------------------------------
# every codebook by name
# ---------------------------------------------------------------------------------------------
#: Codebook names accepted by :func:`make_codebook`.
CODEBOOK_KINDS = ("golay", "golay_yu", "golay_near_bent", "gaussian", "bipolar", "qpsk",
                  "zadoff_chu", "heng_yue")

#: Legend labels in words for every kind of :data:`CODEBOOK_KINDS` (figures use these).
CODEBOOK_LABELS = {
    "golay": "Golay, bent sums (Li et al. 2025)",
    "golay_yu": "Golay, random permutations (Yu 2021)",
    "golay_near_bent": "Golay, near-bent sums (odd n)",
    "gaussian": "Gaussian",
    "bipolar": "random bipolar",
    "qpsk": "random QPSK",
    "zadoff_chu": "Zadoff-Chu",
    "heng_yue": "Heng-Yue (Levenshtein-optimal)",
}


def make_codebook(kind: str, N: int, K=None, *, rng=None, matrix_free: bool = False,
                  max_bytes: int = 2**31):
    r"""A codebook of the module by name: N chips, K unit-norm codewords.

    Parameters
    ----------
    kind : str
        One of :data:`CODEBOOK_KINDS`: ``"golay"`` (:func:`~wirelesseff.noma.golay_codebook`,
        :math:`N = 2^{4m}`, K = 6N), ``"golay_yu"`` (random permutation set,
        :func:`~wirelesseff.noma.yu_permutation_set`, :math:`N = 2^n`, K a multiple of N),
        ``"golay_near_bent"`` (:func:`~wirelesseff.noma.near_bent_golay_codebook`, odd n, K
        fixed by n), ``"gaussian"``, ``"bipolar"``, ``"qpsk"``, ``"zadoff_chu"`` (any N, K) or
        ``"heng_yue"`` (:math:`N = 2^m`, :math:`K = N^2 + N`).
    N : int
        Sequence length (chips).
    K : int, optional
        Number of codewords; default the kind's own (6N for ``"golay"``, ``"golay_yu"`` and the
        random kinds, :math:`N^2 + N` for ``"heng_yue"``).
    rng : numpy.random.Generator or int or None
        Random source of the random kinds and of ``"golay_yu"`` (ignored otherwise).
    matrix_free : bool, optional
        Return a :class:`~wirelesseff.noma.GolayOperator` instead of a dense array (Golay kinds
        only).
    max_bytes : int, optional
        Memory limit of the dense array or operator (default :math:`2^{31}` bytes).

    Returns
    -------
    ndarray or GolayOperator
        (N, K) codebook.

    Raises
    ------
    ValueError
        For an unknown kind, an (N, K) the kind cannot produce, or ``matrix_free`` with a
        kind that has no operator.

    Examples
    --------
    >>> make_codebook("golay", 256, matrix_free=True).shape
    (256, 1536)
    >>> make_codebook("qpsk", 16, 96, rng=0).dtype
    dtype('complex128')
    """
    if not isinstance(kind, str):
        raise TypeError(f"kind must be one of {CODEBOOK_KINDS}, got {kind!r}")
    kind = check_choice("kind", kind, CODEBOOK_KINDS)
    matrix_free = flag("matrix_free", matrix_free)
    max_bytes = _check_max_bytes(max_bytes)
    n_chips = _count_within_bytes("N", N, max_bytes)
    n_bits = n_chips.bit_length() - 1
    power_of_two = n_chips == 1 << n_bits
    if K is not None:
        K = _count_within_bytes("K", K, max_bytes)
    if kind.startswith("golay"):
        if not power_of_two or n_bits < 2:
            raise ValueError(f"N must be a power of two >= 4 for kind={kind!r}, got N={n_chips}")
        if kind == "golay":
            if n_bits % 4:
                raise ValueError(f"N must be 2**(4m) for kind='golay', got N={n_chips}")
            perms = golay_operator(n_bits // 4, max_bytes=max_bytes).perms
        elif kind == "golay_near_bent":
            if n_bits % 2 == 0 or n_bits < 3:
                raise ValueError(f"N must be 2**n with odd n >= 3 for kind='golay_near_bent', "
                                 f"got N={n_chips}")
            perms = near_bent_permutation_set(n_bits)
        else:
            lam, rest = divmod(6 * n_chips if K is None else K, n_chips)
            if rest or lam < 1:
                raise ValueError(f"K must be a multiple of N={n_chips} for kind='golay_yu', "
                                 f"got K={K}")
            perms = yu_permutation_set(n_bits, lam, rng)
        k_own = len(perms) * n_chips
        if K is not None and K != k_own:
            raise ValueError(f"K must be {k_own} for kind={kind!r} with N={n_chips}, got K={K}")
        op = GolayOperator(perms, max_bytes=max_bytes)
        return op if matrix_free else op.todense(max_bytes=max_bytes)
    if matrix_free:
        raise ValueError(f"matrix_free=True needs a Golay kind, got kind={kind!r}")
    if kind == "heng_yue":
        if not power_of_two or not 1 <= n_bits <= 10:
            raise ValueError(f"N must be 2**m, 1 <= m <= 10, for kind='heng_yue', got N={n_chips}")
        if K is not None and K != n_chips * n_chips + n_chips:
            raise ValueError(f"K must be N^2 + N = {n_chips * n_chips + n_chips} for "
                             f"kind='heng_yue', got K={K}")
        return heng_yue_codebook(n_bits, max_bytes=max_bytes)
    k = 6 * n_chips if K is None else K
    maker = {"gaussian": gaussian_codebook, "bipolar": bipolar_codebook,
             "qpsk": qpsk_codebook, "zadoff_chu": zadoff_chu_codebook}[kind]
    return maker(n_chips, k, rng=rng, max_bytes=max_bytes)
