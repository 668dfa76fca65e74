r"""One network snapshot end to end: drop, loads, power, metrics, as a labelled dataset.

:func:`evaluate_network` chains :func:`~wirelesseff.network.simulate_drop`,
:func:`~wirelesseff.network.cell_loads`, :class:`~wirelesseff.network.CellPowerModel` and
:func:`~wirelesseff.network.area_metrics` and returns an :class:`xarray.Dataset` with per-cell
and per-user variables and the network scalars, every variable carrying ``units`` and
``long_name``. :func:`ppp_network_point` is the sweep-ready version (a dict of scalars for
:func:`wirelesseff.sweep`), used for grids over densities and demands on any executor.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from .._validation import check_choice
from ._checks import generator, per_item, scalar
from .drop import DEFAULT_BANDWIDTH, DEFAULT_NOISE_FIGURE_DB, simulate_drop
from .energy import _power_model, area_metrics, cell_power_model
from .layout import Deployment, _check_deployment, ppp_deployment, ppp_users
from .load import cell_loads, link_spectral_efficiency
from .radio import LinkModel

__all__ = ["SCALAR_UNITS", "evaluate_network", "ppp_network_point"]

#: Units and long names of the network scalars of :func:`evaluate_network`.
SCALAR_UNITS = {
    "area_power": ("W/km^2", "area power consumption"),
    "area_throughput": ("bit/s/km^2", "area throughput"),
    "energy_efficiency": ("bit/J", "network energy efficiency"),
    "total_power": ("W", "total supply power"),
    "total_throughput": ("bit/s", "total served throughput"),
    "coverage": ("1", "coverage probability"),
    "mean_utilisation": ("1", "mean cell utilisation"),
    "mean_user_rate": ("bit/s", "mean user rate"),
    "p5_user_rate": ("bit/s", "5th-percentile user rate"),
    "served_fraction": ("1", "fraction of the demand served"),
    "n_active_cells": ("1", "active cells"),
    "n_users_total": ("1", "users"),
}


def _var(values, dims, units, long_name):
    return xr.Variable(dims, np.asarray(values), {"units": units, "long_name": long_name})


def _snapshot(drop, deployment, power_model, *, demand, mode, bandwidth, gap_db, max_se,
              coverage_threshold_db):
    """SE, loads, cell powers and the network scalars of a drop (shared by the policies)."""
    se = link_spectral_efficiency(drop.sinr, gap_db=gap_db, max_se=max_se)
    loads = cell_loads(drop.serving, se, deployment.n_cells, bandwidth=bandwidth,
                       demand=demand)
    modes = np.where(drop.active, mode, "off")
    power = np.asarray(power_model.power(loads.utilisation, modes), dtype=float)
    scal = area_metrics(power, loads.cell_throughput, deployment.area)
    n = drop.n_users
    with np.errstate(divide="ignore"):
        sinr_db = 10.0 * np.log10(drop.sinr)
    rate = loads.user_rate
    scal["coverage"] = float(np.mean(sinr_db >= coverage_threshold_db)) if n else np.nan
    scal["mean_utilisation"] = (float(np.mean(loads.utilisation[drop.active]))
                                if np.any(drop.active) else np.nan)
    scal["mean_user_rate"] = float(np.mean(rate)) if n else np.nan
    scal["p5_user_rate"] = float(np.percentile(rate, 5)) if n else np.nan
    if demand is None:
        scal["served_fraction"] = np.nan  # full buffer: no demand to serve
    else:
        dem = per_item("demand", demand, n)
        scal["served_fraction"] = float(rate.sum() / dem.sum()) if dem.sum() > 0 else 1.0
    scal["n_active_cells"] = int(drop.active.sum())
    scal["n_users_total"] = n
    return se, loads, power, scal


def evaluate_network(deployment: Deployment, users, link: LinkModel | None = None, *,
                     demand=None, bandwidth=DEFAULT_BANDWIDTH,
                     noise_figure_db=DEFAULT_NOISE_FIGURE_DB, power_model=None,
                     mode="no_sleep", active=None, coverage_threshold_db=-6.0, gap_db=0.0,
                     max_se=None, rng=None, link_key=None, **drop_kwargs) -> xr.Dataset:
    r"""Drop, loads, power and metrics of one network snapshot.

    Parameters
    ----------
    deployment : Deployment
    users : array_like, shape (n_users, 2)
        User positions [m].
    link : LinkModel, optional
        Link model (default :class:`LinkModel()`).
    demand : float or array_like, optional
        Demand per user [bit/s]; ``None``: full buffer.
    bandwidth : float
        Bandwidth per cell [Hz] (default 10 MHz).
    noise_figure_db : float
        UE noise figure [dB] (default 9 dB).
    power_model : CellPowerModel or str, optional
        Cell power model, or an EARTH type for :func:`cell_power_model` (default ``"macro"``).
    mode : {"no_sleep", "sleep"}
        Operating mode of the active cells; switched-off cells are ``"off"``.
    active : array_like of bool, optional
        Cells switched on (default all).
    coverage_threshold_db : float
        SINR threshold of the coverage metric [dB] (default -6 dB).
    gap_db, max_se
        Spectral-efficiency gap and cap (:func:`link_spectral_efficiency`).
    rng, link_key, **drop_kwargs
        Passed to :func:`simulate_drop` (e.g. ``cutoff_radius``, ``activity``, ``bias_db``).

    Returns
    -------
    xarray.Dataset
        Dims ``cell`` and ``user``. Per cell: ``load``, ``utilisation``, ``power``,
        ``throughput``, ``n_users``, ``active``; per user: ``sinr_db``, ``se``, ``rate``,
        ``serving``; scalars of :data:`SCALAR_UNITS`. Attrs: ``cutoff_radius``, ``link_key``,
        ``area_km2``, ``mode``. The user statistics of a drop without users are NaN; the
        served fraction of a zero demand is 1 (NaN in full buffer).

    Examples
    --------
    >>> from wirelesseff.network import hex_deployment, users_per_cell
    >>> dep = hex_deployment(500.0, 6)
    >>> ds = evaluate_network(dep, users_per_cell(dep, 10, rng=0), demand=1e6, rng=0)
    >>> ds.energy_efficiency.attrs["units"], ds.sizes["cell"], ds.sizes["user"]
    ('bit/J', 36, 360)
    >>> bool(ds.served_fraction == 1.0)
    True
    """
    link = LinkModel() if link is None else link
    _check_deployment(deployment)
    power_model = _power_model(power_model)
    if not isinstance(mode, str):
        raise TypeError(f"mode must be 'no_sleep' or 'sleep', got {type(mode).__name__}")
    check_choice("mode", mode, ("no_sleep", "sleep"))
    coverage_threshold_db = scalar("coverage_threshold_db", coverage_threshold_db)
    drop = simulate_drop(deployment, users, link, bandwidth=bandwidth,
                         noise_figure_db=noise_figure_db, active=active, rng=rng,
                         link_key=link_key, **drop_kwargs)
    se, loads, power, scal = _snapshot(drop, deployment, power_model, demand=demand,
                                       mode=mode, bandwidth=bandwidth, gap_db=gap_db,
                                       max_se=max_se,
                                       coverage_threshold_db=coverage_threshold_db)
    n = drop.n_users
    with np.errstate(divide="ignore"):
        sinr_db = 10.0 * np.log10(drop.sinr)
    data = {
        "load": _var(loads.load, "cell", "1", "offered cell load"),
        "utilisation": _var(loads.utilisation, "cell", "1", "cell utilisation"),
        "power": _var(power, "cell", "W", "cell supply power"),
        "throughput": _var(loads.cell_throughput, "cell", "bit/s", "cell throughput"),
        "n_users": _var(loads.n_users, "cell", "1", "users per cell"),
        "active": _var(drop.active.astype(int), "cell", "1", "cell switched on"),
        "sinr_db": _var(sinr_db, "user", "dB", "downlink SINR"),
        "se": _var(se, "user", "bit/s/Hz", "spectral efficiency"),
        "rate": _var(loads.user_rate, "user", "bit/s", "user rate"),
        "serving": _var(drop.serving, "user", "1", "serving cell"),
    }
    for k, v in scal.items():
        u, ln = SCALAR_UNITS[k]
        data[k] = _var(v, (), u, ln)
    ds = xr.Dataset(data, coords={
        "cell": xr.Variable("cell", np.arange(deployment.n_cells),
                            {"units": "1", "long_name": "cell index"}),
        "user": xr.Variable("user", np.arange(n), {"units": "1", "long_name": "user index"})})
    ds.attrs.update(cutoff_radius=float(drop.cutoff_radius), link_key=str(drop.link_key),
                    area_km2=deployment.area / 1e6, mode=mode)
    return ds


def ppp_network_point(bs_density, user_density, *, demand_per_user=None, window=None,
                      link=None, bandwidth=DEFAULT_BANDWIDTH,
                      noise_figure_db=DEFAULT_NOISE_FIGURE_DB, bs_type="macro",
                      tx_power=None, mode="no_sleep", sleep_model="tr38864",
                      coverage_threshold_db=-6.0, rng=None) -> dict:
    r"""Network scalars of one PPP drop (a point function for :func:`wirelesseff.sweep`).

    Parameters
    ----------
    bs_density : float
        Cell density [1/km^2], in [1e-3, 1e5].
    user_density : float
        User density [1/km^2], in [1e-3, 1e6] (at most 10^7 users per drop).
    demand_per_user : float, optional
        Demand per user [bit/s], in [0, 10^12] (``None``: full buffer).
    window : float, optional
        Torus side [m], in [1, 10^6]; default: 150 cells on average, at least 2 km.
    link : LinkModel, optional
    bandwidth, noise_figure_db : float
    bs_type : str
        EARTH type of the power model (:func:`cell_power_model`).
    tx_power : float, optional
        Transmit power per cell [W]; default the EARTH :math:`N_\mathrm{TRX}P_\mathrm{max}`
        of one cell (40 W macro, 12.6 W micro, ...).
    mode : {"no_sleep", "sleep"}
    sleep_model : {"tr38864", "earth"}
    coverage_threshold_db : float
    rng : Generator, int or None

    Returns
    -------
    dict
        The scalars of :data:`SCALAR_UNITS` (floats).

    Examples
    --------
    >>> out = ppp_network_point(5.0, 200.0, demand_per_user=1e5, rng=0)
    >>> sorted(out)[:3], out["served_fraction"] > 0.95
    (['area_power', 'area_throughput', 'coverage'], True)
    """
    bs_density = scalar("bs_density", bs_density, 1e-3, 1e5)
    user_density = scalar("user_density", user_density, 1e-3, 1e6)
    if demand_per_user is not None:
        demand_per_user = scalar("demand_per_user", demand_per_user, 0.0, 1e12)
    gen = generator(rng)
    lam = bs_density / 1e6
    if window is None:
        window = max(2000.0, float(np.sqrt(150.0 / lam)))
    else:
        window = scalar("window", window, 1.0, 1e6)
    if user_density * (window / 1e3) ** 2 > 1e7:
        raise ValueError(f"user_density = {user_density:g} /km^2 in a {window:g} m window gives "
                         f"more than 10^7 users per drop; reduce user_density or window")
    if bs_density * (window / 1e3) ** 2 > 1e6:
        raise ValueError(f"bs_density = {bs_density:g} /km^2 in a {window:g} m window gives "
                         f"more than 10^6 cells per drop; reduce bs_density or window")
    pm = cell_power_model(bs_type, sleep_model=sleep_model)
    if tx_power is None:
        tx_power = pm.earth.n_trx * pm.earth.p_max
    dep = ppp_deployment(lam, window, gen, tx_power=tx_power)
    users = ppp_users(float(user_density) / 1e6, window, gen)
    ds = evaluate_network(dep, users, link, demand=demand_per_user, bandwidth=bandwidth,
                          noise_figure_db=noise_figure_db, power_model=pm, mode=mode,
                          coverage_threshold_db=coverage_threshold_db, rng=gen)
    return {k: float(ds[k].values) for k in SCALAR_UNITS}


ppp_network_point.units = {k: u for k, (u, _ln) in SCALAR_UNITS.items()} | {
    "bs_density": "1/km^2", "user_density": "1/km^2", "demand_per_user": "bit/s"}
ppp_network_point.long_names = {k: ln for k, (_u, ln) in SCALAR_UNITS.items()} | {
    "bs_density": "BS density", "user_density": "user density",
    "demand_per_user": "demand per user"}
