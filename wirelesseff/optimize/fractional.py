r"""Fractional programming: Dinkelbach's algorithm for :math:`\max_x N(x)/D(x)`."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .._validation import check_integer, check_real_scalar
from ._checks import check_callable
from .result import SolveResult

__all__ = ["dinkelbach"]

#: Upper bound on ``max_iter`` of the fractional-programming iterations (Dinkelbach converges
#: superlinearly: a few tens of inner solves are typical, 10 000 is never needed).
MAX_DINKELBACH_ITER = 10_000


def _as_variables(x: Any) -> dict[str, Any]:
    if isinstance(x, Mapping):
        return dict(x)
    return {"x": np.asarray(x) if not np.isscalar(x) else x}


def dinkelbach(
    solve_inner: Callable[[float], Any],
    numerator: Callable[[Any], float],
    denominator: Callable[[Any], float],
    tol: float = 1e-8,
    max_iter: int = 50,
    *,
    lambda0: float | None = None,
) -> SolveResult:
    r"""Maximise a ratio :math:`N(x)/D(x)` with :math:`D > 0` by Dinkelbach's algorithm.

    Parameters
    ----------
    solve_inner : callable
        ``solve_inner(lam)`` returns a maximiser :math:`x_\lambda` of :math:`N(x) - \lambda
        D(x)` over the feasible set. It may return the point itself (any object
        ``numerator``/``denominator`` accept), a :class:`SolveResult` (typically from
        :meth:`ParametricProblem.solve` with :math:`\lambda` as a parameter; its
        ``variables`` dict is then the point passed on), or ``None`` if the inner problem is
        infeasible.
    numerator, denominator : callable
        :math:`N(x)` and :math:`D(x)` evaluated at a point returned by ``solve_inner`` (the
        ``variables`` dict for a :class:`SolveResult`) [units of the objective].
    tol : float, optional
        Relative stopping tolerance, in (0, 1): stop when :math:`F(\lambda_i) = N(x_i) -
        \lambda_i D(x_i) \le \mathrm{tol}\,|N(x_i)|`, i.e. when the ratio improves by less
        than ``tol`` relatively. Default ``1e-8``.
    max_iter : int, optional
        Maximum number of inner solves, 1 … 10 000. Default 50 (Dinkelbach converges
        superlinearly; a few iterations are typical).
    lambda0 : float, optional
        Starting value :math:`\lambda_0` (finite). Default 0 (valid whenever :math:`N \ge 0`
        somewhere); the ratio of any feasible point is a good start.

    Returns
    -------
    SolveResult
        ``value`` is the optimal ratio :math:`\lambda^\star` (``-inf`` when infeasible);
        ``variables`` the final point (the ``variables`` of the inner :class:`SolveResult`, the
        mapping returned by ``solve_inner``, or ``{"x": x}`` for any other point); ``history``
        the sequence :math:`\lambda_0, \lambda_1, \dots, \lambda_n` of ratios used as inner
        parameters, ending at ``value``; ``iterations`` the number of inner solves;
        ``solver`` is ``"dinkelbach"``; ``info`` holds ``F`` (the values
        :math:`F(\lambda_i)`), ``inner_solvers`` (the solver of each inner
        :class:`SolveResult`) and ``converged`` (the stopping rule was met, not ``max_iter``).

        ``status`` is ``"optimal"`` after convergence, ``"optimal_inaccurate"`` when
        ``max_iter`` was reached or an inner solve was inaccurate, and the inner status
        (``"infeasible"``, ``"unbounded"``, ``"solver_error"``) when an inner solve failed —
        never an exception. A non-positive or non-finite :math:`D`, or a non-finite :math:`N`,
        gives ``"solver_error"`` with a message.

    Raises
    ------
    ValueError
        If ``tol`` is not in (0, 1), ``max_iter`` is not in [1, 10 000] or ``lambda0`` is not
        a finite scalar (checked before ``solve_inner`` is called).
    TypeError
        If ``solve_inner``, ``numerator`` or ``denominator`` is not callable.

    Notes
    -----
    Let :math:`\lambda^\star = \max_x N(x)/D(x)` and :math:`F(\lambda) = \max_x N(x) -
    \lambda D(x)`. :math:`F` is convex, strictly decreasing (as :math:`D > 0`) and
    :math:`F(\lambda) = 0 \iff \lambda = \lambda^\star` (Dinkelbach [1]_, Theorem 1). The
    algorithm is Newton's method on :math:`F`:

    .. math:: x_i = \arg\max_x N(x) - \lambda_i D(x), \qquad
              \lambda_{i+1} = N(x_i)/D(x_i).

    **Monotonicity.** :math:`F(\lambda_i) = D(x_i)(\lambda_{i+1} - \lambda_i)`. If
    :math:`\lambda_i \le \lambda^\star` then :math:`F(\lambda_i) \ge 0`, hence
    :math:`\lambda_{i+1} \ge \lambda_i`; and :math:`\lambda_{i+1}` is the ratio of a feasible
    point, so :math:`\lambda_{i+1} \le \lambda^\star`. By induction the sequence is
    non-decreasing and bounded by :math:`\lambda^\star`, and it converges superlinearly [1]_.
    (If ``lambda0`` exceeds :math:`\lambda^\star` the first step *decreases* :math:`\lambda` to
    a feasible ratio and the sequence is non-decreasing from there; the message says so.)

    **Inexact inner solves.** A numerical solver can return an :math:`x_i` whose ratio is
    slightly below :math:`\lambda_i`. Such a step is not appended to ``history``; the
    algorithm stops with the best point found (the ratio never decreases).

    References
    ----------
    .. [1] W. Dinkelbach, "On nonlinear fractional programming", Management Science
       13(7):492-498, 1967, doi:10.1287/mnsc.13.7.492.

    Examples
    --------
    Single-link energy efficiency :math:`\log_2(1 + a p)/(p/\mu + P_c)` on :math:`[0, P]`,
    whose inner problem is solved in closed form (water-filling level
    :math:`\mu/(\lambda\ln 2) - 1/a`):

    >>> a, mu, pc, pmax = 10.0, 0.5, 1.0, 2.0
    >>> def inner(lam):
    ...     return pmax if lam == 0 else min(max(mu / (lam * np.log(2)) - 1 / a, 0.0), pmax)
    >>> res = dinkelbach(inner, lambda p: np.log2(1 + a * p), lambda p: p / mu + pc)
    >>> res.status, round(res.value, 6), round(float(res["x"]), 6)
    ('optimal', 1.294502, 0.457239)
    >>> bool(np.all(np.diff(res.history) >= 0))
    True

    The same optimum in closed form, :math:`p^\star = (x^\star - 1)/a` with
    :math:`x^\star` from :func:`~wirelesseff.optimize.lambertw_ratio_argmax`:

    >>> from wirelesseff.optimize import lambertw_ratio_argmax
    >>> round(float((lambertw_ratio_argmax(a * mu * pc - 1) - 1) / a), 6)
    0.457239
    """
    check_callable("solve_inner", solve_inner)
    check_callable("numerator", numerator)
    check_callable("denominator", denominator)
    check_real_scalar("tol", tol, 0.0, 1.0, low_open=True, high_open=True)
    max_iter = check_integer("max_iter", max_iter, low=1, high=MAX_DINKELBACH_ITER)
    lam = 0.0
    if lambda0 is not None:
        lam = check_real_scalar("lambda0", lambda0)
    t_start = time.perf_counter()
    history = [lam]
    f_values: list[float] = []
    inner_solvers: list[str] = []
    best_x: dict[str, Any] | None = None
    best_ratio = -math.inf
    inaccurate = False
    notes: list[str] = []

    def finish(status: str, value: float, message: str = "", converged: bool = True
               ) -> SolveResult:
        if notes:
            message = "; ".join([message, *notes]) if message else "; ".join(notes)
        return SolveResult(
            status,
            value,
            best_x if best_x is not None else {},
            iterations=len(f_values) + (status in ("infeasible", "unbounded", "solver_error")),
            solve_time=time.perf_counter() - t_start,
            solver="dinkelbach",
            history=np.asarray(history, dtype=float),
            message=message,
            info={"F": np.asarray(f_values), "inner_solvers": tuple(inner_solvers),
                  "converged": converged and status in ("optimal", "optimal_inaccurate")},
        )

    for i in range(max_iter):
        out = solve_inner(lam)
        if out is None:
            return finish("infeasible", -math.inf,
                          f"inner problem infeasible at iteration {i} (lambda={lam:.6g})")
        if isinstance(out, SolveResult):
            inner_solvers.append(out.solver)
            if not out.ok:
                value = -math.inf if out.status == "infeasible" else (
                    math.inf if out.status == "unbounded" else math.nan)
                why = f": {out.message}" if out.message else ""
                return finish(out.status, value,
                              f"inner problem {out.status} at iteration {i} "
                              f"(lambda={lam:.6g}){why}")
            inaccurate |= out.status == "optimal_inaccurate"
            x = out.variables
        else:
            x = out
        n_val = float(numerator(x))
        d_val = float(denominator(x))
        if not (math.isfinite(d_val) and d_val > 0.0) or not math.isfinite(n_val):
            return finish("solver_error", math.nan,
                          f"denominator must be positive and finite and numerator finite at "
                          f"the inner solution, got N={n_val:.6g}, D={d_val:.6g} at "
                          f"iteration {i}")
        f_val = n_val - lam * d_val
        f_values.append(f_val)
        ratio = n_val / d_val
        if ratio > best_ratio:
            best_x, best_ratio = _as_variables(x), ratio
        if i == 0 and ratio < lam:
            # lambda0 is above the optimum: Newton on F steps down to a feasible ratio, and the
            # sequence is non-decreasing from there.
            notes.append(f"lambda0={lam:.6g} exceeds the optimal ratio; the first step "
                         "decreased lambda")
            lam = ratio
            history.append(lam)
            continue
        if f_val <= tol * abs(n_val) or ratio <= lam:
            if ratio > lam:
                history.append(ratio)
            status = "optimal_inaccurate" if inaccurate else "optimal"
            return finish(status, best_ratio, "an inner solve was inaccurate" if inaccurate
                          else "")
        lam = ratio
        history.append(lam)
    return finish("optimal_inaccurate", best_ratio,
                  f"max_iter={max_iter} reached before F(lambda) <= tol*|N|", converged=False)
