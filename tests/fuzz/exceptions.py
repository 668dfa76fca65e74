"""Deliberate exceptions of the public-API fuzz test, in one place, each with its reason.

``EXCEPTIONS`` maps ``(public name, parameter, verdict)`` to the reason a non-clean outcome is
intended. ``parameter`` is a parameter name or ``"*"`` (any), optionally with one adversarial
value's label (``"x=zero"``, ``"*=nan"``); ``verdict`` is a verdict or ``"*"``.
``NOT_FUZZED`` lists callables that are not fuzzed, with the reason. ``MANUAL_BASELINES`` gives
a valid call (``() -> (args, kwargs)``) for callables that have no runnable example to record
one from. ``PENDING`` names modules whose owners are still changing them on another branch:
their cases run and are reported, but do not fail the test until the entry is removed (it must
be empty once every branch has landed).
"""

from __future__ import annotations

_EXTENDED_REALS = ("dB conversions act on the extended reals (module notes of wirelesseff.units): "
                   "0 <-> -inf dB, inf <-> inf, and a dB value beyond the float range of its "
                   "linear value overflows to inf (the correctly rounded result)")
_NAN_MARKS_MISSING = ("documented: a NaN input marks an undefined grid point of a sweep and "
                      "propagates to NaN (wirelesseff.metrics and wirelesseff.units module "
                      "notes)")

_HOLTKAMP_NAN = ("documented: NaN where the PA-efficiency law of Holtkamp et al. (IEEE Commun. "
                 "Lett. 2013) is not positive (amplifiers below about 0.79 W), the model's "
                 "validity limit; an overflow is still an error")
_HOLDS_WHAT_GIVEN = ("a result container (frozen record of computed terms): it holds what it is "
                     "given, NaN included; the functions that fill it are fuzzed")

#: Result containers: records of computed values without a domain of their own.
RESULT_CONTAINERS = (
    "wirelesseff.fas.PortSelectionResult",
    "wirelesseff.fas.SwiptEEResult",
    "wirelesseff.fas.WetResult",
    "wirelesseff.network.Drop",
    "wirelesseff.network.SwitchOffResult",
    "wirelesseff.optimize.SolveResult",
    "wirelesseff.registry.Headline",
    "wirelesseff.registry.StudyInfo",
    "wirelesseff.xlmimo.ZFOptimum",
    "wirelesseff.power.CPBreakdown",
    "wirelesseff.power.FR3Breakdown",
    "wirelesseff.power.PowerBreakdown",
    "wirelesseff.ris_leo.SDRResult",
    "wirelesseff.ris_leo.DoubleRISResult",
)

EXCEPTIONS: dict[tuple[str, str, str], str] = {
    ("wirelesseff.db2lin", "x_db", "silent-inf"): _EXTENDED_REALS,
    ("wirelesseff.db2lin", "x_db", "silent-nan"): _NAN_MARKS_MISSING,
    ("wirelesseff.dbm2w", "p_dbm", "silent-inf"): _EXTENDED_REALS,
    ("wirelesseff.dbm2w", "p_dbm", "silent-nan"): _NAN_MARKS_MISSING,
    ("wirelesseff.lin2db", "x", "silent-inf"): _EXTENDED_REALS,
    ("wirelesseff.lin2db", "x", "silent-nan"): _NAN_MARKS_MISSING,
    ("wirelesseff.w2dbm", "p_w", "silent-inf"): _EXTENDED_REALS,
    ("wirelesseff.w2dbm", "p_w", "silent-nan"): _NAN_MARKS_MISSING,
    ("wirelesseff.metrics.spectral_efficiency", "sinr=nan", "silent-nan"):
        _NAN_MARKS_MISSING,
    ("wirelesseff.metrics.rate", "sinr=nan", "silent-nan"): _NAN_MARKS_MISSING,
    ("wirelesseff.metrics.energy_efficiency", "*=nan", "silent-nan"): _NAN_MARKS_MISSING,
    ("wirelesseff.channel.beam_depth_3db", "*", "silent-inf"):
        "documented: the depth is inf when the focus lies at or beyond a_3 d_F (the half-power "
        "region extends to infinity, Björnson et al., Asilomar 2021)",
}

_DOMAIN_NAN = ("documented: NaN outside the model's or bound's domain (its docstring names "
               "it, e.g. M <= K for zero-forcing, K < N for the Welch bound); inputs inside "
               "the domain that overflow are still errors")
_DOCUMENTED_INF = ("documented: +inf where the quantity is unbounded (an SNR target never met, "
                   "an infeasible SNR, no OMP recovery guarantee)")
