"""Mid-band XL-MIMO EE model [reconstruction]: components, optimality and qualitative laws."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate

import wirelesseff.xlmimo.midband as midband_module
from wirelesseff.channel.nearfield import farfield_beamforming_gain
from wirelesseff.channel.noise import noise_power
from wirelesseff.channel.pathloss import los_probability_umi, tr38901_umi
from wirelesseff.power import XLMIMOPowerParams, xlmimo_bs_power
from wirelesseff.units import SPEED_OF_LIGHT
from wirelesseff.xlmimo.midband import (
    architecture_gain,
    average_inverse_gain,
    midband_ee,
    upa_element_count,
)

F_MID = np.array([7e9, 10e9, 15e9, 24e9])


def test_module_is_marked_as_reconstruction():
    assert "reconstruction" in midband_module.__doc__.lower()
    assert "reconstruction" in midband_ee.__doc__.lower()


def test_upa_element_count_by_hand():
    lam = SPEED_OF_LIGHT / 10e9
    assert upa_element_count(0.5, 10e9) == int(np.floor(0.5 / (0.5 * lam))) ** 2 == 33**2
    # exact multiples are not rounded down
    assert upa_element_count(10 * 0.5 * lam, 10e9) == 100
    assert upa_element_count(1.0, 24e9, spacing=1.0) == int(1.0 / (SPEED_OF_LIGHT / 24e9)) ** 2
    np.testing.assert_array_equal(upa_element_count([0.1, 1.0], 7e9), [16, 2116])  # 4.67, 46.7


@pytest.mark.parametrize("los", [True, False, "probabilistic"])
def test_average_inverse_gain_matches_adaptive_quadrature(los):
    def integrand(d, f):
        if los == "probabilistic":
            p = los_probability_umi(d)
            inv = p * 10 ** (tr38901_umi(d, f, True) / 10) + (1 - p) * 10 ** (
                tr38901_umi(d, f, False) / 10)
        else:
            inv = 10 ** (tr38901_umi(d, f, los) / 10)
        return inv * 2 * d / (100.0**2 - 10.0**2)

    for f in (7e9, 24e9):
        ref, _ = integrate.quad(integrand, 10.0, 100.0, args=(f,), epsabs=0, epsrel=1e-12,
                                limit=200)
        assert average_inverse_gain(f, los=los) == pytest.approx(ref, rel=1e-6)


def test_average_inverse_gain_scales_with_f_squared_before_breakpoint():
    s = average_inverse_gain(F_MID)
    np.testing.assert_allclose(s / s[0], (F_MID / F_MID[0]) ** 2, rtol=1e-12)
    assert np.all(average_inverse_gain(F_MID, los=False) > s)
    prob = average_inverse_gain(F_MID, los="probabilistic")
    assert np.all((prob > s) & (prob < average_inverse_gain(F_MID, los=False)))


def test_architecture_gain_values_and_nan_domain():
    assert architecture_gain(256, n_users=12) == 244.0
    assert architecture_gain(256, 64, 12, architecture="hybrid_sub") == 4 * 52
    assert architecture_gain(256, 64, 12, architecture="hybrid_full") == 244.0
    g = architecture_gain(np.array([10, 64, 64, 256]), np.array([8, 12, 128, 64]), 12,
                          architecture="hybrid_sub")
    assert np.isnan(g[:3]).all() and np.isfinite(g[3])  # M <= K, N_RF <= K, N_RF > M
    # sub-connected N_RF = M is fully digital
    assert architecture_gain(256, 256, 12, architecture="hybrid_sub") == 244.0


def test_hybrid_full_warns_between_k_and_2k():
    with pytest.warns(UserWarning, match="upper bound"):
        architecture_gain(256, 20, 12, architecture="hybrid_full")


def test_farfield_analog_beam_loss():
    f, r = 24e9, 72.0
    g = architecture_gain(16384, 256, 12, architecture="hybrid_full", analog_beam="farfield",
                          frequency=f, distance=r)
    lam = SPEED_OF_LIGHT / f
    d_f = 2 * (128 * lam / 2 * np.sqrt(2)) ** 2 / lam  # 128 x 128 lambda/2 UPA
    assert g == pytest.approx((16384 - 12) * farfield_beamforming_gain(r, d_f), rel=1e-12)
    assert g < 16384 - 12
    # small sub-arrays are in their far field: no loss
    g_sub = architecture_gain(1024, 256, 12, architecture="hybrid_sub", analog_beam="farfield",
                              frequency=f, distance=r)
    assert g_sub == pytest.approx(4 * (256 - 12), rel=1e-5)


def _direct_ee(alpha, f, m, nrf, arch, params=None, k=12, b=200e6, tau_c=200):
    s_bar = average_inverse_gain(f)
    sigma2 = noise_power(b, 7.0)
    g = architecture_gain(m, nrf, k, architecture=arch)
    rate = b * k * (1 - k / tau_c) * np.log2(1 + alpha * g)
    p = xlmimo_bs_power(m, nrf, alpha * k * sigma2 * s_bar, b, k, architecture=arch,
                        sum_rate=rate, params=params)
    return rate / p.total


@pytest.mark.parametrize(("f", "m", "nrf", "arch"), [
    (10e9, 256, None, "digital"),       # interior optimum
    (24e9, 4096, None, "digital"),      # clipped at P_max
    (7e9, 1024, 64, "hybrid_sub"),
    (15e9, 1024, 64, "hybrid_full"),
])
def test_lambertw_alpha_is_optimal_against_dense_search(f, m, nrf, arch):
    res = midband_ee(f, m, nrf, architecture=arch)
    unit = 12 * noise_power(200e6, 7.0) * average_inverse_gain(f)
    alphas = np.exp(np.linspace(np.log(1e-6), np.log(40.0 / unit), 20_001))
    dense = _direct_ee(alphas, f, m, nrf, arch)
    assert res.ee >= dense.max() * (1 - 1e-9)
    assert res.ee == pytest.approx(_direct_ee(res.alpha, f, m, nrf, arch), rel=1e-12)
    assert res.p_radiated <= 40.0 * (1 + 1e-12)
    assert res.p_radiated == pytest.approx(res.alpha * unit)


def test_doherty_pa_bounded_search_is_optimal():
    params = XLMIMOPowerParams(pa_model="doherty")
    res = midband_ee(10e9, 256, power_params=params)
    unit = 12 * noise_power(200e6, 7.0) * average_inverse_gain(10e9)
    alphas = np.exp(np.linspace(np.log(1e-6), np.log(40.0 / unit), 20_001))
    dense = _direct_ee(alphas, 10e9, 256, None, "digital", params=params)
    assert res.ee >= dense.max() * (1 - 1e-7)


def test_breakdown_and_rate_are_consistent():
    res = midband_ee(10e9, 1024)
    bd = res.breakdown
    parts = bd.pa + bd.rf_chain + bd.phase_shifter + bd.lo + bd.baseband + bd.fixed + bd.rate
    assert bd.total == pytest.approx(parts)
    assert res.ee == pytest.approx(res.sum_rate / bd.total)
    g = 1024 - 12
    assert res.sum_rate == pytest.approx(200e6 * 12 * (1 - 12 / 200) * np.log2(1 + res.alpha * g))


def test_broadcasting_and_nan_domain():
    res = midband_ee(F_MID[:, None, None], np.array([64, 256, 1024])[:, None],
                     np.array([8, 32, 128, 512]), architecture="hybrid_sub")
    assert res.ee.shape == (4, 3, 4)
    assert res.breakdown.total.shape == (4, 3, 4)
    nan = np.isnan(res.ee[0])
    expected = (np.array([8, 32, 128, 512]) <= 12) | (np.array([8, 32, 128, 512])
                                                      > np.array([64, 256, 1024])[:, None])
    np.testing.assert_array_equal(nan, expected)
    assert isinstance(midband_ee(10e9, 256).ee, float)


def test_hybrid_sub_with_one_chain_per_antenna_is_digital_plus_phase_shifters():
    dig = midband_ee(10e9, 256)
    sub = midband_ee(10e9, 256, 256, architecture="hybrid_sub")
    p_ps = XLMIMOPowerParams().phase_shifter_power
    assert sub.breakdown.phase_shifter == pytest.approx(256 * p_ps)
    assert sub.ee < dig.ee
    # same gain and circuit power up to the phase shifters: EE at the digital alpha matches
    np.testing.assert_allclose(sub.breakdown.total - sub.breakdown.pa - sub.breakdown.rate,
                               dig.breakdown.total - dig.breakdown.pa - dig.breakdown.rate
                               + 256 * p_ps, rtol=1e-12)


def test_digital_ee_unimodal_in_m_and_hybrid_peaks_later():
    m = np.arange(13, 3001)
    peaks = {}
    for arch, nrf in (("digital", None), ("hybrid_sub", 64)):
        ee = midband_ee(10e9, m, nrf, architecture=arch).ee
        ok = np.isfinite(ee)
        d = np.sign(np.diff(ee[ok]))
        assert np.count_nonzero(d[1:] != d[:-1]) <= 1, arch  # rises then falls
        peaks[arch] = m[ok][np.argmax(ee[ok])]
    assert peaks["hybrid_sub"] > peaks["digital"]


def test_digital_ee_falls_with_frequency_at_fixed_aperture():
    for side in (0.1, 0.3):
        m = upa_element_count(side, F_MID)
        ee = midband_ee(F_MID, m).ee
        assert np.all(np.diff(ee) < 0), side


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_users": 200}, "n_users"),
        ({"bandwidth": 0.0}, "bandwidth"),
        ({"p_max": -1.0}, "p_max"),
        ({"p_max": np.inf}, "p_max must be finite"),
        ({"bandwidth": np.inf}, "bandwidth must be in"),
        ({"d_max": np.inf}, "d_max must be in"),
        ({"d_min": -5.0}, "d_min"),
        ({"d_min": 50.0, "d_max": 40.0}, "d_max"),
        ({"architecture": "analog"}, "architecture"),
        ({"analog_beam": "farfield"}, "analog_beam"),
        ({"scenario": "rma"}, "scenario"),
        ({"noise_figure_db": -1.0}, "noise_figure_db"),
        ({"frequency": 200e9}, "frequency"),
        ({"n_antennas": 0}, "n_antennas"),
        ({"architecture": "hybrid_sub"}, "n_rf"),
        ({"architecture": "hybrid_sub", "n_rf": 0}, "n_rf"),
    ],
)
def test_rejects_bad_input(kwargs, name):
    args = {"frequency": 10e9, "n_antennas": 256} | kwargs
    with pytest.raises(ValueError, match=name):
        midband_ee(**args)


def test_rejects_bad_power_params_and_sizes():
    with pytest.raises(TypeError, match="power_params"):
        midband_ee(10e9, 256, power_params={"pa_efficiency": 0.3})
    with pytest.raises(ValueError, match="side"):
        upa_element_count(-1.0, 10e9)
    with pytest.raises(ValueError, match="frequency"):
        architecture_gain(256, 64, 12, architecture="hybrid_full", analog_beam="farfield")


def test_tau_c_is_one_quantity_for_rate_and_power():
    """midband_ee(tau_c=...) sets the pre-log and the power model's coherence block alike."""
    m, nrf = [256, 1024], 64
    kw = {"architecture": "hybrid_sub"}
    a = midband_ee(10e9, m, nrf, tau_c=50, **kw)
    b = midband_ee(10e9, m, nrf, tau_c=50, power_params=XLMIMOPowerParams(tau_c=50), **kw)
    np.testing.assert_allclose(a.ee, b.ee, rtol=1e-12)
    np.testing.assert_allclose(a.breakdown.gops, b.breakdown.gops, rtol=1e-12)
    # and the power model really sees tau_c = 50 with K = 12 pilots
    bd = xlmimo_bs_power(np.array(m, float), nrf, a.p_radiated, 200e6, 12,
                         architecture="hybrid_sub", sum_rate=a.sum_rate,
                         params=XLMIMOPowerParams(tau_c=50, tau_p=12))
    np.testing.assert_allclose(a.breakdown.total, bd.total, rtol=1e-12)
    ref = midband_ee(10e9, m, nrf, **kw)  # tau_c = 200 differs in the processing load
    assert np.all(a.breakdown.gops != ref.breakdown.gops)


def test_power_params_with_another_tau_c_or_tau_p_are_overridden_with_a_warning():
    base = midband_ee(10e9, 1024)
    for params in (XLMIMOPowerParams(tau_c=50), XLMIMOPowerParams(tau_p=20)):
        with pytest.warns(UserWarning, match="tau_c=200 and tau_p=n_users=12"):
            res = midband_ee(10e9, 1024, power_params=params)
        assert res.ee == pytest.approx(base.ee, rel=1e-12)
