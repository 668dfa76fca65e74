r"""Fractional programming over cvxpy expressions: one ratio, the worst of several, their sum.

cvxpy cannot maximise a ratio of expressions. This module does, for the three classic forms of
energy-efficiency problems:

* :func:`maximize_ratio` — :math:`\max_x N(x)/D(x)` by the Charnes-Cooper/Schaible transform
  (one convex problem) or Dinkelbach's algorithm (a parametric problem compiled once);
* :func:`maximize_min_ratio` — :math:`\max_x \min_i N_i(x)/D_i(x)` by the generalized
  Dinkelbach algorithm of Crouzeix, Ferland and Schaible;
* :func:`maximize_sum_of_ratios` — :math:`\max_x \sum_i w_i N_i(x)/D_i(x)` by the quadratic
  transform of Shen and Yu (a stationary point, not a global certificate).

Numerators are concave and non-negative, denominators convex and positive on the feasible set
(both checked). Every answer is checked a posteriori against the constraints. The algorithms run
on small private classes that compile their convex subproblems once (DPP) and re-solve them with
new parameter values; :func:`wirelesseff.optimize.ee_power_control` re-uses them inside its
successive convex approximation. See ``docs/optimize.md``, "Fractional programming".
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import cvxpy as cp
import numpy as np

from .._validation import (
    check_choice,
    check_finite,
    check_in_range,
    check_integer,
    check_real_scalar,
)
from ._feasibility import DEFAULT_FEASIBILITY_TOL, constraint_violation
from .fractional import MAX_DINKELBACH_ITER, dinkelbach
from .numerics import precise_scs
from .parametric import ParametricProblem, normalize_solver_chain
from .result import SolveResult

__all__ = ["maximize_min_ratio", "maximize_ratio", "maximize_sum_of_ratios"]

#: Default solver chain of the fractional-programming solvers: Clarabel, then SCS with tight
#: tolerances (so that a fall-back answer passes the a posteriori feasibility check).
FP_SOLVERS = ("CLARABEL", precise_scs(1e-9))

#: A denominator is "positive on the feasible set" when its minimum there exceeds this
#: multiple of the size of its data (Clarabel resolves about 1e-8 of it).
_DEN_MARGIN = 1e-7

# Constraint classes the Charnes-Cooper/Schaible transform rewrites (see _persp_constraint).
_CC_CONSTRAINTS = (
    "Inequality (lhs <= rhs, lhs - rhs convex)",
    "Equality / Zero (affine)",
    "NonNeg / NonPos",
    "SOC, PSD and ExpCone with affine arguments",
)


# ---------------------------------------------------------------------------------------------
# input checks
# ---------------------------------------------------------------------------------------------
def _scalar_expression(name: str, expr: Any) -> cp.Expression:
    """A real scalar cvxpy expression with finite data (numbers become constants)."""
    if isinstance(expr, bool | np.bool_):
        raise TypeError(f"{name} must be a cvxpy expression or a number, got a boolean")
    if isinstance(expr, int | float | np.integer | np.floating):
        check_finite(**{name: expr})
        expr = cp.Constant(float(expr))
    if not isinstance(expr, cp.Expression):
        raise TypeError(f"{name} must be a cvxpy expression, got {type(expr).__name__}")
    if expr.size != 1:
        raise ValueError(f"{name} must be a scalar expression, got shape {expr.shape}")
    if expr.is_complex():
        raise ValueError(f"{name} must be real-valued, got a complex expression")
    for leaf in (*expr.constants(), *expr.parameters()):
        value = leaf.value
        if value is None:
            raise ValueError(f"{name}: parameter {leaf.name()!r} has no value")
        check_finite(**{name: getattr(value, "data", value)})
    return expr if expr.shape == () else cp.sum(expr)


def _curvature(expr: cp.Expression) -> str:
    return str(expr.curvature).lower()


def _require_curvature(name: str, expr: cp.Expression, want: str) -> None:
    ok = expr.is_concave() if want == "concave" else expr.is_convex()
    if not ok:
        raise ValueError(f"{name} must be {want} (DCP), got {_curvature(expr)}")


def _check_constraints(constraints: Any) -> list[cp.Constraint]:
    if constraints is None:
        return []
    if isinstance(constraints, cp.Constraint):
        constraints = [constraints]
    if not isinstance(constraints, Iterable) or isinstance(constraints, str | bytes):
        raise TypeError(f"constraints must be a list of cvxpy constraints, got "
                        f"{type(constraints).__name__}")
    out = list(constraints)
    for i, c in enumerate(out):
        if not isinstance(c, cp.Constraint):
            raise TypeError(f"constraints[{i}] must be a cvxpy constraint, got "
                            f"{type(c).__name__} ({c!r})")
        if not c.is_dcp():
            raise ValueError(f"constraints[{i}] must be DCP (a convex feasible set), got {c}")
        for leaf in (*c.constants(), *c.parameters()):
            value = leaf.value
            if value is None:
                raise ValueError(f"constraints[{i}]: parameter {leaf.name()!r} has no value")
            check_finite(**{f"constraints[{i}]": getattr(value, "data", value)})
    return out


def _collect_variables(exprs: Sequence[cp.Expression],
                       constraints: Sequence[cp.Constraint]) -> dict[str, cp.Variable]:
    """The problem's variables by name (names must be unique; no integer/boolean variables)."""
    seen: dict[int, cp.Variable] = {}
    for obj in (*exprs, *constraints):
        for v in obj.variables():
            seen.setdefault(v.id, v)
    out: dict[str, cp.Variable] = {}
    for v in seen.values():
        if v.attributes.get("boolean") or v.attributes.get("integer"):
            raise ValueError(f"variable {v.name()!r} is integer/boolean: mixed-integer "
                             "fractional programs are not supported")
        if v.name() in out:
            raise ValueError(f"two variables share the name {v.name()!r}; give them distinct "
                             "names (cp.Variable(name=...)), the result reports variables by "
                             "name")
        out[v.name()] = v
    if not out:
        raise ValueError("the problem has no variables (numerators, denominators and "
                         "constraints are all constant)")
    return out


def _data_scale(exprs: Iterable[cp.Expression]) -> float:
    """Largest magnitude among the constants and parameters of ``exprs`` (at least 1)."""
    scale = 1.0
    for e in exprs:
        for leaf in (*e.constants(), *e.parameters()):
            value = getattr(leaf.value, "data", leaf.value)
            arr = np.abs(np.asarray(value, dtype=complex))
            if arr.size:
                scale = max(scale, float(np.max(arr)))
    return scale


