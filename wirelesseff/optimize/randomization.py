r"""Rank-one recovery after semidefinite relaxation (SDR): Gaussian randomisation."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from .._validation import as_generator, check_choice, check_integer, check_real_scalar
from .result import SolveResult

__all__ = ["gaussian_randomization"]

#: Upper bound on ``n_samples`` (the draws are generated at once: 10^6 x M complex numbers).
MAX_SAMPLES = 1_000_000


def _parse_score(out: Any, w: np.ndarray) -> tuple[float, np.ndarray | None]:
    """Normalise one ``score`` output to ``(value, candidate)``; -inf marks infeasible."""
    if out is None:
        return -math.inf, None
    if isinstance(out, tuple):
        if len(out) != 2:
            raise ValueError(f"score must return (value, w_feasible), None or a number, got a "
                             f"tuple of length {len(out)}")
        value, cand = out
    else:
        value, cand = out, w
    value = float(value)
    if cand is None or not math.isfinite(value):
        return -math.inf, None
    cand = np.asarray(cand)
    if cand.dtype.kind not in "biufc" or not np.all(np.isfinite(cand)):
        return -math.inf, None
    return value, cand


def gaussian_randomization(
    W: Any,
    score: Callable[[np.ndarray], Any],
    n_samples: int,
    rng: np.random.Generator | int | None = None,
    *,
    distribution: str = "auto",
    vectorized: bool = False,
    psd_tol: float = 1e-6,
) -> SolveResult:
    r"""Recover a good rank-one point from an SDR solution by Gaussian randomisation.

    Parameters
    ----------
    W : array_like, shape (M, M)
        Solution of the semidefinite relaxation: Hermitian (real symmetric) positive
        semidefinite. It is symmetrised, and eigenvalues down to :math:`-\mathrm{psd\_tol}
        \cdot \lambda_\max` (solver round-off) are clipped to zero.
    score : callable
        Rates one candidate ``w`` (shape (M,)) and makes it feasible. It returns

        * ``(value, w_feasible)`` — the objective value of the feasible point ``w_feasible``
          obtained from ``w`` by projection/scaling (larger is better);
        * a number ``value`` — ``w`` itself is feasible with this value;
        * ``None``, ``-inf`` or ``nan`` (or ``(±, None)``) — no feasible point from ``w``.

        To *minimise* a cost, return its negative. With ``vectorized=True`` ``score``
        receives all candidates as an array of shape (n, M) and returns ``values`` of shape
        (n,) or ``(values, w_feasible)`` with ``w_feasible`` of shape (n, M) (``-inf``/``nan``
        values mark infeasible rows).
    n_samples : int
        Number of random draws, 0 … 1 000 000, in addition to the principal-eigenvector
        candidate.
    rng : Generator, int or None, optional
        Random stream (see :func:`wirelesseff._validation.as_generator`).
    distribution : {"auto", "complex", "real"}, optional
        ``"complex"`` draws :math:`w \sim \mathcal{CN}(0, W)`, ``"real"`` draws
        :math:`w \sim \mathcal{N}(0, W)` (real symmetric ``W`` only); ``"auto"`` (default)
        picks ``"complex"`` for complex ``W`` and ``"real"`` for real ``W``.
    vectorized : bool, optional
        Call ``score`` once on all candidates (see above). Default ``False``.
    psd_tol : float, optional
        Relative tolerance on negative eigenvalues of ``W``, in [0, 1]. Default ``1e-6``.

    Returns
    -------
    SolveResult
        ``status`` is ``"optimal"`` if at least one candidate is feasible (the best of the
        candidates — a heuristic, not a certificate of global optimality unless ``W`` has rank
        one; feasibility is what ``score`` certifies when it repairs and rates a candidate, and
        a candidate whose returned point or value is not finite counts as infeasible) and
        ``"infeasible"`` otherwise; ``value`` is the best score (``-inf`` if none);
        ``variables = {"w": w_best}`` (the feasible point returned by ``score``; ``nan`` if
        none); ``history`` the score of every candidate in order (``-inf`` for infeasible ones;
        index 0 is the principal eigenvector); ``iterations`` the number of candidates
        (``n_samples + 1``); ``info`` holds ``best_index`` (0 = principal eigenvector),
        ``n_feasible`` and ``rank_one_ratio`` :math:`\lambda_\max/\mathrm{tr}\,W`.

    Raises
    ------
    ValueError
        If ``W`` is not square, not Hermitian (relative tolerance 1e-8), not positive
        semidefinite within ``psd_tol``, not finite or zero; if ``distribution="real"`` is
        asked for a complex ``W``; if ``n_samples`` is outside [0, 1 000 000]; if ``score``
        returns a malformed value.

    Notes
    -----
    Candidates, in order:

    0. the principal eigenvector scaled to the relaxation's power,
       :math:`w_0 = \sqrt{\lambda_\max}\,u_\max` (optimal for the original problem when
       :math:`W = w w^H` has rank one, and often the best candidate otherwise);
    1. ... ``n_samples`` draws :math:`w = U\Lambda^{1/2} z` with :math:`W = U\Lambda U^H` and
       :math:`z \sim \mathcal{CN}(0, I)` (or :math:`\mathcal{N}(0, I)`), so that
       :math:`\mathbb{E}[w w^H] = W`: each draw satisfies the relaxation's constraints in
       expectation, and ``score`` repairs it.

    This is the randomisation procedure of Luo et al. [1]_ (Sec. "Extracting a solution");
    for unit-modulus and max-cut-type problems its expected value is within
    :math:`\pi/4` (complex) or :math:`2/\pi` (real) of the SDR upper bound [1]_.
    All draws come from ``rng`` in one call before scoring, so the result depends only on the
    seed.

    References
    ----------
    .. [1] Z.-Q. Luo, W.-K. Ma, A. M.-C. So, Y. Ye, S. Zhang, "Semidefinite relaxation of
       quadratic optimization problems", IEEE Signal Processing Magazine 27(3):20-34, 2010,
       doi:10.1109/MSP.2010.936019.

    Examples
    --------
    A rank-one ``W`` returns its generating vector (up to a phase) as candidate 0:

    >>> import numpy as np
    >>> w = np.array([1.0, 1.0j]) / np.sqrt(2)
    >>> def score(v):  # maximise |w^H v|^2 on the unit sphere: normalise, then rate
    ...     v = v / np.linalg.norm(v)
    ...     return abs(np.vdot(w, v)) ** 2, v
    >>> res = gaussian_randomization(np.outer(w, w.conj()), score, 10, rng=0)
    >>> res.status, res.info["best_index"], round(res.value, 6)
    ('optimal', 0, 1.0)
    """
    n_samples = check_integer("n_samples", n_samples, low=0, high=MAX_SAMPLES)
    check_choice("distribution", distribution, ("auto", "complex", "real"))
    check_real_scalar("psd_tol", psd_tol, 0.0, 1.0)
    W = np.asarray(W)
    if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] == 0:
        raise ValueError(f"W must be a square (M, M) matrix, got shape {W.shape}")
    if not np.all(np.isfinite(W)):
        raise ValueError("W must be finite, got nan/inf entries")
    is_complex = np.iscomplexobj(W)
    if distribution == "auto":
        distribution = "complex" if is_complex else "real"
    if distribution == "real" and is_complex:
        if np.any(W.imag != 0):
            raise ValueError("distribution='real' needs a real symmetric W, got complex W")
        W = W.real
    scale = float(np.max(np.abs(W)))
    if scale == 0.0:
        raise ValueError("W must be non-zero, got the zero matrix")
    herm_err = float(np.max(np.abs(W - W.conj().T))) / scale
    if herm_err > 1e-8:
        raise ValueError(
            f"W must be Hermitian, got max|W - W^H|/max|W| = {herm_err:.3g} (tolerance 1e-08)"
        )
    W = 0.5 * (W + W.conj().T)
    evals, evecs = np.linalg.eigh(W)
    lam_max = float(evals[-1])
    if lam_max <= 0.0 or evals[0] < -psd_tol * lam_max:
        raise ValueError(
            f"W must be positive semidefinite, got smallest eigenvalue {evals[0]:.6g} "
            f"(largest {lam_max:.6g}, allowed relative negativity psd_tol={psd_tol:g})"
        )
    evals = np.clip(evals, 0.0, None)
    rng = as_generator(rng)
    m = W.shape[0]
    t_start = time.perf_counter()

    if distribution == "complex":
        z = (rng.standard_normal((n_samples, m)) + 1j * rng.standard_normal((n_samples, m)))
        z /= np.sqrt(2.0)
    else:
        z = rng.standard_normal((n_samples, m))
    draws = (z * np.sqrt(evals)) @ evecs.T  # rows: U Lambda^{1/2} z
    principal = np.sqrt(lam_max) * evecs[:, -1]
    cands = np.vstack([principal[None, :], draws])

    values = np.full(n_samples + 1, -math.inf)
    if vectorized:
        out = score(cands)
        if isinstance(out, tuple):
            if len(out) != 2:
                raise ValueError("score must return values or (values, w_feasible) when "
                                 "vectorized=True")
            vals, feas = np.asarray(out[0], dtype=float), np.asarray(out[1])
        else:
            vals, feas = np.asarray(out, dtype=float), cands
        if vals.shape != (n_samples + 1,) or feas.shape[0] != n_samples + 1:
            raise ValueError(
                f"score must return {n_samples + 1} values (and rows) when vectorized=True, "
                f"got shapes {vals.shape} and {feas.shape}"
            )
        finite_rows = np.all(np.isfinite(feas.reshape(n_samples + 1, -1)), axis=1)
        values = np.where(np.isfinite(vals) & finite_rows, vals, -math.inf)
        feasible_points = list(feas)
    else:
        feasible_points = []
        for i, w in enumerate(cands):
            val, cand = _parse_score(score(w), w)
            values[i] = val
            feasible_points.append(cand)

    n_feasible = int(np.count_nonzero(np.isfinite(values)))
    info = {
        "n_feasible": n_feasible,
        "rank_one_ratio": lam_max / float(np.sum(evals)),
        "best_index": -1,
    }
    elapsed = time.perf_counter() - t_start
    if n_feasible == 0:
        return SolveResult(
            "infeasible", -math.inf, {"w": np.full(m, np.nan, dtype=W.dtype)},
            iterations=n_samples + 1, solve_time=elapsed, solver="gaussian_randomization",
            history=values, message=f"none of the {n_samples + 1} candidates was feasible",
            info=info,
        )
    best = int(np.argmax(values))
    if np.isfinite(values[0]) and values[0] >= values[best] - 1e-12 * abs(values[best]):
        best = 0  # the principal eigenvector wins ties (relative 1e-12)
    info["best_index"] = best
    return SolveResult(
        "optimal", float(values[best]), {"w": np.array(feasible_points[best], copy=True)},
        iterations=n_samples + 1, solve_time=elapsed, solver="gaussian_randomization",
        history=values, info=info,
    )
