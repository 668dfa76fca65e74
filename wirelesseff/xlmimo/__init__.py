r"""XL-MIMO: energy-efficient massive and extra-large MIMO design.

Björnson et al. (IEEE TWC 2015) :mod:`~wirelesseff.xlmimo.bjornson2015`
    ZF energy efficiency with perfect/imperfect CSI, Theorems 1-3, the alternating optimisation
    (:func:`optimize_zf`: M* = 165, K* = 104, 30.74 Mbit/J), MRT by Monte-Carlo. The Table-2
    preset and the Table-1 power coefficients live in :mod:`wirelesseff.power.bjornson2015` and
    are re-exported here.
Lambert-W laws :mod:`~wirelesseff.xlmimo.lambertw`
    EE-optimal number of antennas and single-link spectral efficiency.
Rates :mod:`~wirelesseff.xlmimo.rates`
    MR/ZF uplink SE: closed-form lower bounds and a numba Monte-Carlo with a NumPy reference.
Near-field rates :mod:`~wirelesseff.xlmimo.nearfield_mc`
    MR/ZF/MMSE SINRs of users in the near field of a large UPA, exact spherical-wave
    line-of-sight channels, optional visibility regions (numba kernel, NumPy reference).
Mid-band :mod:`~wirelesseff.xlmimo.midband` [reconstruction]
    EE of digital and hybrid XL-MIMO base stations at 7-24 GHz (TR 38.901 path loss,
    component-level power model, pluggable throughput); not the model of J. Tian et al.
    (arXiv:2512.12725).
Technologies :mod:`~wirelesseff.xlmimo.technology` [reconstruction]
    Sub-6 GHz massive MIMO, mmWave hybrid and mid-band XL-MIMO presets through one EE model;
    the downlink EE of the FR3 base-station power model (arXiv:2510.10647).

The near-field gain functions (:mod:`wirelesseff.channel.nearfield`) and the XL-MIMO power
model (:mod:`wirelesseff.power`) used here are re-exported for convenience.
"""

from __future__ import annotations

from ..channel.nearfield import (
    beam_depth_3db,
    farfield_beamforming_gain,
    farfield_beamforming_gain_exact,
    fraunhofer_distance,
    planar_array_gain,
    planar_array_gain_farfield,
    upa_diagonal,
)
from ..power.baseband import baseband_gops, baseband_power
from ..power.bjornson2015 import (
    Bjornson2015Params,
    PowerCoefficients,
    bjornson2015_circuit_power,
    bjornson2015_params,
    bjornson2015_total_power,
    power_coefficients,
)
from ..power.book import book_circuit_power, massive_mimo_book_vs1, massive_mimo_book_vs2
from ..power.composite import PowerBreakdown, XLMIMOPowerParams, xlmimo_bs_power
from ..power.fr3 import FR3Params, fr3_bs_power, fr3_params
from .bjornson2015 import (
    MRTMonteCarloResult,
    ZFOptimum,
    alpha_opt_zf,
    ee_mrt_montecarlo,
    ee_zf,
    ee_zf_imperfect,
    optimal_k_theorem1,
    optimal_m_theorem2,
    optimize_zf,
    rf_power_zf,
    sinr_zf_imperfect,
    sum_rate_zf,
)
from .lambertw import optimal_antenna_count, optimal_se_single_link
from .midband import (
    MidbandResult,
    architecture_gain,
    average_inverse_gain,
    midband_ee,
    upa_element_count,
)
from .nearfield_mc import (
    NearFieldGram,
    nearfield_gram,
    nearfield_se_montecarlo,
    nearfield_sinr,
)
from .rates import MCResult, se_montecarlo, se_mr, se_zf
from .technology import (
    TechnologyPreset,
    ee_at_rate,
    fr3_downlink_ee,
    midband_xlmimo_preset,
    mmwave_hybrid_preset,
    sub6_massive_mimo_preset,
    technology_presets,
)

__all__ = [
    # Björnson et al. 2015
    "Bjornson2015Params",
    "MRTMonteCarloResult",
    "PowerCoefficients",
    "ZFOptimum",
    "alpha_opt_zf",
    "bjornson2015_circuit_power",
    "bjornson2015_params",
    "bjornson2015_total_power",
    "ee_mrt_montecarlo",
    "ee_zf",
    "ee_zf_imperfect",
    "optimal_k_theorem1",
    "optimal_m_theorem2",
    "optimize_zf",
    "power_coefficients",
    "rf_power_zf",
    "sinr_zf_imperfect",
    "sum_rate_zf",
    # Lambert-W laws
    "optimal_antenna_count",
    "optimal_se_single_link",
    # rates
    "MCResult",
    "se_montecarlo",
    "se_mr",
    "se_zf",
    # near-field Monte-Carlo rates
    "NearFieldGram",
    "nearfield_gram",
    "nearfield_se_montecarlo",
    "nearfield_sinr",
    # mid-band [reconstruction]
    "MidbandResult",
    "architecture_gain",
    "average_inverse_gain",
    "midband_ee",
    "upa_element_count",
    # technology comparison and FR3 downlink EE [reconstruction]
    "TechnologyPreset",
    "ee_at_rate",
    "fr3_downlink_ee",
    "midband_xlmimo_preset",
    "mmwave_hybrid_preset",
    "sub6_massive_mimo_preset",
    "technology_presets",
    # re-exported from the common layers
    "FR3Params",
    "PowerBreakdown",
    "XLMIMOPowerParams",
    "baseband_gops",
    "baseband_power",
    "beam_depth_3db",
    "book_circuit_power",
    "fr3_bs_power",
    "fr3_params",
    "farfield_beamforming_gain",
    "farfield_beamforming_gain_exact",
    "fraunhofer_distance",
    "massive_mimo_book_vs1",
    "massive_mimo_book_vs2",
    "planar_array_gain",
    "planar_array_gain_farfield",
    "upa_diagonal",
    "xlmimo_bs_power",
]
