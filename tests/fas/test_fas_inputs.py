"""Bad input to every public callable of wirelesseff.fas gives a clear error naming the parameter.

NaN/inf where a finite value is required and out-of-range values raise ``ValueError``; strings,
complex numbers or objects where a real number is expected raise ``TypeError``; integer sizes,
counts and iteration limits have documented upper bounds that are checked before anything is
allocated (so a huge value fails at once instead of hanging or exhausting memory).
"""

from __future__ import annotations

import time

import numpy as np
import pytest

import wirelesseff.fas as fas
from wirelesseff.fas import (
    DriftPlusPenaltyPolicy,
    EnergyConstraint,
    FixedPortPolicy,
    HysteresisPolicy,
    LinearEH,
    LogisticEH,
    MyopicPolicy,
    PortSearch,
    RandomPortPolicy,
    SwiptOptions,
    SwitchEvent,
    SwitchingCost,
)

S2 = 1e-3
H2 = np.array([1.0 + 0.5j, 0.3 - 0.2j])
G2 = np.array([0.4, 1.0 + 0.1j])
GD = np.array([[1.0, 0.2, 0.1], [0.3, 1.0, 0.1]]) * 10
GE = np.array([[0.1, 0.2, 1.5], [0.2, 0.1, 1.2]])
SEQ = np.stack([GD, GD * 0.9])
HI = np.array([[1.0, 0.5], [0.2, 1.0]])
GEN = np.array([[0.3, 0.1]])


TRACE = fas.simulate_long_term(MyopicPolicy(), SEQ, SEQ, 1.0, S2)


DRAWS = {"fas": np.array([1.0, 2.0]), "rate_fas": np.array([3.0, 3.0])}


class _Obj:
    """An object of no expected type."""


