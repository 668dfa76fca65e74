r"""Numerical building blocks shared by the optimizers of every module.

* :func:`project_psd` — nearest positive-semidefinite matrix (semidefinite relaxations);
* :func:`golden_section_max` — vectorised bracketed maximisation of a unimodal 1-D function;
* :class:`ProblemCache` — a bounded, thread-safe cache of compiled (DPP) problems;
* :func:`precise_scs` — SCS with tight tolerances, the usual fall-back of a solver chain.

These are the pieces that semidefinite-relaxation (SDR) and successive-convex-approximation
(SCA) algorithms need again and again; they live here once so that every module uses the same
code.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np

from .._validation import check_finite, check_in_range, check_integer, check_real_scalar
from ._checks import check_callable

__all__ = ["ProblemCache", "golden_section_max", "precise_scs", "project_psd"]

#: Upper bound on iteration counts of :func:`golden_section_max` (each halves the bracket by
#: 0.618; 2000 iterations shrink any float64 bracket to nothing many times over).
MAX_GOLDEN_ITER = 2000


def project_psd(X: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Project a (batch of) square matrices onto the positive-semidefinite cone.

    The Hermitian part :math:`H = (X + X^H)/2` is diagonalised, :math:`H = U \Lambda U^H`, and
    negative eigenvalues are set to zero; :math:`U \max(\Lambda, 0) U^H` is the nearest PSD
    matrix to :math:`H` in the Frobenius norm (Higham, "Computing a nearest symmetric positive
    semidefinite matrix", Linear Algebra Appl. 103, 1988, doi:10.1016/0024-3795(88)90223-6).

    Solvers return semidefinite variables that are PSD only to their tolerance (first-order
    solvers near a feasibility boundary return eigenvalues of about :math:`-10^{-5}` relative);
    project before extracting eigenvectors or drawing Gaussian randomisations.

    Parameters
    ----------
    X : array_like, shape (..., n, n)
        Real or complex square matrices (batch axes first).

    Returns
    -------
    X_psd : ndarray, shape (..., n, n)
        The projection.
    eigenvalues : ndarray, shape (..., n)
        Its eigenvalues (clipped at zero), ascending.
    eigenvectors : ndarray, shape (..., n, n)
        The corresponding orthonormal eigenvectors (columns).

    Raises
    ------
    ValueError
        If ``X`` is not a (batch of) square matrices or holds NaN/inf.

    Examples
    --------
    >>> X = np.array([[1.0, 2.0], [2.0, 1.0]])      # eigenvalues -1 and 3
    >>> P, lam, _ = project_psd(X)
    >>> lam
    array([0., 3.])
    >>> P
    array([[1.5, 1.5],
           [1.5, 1.5]])
    """
    X = np.asarray(X)
    if X.ndim < 2 or X.shape[-1] != X.shape[-2]:
        raise ValueError(f"X must be a square matrix or a batch of them, got shape {X.shape}")
    if X.dtype.kind not in "biufc":
        raise TypeError(f"X must be numeric, got dtype {X.dtype}")
    check_finite(X=X)
    H = 0.5 * (X + np.conj(np.swapaxes(X, -1, -2)))
    lam, U = np.linalg.eigh(H)
    lam = np.clip(lam, 0.0, None)
    return (U * lam[..., None, :]) @ np.conj(np.swapaxes(U, -1, -2)), lam, U


