"""Published values of the XL-MIMO module (Björnson et al. 2015 and the Massive MIMO book)."""

from __future__ import annotations

import functools

from . import Reference

BJORNSON2015 = ("E. Björnson, L. Sanguinetti, J. Hoydis, M. Debbah, \"Optimal design of "
                "energy-efficient multi-user MIMO systems: Is massive MIMO the answer?\", "
                "IEEE Trans. Wireless Commun. 14(6), 2015, Fig. 3, doi:10.1109/TWC.2015.2400437")


@functools.cache
def _zf_optimum():
    from wirelesseff.xlmimo import optimize_zf

    return optimize_zf()


REFERENCES = [
    Reference("bjornson2015-fig3-m-opt", "EE-optimal number of BS antennas M* (ZF, perfect CSI)",
              165, lambda: _zf_optimum().M, BJORNSON2015, units="1"),
    Reference("bjornson2015-fig3-k-opt", "EE-optimal number of users K* (ZF, perfect CSI)",
              104, lambda: _zf_optimum().K, BJORNSON2015, units="1"),
    Reference("bjornson2015-fig3-ee-opt", "maximal energy efficiency EE* (ZF, perfect CSI)",
              30.74, lambda: _zf_optimum().ee / 1e6, BJORNSON2015, atol=0.005, units="Mbit/J",
              note="published to two decimals"),
]


def _theorem2_m():
    from wirelesseff.xlmimo import alpha_opt_zf, optimal_m_theorem2

    return float(optimal_m_theorem2(float(alpha_opt_zf(165, 104)), 104))


def _theorem1_k():
    from wirelesseff.xlmimo import alpha_opt_zf, optimal_k_theorem1

    a = float(alpha_opt_zf(165, 104))
    return float(optimal_k_theorem1(a * 104, 165 / 104))


THEOREMS = BJORNSON2015.replace("Fig. 3", "Theorems 1-2 at the Fig. 3 optimum")

REFERENCES += [
    Reference("bjornson2015-theorem2-m-at-optimum", "Theorem 2 (optimal M for given K and "
              "alpha) at the published optimum K = 104", 165, _theorem2_m, THEOREMS, atol=1,
              units="1", note="the closed form is real-valued; the published optimum is an "
              "integer"),
    Reference("bjornson2015-theorem1-k-at-optimum", "Theorem 1 (optimal K for given M/K and "
              "alpha) at the published optimum M = 165", 104, _theorem1_k, THEOREMS, atol=1,
              units="1", note="the closed form is real-valued; the published optimum is an "
              "integer"),
]
