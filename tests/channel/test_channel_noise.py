"""Tests of wirelesseff.channel.noise (thermal noise power k_B T B F)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirelesseff.channel.noise import noise_power, noise_power_dbm
from wirelesseff.units import BOLTZMANN, w2dbm


def test_minus_174_dbm_per_hz_at_290_kelvin():
    # k_B * 290 K = 4.0039e-21 W/Hz = -173.975 dBm/Hz, the "-174 dBm/Hz" of link budgets.
    psd_dbm = float(w2dbm(noise_power(1.0)))
    assert psd_dbm == pytest.approx(-173.98, abs=0.03)
    assert psd_dbm == pytest.approx(-174.0, abs=0.03)
    assert float(noise_power(1.0)) == pytest.approx(1.380649e-23 * 290.0, rel=1e-12)


def test_massivemimobook_noise_20mhz_nf7():
    # -174 dBm/Hz + 10 log10(20e6) + 7 dB = -93.99 dBm (book rounding of -173.975 to -174)
    assert float(noise_power_dbm(20e6, 7.0)) == pytest.approx(-174 + 10 * np.log10(20e6) + 7,
                                                              abs=0.03)


@given(st.floats(1.0, 1e10), st.floats(0.0, 30.0))
def test_noise_figure_adds_in_db(bandwidth, nf_db):
    assert float(noise_power_dbm(bandwidth, nf_db)) == pytest.approx(
        float(noise_power_dbm(bandwidth)) + nf_db, abs=1e-9)


@given(st.floats(1.0, 1e10), st.floats(1.0, 1000.0))
def test_linear_in_bandwidth_and_temperature(bandwidth, temperature):
    p = float(noise_power(bandwidth, 0.0, temperature))
    assert p == pytest.approx(BOLTZMANN * temperature * bandwidth, rel=1e-12)
    assert float(noise_power(2 * bandwidth, 0.0, temperature)) == pytest.approx(2 * p, rel=1e-12)


def test_broadcasting_and_scalar_out():
    p = noise_power(np.array([1e6, 2e6])[:, None], np.array([0.0, 3.0, 10.0]))
    assert p.shape == (2, 3)
    assert isinstance(noise_power(1e6), float)
    assert p[1, 2] / p[0, 0] == pytest.approx(2 * 10.0, rel=1e-12)


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan])
def test_rejects_nonpositive_bandwidth(bad):
    with pytest.raises(ValueError, match="bandwidth"):
        noise_power(bad)


@pytest.mark.parametrize("bad", [0.0, -10.0])
def test_rejects_nonpositive_temperature(bad):
    with pytest.raises(ValueError, match="temperature"):
        noise_power(1e6, 0.0, bad)


@pytest.mark.parametrize("bad", [-1.0, np.nan, np.inf])
def test_rejects_bad_noise_figure(bad):
    with pytest.raises(ValueError, match="noise_figure_db"):
        noise_power(1e6, bad)
