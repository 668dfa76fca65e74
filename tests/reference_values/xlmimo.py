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
