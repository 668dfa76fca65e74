"""Tests of the EARTH (Auer et al. 2011) and Holtkamp et al. (2013) base-station models."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from wirelesseff.power import (
    EARTH_BS_TYPES,
    EarthParams,
    earth_params,
    earth_power,
    holtkamp_macro,
    holtkamp_pa_efficiency,
    holtkamp_sector_breakdown,
    holtkamp_sector_power,
    holtkamp_site_power,
)

# ---------------------------------------------------------------- EARTH


def test_earth_macro_matches_auer2011_full_and_zero_load():
    # Auer et al. 2011 (EARTH) macro: 1344 W at full load, 450 W at zero load
    assert earth_power(1.0, "macro") == pytest.approx(1344.0)
    assert earth_power(0.0, "macro") == pytest.approx(450.0)
    assert earth_params("macro").full_load_power == pytest.approx(1344.0)


def test_earth_table_matches_auer2011_table():
    expected = {
        "macro": (6, 20.0, 130.0, 4.7, 75.0),
        "rrh": (6, 20.0, 84.0, 2.8, 56.0),
        "micro": (2, 6.3, 56.0, 2.6, 39.0),
        "pico": (2, 0.13, 6.8, 4.0, 4.3),
        "femto": (2, 0.05, 4.8, 8.0, 2.9),
    }
    assert set(EARTH_BS_TYPES) == set(expected)
    for t, row in expected.items():
        p = earth_params(t)
        assert (p.n_trx, p.p_max, p.p0, p.delta_p, p.p_sleep) == row


def test_earth_n_trx_multiplies_all_terms():
    # [V] N_TRX placement: P_in = N_TRX (P0 + Dp chi Pmax) = N_TRX P0 + Dp (N_TRX chi Pmax)
    for t in EARTH_BS_TYPES:
        p = earth_params(t)
        chi = np.linspace(0.05, 1.0, 20)
        site_out = p.n_trx * chi * p.p_max
        np.testing.assert_allclose(earth_power(chi, p), p.n_trx * p.p0 + p.delta_p * site_out)
        assert earth_power(0.0, p) == pytest.approx(p.n_trx * p.p_sleep)


def test_earth_linear_in_load_with_sleep_jump():
    chi = np.linspace(0.0, 1.0, 101)
    p = earth_power(chi, "micro")
    slope = np.diff(p[1:]) / np.diff(chi[1:])
    np.testing.assert_allclose(slope, 2 * 2.6 * 6.3, rtol=1e-9)
    assert p[0] < p[1]  # sleeping is cheaper than idling
    assert earth_power(0.0, "micro", sleep=False) == pytest.approx(2 * 56.0)


def test_earth_accepts_custom_params_and_broadcasts():
    p = EarthParams("custom", n_trx=1, p_max=1.0, p0=10.0, delta_p=2.0, p_sleep=1.0)
    out = earth_power(np.array([[0.0, 0.5], [1.0, 0.25]]), p)
    np.testing.assert_allclose(out, [[1.0, 11.0], [12.0, 10.5]])
    assert isinstance(earth_power(0.3), float)


def test_earth_rejects_bad_input():
    with pytest.raises(ValueError, match="load"):
        earth_power(1.2)
    with pytest.raises(ValueError, match="load"):
        earth_power(-0.1)
    with pytest.raises(ValueError, match="bs_type"):
        earth_params("macrocell")
    with pytest.raises(ValueError, match="n_trx"):
        EarthParams("x", n_trx=0, p_max=1.0, p0=1.0, delta_p=1.0, p_sleep=1.0)


# ---------------------------------------------------------------- Holtkamp


def test_holtkamp_macro_preset_values():
    p = holtkamp_macro()
    assert (p.p_bb_prime, p.p_rf_prime) == (29.4, 12.9)
    assert (p.sigma_feed, p.sigma_dc, p.sigma_ms, p.sigma_cool) == (0.5, 0.075, 0.075, 0.10)
    assert (p.m_sec, p.p_max, p.n_chains, p.bandwidth) == (3, 40.0, 2, 10e6)
    assert (p.eta_max, p.gamma, p.p_limit) == (0.36, 0.15, 80.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.p_max = 20.0


def test_holtkamp_sector_power_matches_hand_computation():
    # D = 2, W = 10 MHz, Pmax = 40 W: eta(20 W) = 0.252, P_PA = 40/(0.252*0.5)
    p_pa = 40.0 / (0.252 * 0.5)
    expected = (2 * 29.4 + 2 * 12.9 + p_pa) / (0.925 * 0.925 * 0.90)
    assert holtkamp_sector_power() == pytest.approx(expected, rel=1e-12)
    assert holtkamp_sector_power() == pytest.approx(522.11, abs=0.01)
    assert holtkamp_site_power() == pytest.approx(3 * expected, rel=1e-12)


def test_holtkamp_breakdown_sums_to_sector_power():
    t = holtkamp_sector_breakdown(p_max=20.0, n_chains=4, bandwidth=20e6)
    total = holtkamp_sector_power(p_max=20.0, n_chains=4, bandwidth=20e6)
    assert t["bb"] + t["rf"] + t["pa"] + t["losses"] == pytest.approx(total)
    assert t["bb"] == pytest.approx(4 * 2 * 29.4)
    assert t["pa"] == pytest.approx(20.0 / (holtkamp_pa_efficiency(5.0) * 0.5))


def test_holtkamp_scaling():
    base = holtkamp_sector_breakdown()
    double_w = holtkamp_sector_breakdown(bandwidth=20e6)
    assert double_w["bb"] == pytest.approx(2 * base["bb"])
    assert double_w["pa"] == pytest.approx(base["pa"])
    p = holtkamp_sector_power(p_max=np.array([10.0, 20.0, 40.0, 80.0]))
    assert np.all(np.diff(p) > 0)
    # tiny per-chain PAs fall outside the efficiency fit: NaN, not a negative power
    assert np.isnan(holtkamp_sector_power(p_max=1.0, n_chains=4))


def test_holtkamp_sigma_ms_option():
    p09 = dataclasses.replace(holtkamp_macro(), sigma_ms=0.09)
    ratio = holtkamp_sector_power(params=p09) / holtkamp_sector_power()
    assert ratio == pytest.approx(0.925 / 0.91)


def test_earth_params_total_and_breakdown_methods():
    # foundation §8: composite models offer total(...) and breakdown(...)
    p = earth_params("macro")
    load = np.array([0.0, 0.25, 1.0])
    np.testing.assert_array_equal(p.total(load), earth_power(load, p))
    np.testing.assert_array_equal(p.total(load, sleep=False), earth_power(load, p, sleep=False))
    for sleep in (True, False):
        t = p.breakdown(load, sleep=sleep)
        assert set(t) == {"static", "load_dependent"}
        np.testing.assert_allclose(t["static"] + t["load_dependent"], p.total(load, sleep=sleep),
                                   rtol=1e-12)
    t = p.breakdown(0.5)
    assert t["static"] == pytest.approx(6 * 130.0)
    assert t["load_dependent"] == pytest.approx(6 * 4.7 * 0.5 * 20.0)
    assert p.breakdown(0.0)["static"] == pytest.approx(6 * 75.0)
    assert p.breakdown(0.0, sleep=False)["static"] == pytest.approx(6 * 130.0)
    assert float(p.total(1.0)) == pytest.approx(1344.0)
    with pytest.raises(ValueError, match="load"):
        p.breakdown(1.5)


def test_holtkamp_params_total_and_breakdown_methods():
    p = dataclasses.replace(holtkamp_macro(), n_chains=4, bandwidth=20e6)
    assert p.total() == pytest.approx(holtkamp_sector_power(params=p), rel=1e-15)
    assert p.total() == pytest.approx(holtkamp_sector_power(n_chains=4, bandwidth=20e6))
    assert p.breakdown() == holtkamp_sector_breakdown(params=p)
    assert sum(p.breakdown().values()) == pytest.approx(p.total())
    pm = np.array([20.0, 40.0])
    np.testing.assert_allclose(p.total(p_max=pm), holtkamp_sector_power(pm, params=p))
    assert holtkamp_macro().total() == pytest.approx(522.11, abs=0.01)


def test_holtkamp_rejects_bad_input():
    with pytest.raises(ValueError, match="n_chains"):
        holtkamp_sector_power(n_chains=0)
    with pytest.raises(ValueError, match="p_max"):
        holtkamp_sector_power(p_max=-1.0)
    with pytest.raises(ValueError, match="sigma_feed"):
        dataclasses.replace(holtkamp_macro(), sigma_feed=1.0)
