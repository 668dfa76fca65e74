"""The convex-optimization layer: results, compiled problems, fractional programming, EE
power control, SDR and beamforming building blocks.

* :class:`SolveResult` — the result every optimizer returns (``status`` in :data:`STATUSES`).
* :class:`ParametricProblem` — a DPP cvxpy problem compiled once, re-solved with new parameter
  values, with a solver fall-back chain (Clarabel, then SCS).
* :func:`dinkelbach` — fractional programming, max N(x)/D(x), with a user-supplied inner solver.
* :func:`maximize_ratio`, :func:`maximize_min_ratio`, :func:`maximize_sum_of_ratios` —
  fractional programming over cvxpy expressions (Charnes-Cooper/Schaible, Dinkelbach,
  generalized Dinkelbach, quadratic transform).
* :func:`ee_power_control` — GEE/WSEE/max-min/product EE power control of interfering links
  (successive convex approximation) and its baselines.
* :func:`gaussian_randomization` — rank-one recovery after semidefinite relaxation.
* :func:`min_power_beamforming` (SOCP) and :func:`min_power_beamforming_fixed_point`
  (uplink-downlink duality) — downlink power minimisation under SINR targets.
* :func:`lambertw_ratio_argmax` — closed-form maximiser of ln(x)/(x + a).
* :func:`project_psd`, :func:`golden_section_max`, :class:`ProblemCache`, :func:`precise_scs` —
  numerical building blocks of SDR/SCA algorithms shared by every module.

See ``docs/optimize.md``.
"""

from .beamforming import min_power_beamforming, min_power_beamforming_fixed_point
from .closed_form import lambertw_ratio_argmax
from .fractional import dinkelbach
from .numerics import ProblemCache, golden_section_max, precise_scs, project_psd
from .parametric import DEFAULT_SOLVERS, ParametricProblem, normalize_solver_chain
from .power_control import ee_power_control
from .randomization import gaussian_randomization
from .ratios import maximize_min_ratio, maximize_ratio, maximize_sum_of_ratios
from .result import OK_STATUSES, STATUSES, SolveResult, map_cvxpy_status

__all__ = [
    "DEFAULT_SOLVERS",
    "OK_STATUSES",
    "STATUSES",
    "ParametricProblem",
    "ProblemCache",
    "SolveResult",
    "dinkelbach",
    "ee_power_control",
    "gaussian_randomization",
    "golden_section_max",
    "lambertw_ratio_argmax",
    "map_cvxpy_status",
    "maximize_min_ratio",
    "maximize_ratio",
    "maximize_sum_of_ratios",
    "min_power_beamforming",
    "min_power_beamforming_fixed_point",
    "normalize_solver_chain",
    "precise_scs",
    "project_psd",
]
