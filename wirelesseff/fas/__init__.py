r"""Fluid-antenna systems (FAS): port channels, outage, energy harvesting, WET efficiency.

Sub-modules
-----------
:mod:`~wirelesseff.fas.channels`
    Port positions, Jakes / Wong / constant / block correlation, samplers (also Gauss-Markov
    sequences).
:mod:`~wirelesseff.fas.outage`
    Single-user outage probability: quadrature (constant, block, Wong, independent) and Monte
    Carlo (exact Jakes, numba kernel).
:mod:`~wirelesseff.fas.harvesting`
    Linear and logistic (Boshkovska 2015) energy-harvesting models.
:mod:`~wirelesseff.fas.wet`
    Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147): WET efficiency of a
    transmit-side FAS with one data and one energy receiver; closed-form oracle, Dinkelbach with
    SDR or FPP-SCA inner solvers.
:mod:`~wirelesseff.fas.ports`
    Port selection (exhaustive, greedy, alternating) for separate (TA) and subset (TB)
    architectures.
:mod:`~wirelesseff.fas.switching`
    Port-switching delay/energy models (*reconstruction*).
:mod:`~wirelesseff.fas.longterm`
    Switching-aware long-term policies (fixed, random, myopic, hysteresis, drift-plus-penalty
    with a configurable energy constraint) and metrics.
:mod:`~wirelesseff.fas.evaluation`
    Monte-Carlo comparison of port selection with fixed-position baselines.
:mod:`~wirelesseff.fas.swipt`
    Variant B: multiuser SWIPT sum-rate energy efficiency with FAS port selection.

See ``docs/fas.md`` for the model, the equations, and what is a reconstruction.
"""

from .channels import (
    BLOCK_MU2,
    CHANNEL_MODELS,
    block_sizes,
    constant_correlation_mu2,
    correlation_factor,
    frame_correlation,
    jakes_correlation,
    planar_jakes_correlation,
    port_positions,
    sample_port_channel_sequence,
    sample_port_channels,
)
from .evaluation import (
    VARIANT_LABELS,
    mean_stderr,
    monte_carlo_wet_efficiency,
    summarize_wet_draws,
    wet_summary_metadata,
)
from .harvesting import (
    DEFAULT_EH_EFFICIENCY,
    LinearEH,
    LogisticEH,
    boshkovska2015,
    default_eh_model,
    logistic_alt,
)
from .longterm import (
    DriftPlusPenaltyPolicy,
    EnergyConstraint,
    FixedPortPolicy,
    HysteresisPolicy,
    MyopicPolicy,
    RandomPortPolicy,
    long_term_metrics,
    simulate_long_term,
)
from .outage import monte_carlo_outage, outage_probability
from .ports import (
    PortSearch,
    PortSelectionResult,
    fixed_position_ports,
    optimize_ports_and_beam,
    select_ports,
)
from .swipt import (
    SwiptEEResult,
    SwiptOptions,
    min_power_port_score,
    optimize_swipt_ee,
    select_receive_ports,
    swipt_ee,
)
from .switching import NO_SWITCH, SwitchEvent, SwitchingCost
from .wet import (
    WetResult,
    default_power_model,
    max_harvested_power,
    optimize_wet_efficiency,
    pareto_beamformer,
    wet_efficiency,
)

__all__ = [
    "BLOCK_MU2",
    "DEFAULT_EH_EFFICIENCY",
    "PortSearch",
    "VARIANT_LABELS",
    "mean_stderr",
    "min_power_port_score",
    "monte_carlo_wet_efficiency",
    "summarize_wet_draws",
    "wet_summary_metadata",
    "default_eh_model",
    "DriftPlusPenaltyPolicy",
    "EnergyConstraint",
    "RandomPortPolicy",
    "FixedPortPolicy",
    "HysteresisPolicy",
    "MyopicPolicy",
    "long_term_metrics",
    "simulate_long_term",
    "CHANNEL_MODELS",
    "NO_SWITCH",
    "LinearEH",
    "LogisticEH",
    "PortSelectionResult",
    "SwiptEEResult",
    "SwiptOptions",
    "SwitchEvent",
    "SwitchingCost",
    "WetResult",
    "block_sizes",
    "boshkovska2015",
    "constant_correlation_mu2",
    "correlation_factor",
    "default_power_model",
    "fixed_position_ports",
    "frame_correlation",
    "jakes_correlation",
    "logistic_alt",
    "max_harvested_power",
    "monte_carlo_outage",
    "optimize_ports_and_beam",
    "optimize_wet_efficiency",
    "outage_probability",
    "pareto_beamformer",
    "planar_jakes_correlation",
    "port_positions",
    "sample_port_channel_sequence",
    "sample_port_channels",
    "optimize_swipt_ee",
    "select_ports",
    "select_receive_ports",
    "swipt_ee",
    "wet_efficiency",
]
