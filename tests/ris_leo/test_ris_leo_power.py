"""Tests of RIS power models, required power, N* and EE-optimal power (docs/ris_leo.md,
'Power and EE'; Björnson, Özdogan, Larsson, IEEE WCL 2020)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.optimize import lambertw_ratio_argmax
from wirelesseff.power import HUANG2019_RIS_ELEMENT_POWER as POWER_LAYER_HUANG
from wirelesseff.ris_leo import (
    HUANG2019_RIS_ELEMENT_POWER,
    LEO_RIS_ELEMENT_POWER,
    RISPowerModel,
    bjornson2020_energy_efficiency,
    ee_optimal_power,
    optimal_element_count,
    quantization_loss,
    required_transmit_power,
)
from wirelesseff.units import db2lin, dbm2w

# Björnson, Özdogan, Larsson (IEEE WCL 2020) setup of simulateFigure5.m (Fig. 5)
FC, B, NF = 3.0, 10e6, 10.0
SIGMA2 = dbm2w(-174 + 10 * np.log10(B) + NF)
LOS = lambda d: db2lin(-28 - 20 * np.log10(FC) - 22 * np.log10(d))  # noqa: E731
NLOS = lambda d: db2lin(-22.7 - 26 * np.log10(FC) - 36.7 * np.log10(d))  # noqa: E731
GS, GR, GD = db2lin(5), db2lin(5), 1.0
D_SR, DV, D1 = 80.0, 10.0, 70.0
D_SD, D_RD = np.hypot(D1, DV), np.hypot(D1 - D_SR, DV)
BSR, BRD, BSD = LOS(D_SR) * GS * GR, LOS(D_RD) * GR * GD, NLOS(D_SD) * GS * GD
PE, NU = 5e-3, 0.5


# --- RIS power model ------------------------------------------------------------------------


def test_ris_power_model_passive_uses_the_huang_table():
    m = RISPowerModel()
    assert HUANG2019_RIS_ELEMENT_POWER is POWER_LAYER_HUANG
    for b, p in {3: 1.5e-3, 4: 4.5e-3, 5: 6.0e-3, 6: 7.8e-3}.items():
        assert m.power(1000, bits=b) == pytest.approx(1000 * p)
    assert m.power(100) == pytest.approx(100 * 5e-3)  # P_e for continuous phases
    assert m.power(100, bits=np.inf) == pytest.approx(100 * 5e-3)
    np.testing.assert_allclose(m.power(10, bits=np.array([3, 6])), [0.015, 0.078])


def test_ris_power_model_missing_resolution_raises_key_error():
    with pytest.raises(KeyError, match="1"):
        RISPowerModel().power(10, bits=1)
    assert RISPowerModel(table=LEO_RIS_ELEMENT_POWER).power(10, bits=1) == pytest.approx(5e-3)
    assert LEO_RIS_ELEMENT_POWER[2] == 1e-3 and LEO_RIS_ELEMENT_POWER[3] == 1.5e-3


def test_ris_power_model_active_components():
    m = RISPowerModel("active", control_power=0.01)
    per = dbm2w(-10) + dbm2w(-5)
    assert m.element_power() == pytest.approx(per)
    assert m.power(64, output_power=0.08) == pytest.approx(64 * per + 0.08 / 0.8 + 0.01)
    assert m.gain == pytest.approx(10.0)
    assert m.amplifier_noise(1e6) == pytest.approx(1.380649e-23 * 290 * 1e6 * db2lin(3.0))


# --- required transmit power ---------------------------------------------------------------


def test_required_power_siso_and_df_match_bjornson2020_equations():
    s = 2**4.0 - 1
    assert required_transmit_power(4.0, SIGMA2, config="siso", beta_sd=BSD) == pytest.approx(
        s * SIGMA2 / BSD)
    p_df = required_transmit_power(4.0, SIGMA2, config="df_relay", beta_sd=BSD, beta_sr=BSR,
                                   beta_rd=BRD)
    assert p_df == pytest.approx((2**8 - 1) * SIGMA2 * (BSR + BRD - BSD) / (2 * BSR * BRD))


def test_required_power_single_ris_formula_and_monotonicity():
    rates = np.linspace(0.5, 8, 16)
    n = np.array([[10], [100], [1000]])
    p = required_transmit_power(rates, SIGMA2, config="single_ris", beta_sd=BSD, beta_sr=BSR,
                                beta_rd=BRD, n_elements=n)
    assert p.shape == (3, 16)
    assert np.all(np.diff(p, axis=1) > 0)  # increases with the rate
    assert np.all(np.diff(p, axis=0) < 0)  # decreases with N
    ref = (2**rates - 1) * SIGMA2 / (np.sqrt(BSD) + n * np.sqrt(BSR * BRD)) ** 2
    np.testing.assert_allclose(p, ref, rtol=1e-12)


def test_required_power_quantisation_and_cascade_gain():
    p_inf = required_transmit_power(2.0, SIGMA2, config="single_ris", beta_sr=BSR, beta_rd=BRD,
                                    n_elements=256)
    p_1 = required_transmit_power(2.0, SIGMA2, config="single_ris", beta_sr=BSR, beta_rd=BRD,
                                  n_elements=256, bits=1)
    assert p_1 / p_inf == pytest.approx(np.pi**2 / 4)
    pg = 256**2 * BSR * BRD
    assert required_transmit_power(2.0, SIGMA2, config="single_ris",
                                   cascade_gain=pg) == pytest.approx(p_inf)


def test_required_power_double_ris():
    n1, n2, b12 = 64, 32, 1e-9
    p = required_transmit_power(1.0, SIGMA2, config="double_ris", beta_sr=BSR, beta_rd=BRD,
                                beta_12=b12, n_elements=(n1, n2), amplitude=0.9, bits=(1, 2))
    eta = quantization_loss(1) * quantization_loss(2)
    ref = SIGMA2 / (eta * (n1 * n2) ** 2 * 0.9**4 * BSR * b12 * BRD)
    assert p == pytest.approx(ref)
    p_same = required_transmit_power(1.0, SIGMA2, config="double_ris", beta_sr=BSR, beta_rd=BRD,
                                     beta_12=b12, n_elements=(n1, n2), bits=2)
    assert p_same == pytest.approx(SIGMA2 / (quantization_loss(2) ** 2 * (n1 * n2) ** 2 * BSR
                                             * b12 * BRD))


def test_required_power_zero_gain_is_infinite_and_zero_rate_is_zero():
    assert required_transmit_power(1.0, SIGMA2, config="siso", beta_sd=0.0) == np.inf
    assert required_transmit_power(0.0, SIGMA2, config="siso", beta_sd=0.0) == 0.0
    assert required_transmit_power(1.0, SIGMA2, config="single_ris", cascade_gain=0.0) == np.inf


def test_required_power_active_ris_inverts_the_active_snr():
    a2, sv2, gv, pg = 10.0, 2e-14, 1e-9, 1e-12
    p = required_transmit_power(3.0, SIGMA2, config="single_ris", cascade_gain=pg,
                                active=(a2, sv2, gv))
    snr = a2 * p * pg / (a2 * sv2 * gv + SIGMA2)
    assert snr == pytest.approx(2**3 - 1)
    # with negligible amplifier noise the active RIS saves exactly a^2
    p0 = required_transmit_power(3.0, SIGMA2, config="single_ris", cascade_gain=pg)
    p_quiet = required_transmit_power(3.0, SIGMA2, config="single_ris", cascade_gain=pg,
                                      active=(a2, 0.0, gv))
    assert p0 / p_quiet == pytest.approx(a2)


# --- optimal element count -------------------------------------------------------------------


def _total(n, rate, nu=NU, pe=PE):
    p = required_transmit_power(rate, SIGMA2, config="single_ris", beta_sd=BSD, beta_sr=BSR,
                                beta_rd=BRD, n_elements=n)
    return p / nu + n * pe


@pytest.mark.parametrize("rate", [4.0, 6.0, 8.0, 10.0])
def test_corrected_n_star_matches_grid_minimisation(rate):
    n_star = optimal_element_count(rate, SIGMA2, BSR, BRD, PE, beta_sd=BSD, pa_efficiency=NU)
    grid = np.arange(0, 200_000)
    n_grid = grid[np.argmin(_total(grid.astype(float), rate))]
    assert abs(n_star - n_grid) <= 1
    n_int = optimal_element_count(rate, SIGMA2, BSR, BRD, PE, beta_sd=BSD, pa_efficiency=NU,
                                  integer=True)
    assert n_int == n_grid


def test_as_coded_equals_bjornson_script_and_corrected_at_unit_efficiency():
    rate = 8.0
    s = 2**rate - 1
    coded = (2 * s * SIGMA2 / (BSR * BRD * PE)) ** (1 / 3) - np.sqrt(BSD / (BSR * BRD))
    assert optimal_element_count(rate, SIGMA2, BSR, BRD, PE, beta_sd=BSD, form="as_coded",
                                 pa_efficiency=NU) == pytest.approx(coded)
    for r in (3.0, 7.0):
        a = optimal_element_count(r, SIGMA2, BSR, BRD, PE, beta_sd=BSD, form="as_coded",
                                  pa_efficiency=1.0)
        c = optimal_element_count(r, SIGMA2, BSR, BRD, PE, beta_sd=BSD, pa_efficiency=1.0)
        assert a == pytest.approx(c)
    # docs/ris_leo.md, Pitfalls 8: with nu = 0.5 the script's N* is too small by the factor
    # nu^(1/3) (before the direct-link offset)
    c = optimal_element_count(rate, SIGMA2, BSR, BRD, PE, pa_efficiency=NU)
    a = optimal_element_count(rate, SIGMA2, BSR, BRD, PE, pa_efficiency=NU, form="as_coded")
    assert c / a == pytest.approx(NU ** (-1 / 3))


def test_n_star_is_zero_and_irs_equals_siso_at_low_rate():
    rate = 0.5
    n = optimal_element_count(rate, SIGMA2, BSR, BRD, PE, beta_sd=BSD, pa_efficiency=NU)
    assert n == 0.0
    p = required_transmit_power(rate, SIGMA2, config="single_ris", beta_sd=BSD, beta_sr=BSR,
                                beta_rd=BRD, n_elements=n)
    ee_irs = bjornson2020_energy_efficiency("irs", B * rate, p, n_elements=n)
    p0 = required_transmit_power(rate, SIGMA2, config="siso", beta_sd=BSD)
    assert ee_irs == pytest.approx(bjornson2020_energy_efficiency("siso", B * rate, p0))


def test_ee_of_n_is_unimodal():
    rate = 8.0
    n = np.arange(1, 20_000, 7).astype(float)
    p = required_transmit_power(rate, SIGMA2, config="single_ris", beta_sd=BSD, beta_sr=BSR,
                                beta_rd=BRD, n_elements=n)
    ee = bjornson2020_energy_efficiency("irs", B * rate, p, n_elements=n)
    i = int(np.argmax(ee))
    assert 0 < i < len(n) - 1
    assert np.all(np.diff(ee[: i + 1]) > 0) and np.all(np.diff(ee[i:]) < 0)


def test_double_n_star_minimises_the_double_ris_power():
    rate, c = 3.0, 1e-22
    n_star = optimal_element_count(rate, SIGMA2, 1.0, 1.0, 1.5e-3, config="double",
                                   cascade_gain=c, pa_efficiency=NU)
    grid = np.linspace(1, 5 * n_star, 20001)
    cost = (2**rate - 1) * SIGMA2 / (c * grid**4) / NU + 2 * grid * 1.5e-3
    assert n_star == pytest.approx(grid[np.argmin(cost)], rel=1e-3)
    assert optimal_element_count(rate, SIGMA2, 1.0, 1.0, 1.5e-3, config="double",
                                 cascade_gain=c, pa_efficiency=1.0) == pytest.approx(
        optimal_element_count(rate, SIGMA2, 1.0, 1.0, 1.5e-3, config="double", cascade_gain=c,
                              pa_efficiency=NU, form="as_coded"))


def test_bjornson2020_fig5_irs_beats_siso_only_at_high_rate_and_df_wins_mid_rate():
    # Björnson et al. (2020) Fig. 5 shape: IRS = SISO at low rates, >> SISO at high rates,
    # DF competitive at intermediate rates
    rates = np.array([1.0, 6.0, 10.0])
    ee = {}
    n = optimal_element_count(rates, SIGMA2, BSR, BRD, PE, beta_sd=BSD, pa_efficiency=NU)
    p_irs = required_transmit_power(rates, SIGMA2, config="single_ris", beta_sd=BSD,
                                    beta_sr=BSR, beta_rd=BRD, n_elements=n)
    ee["irs"] = bjornson2020_energy_efficiency("irs", B * rates, p_irs, n_elements=n)
    ee["siso"] = bjornson2020_energy_efficiency(
        "siso", B * rates, required_transmit_power(rates, SIGMA2, config="siso", beta_sd=BSD))
    ee["df"] = bjornson2020_energy_efficiency(
        "df_relay", B * rates, required_transmit_power(rates, SIGMA2, config="df_relay",
                                                       beta_sd=BSD, beta_sr=BSR, beta_rd=BRD))
    assert ee["irs"][0] == pytest.approx(ee["siso"][0], rel=1e-9)
    assert ee["irs"][2] > 3 * ee["siso"][2]
    assert ee["df"][1] > ee["irs"][1] > ee["siso"][1]
    assert ee["irs"][2] > ee["df"][2]


# --- EE-optimal power ----------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.floats(1e1, 1e6), st.floats(0.01, 1.0), st.floats(0.1, 1.0), st.floats(1e-3, 10.0))
def test_ee_optimal_power_matches_grid_search(a, pc, nu, pmax):
    res = ee_optimal_power(a, 1e6, pc, nu, pmax)
    assert res.status == "optimal"
    assert np.all(np.diff(res.history) >= 0)
    # the optimum can sit far below pmax (large a, small pc): a geometric grid resolves it
    grid = np.concatenate([np.linspace(0, pmax, 20_001), np.geomspace(1e-12, pmax, 200_001)])
    ee = 1e6 * np.log2(1 + a * grid) / (grid / nu + pc)
    assert res.value == pytest.approx(ee.max(), rel=1e-4)
    assert res.value >= ee.max() * (1 - 1e-9)


def test_ee_optimal_power_matches_lambert_w_closed_form():
    a, pc, nu = 2e3, 0.2, 0.4
    res = ee_optimal_power(a, 1e6, pc, nu, p_max=100.0)
    p_star = (lambertw_ratio_argmax(a * nu * pc - 1) - 1) / a
    assert res["p"] == pytest.approx(p_star, rel=1e-6)
    capped = ee_optimal_power(a, 1e6, pc, nu, p_max=p_star / 10)
    assert capped["p"] == pytest.approx(p_star / 10)


def test_ee_optimal_power_with_zero_cap_never_raises():
    res = ee_optimal_power(1e3, 1e6, 0.1, 0.5, p_max=0.0)
    assert res["p"] == 0.0 and res.value == 0.0


# --- bad input --------------------------------------------------------------------------------


def test_rejects_bad_power_input():
    with pytest.raises(ValueError, match="config"):
        required_transmit_power(1.0, SIGMA2, config="relay")
    with pytest.raises(ValueError, match="noise_power"):
        required_transmit_power(1.0, 0.0, config="siso", beta_sd=1.0)
    with pytest.raises(ValueError, match="target_rate"):
        required_transmit_power(-1.0, SIGMA2, config="siso", beta_sd=1.0)
    with pytest.raises(ValueError, match="n_elements"):
        required_transmit_power(1.0, SIGMA2, config="single_ris", beta_sr=1.0)
    with pytest.raises(ValueError, match="beta_12"):
        required_transmit_power(1.0, SIGMA2, config="double_ris", beta_sr=1.0, beta_rd=1.0,
                                n_elements=4)
    with pytest.raises(ValueError, match="pa_efficiency"):
        optimal_element_count(1.0, SIGMA2, BSR, BRD, PE, pa_efficiency=1.5)
    with pytest.raises(ValueError, match="form"):
        optimal_element_count(1.0, SIGMA2, BSR, BRD, PE, form="paper")
    with pytest.raises(ValueError, match="kind"):
        RISPowerModel("hybrid")
    with pytest.raises(ValueError, match="amplifier_efficiency"):
        RISPowerModel("active", amplifier_efficiency=0.0)
    with pytest.raises(ValueError, match="p_max"):
        ee_optimal_power(1e3, 1e6, 0.1, 0.5, p_max=-1.0)
    with pytest.raises(ValueError, match="config"):
        bjornson2020_energy_efficiency("amplify", 1e6, 0.1)


# --- review fixes -------------------------------------------------------------------------------


@pytest.mark.parametrize("bsd", [BSR + BRD, 2 * (BSR + BRD)])
def test_df_relay_rejects_beta_sd_not_below_beta_sr_plus_beta_rd(bsd):
    # regression: the Björnson 2020 DF formula returned a negative (or zero) power here
    with pytest.raises(ValueError, match=r"beta_sd.*beta_sr \+ beta_rd"):
        required_transmit_power(2.0, SIGMA2, config="df_relay", beta_sd=bsd, beta_sr=BSR,
                                beta_rd=BRD)


def test_df_relay_rejects_a_violating_entry_of_vectorised_input():
    bsd = np.array([BSD, 3 * (BSR + BRD), BSD])
    with pytest.raises(ValueError, match=r"beta_sd.*index \(1,\)"):
        required_transmit_power(2.0, SIGMA2, config="df_relay", beta_sd=bsd, beta_sr=BSR,
                                beta_rd=BRD)
    ok = required_transmit_power(2.0, SIGMA2, config="df_relay", beta_sd=bsd[[0, 2]],
                                 beta_sr=BSR, beta_rd=BRD)
    assert np.all(ok > 0)


def test_single_ris_takes_one_resolution():
    with pytest.raises(ValueError, match="bits"):
        required_transmit_power(1.0, SIGMA2, config="single_ris", beta_sr=BSR, beta_rd=BRD,
                                n_elements=100, bits=(1, 2))
    # one resolution, or an ndarray batch of them, is fine
    one = required_transmit_power(1.0, SIGMA2, config="single_ris", beta_sr=BSR, beta_rd=BRD,
                                  n_elements=100, bits=2)
    batch = required_transmit_power(1.0, SIGMA2, config="single_ris", beta_sr=BSR, beta_rd=BRD,
                                    n_elements=100, bits=np.array([1, 2]))
    assert batch[1] == pytest.approx(one, rel=1e-12) and batch[0] > batch[1]


@pytest.mark.parametrize("bad", [1.5, 3.2, np.nan, 0])
def test_ris_power_model_rejects_non_integer_bits(bad):
    # regression: bits=1.5 was silently truncated to 1
    with pytest.raises(ValueError, match="bits"):
        RISPowerModel(table=LEO_RIS_ELEMENT_POWER).power(100, bits=bad)
    with pytest.raises(ValueError, match="bits"):
        RISPowerModel(table=LEO_RIS_ELEMENT_POWER).power(100, bits=np.array([3.0, bad]))


@pytest.mark.parametrize("field", ["gain_db", "p_sw_dbm", "p_dc_dbm", "noise_figure_db",
                                   "control_power"])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_ris_power_model_rejects_non_finite_constants(field, bad):
    with pytest.raises(ValueError, match=field):
        RISPowerModel("active", **{field: bad})


def test_ris_power_model_rejects_bad_tables_and_negative_noise_figure():
    with pytest.raises(ValueError, match="noise_figure_db"):
        RISPowerModel("active", noise_figure_db=-1.0)
    with pytest.raises(ValueError, match="table"):
        RISPowerModel(table={1.5: 1e-3})
    with pytest.raises(ValueError, match="table"):
        RISPowerModel(table={2: np.nan})
