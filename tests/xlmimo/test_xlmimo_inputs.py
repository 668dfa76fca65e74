"""Bad input to the public XL-MIMO, near-field, power and metrics functions: a clean
``TypeError``/``ValueError`` naming the parameter, never a silent number (docs/xlmimo.md,
'Inputs'); integer sizes have upper bounds checked before any allocation."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.metrics import circuit_limited_ee, energy_efficiency, rate, spectral_efficiency
from wirelesseff.power import Bjornson2015Params, XLMIMOPowerParams, massive_mimo_book_vs1
from wirelesseff.xlmimo import (
    alpha_opt_zf,
    architecture_gain,
    average_inverse_gain,
    ee_mrt_montecarlo,
    ee_zf,
    ee_zf_imperfect,
    midband_ee,
    optimal_antenna_count,
    optimal_k_theorem1,
    optimal_m_theorem2,
    optimal_se_single_link,
    optimize_zf,
    se_montecarlo,
    se_mr,
    se_zf,
    sinr_zf_imperfect,
    sum_rate_zf,
    upa_element_count,
)

STRING_CALLS = [
    (lambda v: ee_zf(v, 10), "M"),
    (lambda v: ee_zf(100, v), "K"),
    (lambda v: ee_zf(100, 10, alpha=v), "alpha"),
    (lambda v: ee_zf_imperfect(v, 10), "M"),
    (lambda v: alpha_opt_zf(v, 10), "M"),
    (lambda v: sum_rate_zf(100, 10, v), "alpha"),
    (lambda v: sinr_zf_imperfect(100, 10, v), "alpha"),
    (lambda v: optimal_m_theorem2(v, 10), "alpha"),
    (lambda v: optimal_k_theorem1(v, 2.0), "alpha_bar"),
    (lambda v: optimal_antenna_count(v, 10.0, 1.0), "snr_gain_per_antenna"),
    (lambda v: optimal_se_single_link(10, v, 1e5, 0.25, 0.4), "p_fixed"),
    (lambda v: se_mr(v, [1.0, 1.0]), "M"),
    (lambda v: se_zf(64, v), "snr"),
    (lambda v: architecture_gain(v), "n_antennas"),
    (lambda v: average_inverse_gain(v), "frequency"),
    (lambda v: midband_ee(v, 256), "frequency"),
    (lambda v: midband_ee(10e9, v), "n_antennas"),
    (lambda v: midband_ee(10e9, 256, bandwidth=v), "bandwidth"),
    (lambda v: upa_element_count(v, 10e9), "side"),
    (lambda v: circuit_limited_ee(v, 1e5, 1.0, 0.4, 0.1), "snr_gain"),
    (lambda v: spectral_efficiency(v), "sinr"),
]


@pytest.mark.parametrize(("call", "name"), STRING_CALLS)
def test_strings_raise_type_error_naming_the_parameter(call, name):
    # np.asarray("100", dtype=float) parses the string: every function checks before converting
    with pytest.raises(TypeError, match=name):
        call("100")


@pytest.mark.parametrize("bad", [np.nan, np.inf])
@pytest.mark.parametrize(("call", "name"), STRING_CALLS)
def test_nan_and_inf_raise_value_error_naming_the_parameter(call, name, bad):
    if name == "sinr" and np.isnan(bad):
        assert np.isnan(spectral_efficiency(bad))  # documented: NaN marks an undefined point
        return
    with pytest.raises(ValueError, match=name):
        call(bad)


@pytest.mark.parametrize(("call", "name"), [
    (lambda: optimize_zf(m_max=10**6), "m_max"),
    (lambda: optimize_zf(k_max=10**12), "k_max"),
    (lambda: optimize_zf(max_iter=10**12), "max_iter"),
    (lambda: ee_mrt_montecarlo(10**7, 10), "M"),
    (lambda: ee_mrt_montecarlo(100, 10**5), "K"),
    (lambda: ee_mrt_montecarlo(2000, 100, n_realizations=1000), "n_realizations"),
    (lambda: se_montecarlo(64, np.ones(4), "zf", n_realizations=10**7), "n_realizations"),
    (lambda: se_montecarlo(10**5, np.ones(4), "mr", sampler="channel", batch=1024), "batch"),
    (lambda: midband_ee(10e9, 256, n_users=10**6), "n_users"),
    (lambda: midband_ee(10e9, 256, tau_c=10**9), "tau_c"),
    (lambda: midband_ee(10e9, 1e9), "n_antennas"),
    (lambda: upa_element_count(1e6, 100e9), "side"),
])
def test_integer_sizes_have_upper_bounds(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_overflowing_inputs_are_named():
    with pytest.raises(ValueError, match="alpha_bar"):
        optimal_k_theorem1(1e300, 2.0)
    with pytest.raises(ValueError, match="noise_figure_db"):
        midband_ee(10e9, 256, noise_figure_db=1e6)
    with pytest.raises(ValueError, match="h_bs"):
        average_inverse_gain(10e9, h_bs=np.inf)
    with pytest.raises(TypeError, match="tau_ul"):
        sinr_zf_imperfect(100, 10, 1.0, tau_ul=np.array([]))


@pytest.mark.parametrize(("factory", "field"), [
    (lambda v: XLMIMOPowerParams(p_fix=v), "p_fix"),
    (lambda v: XLMIMOPowerParams(l_bb=v), "l_bb"),
    (lambda v: Bjornson2015Params(**{**_b2015_fields(), "p_bs": v}), "p_bs"),
    (lambda v: massive_mimo_book_vs1().__class__(**{**vars(massive_mimo_book_vs1()),
                                                    "p_bt": v}), "p_bt"),
])
def test_parameter_dataclasses_reject_inf_and_arrays(factory, field):
    with pytest.raises(ValueError, match=field):
        factory(np.inf)
    with pytest.raises(TypeError, match=field):
        factory(np.array([]))


def _b2015_fields():
    from dataclasses import fields

    from wirelesseff.power import bjornson2015_params

    p = bjornson2015_params()
    return {f.name: getattr(p, f.name) for f in fields(p)}


def test_metrics_reject_inf_and_propagate_nan():
    with pytest.raises(ValueError, match="bandwidth"):
        rate(1.0, np.inf)
    with pytest.raises(ValueError, match="total_power_w"):
        energy_efficiency(1.0, np.inf)
    assert np.isnan(energy_efficiency(np.nan, 1.0))
    assert np.isnan(rate(np.nan, 1e6))


def test_string_inputs_are_type_errors_not_parsed_numbers():
    from wirelesseff.xlmimo import ee_zf_imperfect

    with pytest.raises(TypeError, match="M must be numeric"):
        ee_zf("100", 10)
    with pytest.raises(TypeError, match="alpha must be numeric"):
        ee_zf_imperfect(100, 10, alpha="1.0")


def test_overflow_inside_the_domain_is_an_error_documented_nan_outside_it():
    from wirelesseff.xlmimo import optimal_k_theorem1, sum_rate_zf

    assert np.isnan(ee_zf(10, 10))  # M <= K: outside the model's domain (documented)
    with pytest.raises(ValueError, match="must have physical magnitudes"):
        ee_zf(100, 10, alpha=1e308)
    with pytest.raises(ValueError, match="must have physical magnitudes"):
        sum_rate_zf(100, 10, alpha=1e308)
    with pytest.raises(ValueError, match="alpha_bar and beta_bar"):
        optimal_k_theorem1(1e200, 1e200)
