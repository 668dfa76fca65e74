r"""One network drop: association and downlink SINR of every user, at scale.

For users :math:`u` and active cells :math:`c` on the torus, with transmit power
:math:`P_c`, mean link gain :math:`\bar g_{uc}` (path loss, shadowing, antenna pattern of
:class:`~wirelesseff.network.LinkModel`), small-scale fading :math:`h_{uc}`, association
bias :math:`B_c` and interferer activity :math:`a_c \in [0, 1]`:

.. math::

    s(u) = \arg\max_{c:\,d_{uc}\le R} B_c P_c \bar g_{uc},\qquad
    \mathrm{SINR}_u = \frac{P_{s} \bar g_{us} h_{us}}
                           {\sum_{c \ne s,\ d_{uc} \le R} a_c P_c \bar g_{uc} h_{uc}
                            + \sigma^2}.

Association is to the strongest biased *mean* received power (the nearest cell for a common
power law without shadowing; biased association of tiers as in Jo, Sang, Xia, Andrews, IEEE
TWC 2012, doi:10.1109/TWC.2012.121112.120018). Interference comes from every active cell within
the cut-off radius :math:`R` (minimal-image distance on the torus; ``cutoff_radius=np.inf``
takes every cell of the torus).

**Default cut-off.** For a PPP of site density :math:`\lambda` and a power-law exponent
:math:`\alpha > 2`, the mean interference from beyond :math:`R` relative to that from beyond
the mean serving distance :math:`\bar r = 1/(2\sqrt\lambda)` is
:math:`(\bar r/R)^{\alpha-2}` (Campbell's theorem, e.g. Haenggi, *Stochastic Geometry for
Wireless Networks*, Cambridge 2012, Sec. 4.2). The default :math:`R` makes this equal to
``omitted_fraction`` (1 %); the median user's share of omitted interference is then below
twice that (tested on PPP and hexagonal drops, :math:`\alpha` = 3.5-4). Models with a far-field
exponent :math:`\le 2` (free space) or a callable path loss use the whole torus.

**Scale and memory.** Candidate links are enumerated with
:meth:`scipy.spatial.cKDTree.sparse_distance_matrix` (periodic ``boxsize``), user block by user
block; a block holds about ``max_pairs`` user-cell pairs (default :data:`MAX_PAIRS_PER_BLOCK`,
2^20: a traced peak of about 55 MB, tested). No users x cells matrix is formed unless
``n_users * n_cells <= max_pairs``. Work is proportional to the number of links within
:math:`R`, i.e. :math:`O(U\lambda\pi R^2)`, not :math:`O(UC)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.spatial import cKDTree

from .._validation import check_finite, check_in_range, check_integer
from ..channel.noise import noise_power as thermal_noise_power
from ._checks import generator, overflow_guard, per_item, real, same_length, scalar
from .layout import Deployment, _check_deployment, _check_users
from .radio import LinkModel, sector_gain_db

__all__ = [
    "DEFAULT_BANDWIDTH",
    "DEFAULT_NOISE_FIGURE_DB",
    "MAX_PAIRS_PER_BLOCK",
    "Drop",
    "default_cutoff_radius",
    "simulate_drop",
]

#: Pairs of one processing block (bounds the temporaries of a drop; see module notes).
MAX_PAIRS_PER_BLOCK = 2**20
#: Default system bandwidth [Hz]: 10 MHz, the LTE carrier of the EARTH evaluation (Auer et
#: al., IEEE Wireless Commun. 2011) and of 3GPP TR 36.814 Table A.2.1.1-2.
DEFAULT_BANDWIDTH = 10e6
#: Default UE noise figure [dB] (3GPP TR 36.814 V9.0.0 Table A.2.1.1-2) [unverified table
#: reference].
DEFAULT_NOISE_FIGURE_DB = 9.0


def default_cutoff_radius(site_density, exponent, omitted_fraction=0.01) -> float:
    r"""Interference cut-off radius :math:`R = \bar r\,\epsilon^{-1/(\alpha-2)}` [m].

    Parameters
    ----------
    site_density : float
        Density of active sites :math:`\lambda` [1/m^2], > 0.
    exponent : float or None
        Far-field path-loss exponent :math:`\alpha` [-], > 0; ``None`` or :math:`\le 2`
        gives ``inf`` (the whole torus: the interference of a plane would diverge).
    omitted_fraction : float
        :math:`\epsilon` in (0, 1): mean interference from beyond :math:`R` relative to that
        from beyond :math:`\bar r = 1/(2\sqrt\lambda)` (PPP, power law).

    Examples
    --------
    >>> round(default_cutoff_radius(1e-6, 4.0), 3)        # r = 500 m, eps^(-1/2) = 10
    5000.0
    >>> default_cutoff_radius(1e-6, 2.0)
    inf
    """
    lam = scalar("site_density", site_density, 0.0, None, low_open=True)
    eps = scalar("omitted_fraction", omitted_fraction, 0.0, 1.0, low_open=True,
                 high_open=True)
    if exponent is None:
        return float("inf")
    alpha = scalar("exponent", exponent, 0.0, None, low_open=True)
    if alpha <= 2.0:
        return float("inf")
    with np.errstate(over="ignore"):
        out = 0.5 / np.sqrt(lam) * eps ** (-1.0 / (alpha - 2.0))
    # exponents just above 2 make the bound astronomically large: inf means "no cut-off"
    return float(out)


@dataclass(frozen=True, eq=False)
class Drop:
    r"""Per-user outcome of :func:`simulate_drop` (arrays of length ``n_users``).

    Attributes
    ----------
    serving : ndarray of int
        Serving cell index; -1 if no active cell lies within the cut-off radius.
    signal, interference : ndarray
        Received signal and interference power [W].
    noise_power : float
        Noise power :math:`\sigma^2` [W].
    distance : ndarray
        Distance to the serving cell [m] (NaN if unserved).
    cutoff_radius : float
        Interference cut-off radius used [m] (``inf``: whole torus).
    link_key : int
        Key of the per-link randomness (reuse it to re-evaluate the same links).
    n_cells : int
        Number of cells of the deployment.
    active : ndarray of bool
        Cells that were switched on.
    n_links : int
        Number of user-cell links evaluated.
    """

    serving: np.ndarray
    signal: np.ndarray
    interference: np.ndarray
    noise_power: float
    distance: np.ndarray
    cutoff_radius: float
    link_key: int
    n_cells: int
    active: np.ndarray = field(repr=False)
    n_links: int = 0

    def __post_init__(self):
        serving = check_in_range("serving", self.serving, -1, None)
        for name in ("signal", "interference"):
            real(name, getattr(self, name), 0.0, None)
        dist = check_in_range("distance", self.distance, 0.0, None, allow_nan=True)
        same_length([(k, getattr(self, k)) for k in ("serving", "signal", "interference",
                                                     "distance")], serving.size, "user")
        if np.any(~np.isfinite(dist) != (serving < 0)):
            raise ValueError("distance must be finite exactly where serving >= 0 (NaN for "
                             "unserved users)")
        scalar("noise_power", self.noise_power, 0.0, None)
        scalar("cutoff_radius", self.cutoff_radius, 0.0, None, low_open=True, finite=False)
        check_integer("link_key", self.link_key, low=0, high=2**63 - 1)
        check_integer("n_cells", self.n_cells, low=0, high=2**31 - 1)
        check_integer("n_links", self.n_links, low=0)
        if serving.size and serving.max(initial=-1) >= self.n_cells:
            raise ValueError(f"serving must be below n_cells = {self.n_cells}")

    @property
    def sinr(self) -> np.ndarray:
        """:math:`S/(I + \\sigma^2)` [-] (0 for unserved users)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.serving >= 0,
                            self.signal / (self.interference + self.noise_power), 0.0)

    @property
    def n_users(self) -> int:
        return int(self.serving.size)


