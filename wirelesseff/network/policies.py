r"""Energy-saving policies over a day: always-on, sleep modes, greedy cell switch-off.

Policies (:data:`POLICIES`):

``always_on``
    Every cell on; idle time at the no-sleep power (the baseline).
``sleep``
    Every cell on; idle periods spent in sleep states (:class:`CellPowerModel` ``"sleep"``):
    the deepest TR 38.864 state whose transition time fits each idle period between the
    cell's common signals (SSB every 20 ms by default), or the EARTH sleep power for a cell
    without traffic. No rate penalty is charged: wake-ups are assumed
    to be scheduled ahead of the next burst (an idealisation; see the TR 38.864 notes).
``switch_off``
    Greedy load-threshold switch-off with re-association (below); the remaining cells never
    sleep; switched-off cells draw the deepest sleep power.
``switch_off_sleep``
    The same switch-off, with the remaining cells also sleeping in their idle periods.

**Greedy switch-off** (:func:`greedy_switch_off`), in the spirit of the load-threshold cell
switch-off heuristics of the literature (e.g. Oh, Son, Krishnamachari, "Dynamic base station
switching-on/off strategies for green cellular networks", IEEE Trans. Wireless Commun.
12(5), 2013, doi:10.1109/TWC.2013.032013.120494): cells whose load is below
``load_threshold`` are visited from the least loaded; a cell is switched off only if every one
of its users re-associates (strongest remaining cell) with an SINR of at least
``min(min_sinr_db, its SINR with all cells on)`` and no receiving cell's load exceeds
``max_load``, so that every user keeps its full demand. Switching a cell off removes its
interference, so the SINR of all other users can only rise: the constraints of earlier
decisions remain satisfied, and they are re-checked on the final drop
(:attr:`SwitchOffResult.constraints_ok`).

The daily energy (:func:`daily_energy`) evaluates one independent user drop per hour with a
user density following the daily profile (:func:`~wirelesseff.network.hourly_demand`) on a
fixed deployment, through :func:`wirelesseff.sweep` (any executor, same numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

from .._validation import check_choice, check_in_range, check_integer
from ._checks import per_item, scalar
from .drop import DEFAULT_BANDWIDTH, DEFAULT_NOISE_FIGURE_DB, Drop, simulate_drop
from .energy import _power_model
from .evaluate import SCALAR_UNITS, _snapshot
from .layout import Deployment, _check_deployment, _check_users, ppp_users
from .load import cell_loads, link_spectral_efficiency
from .radio import LinkModel
from .traffic import daily_profile

__all__ = [
    "POLICIES",
    "POLICY_UNITS",
    "SwitchOffResult",
    "compare_policies",
    "daily_energy",
    "greedy_switch_off",
]

#: Policies compared by :func:`compare_policies` and :func:`daily_energy`.
POLICIES = ("always_on", "sleep", "switch_off", "switch_off_sleep")

_J_PER_KWH = 3.6e6


@dataclass(frozen=True, eq=False)
class SwitchOffResult:
    """Outcome of :func:`greedy_switch_off`.

    Attributes
    ----------
    active : ndarray of bool
        Cells left on.
    switched_off : tuple of int
        Cells switched off, in decision order.
    drop : Drop
        Drop of all users with the final set of active cells.
    baseline : Drop
        Drop with every cell on.
    constraints_ok : bool
        Whether the coverage and load constraints hold on the final drop (checked a
        posteriori).
    n_trials : int
        Cells tried.
    """

    active: np.ndarray
    switched_off: tuple
    drop: Drop
    baseline: Drop
    constraints_ok: bool
    n_trials: int

    def __post_init__(self):
        if not isinstance(self.constraints_ok, bool | np.bool_):
            raise TypeError(f"constraints_ok must be a bool, got {self.constraints_ok!r}")
        check_integer("n_trials", self.n_trials, low=0)
        for name in ("drop", "baseline"):
            if not isinstance(getattr(self, name), Drop):
                raise TypeError(f"{name} must be a Drop, got {type(getattr(self, name)).__name__}")


def _check_policies(policies) -> tuple:
    if isinstance(policies, str) or not hasattr(policies, "__iter__"):
        raise TypeError(f"policies must be a sequence of policy names from {POLICIES}, got "
                        f"{type(policies).__name__}")
    out = tuple(policies)
    if not out:
        raise ValueError("policies must name at least one policy")
    for p in out:
        if not isinstance(p, str):
            raise TypeError(f"policies must hold names from {POLICIES}, got {p!r}")
        check_choice("policies", p, POLICIES)
    return out


def _se(drop_or_sinr, gap_db, max_se):
    sinr = drop_or_sinr.sinr if isinstance(drop_or_sinr, Drop) else drop_or_sinr
    return link_spectral_efficiency(sinr, gap_db=gap_db, max_se=max_se)


def greedy_switch_off(deployment: Deployment, users, link: LinkModel | None = None, *, demand,
                      bandwidth=DEFAULT_BANDWIDTH, noise_figure_db=DEFAULT_NOISE_FIGURE_DB,
                      load_threshold=0.3, max_load=0.8, min_sinr_db=-6.0, gap_db=0.0,
                      max_se=None, rng=None, link_key=None, max_trials=None,
                      **drop_kwargs) -> SwitchOffResult:
    r"""Switch off lightly loaded cells one by one while coverage and loads allow it.

    Parameters
    ----------
    deployment : Deployment
    users : array_like, shape (n_users, 2)
        User positions [m].
    link : LinkModel, optional
    demand : float or array_like
        Demand per user [bit/s], >= 0 (a switch-off needs a finite load).
    bandwidth, noise_figure_db : float
        As for :func:`simulate_drop`.
    load_threshold : float
        Only cells with a load below it are candidates, in [0, 1].
    max_load : float
        Largest load a cell may reach by receiving users, in (0, 1].
    min_sinr_db : float
        Coverage threshold [dB] for the re-associated users.
    gap_db, max_se
        Spectral-efficiency gap and cap.
    rng, link_key
        Per-link randomness of the drops (the same ``link_key`` is used throughout).
    max_trials : int, optional
        Upper bound on the cells tried (default: all candidates).
    **drop_kwargs
        Passed to :func:`simulate_drop` (``cutoff_radius``, ``bias_db``, ...).

    Returns
    -------
    SwitchOffResult

    Examples
    --------
    >>> from wirelesseff.network import hex_deployment, ppp_users
    >>> dep = hex_deployment(300.0, 6)
    >>> users = ppp_users(50e-6, dep.box, rng=1)
    >>> res = greedy_switch_off(dep, users, demand=2e5, rng=0)
    >>> 0 < len(res.switched_off) < dep.n_cells, res.constraints_ok
    (True, True)
    """
    link = LinkModel() if link is None else link
    _check_deployment(deployment)
    u = _check_users(users)
    load_threshold = scalar("load_threshold", load_threshold, 0.0, 1.0)
    max_load = scalar("max_load", max_load, 0.0, 1.0, low_open=True)
    min_sinr_db = scalar("min_sinr_db", min_sinr_db, -100.0, 100.0)
    n, n_cells = u.shape[0], deployment.n_cells
    dem = per_item("demand", demand, n)
    check_in_range("demand", dem, 0.0, 1e12)
    common = dict(bandwidth=bandwidth, noise_figure_db=noise_figure_db, **drop_kwargs)
    base = simulate_drop(deployment, u, link, rng=rng, link_key=link_key, **common)
    key = base.link_key
    se0 = _se(base, gap_db, max_se)
    loads0 = cell_loads(base.serving, se0, n_cells, bandwidth=bandwidth, demand=dem)
    with np.errstate(divide="ignore"):
        sinr0_db = 10.0 * np.log10(base.sinr)
    required = np.minimum(float(min_sinr_db), sinr0_db)
    on = np.ones(n_cells, dtype=bool)
    load = loads0.load.copy()
    serving = np.array(base.serving)
    order = np.lexsort((np.arange(n_cells), load))
    candidates = [int(c) for c in order if load[c] < load_threshold]
    if max_trials is not None:
        max_trials = check_integer("max_trials", max_trials, low=0, high=n_cells)
        candidates = candidates[:max_trials]
    switched = []
    for c in candidates:
        trial = on.copy()
        trial[c] = False
        if not trial.any():
            break
        mine = np.flatnonzero(serving == c)
        new_load = load.copy()
        new_load[c] = 0.0
        ok = True
        if mine.size:
            sub = simulate_drop(deployment, u[mine], link, active=trial, link_key=key,
                                user_ids=mine, **common)
            se_s = _se(sub, gap_db, max_se)
            with np.errstate(divide="ignore"):
                sinr_db = 10.0 * np.log10(sub.sinr)
            ok = bool(np.all(sub.serving >= 0) and np.all(se_s > 0)
                      and np.all(sinr_db >= required[mine] - 1e-9))
            if ok:
                need = dem[mine] / (float(bandwidth) * se_s)
                add = np.bincount(sub.serving, weights=need, minlength=n_cells)
                new_load += add
                ok = bool(np.all(new_load[add > 0] <= max_load))
        if ok:
            on = trial
            load = new_load
            if mine.size:
                serving[mine] = sub.serving
            switched.append(c)
    final = simulate_drop(deployment, u, link, active=on, link_key=key, **common)
    se_f = _se(final, gap_db, max_se)
    loads_f = cell_loads(final.serving, se_f, n_cells, bandwidth=bandwidth, demand=dem)
    with np.errstate(divide="ignore"):
        sinr_f_db = 10.0 * np.log10(final.sinr)
    ok_cov = bool(np.all(sinr_f_db >= required - 1e-9))
    ok_load = bool(np.all(loads_f.load[on] <= np.maximum(max_load, loads0.load[on]) + 1e-9))
    return SwitchOffResult(active=on, switched_off=tuple(switched), drop=final, baseline=base,
                           constraints_ok=ok_cov and ok_load, n_trials=len(candidates))


def _policy_row(drop, deployment, dem, power_model, mode, bandwidth, gap_db, max_se,
                coverage_threshold_db):
    scal = _snapshot(drop, deployment, power_model, demand=dem, mode=mode,
                     bandwidth=bandwidth, gap_db=gap_db, max_se=max_se,
                     coverage_threshold_db=coverage_threshold_db)[3]
    return {k: float(scal[_POLICY_KEYS.get(k, k)]) for k in POLICY_UNITS}


# per-policy output name -> network scalar of evaluate._snapshot
_POLICY_KEYS = {"power": "total_power", "throughput": "total_throughput"}
#: Units and long names of the per-policy outputs of :func:`compare_policies`.
POLICY_UNITS = {k: SCALAR_UNITS[_POLICY_KEYS.get(k, k)] for k in (
    "power", "throughput", "energy_efficiency", "mean_user_rate", "p5_user_rate",
    "served_fraction", "coverage", "n_active_cells", "mean_utilisation")}


def compare_policies(deployment: Deployment, users, link: LinkModel | None = None, *, demand,
                     power_model=None, policies=POLICIES, bandwidth=DEFAULT_BANDWIDTH,
                     noise_figure_db=DEFAULT_NOISE_FIGURE_DB, load_threshold=0.3,
                     max_load=0.8, min_sinr_db=-6.0, coverage_threshold_db=-6.0, gap_db=0.0,
                     max_se=None, rng=None, link_key=None, **drop_kwargs) -> dict:
    r"""Power, throughput and user-rate metrics of every policy for one snapshot.

    Parameters
    ----------
    deployment, users, link, demand
        As for :func:`greedy_switch_off`.
    power_model : CellPowerModel or str, optional
        Cell power model or EARTH type (default ``"macro"`` with TR 38.864 sleep states).
    policies : sequence of str
        Subset of :data:`POLICIES` (order kept).
    load_threshold, max_load, min_sinr_db
        Switch-off parameters (:func:`greedy_switch_off`).
    coverage_threshold_db : float
        SINR threshold of the coverage metric [dB].

    Returns
    -------
    dict of ndarray
        One array over ``policies`` per key of :data:`POLICY_UNITS`.

    Examples
    --------
    >>> from wirelesseff.network import hex_deployment, ppp_users
    >>> dep = hex_deployment(300.0, 6)
    >>> out = compare_policies(dep, ppp_users(30e-6, dep.box, rng=1), demand=2e5, rng=0)
    >>> p = out["power"]
    >>> bool(p[1] < p[0] and p[2] < p[0] and p[3] <= min(p[1], p[2]))
    True
    """
    policies = _check_policies(policies)
    coverage_threshold_db = scalar("coverage_threshold_db", coverage_threshold_db)
    power_model = _power_model(power_model)
    _check_deployment(deployment)
    u = _check_users(users)
    dem = per_item("demand", demand, u.shape[0])
    check_in_range("demand", dem, 0.0, 1e12)
    common = dict(bandwidth=bandwidth, noise_figure_db=noise_figure_db, **drop_kwargs)
    if any(p.startswith("switch_off") for p in policies):
        res = greedy_switch_off(deployment, u, link, demand=dem, load_threshold=load_threshold,
                                max_load=max_load, min_sinr_db=min_sinr_db, gap_db=gap_db,
                                max_se=max_se, rng=rng, link_key=link_key, **common)
        base, off = res.baseline, res.drop
    else:
        base = simulate_drop(deployment, u, link, rng=rng, link_key=link_key, **common)
        off = None
    rows = []
    for p in policies:
        drop = base if p in ("always_on", "sleep") else off
        mode = "sleep" if p in ("sleep", "switch_off_sleep") else "no_sleep"
        rows.append(_policy_row(drop, deployment, dem, power_model, mode, bandwidth, gap_db,
                                max_se, coverage_threshold_db))
    return {k: np.array([r[k] for r in rows]) for k in POLICY_UNITS}


def _daily_point(hour, *, deployment, link, peak_user_density, demand_per_user, power_model,
                 profile, policies, bandwidth, noise_figure_db, load_threshold, max_load,
                 min_sinr_db, coverage_threshold_db, rng):
    dens = peak_user_density * float(profile[int(hour)])
    users = ppp_users(dens, deployment.box, rng) if dens > 0 else np.zeros((0, 2))
    out = compare_policies(deployment, users, link, demand=demand_per_user,
                           power_model=power_model, policies=policies, bandwidth=bandwidth,
                           noise_figure_db=noise_figure_db, load_threshold=load_threshold,
                           max_load=max_load, min_sinr_db=min_sinr_db,
                           coverage_threshold_db=coverage_threshold_db, rng=rng)
    out["n_users"] = float(users.shape[0])
    return out


def daily_energy(deployment: Deployment, link: LinkModel | None = None, *, peak_user_density,
                 demand_per_user, profile=None, power_model=None, policies=POLICIES,
                 hours=None, bandwidth=DEFAULT_BANDWIDTH,
                 noise_figure_db=DEFAULT_NOISE_FIGURE_DB, load_threshold=0.3, max_load=0.8,
                 min_sinr_db=-6.0, coverage_threshold_db=-6.0, seed=0, executor="serial",
                 progress=False) -> xr.Dataset:
    r"""Energy per day of each policy on a fixed deployment driven by a daily profile.

    Parameters
    ----------
    deployment : Deployment
        The network (e.g. :func:`~wirelesseff.network.hex_deployment`).
    link : LinkModel, optional
    peak_user_density : float
        Busy-hour density of active users [1/m^2], > 0 (at most 10^7 users in the window);
        hour :math:`h` uses
        ``peak_user_density * profile[h]`` (PPP users, one independent drop per hour).
    demand_per_user : float
        Demand of each active user [bit/s], in (0, 10^12].
    profile : array_like of 24, optional
        Daily profile (default :data:`~wirelesseff.network.EARTH_DAILY_PROFILE`).
    power_model : CellPowerModel or str, optional
        Default ``"macro"`` (EARTH cell with TR 38.864 sleep states).
    policies : sequence of str
        Subset of :data:`POLICIES`; must include ``"always_on"`` (the reference).
    hours : array_like of int, optional
        Hours evaluated (default 0..23); each stands for one hour of the day.
    bandwidth, noise_figure_db, load_threshold, max_load, min_sinr_db, coverage_threshold_db
        As for :func:`compare_policies`.
    seed : int
        Root seed of :func:`wirelesseff.sweep` (hour ``h`` gets its own stream).
    executor
        Any executor of :func:`wirelesseff.sweep`; results are identical.
    progress : bool

    Returns
    -------
    xarray.Dataset
        Dims ``hour`` and ``policy``: the variables of :data:`POLICY_UNITS` per hour and
        policy, ``n_users`` per hour, and per policy ``energy_per_day`` [kWh] (sum over the
        evaluated hours of power x 1 h, scaled to 24 h when fewer hours are given),
        ``saving`` [1] relative to ``always_on``, ``daily_served_fraction`` [1],
        ``rate_penalty`` [1] (relative loss of the demand-weighted served rate versus
        ``always_on``), ``daily_coverage`` [1] (share of the day's users with an SINR of at
        least ``coverage_threshold_db``) and ``coverage_penalty`` [1] (its absolute loss
        versus ``always_on``).

    Examples
    --------
    >>> from wirelesseff.network import hex_deployment
    >>> dep = hex_deployment(300.0, 6)
    >>> ds = daily_energy(dep, peak_user_density=40e-6, demand_per_user=2e5, hours=[4, 21])
    >>> ds.energy_per_day.attrs["units"], bool(ds.saving.sel(policy="sleep") > 0)
    ('kWh', True)
    """
    from ..sweep import sweep

    policies = _check_policies(policies)
    if "always_on" not in policies:
        raise ValueError("policies must include 'always_on' (the reference of the saving)")
    _check_deployment(deployment)
    peak_user_density = scalar("peak_user_density", peak_user_density, 0.0, None,
                               low_open=True)
    if peak_user_density * deployment.area > 10**7:
        raise ValueError(f"peak_user_density = {peak_user_density:g} /m^2 gives more than 10^7 "
                         f"users in the {deployment.area:g} m^2 window")
    demand_per_user = scalar("demand_per_user", demand_per_user, 0.0, 1e12, low_open=True)
    for name, v in (("load_threshold", load_threshold), ("max_load", max_load)):
        scalar(name, v, 0.0, 1.0)
    scalar("min_sinr_db", min_sinr_db, -100.0, 100.0)
    scalar("coverage_threshold_db", coverage_threshold_db)
    scalar("bandwidth", bandwidth, 1.0, 1e12)
    scalar("noise_figure_db", noise_figure_db, 0.0, 100.0)
    prof = daily_profile(profile)
    if hours is None:
        hrs = np.arange(24)
    else:
        h = check_in_range("hours", hours, 0, 23)
        if h.size == 0 or np.any(h != np.floor(h)):
            raise ValueError("hours must hold at least one integer hour in [0, 23]")
        hrs = np.unique(h.astype(int))
    power_model = _power_model(power_model)
    fixed = dict(deployment=deployment, link=link, peak_user_density=float(peak_user_density),
                 demand_per_user=float(demand_per_user), power_model=power_model,
                 profile=prof, policies=policies, bandwidth=bandwidth,
                 noise_figure_db=noise_figure_db, load_threshold=load_threshold,
                 max_load=max_load, min_sinr_db=min_sinr_db,
                 coverage_threshold_db=coverage_threshold_db)
    units = {k: u for k, (u, _l) in POLICY_UNITS.items()} | {"n_users": "1", "hour": "h"}
    longs = {k: ln for k, (_u, ln) in POLICY_UNITS.items()} | {
        "n_users": "active users in the window", "hour": "hour of the day"}
    ds = sweep(_daily_point, {"hour": hrs}, fixed=fixed, seed=seed, executor=executor,
               progress=progress, units=units, long_names=longs,
               dims={k: ("policy",) for k in POLICY_UNITS},
               coords={"policy": list(policies)}, strict=True)
    ds = ds.drop_vars("error", errors="ignore")  # strict=True: no failed points
    ds["policy"].attrs.update(units="1", long_name="energy-saving policy")
    scale = 24.0 / hrs.size
    energy = ds["power"].sum("hour") * 3600.0 * scale / _J_PER_KWH
    ref = energy.sel(policy="always_on")
    demand_total = ds["n_users"] * demand_per_user
    total = float(demand_total.sum())
    served = ((ds["served_fraction"] * demand_total).sum("hour") / total if total > 0
              else xr.ones_like(ds["served_fraction"].isel(hour=0, drop=True)))
    ds["energy_per_day"] = energy.assign_attrs(units="kWh", long_name="energy per day")
    ds["saving"] = (1.0 - energy / ref).assign_attrs(
        units="1", long_name="energy saving versus always-on")
    ds["daily_served_fraction"] = served.assign_attrs(
        units="1", long_name="fraction of the daily demand served")
    ds["rate_penalty"] = (1.0 - served / served.sel(policy="always_on")).assign_attrs(
        units="1", long_name="served-rate loss versus always-on")
    users = ds["n_users"]
    n_total = float(users.sum())
    coverage = ((ds["coverage"] * users).sum("hour") / n_total if n_total > 0
                else xr.full_like(ds["coverage"].isel(hour=0, drop=True), np.nan))
    ds["daily_coverage"] = coverage.assign_attrs(
        units="1", long_name="coverage over the day's users")
    ds["coverage_penalty"] = (coverage.sel(policy="always_on") - coverage).assign_attrs(
        units="1", long_name="coverage loss versus always-on")
    ds.attrs.update(area_km2=deployment.area / 1e6, n_cells=deployment.n_cells,
                    hours_evaluated=int(hrs.size))
    return ds

