"""Björnson et al. (IEEE TWC 2015) preset and power model (Table 1, Table 2)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from scipy import integrate

from wirelesseff.power.bjornson2015 import (
    Bjornson2015Params,
    bjornson2015_circuit_power,
    bjornson2015_params,
    bjornson2015_total_power,
    power_coefficients,
)


def test_parameters_match_bjornson2015_table2():
    p = bjornson2015_params()
    expected = {
        "d_max": 250.0, "d_min": 35.0, "dbar": 10**-3.53, "kappa": 3.76,
        "bandwidth": 20e6, "coherence_bandwidth": 180e3, "coherence_time": 10e-3,
        "noise_power": 10**-12.6, "zeta_dl": 0.6, "zeta_ul": 0.4, "tau_dl": 1.0,
        "tau_ul": 1.0, "eta_dl": 0.39, "eta_ul": 0.3, "l_bs": 12.8e9, "l_ue": 5e9,
        "p_fix": 18.0, "p_syn": 2.0, "p_bs": 1.0, "p_ue": 0.1, "p_cod": 0.1e-9,
        "p_dec": 0.8e-9, "p_bt": 0.25e-9, "mmse_iterations": 3,
    }
    for name, value in expected.items():
        assert getattr(p, name) == value, name


def test_derived_quantities_bjornson2015_table2():
    p = bjornson2015_params()
    assert p.eta == pytest.approx(0.3482, abs=5e-5)
    assert p.coherence_block == pytest.approx(1800.0, rel=1e-12)
    assert p.tau == 2.0
    assert p.cell_area == pytest.approx(np.pi * 250.0**2)
    assert p.a_coefficient == pytest.approx(1.15e-9)
    assert p.rf_power_scale == pytest.approx(p.noise_power * p.s_x / p.eta)


def test_s_x_is_mean_inverse_attenuation_over_the_annulus():
    p = bjornson2015_params()
    area = p.d_max**2 - p.d_min**2
    val, _ = integrate.quad(lambda r: r**p.kappa / p.dbar * 2 * r / area, p.d_min, p.d_max)
    assert p.s_x == pytest.approx(val, rel=1e-10)


def test_params_are_frozen_and_overridable():
    p = bjornson2015_params()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.p_fix = 1.0  # type: ignore[misc]
    q = bjornson2015_params(p_fix=5.0)
    assert q.p_fix == 5.0 and q.d_max == p.d_max
    assert Bjornson2015Params() == p


def test_power_coefficients_table1_by_hand():
    b, u, l_bs, l_ue = 20e6, 1800.0, 12.8e9, 5e9
    zf = power_coefficients(scheme="zf")
    assert zf == pytest.approx(
        (1.15e-9, 20.0, 0.1, 4 * b / (u * l_ue), b / (3 * u * l_bs), 1.0,
         b * (2 + 1 / u) / l_bs, b * (3 - 2) / (u * l_bs)), rel=1e-12)
    mrt = power_coefficients(scheme="mrt")
    assert mrt.c3 == 0.0
    assert mrt.d1 == pytest.approx(b * (2 + 3 / u) / l_bs)
    assert mrt.d2 == pytest.approx(-2 * b / (u * l_bs))
    mmse = power_coefficients(scheme="mmse")
    assert mmse.c3 == pytest.approx(3 * zf.c3)
    assert mmse.d1 == pytest.approx(b * (2 + 9 / u) / l_bs)
    assert mmse.d2 == pytest.approx(b * (9 - 2) / (u * l_bs))
    # the tuple unpacks in the documented order
    a, c0, *_ = zf
    assert (a, c0) == (zf.a, zf.c0)


def test_circuit_and_total_power_compose_the_polynomial():
    m = np.array([[50.0], [200.0]])
    k = np.array([1.0, 10.0, 40.0])
    a, c0, c1, c2, c3, d0, d1, d2 = power_coefficients()
    expected = c0 + c1 * k + c2 * k**2 + c3 * k**3 + m * (d0 + d1 * k + d2 * k**2)
    np.testing.assert_allclose(bjornson2015_circuit_power(m, k), expected, rtol=1e-14)
    tot = bjornson2015_total_power(m, k, p_tx=2.0, sum_rate=3e9)
    np.testing.assert_allclose(tot, expected + 2.0 + a * 3e9, rtol=1e-14)
    assert isinstance(bjornson2015_circuit_power(10, 2), float)


@pytest.mark.parametrize(
    ("field", "value"),
    [("eta_dl", 0.0), ("eta_ul", 1.5), ("d_min", 300.0), ("d_min", -1.0), ("tau_ul", 0.5),
     ("bandwidth", 0.0), ("p_fix", -1.0), ("noise_power", -1e-13), ("mmse_iterations", 0),
     ("zeta_dl", 1.2)],
)
def test_rejects_bad_parameters(field, value):
    with pytest.raises(ValueError, match=field):
        bjornson2015_params(**{field: value})


@pytest.mark.parametrize("field", ["d_max", "kappa", "bandwidth", "p_fix", "l_bs", "tau_dl"])
def test_rejects_non_finite_parameters(field):
    with pytest.raises(ValueError, match=f"{field} must be finite"):
        bjornson2015_params(**{field: np.inf})


def test_power_coefficients_rejects_a_non_params_object():
    with pytest.raises(TypeError, match="params"):
        power_coefficients({"a": 1})
    with pytest.raises(TypeError, match="params"):
        bjornson2015_circuit_power(10, 2, params={"p_fix": 1.0})


def test_rejects_duty_fractions_not_summing_to_one():
    with pytest.raises(ValueError, match="zeta_dl \\+ zeta_ul"):
        bjornson2015_params(zeta_dl=0.5, zeta_ul=0.4)


def test_rejects_unknown_scheme_and_negative_sizes():
    with pytest.raises(ValueError, match="scheme"):
        power_coefficients(scheme="rzf")
    with pytest.raises(ValueError, match="n_antennas"):
        bjornson2015_circuit_power(-1, 2)
    with pytest.raises(ValueError, match="p_tx"):
        bjornson2015_total_power(10, 2, p_tx=-1.0)
