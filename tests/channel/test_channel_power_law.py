"""Power-law (log-distance) path loss of the common channel layer."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.channel import power_law_db


def test_3gpp_macro_law_128_1_plus_37_6_log10_km():
    # 3GPP TR 36.814 macro law: 128.1 + 37.6 log10(d / km)
    d = np.array([0.05, 0.3, 1.0, 2.5])
    np.testing.assert_allclose(power_law_db(1e3 * d, 3.76, reference_loss_db=15.3),
                               128.1 + 37.6 * np.log10(d), atol=1e-12)


def test_slope_and_reference_point():
    assert power_law_db(50.0, 3.0, reference_distance=50.0, reference_loss_db=70.0) == 70.0
    d = np.logspace(0, 4, 9)
    np.testing.assert_allclose(np.diff(power_law_db(d, 2.5)), 2.5 * 10 * np.diff(np.log10(d)))


@pytest.mark.parametrize("kw,match", [
    (dict(distance=0.0, exponent=3.0), "distance"),
    (dict(distance=1.0, exponent=-1.0), "exponent"),
    (dict(distance=1.0, exponent=3.0, reference_distance=0.0), "reference_distance"),
    (dict(distance=1.0, exponent=3.0, reference_loss_db=np.inf), "reference_loss_db"),
])
def test_rejects_bad_input(kw, match):
    with pytest.raises(ValueError, match=match):
        power_law_db(**kw)
