r"""Boolean functions: Walsh--Hadamard transform, bent tests and classical bent constructions.

Conventions. A Boolean function on :math:`\mathbb F_2^n` is given by its truth table
``tt`` of length :math:`2^n` with entries 0/1; the index of :math:`x = (x_1, \dots, x_n)` is
:math:`i = \sum_k x_k 2^{k-1}` (:math:`x_1` is the least significant bit). Vectors
:math:`a \in \mathbb F_2^n` are indexed the same way and :math:`a \cdot x = \sum_k a_k x_k \bmod 2`
is ``bitwise_count(a & x) & 1``.

The Walsh--Hadamard transform is

.. math:: W_f(a) = \sum_{x \in \mathbb F_2^n} (-1)^{f(x) + a \cdot x},

computed as the unnormalised, Sylvester-ordered fast transform of :math:`1 - 2\,\mathrm{tt}`
(:math:`n` butterfly stages :math:`(u, v) \mapsto (u + v, u - v)`, :math:`O(n 2^n)`).
Parseval: :math:`\sum_a W_f(a)^2 = 2^{2n}`.

A function is *bent* (n even) if :math:`|W_f| = 2^{n/2}` everywhere and *near-bent* (n odd) if
:math:`W_f \in \{0, \pm 2^{(n+1)/2}\}`. Note that SageMath's ``walsh_hadamard_transform`` changed
its sign convention across versions; compare magnitudes when cross-checking.

References
----------
.. [1] F. J. MacWilliams, N. J. A. Sloane, *The Theory of Error-Correcting Codes*, North-Holland,
   1977, ch. 15 (quadratic forms, Walsh spectrum of quadratics).
.. [2] O. S. Rothaus, "On 'bent' functions", J. Combin. Theory Ser. A 20(3):300--305, 1976,
   doi:10.1016/0097-3165(76)90024-8.
.. [3] R. L. McFarland, "A family of difference sets in non-cyclic groups", J. Combin. Theory
   Ser. A 15(1):1--10, 1973, doi:10.1016/0097-3165(73)90031-9.
.. [4] C. Carlet, "On the secondary constructions of resilient and bent functions", in *Coding,
   Cryptography and Combinatorics*, Progress in Computer Science and Applied Logic 23,
   Birkhäuser, 2004, pp. 3--28.
"""

from __future__ import annotations

import numba
import numpy as np

from .._validation import check_integer
from . import _kernels

#: Largest n whose Walsh spectra use int32 accumulators (|W_f| <= 2^n < 2^31).
_MAX_INT32_WHT_VARIABLES = 30
#: Bits that must be zero in 8 bytes of a 0/1 truth table read as one uint64 word.
_NON_BINARY = np.uint64(0xFEFEFEFEFEFEFEFE)

__all__ = [
    "bent_dual",
    "direct_sum",
    "fwht",
    "gf2_rank",
    "indirect_sum",
    "is_bent",
    "is_near_bent",
    "maiorana_mcfarland",
    "walsh_hadamard",
]


def _log2_length(name: str, length: int) -> int:
    """Return n for a length 2^n (n >= 1) or raise a ValueError naming ``name``."""
    if length < 2 or (length & (length - 1)) != 0:
        raise ValueError(f"{name} must have a length that is a power of two >= 2, got {length}")
    return length.bit_length() - 1


def _truth_table(name: str, f, *, max_ndim: int = 1) -> np.ndarray:
    """Validate a 0/1 truth table (or a batch of them) and return it as uint8."""
    arr = np.asarray(f)
    if arr.ndim == 0 or arr.ndim > max_ndim:
        allowed = "1-D" if max_ndim == 1 else "1-D or 2-D (one function per row)"
        raise ValueError(f"{name} must be {allowed}, got an array with ndim={arr.ndim}")
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.integer)
        or np.issubdtype(arr.dtype, np.bool_)
        or np.issubdtype(arr.dtype, np.floating)
    ):
        raise ValueError(f"{name} must hold 0/1 entries, got dtype {arr.dtype}")
    _log2_length(name, arr.shape[-1])
    if arr.dtype != np.bool_:
        bad = (arr != 0) & (arr != 1)
        if np.any(bad):
            idx = tuple(int(i) for i in np.argwhere(bad)[0])
            raise ValueError(
                f"{name} entries must be in {{0, 1}}, got {arr[idx].item()!r} at index {idx}"
            )
    return arr.astype(np.uint8)


