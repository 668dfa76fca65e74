r"""Activity detection for grant-free NOMA: OMP, AMP, Monte-Carlo error rates and guarantees.

Model: :math:`y = \sum_{k \in \mathcal A} h_k a_k + w`, :math:`\mathcal A` a uniform
random :math:`K_a`-subset of the :math:`K` codewords (columns of the (N, K) codebook),
:math:`w \sim \mathcal{CN}(0, \sigma^2 I)` with :math:`\sigma^2 = 10^{-\mathrm{SNR_{dB}}/10}`;
``fading="phase"``: :math:`h_k = e^{j\varphi_k}`, :math:`\varphi \sim U[0, 2\pi)` (perfect power
control); ``fading="rayleigh"``: :math:`h_k \sim \mathcal{CN}(0, 1)`. The SNR is the per-user
received energy per spread symbol over the noise PSD (:math:`E_s/N_0` after despreading; the
codewords have unit norm).

The detectors accept a dense (N, K) array (real or complex) or a matrix-free operator such as
:class:`~wirelesseff.noma.GolayOperator` (anything with ``rmatvec`` and ``column``/``columns``;
AMP also needs ``matvec``).

References
----------
.. [1] J. A. Tropp, "Greed is good: algorithmic results for sparse approximation", IEEE Trans.
   Inf. Theory 50(10):2231--2242, 2004, doi:10.1109/TIT.2004.834793.
.. [2] Z. Ben-Haim, Y. C. Eldar, M. Elad, "Coherence-based performance guarantees for estimating
   a sparse vector under random noise", IEEE Trans. Signal Process. 58(10):5030--5043, 2010,
   doi:10.1109/TSP.2010.2052460.
.. [3] D. L. Donoho, A. Maleki, A. Montanari, "Message-passing algorithms for compressed
   sensing", PNAS 106(45):18914--18919, 2009, doi:10.1073/pnas.0909892106.
.. [4] A. Maleki, L. Anitori, Z. Yang, R. G. Baraniuk, "Asymptotic analysis of complex LASSO
   via complex approximate message passing (CAMP)", IEEE Trans. Inf. Theory 59(7):4290--4308,
   2013, doi:10.1109/TIT.2013.2252232.
.. [5] N. Y. Yu, "Binary Golay spreading sequences and Reed-Muller codes for uplink grant-free
   NOMA", IEEE Trans. Commun. 69(1):276--290, 2021, doi:10.1109/TCOMM.2020.3031613,
   arXiv:2004.01446.
.. [6] E. B. Wilson, "Probable inference, the law of succession, and statistical inference",
   J. Amer. Statist. Assoc. 22(158):209--212, 1927, doi:10.1080/01621459.1927.10502953.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg
import scipy.stats
import xarray as xr

from .._validation import as_generator, check_choice, check_in_range, check_integer
from . import _kernels
from ._checks import real_array, real_scalar

__all__ = [
    "activity_detection_mc",
    "activity_error_curve",
    "amp",
    "omp",
    "omp_batch",
    "omp_max_sparsity",
    "omp_penalty_db",
    "wilson_interval",
]


# ---------------------------------------------------------------------------------------------
# operator adapters
# ---------------------------------------------------------------------------------------------
class _Dense:
    """Adapter giving a dense (N, K) codebook the operator interface (no complex copy of A)."""

    def __init__(self, a: np.ndarray):
        self.a = a
        self.N, self.K = a.shape
        self.real = not np.iscomplexobj(a)
        # complex A: one contiguous copy of A^H (a GEMM on conj().T views is ~3x slower)
        self.ah = None if self.real else np.ascontiguousarray(a.conj().T)

    def rmatvec(self, r: np.ndarray) -> np.ndarray:
        """A^H r for r (N,) or (N, B) complex; real A: A^T [Re r, Im r] (one GEMM)."""
        vec = r.ndim == 1
        rr = r[:, None] if vec else r
        if self.real:
            b = rr.shape[1]
            out = self.a.T @ np.concatenate([rr.real, rr.imag], axis=1)
            c = out[:, :b] + 1j * out[:, b:]
        else:
            c = self.ah @ rr
        return c[:, 0] if vec else c

    def matvec(self, x: np.ndarray) -> np.ndarray:
        vec = x.ndim == 1
        xx = x[:, None] if vec else x
        if self.real and np.iscomplexobj(xx):
            b = xx.shape[1]
            out = self.a @ np.concatenate([xx.real, xx.imag], axis=1)
            s = out[:, :b] + 1j * out[:, b:]
        else:
            s = self.a @ xx
        return s[:, 0] if vec else s

    def columns(self, idx: np.ndarray) -> np.ndarray:
        return self.a[:, idx]


class _Generic:
    """Adapter for user operators that only provide ``rmatvec``/``column`` (and ``matvec``)."""

    def __init__(self, op):
        self.op = op
        self.N, self.K = (int(s) for s in op.shape)

    def rmatvec(self, r: np.ndarray) -> np.ndarray:
        if r.ndim == 1:
            return np.asarray(self.op.rmatvec(r))
        try:
            out = np.asarray(self.op.rmatvec(r))
            if out.shape == (self.K, r.shape[1]):
                return out
        except (ValueError, TypeError):
            pass
        return np.stack([np.asarray(self.op.rmatvec(r[:, t])) for t in range(r.shape[1])], 1)

    def matvec(self, x: np.ndarray) -> np.ndarray:
        if not hasattr(self.op, "matvec"):
            raise ValueError("A must provide matvec for this detector")
        if x.ndim == 1:
            return np.asarray(self.op.matvec(x))
        try:
            out = np.asarray(self.op.matvec(x))
            if out.shape == (self.N, x.shape[1]):
                return out
        except (ValueError, TypeError):
            pass
        return np.stack([np.asarray(self.op.matvec(x[:, t])) for t in range(x.shape[1])], 1)

    def columns(self, idx: np.ndarray) -> np.ndarray:
        if hasattr(self.op, "columns"):
            return np.asarray(self.op.columns(idx))
        return np.stack([np.asarray(self.op.column(int(j))) for j in np.ravel(idx)], axis=1)


def _adapt(A):
    if isinstance(A, np.ndarray | list | tuple):
        a = np.asarray(A)
        if a.dtype == object or not np.issubdtype(a.dtype, np.number):
            raise TypeError(f"A must be a numeric (N, K) codebook, got dtype {a.dtype}")
        if a.ndim != 2 or 0 in a.shape:
            raise ValueError(f"A must be an (N, K) codebook or an operator, got shape {a.shape}")
        if not (np.issubdtype(a.dtype, np.floating) or np.iscomplexobj(a)):
            a = a.astype(np.float64)
        if not np.all(np.isfinite(a)):
            raise ValueError("A must be finite (NaN or infinity found)")
        return _Dense(a)
    if hasattr(A, "rmatvec") and (hasattr(A, "column") or hasattr(A, "columns")) and hasattr(
        A, "shape"
    ):
        return _Generic(A)
    raise ValueError(
        "A must be an (N, K) ndarray or an object with shape, rmatvec and column(s), "
        f"got {type(A).__name__}"
    )


# ---------------------------------------------------------------------------------------------
# OMP
# ---------------------------------------------------------------------------------------------
_TIE_SCALE = 2.0**36
def _omp_core(op, y: np.ndarray, k: int, tol: float, step) -> tuple[np.ndarray, np.ndarray]:
    """Batched OMP on y (T, N); returns support (T, k) (-1 = stopped) and coef (T, k)."""
    n_trials, n = y.shape
    qt = np.zeros((n_trials, k, n), dtype=np.complex128)
    rt = np.zeros((n_trials, k, k), dtype=np.complex128)
    z = np.zeros((n_trials, k), dtype=np.complex128)
    res = y.copy()
    support = np.full((n_trials, k), -1, dtype=np.int64)
    done = np.zeros(n_trials, dtype=np.bool_)
    rows = np.arange(n_trials)
    for it in range(k):
        if tol > 0:
            done |= np.linalg.norm(res, axis=1) <= tol
        if done.all():
            break
        c = np.abs(op.rmatvec(res.T)).T  # (T, K)
        # ties -> lowest index, robustly: magnitudes equal to a relative 2^-36 (far above
        # rounding noise, far below any real gap) are quantised to the same integer, so the
        # choice does not depend on the summation order of the correlation (dense vs FWHT)
        cmax = c.max(axis=1, keepdims=True)
        c = np.rint(c * np.where(cmax > 0, _TIE_SCALE / np.where(cmax > 0, cmax, 1.0), 0.0))
        if it:
            c[rows[:, None], support[:, :it].clip(0)] = -1.0
        j = np.argmax(c, axis=1)
        v = np.ascontiguousarray(op.columns(j).T, dtype=np.complex128)
        before = done.copy()
        step(qt, rt, z, v, y, res, it, done)
        support[~done, it] = j[~done]
        newly = done & ~before
        support[newly, it] = -1
    coef = np.zeros((n_trials, k), dtype=np.complex128)
    for t in range(n_trials):
        s = int(np.count_nonzero(support[t] >= 0))
        if s:
            r = rt[t, :s, :s].T  # upper triangular R
            coef[t, :s] = scipy.linalg.solve_triangular(r, z[t, :s])
    return support, coef


def _check_y(y, n: int, name: str = "y") -> np.ndarray:
    arr = np.asarray(y)
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    if arr.ndim not in (1, 2) or arr.shape[0] != n:
        raise ValueError(f"{name} must have shape (N,) or (N, T) with N={n}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite")
    return arr.astype(np.complex128)


def omp(A, y, k: int, *, tol=None) -> tuple[np.ndarray, np.ndarray]:
    r"""Orthogonal matching pursuit with an incremental QR factorisation.

    Parameters
    ----------
    A : ndarray or operator
        (N, K) codebook (real or complex, unit-norm columns), or any object with ``shape``,
        ``rmatvec`` (:math:`A^H r`) and ``column``/``columns`` (e.g.
        :class:`~wirelesseff.noma.GolayOperator`).
    y : array_like
        Measurement, shape (N,), complex.
    k : int
        Number of iterations (sparsity), :math:`1 \leq k \leq \min(N, K)`.
    tol : float, optional
        Stop early when :math:`\|r\| \leq` ``tol`` (default None: run ``k`` iterations).

    Returns
    -------
    support : ndarray of int64
        Selected column indices in selection order (fewer than ``k`` if stopped early).
    coef : ndarray of complex128
        Least-squares coefficients :math:`x_S = A_S^+ y` on ``support``.

    Notes
    -----
    Tropp (2004) [1]_: :math:`r = y`, :math:`S = \emptyset`; repeat: :math:`c = A^H r`,
    :math:`j = \arg\max_{j \notin S} |c_j|` (ties to the lowest index; magnitudes within a
    relative :math:`2^{-36}` count as tied, so dense and fast paths choose alike), append
    :math:`a_j` to the QR factorisation (modified Gram--Schmidt with one
    re-orthogonalisation, numba kernel),
    :math:`r = y - A_S x_S = y - Q Q^H y`. With a dense real :math:`A` the correlation is
    :math:`A^T[\mathrm{Re}\,r, \mathrm{Im}\,r]` (no complex copy of :math:`A`). Noiseless OMP
    recovers every :math:`K_a`-sparse support when :math:`\mu < 1/(2K_a - 1)`
    (:func:`omp_max_sparsity`).

    Examples
    --------
    >>> from wirelesseff.noma import golay_codebook
    >>> A = golay_codebook(1)
    >>> y = A[:, 3] + 1j * A[:, 40]
    >>> sorted(omp(A, y, 2)[0].tolist())
    [3, 40]
    """
    op = _adapt(A)
    arr = np.asarray(y)
    if arr.ndim != 1:
        raise ValueError(f"y must be 1-D (N,), got shape {arr.shape}; use omp_batch for (N, T)")
    yy = _check_y(arr, op.N)
    k = check_integer("k", k, low=1, high=min(op.N, op.K))
    t = 0.0 if tol is None else real_scalar("tol", tol, 0.0)
    support, coef = _omp_core(op, yy[None, :], k, t, _kernels.omp_step)
    s = int(np.count_nonzero(support[0] >= 0))
    return support[0, :s], coef[0, :s]


def omp_batch(A, Y, k: int) -> tuple[np.ndarray, np.ndarray]:
    r"""OMP on many measurements at once (same arithmetic as :func:`omp`, one GEMM per iteration).

    Parameters
    ----------
    A : ndarray or operator
        As in :func:`omp`.
    Y : array_like
        (N, T) measurements, one per column.
    k : int
        Iterations, :math:`1 \leq k \leq \min(N, K)`.

    Returns
    -------
    support : ndarray of int64
        (T, k), selection order; ``-1`` after a trial stopped on a numerically dependent column.
    coef : ndarray of complex128
        (T, k) least-squares coefficients (0 where ``support`` is ``-1``).

    Examples
    --------
    >>> from wirelesseff.noma import golay_operator
    >>> op = golay_operator(1)
    >>> Y = np.stack([op.column(5) - op.column(70), op.column(0) + 2 * op.column(95)], axis=1)
    >>> np.sort(omp_batch(op, Y, 2)[0], axis=1).tolist()
    [[5, 70], [0, 95]]
    """
    op = _adapt(A)
    arr = np.asarray(Y)
    if arr.ndim != 2:
        raise ValueError(f"Y must be 2-D (N, T), got shape {arr.shape}")
    yy = _check_y(arr, op.N, "Y")
    k = check_integer("k", k, low=1, high=min(op.N, op.K))
    return _omp_core(op, np.ascontiguousarray(yy.T), k, 0.0, _kernels.omp_step)


# ---------------------------------------------------------------------------------------------
# AMP
# ---------------------------------------------------------------------------------------------
def _amp_core(op, y: np.ndarray, n_iter: int, alpha: float, damping: float, tol: float,
              real_onsager: bool):
    """Batched complex AMP on y (N, T); returns x (K, T)."""
    n = op.N
    n_trials = y.shape[1]
    x = np.zeros((op.K, n_trials), dtype=np.complex128)
    r = y.copy()
    done = np.zeros(n_trials, dtype=bool)
    for _ in range(n_iter):
        u = x + op.rmatvec(r)
        theta = alpha * np.linalg.norm(r, axis=0) / np.sqrt(n)
        mag = np.abs(u)
        active = mag > theta
        safe = np.where(active, mag, 1.0)
        ratio = np.where(active, theta / safe, 1.0)  # theta/|u| on the active set
        eta = u * np.maximum(1.0 - ratio, 0.0)
        x_new = (1.0 - damping) * eta + damping * x
        if real_onsager:
            # 2x2 Jacobian of eta in (Re, Im): (1 - theta/|u|) I + theta u u^T / |u|^3
            base = np.where(active, 1.0 - ratio, 0.0).sum(axis=0) / n
            w = np.where(active, ratio / safe**2, 0.0)  # theta / |u|^3
            m11 = base + (w * u.real**2).sum(axis=0) / n
            m22 = base + (w * u.imag**2).sum(axis=0) / n
            m12 = (w * u.real * u.imag).sum(axis=0) / n
            onsager = (m11 * r.real + m12 * r.imag) + 1j * (m12 * r.real + m22 * r.imag)
        else:
            b = np.where(active, 1.0 - 0.5 * ratio, 0.0).sum(axis=0) / n
            onsager = b * r
        r_new = y - op.matvec(x_new) + onsager
        change = np.linalg.norm(x_new - x, axis=0)
        scale = np.linalg.norm(x, axis=0)
        x_new[:, done] = x[:, done]
        r_new[:, done] = r[:, done]
        done |= (change <= tol * scale) & (scale > 0)
        x, r = x_new, r_new
        if done.all():
            break
    return x


def _is_real_operator(op) -> bool:
    if isinstance(op, _Dense):
        return op.real
    dtype = getattr(op.op, "dtype", None)
    return dtype is not None and not np.issubdtype(np.dtype(dtype), np.complexfloating)


def amp(
    A,
    y,
    *,
    n_iter: int = 30,
    alpha: float = 1.5,
    damping: float = 0.0,
    tol: float = 1e-6,
    onsager: str = "auto",
):
    r"""Complex approximate message passing with soft thresholding (reconstruction).

    Parameters
    ----------
    A : ndarray or operator
        (N, K) codebook or an operator with ``matvec`` and ``rmatvec``.
    y : array_like
        Measurement (N,) or a batch (N, T).
    n_iter : int, optional
        Maximum iterations, :math:`1 \leq` ``n_iter`` :math:`\leq 10^4` (default 30, project
        default, no paper source).
    alpha : float, optional
        Threshold multiplier :math:`\alpha > 0` (default 1.5, project default).
    damping : float, optional
        Damping :math:`\beta \in [0, 1)` (default 0).
    tol : float, optional
        A trial stops when :math:`\|x^{t+1} - x^t\| \leq` ``tol`` :math:`\|x^t\|`.
    onsager : {"auto", "complex", "real"}, optional
        Onsager correction: ``"complex"`` is the scalar :math:`b_t` below (complex circular
        matrices, Maleki et al. 2013); ``"real"`` the :math:`2\times 2` (Re, Im) Jacobian form for
        real matrices; ``"auto"`` (default) picks ``"real"`` for real codebooks (dense float
        arrays, :class:`~wirelesseff.noma.GolayOperator`) and ``"complex"`` otherwise.

    Returns
    -------
    ndarray of complex128
        :math:`\hat x`, shape (K,) or (K, T). Activity decision: the :math:`K_a` largest
        :math:`|\hat x_k|`.

    Notes
    -----
    Donoho--Maleki--Montanari (2009) [3]_, complex form after Maleki et al. (2013) [4]_
    (**reconstruction**; step sizes and defaults are the project's):

    .. math::
        u = x^t + A^H r^t,\quad \theta_t = \alpha \|r^t\|/\sqrt N,\quad
        x^{t+1} = (1-\beta)\,\eta(u; \theta_t) + \beta x^t,\\
        \eta(u;\theta) = u \max(1 - \theta/|u|, 0),\quad
        r^{t+1} = y - A x^{t+1} + b_t r^t,\quad
        b_t = \frac1N \sum_{|u_k| > \theta_t} \Big(1 - \frac{\theta_t}{2|u_k|}\Big).

    State evolution assumes i.i.d. matrices; convergence on the structured Golay codebook is
    not guaranteed (use damping :math:`\beta > 0` if it oscillates).

    **Real codebooks** (Golay, bipolar, real Gaussian) with complex signals: the real and
    imaginary parts then pass through the same *real* linear system, so the correct
    correction is the multiple-measurement-vector form
    :math:`r^{t+1} = y - Ax^{t+1} + r^t M_t` in (Re, Im) coordinates, with
    :math:`M_t = \frac1N\sum_{|u_k|>\theta_t}\big[(1 - \tfrac{\theta_t}{|u_k|}) I +
    \tfrac{\theta_t}{|u_k|^3} u_k u_k^T\big]` (the Jacobian of :math:`\eta`;
    :math:`\mathrm{tr}\,M_t/2 = b_t`). This is a project extension: with the scalar
    :math:`b_t`, AMP diverges on real i.i.d. bipolar/Gaussian codebooks at high SNR
    (measured: AER 0.93 at 100 dB, :math:`K_a = 4`, N = 256, K = 1536) while the matrix form
    recovers every support.

    Examples
    --------
    >>> from wirelesseff.noma import golay_codebook
    >>> A = golay_codebook(2)
    >>> y = A[:, [7, 300, 1000]] @ np.array([1.0, 1j, -1.0])
    >>> np.sort(np.argsort(-np.abs(amp(A, y)))[:3]).tolist()
    [7, 300, 1000]
    """
    op = _adapt(A)
    arr = np.asarray(y)
    yy = _check_y(arr, op.N)
    n_iter, alpha, damping, tol, onsager = _amp_settings(
        {"n_iter": n_iter, "alpha": alpha, "damping": damping, "tol": tol, "onsager": onsager})
    real = _is_real_operator(op) if onsager == "auto" else onsager == "real"
    x = _amp_core(op, yy.reshape(op.N, -1), n_iter, alpha, damping, tol, real)
    return x[:, 0] if arr.ndim == 1 else x


#: Largest number of AMP iterations accepted.
_MAX_AMP_ITERATIONS = 10_000


def _amp_settings(opts: dict) -> tuple[int, float, float, float, str]:
    """Validated (n_iter, alpha, damping, tol, onsager) of AMP (defaults of :func:`amp`)."""
    n_iter = check_integer("n_iter", opts.get("n_iter", 30), low=1, high=_MAX_AMP_ITERATIONS)
    alpha = real_scalar("alpha", opts.get("alpha", 1.5), 0.0, None, low_open=True)
    damping = real_scalar("damping", opts.get("damping", 0.0), 0.0, 1.0, high_open=True)
    tol = real_scalar("tol", opts.get("tol", 1e-6), 0.0)
    onsager = opts.get("onsager", "auto")
    if not isinstance(onsager, str):
        raise TypeError(f"onsager must be 'auto', 'complex' or 'real', got {onsager!r}")
    check_choice("onsager", onsager, ("auto", "complex", "real"))
    return n_iter, alpha, damping, tol, onsager


# ---------------------------------------------------------------------------------------------
# guarantees and statistics
# ---------------------------------------------------------------------------------------------
def omp_max_sparsity(mu):
    r"""Largest :math:`K_a` for which noiseless OMP provably recovers every support.

    Parameters
    ----------
    mu : array_like
        Coherence :math:`\mu \in (0, 1]`.

    Returns
    -------
    ndarray or int
        :math:`\lceil (1 + 1/\mu)/2 \rceil - 1`, the largest integer with
        :math:`K_a < (1 + 1/\mu)/2`.

    Notes
    -----
    Tropp (2004) [1]_, exact recovery condition from coherence: :math:`\mu < 1/(2K_a - 1)`.
    Values within :math:`10^{-9}` of an integer are snapped before the ceiling (so
    :math:`\mu = 1/3` gives 1, not 2).

    Examples
    --------
    >>> int(omp_max_sparsity(1 / 16)), int(omp_max_sparsity(1 / 4))
    (8, 2)
    """
    m = check_in_range("mu", mu, 0.0, 1.0, low_open=True).astype(float)
    t = (1.0 + 1.0 / m) / 2.0
    near = np.abs(t - np.round(t)) <= 1e-9 * np.maximum(1.0, np.abs(t))
    t = np.where(near, np.round(t), t)
    out = (np.ceil(t) - 1).astype(np.int64)
    return out[()] if out.ndim == 0 else out


def omp_penalty_db(mu, ka):
    r"""SNR penalty [dB] of the noisy OMP guarantee, :math:`20\log_{10}(1/(1 - (2K_a - 1)\mu))`.

    Parameters
    ----------
    mu : array_like
        Coherence :math:`\mu \in (0, 1]`.
    ka : array_like
        Number of active users :math:`K_a \geq 1`.

    Returns
    -------
    ndarray or float
        :math:`\Delta_\mathrm{dB}`; ``+inf`` where :math:`1 - (2K_a - 1)\mu \leq 0`.

    Notes
    -----
    Ben-Haim, Eldar and Elad (2010) [2]_: OMP recovers the support if
    :math:`\min|x| \geq 2\varepsilon/(1 - (2K_a - 1)\mu)` with
    :math:`\varepsilon \geq \|A^H w\|_\infty`; relative to the orthogonal case
    (:math:`\mu = 0`) the required amplitude grows by :math:`1/(1 - (2K_a - 1)\mu)`
    (constants to re-check against the paper).

    Examples
    --------
    >>> bool(np.isclose(omp_penalty_db(1 / 16, 4), 20 * np.log10(16 / 9)))
    True
    """
    m = check_in_range("mu", mu, 0.0, 1.0, low_open=True).astype(float)
    k = real_array("ka", ka, 1.0, None)
    if np.any(k != np.round(k)):
        raise ValueError(f"ka must be an integer number of active users >= 1, got {ka!r}")
    den = 1.0 - (2.0 * k - 1.0) * m
    with np.errstate(divide="ignore"):
        out = np.where(den > 0, -20.0 * np.log10(np.where(den > 0, den, 1.0)), np.inf)
    return out[()]


def wilson_interval(successes, trials, confidence: float = 0.95):
    r"""Wilson score interval for a binomial proportion.

    Parameters
    ----------
    successes : array_like
        Event counts :math:`x \geq 0`.
    trials : array_like
        Numbers of trials :math:`n \geq 1` (:math:`x \leq n`).
    confidence : float, optional
        Confidence level in (0, 1) (default 0.95).

    Returns
    -------
    low, high : ndarray or float
        :math:`\frac{\hat p + z^2/2n \mp z\sqrt{\hat p(1-\hat p)/n + z^2/4n^2}}{1 + z^2/n}`,
        :math:`z = \Phi^{-1}((1+c)/2)` (Wilson 1927 [6]_).

    Examples
    --------
    >>> lo, hi = wilson_interval(0, 100)
    >>> float(lo), round(float(hi), 4)
    (0.0, 0.037)
    """
    x = real_array("successes", successes, 0.0)
    n = real_array("trials", trials, 1.0)
    confidence = real_scalar("confidence", confidence, 0.0, 1.0, low_open=True, high_open=True)
    x, n = np.broadcast_arrays(x, n)
    if np.any(x > n):
        raise ValueError("successes must be <= trials")
    z = scipy.stats.norm.ppf(0.5 + confidence / 2.0)
    p = x / n
    den = 1.0 + z**2 / n
    centre = (p + z**2 / (2 * n)) / den
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / den
    # the interval always contains p_hat (exactly 0 at x = 0 and 1 at x = n despite rounding)
    low = np.clip(np.minimum(centre - half, p), 0.0, 1.0)
    high = np.clip(np.maximum(centre + half, p), 0.0, 1.0)
    return low[()], high[()]


# ---------------------------------------------------------------------------------------------
# Monte-Carlo
# ---------------------------------------------------------------------------------------------
#: Largest number of Monte-Carlo trials per call, and the memory limit of its up-front draws.
_MAX_TRIALS = 10**7
_MAX_DRAW_BYTES = 2**31
#: SNRs beyond +-300 dB (noise scale 10^{+-15}) are refused: they would overflow the noise.
_MAX_ABS_SNR_DB = 300.0

def _seed_attr(rng) -> int | str:
    if rng is None:
        return "none"
    if isinstance(rng, np.random.Generator):
        return "generator"
    if isinstance(rng, np.random.SeedSequence):
        return str(rng.entropy)
    return int(rng)


def activity_detection_mc(
    A,
    ka: int,
    snr_db,
    n_trials: int,
    *,
    detector: str = "omp",
    fading: str = "phase",
    rng=None,
    amp_options: dict | None = None,
    batch_size: int | None = None,
) -> xr.Dataset:
    r"""Monte-Carlo activity-error rate and false-alarm probability versus SNR.

    Parameters
    ----------
    A : ndarray or operator
        (N, K) codebook with unit-norm columns or a matrix-free operator (e.g.
        :func:`~wirelesseff.noma.golay_operator`).
    ka : int
        Number of active users :math:`K_a`, :math:`1 \leq K_a \leq \min(N, K)`.
    snr_db : array_like
        Per-user :math:`E_s/N_0` values [dB] (scalar or non-empty 1-D, in [-300, 300]).
    n_trials : int
        Trials :math:`T \geq 1` per SNR point, at most :math:`10^7`; the up-front random draws
        (:math:`16 T (N + 2 K_a)` bytes) must fit in :math:`2^{31}` bytes.
    detector : {"omp", "amp"}
        OMP with :math:`K_a` iterations, or AMP followed by the top-:math:`K_a` decision.
    fading : {"phase", "rayleigh"}
        Unit-modulus random phases (perfect power control) or :math:`\mathcal{CN}(0, 1)` gains.
    rng : numpy.random.Generator or int or None
        Random source. The draws are, in this order: the :math:`T` active sets, the
        :math:`T \times K_a` channel coefficients and :math:`T \times N` unit noise vectors; they
        are shared by all SNR points (common random numbers) and, for a given seed, by every
        codebook of the same (N, K).
    amp_options : dict, optional
        Keyword arguments of :func:`amp` (``n_iter``, ``alpha``, ``damping``, ``tol``,
        ``onsager``).
    batch_size : int, optional
        Trials processed together (:math:`1 \leq` ``batch_size`` :math:`\leq` ``n_trials``),
        all SNR points stacked into one detector batch (default: as many as fit in about 64 MB
        of work arrays); the random draws do not depend on it.

    Returns
    -------
    xarray.Dataset
        Over ``snr_db``: ``aer`` (activity-error rate, misses over :math:`T K_a`), ``p_fa``
        (false alarms over :math:`T(K - K_a)`), their 95 % Wilson intervals (``aer_low``,
        ``aer_high``, ``p_fa_low``, ``p_fa_high``; events counted as independent Bernoulli
        trials, an approximation since the errors of one trial are correlated) and the raw
        counts ``n_miss``, ``n_false_alarm``. Attributes: ``N``, ``K``, ``ka``, ``detector``,
        ``fading``, ``n_trials``, ``seed``.

    Notes
    -----
    :math:`\mathrm{AER} = \sum_t |\mathcal A_t \setminus \hat{\mathcal A}_t| /
    (T K_a)` and :math:`P_\mathrm{fa} = \sum_t |\hat{\mathcal A}_t \setminus \mathcal A_t| /
    (T (K - K_a))`. Both detectors output exactly :math:`K_a` users, so
    :math:`|\hat{\mathcal A}_t \setminus \mathcal A_t| = |\mathcal A_t \setminus
    \hat{\mathcal A}_t|`.

    Examples
    --------
    >>> from wirelesseff.noma import golay_operator
    >>> ds = activity_detection_mc(golay_operator(1), 2, [0.0, 100.0], 50, rng=1)
    >>> float(ds.aer.sel(snr_db=100.0))
    0.0
    """
    op = _adapt(A)
    n, k_total = op.N, op.K
    ka = check_integer("ka", ka, low=1, high=min(n, k_total))
    snr = np.atleast_1d(real_array("snr_db", snr_db, -_MAX_ABS_SNR_DB, _MAX_ABS_SNR_DB))
    if snr.ndim != 1 or snr.size == 0:
        raise ValueError(f"snr_db must be a finite scalar or non-empty 1-D array, got shape "
                         f"{np.shape(snr_db)}")
    n_trials = check_integer("n_trials", n_trials, low=1, high=_MAX_TRIALS)
    draw_bytes = 16 * n_trials * (n + 2 * ka)
    if draw_bytes > _MAX_DRAW_BYTES:
        raise ValueError(f"n_trials={n_trials} needs {draw_bytes} bytes of random draws "
                         f"(N={n}, ka={ka}) > {_MAX_DRAW_BYTES}; run fewer trials per call")
    if not isinstance(detector, str):
        raise TypeError(f"detector must be 'omp' or 'amp', got {detector!r}")
    check_choice("detector", detector, ("omp", "amp"))
    if not isinstance(fading, str):
        raise TypeError(f"fading must be 'phase' or 'rayleigh', got {fading!r}")
    check_choice("fading", fading, ("phase", "rayleigh"))
    if amp_options is not None and not isinstance(amp_options, dict):
        raise TypeError(f"amp_options must be a dict of amp keyword arguments or None, got "
                        f"{amp_options!r}")
    opts = {} if amp_options is None else dict(amp_options)
    unknown = set(opts) - {"n_iter", "alpha", "damping", "tol", "onsager"}
    if unknown:
        raise ValueError(f"amp_options has unknown keys {sorted(unknown)}; valid: n_iter, "
                         "alpha, damping, tol, onsager")
    n_iter, alpha, damping, amp_tol, onsager = _amp_settings(opts)
    real_onsager = _is_real_operator(op) if onsager == "auto" else onsager == "real"
    gen = as_generator(rng)

    # common random numbers, drawn once in a fixed order
    active = np.empty((n_trials, ka), dtype=np.int64)
    for t in range(n_trials):
        active[t] = gen.choice(k_total, size=ka, replace=False)
    if fading == "phase":
        h = np.exp(1j * gen.uniform(0.0, 2.0 * np.pi, size=(n_trials, ka)))
    else:
        h = (gen.standard_normal((n_trials, ka)) + 1j * gen.standard_normal((n_trials, ka)))
        h /= np.sqrt(2.0)
    noise = gen.standard_normal((n_trials, n)) + 1j * gen.standard_normal((n_trials, n))
    noise /= np.sqrt(2.0)
    sigma = np.sqrt(10.0 ** (-snr / 10.0))

    n_snr = snr.size
    if batch_size is None:
        per_trial = 16 * (n * max(ka, 8) + 4 * k_total + ka * n) * n_snr
        batch_size = int(max(1, min(n_trials, (64 << 20) // per_trial)))
    else:
        batch_size = check_integer("batch_size", batch_size, low=1, high=n_trials)

    misses = np.zeros(n_snr, dtype=np.int64)
    false_alarms = np.zeros(n_snr, dtype=np.int64)
    for s in range(0, n_trials, batch_size):
        act = active[s : s + batch_size]
        tb = act.shape[0]
        cols = op.columns(act.ravel()).reshape(n, tb, ka)
        clean = np.einsum("ntk,tk->nt", cols, h[s : s + batch_size])  # (N, Tb)
        # all SNR points of the chunk in one detector batch: column i*Tb + t
        y = (clean[:, None, :] + sigma[None, :, None] * noise[s : s + batch_size].T[:, None, :])
        y = y.reshape(n, n_snr * tb)
        if detector == "omp":
            est, _ = _omp_core(op, np.ascontiguousarray(y.T), ka, 0.0, _kernels.omp_step)
        else:
            xh = _amp_core(op, y, n_iter, alpha, damping, amp_tol, real_onsager)
            est = np.argpartition(-np.abs(xh), ka - 1, axis=0)[:ka].T
        est = est.reshape(n_snr, tb, ka)
        truth = np.zeros((tb, k_total), dtype=bool)
        truth[np.arange(tb)[:, None], act] = True
        valid = est >= 0  # OMP marks an early stop (dependent column) with -1
        hits = truth[np.arange(tb)[None, :, None], est.clip(0)] & valid
        misses += tb * ka - hits.sum(axis=(1, 2))
        false_alarms += (valid & ~hits).sum(axis=(1, 2))
    events = n_trials * ka
    fa_events = n_trials * (k_total - ka)
    aer = misses / events
    aer_lo, aer_hi = wilson_interval(misses, events)
    if fa_events > 0:
        p_fa = false_alarms / fa_events
        fa_lo, fa_hi = wilson_interval(false_alarms, fa_events)
    else:
        p_fa = fa_lo = fa_hi = np.full(snr.size, np.nan)
    coords = {"snr_db": ("snr_db", snr, {"units": "dB", "long_name": "SNR (Es/N0)"})}

    def var(v, long, units="1"):
        return ("snr_db", np.asarray(v, dtype=float) * np.ones(snr.size), {
            "units": units, "long_name": long})

    ds = xr.Dataset(
        {
            "aer": var(aer, "activity error rate"),
            "aer_low": var(aer_lo, "AER 95% Wilson lower bound"),
            "aer_high": var(aer_hi, "AER 95% Wilson upper bound"),
            "p_fa": var(p_fa, "false-alarm probability"),
            "p_fa_low": var(fa_lo, "P_fa 95% Wilson lower bound"),
            "p_fa_high": var(fa_hi, "P_fa 95% Wilson upper bound"),
            "n_miss": ("snr_db", misses, {"units": "1", "long_name": "missed users"}),
            "n_false_alarm": ("snr_db", false_alarms, {"units": "1",
                                                       "long_name": "false alarms"}),
        },
        coords=coords,
        attrs={
            "N": int(n),
            "K": int(k_total),
            "ka": int(ka),
            "detector": detector,
            "fading": fading,
            "n_trials": int(n_trials),
            "seed": _seed_attr(rng),
        },
    )
    return ds


def activity_error_curve(A, ka: int, snr_db, n_trials: int, *, seed, target: float,
                         coarse_every: int = 1, detector: str = "omp", fading: str = "phase",
                         amp_options: dict | None = None) -> np.ndarray:
    r"""Activity-error rate on an SNR grid, evaluated coarse to fine around a target.

    Parameters
    ----------
    A : ndarray or operator
        Codebook, as in :func:`activity_detection_mc`.
    ka : int
        Active users :math:`K_a`.
    snr_db : array_like
        Strictly increasing 1-D SNR grid [dB].
    n_trials : int
        Trials per evaluated SNR point.
    seed : int or sequence of int
        Seed of the common random numbers: every pass re-creates
        ``numpy.random.default_rng(seed)``, so an SNR point gets the same draws whichever
        points are evaluated with it.
    target : float
        Target AER in (0, 1].
    coarse_every : int, optional
        Evaluate every ``coarse_every``-th grid point (and the last), then the points inside
        the first coarse interval whose right end reaches ``target``; 1 (default) evaluates
        the whole grid. :math:`1 \leq` ``coarse_every`` :math:`\leq` the grid size.
    detector, fading, amp_options
        As in :func:`activity_detection_mc`.

    Returns
    -------
    ndarray
        AER on ``snr_db``; NaN where not evaluated.

    Notes
    -----
    With common random numbers every evaluated value equals the full-grid value, so the first
    crossing of ``target`` located here equals the full-grid one whenever the AER crosses the
    target once (e.g. a waterfall) -- at a fraction of the cost when the grid is fine.

    Examples
    --------
    >>> from wirelesseff.noma import golay_operator
    >>> aer = activity_error_curve(golay_operator(1), 2, [0.0, 10.0, 20.0, 30.0], 20, seed=1,
    ...                            target=0.05, coarse_every=2)
    >>> int(np.isnan(aer).sum()) <= 1
    True
    """
    grid = real_array("snr_db", snr_db, -_MAX_ABS_SNR_DB, _MAX_ABS_SNR_DB, ndim=1,
                      nonempty=True)
    if np.any(np.diff(grid) <= 0):
        raise ValueError("snr_db must be strictly increasing")
    target = real_scalar("target", target, 0.0, 1.0, low_open=True)
    coarse_every = check_integer("coarse_every", coarse_every, low=1, high=grid.size)
    if isinstance(seed, bool | np.bool_):
        raise TypeError(f"seed must be a non-negative integer or a sequence of them, got {seed!r}")
    try:  # the seed of every SNR point's generator: checked once, before any draw
        np.random.SeedSequence(seed)
    except (TypeError, ValueError) as exc:
        raise type(exc)(f"seed must be a non-negative integer or a sequence of them, got "
                        f"{seed!r}") from None

    def mc(snrs):
        return activity_detection_mc(A, ka, snrs, n_trials, detector=detector, fading=fading,
                                     rng=np.random.default_rng(seed),
                                     amp_options=amp_options).aer.values

    aer = np.full(grid.size, np.nan)
    coarse = np.arange(0, grid.size, coarse_every)
    if coarse[-1] != grid.size - 1:
        coarse = np.append(coarse, grid.size - 1)
    aer[coarse] = mc(grid[coarse])
    hit = np.flatnonzero(aer[coarse] <= target)
    if hit.size and hit[0] > 0:
        fine = np.arange(coarse[hit[0] - 1] + 1, coarse[hit[0]])
        if fine.size:
            aer[fine] = mc(grid[fine])
    return aer