def _tol(check: bool) -> float | None:
    """Feasibility tolerance of the inner problems (None: the caller verifies its answer)."""
    return DEFAULT_FEASIBILITY_TOL if check else None


def _chain(solver: Any):
    return normalize_solver_chain(FP_SOLVERS if solver is None else solver)


# ---------------------------------------------------------------------------------------------
# evaluation at a point
# ---------------------------------------------------------------------------------------------
def _assign(variables: Mapping[str, cp.Variable], point: Mapping[str, Any]) -> None:
    # save_value: a solver's point may miss a sign attribute by round-off (-1e-12 for a
    # nonneg variable), which cvxpy's validating setter would refuse.
    for name, var in variables.items():
        var.save_value(np.asarray(point[name]))


def _value(expr: cp.Expression) -> float:
    v = expr.value
    return math.nan if v is None else float(np.real(np.asarray(v)).reshape(-1)[0])


def _evaluate(exprs: Sequence[cp.Expression], variables, point) -> np.ndarray:
    _assign(variables, point)
    return np.array([_value(e) for e in exprs])


def _nan_point(variables: Mapping[str, cp.Variable]) -> dict[str, np.ndarray]:
    return {name: np.full(v.shape, np.nan, dtype=complex if v.is_complex() else float)
            for name, v in variables.items()}


def _copy_point(point: Mapping[str, Any], variables) -> dict[str, np.ndarray]:
    return {name: np.array(point[name], copy=True) for name in variables}


# ---------------------------------------------------------------------------------------------
# compiled algorithms (re-used by ee_power_control)
# ---------------------------------------------------------------------------------------------
class _SingleRatio:
    r"""Dinkelbach's algorithm for :math:`\max N/D` on a DPP problem compiled once.

    The inner problem :math:`\max N - \lambda D` has :math:`\lambda` as a parameter
    (non-negative unless :math:`D` is affine), so :math:`N` may contain parameters but
    :math:`D` must not (:math:`\lambda D` would not be DPP).
    """

    def __init__(self, num, den, constraints, variables, chain, check=True):
        if den.parameters():
            raise ValueError("denominator must not contain cp.Parameter objects: Dinkelbach's "
                             "inner problem N - lambda*D would not be DPP (compiled once); "
                             "use constants in the denominator")
        self.num, self.den, self.variables = num, den, variables
        self.den_affine = den.is_affine()
        self.lam = cp.Parameter(name="lambda", nonneg=not self.den_affine)
        prob = cp.Problem(cp.Maximize(num - self.lam * den), constraints)
        self.inner = ParametricProblem(prob, solvers=chain, parameters={"lambda": self.lam},
                                       variables=variables, feasibility_tol=_tol(check))

    def ratio_parts(self, point) -> tuple[float, float]:
        n, d = _evaluate((self.num, self.den), self.variables, point)
        return n, d

    def solve_inner(self, lam: float):
        if lam < 0.0 and not self.den_affine:
            raise ValueError(
                f"numerator must be non-negative at the optimum when the denominator is not "
                f"affine (the ratio would need lambda = {lam:.6g} < 0, and N - lambda*D is "
                "then not concave); shift the numerator or use an affine denominator")
        return self.inner.solve(**{"lambda": lam})

    def run(self, lambda0: float, tol: float, max_iter: int,
            d_min: float | None = None) -> SolveResult:
        res = dinkelbach(self.solve_inner, lambda v: self.ratio_parts(v)[0],
                         lambda v: self.ratio_parts(v)[1], tol=tol, max_iter=max_iter,
                         lambda0=lambda0)
        info = dict(res.info)
        info["method"] = "dinkelbach"
        f_vals = np.asarray(info.get("F", ()), dtype=float)
        lams = np.asarray(res.history[: f_vals.size], dtype=float)
        if d_min is not None and f_vals.size and res.ok:
            # F(lam) >= D(x*) (lam* - lam) >= d_min (lam* - lam): an upper bound on lam*
            upper = float(np.min(lams + np.maximum(f_vals, 0.0) / d_min))
            info["upper_bound"] = max(upper, res.value)
            info["gap"] = info["upper_bound"] - res.value
            info["certificate"] = ("Dinkelbach: lambda* <= lambda_i + F(lambda_i)/min D over "
                                   "the inner solves")
        return SolveResult(res.status, res.value, res.variables, res.iterations,
                           res.solve_time, res.solver, res.history, res.message, info)


class _MultiRatio:
    """Common part of the algorithms over several ratios N_i/D_i."""

    solver_name = ""

    def __init__(self, nums, dens, variables):
        if any(d.parameters() for d in dens):
            raise ValueError("denominators must not contain cp.Parameter objects (a parameter "
                             "times D_i would not be DPP); use constants in the denominators")
        self.nums, self.dens, self.variables = list(nums), list(dens), variables

    def parts(self, point) -> tuple[np.ndarray, np.ndarray]:
        """Numerators and denominators at ``point``."""
        vals = _evaluate((*self.nums, *self.dens), self.variables, point)
        m = len(self.nums)
        return vals[:m], vals[m:]

    def bad_start(self, n: np.ndarray, d: np.ndarray) -> SolveResult | None:
        """A solver_error result if the starting point is unusable, else None."""
        if np.all(np.isfinite(n)) and np.all(np.isfinite(d)) and np.all(d > 0):
            return None
        return SolveResult("solver_error", math.nan, _nan_point(self.variables),
                           message="the starting point has a non-positive or non-finite "
                                   "denominator", solver=self.solver_name)