def _bias_per_cell(deployment: Deployment, bias_db) -> np.ndarray:
    if bias_db is None:
        return np.ones(deployment.n_cells)
    if isinstance(bias_db, dict):
        out = np.zeros(deployment.n_cells)
        for tier in np.unique(deployment.tier):
            out[deployment.tier == tier] = scalar(f"bias_db[{int(tier)}]",
                                                  bias_db.get(int(tier), 0.0))
        b = out
    else:
        b = per_item("bias_db", bias_db, deployment.n_cells, "cell", low=None)
    check_finite(bias_db=b)
    check_in_range("bias_db", b, -100.0, 100.0)
    return 10.0 ** (b / 10.0)


def _plan_block(n_users, n_active, pairs_per_user, max_pairs) -> int:
    """Users per block so that a block holds about ``max_pairs`` pairs (at least one user)."""
    per_user = max(1.0, min(float(n_active), pairs_per_user))
    return int(max(1, min(n_users, max_pairs // per_user))) if n_users else 1


def simulate_drop(deployment: Deployment, users, link: LinkModel | None = None, *,
                  bandwidth=DEFAULT_BANDWIDTH, noise_figure_db=DEFAULT_NOISE_FIGURE_DB,
                  noise_power=None, active=None, activity=None, bias_db=None,
                  cutoff_radius=None, omitted_fraction=0.01, rng=None, link_key=None,
                  user_ids=None, max_pairs=MAX_PAIRS_PER_BLOCK) -> Drop:
    r"""Associate every user and compute its downlink SINR in one drop.

    Parameters
    ----------
    deployment : Deployment
        Cells on the torus.
    users : array_like, shape (n_users, 2)
        User positions [m] (wrapped into the window).
    link : LinkModel, optional
        Link model (default :class:`LinkModel()`: 3GPP macro power law, no shadowing, no fading).
    bandwidth : float
        Receiver bandwidth :math:`B` [Hz] for the thermal noise, in [1, 10^12]; default 10 MHz.
    noise_figure_db : float
        UE noise figure [dB], in [0, 100]; default 9 dB.
    noise_power : float, optional
        Noise power :math:`\sigma^2` [W], >= 0, overriding ``bandwidth``/``noise_figure_db``
        (0: interference-limited).
    active : array_like of bool, optional
        Cells switched on (default all). Off cells neither serve nor interfere.
    activity : array_like, optional
        Interferer activity :math:`a_c \in [0, 1]` per cell (fraction of resources in use;
        default 1, full-buffer interference).
    bias_db : float, array_like or dict, optional
        Association bias [dB] per cell, or a ``{tier: bias_db}`` mapping.
    cutoff_radius : float, optional
        Interference cut-off :math:`R` [m] (> 0; ``np.inf``: whole torus). Default from
        :func:`default_cutoff_radius` with the model's far-field exponent.
    omitted_fraction : float
        :math:`\epsilon` of the default cut-off (default 0.01).
    rng : Generator, int or None
        Source of the drop's ``link_key`` (ignored when ``link_key`` is given).
    link_key : int, optional
        Key of the per-link randomness (:func:`~wirelesseff.network.link_uniforms`).
    user_ids : array_like of int, optional
        Global user indices keying the per-link randomness (default ``0..n_users-1``); pass
        them when re-evaluating a subset of the users of a drop.
    max_pairs : int
        User-cell pairs per processing block, in [1, 2^31) (default 2^20).

    Returns
    -------
    Drop

    Raises
    ------
    ValueError
        Bad shapes or values (parameter named), or a link model that needs a key without one.

    Examples
    --------
    >>> from wirelesseff.network import hex_deployment, users_per_cell
    >>> dep = hex_deployment(500.0, 6)
    >>> users = users_per_cell(dep, 20, rng=0)
    >>> drop = simulate_drop(dep, users, rng=0)
    >>> drop.n_users, bool(np.all(drop.serving >= 0)), round(float(np.median(drop.sinr)), 2)
    (720, True, 3.56)
    """
    link = LinkModel() if link is None else link
    if not isinstance(link, LinkModel):
        raise TypeError(f"link must be a LinkModel, got {type(link).__name__}")
    _check_deployment(deployment)
    u = np.mod(_check_users(users), deployment.box)
    u[u >= np.asarray(deployment.box)] = 0.0
    n_users, n_cells = u.shape[0], deployment.n_cells
    max_pairs = check_integer("max_pairs", max_pairs, low=1, high=2**31 - 1)
    if noise_power is None:
        b = scalar("bandwidth", bandwidth, 1.0, 1e12)
        nf = scalar("noise_figure_db", noise_figure_db, 0.0, 100.0)
        sigma2 = float(thermal_noise_power(b, nf))
        overflow_guard("noise_figure_db (or bandwidth)", sigma2, "noise power")
    else:
        sigma2 = scalar("noise_power", noise_power, 0.0, None)
    omitted_fraction = scalar("omitted_fraction", omitted_fraction, 0.0, 1.0, low_open=True,
                              high_open=True)
    on = (np.ones(n_cells, bool) if active is None
          else per_item("active", active, n_cells, "cell", low=0.0) != 0)
    act = (np.ones(n_cells) if activity is None
           else per_item("activity", activity, n_cells, "cell", low=0.0))
    check_in_range("activity", act, 0.0, 1.0)
    bias = _bias_per_cell(deployment, bias_db)
    if link_key is None:
        link_key = int(generator(rng).integers(0, 2**63 - 1))
    link_key = check_integer("link_key", link_key, low=0, high=2**63 - 1)
    if user_ids is None:
        uid = np.arange(n_users)
    else:
        uid = real("user_ids", user_ids, 0, 2**31 - 1).reshape(-1)
        if np.any(uid != np.round(uid)):
            raise ValueError("user_ids must hold integers")
        uid = uid.astype(np.int64)
        if uid.size != n_users:
            raise ValueError(f"user_ids must have one entry per user ({n_users}), got "
                             f"{uid.size}")
        check_in_range("user_ids", uid, 0, 2**31 - 1)
    check_integer("number of cells", n_cells, high=2**31 - 1)

    idx_on = np.flatnonzero(on)
    n_on = idx_on.size
    sites_on = np.unique(deployment.site[idx_on]).size
    box = np.asarray(deployment.box)
    half_diag = 0.5 * float(np.hypot(*box))
    if cutoff_radius is None:
        radius = (default_cutoff_radius(sites_on / deployment.area, link.far_field_exponent,
                                        omitted_fraction) if sites_on else float("inf"))
    else:
        radius = scalar("cutoff_radius", cutoff_radius, 0.0, None, low_open=True,
                        finite=False)
    query_r = min(radius, half_diag * (1.0 + 1e-9))

    serving = np.full(n_users, -1, dtype=np.int64)
    signal = np.zeros(n_users)
    interference = np.zeros(n_users)
    distance = np.full(n_users, np.nan)
    n_links = 0
    if n_on and n_users:
        cell_tree = cKDTree(deployment.positions[idx_on], boxsize=box)
        pairs_per_user = n_on / deployment.area * np.pi * query_r**2
        block = _plan_block(n_users, n_on, pairs_per_user, max_pairs)
        pw = deployment.tx_power
        sectored = deployment.sectored
        any_sectored = bool(np.any(sectored[idx_on]))
        faded = link.fading != "none"
        tr38901 = link.path_loss in ("uma", "umi")
        keyed = faded or link.shadowing_std_db != 0 or (tr38901 and link.los == "probabilistic")
        biased = bool(np.any(bias != 1.0))
        partial = bool(np.any(act != 1.0))
        for start in range(0, n_users, block):
            stop = min(n_users, start + block)
            ublk = u[start:stop]
            utree = cKDTree(ublk, boxsize=box)
            coo = utree.sparse_distance_matrix(cell_tree, query_r, output_type="ndarray")
            if coo.size == 0:
                continue
            i = coo["i"].astype(np.intp)
            c = idx_on[coo["j"]]
            d = coo["v"].astype(float)
            n_links += int(i.size)
            gi = uid[start + i] if keyed else None
            gain = link.mean_gain(d, h_bs=deployment.height[c] if tr38901 else None,
                                  link_key=link_key, user_ids=gi, cell_ids=c)
            if any_sectored:
                sec = sectored[c]
                disp = ublk[i[sec]] - deployment.positions[c[sec]]
                disp = np.mod(disp + 0.5 * box, box) - 0.5 * box
                ang = np.arctan2(disp[:, 1], disp[:, 0]) - deployment.azimuth[c[sec]]
                gain[sec] *= 10.0 ** (sector_gain_db(
                    ang, beamwidth_deg=link.sector_beamwidth_deg,
                    max_attenuation_db=link.sector_max_attenuation_db,
                    max_gain_db=link.sector_max_gain_db) / 10.0)
            mean_rx = gain
            mean_rx *= pw[c]
            score = mean_rx * bias[c] if biased else mean_rx
            nb = stop - start
            best = np.full(nb, -np.inf)
            np.maximum.at(best, i, score)
            cand = np.where(score == best[i], c, n_cells)
            serv = np.full(nb, n_cells, dtype=np.intp)
            np.minimum.at(serv, i, cand)
            is_serv = c == serv[i]
            rx = mean_rx * link.fading_gain(link_key, gi, c) if faded else mean_rx
            w = rx * act[c] if partial else rx.copy()
            w[is_serv] = 0.0
            interference[start:stop] = np.bincount(i, weights=w, minlength=nb)
            i_s = i[is_serv]
            signal[start + i_s] = rx[is_serv]
            distance[start + i_s] = d[is_serv]
            serving[start + i_s] = c[is_serv]
    for arr in (serving, signal, interference, distance, on):
        arr.setflags(write=False)
    return Drop(serving=serving, signal=signal, interference=interference, noise_power=sigma2,
                distance=distance, cutoff_radius=radius, link_key=link_key, n_cells=n_cells,
                active=on, n_links=n_links)
