r"""Energy efficiency of the double-RIS LEO uplink along an overhead pass (reconstruction)."""

from __future__ import annotations

import numpy as np
import xarray as xr

from .._validation import check_choice, check_integer
from ..channel.fading import ShadowedRician
from ..channel.ntn import (
    elevation_from_central_angle,
    free_space_path_loss_db,
    slant_range,
    slant_range_from_central_angle,
    tr38811_mean_excess_gain,
    tr38811_path_loss_db,
    track_central_angle,
    track_doppler_shift,
    visibility_duration,
)
from ..io import json_dumps
from ..power import total_power
from ..units import w2dbm
from ._checks import real, real_scalar
from .link import (  # LeoLinkParams: used by the examples
    CONFIGS,
    LeoLinkParams,  # noqa: F401
    _params,
    link_path_gain,
    required_uplink_power,
    ris_powers,
)

__all__ = ["MAX_PASS_TIME", "MAX_TIME_STEPS", "ee_along_pass", "long_hop_gain"]

#: Largest number of time steps of :func:`ee_along_pass` (``n_time`` or ``len(t)``).
MAX_TIME_STEPS = 1_000_000
#: Largest magnitude of a time of :func:`ee_along_pass` [s] (about 32 years; beyond, the orbit
#: phase :math:`\omega t` has lost its fractional part to rounding).
MAX_PASS_TIME = 1e9

_FADING_PRESETS = ("heavy", "average", "light", "from_elevation")
_TEN_DEG = float(np.deg2rad(10.0))
_TWENTY_DEG = float(np.deg2rad(20.0))
#: Round-off tolerance on elevation limits [rad] (the end points of the default time grid
#: land within ~1e-15 rad of ``min_elevation``; the TR 38.811 tables use the same tolerance).
_EL_TOL = 1e-12


def _model_min_elevation(channel, fading):
    """Lowest elevation [rad] at which the long-hop model is defined, and what limits it."""
    low, why = 0.0, "the horizon"
    if channel in ("tr38811_mean", "tr38811_random"):
        low, why = _TEN_DEG, f'channel="{channel}" (TR 38.811 tables cover 10°-90°)'
    if isinstance(fading, str) and fading == "from_elevation":
        low, why = _TWENTY_DEG, 'fading="from_elevation" (cubic fits valid for 20°-90°)'
    return low, why


def _check_outage(fading, outage):
    if outage is not None and fading is None:
        raise ValueError(f"outage={outage!r} needs fading (the outage quantile is taken of the "
                         "shadowed-Rician fading); pass fading=... or leave outage=None")