class _MinRatio(_MultiRatio):
    r"""Generalized Dinkelbach for :math:`\max_x \min_i N_i/D_i` on a DPP problem.

    Inner problem (scaled form): :math:`\max \tau` s.t. :math:`s_i\tau \le N_i - \lambda D_i`,
    with :math:`s_i = D_i(x_{k-1})` and :math:`\lambda` parameters.
    """

    solver_name = "generalized_dinkelbach"

    def __init__(self, nums, dens, constraints, variables, chain, check=True):
        super().__init__(nums, dens, variables)
        m = len(nums)
        self.den_affine = all(d.is_affine() for d in dens)
        self.lam = cp.Parameter(name="lambda", nonneg=not self.den_affine)
        self.scale = cp.Parameter(m, pos=True, name="scale")
        self.tau = cp.Variable(name="tau")
        cons = [self.scale[i] * self.tau <= nums[i] - self.lam * dens[i] for i in range(m)]
        prob = cp.Problem(cp.Maximize(self.tau), cons + list(constraints))
        self.inner = ParametricProblem(prob, solvers=chain,
                                       parameters={"lambda": self.lam, "scale": self.scale},
                                       variables={**variables, "__tau": self.tau},
                                       feasibility_tol=_tol(check))

    def run(self, point0, tol: float, max_iter: int,
            d_min: np.ndarray | None = None) -> SolveResult:
        t0 = time.perf_counter()
        n, d = self.parts(point0)
        if (bad := self.bad_start(n, d)) is not None:
            return bad
        best = _copy_point(point0, self.variables)
        lam = float(np.min(n / d))
        history, taus, bounds, solvers = [lam], [], [], []
        status, message, it = "optimal_inaccurate", f"max_iter={max_iter} reached", 0
        inaccurate = converged = False
        for it in range(1, max_iter + 1):
            if lam < 0.0 and not self.den_affine:
                raise ValueError(
                    f"numerators must allow a non-negative worst ratio when a denominator is "
                    f"not affine (the best worst ratio found is {lam:.6g} < 0)")
            res = self.inner.solve(**{"lambda": lam, "scale": d})
            solvers.append(res.solver)
            if not res.ok:
                status, message = res.status, (f"inner problem {res.status} at iteration "
                                               f"{it} (lambda={lam:.6g}): {res.message}")
                break
            inaccurate |= res.status == "optimal_inaccurate"
            tau = float(res["__tau"])
            taus.append(tau)
            if d_min is not None:  # lam* <= lam + tau * max_i s_i / min D_i
                bounds.append(lam + max(tau, 0.0) * float(np.max(d / d_min)))
            point = {k: res[k] for k in self.variables}
            n_new, d_new = self.parts(point)
            if not (np.all(np.isfinite(n_new)) and np.all(d_new > 0)):
                status, message = "solver_error", (f"non-positive denominator at iteration "
                                                   f"{it}")
                break
            lam_new = float(np.min(n_new / d_new))
            if lam_new > lam:
                best, n, d = _copy_point(point, self.variables), n_new, d_new
            if tau <= tol * max(abs(lam), abs(lam_new), 1e-300) or lam_new <= lam:
                if lam_new > lam:
                    lam = lam_new
                    history.append(lam)
                converged = True
                status = "optimal_inaccurate" if inaccurate else "optimal"
                message = "an inner solve was inaccurate" if inaccurate else ""
                break
            lam = lam_new
            history.append(lam)
        info: dict[str, Any] = {"method": "generalized_dinkelbach", "tau": np.asarray(taus),
                                "inner_solvers": tuple(solvers),
                                "converged": converged}
        if bounds:
            info["upper_bound"] = max(min(bounds), lam)
            info["gap"] = info["upper_bound"] - lam
            info["certificate"] = ("generalized Dinkelbach: lambda* <= lambda_k + "
                                   "tau_k max_i D_i(x_k-1)/min D_i")
        value = lam if status in ("optimal", "optimal_inaccurate") else (
            -math.inf if status == "infeasible" else math.nan)
        return SolveResult(status, value, best, it, time.perf_counter() - t0,
                           "generalized_dinkelbach", np.asarray(history), message, info)


class _SumOfRatios(_MultiRatio):
    r"""Quadratic transform for :math:`\max_x \sum_i N_i/D_i` on a DPP problem.

    Surrogate at fixed :math:`y`: :math:`\max \sum_i 2y_i s_i - y_i^2 D_i` s.t.
    :math:`0 \le s_i`, :math:`s_i^2 \le N_i` (weights folded into the numerators by the
    caller), with
    :math:`c_i = 2y_i` and :math:`e_i = y_i^2` as parameters.
    """

    solver_name = "quadratic_transform"

    def __init__(self, nums, dens, constraints, variables, chain, check=True):
        super().__init__(nums, dens, variables)
        m = len(nums)
        self.c = cp.Parameter(m, nonneg=True, name="c")
        self.e = cp.Parameter(m, nonneg=True, name="e")
        # s_i <= sqrt(N_i) written as s_i^2 <= N_i, s_i >= 0 (the same set, since c >= 0 makes
        # s_i >= 0 optimal): no square root to evaluate at N_i = -1e-12 in the a posteriori check
        self.s = cp.Variable(m, nonneg=True, name="s")
        cons = [cp.square(self.s[i]) <= nums[i] for i in range(m)]
        obj = self.c @ self.s - sum(self.e[i] * dens[i] for i in range(m))
        prob = cp.Problem(cp.Maximize(obj), cons + list(constraints))
        self.inner = ParametricProblem(prob, solvers=chain,
                                       parameters={"c": self.c, "e": self.e},
                                       variables={**variables, "__s": self.s},
                                       feasibility_tol=_tol(check))

    def run(self, point0, tol: float, max_iter: int) -> SolveResult:
        t0 = time.perf_counter()
        n, d = self.parts(point0)
        if (bad := self.bad_start(n, d)) is not None:
            return bad
        if np.any(n < -1e-9 * max(1.0, float(np.max(np.abs(n))))):
            i = int(np.argmin(n))
            raise ValueError(f"numerators must be non-negative on the feasible set for the "
                             f"quadratic transform, numerator {i} is {n[i]:.6g} at a feasible "
                             "point")
        n = np.maximum(n, 0.0)  # round-off
        best = _copy_point(point0, self.variables)
        f = float(np.sum(n / d))
        history, solvers = [f], []
        status, message, it = "optimal_inaccurate", f"max_iter={max_iter} reached", 0
        inaccurate = converged = False
        for it in range(1, max_iter + 1):
            y = np.sqrt(n) / d  # optimal auxiliary variables for the current point
            # the x-update is invariant to a positive scaling of g(x, y): divide by max(y)
            kappa = float(np.max(y)) if np.max(y) > 0 else 1.0
            res = self.inner.solve(c=2.0 * y / kappa, e=y * y / kappa)
            solvers.append(res.solver)
            if not res.ok:
                status, message = res.status, (f"inner problem {res.status} at iteration "
                                               f"{it}: {res.message}")
                break
            inaccurate |= res.status == "optimal_inaccurate"
            point = {k: res[k] for k in self.variables}
            n_new, d_new = self.parts(point)
            f_new = float(np.sum(np.maximum(n_new, 0.0) / d_new)) if np.all(d_new > 0) \
                else -math.inf
            if not f_new >= f:  # inexact solve (the transform guarantees f_new >= f)
                converged = True
                status = "optimal_inaccurate" if inaccurate else "optimal"
                message = ("stopped when an inner solve did not improve the objective "
                           f"({f_new:.9g} < {f:.9g}, solver tolerance)")
                break
            gain = f_new - f
            best, n, d, f = _copy_point(point, self.variables), np.maximum(n_new, 0.0), \
                d_new, f_new
            history.append(f)
            if gain <= tol * max(abs(f), 1e-300):
                converged = True
                status = "optimal_inaccurate" if inaccurate else "optimal"
                message = "an inner solve was inaccurate" if inaccurate else ""
                break
        info = {"method": "quadratic_transform", "inner_solvers": tuple(solvers),
                "converged": converged,
                "certificate": "stationary point (monotone quadratic transform); not a "
                               "global optimality certificate"}
        value = f if status in ("optimal", "optimal_inaccurate") else (
            -math.inf if status == "infeasible" else math.nan)
        return SolveResult(status, value, best, it, time.perf_counter() - t0,
                           "quadratic_transform", np.asarray(history), message, info)