def fwht(x, axis: int = -1) -> np.ndarray:
    r"""Unnormalised Sylvester-ordered fast Walsh--Hadamard transform along one axis.

    Computes :math:`X[c] = \sum_x (-1)^{c \cdot x} x[x]`, i.e. :math:`H x` with
    :math:`H[x, c] = (-1)^{x \cdot c}` the Sylvester Hadamard matrix
    (``scipy.linalg.hadamard`` ordering), by :math:`n` in-place butterfly stages in a numba
    kernel. Applying it twice multiplies by :math:`2^n`.

    Parameters
    ----------
    x : array_like
        Data; the length along ``axis`` must be a power of two :math:`\geq 2`. Integer and
        boolean input is transformed in int64 (exact), real floating input in float64, complex
        input in complex128.
    axis : int, optional
        Axis to transform (default last).

    Returns
    -------
    ndarray
        Transform, same shape as ``x``; dtype int64, float64 or complex128. The input is never
        modified.

    Raises
    ------
    ValueError
        If the length along ``axis`` is not a power of two :math:`\geq 2`.

    Notes
    -----
    Batches with at least 2 rows and :math:`B N \geq 2^{20}` entries run the rows in parallel
    (numba ``prange``) unless numba is limited to one thread (``NUMBA_NUM_THREADS=1`` or
    :func:`numba.set_num_threads`; advisable on oversubscribed machines and inside process
    pools). Integer transforms are exact (fastmath off).

    Examples
    --------
    >>> fwht([1, 0, 0, 0])
    array([1, 1, 1, 1])
    >>> fwht([1.0, 1.0, 1.0, -1.0])
    array([ 2.,  2.,  2., -2.])
    """
    arr = np.asarray(x)
    if arr.ndim == 0:
        raise ValueError("x must have at least one dimension, got a scalar")
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number)
                                   or np.issubdtype(arr.dtype, np.bool_)):
        raise TypeError(f"x must be numeric, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        dtype = np.complex128
    elif np.issubdtype(arr.dtype, np.floating):
        dtype = np.float64
    elif np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.bool_):
        dtype = np.int64
    else:
        raise ValueError(f"x must be numeric, got dtype {arr.dtype}")
    axis = check_integer("axis", axis)
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis must be in [{-arr.ndim}, {arr.ndim - 1}], got {axis}")
    n = arr.shape[axis]
    _log2_length("x (along axis)", n)
    if arr.ndim == 1:  # fast path (no axis juggling)
        work = np.array(arr, dtype=dtype, copy=True).reshape(1, n)
        _fwht_inplace(work)
        return work[0]
    moved = np.moveaxis(arr, axis, -1)
    work = np.array(moved.reshape(-1, n), dtype=dtype, order="C", copy=True)
    _fwht_inplace(work)
    return np.moveaxis(work.reshape(moved.shape), -1, axis)


def _fwht_inplace(work: np.ndarray) -> None:
    """In-place FWHT of the rows of a C-contiguous 2-D array (serial or parallel kernel)."""
    if not work.flags.c_contiguous:  # a reshape of a non-contiguous array would be a copy
        raise ValueError("internal error: FWHT work array must be C-contiguous")
    if (
        work.shape[0] >= 2
        and work.size >= _kernels.PARALLEL_MIN_SIZE
        and numba.get_num_threads() > 1
    ):
        _kernels.fwht_rows_parallel(work)
    else:
        _kernels.fwht_rows(work)


