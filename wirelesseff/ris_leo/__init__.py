r"""Double-RIS-assisted LEO satellite uplink: path loss, phase design, power and EE.

**Reconstruction.** Target paper: K. S. Sanila, R. Nilsson, E. Ibrahim, N. Rajamohan,
"Low-Power Double RIS-Assisted Mobile LEO Satellite Communications", IEEE WCNC 2025,
doi:10.1109/WCNC61545.2025.10978773, arXiv:2512.02255. Only its abstract was available: one
small RIS in the near field of the satellite antenna, another near the user, a far-field hop
between them. The models here rebuild that system from established models (Tang et al. 2021;
Björnson et al. 2020; Abdi et al. 2003; 3GPP TR 38.811; Wu & Zhang; Han et al.; Zheng et al.);
every default is configurable and documented with its source or "assumed". See
``docs/ris_leo.md``.

Submodules
----------
:mod:`~wirelesseff.ris_leo.pathloss`
    Tang's single-RIS model (near and far field), capture fraction, double-RIS path loss.
:mod:`~wirelesseff.ris_leo.link`
    The LEO uplink (UT → RIS_u → satellite → RIS_s → feed), :class:`LeoLinkParams`.
:mod:`~wirelesseff.ris_leo.phases`
    Closed-form, discrete, alternating (double RIS) and SDR phase design.
:mod:`~wirelesseff.ris_leo.power`
    RIS power models, required transmit power, EE-optimal element count and power.
:mod:`~wirelesseff.ris_leo.passes`
    EE along an overhead pass.
:mod:`~wirelesseff.ris_leo.relay`
    The IRS-versus-relaying set-up of Björnson et al. (2020), TR 36.814 urban-micro path loss.

The LEO geometry, Doppler and TR 38.811 losses live in :mod:`wirelesseff.channel.ntn`.
"""

from __future__ import annotations

from ..channel.nearfield import planar_array_gain
from .link import (
    CONFIG_LABELS,
    CONFIGS,
    LeoLinkParams,
    LinkGain,
    link_path_gain,
    link_snr,
    required_uplink_power,
    ris_powers,
)
from .passes import MAX_TIME_STEPS, ee_along_pass, long_hop_gain
from .pathloss import (
    MAX_ELEMENT_PAIRS,
    MAX_RIS_ELEMENTS,
    LinkAntennas,
    RISSurface,
    capture_fraction,
    double_ris_path_loss,
    element_gain,
    element_pattern,
    feed_focusing_sum,
    pattern_gain,
    ris_side_count,
    tang_path_loss,
)
from .phases import (
    MAX_PHASE_BITS,
    MAX_RANDOMIZATIONS,
    MAX_SDR_ELEMENTS,
    MAX_SWEEPS,
    DoubleRISResult,
    SDRResult,
    alternating_double_ris,
    discrete_refinement,
    optimal_phases,
    quantization_loss,
    quantize_phases,
    sdr_phases,
)
from .power import (
    ASSUMED_LOW_BIT_RIS_ELEMENT_POWER,
    HUANG2019_RIS_ELEMENT_POWER,
    LEO_RIS_ELEMENT_POWER,
    RISPowerModel,
    bjornson2020_energy_efficiency,
    ee_optimal_power,
    energy_efficiency,
    optimal_element_count,
    required_transmit_power,
    total_power,
)
from .relay import Bjornson2020Setup, tr36814_umi_path_loss_db

__all__ = [
    "ASSUMED_LOW_BIT_RIS_ELEMENT_POWER",
    "CONFIGS",
    "CONFIG_LABELS",
    "Bjornson2020Setup",
    "HUANG2019_RIS_ELEMENT_POWER",
    "LEO_RIS_ELEMENT_POWER",
    "MAX_ELEMENT_PAIRS",
    "MAX_PHASE_BITS",
    "MAX_RANDOMIZATIONS",
    "MAX_RIS_ELEMENTS",
    "MAX_SDR_ELEMENTS",
    "MAX_SWEEPS",
    "MAX_TIME_STEPS",
    "DoubleRISResult",
    "LeoLinkParams",
    "LinkAntennas",
    "LinkGain",
    "RISPowerModel",
    "RISSurface",
    "SDRResult",
    "alternating_double_ris",
    "bjornson2020_energy_efficiency",
    "capture_fraction",
    "discrete_refinement",
    "double_ris_path_loss",
    "ee_along_pass",
    "ee_optimal_power",
    "element_gain",
    "element_pattern",
    "energy_efficiency",
    "feed_focusing_sum",
    "link_path_gain",
    "link_snr",
    "long_hop_gain",
    "optimal_element_count",
    "optimal_phases",
    "pattern_gain",
    "planar_array_gain",
    "quantization_loss",
    "quantize_phases",
    "required_transmit_power",
    "required_uplink_power",
    "ris_powers",
    "ris_side_count",
    "sdr_phases",
    "tang_path_loss",
    "total_power",
    "tr36814_umi_path_loss_db",
]