# ---------------------------------------------------------------------------------------------
# Charnes-Cooper / Schaible
# ---------------------------------------------------------------------------------------------
def _constant_part(expr: cp.Expression) -> np.ndarray:
    """Value of an affine expression with every variable set to zero."""
    saved = [(v, v.value) for v in expr.variables()]
    try:
        for v in expr.variables():
            v.save_value(np.zeros(v.shape, dtype=complex if v.is_complex() else float))
        value = expr.value
    finally:
        for v, old in saved:
            v.save_value(old)
    return np.asarray(value)


def _affine_persp(expr: cp.Expression, t: cp.Variable) -> cp.Expression:
    r"""Perspective :math:`t\,e(y/t) = e(y) + (t - 1)\,e(0)` of an affine expression."""
    const = _constant_part(expr)
    if not np.any(const):
        return expr
    return expr + (t - 1.0) * const


def _persp(expr: cp.Expression, t: cp.Variable) -> cp.Expression:
    """Perspective of a scalar expression: exact for affine ones, ``cp.perspective`` else."""
    if expr.is_affine():
        return _affine_persp(expr, t)
    return cp.perspective(expr, t)


def _persp_elementwise(expr: cp.Expression, t: cp.Variable) -> list[cp.Expression]:
    return [_persp(expr[idx] if expr.shape else expr, t)
            for idx in (np.ndindex(*expr.shape) if expr.shape else [()])]


def _persp_constraint(c: cp.Constraint, t: cp.Variable) -> list[cp.Constraint] | None:
    """The Charnes-Cooper image of constraint ``c`` (``None`` if its class is not supported)."""
    cons = cp.constraints
    if isinstance(c, cons.Inequality):
        g = c.args[0] - c.args[1]
        if g.is_affine():
            return [_affine_persp(g, t) <= 0]
        return [p <= 0 for p in _persp_elementwise(g, t)]
    if isinstance(c, cons.Equality):
        return [_affine_persp(c.args[0] - c.args[1], t) == 0]
    if isinstance(c, cons.Zero):
        return [_affine_persp(c.args[0], t) == 0]
    if isinstance(c, cons.NonNeg):
        g = c.args[0]
        if g.is_affine():
            return [_affine_persp(g, t) >= 0]
        return [p <= 0 for p in _persp_elementwise(-g, t)]
    if isinstance(c, cons.NonPos):
        g = c.args[0]
        if g.is_affine():
            return [_affine_persp(g, t) <= 0]
        return [p <= 0 for p in _persp_elementwise(g, t)]
    if not all(a.is_affine() for a in c.args):
        return None
    if isinstance(c, cons.SOC):  # cones are invariant under positive scaling
        return [cp.SOC(_affine_persp(c.args[0], t), _affine_persp(c.args[1], t), axis=c.axis)]
    if isinstance(c, cons.PSD):
        return [cons.PSD(_affine_persp(c.args[0], t))]
    if isinstance(c, cons.ExpCone):
        return [cons.ExpCone(*(_affine_persp(a, t) for a in c.args))]
    return None


def _charnes_cooper_obstacle(num, den, constraints, variables) -> str:
    """Why the Charnes-Cooper transform does not apply ('' if it does)."""
    for e in (num, den, *constraints):
        if e.parameters():
            return ("the problem contains cp.Parameter objects (the perspective of a "
                    "parametrised expression is not DPP)")
    for name, v in variables.items():
        if v.is_complex():
            return f"variable {name!r} is complex (cvxpy's perspective is real only)"
        if v.attributes.get("bounds") is not None:
            return (f"variable {name!r} has a 'bounds' attribute, which does not scale; write "
                    "the bounds as constraints")
    n_nonlinear = int(not num.is_affine()) + int(not den.is_affine())
    for i, c in enumerate(constraints):
        if _persp_constraint_class_ok(c) is False:
            return (f"constraints[{i}] is a {type(c).__name__}, which the transform does not "
                    f"rewrite (supported: {'; '.join(_CC_CONSTRAINTS)})")
        if isinstance(c, cp.constraints.Inequality | cp.constraints.NonNeg
                      | cp.constraints.NonPos) and not all(a.is_affine() for a in c.args):
            n_nonlinear += c.size
    if n_nonlinear > 1:
        return (f"{n_nonlinear} nonlinear expressions would each need cvxpy's perspective "
                "atom, which gives wrong answers when a problem holds two or more of them "
                "(cvxpy 1.9: a constraint is dropped or the problem reported unbounded), so "
                "the transform is used with at most one nonlinear expression")
    return ""


def _persp_constraint_class_ok(c: cp.Constraint) -> bool:
    cons = cp.constraints
    if isinstance(c, cons.Inequality | cons.Equality | cons.Zero | cons.NonNeg | cons.NonPos):
        return True
    return isinstance(c, cons.SOC | cons.PSD | cons.ExpCone) and all(
        a.is_affine() for a in c.args)


