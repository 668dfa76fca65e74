"""Published values and independent reference evaluations checked for the fluid-antenna module.

The target paper of the module (Zhang et al., arXiv:2503.04147) is available only as an
abstract, so nothing of its system model has a published number to compare with (docs/fas.md,
"What is a reconstruction"). What can be checked are the established models the module builds
on: the constant-correlation model of Wong & Tong (its closed-form average correlation and its
outage integral, evaluated independently with 25-30 digit mpmath quadrature), selection over
independent Rayleigh ports, and the Lambert-W optimum of single-link energy efficiency that the
multiuser SWIPT optimiser must reproduce for one receiver.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from . import Reference

WT22 = ("K.-K. Wong, K.-F. Tong, \"Fluid Antenna Multiple Access\", IEEE Trans. Wireless "
        "Commun. 21(7), 2022, eq. (11), doi:10.1109/TWC.2021.3133410")
WT22_OUTAGE = ("outage integral of the constant-correlation model (Wong & Tong, IEEE TWC 2022, "
               "doi:10.1109/TWC.2021.3133410; Ramírez-Espinosa, Morales-Jiménez, Wong, IEEE TWC "
               "2024, arXiv:2401.04513, eq. (43))")
W21 = ("K.-K. Wong, A. Shojaeifard, K.-F. Tong, Y. Zhang, \"Fluid Antenna Systems\", IEEE Trans. "
       "Wireless Commun. 20(3), 2021, doi:10.1109/TWC.2020.3037595 (independent-port baseline)")
LAMBERT = ("closed-form EE-optimal power of a single link, p* = (u* - 1)/a with "
           "u* = exp(1 + W0((a c - 1)/e)) (Lambert W; e.g. Björnson, Sanguinetti, Hoydis, Debbah, "
           "IEEE TWC 2015, doi:10.1109/TWC.2015.2400437, Sec. III)")
MPMATH = "evaluated independently with mpmath at 30 significant digits"


def _mu2(w):
    from wirelesseff.fas import constant_correlation_mu2

    return lambda: float(constant_correlation_mu2(w))


def _outage(n, model="constant"):
    from wirelesseff.fas import outage_probability

    return lambda: float(outage_probability(1.0, n, 1.0, model=model))


@functools.cache
def _single_link():
    """Variant B with one IR and no ER: h = (1, 0.5), sigma^2 = 1e-3 W, default power model."""
    from wirelesseff.fas import optimize_swipt_ee

    return optimize_swipt_ee(np.array([[1.0, 0.5]]), np.zeros((0, 2)), 1.0, 1.0, [], 1e-3)


REFERENCES = [
    *[
        Reference(f"wt22-constant-mu2-w{w:g}",
                  f"average port correlation mu^2 of the constant-correlation model, W = {w:g}",
                  ref, _mu2(w), WT22, rtol=1e-10, units="1",
                  note=f"{MPMATH}: |2 1F2(1/2; 1, 3/2; -pi^2 W^2) - J1(2 pi W)/(pi W)|")
        for w, ref in ((0.5, 0.67667014071966616), (1.0, 0.3092552257050657),
                       (2.0, 0.15734295092456973))
    ],
    *[
        Reference(f"wt22-constant-outage-n{n}-w1",
                  f"outage of the best of N = {n} ports, constant model, W = 1, x = 1",
                  ref, _outage(n), WT22_OUTAGE, rtol=1e-9, units="1",
                  note="mpmath quadrature (25 digits) of the Marcum-Q integral")
        for n, ref in ((5, 0.128988210200622), (10, 0.0225606545098533), (30, 4.57627174186344e-5))
    ],
    Reference("w21-independent-ports-outage-n2",
              "outage of the best of N = 2 independent Rayleigh ports, x = 1",
              (1.0 - math.exp(-1.0)) ** 2,
              _outage(2, "independent"),
              W21, rtol=1e-14, units="1", note="(1 - e^-x)^N"),
    Reference("lambertw-single-link-ee",
              "EE-optimal single-link energy efficiency from optimize_swipt_ee (one receiver, "
              "a = 1250 1/W, xi P_c = 0.0175 W)",
              47.79395323552812, lambda: _single_link().ee, LAMBERT, rtol=1e-6,
              units="bit/J per Hz", note=f"closed form {MPMATH}; the optimiser is SDR + SCA"),
    Reference("lambertw-single-link-power",
              "EE-optimal transmit power of the same link", 0.0097650031045304387,
              lambda: _single_link().p_tx, LAMBERT, rtol=2e-4, units="W",
              note="the EE is flat at its optimum, so the power is resolved less finely"),
]
