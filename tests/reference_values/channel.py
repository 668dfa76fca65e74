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
