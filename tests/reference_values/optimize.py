"""Known optima of the optimization layer (textbook fractional programs, closed forms)."""

from __future__ import annotations

import functools
import math

from . import Reference


@functools.cache
def _lfp_handout():
    import cvxpy as cp

    from wirelesseff.optimize import maximize_ratio

    x = cp.Variable(2, name="x", nonneg=True)
    cons = [-x[0] + x[1] <= 4, 2 * x[0] + x[1] <= 14, x[1] <= 6]
    # min (-2x1 + x2 + 2)/(x1 + 3x2 + 4)  =  -max (2x1 - x2 - 2)/(x1 + 3x2 + 4)
    return maximize_ratio(2 * x[0] - x[1] - 2, x[0] + 3 * x[1] + 4, cons)


@functools.cache
def _lfp_kallrath():
    import cvxpy as cp

    from wirelesseff.optimize import maximize_ratio

    x = cp.Variable(2, name="x", nonneg=True)
    # min (x1 + 1)/(x2 + 2) s.t. x1 + x2 <= 1  =  -max (-x1 - 1)/(x2 + 2)
    return maximize_ratio(-x[0] - 1, x[1] + 2, [x[0] + x[1] <= 1])


@functools.cache
def _max_min_single_link():
    import cvxpy as cp

    from wirelesseff.optimize import maximize_min_ratio

    p = cp.Variable(2, name="p", nonneg=True)
    return maximize_min_ratio([cp.log(1 + p[0]), cp.log(1 + 4 * p[1])],
                              [p[0] + 1, p[1] + 1], [cp.sum(p) <= 2])


HANDOUT = ("Linear-fractional program min (-2x1 + x2 + 2)/(x1 + 3x2 + 4) s.t. -x1 + x2 <= 4, "
           "2x1 + x2 <= 14, x2 <= 6, x >= 0: the worked Charnes-Cooper example of the Johns "
           "Hopkins course 625.414 handout 'Fractional programming', reproduced as the "
           "validation example of LinearFractional.jl (test/simpletest.jl)")
KALLRATH = ("J. Kallrath, Business Optimization Using Mathematical Programming, 2nd ed., "
            "Springer, 2021, Sec. 11.2 (fractional programming example, as transcribed in SAS "
            "Institute's optimization-examples repository)")

REFERENCES = [
    Reference("lfp-handout-optimal-ratio",
              "optimal ratio of the textbook linear-fractional program (minimum -12/11 at "
              "x* = (7, 0)), negated", 12 / 11, lambda: _lfp_handout().value, HANDOUT,
              rtol=1e-8, units="1",
              note="Charnes-Cooper LP; the optimum is also verified by vertex enumeration in "
                   "tests/optimize/test_optimize_ratios.py"),
    Reference("lfp-handout-optimal-x1", "optimal x1 of the same program", 7.0,
              lambda: float(_lfp_handout()["x"][0]), HANDOUT, atol=1e-6, units="1"),
    Reference("lfp-kallrath-optimal-ratio",
              "optimal ratio of min (x1 + 1)/(x2 + 2) s.t. x1 + x2 <= 1, x >= 0 (1/3 at "
              "x* = (0, 1)), negated", -1 / 3, lambda: _lfp_kallrath().value, KALLRATH,
              rtol=1e-8, units="1",
              note="page number not verified against the printed book"),
    Reference("max-min-ee-inverse-e",
              "max-min EE of two orthogonal links, min(ln(1+p1)/(1+p1), ln(1+4p2)/(1+p2)) with "
              "p1 + p2 <= 2: limited by link 1, whose best EE is 1/e", math.exp(-1),
              lambda: _max_min_single_link().value,
              "closed form: d/dx ln(x)/x = 0 at x = e (x = 1 + p1)", rtol=1e-7, units="nat/J"),
]
