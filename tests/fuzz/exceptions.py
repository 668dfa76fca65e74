"""Deliberate exceptions of the public-API fuzz test, in one place, each with its reason.

``EXCEPTIONS`` maps ``(public name, parameter, verdict)`` to the reason a non-clean outcome is
intended. ``parameter`` is a parameter name or ``"*"`` (any), optionally with one adversarial
value's label (``"x=zero"``, ``"*=nan"``); ``verdict`` is a verdict or ``"*"``.
``NOT_FUZZED`` lists callables that are not fuzzed, with the reason. ``MANUAL_BASELINES`` gives
a valid call (``() -> (args, kwargs)``) for callables that have no runnable example to record
one from.
"""

from __future__ import annotations

_EXTENDED_REALS = ("dB conversions act on the extended reals (module notes of wirelesseff.units): "
                   "0 <-> -inf dB, inf <-> inf, and a dB value beyond the float range of its "
                   "linear value overflows to inf (the correctly rounded result)")
_NAN_MARKS_MISSING = ("documented: a NaN input marks an undefined grid point of a sweep and "
                      "propagates to NaN (wirelesseff.metrics module notes)")

_HOLTKAMP_NAN = ("documented: NaN where the PA-efficiency law of Holtkamp et al. (IEEE Commun. "
                 "Lett. 2013) is not positive (amplifiers below about 0.79 W), the model's "
                 "validity limit; an overflow is still an error")
_HOLDS_WHAT_GIVEN = ("a result container (frozen record of computed terms): it holds what it is "
                     "given, NaN included; the functions that fill it are fuzzed")

#: Result containers: records of computed values without a domain of their own.
RESULT_CONTAINERS = (
    "wirelesseff.xlmimo.ZFOptimum",
    "wirelesseff.power.CPBreakdown",
    "wirelesseff.power.FR3Breakdown",
    "wirelesseff.power.PowerBreakdown",
)

EXCEPTIONS: dict[tuple[str, str, str], str] = {
    ("wirelesseff.db2lin", "x_db", "silent-inf"): _EXTENDED_REALS,
    ("wirelesseff.dbm2w", "p_dbm", "silent-inf"): _EXTENDED_REALS,
    ("wirelesseff.lin2db", "x", "silent-inf"): _EXTENDED_REALS,
    ("wirelesseff.w2dbm", "p_w", "silent-inf"): _EXTENDED_REALS,
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
for _name in ("holtkamp_pa_efficiency", "pa_power_holtkamp", "holtkamp_sector_power",
              "holtkamp_sector_breakdown", "holtkamp_site_power"):
    EXCEPTIONS[(f"wirelesseff.power.{_name}", "*", "silent-nan")] = _HOLTKAMP_NAN
for _name in RESULT_CONTAINERS:
    EXCEPTIONS[(_name, "*", "silent-nonfinite")] = _HOLDS_WHAT_GIVEN

_NAMED_TUPLE = "a NamedTuple of results (no logic of its own); the function returning it is fuzzed"
NOT_FUZZED: dict[str, str] = {
    "wirelesseff.power.PowerCoefficients": _NAMED_TUPLE,
    "wirelesseff.xlmimo.MCResult": _NAMED_TUPLE,
    "wirelesseff.xlmimo.MRTMonteCarloResult": _NAMED_TUPLE,
    "wirelesseff.xlmimo.MidbandResult": _NAMED_TUPLE,
    "wirelesseff.xlmimo.NearFieldGram": _NAMED_TUPLE,
}

MANUAL_BASELINES: dict = {}
