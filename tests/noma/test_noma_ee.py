"""Energy-efficiency link (docs/noma.md, "Energy-efficiency link")."""

from __future__ import annotations

import math

import numpy as np
import pytest

from wirelesseff.channel.noise import noise_power
from wirelesseff.noma import (
    energy_efficiency,
    golay_codebook,
    pa_efficiency,
    papr,
    papr_backoff_db,
    required_snr_db,
    transmit_power,
)
from wirelesseff.power import massive_mimo_book_vs1, pa_backoff_efficiency


def test_pa_efficiency_ideal_class_values_cripps2006():
    assert pa_efficiency(0.0, "A") == 0.5
    assert pa_efficiency(10 * math.log10(2), "B") == pytest.approx((math.pi / 4) / math.sqrt(2),
                                                                  rel=1e-15)
    assert pa_efficiency(0.0) == pytest.approx(math.pi / 4)
    assert pa_efficiency(3.0, "A", eta_max=0.4) == pytest.approx(0.4 * 10**-0.3)


def test_pa_efficiency_is_the_power_layer_law(rng):
    ibo = rng.uniform(0, 12, 20)
    for cls in ("A", "B"):
        np.testing.assert_array_equal(pa_efficiency(ibo, cls), pa_backoff_efficiency(ibo, cls))
    assert np.all(np.diff(pa_efficiency(np.sort(ibo))) < 0)  # monotone in the back-off


@pytest.mark.parametrize(("bad", "match"), [((-1.0, "B"), "backoff_db"), ((1.0, "C"), "pa_class")])
def test_pa_efficiency_rejects_bad_input(bad, match):
    with pytest.raises(ValueError, match=match):
        pa_efficiency(*bad)


def test_golay_backoff_is_at_most_3db():
    ibo = papr_backoff_db(papr(golay_codebook(2)))
    assert 2.9 < ibo <= 10 * math.log10(2) + 1e-9
    assert papr_backoff_db([1.0, 4.0], q=100) == pytest.approx(10 * math.log10(4))
    with pytest.raises(ValueError, match="q"):
        papr_backoff_db([1.0], q=101)


def test_required_snr_exact_on_log_linear_data():
    snr = np.arange(0.0, 20.0, 0.5)
    err = 10.0 ** (-(snr - 2.0) / 4.0)  # log10 err linear in SNR: target 1e-2 at 10 dB
    assert required_snr_db(snr, err, 1e-2) == pytest.approx(10.0, abs=1e-12)
    assert required_snr_db(snr, err, 10 ** -2.3) == pytest.approx(11.2, abs=1e-12)
    both = required_snr_db(snr, np.stack([err, np.full(snr.size, 0.3)]), 1e-2)
    assert both[0] == pytest.approx(10.0) and both[1] == math.inf  # floor -> +inf
    assert required_snr_db(snr, err * 1e-3, 0.9) == 0.0  # met at the first grid point


def test_required_snr_handles_zero_and_unevaluated_points():
    snr = np.array([0.0, 1.0, 2.0, 3.0])
    assert required_snr_db(snr, [0.5, 0.2, 0.0, 0.0], 1e-2) == 2.0  # zero: no log interpolation
    assert required_snr_db(snr, [0.5, np.nan, 1e-3, 0.0], 1e-2) == pytest.approx(
        0 + (np.log10(1e-2) - np.log10(0.5)) / (np.log10(1e-3) - np.log10(0.5)) * 2)
    with pytest.raises(ValueError, match="increasing"):
        required_snr_db([1.0, 0.0], [0.1, 0.01], 0.05)
    with pytest.raises(ValueError, match="target"):
        required_snr_db(snr, np.ones(4), 0.0)


def test_transmit_power_hand_computation():
    sigma2 = noise_power(1e6, 7.0)
    assert sigma2 == pytest.approx(1.380649e-23 * 290 * 1e6 * 10**0.7, rel=1e-12)
    p = transmit_power(15.0, 256, sigma2, 10 ** (-110 / 10))
    assert p == pytest.approx(10**1.5 * sigma2 / 256 / 1e-11, rel=1e-12)
    assert transmit_power(np.inf, 256, sigma2, 1e-11) == np.inf
    with pytest.raises(ValueError, match="gain"):
        transmit_power(10.0, 256, sigma2, 0.0)


def test_energy_efficiency_hand_computation_with_book_circuit_powers():
    book = massive_mimo_book_vs1()
    assert (book.p_ue, book.p_fix) == (0.2, 10.0)
    ka, aer, b, tf, ptx, eta = 16, 0.01, 100.0, 1e-3, 2e-4, 0.55
    expect = ka * (1 - aer) * b / tf / (ka * (ptx / eta + book.p_ue) + book.p_fix)
    assert energy_efficiency(ka, aer, b, tf, ptx, eta, book.p_ue, book.p_fix) == pytest.approx(
        expect, rel=1e-15)
    assert energy_efficiency(ka, aer, b, tf, np.inf, eta, 0.2, 10.0) == 0.0
    out = energy_efficiency(np.array([1, 10, 100]), 0.0, b, tf, ptx, eta, 0.2, 10.0)
    assert out.shape == (3,) and np.all(np.diff(out) > 0)
    # the circuit-limited ceiling: EE -> b / (T_frame (P_tx/eta + P_UE)) as K_a grows
    assert out[-1] < b / tf / (ptx / eta + 0.2)


@pytest.mark.parametrize(
    ("kw", "match"),
    [({"aer": 1.5}, "aer"), ({"eta_pa": 0.0}, "eta_pa"), ({"frame_s": 0.0}, "frame_s"),
     ({"ka": -1}, "ka")],
)
def test_energy_efficiency_rejects_bad_input(kw, match):
    args = {"ka": 4, "aer": 0.0, "payload_bits": 100, "frame_s": 1e-3, "p_tx": 1e-3,
            "eta_pa": 0.5, "p_circuit_ue": 0.2, "p_circuit_bs": 10.0}
    args.update(kw)
    with pytest.raises(ValueError, match=match):
        energy_efficiency(**args)
