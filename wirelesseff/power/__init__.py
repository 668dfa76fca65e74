r"""Power-consumption layer: components, composite models and presets named after their source.

Components (:mod:`~wirelesseff.power.components`)
    PA models (constant, Doherty/class B, Holtkamp, back-off), ADC/DAC, RF-chain presets,
    phase shifters, supply/cooling losses, rate-proportional terms.
Björnson et al. 2015 (:mod:`~wirelesseff.power.bjornson2015`)
    Table 2 preset and the Eq. (19) circuit-power model (ZF, MRT/MRC, MMSE).
Book model (:mod:`~wirelesseff.power.book`)
    *Massive MIMO Networks* Sec. 5.4 circuit power, value sets 1 and 2.
EARTH (:mod:`~wirelesseff.power.earth`) and Holtkamp (:mod:`~wirelesseff.power.holtkamp`)
    Base-station site models.
Baseband (:mod:`~wirelesseff.power.baseband`)
    GOPS counts and processing power [reconstruction].
Composite (:mod:`~wirelesseff.power.composite`)
    XL-MIMO base station [reconstruction], affine model, RIS-link total power.
3GPP TR 38.864 (:mod:`~wirelesseff.power.tr38864`)
    Network-energy-saving BS model: relative power per state, sleep transitions.
FR3 (:mod:`~wirelesseff.power.fr3`)
    Upper mid-band (7-24 GHz) base station by component and phase (data, signalling,
    micro-sleep, idle; DL and UL) [reconstruction of arXiv:2510.10647].
RIS (:mod:`~wirelesseff.power.ris`)
    Passive and active RIS element power.

All powers are in W, energies per bit in J/bit, rates in bit/s.
"""

from __future__ import annotations

from .baseband import (
    DEFAULT_SCS,
    DFE_OPS_PER_SAMPLE,
    FFT_OPS_PER_POINT,
    FS_PER_BANDWIDTH,
    baseband_gops,
    baseband_gops_terms,
    baseband_power,
    default_numerology,
)
from .bjornson2015 import (
    Bjornson2015Params,
    PowerCoefficients,
    bjornson2015_circuit_power,
    bjornson2015_params,
    bjornson2015_total_power,
    power_coefficients,
)
from .book import (
    BOOK_SCHEMES,
    BookCPParams,
    CPBreakdown,
    book_circuit_power,
    book_effective_transmit_power,
    book_flop_rate,
    massive_mimo_book_vs1,
    massive_mimo_book_vs2,
)
from .components import (
    PHASE_SHIFTER_POWER_TTD_HBF,
    RFComponents,
    apply_cooling,
    apply_supply_losses,
    backhaul_power,
    coding_power,
    dac_power,
    doherty_efficiency,
    holtkamp_pa_efficiency,
    pa_backoff_efficiency,
    pa_power_constant,
    pa_power_doherty,
    pa_power_holtkamp,
    phase_shifter_power,
    rate_power,
    rf_components_parvini,
    rf_components_ttd_hbf,
    walden_adc_power,
)
from .composite import (
    AffinePowerModel,
    PowerBreakdown,
    XLMIMOPowerParams,
    fas_reconstruction_defaults,
    total_power,
    xlmimo_bs_power,
)
from .earth import EARTH_BS_TYPES, EarthParams, earth_params, earth_power
from .fr3 import FR3_ARCHITECTURES, FR3Breakdown, FR3Params, fr3_bs_power, fr3_params
from .holtkamp import (
    HoltkampParams,
    holtkamp_macro,
    holtkamp_sector_breakdown,
    holtkamp_sector_power,
    holtkamp_site_power,
)
from .ris import (
    ACTIVE_RIS_P_DC_DBM,
    ACTIVE_RIS_P_SW_DBM,
    BJORNSON2020_RIS_ELEMENT_POWER,
    HUANG2019_RIS_ELEMENT_POWER,
    active_ris_element_power,
    active_ris_power,
    passive_ris_power,
    ris_element_power,
)
from .tr38864 import (
    TR38864_SLEEP_STATES,
    TR38864_STATES,
    TR38864Params,
    tr38864_average_power,
    tr38864_dl_power,
    tr38864_idle_energy,
    tr38864_params,
    tr38864_sleep_state,
)

__all__ = [
    # Björnson et al. 2015 (Table 2 preset and Eq. 19 power model)
    "Bjornson2015Params",
    "PowerCoefficients",
    "bjornson2015_circuit_power",
    "bjornson2015_params",
    "bjornson2015_total_power",
    "power_coefficients",
    # components
    "PHASE_SHIFTER_POWER_TTD_HBF",
    "RFComponents",
    "apply_cooling",
    "apply_supply_losses",
    "backhaul_power",
    "coding_power",
    "dac_power",
    "doherty_efficiency",
    "holtkamp_pa_efficiency",
    "pa_backoff_efficiency",
    "pa_power_constant",
    "pa_power_doherty",
    "pa_power_holtkamp",
    "phase_shifter_power",
    "rate_power",
    "rf_components_parvini",
    "rf_components_ttd_hbf",
    "walden_adc_power",
    # book
    "BOOK_SCHEMES",
    "BookCPParams",
    "CPBreakdown",
    "book_circuit_power",
    "book_effective_transmit_power",
    "book_flop_rate",
    "massive_mimo_book_vs1",
    "massive_mimo_book_vs2",
    # EARTH, Holtkamp
    "EARTH_BS_TYPES",
    "EarthParams",
    "earth_params",
    "earth_power",
    "HoltkampParams",
    "holtkamp_macro",
    "holtkamp_sector_breakdown",
    "holtkamp_sector_power",
    "holtkamp_site_power",
    # baseband
    "DEFAULT_SCS",
    "DFE_OPS_PER_SAMPLE",
    "FFT_OPS_PER_POINT",
    "FS_PER_BANDWIDTH",
    "baseband_gops",
    "baseband_gops_terms",
    "baseband_power",
    "default_numerology",
    # composite
    "AffinePowerModel",
    "PowerBreakdown",
    "XLMIMOPowerParams",
    "fas_reconstruction_defaults",
    "total_power",
    "xlmimo_bs_power",
    # 3GPP TR 38.864 (sleep states)
    "TR38864_SLEEP_STATES",
    "TR38864_STATES",
    "TR38864Params",
    "tr38864_average_power",
    "tr38864_dl_power",
    "tr38864_idle_energy",
    "tr38864_params",
    "tr38864_sleep_state",
    # FR3 base station [reconstruction]
    "FR3_ARCHITECTURES",
    "FR3Breakdown",
    "FR3Params",
    "fr3_bs_power",
    "fr3_params",
    # RIS
    "ACTIVE_RIS_P_DC_DBM",
    "ACTIVE_RIS_P_SW_DBM",
    "BJORNSON2020_RIS_ELEMENT_POWER",
    "HUANG2019_RIS_ELEMENT_POWER",
    "active_ris_element_power",
    "active_ris_power",
    "passive_ris_power",
    "ris_element_power",
]