def _charnes_cooper(num, den, constraints, variables, chain) -> SolveResult:
    r"""Solve :math:`\max N/D` as one convex problem in :math:`(y, t) = (x/D(x), 1/D(x))`."""
    t0 = time.perf_counter()
    t = cp.Variable(nonneg=True, name="t")
    cons: list[cp.Constraint] = []
    for c in constraints:
        cons.extend(_persp_constraint(c, t))
    if den.is_affine():
        cons.append(_affine_persp(den, t) == 1.0)
    else:
        cons.append(cp.perspective(den, t) <= 1.0)
    prob = cp.Problem(cp.Maximize(_persp(num, t)), cons)
    pp = ParametricProblem(prob, solvers=chain, variables={**variables, "__t": t})
    res = pp.solve()
    info = {"method": "charnes_cooper", "attempts": res.info.get("attempts", ()),
            "certificate": f"{res.solver} {res.info.get('cvxpy_status')} on the transformed "
                           "convex problem (its primal-dual gap tolerance)"}
    if not res.ok:
        value = -math.inf if res.status == "infeasible" else (
            math.inf if res.status == "unbounded" else math.nan)
        return SolveResult(res.status, value, _nan_point(variables), res.iterations,
                           time.perf_counter() - t0, res.solver, message=res.message,
                           info=info)
    t_val = float(res["__t"])
    info["t"] = t_val
    if not t_val > 1e-12:
        return SolveResult("solver_error", math.nan, _nan_point(variables), res.iterations,
                           time.perf_counter() - t0, res.solver,
                           message=f"the transformed problem has t = {t_val:.3g}: the ratio "
                                   "approaches its supremum only as x grows without bound",
                           info=info)
    point = {name: np.asarray(res[name]) / t_val for name in variables}
    info["transformed_value"] = res.value
    return SolveResult(res.status, float(res.value), point, res.iterations,
                       time.perf_counter() - t0, res.solver, message=res.message, info=info)


# ---------------------------------------------------------------------------------------------
# shared pre- and post-processing
# ---------------------------------------------------------------------------------------------
class _Infeasible(Exception):
    """The constraints were found infeasible (or a solver failed) while checking denominators."""

    def __init__(self, result: SolveResult):
        super().__init__(result.message)
        self.result = result


def _denominator_floors(dens, constraints, variables, chain, names) -> tuple[np.ndarray, dict]:
    r"""Minimum of every denominator over the constraints (and a feasible point).

    Raises ``ValueError`` when a denominator can reach 0 (or is unbounded below) on the
    feasible set; raises :class:`_Infeasible` with the result to return when the constraints
    are infeasible or no solver answers.
    """
    m = len(dens)
    onehot = cp.Parameter(m, nonneg=True, name="select")
    prob = cp.Problem(cp.Minimize(sum(onehot[i] * dens[i] for i in range(m))), constraints)
    pp = ParametricProblem(prob, solvers=chain, parameters={"select": onehot},
                           variables=variables)
    floors = np.empty(m)
    point: dict[str, Any] = {}
    for i in range(m):
        sel = np.zeros(m)
        sel[i] = 1.0
        res = pp.solve(select=sel)
        if res.status == "unbounded":
            raise ValueError(f"{names[i]} must be positive on the feasible set, but it is "
                             "unbounded below there")
        if not res.ok:
            value = -math.inf if res.status == "infeasible" else math.nan
            why = ("the constraints are infeasible" if res.status == "infeasible" else
                   "no solver could minimise the denominator over the constraints")
            raise _Infeasible(SolveResult(
                res.status, value, _nan_point(variables), res.iterations, 0.0, res.solver,
                message=f"{why} ({res.solver}: {res.message or res.status})",
                info={"attempts": res.info.get("attempts", ())}))
        floors[i] = res.value
        margin = _DEN_MARGIN * _data_scale([dens[i]])
        if not floors[i] > margin:
            raise ValueError(
                f"{names[i]} must be positive on the feasible set, but its minimum over the "
                f"constraints is {floors[i]:.6g} (required: > {margin:.3g}); a ratio whose "
                "denominator can reach 0 is unbounded or undefined")
        if i == 0:
            point = {k: res[k] for k in variables}
    return floors, point


def _verify(result: SolveResult, nums, dens, constraints, variables, combine) -> SolveResult:
    """Re-evaluate the objective at the returned point and check the constraints."""
    if not result.ok:
        return result
    point = result.variables
    n, d = (_evaluate(nums, variables, point), _evaluate(dens, variables, point))
    info = dict(result.info)
    viol = constraint_violation(constraints)
    info["violation"] = viol
    problems = []
    if not viol <= DEFAULT_FEASIBILITY_TOL:
        problems.append(f"the returned point violates a constraint by {viol:.3g} relative "
                        f"(tolerance {DEFAULT_FEASIBILITY_TOL:g})")
    if not (np.all(np.isfinite(n)) and np.all(np.isfinite(d)) and np.all(d > 0)):
        problems.append("a numerator or denominator is not finite or a denominator is not "
                        "positive at the returned point")
    if problems:
        return SolveResult("solver_error", math.nan, result.variables, result.iterations,
                           result.solve_time, result.solver, result.history,
                           "; ".join([*problems, result.message] if result.message
                                     else problems), info)
    value = float(combine(n, d))
    info["numerators"], info["denominators"] = n, d
    return SolveResult(result.status, value, result.variables, result.iterations,
                       result.solve_time, result.solver, result.history, result.message, info)


def _check_common(tol: Any, max_iter: Any) -> int:
    check_real_scalar("tol", tol, 0.0, 1.0, low_open=True, high_open=True)
    return check_integer("max_iter", max_iter, low=1, high=MAX_DINKELBACH_ITER)


def _list_of(name: str, exprs: Any) -> list[cp.Expression]:
    if isinstance(exprs, cp.Expression):
        exprs = [exprs[i] for i in range(exprs.size)] if exprs.ndim == 1 else [exprs]
    if not isinstance(exprs, Sequence) or isinstance(exprs, str | bytes):
        raise TypeError(f"{name} must be a list of cvxpy expressions, got "
                        f"{type(exprs).__name__}")
    if len(exprs) == 0:
        raise ValueError(f"{name} must hold at least one expression, got an empty list")
    return [_scalar_expression(f"{name}[{i}]", e) for i, e in enumerate(exprs)]


def _prepare_ratios(numerators, denominators, constraints, solver):
    """Checked lists of numerators/denominators, constraints, variables and solver chain."""
    nums = _list_of("numerators", numerators)
    dens = _list_of("denominators", denominators)
    if len(nums) != len(dens):
        raise ValueError(f"numerators and denominators must have the same length, got "
                         f"{len(nums)} and {len(dens)}")
    for i, (n, d) in enumerate(zip(nums, dens)):
        _require_curvature(f"numerators[{i}]", n, "concave")
        _require_curvature(f"denominators[{i}]", d, "convex")
    cons = _check_constraints(constraints)
    return nums, dens, cons, _collect_variables([*nums, *dens], cons), _chain(solver)


def _run_multi(algo, nums, dens, cons, variables, chain, t_start, run, combine) -> SolveResult:
    """Denominator checks, the algorithm from the feasible point they give, verification."""
    try:
        floors, point0 = _denominator_floors(dens, cons, variables, chain,
                                             [f"denominators[{i}]" for i in range(len(dens))])
    except _Infeasible as exc:
        return exc.result
    res = _verify(run(point0, floors), nums, dens, cons, variables, combine)
    info = dict(res.info)
    info["denominator_min"] = floors
    return SolveResult(res.status, res.value, res.variables, res.iterations,
                       time.perf_counter() - t_start, res.solver, res.history, res.message,
                       info)


