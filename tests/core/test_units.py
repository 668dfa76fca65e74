"""Unit conversions and constants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirelesseff import units
from wirelesseff.units import db2lin, dbm2w, lin2db, w2dbm


def test_constants_come_from_scipy():
    import scipy.constants as sc

    assert units.SPEED_OF_LIGHT == sc.speed_of_light == 299_792_458.0
    assert units.BOLTZMANN == sc.Boltzmann == 1.380649e-23
    assert units.T0 == 290.0


def test_thermal_noise_density_is_minus_174_dbm_per_hz():
    # k_B * 290 K = 4.0039e-21 W/Hz = -173.975 dBm/Hz, the textbook "-174 dBm/Hz"
    assert w2dbm(units.BOLTZMANN * units.T0) == pytest.approx(-173.975, abs=5e-4)


def test_known_values():
    assert db2lin(30.0) == 1000.0
    assert lin2db(0.5) == pytest.approx(-3.0103, abs=1e-4)
    assert dbm2w(0.0) == pytest.approx(1e-3)
    assert w2dbm(40.0) == pytest.approx(46.0206, abs=1e-4)
    assert lin2db(0.0) == -np.inf
    assert units.wavelength(units.SPEED_OF_LIGHT) == 1.0
    assert units.frequency_from_wavelength(0.5) == pytest.approx(599_584_916.0)


def test_scalar_in_scalar_out_and_broadcasting():
    assert isinstance(db2lin(3.0), float)
    assert isinstance(w2dbm(np.float32(1.0)), float)
    out = dbm2w(np.array([[0.0], [30.0]]) + np.array([0.0, 10.0]))
    assert out.shape == (2, 2)
    np.testing.assert_allclose(out, [[1e-3, 1e-2], [1.0, 10.0]])


@given(st.floats(-300, 300))
def test_db_round_trip(x):
    assert lin2db(db2lin(x)) == pytest.approx(x, abs=1e-9)
    assert w2dbm(dbm2w(x)) == pytest.approx(x, abs=1e-9)


@pytest.mark.parametrize("func", [lin2db, w2dbm])
def test_negative_power_rejected(func):
    with pytest.raises(ValueError, match=r"must be in \[0, inf\), got -1"):
        func([1.0, -1.0])


def test_wavelength_rejects_nonpositive_frequency():
    with pytest.raises(ValueError, match="frequency must be positive"):
        units.wavelength(0.0)


@pytest.mark.parametrize("func", [units.db2lin, units.lin2db, units.dbm2w, units.w2dbm])
def test_conversions_reject_strings_and_propagate_nan(func):
    # np.asarray("10", dtype=float) would parse the string: the check runs first
    with pytest.raises(TypeError, match="must be numeric"):
        func("10")
    # NaN marks a missing value (a failed sweep point): converting a dataset must not raise
    assert np.isnan(func(float("nan")))
    out = func(np.array([np.nan, 1.0]))
    assert np.isnan(out[0]) and np.isfinite(out[1])


def test_conversions_act_on_the_extended_reals():
    assert units.db2lin(-np.inf) == 0.0 and units.lin2db(0.0) == -np.inf
    assert units.dbm2w(np.inf) == np.inf and units.w2dbm(np.inf) == np.inf


def test_wavelength_of_a_vanishing_frequency_is_an_error_not_inf():
    with pytest.raises(ValueError, match="frequency must have physical magnitudes"):
        units.wavelength(1e-308)
    with pytest.raises(ValueError, match="frequency must be finite"):
        units.wavelength(np.inf)
