r"""Network-level energy efficiency: deployments, load- and sleep-aware power, switch-off.

A fifth module on the common layers (channel, power, optimize, sweep): how many base stations,
how loaded, how asleep, and what that does to bit/J and W/km^2 over a day.

Deployments and drops (:mod:`~wirelesseff.network.layout`, :mod:`~wirelesseff.network.drop`)
    Hexagonal (optionally 3-sector) and PPP deployments on a torus, user layouts, association
    (strongest biased mean power) and downlink SINR at scale (:func:`simulate_drop`: 10^4
    cells and 10^5 users in seconds, k-d tree, bounded memory).
Link model (:mod:`~wirelesseff.network.radio`)
    :class:`LinkModel`: power law, free space, TR 38.901 UMa/UMi, log-normal shadowing,
    Rayleigh fading, 3GPP sector pattern; per-link keyed randomness.
Loads and rates (:mod:`~wirelesseff.network.load`)
    Gap/cap spectral efficiency, per-cell load, per-user and per-cell throughput.
Stochastic geometry (:mod:`~wirelesseff.network.stochastic`)
    :func:`coverage_probability_ppp`, :func:`mean_rate_ppp` (Andrews, Baccelli, Ganti 2011)
    and :func:`monte_carlo_coverage` on the drop machinery.
Power, metrics and policies
    EARTH cell power with TR 38.864 or EARTH sleep, area power/throughput/EE, the daily
    profile, always-on / sleep / greedy switch-off, energy per day
    (:mod:`~wirelesseff.network.energy`, :mod:`~wirelesseff.network.policies`,
    :mod:`~wirelesseff.network.traffic`).
Snapshots as datasets (:mod:`~wirelesseff.network.evaluate`)
    :func:`evaluate_network`, :func:`ppp_network_point` (sweep-ready).

See ``docs/network.md`` for every equation and its source.
"""

from __future__ import annotations

from .drop import (
    DEFAULT_BANDWIDTH,
    DEFAULT_NOISE_FIGURE_DB,
    MAX_PAIRS_PER_BLOCK,
    Drop,
    default_cutoff_radius,
    simulate_drop,
)
from .energy import (
    DEFAULT_BURST_DURATION,
    DEFAULT_COMMON_SIGNAL_PERIOD,
    POWER_MODES,
    CellPowerModel,
    area_metrics,
    cell_power_model,
)
from .evaluate import SCALAR_UNITS, evaluate_network, ppp_network_point
from .layout import (
    MAX_BASE_STATIONS,
    MAX_USERS,
    SECTOR_AZIMUTHS_DEG,
    Deployment,
    hex_deployment,
    ppp_deployment,
    ppp_users,
    stack_tiers,
    torus_displacement,
    uniform_users,
    users_per_cell,
)
from .load import CellLoads, cell_loads, link_spectral_efficiency
from .policies import (
    POLICIES,
    POLICY_UNITS,
    SwitchOffResult,
    compare_policies,
    daily_energy,
    greedy_switch_off,
)
from .radio import PATH_LOSS_MODELS, LinkModel, link_uniforms, sector_gain_db
from .stochastic import (
    coverage_probability_ppp,
    default_window,
    mean_rate_ppp,
    monte_carlo_coverage,
    ppp_rho,
)
from .traffic import EARTH_DAILY_PROFILE, daily_profile, hourly_demand

__all__ = [
    # layouts
    "MAX_BASE_STATIONS",
    "MAX_USERS",
    "SECTOR_AZIMUTHS_DEG",
    "Deployment",
    "hex_deployment",
    "ppp_deployment",
    "ppp_users",
    "stack_tiers",
    "torus_displacement",
    "uniform_users",
    "users_per_cell",
    # link model
    "PATH_LOSS_MODELS",
    "LinkModel",
    "link_uniforms",
    "sector_gain_db",
    # drop
    "DEFAULT_BANDWIDTH",
    "DEFAULT_NOISE_FIGURE_DB",
    "MAX_PAIRS_PER_BLOCK",
    "Drop",
    "default_cutoff_radius",
    "simulate_drop",
    # loads and rates
    "CellLoads",
    "cell_loads",
    "link_spectral_efficiency",
    # stochastic geometry
    "coverage_probability_ppp",
    "default_window",
    "mean_rate_ppp",
    "monte_carlo_coverage",
    "ppp_rho",
    # power and metrics
    "DEFAULT_BURST_DURATION",
    "DEFAULT_COMMON_SIGNAL_PERIOD",
    "POWER_MODES",
    "CellPowerModel",
    "area_metrics",
    "cell_power_model",
    # snapshots
    "SCALAR_UNITS",
    "evaluate_network",
    "ppp_network_point",
    # traffic and policies
    "EARTH_DAILY_PROFILE",
    "daily_profile",
    "hourly_demand",
    "POLICIES",
    "POLICY_UNITS",
    "SwitchOffResult",
    "compare_policies",
    "daily_energy",
    "greedy_switch_off",
]
