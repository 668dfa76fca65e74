r"""A posteriori feasibility checks of cvxpy constraints at the current variable values.

An optimizer of the toolkit reports ``"optimal"``/``"optimal_inaccurate"`` only after checking
that the returned point satisfies the constraints within a stated tolerance; the solver's
status alone is not enough (a conic solver can stop at an "inaccurate" point that misses a
constraint). The measure is relative to the size of the data of each constraint, so that it
means the same for constraints written in watts or in milliwatts:

.. math:: v(c) = \max_i \frac{r_i}{\max(1, s_i)},

with :math:`r_i` the residual of the i-th scalar (or cone) component of constraint :math:`c`
(the distance to its set, as :meth:`cvxpy.Constraint.violation` defines it) and :math:`s_i`
the largest absolute value among the expressions the component compares.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import cvxpy as cp
import numpy as np

__all__ = ["DEFAULT_FEASIBILITY_TOL", "constraint_violation"]

#: Default tolerance of the a posteriori check: Clarabel meets its cones to about 1e-8
#: relative, so 1e-6 leaves two orders of magnitude for the recovery of the point.
DEFAULT_FEASIBILITY_TOL = 1e-6


def _abs(expr: Any) -> np.ndarray | None:
    value = expr.value
    return None if value is None else np.abs(np.asarray(value))


def _single(c: cp.Constraint) -> float:
    """Relative violation of one constraint (``inf`` when a value is missing or not finite)."""
    if isinstance(c, cp.constraints.Inequality | cp.constraints.Equality):
        lhs, rhs = _abs(c.args[0]), _abs(c.args[1])
        if lhs is None or rhs is None:
            return math.inf
        resid = np.asarray(c.violation(), dtype=float)
        scale = np.maximum(1.0, np.maximum(lhs, rhs))
        return float(np.max(resid / scale)) if resid.size else 0.0
    if isinstance(c, cp.constraints.SOC):
        # ||x|| <= t per cone; written here because cvxpy's residual rejects complex x
        t, X = (np.asarray(a.value) if a.value is not None else None for a in c.args[:2])
        if t is None or X is None:
            return math.inf
        X = np.abs(np.atleast_1d(X)).astype(float)
        X = X.T if c.axis == 0 else X
        norms = np.linalg.norm(np.atleast_2d(X), axis=1)
        t = np.atleast_1d(np.real(t)).astype(float)
        resid = np.maximum(norms - t, 0.0)
        return float(np.max(resid / np.maximum(1.0, np.maximum(np.abs(t), norms))))
    if isinstance(c, cp.constraints.ExpCone):
        # cvxpy's residual solves a projection problem; the epigraph form is enough here:
        # z >= y exp(x / y) with y > 0, or x <= 0, z >= 0 at y = 0.
        vals = [np.asarray(a.value, dtype=float) if a.value is not None else None
                for a in (c.x, c.y, c.z)]
        if any(v is None for v in vals):
            return math.inf
        x, y, z = np.broadcast_arrays(*vals)
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
            ye = np.where(y > 0, y * np.exp(np.where(y > 0, x / np.where(y > 0, y, 1.0), 0.0)),
                          0.0)
        resid = np.where(y > 0, np.maximum(ye - z, 0.0),
                         np.maximum(-y, 0.0) + np.where(y == 0, np.maximum(x, 0.0), 0.0)
                         + np.maximum(-z, 0.0))
        scale = np.maximum(1.0, np.maximum(np.abs(z), np.abs(ye)))
        return float(np.max(resid / scale)) if resid.size else 0.0
    # SOC, PSD, NonNeg/NonPos, Zero, PowCone...: cvxpy's residual, relative to the arguments
    try:
        resid = c.violation()
    except (ValueError, TypeError, AttributeError, NotImplementedError):
        return math.inf
    if resid is None:
        return math.inf
    resid = np.asarray(resid, dtype=float)
    scales = [np.max(a) for a in map(_abs, c.args) if a is not None and a.size]
    scale = max(1.0, *scales) if scales else 1.0
    return float(np.max(resid)) / scale if resid.size else 0.0


def constraint_violation(constraints: Iterable[cp.Constraint]) -> float:
    r"""Largest relative violation of ``constraints`` at the current variable values.

    Parameters
    ----------
    constraints : iterable of cvxpy.Constraint
        Constraints whose variables hold values (after a solve, or assigned by hand).

    Returns
    -------
    float
        :math:`\max_c v(c)` (see the module docstring); 0 for no constraints; ``inf`` if a
        variable has no value or a residual is not finite.

    Examples
    --------
    >>> x = cp.Variable(2)
    >>> x.value = np.array([1.0, 2.0 + 1e-9])
    >>> constraint_violation([x <= 2.0, cp.sum(x) == 3.0]) < 1e-9
    True
    >>> x.value = np.array([1.0, 3.0])
    >>> constraint_violation([x <= 2.0])  # 1 over a data scale of 3
    0.3333333333333333
    """
    worst = 0.0
    for c in constraints:
        v = _single(c)
        if not math.isfinite(v):
            return math.inf
        worst = max(worst, v)
    return worst
