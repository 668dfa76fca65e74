r"""Downlink minimum-power beamforming under SINR targets: SOCP and duality fixed point.

Both solvers treat the classic multi-user MISO downlink problem

.. math:: \min_{w_1,\dots,w_K} \sum_k \|w_k\|^2 \quad \text{s.t.} \quad
          \mathrm{SINR}_k = \frac{|h_k^H w_k|^2}{\sum_{j\ne k}|h_k^H w_j|^2 + \sigma_k^2}
          \ge \gamma_k, \quad k = 1..K,

with ``H[k] = h_k^H`` (row ``k`` of the (K, M) channel matrix) so that user ``k`` receives
``H[k] @ w_k`` from beam ``k``. :func:`min_power_beamforming` solves it as a second-order cone
program with cvxpy (compiled once per (K, M), DPP in the targets and channels);
:func:`min_power_beamforming_fixed_point` solves it without a generic solver through
uplink-downlink duality.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Mapping, Sequence
from typing import Any

import cvxpy as cp
import numpy as np
from numba import njit

from .._validation import (
    check_choice,
    check_finite,
    check_in_range,
    check_integer,
    check_positive,
    check_real_scalar,
)
from .parametric import ParametricProblem, normalize_solver_chain
from .result import SolveResult

__all__ = ["min_power_beamforming", "min_power_beamforming_fixed_point"]

#: Upper bound on ``max_iter`` of :func:`min_power_beamforming_fixed_point` (each iteration
#: costs a few K x K solves; a million of them take seconds to minutes).
MAX_FIXED_POINT_ITER = 1_000_000

# Range of the noise-normalised channel gains and of the SINR targets (the required powers
# scale like their ratio and must stay far from the float range, 1e308).
_MAX_NORMALISED = 1e150

# Exit codes of the uplink fixed-point kernels.
_CONVERGED, _MAX_ITER, _BLOWUP, _NONFINITE = 0, 1, 2, 3
# Largest shortfall of the noise-normalised SINR constraints, max_k (1 - m_k) with
# m_k = (|h_k^H w_k|^2/gamma_k - sum_{j!=k} |h_k^H w_j|^2)/sigma_k^2 (>= 1 when the target is
# met), of an answer reported as optimal: after polishing (exact to rounding) and for raw conic
# answers (polish=False; Clarabel's ~1e-8 cone residuals give shortfalls up to ~5e-7 on random
# instances, 0.1 <= gamma <= 300). It implies SINR_k >= gamma_k (1 - tolerance).
_SINR_RTOL_POLISHED = 1e-6
_SINR_RTOL_RAW = 1e-5


# ---------------------------------------------------------------------------------------------
# input handling shared by both solvers
# ---------------------------------------------------------------------------------------------
def _per_user(name: str, value: Any, K: int) -> np.ndarray:
    arr = np.asarray(check_in_range(name, value, allow_nan=True), dtype=float)  # TypeError
    if arr.ndim > 1 or (arr.ndim == 1 and arr.shape[0] not in (1, K)):
        raise ValueError(f"{name} must be a scalar or have shape (K,) = ({K},), got shape "
                         f"{arr.shape}")
    arr = np.broadcast_to(arr, (K,)).astype(float)
    check_positive(**{name: arr})
    check_finite(**{name: arr})
    return arr


def _validate(H: Any, sinr_targets: Any, noise_power: Any):
    H = np.asarray(H)
    if H.ndim != 2 or 0 in H.shape:
        raise ValueError(f"H must be a (K, M) matrix with row k = h_k^H, got shape {H.shape}")
    if not np.issubdtype(H.dtype, np.number):
        raise TypeError(f"H must be numeric, got dtype {H.dtype}")
    if not np.all(np.isfinite(H)):
        raise ValueError("H must be finite, got nan/inf entries")
    K = H.shape[0]
    gamma = _per_user("sinr_targets", sinr_targets, K)
    sigma2 = _per_user("noise_power", noise_power, K)
    check_in_range("sinr_targets", gamma, None, _MAX_NORMALISED)
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        snr = np.sum(np.abs(H) ** 2, axis=1) / sigma2  # noise-normalised gains ||h_k||^2/s_k^2
    bad = (snr != 0.0) & ~((snr >= 1.0 / _MAX_NORMALISED) & (snr <= _MAX_NORMALISED))
    if np.any(bad):
        k = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"H and noise_power must give noise-normalised channel gains ||h_k||^2/sigma_k^2 "
            f"in [1e-150, 1e150] (beyond, the powers over- or underflow), got {snr[k]:.3g} "
            f"for user {k}")
    return H.astype(complex), gamma, sigma2


def _sinr(H: np.ndarray, W: np.ndarray, sigma2: np.ndarray) -> np.ndarray:
    """SINR of every user for beamformers ``W`` (M, K) [-]."""
    gains = np.abs(H @ W) ** 2  # gains[k, j] = |h_k^H w_j|^2
    signal = np.diag(gains)
    return signal / (gains.sum(axis=1) - signal + sigma2)


def _failure(status: str, K: int, M: int, t0: float, solver: str, message: str,
             **extra: Any) -> SolveResult:
    value = math.inf if status == "infeasible" else math.nan
    variables = {
        "W": np.full((M, K), np.nan, dtype=complex),
        "power": np.full(K, np.nan),
        "sinr": np.full(K, np.nan),
        **extra.pop("variables", {}),
    }
    return SolveResult(status, value, variables, extra.pop("iterations", 0),
                       time.perf_counter() - t0, solver, extra.pop("history", np.empty(0)),
                       message, extra)


# ---------------------------------------------------------------------------------------------
# SOCP
# ---------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=32)
def _min_power_problem(K: int, M: int) -> ParametricProblem:
    """The SOCP for K users and M antennas, built once (parameters: channels ``H``, ``A``).

    The instance is shared by every call of that size, so it must not warm-start the solver
    from an unrelated previous call (``warm_start=False``: reproducible results).
    """
    Hp = cp.Parameter((K, M), complex=True, name="H")
    Ap = cp.Parameter((K, M), complex=True, name="A")  # A[k] = H[k] / sqrt(gamma_k)
    W = cp.Variable((M, K), complex=True, name="W")
    constraints = []
    for k in range(K):
        others = [j for j in range(K) if j != k]
        interference = [Hp[k, :] @ W[:, others]] if others else []
        constraints.append(
            cp.SOC(cp.real(Ap[k, :] @ W[:, k]), cp.hstack([*interference, np.ones(1)]))
        )
    # The generic a posteriori check is loosened to 1e-2: the answer is polished (which repairs
    # an SCS answer with 1e-4 cone residuals exactly) and then verified by the stricter
    # noise-normalised SINR check of min_power_beamforming.
    return ParametricProblem(cp.Problem(cp.Minimize(cp.norm(W, "fro")), constraints),
                             warm_start=False, feasibility_tol=1e-2)


def min_power_beamforming(
    H: Any,
    sinr_targets: Any,
    noise_power: Any,
    *,
    solver: str | Sequence[str | tuple[str, Mapping[str, Any]]] | None = None,
    polish: bool = True,
) -> SolveResult:
    r"""Minimum-power downlink beamformers meeting SINR targets, as an SOCP.

    Parameters
    ----------
    H : array_like, shape (K, M)
        Channel matrix, row ``k`` is :math:`h_k^H` (user ``k`` receives ``H[k] @ w_k``)
        [-] (complex amplitude gains, path loss included).
    sinr_targets : array_like, shape () or (K,)
        SINR targets :math:`\gamma_k > 0`, linear [-] (use :func:`wirelesseff.db2lin` for dB).
    noise_power : array_like, shape () or (K,)
        Receiver noise power :math:`\sigma_k^2 > 0` [W].
    solver : str or sequence, optional
        Solver chain (see :class:`ParametricProblem`); default Clarabel then SCS.
    polish : bool, optional
        Recompute the beam powers for the SOCP's beam directions so that every SINR equals its
        target to machine precision (see Notes). Default ``True``.

    Returns
    -------
    SolveResult
        ``value`` is the total transmit power :math:`\sum_k\|w_k\|^2` [W] (``inf`` if
        infeasible); ``variables`` holds ``W`` (M, K) (column ``k`` is :math:`w_k`, [√W]),
        ``power`` (K,) the per-beam powers [W] and ``sinr`` (K,) the achieved SINRs [-];
        ``status`` is ``"infeasible"`` when no beamformers meet the targets (never an
        exception); ``solver``, ``iterations`` and ``info["attempts"]`` come from the conic
        solver; ``info["polished"]`` says whether the powers were polished and
        ``info["sinr_shortfall"]`` is :math:`\max_k(1 - \mathrm{SINR}_k/\gamma_k)` and
        ``info["constraint_shortfall"]`` is :math:`\max_k(1 - m_k)` with the noise-normalised
        constraint margin :math:`m_k = (|h_k^H w_k|^2/\gamma_k - \sum_{j\ne k}
        |h_k^H w_j|^2)/\sigma_k^2`. An ``"optimal"``/``"optimal_inaccurate"`` status
        guarantees :math:`m_k \ge 1 - 10^{-6}` for every user (:math:`1 - 10^{-5}` with
        ``polish=False``), hence :math:`\mathrm{SINR}_k \ge \gamma_k(1 - 10^{-6})`; an
        answer that misses it is reported as ``"infeasible"`` or ``"solver_error"`` (see
        Notes).

    Raises
    ------
    ValueError
        If ``H`` is not a finite (K, M) matrix, or a target or noise power is not positive
        and finite, or their shapes do not match K, or a noise-normalised channel gain
        :math:`\|h_k\|^2/\sigma_k^2` (non-zero) or a target lies outside [1e-150, 1e150].

    Notes
    -----
    Because a common phase rotation of :math:`w_k` changes no SINR, :math:`h_k^H w_k` can be
    taken real and non-negative, and the SINR constraint becomes the second-order cone
    (Bengtsson & Ottersten [1]_; Wiesel, Eldar, Shamai [2]_, Sec. III)

    .. math:: \frac{1}{\sqrt{\gamma_k}}\,\mathrm{Re}\{h_k^H w_k\} \ge
              \big\| [\,(h_k^H w_j)_{j \ne k},\ \sigma_k\,] \big\|_2 ,

    and the problem :math:`\min \|[w_1,\dots,w_K]\|_F` subject to these cones is an SOCP
    whose optimum meets every SINR constraint with equality. [2]_ writes the equivalent cone
    :math:`\sqrt{1+1/\gamma_k}\,\mathrm{Re}\{h_k^H w_k\} \ge \|[h_k^H w_1, \dots,
    h_k^H w_K, \sigma_k]\|`; it is not used here because it is badly conditioned at high
    SINR (a relative cone residual :math:`\epsilon` becomes a relative SINR error of about
    :math:`2\gamma_k\epsilon`), whereas the interference-only form keeps it near
    :math:`2\epsilon`.

    **Numerical hygiene** (docs/optimize.md, "Numerical hygiene"). Rows are divided by
    :math:`\sigma_k` (noise power 1) and then by :math:`\sqrt{g}`,
    :math:`g = \frac1K\sum_k\|h_k\|^2/\sigma_k^2`, with the beamformers scaled by
    :math:`\sqrt{g}`; this change of variables leaves every SINR unchanged, makes the conic
    data O(1) and is undone on output.

    **Polishing.** A conic solver meets the cones only to its tolerance (Clarabel: about
    1e-8 relative), which leaves individual SINRs off their targets by up to ~1e-6. With
    ``polish=True`` the directions :math:`u_k = w_k/\|w_k\|` of the SOCP solution are kept
    and the powers are recomputed from the K x K linear system
    :math:`p_k|h_k^H u_k|^2/\gamma_k - \sum_{j\ne k}p_j|h_k^H u_j|^2 = \sigma_k^2`, which
    meets every target with equality. Since the total power is stationary in the directions
    at the optimum, the polished power differs from the optimum only to second order in the
    solver's direction error. If the system has no positive solution (a very inaccurate
    answer) the unpolished solution is returned and ``info["polished"]`` is ``False``.

    **Verification.** At or beyond the feasibility boundary (e.g. K > M users with
    :math:`\sum_k\gamma_k/(1+\gamma_k) = M`, where the minimum power diverges) a conic solver
    can stop at an "inaccurate" point with enormous power whose SINRs miss the targets, and
    polishing finds no positive powers for its directions. Every constraint is therefore
    checked a posteriori in its noise-normalised form :math:`|h_k^H w_k|^2/\gamma_k -
    \sum_{j\ne k}|h_k^H w_j|^2 \ge \sigma_k^2`, i.e. relative to the noise power: a
    relative tolerance on the SINR alone is not enough, because near infeasibility any
    :math:`\epsilon` is met by a large enough power (two users with identical channels and
    0 dB targets are infeasible, yet a conic solver returned SINRs 0.99999914 at 775 W, within
    1e-6 of the targets). If a margin misses 1 by more than 1e-6 (1e-5 for the raw answer
    with ``polish=False``), the duality fixed point
    (:func:`min_power_beamforming_fixed_point`) is run as an independent check: the status is
    ``"infeasible"`` if it finds no feasible point either, else ``"solver_error"``; the
    message gives the shortfall and the check's verdict (``info["cross_check"]``), and
    ``W`` is NaN.

    **Compiled once.** The cone data enter as two complex parameters, the scaled channel
    :math:`\hat H` and :math:`A = \mathrm{diag}(\gamma_k^{-1/2})\hat H`, so the problem
    is DPP (linear in each parameter) and is compiled once per (K, M) and re-used across calls
    (an LRU cache keeps the 32 most recent sizes).

    References
    ----------
    .. [1] M. Bengtsson, B. Ottersten, "Optimal downlink beamforming using semidefinite
       optimization", Proc. 37th Annual Allerton Conference on Communication, Control and
       Computing, pp. 987-996, 1999.
    .. [2] A. Wiesel, Y. C. Eldar, S. Shamai (Shitz), "Linear precoding via conic optimization
       for fixed MIMO receivers", IEEE Trans. Signal Process. 54(1):161-176, 2006,
       doi:10.1109/TSP.2005.861073.

    Examples
    --------
    Two orthogonal unit-gain users need exactly :math:`\gamma\sigma^2` each:

    >>> res = min_power_beamforming(np.eye(2), [1.0, 3.0], 0.1)
    >>> res.status, round(res.value, 6), np.round(res["sinr"], 6)
    ('optimal', 0.4, array([1., 3.]))
    """
    t0 = time.perf_counter()
    H, gamma, sigma2 = _validate(H, sinr_targets, noise_power)
    K, M = H.shape
    chain = normalize_solver_chain(solver)
    Hn = H / np.sqrt(sigma2)[:, None]
    row_gain = np.sum(np.abs(Hn) ** 2, axis=1)
    if np.any(row_gain == 0.0):
        k = int(np.flatnonzero(row_gain == 0.0)[0])
        return _failure("infeasible", K, M, t0, "", f"user {k} has an all-zero channel")
    g = float(np.mean(row_gain))
    Hs = Hn / math.sqrt(g)
    pp = _min_power_problem(K, M)
    values = {"H": Hs, "A": Hs / np.sqrt(gamma)[:, None]}
    res = pp.solve_with(chain, **{k: v for k, v in values.items() if k in pp.parameters})
    info = dict(res.info)
    info["scale"] = g
    if res.status in ("infeasible", "unbounded") or not np.all(np.isfinite(res["W"])):
        status = "infeasible" if res.status == "unbounded" else res.status
        return _failure(status, K, M, t0, res.solver, res.message,
                        iterations=res.iterations, **info)
    W = res["W"] / math.sqrt(g)
    message = res.message
    info["polished"] = False
    if polish:
        norms = np.linalg.norm(W, axis=0)
        if np.all(norms > 0.0):
            U = W / norms
            p = _powers_for_directions(Hn, U, gamma)
            if np.all(np.isfinite(p)) and np.all(p > 0.0):
                W = U * np.sqrt(p)
                info["polished"] = True
        if not info["polished"]:
            note = "power polishing skipped (no positive powers for the solver's directions)"
            message = f"{message}; {note}" if message else note
    power = np.sum(np.abs(W) ** 2, axis=0)
    sinr = _sinr(H, W, sigma2)
    with np.errstate(invalid="ignore", divide="ignore"):
        info["sinr_shortfall"] = float(np.max(1.0 - sinr / gamma))
    shortfall = _constraint_shortfall(Hn, W, gamma)
    info["constraint_shortfall"] = shortfall
    tol = _SINR_RTOL_POLISHED if polish else _SINR_RTOL_RAW
    if not shortfall <= tol:  # (NaN included) an answer that misses a target is no solution
        status, note = _classify_violation(H, gamma, sigma2)
        info["cross_check"] = note
        why = (f"the {res.solver} answer ({res.status}) misses an SINR target: its "
               f"noise-normalised constraint margin falls short of 1 by {shortfall:.3g} "
               f"(tolerance {tol:g}; SINR shortfall {info['sinr_shortfall']:.3g} relative); "
               f"{note}")
        return _failure(status, K, M, t0, res.solver, f"{why}; {message}" if message else why,
                        iterations=res.iterations, **info)
    return SolveResult(
        res.status, float(power.sum()),
        {"W": W, "power": power, "sinr": sinr},
        res.iterations, time.perf_counter() - t0, res.solver, message=message, info=info,
    )


def _constraint_shortfall(Hn: np.ndarray, W: np.ndarray, gamma: np.ndarray) -> float:
    r"""Largest shortfall :math:`\max_k(1 - m_k)` of the noise-normalised SINR constraints.

    With noise-normalised channels (rows :math:`h_k^H/\sigma_k`), the margin
    :math:`m_k = |h_k^H w_k|^2/\gamma_k - \sum_{j\ne k}|h_k^H w_j|^2` is at least 1 exactly
    when user k meets its target. Measured against the noise power, unlike a relative SINR
    error, it cannot be met by scaling an infeasible answer up. NaN if ``W`` is not finite.
    """
    gains = np.abs(Hn @ W) ** 2
    signal = np.diag(gains)
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.max(1.0 - (signal / gamma - (gains.sum(axis=1) - signal))))


def _classify_violation(H: np.ndarray, gamma: np.ndarray, sigma2: np.ndarray):
    r"""Status of a conic answer that violates the targets, from the duality fixed point.

    A conic solver returns such answers at or beyond the feasibility boundary (e.g.
    :math:`\sum_k\gamma_k/(1+\gamma_k) = M` with K > M, where the required power diverges).
    The fixed point, an independent algorithm, decides: ``"infeasible"`` if it finds no
    feasible point either, ``"solver_error"`` if it does (then the conic solver failed).
    """
    fp = min_power_beamforming_fixed_point(H, gamma, sigma2)
    if fp.status == "infeasible":
        return "infeasible", f"the duality fixed point agrees: {fp.message}"
    return "solver_error", (f"the duality fixed point finds a feasible point ({fp.status}, "
                            f"{fp.value:.6g} W): the conic solver failed")


# ---------------------------------------------------------------------------------------------
# uplink-downlink duality fixed point
# ---------------------------------------------------------------------------------------------
def _solve_or_nan(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """``np.linalg.solve(A, B)``, NaN instead of ``LinAlgError`` for a singular ``A``."""
    with np.errstate(all="ignore"):
        try:
            return np.linalg.solve(A, B)
        except np.linalg.LinAlgError:
            return np.full(np.shape(B), np.nan, dtype=np.result_type(A, B))


def _uplink_powers_numpy(G, gamma, lam0, tol, max_iter, blowup, loo, newton):
    """NumPy reference of the uplink power solver (see ``_uplink_powers_numba``)."""
    K = G.shape[0]
    lam = lam0.copy()
    hist = np.empty(max_iter)
    eye = np.eye(K, dtype=np.complex128)
    prev_delta = -1.0
    phase = 0
    code, n = _MAX_ITER, 0
    for it in range(max_iter):
        Y = _solve_or_nan(eye + lam[:, None] * G, eye)  # (I + Lambda G)^-1
        if not np.all(np.isfinite(Y)):
            code, n = _NONFINITE, it
            break
        d = np.diag(G @ Y).real  # d_k = h_k^H (I + sum_j lam_j h_j h_j^H)^-1 h_k
        if np.any(~(d > 0.0)) or (loo and np.any(lam * d >= 1.0)):
            code, n = _NONFINITE, it
            break
        lam_new = None
        if newton:
            # policy (Newton) step: uplink powers meeting every target with the MMSE filters
            # u_k = H^H Y e_k at the current powers: C[k, j] = u_k^H h_j, nrm_k = ||u_k||^2
            C = Y.conj().T @ G
            nrm = np.sum(C * Y.T, axis=1).real
            gains = np.abs(C) ** 2
            system = -gains
            system[np.diag_indices(K)] = np.diag(gains) / gamma
            pol = _solve_or_nan(system, nrm)
            if np.all(np.isfinite(pol)) and np.all(pol > 0.0):
                lam_new = pol
                phase = 1
        if lam_new is None:
            if phase == 1:  # lost positivity to round-off: fall back to plain iteration
                phase = 0
            lam_new = gamma * (1.0 - lam * d) / d if loo else gamma / ((1.0 + gamma) * d)
        top = np.max(lam_new)
        delta = np.max(np.abs(lam_new - lam)) / top
        lam = lam_new
        hist[it] = np.sum(lam)
        n = it + 1
        if not np.isfinite(top):
            code = _NONFINITE
            break
        if delta == 0.0 or (phase == 1 and delta <= tol):
            code = _CONVERGED
            break
        if phase == 0 and prev_delta > 0.0:
            rho = delta / prev_delta
            if rho < 1.0 and delta * rho <= tol * (1.0 - rho):
                code = _CONVERGED
                break
        if phase == 0 and top > blowup:
            code = _BLOWUP
            break
        prev_delta = delta
    return lam, code, n, hist[:n]


@njit(cache=True, error_model="numpy")
def _solve_nb(A, B):  # pragma: no cover - compiled
    """Solve ``A X = B`` (complex, A overwritten) by Gaussian elimination with partial pivoting.

    Hand-written instead of ``np.linalg.solve`` so that the kernel compiles in about a second
    (numba's LAPACK binding takes several) and runs faster for the small K x K systems here.
    A singular system (a zero pivot, e.g. two users with identical channels) returns NaN
    entries, which the callers check; numba's complex division would otherwise raise
    ``ZeroDivisionError`` (and ``error_model="numpy"`` keeps the real divisions of the kernels
    IEEE: inf/nan instead of an exception).
    """
    K = A.shape[0]
    X = B.copy()
    R = X.shape[1]
    for c in range(K):
        p = c
        best = abs(A[c, c])
        for r in range(c + 1, K):
            if abs(A[r, c]) > best:
                best = abs(A[r, c])
                p = r
        if p != c:
            for j in range(K):
                A[c, j], A[p, j] = A[p, j], A[c, j]
            for j in range(R):
                X[c, j], X[p, j] = X[p, j], X[c, j]
        piv = A[c, c]
        if piv == 0.0:  # singular: numba's complex division would raise ZeroDivisionError
            X[:, :] = np.nan
            return X
        for r in range(c + 1, K):
            f = A[r, c] / piv
            if f != 0.0:
                for j in range(c, K):
                    A[r, j] -= f * A[c, j]
                for j in range(R):
                    X[r, j] -= f * X[c, j]
    for c in range(K - 1, -1, -1):
        for j in range(R):
            acc = X[c, j]
            for q in range(c + 1, K):
                acc -= A[c, q] * X[q, j]
            X[c, j] = acc / A[c, c]
    return X


@njit(cache=True, error_model="numpy")
def _uplink_powers_numba(G, gamma, lam0, tol, max_iter, blowup, loo, newton):  # pragma: no cover
    """Uplink (dual) powers of the min-power problem: fixed-point iteration + Newton steps.

    ``G[k, j] = h_k^H h_j`` is the Gram matrix of the noise-normalised channels and
    ``Y = (I + diag(lam) G)^-1``; then ``d_k = [G Y]_kk = h_k^H (I + sum_j lam_j h_j
    h_j^H)^-1 h_k`` (push-through identity) and the MMSE filters are ``u_k = H^H Y e_k``.

    Fixed-point step:  lam_k <- gamma_k (1 - lam_k d_k) / d_k   (loo=True, leave-one-out form)
                       lam_k <- gamma_k / ((1 + gamma_k) d_k)    (loo=False, KKT form)
    Newton step (newton=True, once it yields positive powers): the uplink powers that meet
    every target with the filters u_k, from a K x K linear system.
    Returns ``(lam, code, n_iter, history of sum(lam))``; codes as ``_CONVERGED`` etc.
    """
    K = G.shape[0]
    lam = lam0.copy()
    hist = np.empty(max_iter)
    eye = np.zeros((K, K), dtype=np.complex128)
    for k in range(K):
        eye[k, k] = 1.0
    A = np.empty((K, K), dtype=np.complex128)
    S = np.empty((K, K), dtype=np.complex128)
    rhs = np.empty((K, 1), dtype=np.complex128)
    lam_new = np.empty(K)
    d = np.empty(K)
    prev_delta = -1.0
    phase = 0
    code = 1
    n = 0
    for it in range(max_iter):
        for k in range(K):
            for j in range(K):
                A[k, j] = lam[k] * G[k, j]
            A[k, k] += 1.0
        Y = _solve_nb(A, eye)
        bad = not np.all(np.isfinite(Y))
        for k in range(K):
            acc = 0.0
            for j in range(K):
                acc += (G[k, j] * Y[j, k]).real
            d[k] = acc
            if not acc > 0.0 or (loo and lam[k] * acc >= 1.0):
                bad = True
        if bad:
            code = 3
            n = it
            break
        use_newton = False
        if newton:
            C = Y.conj().T @ G  # C[k, j] = u_k^H h_j
            for k in range(K):
                nrm = 0.0
                for j in range(K):
                    nrm += (C[k, j] * Y[j, k]).real
                    S[k, j] = -(abs(C[k, j]) ** 2)
                S[k, k] = abs(C[k, k]) ** 2 / gamma[k]
                rhs[k, 0] = nrm
            pol = _solve_nb(S, rhs)
            use_newton = True
            for k in range(K):
                v = pol[k, 0].real
                if not (v > 0.0 and np.isfinite(v)):
                    use_newton = False
            if use_newton:
                for k in range(K):
                    lam_new[k] = pol[k, 0].real
                phase = 1
        if not use_newton:
            if phase == 1:
                phase = 0
            for k in range(K):
                if loo:
                    lam_new[k] = gamma[k] * (1.0 - lam[k] * d[k]) / d[k]
                else:
                    lam_new[k] = gamma[k] / ((1.0 + gamma[k]) * d[k])
        top = 0.0
        num = 0.0
        total = 0.0
        for k in range(K):
            top = max(top, lam_new[k])
            num = max(num, abs(lam_new[k] - lam[k]))
            total += lam_new[k]
        delta = num / top
        lam[:] = lam_new
        hist[it] = total
        n = it + 1
        if not np.isfinite(top):
            code = 3
            break
        if delta == 0.0 or (phase == 1 and delta <= tol):
            code = 0
            break
        if phase == 0 and prev_delta > 0.0:
            rho = delta / prev_delta
            if rho < 1.0 and delta * rho <= tol * (1.0 - rho):
                code = 0
                break
        if phase == 0 and top > blowup:
            code = 2
            break
        prev_delta = delta
    return lam, code, n, hist[:n]


def _infeasibility_certificate(Hn: np.ndarray, gamma: np.ndarray, lam: np.ndarray) -> bool:
    r"""Whether ``lam`` certifies that the SINR targets are infeasible.

    With :math:`B = [\sqrt{\lambda_1}h_1, \dots, \sqrt{\lambda_K}h_K]` and leverage scores
    :math:`\ell_k = [B^+B]_{kk}`, the noiseless uplink map satisfies
    :math:`T_0(\lambda)_k = \gamma_k\lambda_k/((1+\gamma_k)\ell_k)`. If
    :math:`\ell_k \le \gamma_k/(1+\gamma_k)` for all k, then :math:`T(s\lambda) \ge
    T_0(s\lambda) \ge s\lambda` for every :math:`s > 0`, so the monotone iteration has no
    finite fixed point and the targets are infeasible (Yates' framework).
    """
    lam_hat = lam / np.max(lam)
    B = Hn.conj().T * np.sqrt(lam_hat)  # (M, K), column k = sqrt(lam_k) h_k
    _, s, vh = np.linalg.svd(B, full_matrices=False)
    rank = int(np.sum(s > s[0] * max(B.shape) * np.finfo(float).eps))
    leverage = np.sum(np.abs(vh[:rank]) ** 2, axis=0)
    return bool(np.all(leverage <= gamma / (1.0 + gamma) * (1.0 - 1e-10)))


def _powers_for_directions(Hn: np.ndarray, U: np.ndarray, gamma: np.ndarray) -> np.ndarray:
    r"""Beam powers that meet every SINR target with equality for unit-norm directions ``U``.

    Solves :math:`p_k|h_k^H u_k|^2/\gamma_k - \sum_{j\ne k} p_j|h_k^H u_j|^2 = 1` (noise
    power 1 after normalisation); entries are ``nan``/non-positive when no such powers exist.
    """
    K = U.shape[1]
    gains = np.abs(Hn @ U) ** 2  # |h_k^H u_j|^2 (noise-normalised)
    system = -gains
    system[np.diag_indices(K)] = np.diag(gains) / gamma
    return _solve_or_nan(system, np.ones(K))


def _downlink(Hn: np.ndarray, G: np.ndarray, gamma: np.ndarray, lam: np.ndarray):
    """MMSE directions from uplink powers ``lam`` and the downlink powers meeting the targets."""
    K = G.shape[0]
    inv = np.linalg.solve(np.eye(K) + lam[:, None] * G, np.eye(K))  # (I + Lambda G)^-1
    U = Hn.conj().T @ inv  # (I + sum_j lam_j h_j h_j^H)^-1 h_k, by the push-through identity
    U /= np.linalg.norm(U, axis=0)
    return U, _powers_for_directions(Hn, U, gamma)


def min_power_beamforming_fixed_point(
    H: Any,
    sinr_targets: Any,
    noise_power: Any,
    tol: float = 1e-10,
    max_iter: int = 10_000,
    *,
    engine: str = "numba",
    method: str = "newton",
    update: str = "leave_one_out",
) -> SolveResult:
    r"""Minimum-power downlink beamformers by the uplink-downlink duality fixed point.

    Solves the same problem as :func:`min_power_beamforming` (same inputs, same optimum)
    without a generic conic solver.

    Parameters
    ----------
    H : array_like, shape (K, M)
        Channel matrix, row ``k`` is :math:`h_k^H` [-].
    sinr_targets : array_like, shape () or (K,)
        SINR targets :math:`\gamma_k > 0`, linear [-].
    noise_power : array_like, shape () or (K,)
        Noise power :math:`\sigma_k^2 > 0` [W].
    tol : float, optional
        Relative accuracy of the uplink powers, in (0, 1). Fixed-point phase: stop when the
        estimated
        distance to the fixed point, :math:`\Delta_n\rho/(1-\rho)` with :math:`\Delta_n =
        \|\lambda^{(n)} - \lambda^{(n-1)}\|_\infty/\|\lambda^{(n)}\|_\infty` and
        :math:`\rho = \Delta_n/\Delta_{n-1}` the observed contraction, is below ``tol``;
        Newton phase (quadratic convergence): stop when :math:`\Delta_n \le` ``tol``.
        Default ``1e-10``.
    max_iter : int, optional
        Maximum number of iterations (each costs a few K x K linear solves, whatever M),
        1 … 1 000 000. Default 10 000.
    engine : {"numba", "numpy"}, optional
        Compiled kernel (default) or the NumPy reference implementation (same iterates up to
        round-off).
    method : {"newton", "iteration"}, optional
        ``"newton"`` (default): fixed-point iterations until the MMSE filters of the current
        powers admit uplink powers that meet every target, then Newton (policy-iteration)
        steps (see Notes). ``"iteration"``: the plain fixed-point iteration throughout.
    update : {"leave_one_out", "kkt"}, optional
        Form of the fixed-point map (same fixed point, see Notes). ``"leave_one_out"``
        (default) converges much faster at high SINR; ``"kkt"`` is the form read directly off
        the KKT conditions.

    Returns
    -------
    SolveResult
        ``value`` is the total power [W] (``inf`` if infeasible); ``variables`` holds ``W``
        (M, K), ``power`` (K,) [W], ``sinr`` (K,) and ``uplink_power`` (K,), the dual uplink
        powers :math:`\lambda_k` [W] (Lagrange multipliers of the noise-normalised SINR
        constraints; :math:`\sum_k\lambda_k` equals the optimal power); ``history`` is the
        sequence :math:`\sum_k\lambda_k^{(n)}` [W] (non-decreasing during fixed-point
        iterations; the Newton phase jumps above the optimum and then decreases to it);
        ``iterations`` the number of iterations; ``solver`` is ``"fixed_point"``; ``info``
        holds ``converged``, ``certified_infeasible`` and ``duality_gap``
        :math:`|\sum p_k - \sum\lambda_k|/\sum p_k`.

        ``status`` is ``"optimal"`` after convergence; ``"infeasible"`` when the targets
        cannot be met — certified (see Notes) or because the iteration diverged; and
        ``"optimal_inaccurate"`` when ``max_iter`` was reached with a feasible but not yet
        converged point (its SINRs meet the targets; its power is above the optimum). It
        never raises on infeasible targets.

    Raises
    ------
    ValueError
        For invalid inputs (as :func:`min_power_beamforming`), ``tol <= 0``,
        ``max_iter < 1`` or an unknown ``engine``, ``method`` or ``update``.

    Notes
    -----
    After normalising :math:`h_k \leftarrow h_k/\sigma_k` (noise power 1), the KKT conditions
    of the problem give the optimal beamformers as :math:`w_k = \sqrt{p_k}\,u_k`,

    .. math:: u_k \propto \Big(I + \sum_j \lambda_j h_j h_j^H\Big)^{-1} h_k ,

    where the Lagrange multipliers (the powers of the dual uplink, with unit noise) are the
    unique fixed point of the standard interference function [3]_

    .. math:: \lambda_k = \frac{\gamma_k}{(1+\gamma_k)\,h_k^H\big(I + \sum_j \lambda_j
              h_j h_j^H\big)^{-1} h_k}

    (Schubert & Boche [1]_; Yu & Lan [2]_; the solution structure in Björnson, Bengtsson,
    Ottersten [4]_). By the matrix inversion lemma, with :math:`d_k = h_k^H(I + \sum_j
    \lambda_j h_j h_j^H)^{-1}h_k` and :math:`a_k = h_k^H(I + \sum_{j\ne k} \lambda_j h_j
    h_j^H)^{-1}h_k = d_k/(1 - \lambda_k d_k)`, the same fixed point solves the
    leave-one-out (uplink SINR-balancing) form

    .. math:: \lambda_k = \frac{\gamma_k}{a_k} = \frac{\gamma_k(1 - \lambda_k d_k)}{d_k},

    which is used by default: the KKT form couples :math:`\lambda_k` to itself with slope
    :math:`\gamma_k/(1+\gamma_k)`, so its linear convergence slows to a crawl at high SINR
    (about 250 iterations at 10 dB, K = 8, M = 32), while the leave-one-out map has no self
    coupling. Both are standard interference functions: iterating either from
    :math:`\lambda = 0` gives a non-decreasing sequence that converges iff the targets are
    feasible [3]_. The quadratic forms are computed in the K-dimensional user space,
    :math:`d_k = [G(I + \Lambda G)^{-1}]_{kk}` with the Gram matrix :math:`G_{kj} =
    h_k^H h_j` (push-through identity).

    **Newton phase** (``method="newton"``, derived for this implementation). The
    leave-one-out map is :math:`T_k(\lambda) = \min_{u}\gamma_k(\|u\|^2 + \sum_{j\ne k}
    \lambda_j|u^H h_j|^2)/|u^H h_k|^2`, a minimum of maps affine in :math:`\lambda`, attained
    by the MMSE filter :math:`u_k = (I + \sum_j\lambda_j h_j h_j^H)^{-1}h_k`. Freezing the
    filters at the current :math:`\lambda` and solving the affine fixed point exactly — the
    K x K system :math:`\lambda_k|u_k^H h_k|^2/\gamma_k - \sum_{j\ne k}\lambda_j
    |u_k^H h_j|^2 = \|u_k\|^2` — is Newton's method on the concave map (policy iteration).
    When its solution is positive it is an upper bound on the optimum (those filters meet
    every target with that power); from there the Newton iterates decrease monotonically to
    the fixed point, quadratically. Until the system has a positive solution the plain
    fixed-point step is taken, so the method inherits the global convergence and the
    infeasibility handling of the iteration. Well-conditioned problems converge in about 5
    iterations; two nearly collinear users (:math:`|h_1^H h_2|^2 = 1 - 10^{-8}`) take 14
    instead of more than 10 000.

    **Downlink.** The beams are :math:`w_k = \sqrt{p_k}u_k` with unit-norm MMSE directions
    and powers from the linear system that meets every SINR with equality,
    :math:`p_k|h_k^H u_k|^2/\gamma_k - \sum_{j\ne k}p_j|h_k^H u_j|^2 = 1`; by strong
    duality :math:`\sum_k p_k = \sum_k \lambda_k`.

    **Infeasibility certificate** (derived for this implementation). With
    :math:`B = [\sqrt{\lambda_1}h_1,\dots,\sqrt{\lambda_K}h_K]` and leverage scores
    :math:`\ell_k = [B^+B]_{kk}`, if :math:`\ell_k \le \gamma_k/(1+\gamma_k)` for all
    :math:`k`, the fixed-point map satisfies :math:`T(s\lambda) \ge s\lambda` for every
    :math:`s > 0`, so no finite fixed point exists. When the iterates blow up (by 10⁶ over the
    single-user powers) the test is applied; if it fails the iteration continues (a feasible
    but badly conditioned problem can need much more power), and a divergence to 10²⁰⁰ ×
    or ``max_iter`` without feasible point is reported as ``"infeasible"`` with a message
    saying it is not certified. Since :math:`\sum_k\ell_k = \mathrm{rank}(B)`, a
    certificate can only exist when :math:`\sum_k\gamma_k/(1+\gamma_k) \ge
    \mathrm{rank}(B)`; with K <= M linearly independent users every target is feasible
    (zero-forcing) and no certificate exists.

    References
    ----------
    .. [1] M. Schubert, H. Boche, "Solution of the multiuser downlink beamforming problem
       with individual SINR constraints", IEEE Trans. Veh. Technol. 53(1):18-28, 2004,
       doi:10.1109/TVT.2003.819629.
    .. [2] W. Yu, T. Lan, "Transmitter optimization for the multi-antenna downlink with
       per-antenna power constraints", IEEE Trans. Signal Process. 55(6):2646-2660, 2007,
       doi:10.1109/TSP.2006.890905.
    .. [3] R. D. Yates, "A framework for uplink power control in cellular radio systems",
       IEEE J. Sel. Areas Commun. 13(7):1341-1347, 1995, doi:10.1109/49.414651.
    .. [4] E. Björnson, M. Bengtsson, B. Ottersten, "Optimal multiuser transmit beamforming:
       a difficult problem with a simple solution structure", IEEE Signal Process. Mag.
       31(4):142-148, 2014, doi:10.1109/MSP.2014.2312183, arXiv:1404.0408.

    Examples
    --------
    >>> res = min_power_beamforming_fixed_point(np.eye(2), [1.0, 3.0], 0.1)
    >>> res.status, round(res.value, 12), np.round(res["sinr"], 12)
    ('optimal', 0.4, array([1., 3.]))
    """
    t0 = time.perf_counter()
    H, gamma, sigma2 = _validate(H, sinr_targets, noise_power)
    check_real_scalar("tol", tol, 0.0, 1.0, low_open=True, high_open=True)
    max_iter = check_integer("max_iter", max_iter, low=1, high=MAX_FIXED_POINT_ITER)
    check_choice("engine", engine, ("numba", "numpy"))
    newton = check_choice("method", method, ("newton", "iteration")) == "newton"
    loo = check_choice("update", update, ("leave_one_out", "kkt")) == "leave_one_out"
    kernel = _uplink_powers_numba if engine == "numba" else _uplink_powers_numpy
    K, M = H.shape
    Hn = H / np.sqrt(sigma2)[:, None]
    G = np.ascontiguousarray(Hn @ Hn.conj().T)  # G[k, j] = h_k^H h_j
    diag = np.diag(G).real
    if np.any(diag == 0.0):
        k = int(np.flatnonzero(diag == 0.0)[0])
        return _failure("infeasible", K, M, t0, "fixed_point", f"user {k} has an all-zero "
                        "channel", certified_infeasible=True, converged=False)

    lam = np.zeros(K)
    threshold = 1e6 * float(np.max(gamma / ((1.0 + gamma) * diag)))
    histories = []
    n_total = 0
    certified = False
    reason = ""
    while True:
        lam_out, code, n, hist = kernel(G, gamma, lam, float(tol), max_iter - n_total,
                                        threshold, loo, newton)
        n_total += int(n)
        histories.append(hist)
        if np.all(np.isfinite(lam_out)) and np.all(lam_out > 0.0):
            lam = lam_out  # (the kernel returns the last finite iterate)
        if code == _CONVERGED:
            break
        certified = bool(np.any(lam > 0.0)) and _infeasibility_certificate(Hn, gamma, lam)
        if certified:
            reason = "certified by the leverage-score test (no finite fixed point)"
            break
        if code == _NONFINITE:
            reason = "the uplink powers overflowed (diverging iteration, not certified)"
            break
        if code == _BLOWUP:
            threshold *= 1e6
            if threshold > 1e200 * float(np.max(gamma / ((1.0 + gamma) * diag))):
                reason = "the uplink powers diverged (not certified)"
                break
            if n_total < max_iter:
                continue
        break  # max_iter reached
    history = np.concatenate(histories) if histories else np.empty(0)
    common = {"iterations": n_total, "history": history}
    if reason:
        return _failure("infeasible", K, M, t0, "fixed_point",
                        f"SINR targets infeasible: {reason}", certified_infeasible=certified,
                        converged=False, **common)

    U, p = _downlink(Hn, G, gamma, lam)
    converged = code == _CONVERGED
    shortfall = math.nan
    if np.all(np.isfinite(p)) and np.all(p > 0.0):
        shortfall = _constraint_shortfall(Hn, U * np.sqrt(p), gamma)
    if not shortfall <= _SINR_RTOL_POLISHED:  # no positive powers, or they miss a target
        why = ("the downlink power system has no positive solution" if math.isnan(shortfall)
               else f"the downlink powers miss an SINR constraint by {shortfall:.3g} "
                    f"(noise-normalised, tolerance {_SINR_RTOL_POLISHED:g})")
        msg = (f"SINR targets infeasible: max_iter reached and {why} (not certified)"
               if not converged else f"{why} (ill-conditioned problem)")
        return _failure("infeasible" if not converged else "solver_error", K, M, t0,
                        "fixed_point", msg, certified_infeasible=False, converged=converged,
                        constraint_shortfall=shortfall, **common)
    W = U * np.sqrt(p)
    total = float(p.sum())
    info = {
        "converged": converged,
        "certified_infeasible": False,
        "duality_gap": abs(total - float(lam.sum())) / total,
        "constraint_shortfall": shortfall,
    }
    status = "optimal" if converged else "optimal_inaccurate"
    message = "" if converged else f"max_iter={max_iter} reached before convergence"
    return SolveResult(
        status, total,
        {"W": W, "power": p, "sinr": _sinr(H, W, sigma2), "uplink_power": lam},
        n_total, time.perf_counter() - t0, "fixed_point", history, message, info,
    )
