"""Published values of the common channel model."""

from __future__ import annotations

from . import Reference

NS3 = ("ns-3 ThreeGpp{Umi,Uma}PropagationLossModel test vectors "
       "(src/propagation/test/three-gpp-propagation-loss-model-test-suite.cc), "
       "an independent implementation of 3GPP TR 38.901 V16.1.0 Table 7.4.1-1; "
       "fc = 5 GHz, h_UT = 1.5 m, h_BS = 10 m (UMi) / 25 m (UMa)")

# (d_2D [m], LoS, path loss [dB])
NS3_UMI = [(10.0, True, 69.8591), (100.0, True, 88.4122), (1000.0, True, 119.3114),
           (5000.0, True, 147.2696), (10.0, False, 76.7563), (100.0, False, 107.9432),
           (1000.0, False, 143.1886), (5000.0, False, 167.8617)]
NS3_UMA = [(10.0, True, 72.9380), (100.0, True, 86.2362), (1000.0, True, 109.7252),
           (5000.0, True, 137.6794), (10.0, False, 82.5131), (100.0, False, 106.1356),
           (1000.0, False, 144.7641), (5000.0, False, 172.0753)]


def _pl(model: str, d: float, los: bool):
    from wirelesseff.channel import pathloss

    fn = pathloss.tr38901_umi if model == "umi" else pathloss.tr38901_uma
    return lambda: float(fn(d, 5e9, los=los))


REFERENCES = [
    Reference(f"ns3-tr38901-{model}-{'los' if los else 'nlos'}-{int(d)}m",
              f"TR 38.901 {model.upper()} {'LoS' if los else 'NLoS'} path loss at d_2D = {d:g} m",
              pl, _pl(model, d, los), NS3, atol=1e-4, units="dB")
    for model, table in (("umi", NS3_UMI), ("uma", NS3_UMA))
    for d, los, pl in table
]

# -- 3GPP TR 38.811 (non-terrestrial networks) -------------------------------------------------

TR38811 = "3GPP TR 38.811 V15.4.0 (2020)"

# Table 6.6.1-1: LoS probability [%] at elevation angle [deg]
TR38811_LOS = [("dense_urban", 10, 28.2), ("dense_urban", 50, 53.7), ("dense_urban", 90, 98.1),
               ("urban", 10, 24.6), ("urban", 70, 91.9), ("urban", 90, 99.2),
               ("suburban_rural", 10, 78.2), ("suburban_rural", 40, 92.9),
               ("suburban_rural", 90, 99.8)]
# Tables 6.6.2-1 (dense urban), 6.6.2-2 (urban), 6.6.2-3 (suburban/rural): shadow-fading std [dB]
TR38811_SF = [("dense_urban", "s", True, 10, 3.5), ("dense_urban", "s", False, 10, 15.5),
              ("dense_urban", "ka", False, 60, 12.6), ("dense_urban", "ka", True, 90, 0.6),
              ("urban", "s", True, 30, 4.0), ("urban", "ka", False, 80, 6.0),
              ("suburban_rural", "s", True, 10, 1.79), ("suburban_rural", "s", False, 40, 10.25),
              ("suburban_rural", "ka", False, 30, 11.2), ("suburban_rural", "ka", True, 90, 0.4)]
# the same tables: clutter loss [dB]
TR38811_CL = [("dense_urban", "s", 10, 34.3), ("dense_urban", "ka", 90, 32.9),
              ("urban", "s", 50, 26.8), ("urban", "ka", 20, 39.9),
              ("suburban_rural", "s", 10, 19.52), ("suburban_rural", "ka", 10, 29.5),
              ("suburban_rural", "ka", 50, 18.7)]
_TABLE = {"dense_urban": "6.6.2-1", "urban": "6.6.2-2", "suburban_rural": "6.6.2-3"}
_WORDS = {"dense_urban": "dense urban", "urban": "urban", "suburban_rural": "suburban/rural"}


def _ntn(fn: str, *args):
    def compute():
        import numpy as np

        from wirelesseff.channel import ntn

        scenario, deg, *rest = args
        return float(getattr(ntn, fn)(np.deg2rad(deg), scenario, *rest))

    return compute


