"""Tests of the RIS element power models (passive by resolution, active)."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.power import (
    ACTIVE_RIS_P_DC_DBM,
    ACTIVE_RIS_P_SW_DBM,
    BJORNSON2020_RIS_ELEMENT_POWER,
    HUANG2019_RIS_ELEMENT_POWER,
    active_ris_element_power,
    active_ris_power,
    passive_ris_power,
    ris_element_power,
)


def test_huang2019_twc_table():
    assert dict(HUANG2019_RIS_ELEMENT_POWER) == {3: 1.5e-3, 4: 4.5e-3, 5: 6.0e-3, 6: 7.8e-3}
    for b, p in HUANG2019_RIS_ELEMENT_POWER.items():
        assert ris_element_power(b) == p


def test_bjornson2020_wcl_default_element_power():
    assert ris_element_power() == 5e-3 == BJORNSON2020_RIS_ELEMENT_POWER
    assert ris_element_power(None, table={1: 1.0}) == 5e-3


def test_element_power_increases_with_resolution():
    p = ris_element_power(np.array([3, 4, 5, 6]))
    assert np.all(np.diff(p) > 0)


def test_missing_resolution_raises_keyerror_naming_it():
    with pytest.raises(KeyError, match="bits=2.*available resolutions: 3, 4, 5, 6"):
        ris_element_power(2)
    with pytest.raises(KeyError, match="bits=7"):
        ris_element_power([3, 7])


def test_user_table_extends_resolutions():
    table = {1: 0.5e-3, 2: 1e-3, **HUANG2019_RIS_ELEMENT_POWER}
    np.testing.assert_allclose(ris_element_power([1, 2, 3], table=table), [0.5e-3, 1e-3, 1.5e-3])


def test_active_element_power_zhang_dai_tcom2023():
    # P_SW = -10 dBm = 0.1 mW, P_DC = -5 dBm = 0.3162 mW
    assert (ACTIVE_RIS_P_SW_DBM, ACTIVE_RIS_P_DC_DBM) == (-10.0, -5.0)
    assert active_ris_element_power() == pytest.approx(1e-4 + 10 ** (-0.5) * 1e-3, rel=1e-12)


def test_surface_powers():
    assert passive_ris_power(256, bits=4) == pytest.approx(256 * 4.5e-3)
    assert passive_ris_power(256, p_ctrl=0.1) == pytest.approx(256 * 5e-3 + 0.1)
    n = np.array([16, 64, 256])
    np.testing.assert_allclose(active_ris_power(n, 0.01),
                               n * active_ris_element_power() + 0.01 / 0.8)
    assert active_ris_power(0, 0.0) == 0.0


def test_ris_rejects_bad_input():
    with pytest.raises(ValueError, match="n_elements"):
        passive_ris_power(-1)
    with pytest.raises(ValueError, match="amplifier_efficiency"):
        active_ris_power(10, 0.1, amplifier_efficiency=0.0)
    with pytest.raises(ValueError, match="output_power"):
        active_ris_power(10, -0.1)
