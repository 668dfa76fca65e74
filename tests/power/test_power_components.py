"""Tests of the hardware components: PAs, converters, RF presets, losses, rate terms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.power import (
    PHASE_SHIFTER_POWER_TTD_HBF,
    RFComponents,
    apply_cooling,
    apply_supply_losses,
    backhaul_power,
    coding_power,
    dac_power,
    doherty_efficiency,
    holtkamp_pa_efficiency,
    pa_backoff_efficiency,
    pa_power_constant,
    pa_power_doherty,
    pa_power_holtkamp,
    phase_shifter_power,
    rate_power,
    rf_components_parvini,
    rf_components_ttd_hbf,
    walden_adc_power,
)

# ---------------------------------------------------------------- published oracles


def test_walden_adc_matches_walden1999_fom_oracle():
    # Walden FOM (IEEE JSAC 1999) with the 494 fJ of the Parvini et al. code: 494e-15 * 1024 * 1e9
    assert walden_adc_power(10, 1e9) == pytest.approx(494e-15 * 1024 * 1e9, rel=1e-15)


def test_dac_matches_parvini_code_formula():
    # PowerConsumptionModel.m: PDAC = 1.5e-5 * 2^b + 9e-12 * b * fs
    b, fs = 8, 200e6
    assert dac_power(b, fs) == pytest.approx(1.5e-5 * 256 + 9e-12 * 8 * 200e6, rel=1e-14)


@pytest.mark.parametrize("ways", [1, 2, 3, 4])
def test_doherty_efficiency_pi_over_4_at_breakpoints_parvini_model(ways):
    # ideal l-way Doherty (Cripps 2006): efficiency pi/4 at eps in {1, 1/l^2}, continuous there
    p_max = 7.0
    for eps in (1.0, 1.0 / ways**2):
        p_out = eps * p_max
        eta = p_out / pa_power_doherty(p_out, p_max, ways=ways)
        assert eta == pytest.approx(math.pi / 4, rel=1e-13)
        assert doherty_efficiency(eps, ways=ways) == pytest.approx(math.pi / 4, rel=1e-13)
    if ways == 1:
        return  # class B: the break point is the end of the range
    # continuity of the DC power at the break point 1/l^2 (both branches agree)
    eb = 1.0 / ways**2
    h = 1e-10
    below = pa_power_doherty((eb - h) * p_max, p_max, ways)
    above = pa_power_doherty((eb + h) * p_max, p_max, ways)
    assert abs(above - below) < 1e-8 * p_max


def test_doherty_one_way_is_class_b():
    eps = np.linspace(0.0, 1.0, 41)
    np.testing.assert_allclose(doherty_efficiency(eps, ways=1), (math.pi / 4) * np.sqrt(eps),
                               rtol=1e-14, atol=0)


def test_pa_backoff_matches_cripps2006_ideal_class_a_b():
    # Cripps 2006, ideal class A/B:
    # class A eta = 0.5*10^(-IBO/10); class B eta = (pi/4)*10^(-IBO/20)
    ibo = np.array([0.0, 1.0, 3.01, 6.0, 10.0])
    np.testing.assert_allclose(pa_backoff_efficiency(ibo, "A"), 0.5 * 10 ** (-ibo / 10),
                               rtol=1e-14)
    np.testing.assert_allclose(pa_backoff_efficiency(ibo, "B"), math.pi / 4 * 10 ** (-ibo / 20),
                               rtol=1e-14)
    np.testing.assert_allclose(pa_backoff_efficiency(ibo), pa_backoff_efficiency(ibo, "b"))


def test_pa_backoff_eta_max_rescales():
    ibo = np.array([0.0, 4.0])
    np.testing.assert_allclose(pa_backoff_efficiency(ibo, "B", eta_max=0.6),
                               0.6 * 10 ** (-ibo / 20), rtol=1e-14)
    np.testing.assert_allclose(pa_backoff_efficiency(ibo, "A", eta_max=0.3),
                               0.3 * 10 ** (-ibo / 10), rtol=1e-14)


def test_pa_backoff_class_b_equals_one_way_doherty():
    ibo = np.linspace(0, 20, 21)
    np.testing.assert_allclose(pa_backoff_efficiency(ibo, "B"),
                               doherty_efficiency(10 ** (-ibo / 10), ways=1), rtol=1e-13)


def test_pa_backoff_doherty_flat_down_to_6db():
    # two-way Doherty keeps pi/4 at 0 dB and at 1/l^2 = 6.02 dB back-off
    assert pa_backoff_efficiency(0.0, "doherty") == pytest.approx(math.pi / 4)
    assert pa_backoff_efficiency(10 * math.log10(4), "doherty") == pytest.approx(math.pi / 4)
    assert pa_backoff_efficiency(12.0, "doherty") < math.pi / 4
    # in between the efficiency dips to 8/9 of its peak, at sqrt(eps) = 2/3 (3.52 dB)
    ibo = np.linspace(0.0, 10 * math.log10(4), 2001)
    eta = pa_backoff_efficiency(ibo, "doherty") / (math.pi / 4)
    assert eta.min() == pytest.approx(8 / 9, rel=1e-6)
    assert ibo[np.argmin(eta)] == pytest.approx(10 * math.log10(9 / 4), abs=1e-2)


def test_holtkamp_pa_efficiency_law():
    # eta = 0.36 (1 - 0.15 log2(80 / P)); at P = 80 W it is eta_max, halving loses 0.054
    assert holtkamp_pa_efficiency(80.0) == pytest.approx(0.36)
    assert holtkamp_pa_efficiency(40.0) == pytest.approx(0.36 * 0.85)
    assert holtkamp_pa_efficiency(20.0) == pytest.approx(0.252)
    p0 = 80.0 / 2 ** (1 / 0.15)  # efficiency crosses zero here
    assert np.isnan(holtkamp_pa_efficiency(0.99 * p0))
    assert holtkamp_pa_efficiency(1.01 * p0) > 0
    assert pa_power_holtkamp(20.0) == pytest.approx(20.0 / 0.252)
    # amplifier rated 40 W, run at 10 W: efficiency set by the rating
    assert pa_power_holtkamp(10.0, 40.0) == pytest.approx(10.0 / (0.36 * 0.85))


def test_constant_pa_default_is_bjornson2015_eta_dl():
    assert pa_power_constant(0.39) == pytest.approx(1.0)
    assert pa_power_constant(2.0, 0.5) == pytest.approx(4.0)


# ---------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(st.floats(0.0, 1.0), st.integers(1, 6))
def test_doherty_efficiency_bounded_and_beats_class_b(eps, ways):
    eta = doherty_efficiency(eps, ways=ways)
    assert 0.0 <= eta <= math.pi / 4 + 1e-12
    assert eta >= doherty_efficiency(eps, ways=1) - 1e-12


@settings(max_examples=60, deadline=None)
@given(st.floats(0.0, 30.0), st.floats(0.0, 30.0))
def test_backoff_efficiency_decreasing(ibo1, ibo2):
    lo, hi = sorted((ibo1, ibo2))
    for cls in ("A", "B"):
        assert pa_backoff_efficiency(hi, cls) <= pa_backoff_efficiency(lo, cls) + 1e-15
    # class B always at least as efficient as class A at the same back-off (ideal maxima)
    assert pa_backoff_efficiency(lo, "B") >= pa_backoff_efficiency(lo, "A")


def test_pa_functions_broadcast_scalar_in_scalar_out():
    assert isinstance(pa_power_constant(1.0), float)
    assert isinstance(pa_power_doherty(1.0, 2.0), float)
    assert isinstance(walden_adc_power(10, 1e9), float)
    out = pa_power_doherty(np.array([[0.5], [1.0]]), np.array([1.0, 2.0, 4.0]))
    assert out.shape == (2, 3)


def test_converter_power_monotone_in_bits_and_rate():
    bits = np.arange(1, 13)
    assert np.all(np.diff(walden_adc_power(bits, 1e8)) > 0)
    assert np.all(np.diff(dac_power(bits, 1e8)) > 0)
    fs = np.logspace(6, 10, 9)
    assert np.all(np.diff(walden_adc_power(8, fs)) > 0)
    # one more bit doubles the Walden ADC power
    assert walden_adc_power(9, 1e9) == pytest.approx(2 * walden_adc_power(8, 1e9))


# ---------------------------------------------------------------- RF presets


def test_rf_components_parvini_values():
    rf = rf_components_parvini()
    assert (rf.p_bb_static, rf.p_mixer, rf.p_lo, rf.p_lpf, rf.p_phase_shifter) == (
        0.2, 0.3e-3, 22.5e-3, 14e-3, 20e-3)
    assert rf.adc_bits == rf.dac_bits == 10
    fs = 100e6
    assert rf.rf_chain_tx(fs) == pytest.approx(2 * (14e-3 + 0.3e-3 + dac_power(10, fs)))
    assert rf.rf_chain_rx(fs) == pytest.approx(2 * (14e-3 + 0.3e-3 + walden_adc_power(10, fs)))


def test_rf_components_ttd_hbf_values():
    rf = rf_components_ttd_hbf()
    assert rf.p_adc == 0.56
    assert dict(rf.phase_shifter_table) == {1: 10e-3, 2: 21e-3, 4: 42e-3}
    assert rf.p_switch == 5e-3 and rf.p_ttd == 0.285 and rf.p_lna == 0.136
    # EE_compute_PS_HBF.m: per chain and side P_RF + 2 P_ADC, P_RF = P_M + P_LO + P_LPF + P_BBamp
    expected = 22e-3 + 4e-3 + 14e-3 + 5e-3 + 2 * 0.56
    assert rf.rf_chain_tx(1e9) == pytest.approx(expected)
    assert rf.rf_chain_rx(3e9) == pytest.approx(expected)  # fixed converter power


def test_phase_shifter_power_by_resolution():
    assert phase_shifter_power(4) == 0.042
    np.testing.assert_allclose(phase_shifter_power(np.array([[1, 2], [4, 4]])),
                               [[0.01, 0.021], [0.042, 0.042]])
    assert phase_shifter_power() == 0.02
    assert phase_shifter_power(3, table={3: 7e-3}) == 7e-3
    assert PHASE_SHIFTER_POWER_TTD_HBF[2] == 21e-3


def test_phase_shifter_missing_resolution_raises_keyerror_naming_it():
    with pytest.raises(KeyError, match="bits=3.*available resolutions: 1, 2, 4"):
        phase_shifter_power(3)
    with pytest.raises(KeyError, match="bits=5"):
        rf_components_ttd_hbf().phase_shifter_power(5)


def test_rf_components_is_frozen_and_validated():
    rf = rf_components_parvini()
    with pytest.raises(AttributeError):
        rf.p_mixer = 1.0
    with pytest.raises(ValueError, match="p_mixer"):
        RFComponents(p_mixer=-1.0)
    with pytest.raises(ValueError, match="adc_bits"):
        RFComponents(adc_bits=0)


# ---------------------------------------------------------------- losses and rate terms


def test_supply_losses_and_cooling():
    assert apply_supply_losses(100.0) == pytest.approx(100 / (0.925 * 0.925 * 0.9))
    assert apply_supply_losses(100.0, sigma_dc=0, sigma_ms=0, sigma_cool=0) == 100.0
    assert apply_supply_losses(1.0, sigma_ms=0.09) > apply_supply_losses(1.0)
    assert apply_cooling(90.0) == pytest.approx(100.0)
    assert apply_cooling(90.0, efficiency=1.0) == 90.0


def test_rate_terms_massive_mimo_book_vs1():
    r = np.array([0.0, 1e8, 1e9])
    np.testing.assert_allclose(coding_power(r), 0.9e-9 * r)
    np.testing.assert_allclose(backhaul_power(r), 0.25e-9 * r)
    np.testing.assert_allclose(rate_power(r), 1.15e-9 * r)
    assert rate_power(1e9, p_cod=0, p_dec=0, p_bt=1e-9) == pytest.approx(1.0)


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("bad", [0.0, -0.1, 1.5])
def test_rejects_bad_pa_efficiency(bad):
    with pytest.raises(ValueError, match="efficiency"):
        pa_power_constant(1.0, bad)


def test_rejects_negative_output_power():
    with pytest.raises(ValueError, match="p_out"):
        pa_power_constant(-1.0)
    with pytest.raises(ValueError, match="p_out"):
        pa_power_doherty(-1.0, 2.0)


def test_rejects_output_above_saturation():
    with pytest.raises(ValueError, match="p_out/p_max"):
        pa_power_doherty(3.0, 2.0)
    with pytest.raises(ValueError, match="p_out/p_out_max"):
        pa_power_holtkamp(3.0, 2.0)


@pytest.mark.parametrize("ways", [0, -1, 1.5])
def test_rejects_bad_doherty_ways(ways):
    with pytest.raises((ValueError, TypeError), match="ways"):
        pa_power_doherty(1.0, 2.0, ways=ways)


def test_backoff_rejects_negative_backoff_and_unknown_class():
    with pytest.raises(ValueError, match="backoff_db"):
        pa_backoff_efficiency(-0.5)
    with pytest.raises(ValueError, match="pa_class"):
        pa_backoff_efficiency(3.0, "C")
    with pytest.raises(ValueError, match="eta_max"):
        pa_backoff_efficiency(3.0, "B", eta_max=1.2)


def test_converters_reject_bad_input():
    with pytest.raises(ValueError, match="bits"):
        walden_adc_power(0, 1e9)
    with pytest.raises(ValueError, match="fs"):
        walden_adc_power(8, -1.0)
    with pytest.raises(ValueError, match="fs"):
        dac_power(8, -1.0)


def test_losses_reject_bad_fractions():
    with pytest.raises(ValueError, match="sigma_dc"):
        apply_supply_losses(1.0, sigma_dc=1.0)
    with pytest.raises(ValueError, match="efficiency"):
        apply_cooling(1.0, efficiency=0.0)
    with pytest.raises(ValueError, match="rate"):
        rate_power(-1.0)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1, 2.5, True, "4"])
def test_resolution_lookups_reject_bad_bits_with_a_named_error(bad):
    from wirelesseff.power import phase_shifter_power, ris_element_power

    for func in (phase_shifter_power, ris_element_power):
        with pytest.raises((ValueError, TypeError), match="bits"):
            func(bad)


def test_missing_resolution_is_a_value_error_and_still_a_key_error():
    from wirelesseff.power import ris_element_power

    with pytest.raises(ValueError, match="available resolutions: 3, 4, 5, 6"):
        ris_element_power(2)
    with pytest.raises(KeyError):
        ris_element_power(2)


def test_counts_and_resolutions_are_bounded_before_any_work():
    from wirelesseff.power import dac_power, pa_power_doherty, walden_adc_power

    with pytest.raises(ValueError, match="ways must be an integer in"):
        pa_power_doherty(1.0, 2.0, ways=1e308)
    for func in (walden_adc_power, dac_power):
        with pytest.raises(ValueError, match="bits must be in"):
            func(1e308, 1e9)


def test_overflow_of_finite_inputs_is_an_error_naming_them():
    from wirelesseff.power import baseband_gops, pa_power_constant

    with pytest.raises(ValueError, match="p_out, efficiency must have physical magnitudes"):
        pa_power_constant(1e308, 0.1)
    # the users of the default pilots tau_p = K are named as the caller wrote them
    with pytest.raises(ValueError, match="n_users must be <= tau_c"):
        baseband_gops(64, 10**12, 100e6)