# ---------------------------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------------------------
def maximize_ratio(
    numerator: Any,
    denominator: Any,
    constraints: Any,
    *,
    method: str = "auto",
    tol: float = 1e-8,
    max_iter: int = 100,
    solver: Any = None,
) -> SolveResult:
    r"""Maximise a ratio of cvxpy expressions, :math:`\max_x N(x)/D(x)` s.t. constraints.

    Parameters
    ----------
    numerator : cvxpy expression or number
        :math:`N(x)`: scalar, concave (affine allowed) and non-negative on the feasible set
        (any sign if the denominator is affine) [units of the objective x units of D].
    denominator : cvxpy expression or number
        :math:`D(x)`: scalar, convex (affine allowed) and positive on the feasible set.
    constraints : list of cvxpy constraints
        DCP constraints defining the (convex) feasible set; may be empty.
    method : {"auto", "charnes_cooper", "dinkelbach"}, optional
        ``"charnes_cooper"``: the Charnes-Cooper/Schaible transform, one convex problem
        (an LP when everything is affine and the constraints are linear); ``"dinkelbach"``:
        Dinkelbach's algorithm on a parametric problem compiled once; ``"auto"`` (default):
        Charnes-Cooper when it applies (see Notes), else Dinkelbach.
    tol : float, optional
        Relative tolerance of Dinkelbach's stopping rule, in (0, 1). Default 1e-8.
    max_iter : int, optional
        Maximum number of Dinkelbach iterations, 1 … 10 000. Default 100.
    solver : str or sequence, optional
        Solver chain (see :class:`~wirelesseff.optimize.ParametricProblem`); default
        Clarabel, then SCS with tolerance 1e-9.

    Returns
    -------
    SolveResult
        ``value`` is the optimal ratio :math:`N(x^\star)/D(x^\star)` recomputed at the
        returned point (``-inf`` if infeasible); ``variables`` the optimal point by cvxpy
        variable name; ``history`` the Dinkelbach sequence :math:`\lambda_0, \lambda_1,
        \dots` (non-decreasing; empty for Charnes-Cooper); ``info`` holds ``method``,
        ``certificate`` (what certifies optimality), ``denominator_min`` (the minimum of
        :math:`D` over the constraints), ``violation`` (largest relative constraint
        violation at the point), ``numerators``/``denominators`` (their values there) and,
        for Dinkelbach, ``upper_bound`` and ``gap``: :math:`\lambda^\star \le \lambda_i +
        F(\lambda_i)/\min D`, a bound certified by the inner solves. ``status`` is
        ``"optimal"``/``"optimal_inaccurate"`` only if the constraints hold at the point to
        1e-6 (relative to their data) and :math:`D > 0` there; ``"infeasible"`` when the
        solver certifies that the constraints are infeasible; never an exception for those.

    Raises
    ------
    ValueError
        Before any solver runs: if the numerator is not concave or the denominator not
        convex ("numerator must be concave, got convex"), an expression is not scalar/real,
        a constraint is not DCP, a variable is integer or two share a name, a constant is not
        finite, or ``method="charnes_cooper"`` does not apply. After minimising the
        denominator over the constraints (the first solve): if that minimum is not positive
        (a denominator that can reach 0). During Dinkelbach: if the optimal ratio is negative
        while the denominator is not affine.
    TypeError
        If an argument is not a cvxpy expression/constraint.

    Notes
    -----
    **Charnes-Cooper / Schaible.** With :math:`t = 1/D(x)` and :math:`y = t x`, the problem
    is equivalent to the convex problem

    .. math:: \max_{y,\,t>0}\; t\,N(y/t) \quad\text{s.t.}\quad t\,D(y/t) \le 1,\;
              t\,g_j(y/t) \le 0,

    (:math:`= 1` for an affine :math:`D`), whose objective and constraints are perspectives
    (Charnes & Cooper [1]_ for the linear case, Schaible [2]_ for concave/convex ratios with
    :math:`N \ge 0`); :math:`x^\star = y^\star/t^\star`. Affine expressions are transformed
    exactly by :math:`t\,e(y/t) = e(y) + (t-1)e(0)`, nonlinear ones with cvxpy's
    ``cp.perspective`` atom (real variables). Supported constraint classes:
    ``Inequality`` (``lhs <= rhs`` with ``lhs - rhs`` convex, rewritten elementwise),
    ``Equality``/``Zero`` (affine), ``NonNeg``/``NonPos``, and ``SOC``, ``PSD``, ``ExpCone``
    with affine arguments (cones are invariant under positive scaling). The transform does
    not apply — ``"auto"`` then uses Dinkelbach — to expressions with ``cp.Parameter``
    objects (a perspective of a parametrised expression is not DPP), complex variables,
    variables with a ``bounds`` attribute (bounds do not scale; write them as constraints)
    and other constraint classes.

    **Dinkelbach** [3]_: :math:`\lambda_{k+1} = N(x_k)/D(x_k)` with :math:`x_k` maximising
    :math:`N - \lambda_k D`; the inner problem is built once with :math:`\lambda` as a
    ``cp.Parameter`` (DPP: compiled once, re-solved per iteration; the numerator may hold
    parameters, the denominator may not). It starts from the ratio of the feasible point
    found by the denominator check, so the sequence is non-decreasing from the first step.

    **Checks.** Curvature (DCP) is checked first. The denominator is then minimised over the
    constraints (one convex solve): infeasible constraints give ``status="infeasible"``; a
    minimum at or below :math:`10^{-7}` times the size of the denominator's data raises
    ``ValueError``. The result is verified at the returned point (constraints to 1e-6
    relative, :math:`D > 0`) and its value recomputed there; both methods agree to 1e-6 on
    every test problem.

    References
    ----------
    .. [1] A. Charnes, W. W. Cooper, "Programming with linear fractional functionals",
       Naval Research Logistics Quarterly 9(3-4):181-186, 1962, doi:10.1002/nav.3800090303.
    .. [2] S. Schaible, "Parameter-free convex equivalent and dual programs of fractional
       programming problems", Zeitschrift für Operations Research 18(5):187-196, 1974,
       doi:10.1007/BF02026600.
    .. [3] W. Dinkelbach, "On nonlinear fractional programming", Management Science
       13(7):492-498, 1967, doi:10.1287/mnsc.13.7.492.

    Examples
    --------
    Energy efficiency of one link, :math:`\log_2(1+10p)/(2p + 1)` bit/J per Hz, with
    :math:`0 \le p \le 2` W (concave over affine: Charnes-Cooper):

    >>> import cvxpy as cp
    >>> p = cp.Variable(name="p", nonneg=True)
    >>> res = maximize_ratio(cp.log(1 + 10 * p) / np.log(2), 2 * p + 1, [p <= 2])
    >>> res.status, res.info["method"], round(res.value, 5), round(float(res["p"]), 4)
    ('optimal', 'charnes_cooper', 1.2945, 0.4572)
    >>> d = maximize_ratio(cp.log(1 + 10 * p) / np.log(2), 2 * p + 1, [p <= 2],
    ...                    method="dinkelbach")
    >>> abs(d.value - res.value) < 1e-6, d.info["gap"] < 1e-6
    (True, True)
    """
    t_start = time.perf_counter()
    check_choice("method", method, ("auto", "charnes_cooper", "dinkelbach"))
    max_iter = _check_common(tol, max_iter)
    num = _scalar_expression("numerator", numerator)
    den = _scalar_expression("denominator", denominator)
    _require_curvature("numerator", num, "concave")
    _require_curvature("denominator", den, "convex")
    cons = _check_constraints(constraints)
    variables = _collect_variables([num, den], cons)
    chain = _chain(solver)
    obstacle = _charnes_cooper_obstacle(num, den, cons, variables)
    if method == "charnes_cooper" and obstacle:
        raise ValueError(f"method='charnes_cooper' does not apply: {obstacle}; use "
                         "method='dinkelbach' (or 'auto')")
    solver_obj = None
    if method == "dinkelbach" or (method == "auto" and obstacle):
        solver_obj = _SingleRatio(num, den, cons, variables, chain)  # DPP checks first
    try:
        floors, point0 = _denominator_floors([den], cons, variables, chain, ["denominator"])
    except _Infeasible as exc:
        return exc.result
    d_min = float(floors[0])
    if method == "charnes_cooper" or (method == "auto" and not obstacle):
        res = _charnes_cooper(num, den, cons, variables, chain)
        if method == "auto" and res.status == "solver_error":
            cc_note = f"Charnes-Cooper failed ({res.message}); fell back to Dinkelbach"
            res = None
        else:
            cc_note = ""
    else:
        res, cc_note = None, ""
    if res is None:
        if solver_obj is None:
            solver_obj = _SingleRatio(num, den, cons, variables, chain)
        n0, d0 = _evaluate((num, den), variables, point0)
        lam0 = n0 / d0 if (den.is_affine() or n0 >= 0) else 0.0
        res = solver_obj.run(lam0, tol, max_iter, d_min=d_min)
        if cc_note:
            res = SolveResult(res.status, res.value, res.variables, res.iterations,
                              res.solve_time, res.solver, res.history,
                              f"{cc_note}; {res.message}" if res.message else cc_note,
                              res.info)
    res = _verify(res, [num], [den], cons, variables, lambda n, d: n[0] / d[0])
    info = dict(res.info)
    info["denominator_min"] = d_min
    if res.ok and info.get("method") == "charnes_cooper":
        info["gap"] = abs(info.get("transformed_value", res.value) - res.value)
    return SolveResult(res.status, res.value, res.variables or _nan_point(variables),
                       res.iterations, time.perf_counter() - t_start, res.solver,
                       res.history, res.message, info)