for _name in ("noma.welch_bound", "noma.levenshtein_bound", "xlmimo.ee_zf",
              "xlmimo.ee_zf_imperfect", "xlmimo.se_zf", "xlmimo.optimal_se_single_link",
              "xlmimo.architecture_gain", "xlmimo.ee_at_rate", "xlmimo.ee_mrt_montecarlo"):
    EXCEPTIONS[(f"wirelesseff.{_name}", "*", "silent-nan")] = _DOMAIN_NAN
for _name in ("noma.omp_penalty_db", "noma.required_snr_db", "noma.transmit_power"):
    EXCEPTIONS[(f"wirelesseff.{_name}", "*", "silent-inf")] = _DOCUMENTED_INF
_UNSERVED = ("documented: a user no active cell reaches is unserved (NaN distance, -inf dB "
             "SINR), statistics over no users are NaN, and an infinite cut-off radius means "
             "the whole torus (docs/network.md)")
for _name in ("simulate_drop", "evaluate_network", "compare_policies", "daily_energy",
              "default_cutoff_radius"):
    EXCEPTIONS[(f"wirelesseff.network.{_name}", "*", "silent-nonfinite")] = _UNSERVED
_NO_FEASIBLE_PORTS = ("documented: the efficiency is -inf where the SINR target is unreachable "
                      "(no configuration is feasible), the marker the searches compare against")
for _name in ("select_ports", "optimize_ports_and_beam", "monte_carlo_wet_efficiency"):
    EXCEPTIONS[(f"wirelesseff.fas.{_name}", "*", "silent-inf")] = _NO_FEASIBLE_PORTS
EXCEPTIONS[("wirelesseff.fas.max_harvested_power", "*", "silent-nan")] = (
    "documented: NaN where the SINR target is infeasible (no beam meets it)")
_PATH_ERRORS = ("a path that does not exist raises FileNotFoundError (StudyFolderError for a "
                "study folder) naming it, the Python convention for paths")
for _name in ("find_studies", "studies_root", "load_study"):
    EXCEPTIONS[(f"wirelesseff.registry.{_name}", "root", "bad-exception:StudyFolderError")] = (
        _PATH_ERRORS)
EXCEPTIONS[("wirelesseff.io.load_dataset", "path", "bad-exception:FileNotFoundError")] = (
    _PATH_ERRORS)
EXCEPTIONS[("wirelesseff.registry.load_study", "name", "bad-exception:UnknownStudyError")] = (
    "an unknown study name raises UnknownStudyError (a LookupError whose message suggests the "
    "closest names), the registry's documented error")
EXCEPTIONS[("wirelesseff.optimize.lambertw_ratio_argmax", "a=nan", "silent-nan")] = (
    "documented: NaN entries propagate (they mark undefined grid points of its vectorised "
    "callers, e.g. M <= K)")
EXCEPTIONS[("wirelesseff.io.provenance_attrs", "*", "silent-nonfinite")] = (
    "metadata: provenance attributes record the values they are given")
EXCEPTIONS[("wirelesseff.sweep.sweep", "fixed=none", "unnamed-error")] = (
    "fixed=None means no fixed arguments: the point function's own TypeError (a missing "
    "argument) propagates from a vectorized sweep")
for _name in ("holtkamp_pa_efficiency", "pa_power_holtkamp", "holtkamp_sector_power",
              "holtkamp_sector_breakdown"):
    EXCEPTIONS[(f"wirelesseff.power.{_name}", "*", "silent-nan")] = _HOLTKAMP_NAN
EXCEPTIONS[("wirelesseff.xlmimo.ee_mrt_montecarlo", "K", "timeout")] = (
    "valid and slow: the optimal MRT power allocation solves a K x K system per realization "
    "and per SINR trial (cost ~ n_realizations * K**3 * 45); K up to MAX_USERS is a valid "
    "request that takes minutes, not an error")
for _name in RESULT_CONTAINERS:
    EXCEPTIONS[(_name, "*", "silent-nonfinite")] = _HOLDS_WHAT_GIVEN
_ZERO_GAIN = ("documented: a link of zero gain needs infinite power (inf by design, so a sweep "
              "marks it and the EE is 0), e.g. a fading gain or cascade gain of 0 or one whose "
              "product underflows")
EXCEPTIONS[("wirelesseff.ris_leo.required_transmit_power", "cascade_gain",
            "silent-nonfinite")] = _ZERO_GAIN
