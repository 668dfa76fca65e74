"""Energy-harvesting models of wirelesseff.fas.harvesting (docs/fas.md, "EH models")."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirelesseff.fas import LinearEH, LogisticEH, boshkovska2015, logistic_alt

PRESETS = [boshkovska2015, logistic_alt]


def test_boshkovska2015_preset_values():
    """Boshkovska et al., IEEE Commun. Lett. 2015, Sec. II: a = 150, b = 0.014 W, M = 24 mW."""
    assert (boshkovska2015.a, boshkovska2015.b, boshkovska2015.m_sat) == (150.0, 0.014, 0.024)
    assert boshkovska2015.source_verified
    assert not logistic_alt.source_verified


@pytest.mark.parametrize("eh", PRESETS)
def test_logistic_zero_at_zero_and_saturates(eh):
    assert eh.harvest(0.0) == pytest.approx(0.0, abs=1e-18)
    assert eh.harvest(10.0) == pytest.approx(eh.m_sat, rel=1e-9)
    assert eh.saturation == eh.m_sat
    x = np.linspace(0.0, eh.b + 10.0 / eh.a, 2001)  # before float saturation
    y = eh.harvest(x)
    assert np.all(np.diff(y) > 0) and np.all(y < eh.m_sat)
    y = eh.harvest(np.linspace(0.0, 1.0, 2001))
    assert np.all(np.diff(y) >= 0) and np.all(y <= eh.m_sat)


@pytest.mark.parametrize("eh", PRESETS)
def test_logistic_inflection_exactly_at_b(eh):
    """Phi'' > 0 below b, < 0 above b: neither convex nor concave."""
    h = 1e-4 / eh.a * 100
    for x, sign in ((eh.b * 0.5, 1), (eh.b * 0.9, 1), (eh.b * 1.1, -1), (eh.b * 2.0, -1)):
        d2 = (eh.harvest(x + h) - 2 * eh.harvest(x) + eh.harvest(x - h)) / h**2
        assert np.sign(d2) == sign
    d = eh.derivative(np.linspace(0, 4 * eh.b, 4001))
    assert np.argmax(d) == pytest.approx(1000, abs=1)  # maximal slope at x = b


@pytest.mark.parametrize("eh", PRESETS)
def test_derivative_matches_finite_difference(eh):
    x = np.array([0.2, 1.0, 1.7]) * eh.b
    h = 1e-7
    fd = (eh.harvest(x + h) - eh.harvest(x - h)) / (2 * h)
    assert np.allclose(eh.derivative(x), fd, rtol=1e-5)


@given(st.floats(0.0, 1.0))
def test_logistic_inverse_of_harvest(frac):
    """inverse(harvest(x)) = x to 1e-10 where the inversion is well conditioned (Phi not yet
    saturated in float64: x <= b + 4/a, i.e. expit(a(x - b)) <= 0.982)."""
    for eh in PRESETS:
        p = frac * (eh.b + 4.0 / eh.a)
        assert eh.inverse(eh.harvest(p)) == pytest.approx(p, rel=1e-10, abs=1e-15)


@given(st.floats(0.0, 1.0))
def test_harvest_of_inverse(frac):
    for eh in PRESETS:
        e = frac * eh.m_sat * 0.999
        assert eh.harvest(eh.inverse(e)) == pytest.approx(e, rel=1e-9, abs=1e-15)


def test_logistic_inverse_at_or_above_saturation_is_infinite():
    eh = boshkovska2015
    assert eh.inverse(eh.m_sat) == np.inf
    assert np.all(np.isinf(eh.inverse([0.03, 1.0])))
    with pytest.raises(ValueError, match="p_dc"):
        eh.inverse(-1e-3)


def test_linear_eh():
    eh = LinearEH(0.4)
    assert eh.harvest(2.0) == pytest.approx(0.8)
    assert eh.inverse(eh.harvest(np.array([0.1, 3.0]))) == pytest.approx([0.1, 3.0])
    assert eh.saturation == np.inf and eh.is_linear and not boshkovska2015.is_linear
    assert np.all(eh.derivative([1.0, 2.0]) == 0.4)


def test_broadcasting_scalar_in_scalar_out():
    assert isinstance(boshkovska2015.harvest(0.01), float)
    assert boshkovska2015.harvest(np.ones((2, 3)) * 0.01).shape == (2, 3)
    assert isinstance(LinearEH(0.5).harvest(1.0), float)


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: LinearEH(0.0), "efficiency"),
        (lambda: LinearEH(1.2), "efficiency"),
        (lambda: LogisticEH(-1.0, 0.01, 0.02), "a"),
        (lambda: LogisticEH(100.0, -0.01, 0.02), "b"),
        (lambda: LogisticEH(100.0, 0.01, 0.0), "m_sat"),
        (lambda: boshkovska2015.harvest(-0.1), "p_in"),
        (lambda: LinearEH(0.5).inverse(-1.0), "p_dc"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()
