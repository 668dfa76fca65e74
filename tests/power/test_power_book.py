"""Tests of the *Massive MIMO Networks* Sec. 5.4 circuit-power model."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelesseff.power import (
    BOOK_SCHEMES,
    book_circuit_power,
    book_effective_transmit_power,
    book_flop_rate,
    massive_mimo_book_vs1,
    massive_mimo_book_vs2,
)

# ---------------------------------------------------------------- published values


def test_value_sets_match_massive_mimo_book_table_5_3():
    vs1 = massive_mimo_book_vs1()
    vs2 = massive_mimo_book_vs2()
    assert (vs1.p_fix, vs1.p_lo, vs1.p_bs, vs1.p_ue) == (10.0, 0.2, 0.4, 0.2)
    assert (vs1.p_cod, vs1.p_dec, vs1.l_bs, vs1.p_bt) == (0.1e-9, 0.8e-9, 75e9, 0.25e-9)
    assert (vs2.p_fix, vs2.p_lo, vs2.p_bs, vs2.p_ue) == (5.0, 0.1, 0.2, 0.1)
    assert (vs2.p_cod, vs2.p_dec, vs2.l_bs, vs2.p_bt) == (0.01e-9, 0.08e-9, 750e9, 0.025e-9)


def test_value_sets_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        massive_mimo_book_vs1().p_fix = 1.0


def test_cp_terms_match_massive_mimo_book_sec_5_4_oracles():
    # Massive MIMO Networks (5.34)-(5.37), value set 1: M = 100, K = 10, tau_p = 10, tau_c = 200,
    # B = 20 MHz
    cp = book_circuit_power(100, 10, tau_p=10, tau_c=200, bandwidth=20e6)
    assert cp.fix == 10.0
    assert cp.tc == pytest.approx(42.2, rel=1e-12)
    assert cp.ce == pytest.approx(0.44, rel=1e-12)
    assert cp.sp_rt == pytest.approx(0.76, rel=1e-12)
    assert cp.sp_dl == pytest.approx(5.333e-3, rel=1e-4)
    assert cp.sp_ul == pytest.approx(6.3413e-2, rel=1e-4)
    mr = book_circuit_power(100, 10, tau_p=10, scheme="mr")
    assert mr.sp_ul == pytest.approx(9.333e-5, rel=1e-4)


def test_sp_ul_of_other_schemes_match_hand_computation_table_5_2():
    # Table 5.2 counts at M = 100, K = 10, tau_p = 10, L = 16, times 3B/(tau_c L_BS) = 4e-6 W
    unit = 3 * 20e6 / (200 * 75e9)
    rzf = 3 * 10**2 * 100 / 2 + 3 * 100 * 10 / 2 + (10**3 - 10) / 3 + 7 * 10 / 3
    smmse = 3 * 100**2 * 10 / 2 + 100 * 10 / 2 + (100**3 - 100) / 3 + 7 * 100 / 3
    mmmse = 16 * (3 * 100**2 + 100) * 10 / 2 + 100**3 / 3 + 2 * 100 + 100 * 10 * (10 - 10)
    got = {s: book_circuit_power(100, 10, scheme=s).sp_ul for s in ("rzf", "s_mmse", "m_mmse")}
    assert got["rzf"] == pytest.approx(unit * rzf, rel=1e-12)        # 0.067413 W
    assert got["s_mmse"] == pytest.approx(unit * smmse, rel=1e-12)   # 1.93613 W
    assert got["m_mmse"] == pytest.approx(unit * mmmse, rel=1e-12)   # 10.9661 W
    assert got["rzf"] == pytest.approx(0.0674133, rel=1e-5)
    assert got["s_mmse"] == pytest.approx(1.936133, rel=1e-6)
    assert got["m_mmse"] == pytest.approx(10.966133, rel=1e-6)


def test_m_mmse_pilot_term_uses_tau_p_minus_k():
    a = book_circuit_power(100, 10, tau_p=10, scheme="m_mmse").sp_ul
    b = book_circuit_power(100, 10, tau_p=30, scheme="m_mmse").sp_ul
    unit = 3 * 20e6 / (200 * 75e9)
    assert b - a == pytest.approx(unit * 100 * 30 * 20, rel=1e-12)


def test_vs2_terms():
    cp = book_circuit_power(100, 10, params=massive_mimo_book_vs2())
    assert cp.tc == pytest.approx(21.1)
    assert cp.ce == pytest.approx(0.044)
    assert cp.fix == 5.0


def test_rate_terms_from_sum_se():
    cp = book_circuit_power(100, 10, sum_se=50.0)
    assert cp.cd == pytest.approx(0.9e-9 * 20e6 * 50)
    assert cp.bh == pytest.approx(0.25e-9 * 20e6 * 50)


def test_effective_transmit_power_massive_mimo_book_fig_5_12_setup():
    # K p (tau_p/mu_UE + (tau_c - tau_p)(zeta_UL/mu_UE + zeta_DL/mu_BS)) / tau_c
    etp = book_effective_transmit_power(10)
    assert etp == pytest.approx((10 / 0.4 + 190 * (1 / 3 / 0.4 + 2 / 3 / 0.5)) / 200)
    assert book_effective_transmit_power(10, tau_p=20) > etp  # UL pilots cost more (mu_UE)


# ---------------------------------------------------------------- properties


def test_total_is_sum_of_terms_and_as_dict():
    cp = book_circuit_power(64, 8, sum_se=30.0, scheme="rzf")
    d = cp.as_dict()
    assert list(d) == ["fix", "tc", "ce", "sp_rt", "sp_dl", "sp_ul", "cd", "bh"]
    assert cp.total == pytest.approx(sum(d.values()))
    assert cp.sp == pytest.approx(cp.sp_rt + cp.sp_dl + cp.sp_ul)


def test_broadcasts_over_m_and_k():
    M = np.arange(10, 201, 10)[:, None]
    K = np.array([1, 5, 10])[None, :]
    cp = book_circuit_power(M, K)
    for v in cp.as_dict().values():
        assert np.shape(v) == (20, 3)
    ref = book_circuit_power(110, 5)
    assert cp.total[10, 1] == pytest.approx(ref.total)
    assert isinstance(ref.total, float)


def test_tau_p_defaults_to_k():
    assert book_circuit_power(50, 7).ce == pytest.approx(book_circuit_power(50, 7, tau_p=7).ce)


def test_scheme_complexity_ordering_at_m_100_k_10():
    sp = {s: book_circuit_power(100, 10, scheme=s).sp_ul for s in BOOK_SCHEMES}
    assert sp["mr"] < sp["zf"] < sp["rzf"] < sp["s_mmse"] < sp["m_mmse"]


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 400), st.integers(1, 50), st.sampled_from(BOOK_SCHEMES))
def test_terms_nonnegative_and_increasing_in_m(M, K, scheme):
    a = book_circuit_power(M, K, scheme=scheme)
    b = book_circuit_power(M + 1, K, scheme=scheme)
    for name, v in a.as_dict().items():
        assert v >= 0
        assert getattr(b, name) >= v - 1e-15, name


def test_flop_rate_is_l_bs_times_processing_power_and_independent_of_value_set():
    for scheme in BOOK_SCHEMES:
        for params in (massive_mimo_book_vs1(), massive_mimo_book_vs2()):
            cp = book_circuit_power(120, 12, scheme=scheme, params=params)
            fr = book_flop_rate(120, 12, scheme=scheme)
            assert fr == pytest.approx(params.l_bs * (cp.ce + cp.sp_rt + cp.sp_dl + cp.sp_ul),
                                       rel=1e-12)


# ---------------------------------------------------------------- bad input


def test_rejects_unknown_scheme():
    with pytest.raises(ValueError, match="scheme"):
        book_circuit_power(100, 10, scheme="mmse")


@pytest.mark.parametrize("kw, name", [({"M": 0}, "M"), ({"K": 0.5}, "K")])
def test_rejects_bad_m_k(kw, name):
    args = {"M": 100, "K": 10} | kw
    with pytest.raises(ValueError, match=name):
        book_circuit_power(args["M"], args["K"])


def test_rejects_bad_pilots_and_bandwidth():
    with pytest.raises(ValueError, match="tau_p"):
        book_circuit_power(100, 10, tau_p=5)
    with pytest.raises(ValueError, match="tau_c - tau_p"):
        book_circuit_power(100, 10, tau_p=250)
    with pytest.raises(ValueError, match="bandwidth"):
        book_circuit_power(100, 10, bandwidth=0.0)
    with pytest.raises(ValueError, match="sum_se"):
        book_circuit_power(100, 10, sum_se=-1.0)


def test_rejects_bad_value_set():
    with pytest.raises(ValueError, match="l_bs"):
        dataclasses.replace(massive_mimo_book_vs1(), l_bs=0.0)


def test_etp_rejects_bad_input():
    with pytest.raises(ValueError, match="mu_ue"):
        book_effective_transmit_power(10, mu_ue=0.0)
    with pytest.raises(ValueError, match="zeta_ul \\+ zeta_dl"):
        book_effective_transmit_power(10, zeta_ul=0.6, zeta_dl=0.6)


def test_value_set_total_and_breakdown_methods():
    vs2 = massive_mimo_book_vs2()
    cp = vs2.breakdown(100, 10, scheme="mr")
    assert cp == book_circuit_power(100, 10, scheme="mr", params=vs2)
    assert vs2.total(100, 10, scheme="mr") == pytest.approx(cp.total)