REFERENCES += [
    Reference(f"tr38811-los-probability-{s}-{deg}deg",
              f"LoS probability, {_WORDS[s]}, elevation {deg}°", pct / 100,
              _ntn("los_probability", s, deg), f"{TR38811}, Table 6.6.1-1", rtol=1e-6,
              units="1", note="table value in %, shown as a fraction")
    for s, deg, pct in TR38811_LOS
]
REFERENCES += [
    Reference(f"tr38811-shadow-fading-{s}-{band}-{'los' if los else 'nlos'}-{deg}deg",
              f"shadow-fading std, {_WORDS[s]}, {band.upper()} band, {'LoS' if los else 'NLoS'}, "
              f"elevation {deg}°", sf, _ntn("shadow_fading_std_db", s, deg, band, los),
              f"{TR38811}, Table {_TABLE[s]}", rtol=1e-6, units="dB")
    for s, band, los, deg, sf in TR38811_SF
]
REFERENCES += [
    Reference(f"tr38811-clutter-loss-{s}-{band}-{deg}deg",
              f"clutter loss, {_WORDS[s]}, {band.upper()} band, elevation {deg}°", cl,
              _ntn("clutter_loss_db", s, deg, band), f"{TR38811}, Table {_TABLE[s]}",
              rtol=1e-6, units="dB")
    for s, band, deg, cl in TR38811_CL
]


# -- TR 38.901 LoS probability, thermal noise, near field --------------------------------------

def _los_umi():
    from wirelesseff.channel import los_probability_umi

    return float(los_probability_umi(100.0))


def _los_uma():
    from wirelesseff.channel import los_probability_uma

    return float(los_probability_uma(100.0))


def _noise_psd_dbm():
    import math

    from wirelesseff.channel import noise_power

    return 10 * math.log10(float(noise_power(1.0)) / 1e-3)


def _xi_limit():
    from wirelesseff.channel import planar_array_gain

    return float(planar_array_gain(1e20, 0.0125**2, 20.0))


BJORNSON_SANGUINETTI = ("E. Björnson, L. Sanguinetti, \"Power scaling laws and near-field "
                        "behaviors of massive MIMO and intelligent reflecting surfaces\", IEEE "
                        "Open J. Commun. Soc. 1, 2020, Eq. (27) and its limit, "
                        "doi:10.1109/OJCOMS.2020.3020925")

REFERENCES += [
    Reference("tr38901-los-probability-umi-100m", "UMi LoS probability at d_2D = 100 m",
              0.2309847, _los_umi, "3GPP TR 38.901 V16.1.0 Table 7.4.2-1 (formula evaluated by "
              "hand: 18/d + exp(-d/36)(1 - 18/d))", atol=1e-7, units="1"),
    Reference("tr38901-los-probability-uma-100m", "UMa LoS probability at d_2D = 100 m, "
              "h_UT <= 13 m", 0.3476708, _los_uma, "3GPP TR 38.901 V16.1.0 Table 7.4.2-1 "
              "(formula evaluated by hand: 18/d + exp(-d/63)(1 - 18/d))", atol=1e-7, units="1"),
    Reference("thermal-noise-psd-290k", "thermal noise power spectral density k_B T at 290 K",
              -174.0, _noise_psd_dbm, "the -174 dBm/Hz of link budgets (k_B T0, T0 = 290 K; "
              "e.g. Björnson, Hoydis, Sanguinetti, Massive MIMO Networks, 2017, "
              "doi:10.1561/2000000093)", atol=0.03, units="dBm/Hz",
              note="exact value -173.975 dBm/Hz"),
    Reference("bjornson-sanguinetti-2020-gain-limit", "planar-array channel gain for N -> "
              "infinity (N = 1e20, element area 0.0125² m², d = 20 m)", 1 / 3, _xi_limit,
              BJORNSON_SANGUINETTI, atol=1e-6, units="1",
              note="a plane intercepts at most one third of the isotropic radiation"),
]