# (callable, valid keyword arguments, parameter, bad value, exception)
BAD = [
    # channels
    (fas.port_positions, dict(n_ports=4, aperture_wl=1.0), "n_ports", 10**12, ValueError),
    (fas.port_positions, dict(n_ports=4, aperture_wl=1.0), "n_ports", 1e308, ValueError),
    (fas.port_positions, dict(n_ports=4, aperture_wl=1.0), "aperture_wl", np.nan, ValueError),
    (fas.port_positions, dict(n_ports=4, aperture_wl=1.0), "aperture_wl", "1.0", TypeError),
    (fas.port_positions, dict(n_ports=4, aperture_wl=1.0), "aperture_wl", np.array([]),
     TypeError),
    (fas.port_positions, dict(n_ports=4, aperture_wl=1.0), "wavelength_m", np.inf, ValueError),
    (fas.jakes_correlation, dict(n_ports=4, aperture_wl=1.0), "n_ports", 124_581, ValueError),
    (fas.jakes_correlation, dict(n_ports=4, aperture_wl=1.0), "aperture_wl", 1e308,
     ValueError),
    (fas.planar_jakes_correlation, dict(n_ports_x=2, n_ports_y=2, aperture_x_wl=1.0,
                                        aperture_y_wl=1.0), "n_ports_x", 3000, ValueError),
    (fas.planar_jakes_correlation, dict(n_ports_x=2, n_ports_y=2, aperture_x_wl=1.0,
                                        aperture_y_wl=1.0), "aperture_y_wl", 1j, TypeError),
    (fas.constant_correlation_mu2, dict(aperture_wl=1.0), "aperture_wl", 1e308, ValueError),
    (fas.constant_correlation_mu2, dict(aperture_wl=1.0), "aperture_wl", _Obj(), TypeError),
    (fas.block_sizes, dict(n_ports=10, aperture_wl=1.0), "n_ports", 10**12, ValueError),
    (fas.block_sizes, dict(n_ports=10, aperture_wl=1.0), "mu2", np.array([]), TypeError),
    (fas.correlation_factor, dict(n_ports=4, aperture_wl=1.0), "aperture_wl", np.inf,
     ValueError),
    (fas.correlation_factor, dict(n_ports=2, aperture_wl=1.0), "correlation",
     np.array([["a", "b"], ["c", "d"]]), TypeError),
    (fas.frame_correlation, dict(doppler_hz=2.0, frame_s=0.01), "doppler_hz", np.inf,
     ValueError),
    (fas.frame_correlation, dict(doppler_hz=2.0, frame_s=1e300), "doppler_hz", 1e300,
     ValueError),
    (fas.sample_port_channels, dict(n_ports=4, aperture_wl=1.0, size=(3,)), "size", (10**12,),
     ValueError),
    (fas.sample_port_channels, dict(n_ports=4, aperture_wl=1.0, size=(3,)), "size", 2.5,
     TypeError),
    (fas.sample_port_channels, dict(n_ports=4, aperture_wl=1.0), "block_mu2", np.array([]),
     TypeError),
    (fas.sample_port_channel_sequence, dict(n_ports=4, aperture_wl=1.0, n_frames=3, rho_t=0.9),
     "n_frames", 10**12, ValueError),
    (fas.sample_port_channel_sequence, dict(n_ports=4, aperture_wl=1.0, n_frames=3, rho_t=0.9),
     "rho_t", np.nan, ValueError),
    # outage
    (fas.outage_probability, dict(threshold=1.0, n_ports=4, aperture_wl=1.0), "threshold",
     np.inf, ValueError),
    (fas.outage_probability, dict(threshold=1.0, n_ports=4, aperture_wl=1.0), "mean_snr",
     "10", TypeError),
    (fas.outage_probability, dict(threshold=1.0, n_ports=4, aperture_wl=1.0), "n_ports",
     10**12, ValueError),
    (fas.monte_carlo_outage, dict(threshold=1.0, n_ports=4, aperture_wl=1.0, n_samples=100),
     "n_samples", 10**12, ValueError),
    (fas.monte_carlo_outage, dict(threshold=1.0, n_ports=4, aperture_wl=1.0, n_samples=100),
     "chunk", 10**12, ValueError),
    (fas.monte_carlo_outage, dict(threshold=1.0, n_ports=4, aperture_wl=1.0, n_samples=100),
     "return_stderr", np.nan, TypeError),
    # harvesting
    (LinearEH, dict(efficiency=0.5), "efficiency", np.nan, ValueError),
    (LogisticEH, dict(a=150.0, b=0.014, m_sat=0.024), "a", np.inf, ValueError),
    (LogisticEH, dict(a=150.0, b=0.014, m_sat=0.024), "m_sat", "0.02", TypeError),
    (LogisticEH, dict(a=150.0, b=0.014, m_sat=0.024), "source_verified", np.nan, TypeError),
    # wet
    (fas.wet_efficiency, dict(p_harvested=0.01, p_total=2.0), "p_harvested", np.inf,
     ValueError),
    (fas.wet_efficiency, dict(p_harvested=0.01, p_total=2.0), "delay_s", 1j, TypeError),
    (fas.wet_efficiency, dict(p_harvested=0.01, p_total=2.0), "frame_s", np.inf, ValueError),
    (fas.max_harvested_power, dict(h_d=H2, h_e=G2, p_tx=1.0, sinr_min=1.0, noise_power=S2),
     "h_e", np.array([np.nan, 1.0]), ValueError),
    (fas.max_harvested_power, dict(h_d=H2, h_e=G2, p_tx=1.0, sinr_min=1.0, noise_power=S2),
     "h_d", "abc", TypeError),
    (fas.max_harvested_power, dict(h_d=H2, h_e=G2, p_tx=1.0, sinr_min=1.0, noise_power=S2),
     "p_tx", np.inf, ValueError),
    (fas.max_harvested_power, dict(h_d=H2, h_e=G2, p_tx=1.0, sinr_min=1.0, noise_power=S2),
     "sinr_min", 1j, TypeError),
    (fas.pareto_beamformer, dict(h_d=H2, h_e=G2, p_tx=1.0, theta=0.1), "theta", np.nan,
     ValueError),
    (fas.pareto_beamformer, dict(h_d=H2, h_e=G2, p_tx=1.0, theta=0.1), "p_tx", -1.0,
     ValueError),
    (fas.pareto_beamformer, dict(h_d=H2, h_e=G2, p_tx=1.0, theta=0.1), "h_d", np.array([]),
     ValueError),
    (fas.optimize_wet_efficiency, dict(h_d=H2, h_e=G2, p_max=1.0, sinr_min=1.0,
                                       noise_power=S2), "max_iter", 10**12, ValueError),
    (fas.optimize_wet_efficiency, dict(h_d=H2, h_e=G2, p_max=1.0, sinr_min=1.0,
                                       noise_power=S2), "n_randomizations", 10**12, ValueError),
    (fas.optimize_wet_efficiency, dict(h_d=H2, h_e=G2, p_max=1.0, sinr_min=1.0,
                                       noise_power=S2), "tol", np.inf, ValueError),
    (fas.optimize_wet_efficiency, dict(h_d=H2, h_e=G2, p_max=1.0, sinr_min=1.0,
                                       noise_power=S2), "p_max", "1.0", TypeError),
    (fas.optimize_wet_efficiency, dict(h_d=H2, h_e=G2, p_max=1.0, sinr_min=1.0,
                                       noise_power=S2), "frame_s", np.array([]), TypeError),
    (fas.optimize_wet_efficiency, dict(h_d=H2, h_e=G2, p_max=1.0, sinr_min=1.0,
                                       noise_power=S2), "h_d", np.ones(300), ValueError),
    # switching
    (SwitchEvent, dict(delay_s=1e-3, energy_j=1e-4), "delay_s", np.inf, ValueError),
    (SwitchEvent, dict(delay_s=1e-3, energy_j=1e-4), "n_moved", np.inf, ValueError),
    (SwitchingCost, dict(full_move_delay_s=1e-3, full_move_energy_j=1e-4), "full_move_delay_s",
     np.inf, ValueError),
    (SwitchingCost, dict(full_move_delay_s=1e-3, full_move_energy_j=1e-4), "positions_m",
     np.array([0.0, np.nan]), ValueError),
    # ports
    (fas.fixed_position_ports, dict(n_ports=4, n_active=2), "n_ports", 10**12, ValueError),
    (PortSearch, dict(), "max_sweeps", 10**12, ValueError),
    (PortSearch, dict(), "max_candidates", 1e308, ValueError),
    (fas.select_ports, dict(g_d=GD, g_e=GE, p_max=1.0, sinr_min=10.0, noise_power=S2),
     "g_e", np.where(GE > 1, np.inf, GE), ValueError),
    (fas.select_ports, dict(g_d=GD, g_e=GE, p_max=1.0, sinr_min=10.0, noise_power=S2),
     "noise_power", np.nan, ValueError),
    (fas.optimize_ports_and_beam, dict(g_d=GD, g_e=GE, p_max=1.0, sinr_min=10.0,
                                       noise_power=S2), "max_outer", 10**12, ValueError),
    (fas.optimize_ports_and_beam, dict(g_d=GD, g_e=GE, p_max=1.0, sinr_min=10.0,
                                       noise_power=S2), "rtol", np.array([]), TypeError),
    # long term
    (FixedPortPolicy, dict(), "kind", "middle", ValueError),
    (RandomPortPolicy, dict(), "switch_probability", np.nan, ValueError),
    (MyopicPolicy, dict(), "switching_aware", np.nan, TypeError),
    (HysteresisPolicy, dict(), "margin", np.inf, ValueError),
    (HysteresisPolicy, dict(), "margin", np.array([]), TypeError),
    (DriftPlusPenaltyPolicy, dict(), "v", np.inf, ValueError),
    (DriftPlusPenaltyPolicy, dict(), "r_min_bps", np.inf, ValueError),
    (DriftPlusPenaltyPolicy, dict(), "n_theta", 10**12, ValueError),
    (EnergyConstraint, dict(kind="total_budget", value_j=0.01), "value_j", np.nan, ValueError),
    (EnergyConstraint, dict(kind="total_budget", value_j=0.01), "kind", "daily", ValueError),
    (fas.simulate_long_term, dict(policy=MyopicPolicy(), g_d_seq=SEQ, g_e_seq=SEQ, p_max=1.0,
                                  noise_power=S2), "g_e_seq", SEQ * np.nan, ValueError),
    (fas.simulate_long_term, dict(policy=MyopicPolicy(), g_d_seq=SEQ, g_e_seq=SEQ, p_max=1.0,
                                  noise_power=S2), "bandwidth_hz", np.inf, ValueError),
    (fas.simulate_long_term, dict(policy=MyopicPolicy(), g_d_seq=SEQ, g_e_seq=SEQ, p_max=1.0,
                                  noise_power=S2), "policy", "myopic", TypeError),
    (fas.long_term_metrics, dict(trace=TRACE), "r_min_bps", np.nan, ValueError),
    (fas.long_term_metrics, dict(trace=TRACE), "e_sw_budget_j", "1", TypeError),
    (fas.long_term_metrics, dict(trace=TRACE), "energy_constraint", 0.01, TypeError),
    (fas.long_term_metrics, dict(trace=TRACE), "trace", {"efficiency": 1.0}, ValueError),
    # swipt
    (fas.optimize_swipt_ee, dict(H_info=HI, G_energy=GEN, p_max=1.0, sinr_min=1.0,
                                 e_min=0.01, noise_power=S2), "bandwidth_hz", np.inf,
     ValueError),
    (fas.optimize_swipt_ee, dict(H_info=HI, G_energy=GEN, p_max=1.0, sinr_min=1.0,
                                 e_min=0.01, noise_power=S2), "e_min", "0.01", TypeError),
    (fas.optimize_swipt_ee, dict(H_info=HI, G_energy=GEN, p_max=1.0, sinr_min=1.0,
                                 e_min=0.01, noise_power=S2), "energy_beam", 1, TypeError),
    (fas.optimize_swipt_ee, dict(H_info=HI, G_energy=GEN, p_max=1.0, sinr_min=1.0,
                                 e_min=0.01, noise_power=S2), "H_info", np.ones((300, 2)),
     ValueError),
    (SwiptOptions, dict(), "max_sca", 10**12, ValueError),
    (SwiptOptions, dict(), "n_randomizations", 10**12, ValueError),
    (SwiptOptions, dict(), "tol", np.nan, ValueError),
    (fas.swipt_ee, dict(beamformers=np.eye(2), energy_covariance=None, H_info=HI,
                        G_energy=GEN, noise_power=S2), "beamformers", np.full((2, 2), np.nan),
     ValueError),
    (fas.swipt_ee, dict(beamformers=np.eye(2), energy_covariance=None, H_info=HI,
                        G_energy=GEN, noise_power=S2), "bandwidth_hz", "1", TypeError),
    (fas.swipt_ee, dict(beamformers=np.eye(2), energy_covariance=None, H_info=HI,
                        G_energy=GEN, noise_power=S2), "energy_covariance", np.eye(3),
     ValueError),
    (fas.select_receive_ports, dict(channels=np.ones((2, 3, 2))), "channels",
     np.full((2, 3, 2), "x"), TypeError),
    # evaluation
    (fas.mean_stderr, dict(values=[1.0, 2.0]), "nonfinite_as", "0", TypeError),
    (fas.monte_carlo_wet_efficiency, dict(n_ports=2, aperture_wl=1.0, n_draws=2), "n_draws",
     10**12, ValueError),
    (fas.monte_carlo_wet_efficiency, dict(n_ports=2, aperture_wl=1.0, n_draws=2), "beta_e",
     np.array([]), TypeError),
    (fas.monte_carlo_wet_efficiency, dict(n_ports=2, aperture_wl=1.0, n_draws=2),
     "bandwidth_hz", np.inf, ValueError),
    (fas.summarize_wet_draws, dict(draws=DRAWS, variants=["fas"]), "variants", "fas",
     TypeError),
    (fas.summarize_wet_draws, dict(draws=DRAWS, variants=["fas"]), "variants", ["tb"],
     ValueError),
    (fas.summarize_wet_draws, dict(draws=DRAWS, variants=["fas"]), "draws",
     {"fas": ["a"], "rate_fas": [1.0]}, TypeError),
    (fas.wet_summary_metadata, dict(variants=["fas"]), "variants", "fas", TypeError),
    (fas.wet_summary_metadata, dict(variants=["fas"]), "rate_units", 3, TypeError),
    (fas.min_power_port_score, dict(H_full=HI, G_full=GEN, sinr_min=1.0, noise_power=S2,
                                    e_min=0.01, eh_model=fas.boshkovska2015), "e_min", 1.0,
     ValueError),
    (fas.min_power_port_score, dict(H_full=HI, G_full=GEN, sinr_min=1.0, noise_power=S2,
                                    e_min=0.01), "noise_power", np.nan, ValueError),
    (fas.min_power_port_score, dict(H_full=HI, G_full=GEN, sinr_min=1.0, noise_power=S2,
                                    e_min=0.01), "H_full", "x", TypeError),
    (fas.monte_carlo_wet_efficiency, dict(n_ports=2, aperture_wl=1.0, n_draws=2), "models",
     None, TypeError),
]


def _id(case):
    fn, _, param, bad, _ = case
    return f"{getattr(fn, '__name__', fn)}-{param}-{type(bad).__name__}"


@pytest.mark.parametrize("case", BAD, ids=[_id(c) for c in BAD])
def test_bad_input_is_a_clear_error_naming_the_parameter(case):
    fn, valid, param, bad, exc = case
    fn(**valid)  # the valid call works
    t0 = time.perf_counter()
    with pytest.raises(exc, match=param):
        fn(**dict(valid, **{param: bad}))
    assert time.perf_counter() - t0 < 2.0  # rejected up front, nothing allocated or iterated


def test_every_public_callable_has_a_bad_input_case():
    covered = {getattr(c[0], "__name__", None) for c in BAD}
    records = {"WetResult", "SwiptEEResult", "PortSelectionResult"}  # result records
    public = {n for n in fas.__all__ if callable(getattr(fas, n)) and n not in records}
    public -= {"boshkovska2015", "logistic_alt", "default_power_model", "default_eh_model"}
    assert public <= covered, sorted(public - covered)
