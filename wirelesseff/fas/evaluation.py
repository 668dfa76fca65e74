r"""Monte-Carlo evaluation of fluid-antenna port selection against fixed-position baselines.

The efficiency studies of the fluid-antenna module (docs/fas.md, "Studies") compare, on common
channel draws, a transmit-side FAS whose ports are selected per draw with the fixed-position
antenna (FPA) that always uses the same ports. :func:`monte_carlo_wet_efficiency` runs that
comparison for Variant A (*reconstruction* of Zhang et al., arXiv:2503.04147) and returns the
per-draw WET efficiencies (and the data receiver's rates); :func:`mean_stderr` summarises
per-draw values as a mean with its Monte-Carlo standard error.
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import as_generator, check_choice, check_in_range, check_integer
from ._checks import OverflowInputError, check_no_overflow, real_scalar
from .channels import CHANNEL_MODELS, sample_port_channels
from .harvesting import resolve_eh
from .ports import MAX_PORTS_SEARCH, fixed_position_ports, select_ports
from .wet import DEFAULT_FRAME_S, _Link, _oracle_best, _power_params, max_harvested_power

__all__ = [
    "MAX_DRAWS",
    "VARIANT_LABELS",
    "mean_stderr",
    "monte_carlo_wet_efficiency",
    "summarize_wet_draws",
    "wet_summary_metadata",
]

#: Upper bound on ``n_draws`` of :func:`monte_carlo_wet_efficiency` (checked before drawing).
MAX_DRAWS = 10_000_000

#: Words for the variants returned by :func:`monte_carlo_wet_efficiency` (plot legends).
VARIANT_LABELS = {
    "fas": "FAS (Jakes)",
    "fas_constant": "FAS (constant model)",
    "fpa": "FPA",
    "tb": "TB: M of N ports (Jakes)",
    "tb_fpa": "TB FPA (spread ports)",
    "fas_full_power": "FAS at full power",
    "bound": "bound eta xi max|h_E|^2",
}


def mean_stderr(values, *, nonfinite_as=0.0):
    r"""Mean of per-draw values and its Monte-Carlo standard error.

    Parameters
    ----------
    values : array_like, shape (S,)
        Per-draw values (e.g. efficiencies [J/J]); NaN/inf entries (infeasible draws) are
        replaced by ``nonfinite_as`` first.
    nonfinite_as : float, optional
        Value of a non-finite draw (default 0: an infeasible draw harvests nothing).

    Returns
    -------
    mean, stderr : float
        :math:`\bar x` and :math:`s/\sqrt S` with the unbiased sample standard deviation
        :math:`s` (``ddof=1``); the standard error is NaN for :math:`S < 2`.

    Examples
    --------
    >>> mean_stderr([1.0, 2.0, 3.0, -np.inf])
    (1.5, 0.6454972243679028)
    """
    x = check_in_range("values", values, allow_nan=True).astype(float).ravel()
    nonfinite_as = real_scalar("nonfinite_as", nonfinite_as)
    if x.size == 0:
        raise ValueError("values must hold at least one draw, got an empty array")
    x = np.where(np.isfinite(x), x, nonfinite_as)  # infeasible draws count as nonfinite_as
    with np.errstate(over="ignore", invalid="ignore"):
        mean = float(np.mean(x))
        se = float(np.std(x, ddof=1) / np.sqrt(x.size)) if x.size > 1 else math.nan
    if not math.isfinite(mean) or not (math.isfinite(se) or x.size < 2):
        raise ValueError("values (with nonfinite_as) overflow float64 in the mean or the "
                         "standard deviation")
    return mean, se


def _check_inputs(n_ports, aperture_wl, n_draws, n_active, p_max, sinr_min, noise_power,
                  beta_e, models):
    n = check_integer("n_ports", n_ports, low=1, high=MAX_PORTS_SEARCH)
    n_draws = check_integer("n_draws", n_draws, low=1, high=MAX_DRAWS)
    m = check_integer("n_active", n_active, low=1, high=64)
    real_scalar("aperture_wl", aperture_wl, 0.0, None)
    real_scalar("sinr_min", sinr_min, 0.0, None)
    for name, v in (("p_max", p_max), ("noise_power", noise_power), ("beta_e", beta_e)):
        real_scalar(name, v, 0.0, None, low_open=True)
    if (not isinstance(models, list | tuple) or not models
            or not all(isinstance(mo, str) for mo in models)):
        raise TypeError(f"models must be a non-empty sequence of model names, got {models!r}")
    for mo in models:
        check_choice("models", mo, CHANNEL_MODELS)
    return n, n_draws, m


def monte_carlo_wet_efficiency(
    n_ports,
    aperture_wl,
    n_draws,
    rng=None,
    *,
    n_active=2,
    p_max=1.0,
    sinr_min=10.0,
    noise_power=1e-3,
    power_model=None,
    eh_model=None,
    beta_e=1.0,
    models=("jakes", "constant"),
    extras=False,
    bandwidth_hz=1.0,
):
    r"""Per-draw WET efficiencies of FAS port selection and of the fixed-position baselines.

    Variant A (*reconstruction*, docs/fas.md, "System model"): one data receiver (DR) and one
    energy receiver (ER, path gain ``beta_e``), ports chosen per draw by the alternating
    search of :func:`~wirelesseff.fas.select_ports` with the closed-form beam (exact for one
    DR + one ER). All variants share the channel draws of their model.

    Parameters
    ----------
    n_ports : int
        Ports :math:`N` per fluid antenna, 1 … :data:`~wirelesseff.fas.ports.MAX_PORTS_SEARCH`.
    aperture_wl : float
        Antenna length :math:`W` [wavelengths].
    n_draws : int
        Channel draws, 1 … :data:`MAX_DRAWS`.
    rng : Generator, int or None, optional
        Random source.
    n_active : int, optional
        Active ports :math:`M` (TA: antennas; TB: subset size), 1 … 64. Default 2
        (reconstruction default, docs/fas.md, "Defaults").
    p_max : float, optional
        Transmit power budget [W] (default 1 W, normalised reconstruction default).
    sinr_min : float, optional
        DR SINR target [-] (linear; default 10, i.e. 10 dB).
    noise_power : float, optional
        DR noise power [W] (default 1e-3 W, normalised reconstruction default).
    power_model, eh_model : optional
        As in :func:`~wirelesseff.fas.optimize_wet_efficiency` (defaults
        :func:`~wirelesseff.fas.default_power_model`, :func:`~wirelesseff.fas.default_eh_model`).
    beta_e : float, optional
        ER path gain :math:`\beta_E` [-] (default 1; 1e-2 with a logistic EH in the studies).
    models : sequence of str, optional
        Channel laws of the TA FAS (:data:`~wirelesseff.fas.channels.CHANNEL_MODELS`); the
        first draws of ``"jakes"`` also give the FPA and (after all models) one TB draw set.
        Default ``("jakes", "constant")``.
    extras : bool, optional
        Also return the full-power efficiency at the selected Jakes ports, the linear-EH bound
        and the feasibility indicators (below).
    bandwidth_hz : float, optional
        Bandwidth :math:`B` [Hz] of the DR rates (default 1 Hz: rates in bit/s/Hz).

    Returns
    -------
    dict of str to ndarray, shape (n_draws,)
        WET efficiencies [J/J] (``-inf`` where the SINR target is unreachable):

        * ``"fas"`` (Jakes) and ``"fas_<model>"`` (other models): TA, :math:`M` separate
          antennas with :math:`N` ports each, ports selected;
        * ``"fpa"``: TA with port 0 of every antenna (same Jakes draws);
        * ``"tb"``: one antenna, :math:`M` of its :math:`N` ports selected (alternating search
          from the evenly spread ports); ``"tb_fpa"``: the evenly spread ports
          (:func:`~wirelesseff.fas.fixed_position_ports` ``"spread"``); NaN for :math:`N < M`.

        The data receiver's rate with the WET-optimal beam of each variant,
        :math:`B\log_2(1 + |h_D^Hw^\star|^2/\sigma^2)` [bit/s], is under ``"rate_<variant>"``
        (0 where the SINR target is unreachable: nothing is sent).

        With ``extras``: ``"fas_full_power"`` (efficiency at :math:`P_\max` on the selected
        Jakes ports), ``"bound"`` (:math:`\eta\xi\sum_m\max_n|h_E(m, n)|^2`, NaN for a
        non-linear EH), ``"feasible_fas"``, ``"feasible_fpa"`` (1 where the SINR target is
        reachable).

    Examples
    --------
    >>> out = monte_carlo_wet_efficiency(4, 1.0, 5, rng=0)
    >>> sorted(k for k in out if not k.startswith("rate_"))
    ['fas', 'fas_constant', 'fpa', 'tb', 'tb_fpa']
    >>> bool(np.all(out["fas"] >= out["fpa"])), bool(np.all(out["rate_fas"] >= np.log2(11)))
    (True, True)
    """
    n, n_draws, m = _check_inputs(n_ports, aperture_wl, n_draws, n_active, p_max, sinr_min,
                                  noise_power, beta_e, models)
    bandwidth = real_scalar("bandwidth_hz", bandwidth_hz, 0.0, None, low_open=True)
    rng = as_generator(rng)
    eh = resolve_eh(eh_model)
    names = "p_max, noise_power, beta_e and bandwidth_hz"
    try:
        out = _draws(n, float(aperture_wl), n_draws, rng, m, float(p_max), float(sinr_min),
                     float(noise_power), power_model, eh, beta_e, models, extras, bandwidth)
    except OverflowInputError as exc:  # raised deeper, naming the deeper parameters
        raise OverflowInputError(f"the result overflows float64: {names} must have physical "
                                 f"magnitudes") from exc
    intentional_nan = {"bound"} if not hasattr(eh, "efficiency") else set()  # non-linear EH
    if n < m:  # no TB variant with fewer ports than active ports
        intentional_nan |= {"tb", "tb_fpa", "rate_tb", "rate_tb_fpa"}
    check_no_overflow((v for k, v in out.items() if k not in intentional_nan), names,
                      allow_neg_inf=True)
    return out


def _draws(n, w, n_draws, rng, m, p_max, gamma, s2, power_model, eh, beta_e, models, extras,
           bandwidth):
    """Body of :func:`monte_carlo_wet_efficiency` on validated inputs."""
    link = _Link(p_max, gamma, s2, power_model, eh, DEFAULT_FRAME_S)

    def rates(g_d, g_e, ports_of, arch="separate"):
        return np.array([_dr_rate(g_d[i], g_e[i], ports_of(i), arch, link, bandwidth)
                         for i in range(n_draws)])

    out = {}
    kw = dict(p_max=p_max, sinr_min=gamma, noise_power=s2, power_model=power_model,
              eh_model=eh, optimize_beam=False)
    for model in models:
        g = sample_port_channels(n, w, size=(n_draws, 2, m), model=model, rng=rng)
        g_d, g_e = g[:, 0], g[:, 1] * np.sqrt(beta_e)
        key = "fas" if model == "jakes" else f"fas_{model}"
        sel = [select_ports(g_d[i], g_e[i], **kw) for i in range(n_draws)]
        out[key] = np.array([s.efficiency for s in sel])
        out[f"rate_{key}"] = rates(g_d, g_e, lambda i, sel=sel: sel[i].ports)
        if model == "jakes" and extras:
            out.update(_full_power_and_bound(g_d, g_e, sel, p_max, gamma, s2, power_model, eh, m))
            out["feasible_fas"] = np.isfinite(out["fas"]).astype(float)
        if model == "jakes":
            out["fpa"] = np.array([select_ports(g_d[i][:, :1], g_e[i][:, :1],
                                                **kw).efficiency for i in range(n_draws)])
            out["rate_fpa"] = rates(g_d, g_e, lambda i: (0,) * m)
            if extras:
                out["feasible_fpa"] = np.isfinite(out["fpa"]).astype(float)
    # TB: one fluid antenna, M of its N ports active
    for key in ("tb", "tb_fpa", "rate_tb", "rate_tb_fpa"):
        out[key] = np.full(n_draws, np.nan)
    if n >= m:
        g = sample_port_channels(n, w, size=(n_draws, 2), rng=rng)
        g_d, g_e = g[:, 0], g[:, 1] * np.sqrt(beta_e)
        spread = list(fixed_position_ports(n, m, "subset", "spread"))
        tb = dict(kw, architecture="subset", n_select=m)
        sel = [select_ports(g_d[i], g_e[i], initial_ports=spread, **tb) for i in range(n_draws)]
        out["tb"] = np.array([s.efficiency for s in sel])
        out["tb_fpa"] = np.array([select_ports(g_d[i][spread], g_e[i][spread], **tb).efficiency
                                  for i in range(n_draws)])
        out["rate_tb"] = rates(g_d, g_e, lambda i: sel[i].ports, "subset")
        out["rate_tb_fpa"] = rates(g_d, g_e, lambda i: spread, "subset")
    return out


def _dr_rate(g_d, g_e, ports, arch, link, bandwidth):
    """DR rate [bit/s] with the WET-optimal beam at ``ports`` (0 if the target is unreachable)."""
    k = np.asarray(ports)
    if arch == "separate":
        idx = (np.arange(k.size), k)
        h_d, h_e = g_d[idx], g_e[idx]
    else:
        h_d, h_e = g_d[k], g_e[k]
    _, w, _ = _oracle_best(h_d, h_e, link.frame(k.size))
    if w is None:
        return 0.0
    return bandwidth * math.log2(1.0 + abs(np.vdot(h_d, w)) ** 2 / link.sigma2)


def _full_power_and_bound(g_d, g_e, sel, p_max, gamma, s2, power_model, eh, m):
    """Efficiency at full power on the selected ports and the linear-EH bound, per draw."""
    xi, pc = _power_params(power_model, m)
    rows = np.arange(m)
    full = []
    for i, s in enumerate(sel):
        k = np.asarray(s.ports)
        p_in = float(max_harvested_power(g_d[i][rows, k], g_e[i][rows, k], p_max, gamma, s2)[0])
        full.append(eh.harvest(p_in) / (p_max / xi + pc) if np.isfinite(p_in) else -np.inf)
    eta = getattr(eh, "efficiency", np.nan)
    bound = eta * xi * np.sum(np.max(np.abs(g_e) ** 2, axis=-1), axis=-1)
    return {"fas_full_power": np.array(full), "bound": bound}


def summarize_wet_draws(draws, variants):
    r"""Mean and standard error of the per-draw efficiencies and DR rates of some variants.

    Parameters
    ----------
    draws : dict
        Output of :func:`monte_carlo_wet_efficiency`.
    variants : sequence of str
        Variant keys (``"fas"``, ``"fpa"``, ...).

    Returns
    -------
    dict of str to float
        ``eff_<v>``, ``eff_<v>_se`` [J/J] and ``rate_<v>``, ``rate_<v>_se`` (units of the
        rates) for every variant: :func:`mean_stderr` with infeasible draws counted as 0, or
        NaN for a variant that does not exist at this point (TB with :math:`N < M`).

    Examples
    --------
    >>> d = {"fas": np.array([1.0, 3.0]), "rate_fas": np.array([2.0, 2.0])}
    >>> summarize_wet_draws(d, ["fas"])
    {'eff_fas': 2.0, 'eff_fas_se': 1.0, 'rate_fas': 2.0, 'rate_fas_se': 0.0}
    """
    if not isinstance(variants, list | tuple) or not all(isinstance(v, str) for v in variants):
        raise TypeError(f"variants must be a sequence of variant keys, got {variants!r}")
    if not isinstance(draws, dict):
        raise TypeError(f"draws must be a dict of per-draw arrays, got {type(draws).__name__}")
    out = {}
    for v in variants:
        for prefix, key in (("eff", v), ("rate", f"rate_{v}")):
            if key not in draws:
                raise ValueError(f"variants: {v!r} is not in draws (keys {sorted(draws)})")
            x = check_in_range(f"draws[{key!r}]", draws[key], allow_nan=True).astype(float)
            if np.all(np.isnan(x)):
                out[f"{prefix}_{v}"], out[f"{prefix}_{v}_se"] = np.nan, np.nan
            else:
                out[f"{prefix}_{v}"], out[f"{prefix}_{v}_se"] = mean_stderr(x)
    return out


def wet_summary_metadata(variants, rate_units="bit/s/Hz"):
    """Units and long names of the variables of :func:`summarize_wet_draws`.

    Parameters
    ----------
    variants : sequence of str
        Variant keys (labels from :data:`VARIANT_LABELS`).
    rate_units : str, optional
        Units of the rates (``"bit/s/Hz"`` for the default 1 Hz bandwidth).

    Returns
    -------
    units, long_names : dict of str to str

    Examples
    --------
    >>> units, names = wet_summary_metadata(["fpa"])
    >>> units["eff_fpa"], names["rate_fpa_se"]
    ('J/J', 'std. error, DR rate, FPA')
    """
    if not isinstance(variants, list | tuple) or not all(isinstance(v, str) for v in variants):
        raise TypeError(f"variants must be a sequence of variant keys, got {variants!r}")
    if not isinstance(rate_units, str):
        raise TypeError(f"rate_units must be a str, got {rate_units!r}")
    units, names = {}, {}
    for v in variants:
        label = VARIANT_LABELS.get(v, v)
        for prefix, unit, what in (("eff", "J/J", "WET efficiency"),
                                   ("rate", rate_units, "DR rate")):
            units[f"{prefix}_{v}"] = units[f"{prefix}_{v}_se"] = unit
            names[f"{prefix}_{v}"] = f"{what}, {label}"
            names[f"{prefix}_{v}_se"] = f"std. error, {what}, {label}"
    return units, names