def golden_section_max(
    f: Callable[[Any], Any],
    lo: Any,
    hi: Any,
    *,
    n_grid: int = 0,
    max_iter: int = 48,
    xtol: float = 0.0,
    return_value: bool = False,
):
    r"""Maximise a unimodal function on an interval by golden-section search (vectorised).

    Each entry of ``lo``/``hi`` is an independent 1-D problem; ``f`` is called with an array of
    abscissae of the broadcast shape of ``lo`` and ``hi`` and must return the objective values
    elementwise (NaN counts as :math:`-\infty`). With ``n_grid`` :math:`\ge 3` the maximum is
    first bracketed on a uniform grid of ``n_grid`` points and the golden search refines the
    two grid cells around the best grid point (robust to functions that are unimodal only near
    their maximum); otherwise the search starts on the whole interval.

    Golden-section search keeps a bracket :math:`[a, b]` with two interior points
    :math:`c = b - r(b - a)`, :math:`d = a + r(b - a)`, :math:`r = (\sqrt5 - 1)/2`, and drops the
    part beyond the worse of the two; each iteration costs one evaluation and shrinks the
    bracket by :math:`r \approx 0.618` (Kiefer, "Sequential minimax search for a maximum",
    Proc. AMS 4(3), 1953, doi:10.1090/S0002-9939-1953-0055639-3). Unlike
    :func:`scipy.optimize.minimize_scalar`, it runs many independent problems at once with one
    vectorised call of ``f`` per iteration, which is what closed-form EE models need.

    Parameters
    ----------
    f : callable
        ``f(x) -> values``, elementwise over an array ``x`` of the broadcast shape.
    lo, hi : array_like
        Interval ends, ``lo <= hi`` elementwise (finite).
    n_grid : int, optional
        Points of the bracketing grid (0 = none; otherwise 3 … 100 000). Default 0.
    max_iter : int, optional
        Maximum number of golden-section iterations (0 … 2000). Default 48 (a relative
        bracket of :math:`0.618^{48} \approx 10^{-10}`).
    xtol : float, optional
        Stop as soon as every bracket is at most ``xtol`` wide [units of x]. Default 0 (run
        ``max_iter`` iterations).
    return_value : bool, optional
        Also return the objective at the maximiser.

    Returns
    -------
    x : ndarray or float
        The maximiser(s) (the best grid point where it beats the refined point).
    value : ndarray or float
        ``f`` at ``x`` (only with ``return_value=True``).

    Raises
    ------
    ValueError
        If ``lo``/``hi`` are not finite or ``lo > hi``, or a count is out of range.

    Examples
    --------
    >>> float(golden_section_max(lambda x: -(x - 2.0) ** 2, 0.0, 5.0, max_iter=80)).__round__(8)
    2.0
    >>> golden_section_max(lambda x: np.sin(x), [0.0, 2.0], [3.0, 4.0], n_grid=11).round(6)
    array([1.570796, 2.      ])
    """
    n_grid = check_integer("n_grid", n_grid, low=0, high=100_000)
    if 0 < n_grid < 3:
        raise ValueError(f"n_grid must be 0 or in [3, 100000], got {n_grid}")
    max_iter = check_integer("max_iter", max_iter, low=0, high=MAX_GOLDEN_ITER)
    check_callable("f", f)
    check_real_scalar("xtol", xtol, 0.0, None)
    lo, hi = np.broadcast_arrays(np.asarray(check_in_range("lo", lo), dtype=float),
                                 np.asarray(check_in_range("hi", hi), dtype=float))
    check_finite(lo=lo, hi=hi)
    if np.any(lo > hi):
        raise ValueError("lo must not exceed hi")

    if lo.ndim == 0 and not n_grid:
        x, v = _golden_scalar(f, np.float64(lo), np.float64(hi), max_iter, float(xtol))
        return (np.float64(x), np.float64(v)) if return_value else np.float64(x)

    def fx(x):
        return np.nan_to_num(np.asarray(f(x), dtype=float), nan=-np.inf)

    r = (np.sqrt(5.0) - 1.0) / 2.0
    if n_grid:
        t = np.linspace(0.0, 1.0, n_grid)
        xs = lo[..., None] + (hi - lo)[..., None] * t
        vals = np.stack([fx(xs[..., i]) for i in range(n_grid)], axis=-1)
        i = np.argmax(vals, axis=-1)
        step = (hi - lo) / (n_grid - 1)
        x0 = np.take_along_axis(xs, i[..., None], axis=-1)[..., 0]
        v0 = np.take_along_axis(vals, i[..., None], axis=-1)[..., 0]
        a = np.maximum(lo, x0 - step)
        b = np.minimum(hi, x0 + step)
    else:
        a, b = lo, hi
    c = b - r * (b - a)
    d = a + r * (b - a)
    fc = fx(c)
    fd = fx(d)
    for _ in range(max_iter):
        if xtol and np.all(b - a <= xtol):
            break
        left = fc >= fd  # the maximum lies in [a, d]
        b = np.where(left, d, b)
        a = np.where(left, a, c)
        new_c = b - r * (b - a)
        new_d = a + r * (b - a)
        c_next = np.where(left, new_c, d)
        d_next = np.where(left, c, new_d)
        f_new = fx(np.where(left, new_c, new_d))
        fc, fd = np.where(left, f_new, fd), np.where(left, fc, f_new)
        c, d = c_next, d_next
    x = np.where(fc >= fd, c, d)
    v = np.maximum(fc, fd)
    if n_grid:
        better = v0 > v
        x = np.where(better, x0, x)
        v = np.where(better, v0, v)
    x, v = x[()], v[()]
    return (x, v) if return_value else x