def maximize_min_ratio(
    numerators: Any,
    denominators: Any,
    constraints: Any,
    *,
    tol: float = 1e-8,
    max_iter: int = 100,
    solver: Any = None,
) -> SolveResult:
    r"""Maximise the smallest of several ratios, :math:`\max_x \min_i N_i(x)/D_i(x)`.

    Parameters
    ----------
    numerators, denominators : list of cvxpy expressions
        :math:`N_i` concave and :math:`D_i` convex, scalar, same length :math:`m \ge 1`;
        every :math:`D_i` positive on the feasible set (checked) and the optimal worst ratio
        non-negative unless all :math:`D_i` are affine. A 1-D expression is split into its
        entries.
    constraints : list of cvxpy constraints
        DCP constraints of the feasible set.
    tol : float, optional
        Relative stopping tolerance on :math:`\tau_k` (see Notes), in (0, 1). Default 1e-8.
    max_iter : int, optional
        Maximum number of iterations, 1 … 10 000. Default 100.
    solver : str or sequence, optional
        Solver chain; default Clarabel, then SCS with tolerance 1e-9.

    Returns
    -------
    SolveResult
        ``value`` the optimal worst ratio (recomputed at the point); ``variables`` the point
        by variable name; ``history`` the non-decreasing sequence :math:`\lambda_k`; ``info``
        holds ``method`` (``"generalized_dinkelbach"``), ``tau`` (the inner optima),
        ``upper_bound``/``gap`` (certified: :math:`\lambda^\star \le \lambda_k +
        \tau_k\max_i D_i(x_{k-1})/\min D_i`), ``denominator_min`` (per ratio),
        ``violation``, ``numerators``/``denominators`` at the point. Statuses as in
        :func:`maximize_ratio`.

    Raises
    ------
    ValueError
        As :func:`maximize_ratio`, and if the lists differ in length.
    TypeError
        If an argument is not a (list of) cvxpy expression(s)/constraint(s).

    Notes
    -----
    Generalized Dinkelbach algorithm of Crouzeix, Ferland and Schaible [1]_ (a Dinkelbach-type
    method for the min-max of finitely many ratios, with the convergence-rate analysis of [1]_
    and [2]_), in the scaled form that divides each term of the subproblem by the
    denominator at the previous iterate:

    .. math:: \tau_k = \max_x \min_i \frac{N_i(x) - \lambda_k D_i(x)}{D_i(x_{k-1})},\qquad
              \lambda_{k+1} = \min_i \frac{N_i(x_k)}{D_i(x_k)},

    solved as :math:`\max \tau` s.t. :math:`D_i(x_{k-1})\,\tau \le N_i(x) - \lambda_k D_i(x)`
    (one convex problem, compiled once with :math:`\lambda_k` and the scales as parameters).
    :math:`\tau_k \ge 0` while :math:`\lambda_k \le \lambda^\star`, with equality exactly at
    the optimum, so for concave :math:`N_i \ge 0` and convex :math:`D_i > 0` the algorithm
    finds the global optimum; :math:`\lambda_k` increases monotonically. Stop when
    :math:`\tau_k \le \mathrm{tol}\,|\lambda_k|`.

    References
    ----------
    .. [1] J.-P. Crouzeix, J. A. Ferland, S. Schaible, "An algorithm for generalized
       fractional programs", J. Optim. Theory Appl. 47(1):35-49, 1985,
       doi:10.1007/BF00941314.
    .. [2] J.-P. Crouzeix, J. A. Ferland, S. Schaible, "A note on an algorithm for
       generalized fractional programs", J. Optim. Theory Appl. 50(1):183-187, 1986,
       doi:10.1007/BF00938484.

    Examples
    --------
    Two links with orthogonal channels and a shared power budget: the worst EE is that of
    the weaker link, whose best EE :math:`\max_p \ln(1+p)/(1+p) = 1/e` (at
    :math:`p = e - 1`) leaves enough budget for the stronger one:

    >>> import cvxpy as cp
    >>> p = cp.Variable(2, name="p", nonneg=True)
    >>> res = maximize_min_ratio([cp.log(1 + p[0]), cp.log(1 + 4 * p[1])],
    ...                          [p[0] + 1, p[1] + 1], [cp.sum(p) <= 2])
    >>> res.status, round(res.value, 6), round(float(np.exp(-1)), 6)
    ('optimal', 0.367879, 0.367879)
    >>> bool(res.info["gap"] < 1e-6)
    True
    """
    t_start = time.perf_counter()
    max_iter = _check_common(tol, max_iter)
    nums, dens, cons, variables, chain = _prepare_ratios(numerators, denominators, constraints,
                                                         solver)
    algo = _MinRatio(nums, dens, cons, variables, chain)
    return _run_multi(algo, nums, dens, cons, variables, chain, t_start,
                      lambda p0, floors: algo.run(p0, tol, max_iter, d_min=floors),
                      lambda n, d: np.min(n / d))


