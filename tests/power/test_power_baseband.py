"""Tests of the baseband GOPS counts and processing-power models (reconstruction)."""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.power import (
    baseband_gops,
    baseband_gops_terms,
    baseband_power,
    book_flop_rate,
    default_numerology,
)


def test_default_numerology_is_nr_like():
    fs, n_dft, t_sym = default_numerology(np.array([100e6, 200e6]))
    np.testing.assert_allclose(fs, [122.88e6, 245.76e6])
    np.testing.assert_allclose(n_dft, [2048, 4096])
    np.testing.assert_allclose(t_sym, 1e-3 / 14 / 4)
    # 15 kHz: LTE-like 71.4 us symbols
    assert default_numerology(20e6, scs=15e3)[2] == pytest.approx(71.43e-6, rel=1e-3)


def test_dfe_and_fft_counts_match_demir2024_code():
    # O-RAN cell-free code (Demir et al. 2024): N = 4 antennas, fs = 30.72 MHz, N_DFT = 2048,
    # T_s = 71.4 us: Cfilter = 40 N fs / 1e9, CDFT = 8 N N_DFT log2(N_DFT) / T_s / 1e9
    t = baseband_gops_terms(4, 4, 20e6, fs=30.72e6, n_dft=2048, t_symbol=71.4e-6)
    assert t["dfe"] == pytest.approx(40 * 4 * 30.72e6 / 1e9)            # 4.9152 GOPS
    assert t["fft"] == pytest.approx(8 * 4 * 2048 * 11 / 71.4e-6 / 1e9)  # 10.097 GOPS
    assert t["dfe"] == pytest.approx(4.9152)
    assert t["fft"] == pytest.approx(10.0966, rel=1e-4)


def test_mimo_part_is_book_flop_rate():
    for scheme in ("mr", "zf", "m_mmse"):
        t = baseband_gops_terms(128, 16, 100e6, scheme=scheme, tau_c=300)
        ref = book_flop_rate(128, 16, bandwidth=100e6, scheme=scheme, tau_c=300) / 1e9
        assert t["mimo"] == pytest.approx(ref)
    total = baseband_gops(128, 16, 100e6)
    t = baseband_gops_terms(128, 16, 100e6)
    assert total == pytest.approx(t["dfe"] + t["fft"] + t["mimo"])


def test_gops_increasing_in_digital_chains_and_broadcasting():
    n = np.array([8, 16, 64, 256, 1024])
    g = baseband_gops(n, 8, 200e6)
    assert g.shape == (5,)
    assert np.all(np.diff(g) > 0)
    grid = baseband_gops(n[:, None], np.array([4, 8])[None, :], 100e6)
    assert grid.shape == (5, 2)


def test_baseband_power_linear_and_processor_models():
    assert baseband_power(75.0) == pytest.approx(1.0)
    assert baseband_power(150.0, l_bb=750e9) == pytest.approx(0.2)
    # processor: ceil(G/Gmax) P0 + Dproc G/Gmax, all over the cooling efficiency
    g = np.array([0.0, 90.0, 180.0, 181.0, 360.0])
    expected = (np.ceil(g / 180) * 20.8 + 74 * g / 180) / 0.9
    np.testing.assert_allclose(baseband_power(g, model="processor"), expected)
    p = baseband_power(np.array([180.0, 180.0 + 1e-6]), model="processor")
    assert p[1] - p[0] == pytest.approx(20.8 / 0.9, rel=1e-6)  # a second processor switches on


def test_baseband_rejects_bad_input():
    with pytest.raises(ValueError, match="model"):
        baseband_power(10.0, model="quadratic")
    with pytest.raises(ValueError, match="gops"):
        baseband_power(-1.0)
    with pytest.raises(ValueError, match="n_dig"):
        baseband_gops(0, 4, 20e6)
    with pytest.raises(ValueError, match="n_users"):
        baseband_gops(8, 0, 1e8)
    with pytest.raises(ValueError, match="n_users"):
        baseband_gops(8, [4, -1], 1e8)
    with pytest.raises(ValueError, match="bandwidth"):
        baseband_gops(8, 4, -20e6)
    with pytest.raises(ValueError, match="cooling"):
        baseband_power(1.0, model="processor", cooling=1.5)