def walsh_hadamard(f) -> np.ndarray:
    r"""Walsh--Hadamard spectrum :math:`W_f(a) = \sum_x (-1)^{f(x) + a\cdot x}`.

    Parameters
    ----------
    f : array_like of {0, 1}
        Truth table of length :math:`2^n` (index :math:`\sum_k x_k 2^{k-1}`, :math:`x_1` = LSB),
        boolean or integer; or a 2-D array (B, :math:`2^n`), one function per row.

    Returns
    -------
    ndarray of int64
        :math:`W_f`, same shape as ``f``.

    Raises
    ------
    ValueError
        If the length is not a power of two :math:`\geq 2`, an entry is not 0/1, or
        ``f.ndim > 2``.

    Notes
    -----
    The unnormalised Sylvester FWHT of :math:`1 - 2\,\mathrm{tt}` (:math:`n` butterfly
    stages); Parseval :math:`\sum_a W_f(a)^2 = 2^{2n}`. For :math:`3 \leq n \leq 30` a
    dedicated numba kernel reads the truth table 8 bytes at a time, fuses the conversion to
    :math:`\pm 1` and the validation into the first three stages, accumulates in int32 (exact,
    :math:`|W_f| \leq 2^n`) in cache-blocked radix-8 passes and writes the int64 result in its
    last pass; bool or uint8 input avoids any conversion copy. Rows of a batch with at least
    :math:`2^{20}` entries in total run in parallel (as :func:`fwht`), and so does a single
    transform of :math:`2^{20}` entries or more (its cache blocks, then its outer stages).

    Examples
    --------
    >>> walsh_hadamard([0, 0, 0, 1])
    array([ 2,  2,  2, -2])
    """
    arr = np.asarray(f)
    if arr.dtype == np.bool_ or arr.dtype == np.uint8:  # no validation copy: checked in-kernel
        if arr.ndim == 0 or arr.ndim > 2:
            return walsh_hadamard(arr.astype(np.int64))  # raises the ndim error
        n = _log2_length("f", arr.shape[-1])
        tt = arr
    else:
        tt = _truth_table("f", arr, max_ndim=2)
        n = _log2_length("f", tt.shape[-1])
    if n < 3 or n > _MAX_INT32_WHT_VARIABLES:
        return fwht(1 - 2 * tt.astype(np.int64), axis=-1)
    rows = np.ascontiguousarray(tt.reshape(-1, tt.shape[-1])).view(np.uint8)
    words = rows.view(np.uint64)
    if not words.flags.aligned:  # pragma: no cover - numpy allocations are 16-byte aligned
        words = rows.copy().view(np.uint64)
    out = np.empty(rows.shape, dtype=np.int64)
    acc = np.zeros(rows.shape[0], dtype=np.uint64)
    parallel = rows.size >= _kernels.PARALLEL_MIN_SIZE and numba.get_num_threads() > 1
    if parallel and rows.shape[0] >= 2:
        work = np.empty(rows.shape, dtype=np.int32)
        _kernels.wht_truth_table_rows_parallel(words, _kernels.WHT8_TABLE, work, out, acc)
    elif parallel:  # one large transform: its L2 blocks, then its column chunks, on all threads
        work = np.empty(rows.shape[1], dtype=np.int32)
        acc[0] = _kernels.wht_truth_table_row_parallel(words[0], _kernels.WHT8_TABLE, work,
                                                       out[0])
    else:
        work = np.empty(rows.shape[1], dtype=np.int32)
        _kernels.wht_truth_table_rows(words, _kernels.WHT8_TABLE, work, out, acc)
    if np.any(np.bitwise_or.reduce(acc) & _NON_BINARY):
        _truth_table("f", tt, max_ndim=2)  # raises, naming the first entry outside {0, 1}
    return out.reshape(tt.shape)