def long_hop_gain(elevation, params, *, channel="los", fading=None, outage=None, rng=None):
    r"""Excess power gain :math:`\chi` of the long (ground-satellite) hop [linear].

    Parameters
    ----------
    elevation : array_like
        Elevation [rad].
    params : LeoLinkParams
        Link parameters (scenario, band, zenith attenuation, frequency, altitude).
    channel : {"los", "tr38811_mean", "tr38811_random"}
        ``"los"``: free space only (:math:`\chi = 1`). ``"tr38811_mean"``: the TR 38.811 mean
        linear gain of shadowing and clutter, LOS-state mixed
        (:func:`~wirelesseff.channel.ntn.tr38811_mean_excess_gain`), times the gaseous
        absorption :math:`10^{-A_z/(10\sin\theta)}`. ``"tr38811_random"``: one random draw of
        LOS state and shadow fading per elevation (needs ``rng``).
    fading : {"heavy", "average", "light", "from_elevation"} or ShadowedRician, optional
        Shadowed-Rician small-scale fading of the long hop (Abdi et al. 2003), normalised to unit
        mean power.
    outage : float, optional
        With ``fading``: use the :math:`\varepsilon`-quantile of :math:`|h|^2` (the fade margin
        for outage probability :math:`\varepsilon`); otherwise the mean (1). Without ``fading``
        it raises ``ValueError`` (it would have no effect).
    rng : Generator, int or None
        Random source for ``channel="tr38811_random"``.

    Returns
    -------
    ndarray or float
        :math:`\chi` [linear], to multiply the path gain (and the active-RIS noise gain).

    Raises
    ------
    ValueError
        For an elevation outside the model's domain: [0, π/2] (``"los"``), [10°, 90°] (TR
        38.811 tables), [20°, 90°] (``fading="from_elevation"``).

    Examples
    --------
    >>> float(long_hop_gain(np.pi / 2, LeoLinkParams()))
    1.0
    >>> round(float(long_hop_gain(np.pi / 2, LeoLinkParams(), fading="average", outage=0.01)), 3)
    0.037
    """
    check_choice("channel", channel, ("los", "tr38811_mean", "tr38811_random"))
    _check_outage(fading, outage)
    params = _params(params)
    el = real("elevation", elevation, 0.0, np.pi / 2)
    chi = np.ones(el.shape)
    if channel != "los":
        atm = 10 ** (-params.zenith_attenuation_db / (10 * np.sin(np.maximum(el, 1e-9))))
        if channel == "tr38811_mean":
            chi = chi * tr38811_mean_excess_gain(el, params.scenario, params.band) * atm
        else:
            if rng is None:
                raise ValueError('channel="tr38811_random" needs an rng')
            d = slant_range(el, params.altitude)
            pl = tr38811_path_loss_db(d, params.frequency, el, scenario=params.scenario,
                                      band=params.band, los="mixed", rng=rng)
            excess = np.asarray(pl) - np.asarray(free_space_path_loss_db(d, params.frequency))
            chi = chi * 10 ** (-excess / 10) * atm
    if fading is not None:
        if outage is not None:
            outage = real_scalar("outage", outage, 0.0, 1.0, low_open=True, high_open=True)
        if isinstance(fading, str):
            check_choice("fading", fading, _FADING_PRESETS)
            if fading == "from_elevation":
                # round-off guard only: 20° - 1e-12 rad is evaluated at 20°; lower raises
                e_fit = np.where((el < _TWENTY_DEG) & (el >= _TWENTY_DEG - _EL_TOL),
                                 _TWENTY_DEG, el)
                models = [ShadowedRician.from_elevation(e).normalized() for e in e_fit.ravel()]
                vals = np.array([m.ppf(outage) if outage is not None else m.mean_power
                                 for m in models]).reshape(el.shape)
                chi = chi * vals
            else:
                m = getattr(ShadowedRician, fading)().normalized()
                chi = chi * (m.ppf(outage) if outage is not None else m.mean_power)
        elif isinstance(fading, ShadowedRician):
            m = fading.normalized()
            chi = chi * (m.ppf(outage) if outage is not None else m.mean_power)
        else:
            raise TypeError(f"fading must be a preset name {_FADING_PRESETS} or a "
                            f"ShadowedRician, got {type(fading).__name__}")
    return chi[()] if chi.ndim == 0 else chi


