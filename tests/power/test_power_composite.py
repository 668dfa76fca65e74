"""Tests of the composite models: XL-MIMO BS power, affine model, RIS-link total power."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.power import (
    FS_PER_BANDWIDTH,
    AffinePowerModel,
    PowerBreakdown,
    XLMIMOPowerParams,
    baseband_gops,
    fas_reconstruction_defaults,
    rf_components_parvini,
    rf_components_ttd_hbf,
    total_power,
    xlmimo_bs_power,
)

P_PS = 20e-3  # Parvini phase shifter


def _bd(arch, M=256, n_rf=32, p=20.0, B=100e6, K=8, **kw):
    return xlmimo_bs_power(M, n_rf, p, B, K, architecture=arch, **kw)


# ------------------------------------------------------- structural oracles (docs/power.md)


def test_phase_shifter_counts_zero_m_and_m_times_nrf():
    M, n_rf = 256, 32
    assert _bd("digital", M, n_rf).phase_shifter == 0.0
    assert _bd("hybrid_sub", M, n_rf).phase_shifter == pytest.approx(M * P_PS)
    assert _bd("hybrid_full", M, n_rf).phase_shifter == pytest.approx(M * n_rf * P_PS)


@pytest.mark.parametrize("mode", ["dl", "ul", "tdd"])
def test_hybrid_sub_with_nrf_equal_m_is_digital_plus_m_phase_shifters(mode):
    M = 128
    dig = xlmimo_bs_power(M, None, 10.0, 200e6, 12, mode=mode, sum_rate=1e9)
    sub = xlmimo_bs_power(M, M, 10.0, 200e6, 12, architecture="hybrid_sub", mode=mode,
                          sum_rate=1e9)
    assert sub.total == pytest.approx(dig.total + M * P_PS, rel=1e-13)
    for name in ("pa", "rf_chain", "lo", "baseband", "fixed", "rate", "gops"):
        assert getattr(sub, name) == pytest.approx(getattr(dig, name), rel=1e-13)


@pytest.mark.parametrize("arch", ["hybrid_sub", "hybrid_full"])
def test_terms_non_decreasing_in_nrf(arch):
    n_rf = np.arange(1, 257)
    bd = xlmimo_bs_power(256, n_rf, 20.0, 100e6, 8, architecture=arch)
    for name, v in bd.as_dict().items():
        v = np.broadcast_to(v, n_rf.shape)
        assert np.all(np.diff(v) >= -1e-12 * np.abs(v[1:])), name
    assert np.all(np.diff(bd.total) > 0)


def test_doherty_pa_at_full_power_has_efficiency_pi_over_4():
    params = XLMIMOPowerParams(pa_model="doherty", pa_max_power=40.0)
    bd = xlmimo_bs_power(64, None, 40.0, 100e6, 8, params=params)
    assert bd.pa == pytest.approx(40.0 / (math.pi / 4))
    # 6.02 dB back-off (eps = 1/4) also at pi/4 for the 2-way Doherty
    bd = xlmimo_bs_power(64, None, 10.0, 100e6, 8, params=params)
    assert bd.pa == pytest.approx(10.0 / (math.pi / 4))


# ---------------------------------------------------------------- structure and values


def test_digital_breakdown_by_hand():
    M, p, B, K, R = 64, 10.0, 100e6, 8, 2e9
    bd = xlmimo_bs_power(M, None, p, B, K, sum_rate=R)
    rf = rf_components_parvini()
    assert bd.pa == pytest.approx(p / 0.39)
    # converters at the sampling rate of the digital front end, f_s = 1.2288 B
    assert bd.rf_chain == pytest.approx(M * rf.rf_chain_tx(1.2288 * B))
    assert bd.lo == pytest.approx(22.5e-3)
    assert bd.fixed == 10.0
    assert bd.rate == pytest.approx(1.15e-9 * R)
    gops = baseband_gops(M, K, B)
    assert bd.gops == pytest.approx(gops)
    assert bd.baseband == pytest.approx(0.2 + gops * 1e9 / 75e9)
    terms = bd.terms()
    assert bd.total == pytest.approx(sum(terms.values()))
    assert set(bd.as_dict()) == set(PowerBreakdown.POWER_TERMS) | {"gops", "total"}
    assert bd.circuit == pytest.approx(bd.total - bd.pa - bd.rate)


def test_modes_select_tx_rx_or_tdd_mix():
    rf = rf_components_parvini()
    B = 400e6
    dl = xlmimo_bs_power(16, None, 1.0, B, 4, mode="dl").rf_chain
    ul = xlmimo_bs_power(16, None, 1.0, B, 4, mode="ul").rf_chain
    tdd = xlmimo_bs_power(16, None, 1.0, B, 4, mode="tdd").rf_chain
    fs = FS_PER_BANDWIDTH * B
    assert dl == pytest.approx(16 * rf.rf_chain_tx(fs))
    assert ul == pytest.approx(16 * rf.rf_chain_rx(fs))
    assert tdd == pytest.approx(0.6 * dl + 0.4 * ul)


def test_supply_efficiency_scales_all_but_rate():
    p = XLMIMOPowerParams(supply_efficiency=0.8)
    a = xlmimo_bs_power(32, None, 5.0, 50e6, 4, sum_rate=1e8)
    b = xlmimo_bs_power(32, None, 5.0, 50e6, 4, sum_rate=1e8, params=p)
    assert b.total - b.rate == pytest.approx((a.total - a.rate) / 0.8)


def test_broadcasting_over_m_nrf_power():
    M = np.array([64, 256, 1024])[:, None, None]
    n_rf = np.array([8, 16, 64])[None, :, None]
    p = np.array([1.0, 10.0])[None, None, :]
    bd = xlmimo_bs_power(M, n_rf, p, 200e6, 8, architecture="hybrid_full")
    for v in bd.as_dict().values():
        assert np.shape(v) == (3, 3, 2)
    one = xlmimo_bs_power(256, 16, 10.0, 200e6, 8, architecture="hybrid_full")
    assert bd.total[1, 1, 1] == pytest.approx(one.total)
    assert isinstance(one.total, float)


def test_holtkamp_pa_model_and_nan_for_tiny_amplifiers():
    params = XLMIMOPowerParams(pa_model="holtkamp")
    ok = xlmimo_bs_power(16, None, 40.0, 100e6, 4, params=params)  # 2.5 W PAs
    eta = 0.36 * (1 - 0.15 * math.log2(80 / 2.5))
    assert ok.pa == pytest.approx(40.0 / eta)
    tiny = xlmimo_bs_power(1024, None, 40.0, 100e6, 4, params=params)  # 39 mW PAs
    assert np.isnan(tiny.pa) and np.isnan(tiny.total)


def test_processor_baseband_and_tabulated_phase_shifter():
    params = XLMIMOPowerParams(baseband_model="processor", rf=rf_components_ttd_hbf(),
                               phase_shifter_bits=2)
    bd = xlmimo_bs_power(256, 16, 10.0, 100e6, 8, architecture="hybrid_sub", params=params)
    assert bd.phase_shifter == pytest.approx(256 * 21e-3)
    g = bd.gops
    assert bd.baseband == pytest.approx((np.ceil(g / 180) * 20.8 + 74 * g / 180) / 0.9)


def test_params_frozen_and_validated():
    p = XLMIMOPowerParams()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.p_fix = 1.0
    with pytest.raises(ValueError, match="pa_model"):
        XLMIMOPowerParams(pa_model="class_e")
    with pytest.raises(ValueError, match="pa_efficiency"):
        XLMIMOPowerParams(pa_efficiency=1.2)
    with pytest.raises(KeyError, match="bits=3"):
        XLMIMOPowerParams(rf=rf_components_ttd_hbf(), phase_shifter_bits=3)
    # TDD time fractions of one frame must sum to 1 (as in Bjornson2015Params)
    with pytest.raises(ValueError, match="zeta_dl \\+ zeta_ul"):
        XLMIMOPowerParams(zeta_dl=0.9, zeta_ul=0.9)
    XLMIMOPowerParams(zeta_dl=0.7, zeta_ul=0.3)  # accepted


def test_converters_and_digital_front_end_share_one_sampling_rate():
    """Default f_s = 1.2288 B for the converters, the same rate the DFE count uses."""
    assert XLMIMOPowerParams().converter_oversampling == FS_PER_BANDWIDTH == 1.2288
    rf = rf_components_parvini()
    M, B, K = 32, 200e6, 8
    for mode, chain in (("dl", rf.rf_chain_tx), ("ul", rf.rf_chain_rx)):
        bd = xlmimo_bs_power(M, None, 5.0, B, K, mode=mode)
        assert bd.rf_chain == pytest.approx(M * chain(1.2288 * B))
        assert bd.gops == pytest.approx(baseband_gops(M, K, B, fs=1.2288 * B))
    # an explicit rate moves converters and DFE together
    p = XLMIMOPowerParams(converter_oversampling=2.0)
    bd = xlmimo_bs_power(M, None, 5.0, B, K, params=p)
    assert bd.rf_chain == pytest.approx(M * rf.rf_chain_tx(2.0 * B))
    assert bd.gops == pytest.approx(baseband_gops(M, K, B, fs=2.0 * B))


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 512), st.floats(0.0, 40.0), st.sampled_from(["digital", "hybrid_sub",
                                                                   "hybrid_full"]))
def test_total_at_least_fixed_and_pa(M, p, arch):
    n_rf = max(1, M // 4)
    bd = xlmimo_bs_power(M, n_rf, p, 100e6, 1, architecture=arch)
    assert bd.total >= bd.fixed + bd.pa - 1e-12
    assert min(bd.terms().values()) >= 0.0


def test_xlmimo_rejects_bad_input():
    with pytest.raises(ValueError, match="n_antennas - n_rf"):
        xlmimo_bs_power(64, 128, 1.0, 1e8, 4, architecture="hybrid_sub")
    with pytest.raises(ValueError, match="n_rf"):
        xlmimo_bs_power(64, None, 1.0, 1e8, 4, architecture="hybrid_full")
    with pytest.raises(ValueError, match="n_rf"):
        xlmimo_bs_power(64, 0, 1.0, 1e8, 4, architecture="hybrid_full")
    with pytest.raises(ValueError, match="architecture"):
        xlmimo_bs_power(64, 8, 1.0, 1e8, 4, architecture="analog")
    with pytest.raises(ValueError, match="mode"):
        xlmimo_bs_power(64, None, 1.0, 1e8, 4, mode="fdd")
    with pytest.raises(ValueError, match="p_radiated"):
        xlmimo_bs_power(64, None, -1.0, 1e8, 4)
    with pytest.raises(ValueError, match="p_radiated"):
        xlmimo_bs_power(64, None, 50.0, 1e8, 4, params=XLMIMOPowerParams(pa_model="doherty"))
    with pytest.raises(ValueError, match="bandwidth"):
        xlmimo_bs_power(64, None, 1.0, 0.0, 4)
    with pytest.raises(ValueError, match="n_users"):
        xlmimo_bs_power(64, None, 1.0, 1e8, 0)
    with pytest.raises(ValueError, match="sum_rate"):
        xlmimo_bs_power(64, None, 1.0, 1e8, 4, sum_rate=-1.0)


# ---------------------------------------------------------------- affine model, total_power


def test_affine_model_fas_defaults_reconstruction():
    m = fas_reconstruction_defaults()
    assert (m.pa_efficiency, m.static_power, m.per_chain_power) == (0.35, 0.03, 0.01)
    assert m.circuit_power(2) == pytest.approx(0.05)  # docs/fas.md: P_c = 0.05 W at M = 2
    assert m.total(0.35, n_rf=2) == pytest.approx(1.05)


def test_affine_model_total_breakdown_and_broadcast():
    m = AffinePowerModel(pa_efficiency=0.4, static_power=2.0, per_chain_power=0.5)
    p = np.array([0.0, 1.0, 2.0])
    n = np.array([[1], [4]])
    tot = m.total(p, n_rf=n, extra=0.1)
    assert tot.shape == (2, 3)
    np.testing.assert_allclose(tot, p / 0.4 + 2.0 + 0.5 * n + 0.1)
    br = m.breakdown(p, n_rf=n, extra=0.1)
    np.testing.assert_allclose(sum(br.values()), tot)
    assert m.pa_power(1.0) == pytest.approx(2.5)
    assert isinstance(m.total(1.0), float)


def test_affine_model_rejects_bad_input():
    with pytest.raises(ValueError, match="pa_efficiency"):
        AffinePowerModel(pa_efficiency=0.0, static_power=1.0)
    with pytest.raises(ValueError, match="static_power"):
        AffinePowerModel(pa_efficiency=0.5, static_power=-1.0)
    m = fas_reconstruction_defaults()
    with pytest.raises(ValueError, match="p_out"):
        m.total(-1.0)
    with pytest.raises(ValueError, match="n_rf"):
        m.circuit_power(-1)


def test_total_power_ris_leo_formula():
    # P_t / nu + P_static + sum of RIS powers (Björnson, Özdogan, Larsson, IEEE WCL 2020)
    assert total_power(0.1) == pytest.approx(0.1 / 0.5 + 0.2)
    assert total_power(0.1, 0.05, pa_efficiency=0.25, static_power=0.0) == pytest.approx(0.45)
    assert total_power(1.0, [0.1, 0.2, 0.3]) == pytest.approx(2.8)
    p = np.array([0.0, 1.0])
    np.testing.assert_allclose(total_power(p, np.array([0.5, 0.5])), p / 0.5 + 0.2 + 0.5)


def test_total_power_rejects_bad_input():
    with pytest.raises(ValueError, match="pa_efficiency"):
        total_power(1.0, pa_efficiency=1.5)
    with pytest.raises(ValueError, match="transmit_power"):
        total_power(-1.0)
    with pytest.raises(ValueError, match="ris_power"):
        total_power(1.0, [0.1, -0.2])


def test_params_total_and_breakdown_methods():
    p = XLMIMOPowerParams(pa_efficiency=0.5)
    bd = p.breakdown(128, 16, 10.0, 100e6, 8, architecture="hybrid_sub")
    ref = xlmimo_bs_power(128, 16, 10.0, 100e6, 8, architecture="hybrid_sub", params=p)
    assert bd.total == pytest.approx(ref.total)
    assert p.total(128, 16, 10.0, 100e6, 8, architecture="hybrid_sub") == pytest.approx(bd.total)
    assert bd.pa == pytest.approx(20.0)
