"""Published values of the power layer (book Table 5.3, EARTH, Björnson 2015, Huang 2019)."""

from __future__ import annotations

import functools

from . import Reference

BOOK = ("E. Björnson, J. Hoydis, L. Sanguinetti, \"Massive MIMO Networks\", Foundations and Trends "
        "in Signal Processing 11(3-4), 2017, doi:10.1561/2000000093")
EARTH = ("G. Auer et al., \"How much energy is needed to run a wireless network?\", IEEE Wireless "
         "Commun. 18(5), 2011, doi:10.1109/MWC.2011.6056691 (EARTH power model)")
BJORNSON2015 = ("E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, IEEE Trans. Wireless Commun. "
                "14(6), 2015, Table 2, doi:10.1109/TWC.2015.2400437")
HUANG2019 = ("C. Huang, A. Zappone, G. C. Alexandropoulos, M. Debbah, C. Yuen, \"Reconfigurable "
             "intelligent surfaces for energy efficiency in wireless communication\", IEEE Trans. "
             "Wireless Commun. 18(8), 2019, doi:10.1109/TWC.2019.2922609")


def _vs1(field: str):
    def compute():
        from wirelesseff.power import massive_mimo_book_vs1

        return float(getattr(massive_mimo_book_vs1(), field))

    return compute


@functools.cache
def _book_cp(scheme: str = "zf"):
    from wirelesseff.power import book_circuit_power

    return book_circuit_power(100, 10, tau_p=10, tau_c=200, bandwidth=20e6, scheme=scheme)


def _earth(load: float):
    def compute():
        from wirelesseff.power import earth_power

        return float(earth_power(load, "macro"))

    return compute


def _bjornson(field: str):
    def compute():
        from wirelesseff.power import bjornson2015_params

        return float(getattr(bjornson2015_params(), field))

    return compute


def _huang(bits: int):
    def compute():
        from wirelesseff.power import ris_element_power

        return float(ris_element_power(bits))

    return compute


VS1 = [("p_fix", "fixed power P_FIX", 10.0, "W"),
       ("p_lo", "local-oscillator power P_LO", 0.2, "W"),
       ("p_bs", "power per BS antenna chain P_BS", 0.4, "W"),
       ("p_ue", "power per UE chain P_UE", 0.2, "W"),
       ("p_cod", "coding energy P_COD", 0.1e-9, "J/bit"),
       ("p_dec", "decoding energy P_DEC", 0.8e-9, "J/bit"),
       ("l_bs", "BS computational efficiency L_BS", 75e9, "flop/J"),
       ("p_bt", "backhaul energy P_BT", 0.25e-9, "J/bit")]

# Sec. 5.4 circuit-power terms at M = 100, K = tau_p = 10, tau_c = 200, B = 20 MHz (value set 1),
# the book's formulas evaluated by hand
BOOK_CP = [("tc", "transceiver chains P_TC", 42.2, 1e-12),
           ("ce", "channel estimation P_CE", 0.44, 1e-12),
           ("sp_rt", "reception/transmission processing P_SP,RT", 0.76, 1e-12),
           ("sp_dl", "DL precoding computation P_SP,DL", 5.333e-3, 1e-4),
           ("sp_ul", "UL ZF combining computation P_SP,UL", 6.3413e-2, 1e-4)]

REFERENCES = [
    Reference(f"book-table5-3-vs1-{field.replace('_', '-')}", f"value set 1: {what}", value,
              _vs1(field), f"{BOOK}, Table 5.3", units=units)
    for field, what, value, units in VS1
]
REFERENCES += [
    Reference(f"book-sec5-4-cp-{term.replace('_', '-')}",
              f"{what}, value set 1, ZF, M = 100, K = 10", value,
              (lambda term=term: float(getattr(_book_cp(), term))), f"{BOOK}, Sec. 5.4",
              rtol=rtol, units="W", note="the book's formulas evaluated by hand")
    for term, what, value, rtol in BOOK_CP
]
REFERENCES += [
    Reference("book-sec5-4-cp-sp-ul-mr", "UL MR combining computation P_SP,UL, value set 1, "
              "M = 100, K = 10", 9.333e-5, lambda: float(_book_cp("mr").sp_ul),
              f"{BOOK}, Sec. 5.4 and Table 5.2", rtol=1e-4, units="W",
              note="the book's formulas evaluated by hand"),
    Reference("earth-macro-full-load", "EARTH macro base station input power at full load",
              1344.0, _earth(1.0), EARTH, rtol=1e-6, units="W"),
    Reference("earth-macro-sleep", "EARTH macro base station input power in sleep (zero load)",
              450.0, _earth(0.0), EARTH, rtol=1e-6, units="W"),
    Reference("bjornson2015-table2-eta", "combined PA efficiency eta of Table 2 "
              "(zeta/eta weighting of UL and DL)", 0.3482, _bjornson("eta"), BJORNSON2015,
              atol=5e-5, units="1", note="derived from the Table 2 entries"),
    Reference("bjornson2015-table2-coherence-block", "coherence block U = B_C T_C",
              1800.0, _bjornson("coherence_block"), BJORNSON2015, rtol=1e-12, units="1",
              note="derived from the Table 2 entries"),
    Reference("bjornson2015-table2-a", "circuit-power coefficient A of Table 1", 1.15e-9,
              _bjornson("a_coefficient"), BJORNSON2015, rtol=1e-6, units="J/bit",
              note="derived from the Table 2 entries"),
]
REFERENCES += [
    Reference(f"huang2019-ris-element-power-{b}bit", f"RIS element power, {b}-bit phase "
              "resolution", p, _huang(b), HUANG2019, units="W")
    for b, p in ((3, 1.5e-3), (4, 4.5e-3), (5, 6.0e-3), (6, 7.8e-3))
]
