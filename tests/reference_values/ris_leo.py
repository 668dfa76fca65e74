"""Published values of the ris_leo module and of the LEO channel (channel.ntn).

* 3GPP TR 38.811 V15.4.0 Tables 6.6.1-1 and 6.6.2-1/2/3, as printed in the standard and
  transcribed independently by the OpenNTN project (``tests/spec_tables/tr38811_v15.4.0.json`` of
  ``ant-uni-bremen/OpenNTN``): every entry not already registered in ``channel.py`` (which pins a
  sample of each table), so that together the registry holds all 189 values once;
* the IRS-versus-relaying numbers of Björnson, Özdogan, Larsson (IEEE WCL 2020, Fig. 5) obtained
  by running the authors' script ``simulateFigure5.m`` (``emilbjornson/IRS-relaying``) in GNU
  Octave, in its version 1.0 (2019-10-28) and with the authors' correction of 2024-07-25;
* the discrete-phase loss of Wu & Zhang (IEEE TCOM 2020) and the element gain of the cos³ pattern
  of Tang et al. (IEEE TWC 2021).

The target paper of the module (Sanila et al., WCNC 2025) is available only as an abstract; its
"about 40 dB" is reported beside our numbers by the study ``ris-leo-uplink-power-vs-size`` but is
not a registry entry, because what it is measured against is unknown.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from . import Reference
from .channel import TR38811_CL, TR38811_LOS, TR38811_SF

TR38811 = ("3GPP TR 38.811 V15.4.0 (2020-09), {table}; transcription cross-checked against "
           "ant-uni-bremen/OpenNTN tests/spec_tables/tr38811_v15.4.0.json")
ELEVATIONS = (10, 20, 30, 40, 50, 60, 70, 80, 90)

#: Table 6.6.1-1, LOS probability [%].
LOS_PROBABILITY = {
    "dense_urban": (28.2, 33.1, 39.8, 46.8, 53.7, 61.2, 73.8, 82.0, 98.1),
    "urban": (24.6, 38.6, 49.3, 61.3, 72.6, 80.5, 91.9, 96.8, 99.2),
    "suburban_rural": (78.2, 86.9, 91.9, 92.9, 93.5, 94.0, 94.9, 95.2, 99.8),
}
#: Tables 6.6.2-1/2/3: (scenario, band) -> (LOS sigma_SF, NLOS sigma_SF, NLOS CL) [dB].
SHADOWING_CLUTTER = {
    ("dense_urban", "s"): ((3.5, 3.4, 2.9, 3.0, 3.1, 2.7, 2.5, 2.3, 1.2),
                           (15.5, 13.9, 12.4, 11.7, 10.6, 10.5, 10.1, 9.2, 9.2),
                           (34.3, 30.9, 29.0, 27.7, 26.8, 26.2, 25.8, 25.5, 25.5)),
    ("dense_urban", "ka"): ((2.9, 2.4, 2.7, 2.4, 2.4, 2.7, 2.6, 2.8, 0.6),
                            (17.1, 17.1, 15.6, 14.6, 14.2, 12.6, 12.1, 12.3, 12.3),
                            (44.3, 39.9, 37.5, 35.8, 34.6, 33.8, 33.3, 33.0, 32.9)),
    ("urban", "s"): ((4,) * 9, (6,) * 9,
                     (34.3, 30.9, 29.0, 27.7, 26.8, 26.2, 25.8, 25.5, 25.5)),
    ("urban", "ka"): ((4,) * 9, (6,) * 9,
                      (44.3, 39.9, 37.5, 35.8, 34.6, 33.8, 33.3, 33.0, 32.9)),
    ("suburban_rural", "s"): ((1.79, 1.14, 1.14, 0.92, 1.42, 1.56, 0.85, 0.72, 0.72),
                              (8.93, 9.08, 8.78, 10.25, 10.56, 10.74, 10.17, 11.52, 11.52),
                              (19.52, 18.17, 18.42, 18.28, 18.63, 17.68, 16.50, 16.30, 16.30)),
    ("suburban_rural", "ka"): ((1.9, 1.6, 1.9, 2.3, 2.7, 3.1, 3.0, 3.6, 0.4),
                               (10.7, 10.0, 11.2, 11.6, 11.8, 10.8, 10.8, 10.8, 10.8),
                               (29.5, 24.6, 21.9, 20.0, 18.7, 17.8, 17.2, 16.9, 16.8)),
}
_TABLE = {"dense_urban": "Table 6.6.2-1", "urban": "Table 6.6.2-2",
          "suburban_rural": "Table 6.6.2-3"}


def _los_probability(scenario, el):
    from wirelesseff.channel.ntn import los_probability

    return lambda: 100 * float(los_probability(np.deg2rad(el), scenario))


def _shadowing(scenario, band, el, what):
    from wirelesseff.channel.ntn import clutter_loss_db, shadow_fading_std_db

    if what == "cl":
        return lambda: float(clutter_loss_db(np.deg2rad(el), scenario, band))
    return lambda: float(shadow_fading_std_db(np.deg2rad(el), scenario, band, what == "los"))


def _tr38811_references():
    have_los = {(s, deg) for s, deg, _ in TR38811_LOS}
    have = {(s, band, "los" if los else "nlos", deg) for s, band, los, deg, _ in TR38811_SF}
    have |= {(s, band, "cl", deg) for s, band, deg, _ in TR38811_CL}
    out = []
    for scenario, row in LOS_PROBABILITY.items():
        for el, value in zip(ELEVATIONS, row):
            if (scenario, el) in have_los:
                continue  # registered in channel.py
            out.append(Reference(
                f"tr38811-los-probability-{scenario.replace('_', '-')}-{el}deg",
                f"LOS probability, {scenario.replace('_', ' ')}, {el}° elevation", value,
                _los_probability(scenario, el), TR38811.format(table="Table 6.6.1-1"),
                atol=1e-9, units="%"))
    names = {"los": "LOS shadow-fading std", "nlos": "NLOS shadow-fading std",
             "cl": "NLOS clutter loss"}
    for (scenario, band), rows in SHADOWING_CLUTTER.items():
        for what, row in zip(("los", "nlos", "cl"), rows):
            for el, value in zip(ELEVATIONS, row):
                if (scenario, band, what, el) in have:
                    continue  # registered in channel.py
                out.append(Reference(
                    f"tr38811-{what}-{'sf' if what != 'cl' else 'cl'}-"
                    f"{scenario.replace('_', '-')}-{band}-{el}deg",
                    f"{names[what]}, {scenario.replace('_', ' ')}, {band.upper()} band, "
                    f"{el}° elevation", float(value), _shadowing(scenario, band, el, what),
                    TR38811.format(table=_TABLE[scenario]), atol=1e-9, units="dB"))
    return out


# --- IRS versus relaying (Björnson, Özdogan, Larsson 2020, Fig. 5) ---------------------------

BJORNSON2020 = ("E. Björnson, Ö. Özdogan, E. G. Larsson, \"Intelligent reflecting surface versus "
                "decode-and-forward: how large surfaces are needed to beat relaying?\", IEEE WCL "
                "9(2):244-248, 2020, Fig. 5, doi:10.1109/LWC.2019.2950624; numbers from running "
                "simulateFigure5.m of emilbjornson/IRS-relaying in GNU Octave, {version}")
V2019 = "version 1.0 (2019-10-28)"
V2024 = "with the authors' correction of 2024-07-25 (PA efficiency included)"
#: The script's rate grid Rbar = [0.01 0.1:0.1:10] [bit/s/Hz].
RATES = np.r_[0.01, np.round(np.arange(1, 101) * 0.1, 10)]


@functools.cache
def _n_star(form):
    from wirelesseff.ris_leo import Bjornson2020Setup, optimal_element_count

    s = Bjornson2020Setup()
    return optimal_element_count(RATES, s.noise_power, s.beta_sr, s.beta_rd, s.element_power,
                                 beta_sd=s.beta_sd, pa_efficiency=s.pa_efficiency,
                                 amplitude=s.amplitude, form=form)


def _n_star_at_10(form):
    return lambda: float(_n_star(form)[-1])


def _zero_up_to(form):
    def compute():
        used = np.nonzero(_n_star(form) > 0)[0]
        return float(RATES[used[0] - 1])

    return compute


def _eta1():
    from wirelesseff.ris_leo import quantization_loss

    return float(quantization_loss(1))


def _cos3_gain():
    # G = 4 pi / (integral of F over the sphere), integrated numerically for F = cos^3 (front
    # half-space), compared with the library's "tang" element gain
    from scipy import integrate

    from wirelesseff.ris_leo import element_gain

    integral, _ = integrate.quad(lambda t: np.cos(t) ** 3 * np.sin(t), 0, np.pi / 2)
    g = 4 * np.pi / (2 * np.pi * integral)
    return float(element_gain("tang")) if abs(g - 8.0) < 1e-9 else math.nan


REFERENCES = [
    *_tr38811_references(),
    Reference("bjornson2020-fig5-n-star-at-10-corrected",
              "EE-optimal number of IRS elements N* at 10 bit/s/Hz, form='corrected'", 91.05,
              _n_star_at_10("corrected"), BJORNSON2020.format(version=V2024), atol=0.005,
              units="1", note="published to two decimals; our noise power uses the script's "
                              "-174 dBm/Hz"),
    Reference("bjornson2020-fig5-n-star-at-10-as-coded",
              "EE-optimal number of IRS elements N* at 10 bit/s/Hz, form='as_coded'", 66.26,
              _n_star_at_10("as_coded"), BJORNSON2020.format(version=V2019), atol=0.005,
              units="1", note="the 2019 script omits the 1/nu of the PA efficiency"),
    Reference("bjornson2020-fig5-n-star-zero-up-to-corrected",
              "highest rate of the script's grid with N* = 0 (IRS = SISO), form='corrected'", 3.9,
              _zero_up_to("corrected"), BJORNSON2020.format(version=V2024), atol=1e-9,
              units="bit/s/Hz", note="rate grid 0.01, 0.1:0.1:10 as in the script"),
    Reference("bjornson2020-fig5-n-star-zero-up-to-as-coded",
              "highest rate of the script's grid with N* = 0 (IRS = SISO), form='as_coded'", 4.9,
              _zero_up_to("as_coded"), BJORNSON2020.format(version=V2019), atol=1e-9,
              units="bit/s/Hz", note="rate grid 0.01, 0.1:0.1:10 as in the script"),
    Reference("wu-zhang2020-eta-1bit", "quantisation loss of 1-bit phases, eta(1) = 4/pi^2",
              4 / math.pi**2, _eta1,
              "Q. Wu, R. Zhang, IEEE Trans. Commun. 68(3):1838-1851, 2020, Lemma 1 "
              "(eta(b) = (sin(pi/2^b)/(pi/2^b))^2), doi:10.1109/TCOMM.2019.2958916",
              rtol=1e-12, units="1"),
    Reference("tang2021-cos3-element-gain",
              "gain of the cos^3 unit-cell pattern, G = 4 pi / integral of F (= 9.03 dBi)", 8.0,
              _cos3_gain, "W. Tang et al., IEEE Trans. Wireless Commun. 20(1):421-439, 2021, "
              "doi:10.1109/TWC.2020.3024887 (definition of G and the cos^3 pattern)",
              rtol=1e-12, units="1",
              note="the definition integrated numerically; equals our element_gain('tang')"),
]