def ee_along_pass(
    params=None,
    *,
    t=None,
    n_time=181,
    min_elevation=_TEN_DEG,
    configs=CONFIGS,
    channel="los",
    fading=None,
    outage=None,
    rng=None,
    model="tang",
):
    r"""Required UT power and energy efficiency of every configuration along an overhead pass.

    Parameters
    ----------
    params : LeoLinkParams, optional
        Link parameters. An array ``ris_u_side`` and an array ``bits`` (one resolution for both
        surfaces) become dimensions of the result.
    t : array_like, optional
        Times relative to the zenith passage [s] (1-D, in [-1e9, 1e9], i.e.
        :data:`MAX_PASS_TIME`); default ``n_time`` points over
        :math:`\pm T_\mathrm{vis}/2` (:func:`~wirelesseff.channel.ntn.visibility_duration`).
        Times outside the visibility window are allowed: they are reported with their true
        geometry and marked as not served (see Returns).
    n_time : int
        Number of time samples when ``t`` is not given (181), in [2, :data:`MAX_TIME_STEPS`].
    min_elevation : float
        Lowest elevation at which the UT is served [rad], in [0, π/2) (10°, the lower end of
        the TR 38.811 tables). It must not lie below the validity range of the long-hop model:
        10° for ``channel="tr38811_*"``, 20° for ``fading="from_elevation"`` (``ValueError``
        otherwise).
    configs : sequence of str
        Subset of ``("no_ris", "ris_sat", "ris_user", "double")``.
    channel, fading, outage, rng
        Long-hop channel, see :func:`long_hop_gain` (``outage`` needs ``fading``).
    model : {"tang", "aperture"}
        Path-gain model of :func:`~wirelesseff.ris_leo.link_path_gain`.

    Returns
    -------
    xarray.Dataset
        Coordinates ``time`` [s], ``elevation`` [rad] and ``elevation_deg`` on ``time`` (the
        true track, negative below the horizon), ``config`` (and ``ris_u_side`` [m], ``bits``
        when arrays). Variables: ``visible`` (elevation ≥ ``min_elevation``: the time step is
        served), ``slant_range`` [m] and ``doppler_shift`` [Hz] (signed, positive while
        approaching) of the true circular track, ``long_hop_gain``, ``path_gain``,
        ``required_power`` [W], ``required_power_dbm``, ``ris_power`` [W], ``total_power`` [W]
        (UT PA :math:`P/\nu` + static + all RIS, see :func:`wirelesseff.power.total_power`),
        ``rate`` [bit/s] and ``energy_efficiency`` [bit/J]; ``feasible`` when ``params.p_max``
        is set (infeasible points deliver no rate: ``rate`` and ``energy_efficiency`` are 0
        there). At time steps that are not ``visible`` nothing is clipped: ``required_power``
        and ``total_power`` are ``inf`` (``required_power_dbm`` = inf), ``rate`` and
        ``energy_efficiency`` are 0, ``feasible`` is False and ``ris_power`` is the idle
        consumption (:math:`P_t = 0`); ``path_gain`` is reported where
        it is defined (satellite above the horizon, NaN below) and ``long_hop_gain`` where the
        channel model is defined (NaN below 10° for TR 38.811, below 20° for
        ``from_elevation``, below the horizon for all). ``attrs`` describe the model
        (``parameters``: every :class:`LeoLinkParams` value with its source, JSON;
        ``reconstruction = 1``, ``channel``, ``fading``, ``outage``, ``min_elevation``); the
        package version and creation time are added by the sweep engine or a study
        (:func:`wirelesseff.io.provenance_attrs`).

    Raises
    ------
    ValueError
        For non-finite ``t``, ``outage`` without ``fading``, or ``min_elevation`` below the
        validity range of ``channel``/``fading``.

    Notes
    -----
    The time steps of the default grid land within round-off (~1e-15 rad) of
    ``min_elevation`` at :math:`\pm T_\mathrm{vis}/2`; steps within 1e-12 rad of it count as
    visible and are evaluated at ``min_elevation``. Nothing else is moved.

    Examples
    --------
    >>> ds = ee_along_pass(n_time=21)
    >>> ds.required_power.dims
    ('config', 'time')
    >>> int(ds.required_power.sel(config="no_ris").values.argmin())  # minimum at zenith (t = 0)
    10
    >>> late = ee_along_pass(t=[0.0, 300.0], configs=("no_ris",))  # 300 s > T_vis/2 = 238 s
    >>> late.visible.values.tolist(), round(float(late.elevation_deg[1]), 2)
    ([True, False], 4.57)
    >>> float(late.required_power_dbm[0, 1]), float(late.energy_efficiency[0, 1])
    (inf, 0.0)
    """
    params = _params(params)
    if isinstance(configs, str) or not isinstance(configs, tuple | list) or not configs:
        raise TypeError(f"configs must be a non-empty tuple or list of {CONFIGS}, got "
                        f"{configs!r:.80}")
    for c in configs:
        check_choice("configs", c, CONFIGS)
    check_choice("model", model, ("tang", "aperture"))
    check_choice("channel", channel, ("los", "tr38811_mean", "tr38811_random"))
    _check_outage(fading, outage)
    min_elevation = real_scalar("min_elevation", min_elevation, 0.0, np.pi / 2, high_open=True)
    el_model, why = _model_min_elevation(channel, fading)
    if min_elevation < el_model - _EL_TOL:
        raise ValueError(
            f"min_elevation = {np.rad2deg(min_elevation):.6g}° lies below the validity range of "
            f"{why}; pass min_elevation >= np.deg2rad({np.rad2deg(el_model):g}) or another "
            "channel/fading model")
    h = params.altitude
    if t is None:
        n_time = check_integer("n_time", n_time, low=2, high=MAX_TIME_STEPS)
        t_vis = float(visibility_duration(h, min_elevation))
        t = np.linspace(-t_vis / 2, t_vis / 2, n_time)
    t = np.atleast_1d(real("t", t, -MAX_PASS_TIME, MAX_PASS_TIME))
    if t.ndim != 1 or t.size == 0 or t.size > MAX_TIME_STEPS:
        raise ValueError(f"t must be a scalar or a 1-D array of 1 to {MAX_TIME_STEPS} times "
                         f"[s], got shape {t.shape}")

    # true geometry of the circular overhead track (no clipping)
    psi = np.asarray(track_central_angle(t, h), float)
    el = np.asarray(elevation_from_central_angle(psi, h), float)
    d = np.asarray(slant_range_from_central_angle(psi, h), float)
    doppler = np.asarray(track_doppler_shift(params.frequency, t, h), float)
    visible = el >= min_elevation - _EL_TOL
    # served steps within round-off below min_elevation are evaluated at min_elevation
    el_eval = np.where(visible, np.maximum(el, min_elevation), el)
    above = visible | (el >= 0.0)  # path gain defined (satellite above the horizon)
    defined = above & (el_eval >= el_model - _EL_TOL)  # long-hop model defined
    chi = np.full(t.shape, np.nan)
    if np.any(defined):
        el_def = np.where(el_eval[defined] < el_model, el_model, el_eval[defined])
        chi[defined] = long_hop_gain(el_def, params, channel=channel, fading=fading,
                                     outage=outage, rng=rng)
    el_g, el_v, chi_v = el_eval[above], el_eval[visible], chi[visible]

    sides = np.atleast_1d(np.asarray(params.ris_u_side, float))
    side_dim = np.ndim(params.ris_u_side) > 0
    bits_dim = isinstance(params.bits, np.ndarray)
    bits_vals = np.asarray(params.bits, float) if bits_dim else None

    shape = (len(configs), len(t), len(sides)) + ((len(bits_vals),) if bits_dim else ())
    out = {"path_gain": np.full(shape, np.nan), "required_power": np.full(shape, np.inf),
           "ris_power": np.empty(shape), "total_power": np.empty(shape)}
    for j, side in enumerate(sides):
        p = params.replace(ris_u_side=float(side))
        if bits_dim:
            b_arg = bits_vals[None, :]
            el_gb, el_vb, chi_vb = el_g[:, None], el_v[:, None], chi_v[:, None]
        else:
            b_arg, el_gb, el_vb, chi_vb = None, el_g, el_v, chi_v
        for i, cfg in enumerate(configs):
            if bits_dim and p.bits_model == "exact":
                cols = [link_path_gain(cfg, el_g, p, model=model, bits=(b, b)) for b in bits_vals]
                pg = np.stack([c.path_gain for c in cols], axis=-1)
                req = np.stack([required_uplink_power(cfg, el_v, p, model=model,
                                                      fading_gain=chi_v, bits=(b, b))
                                for b in bits_vals], axis=-1)
                cap = cols[0].capture
            else:
                lg = link_path_gain(cfg, el_gb, p, model=model, bits=b_arg)
                pg = lg.path_gain
                req = required_uplink_power(cfg, el_vb, p, model=model, fading_gain=chi_vb,
                                            bits=b_arg)
                cap = lg.capture
            out["path_gain"][i, above, j] = np.broadcast_to(pg, (len(el_g),) + shape[3:])
            out["required_power"][i, visible, j] = np.broadcast_to(req,
                                                                   (len(el_v),) + shape[3:])
            req_all = out["required_power"][i, :, j]
            pt = np.where(np.isfinite(req_all), req_all, 0.0)
            p_u, p_s = ris_powers(cfg, p, pt, bits=b_arg if bits_dim else None, capture=cap)
            ris = np.broadcast_to(np.asarray(p_u) + np.asarray(p_s), req_all.shape)
            tot = np.where(np.isfinite(req_all),
                           total_power(pt, ris, pa_efficiency=p.pa_efficiency,
                                       static_power=p.static_power), np.inf)
            out["ris_power"][i, :, j] = ris
            out["total_power"][i, :, j] = tot

    rate_val = params.bandwidth * params.target_rate
    rate = np.where(np.isfinite(out["required_power"]), rate_val, 0.0)
    feasible = None
    if params.p_max is not None:
        feasible = out["required_power"] <= params.p_max
        rate = np.where(feasible, rate, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ee = np.where(rate > 0, rate / out["total_power"], 0.0)

    dims = ["config", "time", "ris_u_side"] + (["bits"] if bits_dim else [])

    def var(a, units, long_name):
        a = np.asarray(a)
        if not side_dim:
            a = np.take(a, 0, axis=2)
        return (dims if side_dim else [x for x in dims if x != "ris_u_side"],
                a, {"units": units, "long_name": long_name})

    with np.errstate(divide="ignore"):
        p_dbm = w2dbm(out["required_power"])
    data = {
        "visible": ("time", visible, {"units": "1", "long_name":
                                      "served: elevation >= min_elevation"}),
        "slant_range": ("time", d, {"units": "m", "long_name": "slant range"}),
        "doppler_shift": ("time", doppler, {"units": "Hz", "long_name": "Doppler shift"}),
        "long_hop_gain": ("time", chi, {"units": "1", "long_name": "long-hop excess gain"}),
        "path_gain": var(out["path_gain"], "1", "end-to-end path gain"),
        "required_power": var(out["required_power"], "W", "required UT transmit power"),
        "required_power_dbm": var(p_dbm, "dBm", "required UT transmit power"),
        "ris_power": var(out["ris_power"], "W", "RIS power consumption"),
        "total_power": var(out["total_power"], "W", "total power consumption"),
        "rate": var(rate, "bit/s", "rate"),
        "energy_efficiency": var(ee, "bit/J", "energy efficiency"),
    }
    if feasible is not None:
        data["feasible"] = var(feasible, "1", "target reachable within p_max")
    coords = {
        "config": ("config", list(configs)),
        "time": ("time", t, {"units": "s", "long_name": "time from zenith passage"}),
        "elevation": ("time", el, {"units": "rad", "long_name": "elevation"}),
        "elevation_deg": ("time", np.rad2deg(el), {"units": "deg", "long_name": "elevation"}),
    }
    if side_dim:
        coords["ris_u_side"] = ("ris_u_side", sides, {"units": "m", "long_name": "RIS_u side"})
    if bits_dim:
        coords["bits"] = ("bits", bits_vals, {"units": "bit", "long_name": "phase resolution"})
    attrs = {  # netCDF-safe: numbers and strings (the parameters JSON-encoded)
        "reconstruction": 1,
        "model": "Sanila et al., WCNC 2025 (reconstruction; see docs/ris_leo.md)",
        "path_gain_model": model,
        "channel": channel,
        "fading": "" if fading is None else (fading if isinstance(fading, str)
                                               else repr(fading)),
        "outage": float("nan") if outage is None else float(outage),
        "min_elevation": min_elevation,
        "parameters": json_dumps(params.provenance()),
    }
    return xr.Dataset(data, coords=coords, attrs=attrs)