def maximize_sum_of_ratios(
    numerators: Any,
    denominators: Any,
    constraints: Any,
    *,
    weights: Any = None,
    tol: float = 1e-8,
    max_iter: int = 100,
    solver: Any = None,
) -> SolveResult:
    r"""Maximise a weighted sum of ratios, :math:`\max_x \sum_i w_i N_i(x)/D_i(x)` (stationary).

    Parameters
    ----------
    numerators, denominators : list of cvxpy expressions
        :math:`N_i` concave and non-negative on the feasible set, :math:`D_i` convex and
        positive there (checked), scalar, same length :math:`m \ge 1`.
    constraints : list of cvxpy constraints
        DCP constraints of the feasible set.
    weights : array_like, optional
        Non-negative finite weights :math:`w_i`, shape (m,); default all 1.
    tol : float, optional
        Stop when an iteration improves the objective by less than ``tol`` relatively, in
        (0, 1). Default 1e-8.
    max_iter : int, optional
        Maximum number of iterations, 1 … 10 000. Default 100.
    solver : str or sequence, optional
        Solver chain; default Clarabel, then SCS with tolerance 1e-9.

    Returns
    -------
    SolveResult
        ``value`` the weighted sum of ratios at the returned point; ``variables`` the point;
        ``history`` the objective per iteration, non-decreasing (each step is accepted only if
        it does not decrease the objective); ``info`` holds ``method``
        (``"quadratic_transform"``), ``certificate`` (a stationary point, **not** a global
        optimum), ``denominator_min``, ``violation``, ``numerators``/``denominators``.
        ``status="optimal"`` means the iteration converged to the tolerance at a point that
        satisfies the constraints; it does not certify global optimality.

    Raises
    ------
    ValueError
        As :func:`maximize_min_ratio`; also for negative/non-finite weights of the wrong
        shape, or a numerator that is negative at the starting point.
    TypeError
        If an argument is not a (list of) cvxpy expression(s)/constraint(s).

    Notes
    -----
    Quadratic transform of Shen and Yu [1]_ (Theorem 1 and Algorithm 1): for fixed
    :math:`y`,

    .. math:: g(x, y) = \sum_i 2y_i\sqrt{w_i N_i(x)} - y_i^2 D_i(x)

    is concave in :math:`x` and :math:`\max_y g(x, y) = \sum_i w_i N_i(x)/D_i(x)`, attained at
    :math:`y_i = \sqrt{w_i N_i(x)}/D_i(x)`. Alternating the closed-form :math:`y` update and
    the convex :math:`x` update (one problem compiled once, :math:`2y_i` and :math:`y_i^2` as
    parameters; :math:`\sqrt{w_iN_i}` through an epigraph variable) never decreases the
    objective and converges to a stationary point [1]_ (Theorem 3). A sum of ratios is not
    quasi-concave in general: the answer depends on the starting point (the feasible point
    that minimises the first denominator) and is **not** guaranteed to be the global
    maximum; for global answers see monotonic optimization (Zappone et al. 2017) on small
    problems.

    References
    ----------
    .. [1] K. Shen, W. Yu, "Fractional programming for communication systems—Part I: Power
       control and beamforming", IEEE Trans. Signal Process. 66(10):2616-2630, 2018,
       doi:10.1109/TSP.2018.2812733.

    Examples
    --------
    Weighted sum of the EE of two orthogonal links (separable, so here the stationary point
    is the global optimum :math:`1/e + 0.5\max_p \ln(1+4p)/(1+p)`):

    >>> import cvxpy as cp
    >>> p = cp.Variable(2, name="p", nonneg=True)
    >>> res = maximize_sum_of_ratios([cp.log(1 + p[0]), cp.log(1 + 4 * p[1])],
    ...                              [p[0] + 1, p[1] + 1], [p <= 2], weights=[1.0, 0.5])
    >>> res.status, round(res.value, 4), bool(np.all(np.diff(res.history) >= 0))
    ('optimal', 0.7702, True)
    """
    t_start = time.perf_counter()
    max_iter = _check_common(tol, max_iter)
    nums, dens, cons, variables, chain = _prepare_ratios(numerators, denominators, constraints,
                                                         solver)
    m = len(nums)
    if weights is None:
        w = np.ones(m)
    else:
        w = np.asarray(check_in_range("weights", weights, 0.0, None), dtype=float)
        check_finite(weights=w)
        if w.shape != (m,):
            raise ValueError(f"weights must have shape ({m},), got {w.shape}")
    algo = _SumOfRatios([float(w[i]) * nums[i] for i in range(m)], dens, cons, variables, chain)
    return _run_multi(algo, nums, dens, cons, variables, chain, t_start,
                      lambda p0, floors: algo.run(p0, tol, max_iter),
                      lambda n, d: float(np.sum(w * n / d)))