EXCEPTIONS[("wirelesseff.ris_leo.required_uplink_power", "fading_gain",
            "silent-nonfinite")] = _ZERO_GAIN
EXCEPTIONS[("wirelesseff.ris_leo.tang_path_loss", "frequency", "silent-nonfinite")] = (
    "documented: inf path loss where no element lies in front of both antennas (at a low "
    "frequency the lambda/2 elements make the surface far larger than the link)")

_NAMED_TUPLE = "a NamedTuple of results (no logic of its own); the function returning it is fuzzed"
_CLI = ("the command line: options are checked by tests/core/test_cli.py through the real "
        "command (exit code 2 and one line); fuzzing it would run studies")
_KERNEL = ("numba kernel and its NumPy reference (a parity pair) on arrays validated by the "
           "public functions that call them; they do no checks of their own (hot loop)")
NOT_FUZZED: dict[str, str] = {
    "wirelesseff.cli.build_parser": _CLI,
    "wirelesseff.cli.main": _CLI,
    "wirelesseff.cli.main_for_study": _CLI,
    "wirelesseff.cli.run_study": _CLI,
    "wirelesseff.fas.outage.max_gain_numba": _KERNEL,
    "wirelesseff.fas.outage.max_gain_numpy": _KERNEL,
    "wirelesseff.plotting.style": "a context manager without parameters",
    "wirelesseff.ris_leo.LinkGain": _NAMED_TUPLE,
    "wirelesseff.power.PowerCoefficients": _NAMED_TUPLE,
    "wirelesseff.xlmimo.MCResult": _NAMED_TUPLE,
    "wirelesseff.xlmimo.MRTMonteCarloResult": _NAMED_TUPLE,
    "wirelesseff.xlmimo.MidbandResult": _NAMED_TUPLE,
    "wirelesseff.xlmimo.NearFieldGram": _NAMED_TUPLE,
}



# ------------------------------------------------------------------ manual baselines
# (run in the worker's scratch folder, after the doctests)
def _dataset():
    import numpy as np
    import xarray as xr

    from wirelesseff.io import provenance_attrs

    ds = xr.Dataset({"ee": (("M", "K"), np.arange(6.0).reshape(3, 2), {"units": "bit/J"})},
                    coords={"M": ("M", [10, 20, 30], {"units": "1"}),
                            "K": ("K", [1, 2], {"units": "1"})})
    return ds.assign_attrs(provenance_attrs(study="fuzz-baseline", seed=0))


def _axes(projection=None):
    from wirelesseff.plotting import subplots

    return subplots(projection=projection)


def _tle_lines():
    from pathlib import Path

    return (Path(__file__).resolve().parents[1] / "data" / "leo.tle").read_text().splitlines()


def _tle_start():
    import datetime as dt

    return dt.datetime(2026, 6, 26, 20, 30, tzinfo=dt.UTC)


def _saved():
    from wirelesseff.io import save_dataset

    return str(save_dataset(_dataset(), "fuzz-baseline-load.nc"))


MANUAL_BASELINES: dict = {
    "wirelesseff.io.save_dataset": lambda: ((_dataset(), "fuzz-baseline-save.nc"), {}),
    "wirelesseff.io.load_dataset": lambda: ((_saved(),), {}),
    "wirelesseff.plotting.plot_curves":
        lambda: ((_axes()[1], _dataset().ee, "M"), {"hue": "K"}),
    "wirelesseff.plotting.plot_surface": lambda: ((_axes()[1], _dataset().ee, "M", "K"), {}),
    "wirelesseff.plotting.mark_point": lambda: ((_axes()[1], 20.0, 2.0), {"text": "optimum"}),
    "wirelesseff.plotting.finish": lambda: ((_axes()[0],), {"ds": _dataset(), "title": "EE"}),
    "wirelesseff.plotting.save_figure": lambda: ((_axes()[0], "fuzz-baseline.png"), {}),
    "wirelesseff.registry.Headline": lambda: (("EE-optimal M", 165.0), {"units": "1"}),
    "wirelesseff.registry.check_study_dataset": lambda: ((_dataset(),), {"name": "fuzz"}),
    "wirelesseff.registry.load_study": lambda: (("fas-outage-vs-ports",), {}),
    "wirelesseff.registry.study_costs": lambda: ((), {}),
    # the historical Starlink TLE of tests/channel/test_ntn_tle.py, one hour after its epoch
    "wirelesseff.channel.ntn.pass_from_tle": lambda: (
        (_tle_lines(), 45.0, 7.0, _tle_start(), 600.0, 60.0), {}),
}


PENDING: dict[str, str] = {}