_BIG = float(np.finfo(float).max)


def _clean(v) -> float:
    """``np.nan_to_num(v, nan=-inf)`` for one value, in pure Python."""
    v = float(v)
    if v != v:
        return -math.inf
    if v == math.inf:
        return _BIG
    if v == -math.inf:
        return -_BIG
    return v


def _golden_scalar(f, a, b, max_iter, xtol):
    """The loop of :func:`golden_section_max` for one problem, on NumPy float64 scalars.

    The same operations in the same order as the vectorised loop, so results are bit-identical;
    it only avoids the per-iteration overhead of 0-d arrays when ``f`` is cheap and the search
    is called many times. ``f`` receives ``numpy.float64`` values (overflow gives inf, as with
    arrays, not Python's ``OverflowError``).
    """
    r = np.float64((math.sqrt(5.0) - 1.0) / 2.0)
    c = b - r * (b - a)
    d = a + r * (b - a)
    fc = _clean(f(c))
    fd = _clean(f(d))
    for _ in range(max_iter):
        if xtol and b - a <= xtol:
            break
        if fc >= fd:  # the maximum lies in [a, d]
            b, d, fd = d, c, fc
            c = b - r * (b - a)
            fc = _clean(f(c))
        else:
            a, c, fc = c, d, fd
            d = a + r * (b - a)
            fd = _clean(f(d))
    return (c, fc) if fc >= fd else (d, fd)


class ProblemCache:
    """A bounded, thread-safe cache of compiled optimization problems.

    Building and compiling a cvxpy problem (even a DPP one) costs milliseconds to seconds;
    algorithms that solve the same problem *structure* many times (one per channel draw, per
    Dinkelbach or SCA iteration) build it once per key, e.g. ``(n_antennas, solver)``, and then
    only assign parameters. The least recently used entry is dropped beyond ``maxsize``.
    Results do not depend on the cache: a rebuilt problem is the same problem.

    Parameters
    ----------
    maxsize : int, optional
        Number of problems kept (1 … 10 000). Default 64.

    Examples
    --------
    >>> cache = ProblemCache(maxsize=2)
    >>> cache.get(("sdp", 4), lambda: "built")
    'built'
    >>> cache.get(("sdp", 4), lambda: "not rebuilt")
    'built'
    >>> len(cache)
    1
    """

    def __init__(self, maxsize: int = 64):
        self.maxsize = check_integer("maxsize", maxsize, low=1, high=10_000)
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The problem stored under ``key``, built by ``build()`` on first use."""
        with self._lock:
            try:
                self._items.move_to_end(key)
                return self._items[key]
            except KeyError:
                pass
            value = build()
            self._items[key] = value
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
            return value

    def clear(self) -> None:
        """Drop every cached problem."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)

    def __getstate__(self) -> dict[str, Any]:  # compiled problems stay in their process
        return {"maxsize": self.maxsize}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["maxsize"])


def precise_scs(eps: float = 1e-9, max_iters: int = 50_000) -> tuple[str, dict[str, Any]]:
    """SCS with tight tolerances, as an entry of a solver chain.

    SCS (O'Donoghue et al., J. Optim. Theory Appl. 169, 2016, doi:10.1007/s10957-016-0892-3)
    is a first-order solver: robust where interior-point solvers fail on badly scaled cones, but
    at its default tolerance (1e-4) answers differ visibly from Clarabel's. As the fall-back of a
    chain such as ``("CLARABEL", precise_scs())``, tight tolerances keep results independent of
    which solver answered.

    Parameters
    ----------
    eps : float, optional
        Absolute and relative tolerance (``eps_abs = eps_rel``), in (0, 1). Default 1e-9.
    max_iters : int, optional
        Iteration cap (1 … 10 000 000). Default 50 000.

    Returns
    -------
    (str, dict)
        ``("SCS", {"eps_abs": eps, "eps_rel": eps, "max_iters": max_iters})``.

    Examples
    --------
    >>> precise_scs(1e-7)
    ('SCS', {'eps_abs': 1e-07, 'eps_rel': 1e-07, 'max_iters': 50000})
    """
    eps = check_real_scalar("eps", eps, 0.0, 1.0, low_open=True, high_open=True)
    max_iters = check_integer("max_iters", max_iters, low=1, high=10_000_000)
    return ("SCS", {"eps_abs": float(eps), "eps_rel": float(eps), "max_iters": max_iters})
