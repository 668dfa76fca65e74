"""Input validation and optimizer trust of wirelesseff.ris_leo and wirelesseff.channel.ntn.

Every integer size/count/iteration parameter has a documented upper bound checked before any
allocation or loop; NaN/inf give ``ValueError`` and strings ``TypeError``, both naming the
parameter; an ``optimal`` status is returned only when the constraints were checked a posteriori.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from wirelesseff.channel import ntn
from wirelesseff.ris_leo import (
    Bjornson2020Setup,
    LeoLinkParams,
    RISPowerModel,
    alternating_double_ris,
    capture_fraction,
    discrete_refinement,
    double_ris_path_loss,
    ee_along_pass,
    ee_optimal_power,
    feed_focusing_sum,
    link_path_gain,
    link_snr,
    optimal_element_count,
    optimal_phases,
    quantization_loss,
    quantize_phases,
    required_transmit_power,
    required_uplink_power,
    ris_powers,
    sdr_phases,
    tang_path_loss,
)
from wirelesseff.ris_leo import phases as phases_mod

F = 20e9
ONES4 = np.ones(4, complex)


def _double_args(n=4):
    return (0.0, ONES4[:n], ONES4[:n], ONES4[:n], ONES4[:n], np.ones((n, n), complex))


# --- integer bounds: checked before any allocation or loop -------------------------------------

BOUNDED = [
    ("bits", lambda v: alternating_double_ris(*_double_args(), bits=v)),
    ("max_iter", lambda v: alternating_double_ris(*_double_args(), max_iter=v)),
    ("bits", lambda v: discrete_refinement(0.0, ONES4, ONES4, v)),
    ("max_sweeps", lambda v: discrete_refinement(0.0, ONES4, ONES4, 1, max_sweeps=v)),
    ("bits", lambda v: quantize_phases([0.1], v)),
    ("bits", lambda v: quantization_loss(v)),
    ("n_randomizations", lambda v: sdr_phases(0.5, ONES4, ONES4, n_randomizations=v)),
    ("n_x", lambda v: tang_path_loss(1.0, 1.0, v, 1, F)),
    ("n1", lambda v: double_ris_path_loss(1.0, 1.0, 1.0, v, 2, F)),
    ("n_time", lambda v: ee_along_pass(n_time=v)),
    ("bits", lambda v: feed_focusing_sum(0.2, 0.1, 0.0075, 1.0, bits=v, frequency=F)),
    ("bits", lambda v: LeoLinkParams(bits=(v, 1))),
]


@pytest.mark.parametrize("huge", [10**12, 1e308])
@pytest.mark.parametrize("name,call", BOUNDED, ids=[f"{n}-{i}" for i, (n, _) in
                                                   enumerate(BOUNDED)])
def test_integer_parameters_have_an_upper_bound_checked_at_once(name, call, huge):
    # regression: alternating_double_ris(bits=10**12) allocated 2**(10**12) phase levels
    t0 = time.perf_counter()
    with pytest.raises(ValueError, match=name):
        call(huge)
    assert time.perf_counter() - t0 < 2.0


def test_the_bounds_are_public_and_documented():
    from wirelesseff import ris_leo

    assert phases_mod.MAX_PHASE_BITS == 16
    assert quantization_loss(16) == pytest.approx(1.0, abs=1e-9)  # finer is continuous
    assert ris_leo.MAX_RIS_ELEMENTS == 2**20
    assert ntn.MAX_TLE_STEPS == 1_000_000
    with pytest.raises(ValueError, match="the SDR size"):
        sdr_phases(0.5, np.ones(600), np.ones(600))
    with pytest.raises(ValueError, match="ris_u_side"):
        LeoLinkParams(ris_u_side=20.0)  # 2666 x 2666 elements at 20 GHz


def test_pass_from_tle_bounds_the_number_of_steps():
    pytest.importorskip("skyfield")
    from pathlib import Path

    tle = (Path(__file__).resolve().parents[1] / "data" / "leo.tle").read_text()
    with pytest.raises(ValueError, match="duration / step"):
        ntn.pass_from_tle(tle, 0.0, 0.0, "2026-06-26T19:30:00", 1e9, 1e-3)


# --- NaN/inf -> ValueError, strings -> TypeError, naming the parameter -------------------------

CALLS = {
    "h_direct": lambda v: optimal_phases(v, ONES4, ONES4),
    "g": lambda v: optimal_phases(0.0, np.r_[v, ONES4[1:]], ONES4),
    "g_a": lambda v: alternating_double_ris(0.0, np.r_[v, ONES4[1:]], ONES4, ONES4, ONES4,
                                            np.eye(4)),
    "S": lambda v: alternating_double_ris(0.0, ONES4, ONES4, ONES4, ONES4,
                                          np.where(np.eye(4) > 0, v, 0.0)),
    "tol": lambda v: alternating_double_ris(*_double_args(), tol=v),
    "phases": lambda v: quantize_phases([v], 2),
    "a": lambda v: ee_optimal_power(v, 1e6, 0.1, 0.5, 1.0),
    "p_max": lambda v: ee_optimal_power(1e3, 1e6, 0.1, 0.5, v),
    "target_rate": lambda v: required_transmit_power(v, 1e-13, config="siso", beta_sd=1e-10),
    "noise_power": lambda v: optimal_element_count(1.0, v, 1e-7, 1e-7, 5e-3),
    "d1": lambda v: tang_path_loss(v, 10.0, 4, 4, F),
    "theta_12_1": lambda v: double_ris_path_loss(1.0, 10.0, 1.0, 2, 2, F, theta_12_1=v),
    "frequency": lambda v: LeoLinkParams(frequency=v),
    "altitude": lambda v: ntn.slant_range(0.5, v),
    "earth_radius": lambda v: ntn.orbital_period(550e3, earth_radius=v),
    "mu": lambda v: ntn.orbital_speed(550e3, mu=v),
    "min_elevation": lambda v: ntn.visibility_duration(550e3, v),
    "t": lambda v: ntn.track_doppler_shift(20e9, [0.0, v], 550e3),
    "elevation": lambda v: link_path_gain("double", v),
    "fading_gain": lambda v: link_snr("double", 1.0, 1.0, fading_gain=v),
    "zenith_attenuation_db": lambda v: ntn.atmospheric_attenuation_db(0.5, 20e9, v),
    "max_gain": lambda v: ntn.satellite_antenna_gain(0.1, v, 0.5, 20e9),
    "distance": lambda v: capture_fraction(v, 0.25, 0.0075),
    "gain_db": lambda v: RISPowerModel("active", gain_db=v),
    "d_sr": lambda v: Bjornson2020Setup(d_sr=v),
}


@pytest.mark.parametrize("bad", [np.nan, np.inf])
@pytest.mark.parametrize("name", sorted(CALLS))
def test_non_finite_input_raises_value_error_naming_the_parameter(name, bad):
    with pytest.raises(ValueError, match=name):
        CALLS[name](bad)


@pytest.mark.parametrize("name", sorted(set(CALLS) - {"g", "g_a", "S"}))
def test_string_input_raises_type_error_naming_the_parameter(name):
    with pytest.raises(TypeError, match=name):
        CALLS[name]("1.0")


def test_params_of_the_wrong_type_raise_type_error():
    for fn in (lambda: link_path_gain("double", 1.0, "defaults"),
               lambda: required_uplink_power("double", 1.0, {"frequency": 2e9}),
               lambda: ris_powers("double", None)):
        with pytest.raises(TypeError, match="params"):
            fn()
    with pytest.raises(TypeError, match="active_ris_u"):
        LeoLinkParams(active_ris_u=np.nan)


def test_zero_path_gain_gives_infinite_power_by_design():
    # documented: no finite power reaches the target over a link with zero gain
    assert required_transmit_power(1.0, 1e-13, config="single_ris", cascade_gain=0.0) == np.inf
    assert required_uplink_power("double", 1.0, fading_gain=0.0) == np.inf


# --- optimizer trust: optimal* only when the constraints hold a posteriori ---------------------


def test_sdr_status_is_checked_a_posteriori(monkeypatch, rng):
    g = rng.standard_normal(6) + 1j * rng.standard_normal(6)
    good = sdr_phases(0.3, g, np.ones(6), n_randomizations=20, rng=0)
    assert good.status == "optimal"
    assert good.info["max_constraint_violation"] <= phases_mod.CONSTRAINT_TOL
    assert good.objective <= good.upper_bound * (1 + phases_mod.CONSTRAINT_TOL)

    x = np.r_[np.exp(1j * optimal_phases(0.3, g, np.ones(6))), 1.0]
    v_opt = np.outer(x, x.conj())  # the rank-one optimum of the relaxation

    class Broken:  # a "solver" that claims optimality for a V violating diag(V) = 1
        def __init__(self, scale):
            self.scale = scale

        def solve(self, **_):
            from wirelesseff.optimize import SolveResult

            return SolveResult("optimal", 1.0, {"V": self.scale * v_opt}, solver="fake")

    for scale, expected in ((1 + 1e-4, "optimal_inaccurate"), (2.0, "solver_error")):
        monkeypatch.setattr(phases_mod, "_sdr_problem", lambda n, key, s=scale: Broken(s))
        res = sdr_phases(0.3, g, np.ones(6), n_randomizations=5, rng=0)
        assert res.status == expected
        assert res.info["max_constraint_violation"] == pytest.approx(scale - 1)
    assert np.all(np.isnan(res.phases))


def test_sdr_rejects_non_finite_input_before_the_solver(monkeypatch):
    def boom(*a, **k):  # pragma: no cover - must not be reached
        raise AssertionError("the solver ran")

    monkeypatch.setattr(phases_mod, "_sdr_problem", boom)
    for kw in ({"h_direct": np.nan}, {"g": np.r_[np.inf, ONES4[1:]]},
               {"R": np.full((3, 3), np.nan)}):
        args = {"h_direct": 0.5, "g": ONES4, "h": ONES4, **kw}
        with pytest.raises(ValueError, match=next(iter(kw))):
            sdr_phases(args.pop("h_direct"), args.pop("g"), args.pop("h"), **args)


def test_alternating_double_ris_status_is_never_optimal_and_checked(rng):
    args = tuple(rng.standard_normal(s) + 1j * rng.standard_normal(s)
                 for s in ((), 5, 5, 5, 5, (5, 5)))
    res = alternating_double_ris(*args, bits=2)
    assert res.status == "converged" and res.converged
    assert res.info["max_constraint_violation"] <= phases_mod.CONSTRAINT_TOL  # on the grid
    step = np.pi / 2
    np.testing.assert_allclose(res.theta_a / step, np.round(res.theta_a / step), atol=1e-9)
    short = alternating_double_ris(*args, max_iter=1, tol=1e-15)
    assert short.status in ("iteration_limit", "converged")
    assert not short.converged or short.status == "converged"


def test_ee_optimal_power_certifies_optimality_with_the_closed_form():
    res = ee_optimal_power(1e3, 1e6, 0.1, 0.5, p_max=10.0)
    assert res.status == "optimal" and res.info["certificate_gap"] <= 1e-9
    assert res["p"] == pytest.approx(res.info["closed_form_power"], rel=1e-6)
    capped = ee_optimal_power(1e3, 1e6, 0.1, 0.5, p_max=1e-3)
    assert capped.status == "optimal" and capped["p"] == pytest.approx(1e-3)
    loose = ee_optimal_power(1e3, 1e6, 0.1, 0.5, p_max=10.0, tol=0.5)  # stops early
    assert loose.status in ("optimal", "optimal_inaccurate")
    if loose.info["certificate_gap"] > 1e-9:
        assert loose.status == "optimal_inaccurate"


@pytest.mark.parametrize(("solver", "exc"), [(3, TypeError), (float("nan"), TypeError),
                                             ("nope", ValueError), ([], ValueError)])
def test_sdr_phases_checks_its_solver_chain_up_front_and_names_it(solver, exc):
    """Guards (fuzz): ``solver=3`` raised "'int' object is not iterable" and an unknown name
    an error about "solvers", a word the caller never wrote."""
    with pytest.raises(exc, match=r"^solver must"):
        sdr_phases(0.5, ONES4, ONES4, solver=solver)


@pytest.mark.parametrize(("field", "value"), [("altitude", 1e-308), ("bandwidth", 1e-308),
                                              ("temperature", 1e-308)])
def test_link_params_lower_bounds_keep_gains_and_noise_finite(field, value):
    """Guards (fuzz): a denormal altitude gave an infinite path gain, a denormal bandwidth or
    temperature a noise power of 0 (an infinite SNR, or an error about 'noise_power')."""
    with pytest.raises(ValueError, match=field):
        LeoLinkParams(**{field: value})


def test_ee_along_pass_times_are_bounded():
    with pytest.raises(ValueError, match=r"^t must be in \[-1e\+09, 1e\+09\]"):
        ee_along_pass(t=np.array([0.0, 1e300]), configs=("no_ris",))


def test_pass_from_tle_types_are_named():
    with pytest.raises(TypeError, match="tle_lines"):
        ntn.pass_from_tle(None, 0.0, 0.0, "2026-06-26T20:30:00", 60.0, 10.0)