def is_bent(f):
    r"""Whether a Boolean function is bent (:math:`|W_f| = 2^{n/2}` everywhere; n even).

    Parameters
    ----------
    f : array_like of {0, 1}
        Truth table (length :math:`2^n`) or a 2-D batch (one function per row).

    Returns
    -------
    bool or ndarray of bool
        ``False`` for odd :math:`n` (bent functions exist only for even :math:`n`).

    Examples
    --------
    >>> is_bent([0, 0, 0, 1])  # x1 x2
    True
    >>> is_bent([0, 0, 0, 1, 0, 0, 0, 1])  # odd n
    False
    """
    w = walsh_hadamard(f)
    n = _log2_length("f", w.shape[-1])
    if n % 2:
        out = np.zeros(w.shape[:-1], dtype=bool)
    else:
        out = np.all(np.abs(w) == (1 << (n // 2)), axis=-1)
    return bool(out) if out.ndim == 0 else out


def is_near_bent(f):
    r"""Whether a Boolean function is near-bent (:math:`W_f \in \{0, \pm 2^{(n+1)/2}\}`; n odd).

    Parameters
    ----------
    f : array_like of {0, 1}
        Truth table (length :math:`2^n`) or a 2-D batch (one function per row).

    Returns
    -------
    bool or ndarray of bool
        ``False`` for even :math:`n`.

    Examples
    --------
    >>> is_near_bent([0, 0, 0, 1, 0, 0, 0, 1])  # x1 x2 on F_2^3
    True
    >>> is_near_bent([0, 0, 0, 1])
    False
    """
    w = walsh_hadamard(f)
    n = _log2_length("f", w.shape[-1])
    if n % 2 == 0:
        out = np.zeros(w.shape[:-1], dtype=bool)
    else:
        aw = np.abs(w)
        out = np.all((aw == 0) | (aw == (1 << ((n + 1) // 2))), axis=-1)
    return bool(out) if out.ndim == 0 else out


def bent_dual(f) -> np.ndarray:
    r"""Dual :math:`f^*` of a bent function, :math:`W_f(a) = 2^{n/2}(-1)^{f^*(a)}`.

    Parameters
    ----------
    f : array_like of {0, 1}
        Truth table of a bent function (length :math:`2^n`, n even).

    Returns
    -------
    ndarray of uint8
        Truth table of :math:`f^*`.

    Raises
    ------
    ValueError
        If ``f`` is not bent.

    Examples
    --------
    >>> bent_dual([0, 0, 0, 1])  # x1 x2 is self-dual
    array([0, 0, 0, 1], dtype=uint8)
    """
    w = walsh_hadamard(f)
    if w.ndim != 1 or not is_bent(f):
        raise ValueError("f must be a single bent function (1-D truth table, n even)")
    return (w < 0).astype(np.uint8)


def maiorana_mcfarland(perm, g=None) -> np.ndarray:
    r"""Maiorana--McFarland bent function :math:`f(x, y) = x \cdot \pi(y) + g(y)` (2k variables).

    Parameters
    ----------
    perm : array_like of int
        Permutation :math:`\pi` of :math:`0, \dots, 2^k - 1` (vectors of :math:`\mathbb F_2^k`
        as integers, LSB first), :math:`k \geq 1`.
    g : array_like of {0, 1}, optional
        Truth table of :math:`g` on :math:`\mathbb F_2^k` (length :math:`2^k`); default the
        zero function.

    Returns
    -------
    ndarray of uint8
        Truth table of length :math:`2^{2k}`, index :math:`i = x + 2^k y`.

    Raises
    ------
    ValueError
        If ``perm`` is not a permutation of ``0..2^k-1`` or ``g`` has the wrong length or
        non-0/1 entries.

    Notes
    -----
    Every such function is bent [3]_: :math:`W_f(a, b) = 2^k (-1)^{g(\pi^{-1}(a)) + b\cdot
    \pi^{-1}(a)}`.

    References
    ----------
    .. [3] R. L. McFarland, "A family of difference sets in non-cyclic groups", J. Combin. Theory
       Ser. A 15(1):1--10, 1973, doi:10.1016/0097-3165(73)90031-9.

    Examples
    --------
    >>> maiorana_mcfarland([0, 1])  # x y on F_2^2
    array([0, 0, 0, 1], dtype=uint8)
    """
    p = np.asarray(perm)
    if p.ndim != 1 or not (np.issubdtype(p.dtype, np.integer)):
        raise ValueError(f"perm must be a 1-D integer permutation, got {p!r}")
    k = _log2_length("perm", p.size)
    if not np.array_equal(np.sort(p), np.arange(p.size)):
        raise ValueError(f"perm must be a permutation of 0..{p.size - 1}, got {p.tolist()}")
    if g is None:
        gt = np.zeros(p.size, dtype=np.uint8)
    else:
        gt = _truth_table("g", g)
        if gt.size != p.size:
            raise ValueError(f"g must have length 2**k = {p.size} (like perm), got {gt.size}")
    x = np.arange(1 << k, dtype=np.int64)
    # row y, column x -> flat index x + 2^k y
    dots = np.bitwise_count(x[None, :] & p.astype(np.int64)[:, None]) & 1
    return (dots.astype(np.uint8) ^ gt[:, None]).ravel()


def direct_sum(f, g) -> np.ndarray:
    r"""Direct sum :math:`h(x, y) = f(x) + g(y)` (bent iff both are bent; Rothaus 1976).

    Parameters
    ----------
    f : array_like of {0, 1}
        Truth table on :math:`\mathbb F_2^r` (length :math:`2^r`).
    g : array_like of {0, 1}
        Truth table on :math:`\mathbb F_2^s` (length :math:`2^s`).

    Returns
    -------
    ndarray of uint8
        Truth table of length :math:`2^{r+s}`, index :math:`i = i_x + 2^r i_y`.

    Examples
    --------
    >>> direct_sum([0, 0, 0, 1], [0, 0, 0, 1])  # x1 x2 + x3 x4
    array([0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0], dtype=uint8)
    """
    ft = _truth_table("f", f)
    gt = _truth_table("g", g)
    return (ft[None, :] ^ gt[:, None]).ravel()


def indirect_sum(f1, f2, g1, g2) -> np.ndarray:
    r"""Carlet's indirect sum :math:`f_1(x) + g_1(y) + (f_1 + f_2)(x)(g_1 + g_2)(y)`.

    Bent when :math:`f_1, f_2` are bent on :math:`\mathbb F_2^r` and :math:`g_1, g_2` bent on
    :math:`\mathbb F_2^s` (Carlet 2004).

    Parameters
    ----------
    f1, f2 : array_like of {0, 1}
        Truth tables of equal length :math:`2^r`.
    g1, g2 : array_like of {0, 1}
        Truth tables of equal length :math:`2^s`.

    Returns
    -------
    ndarray of uint8
        Truth table of length :math:`2^{r+s}`, index :math:`i = i_x + 2^r i_y`.

    Raises
    ------
    ValueError
        If ``f1``/``f2`` or ``g1``/``g2`` differ in length.

    Examples
    --------
    >>> xy = [0, 0, 0, 1]
    >>> bool(is_bent(indirect_sum(xy, [1, 1, 1, 0], xy, [0, 1, 1, 1])))
    True
    """
    a1, a2 = _truth_table("f1", f1), _truth_table("f2", f2)
    b1, b2 = _truth_table("g1", g1), _truth_table("g2", g2)
    if a1.size != a2.size:
        raise ValueError(f"f1 and f2 must have equal lengths, got {a1.size} and {a2.size}")
    if b1.size != b2.size:
        raise ValueError(f"g1 and g2 must have equal lengths, got {b1.size} and {b2.size}")
    out = a1[None, :] ^ b1[:, None] ^ ((a1 ^ a2)[None, :] & (b1 ^ b2)[:, None])
    return out.ravel()


def gf2_rank(rows) -> int:
    r"""Rank over :math:`\mathbb F_2` of a binary matrix.

    Parameters
    ----------
    rows : array_like of {0, 1} or sequence of int
        A 2-D 0/1 matrix, or a sequence of Python integers (row bitmasks, any width).

    Returns
    -------
    int
        The rank (Gaussian elimination on bitmask rows, :math:`O(n^3)` bit operations).

    Examples
    --------
    >>> gf2_rank([[0, 1], [1, 0]])
    2
    >>> gf2_rank([0b11, 0b11])
    1
    """
    if isinstance(rows, list | tuple) and all(isinstance(r, int) for r in rows):
        masks = [int(r) for r in rows]
    else:
        m = np.asarray(rows)
        if m.ndim != 2:
            raise ValueError(f"rows must be a 2-D 0/1 matrix, got ndim={m.ndim}")
        weights = [1 << j for j in range(m.shape[1])]
        masks = [sum(w for w, b in zip(weights, row) if b & 1) for row in m.astype(np.int64)]
    return _rank_masks(masks)


def _rank_masks(masks: list[int]) -> int:
    """GF(2) rank of a list of row bitmasks (XOR basis keyed by leading bit)."""
    basis: dict[int, int] = {}
    for r in masks:
        while r:
            lead = r.bit_length() - 1
            if lead in basis:
                r ^= basis[lead]
            else:
                basis[lead] = r
                break
    return len(basis)


