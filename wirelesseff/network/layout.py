r"""Base-station deployments and user drops on a torus (wrap-around, no edge effects).

Every layout lives in a rectangular window :math:`[0, W) \times [0, H)` whose opposite edges
are identified (a torus), so that every base station and user sees a statistically identical
neighbourhood. Distances are minimal-image distances on that torus.

* :func:`hex_deployment` — hexagonal grid of sites with inter-site distance :math:`D`,
  optionally three sectors per site (3GPP boresights 30°, 150°, 270°).
* :func:`ppp_deployment` — homogeneous Poisson point process (PPP) of base stations.
* :func:`stack_tiers` — superpose deployments (tiers of a heterogeneous network).
* :func:`ppp_users`, :func:`uniform_users`, :func:`users_per_cell` — user layouts.

Randomness only through ``rng``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .._validation import check_finite, check_in_range, check_integer
from ._checks import generator, real, scalar

__all__ = [
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
]

#: Upper bound on the number of base stations of one deployment (checked before allocating).
MAX_BASE_STATIONS = 10_000_000
#: Upper bound on the number of users of one drop (checked before allocating).
MAX_USERS = 100_000_000

#: Sector boresight azimuths of a 3-sector site [deg] (3GPP TR 38.901 V17.0.0, Sec. 7.8,
#: Table 7.8-1: BS antenna orientations 30°, 150°, 270°).
SECTOR_AZIMUTHS_DEG = (30.0, 150.0, 270.0)

#: Default transmit power per cell [W]: the EARTH macro cell, 2 TRX x 20 W = 40 W (46 dBm)
#: (Auer et al., IEEE Wireless Commun. 2011, Table 2).
DEFAULT_TX_POWER = 40.0
#: Default BS antenna height [m] (3GPP TR 38.901 Table 7.4.1-1, UMa: 25 m).
DEFAULT_BS_HEIGHT = 25.0


def _box(box, name="box") -> tuple[float, float]:
    b = real(name, box, 0.0, None, low_open=True)
    if b.ndim > 1 or (b.ndim == 1 and b.size != 2):
        raise ValueError(f"{name} must be a side length or a (width, height) pair [m], got shape "
                         f"{b.shape}")
    b = np.broadcast_to(b, (2,))
    return float(b[0]), float(b[1])


def _per_cell(name, value, n, *, kind="real", low=None, low_open=False):
    """A scalar or one value per cell (``n`` cells from ``positions``)."""
    if kind == "real":
        arr = real(name, value, low, None, low_open=low_open, finite=False)
    else:
        arr = check_in_range(name, value, allow_nan=(kind == "nan"))
    if arr.ndim > 1 or (arr.ndim == 1 and arr.size != n):
        raise ValueError(f"{name} must be a scalar or have one entry per cell ({n} cells from "
                         f"positions), got shape {arr.shape}")
    return np.array(np.broadcast_to(arr, (n,)))


@dataclass(frozen=True, eq=False)
class Deployment:
    r"""Base stations (cells) on a torus.

    One entry per *cell*: a 3-sector site contributes three cells at the same position with
    different :attr:`azimuth`. Build with :func:`hex_deployment`, :func:`ppp_deployment` or
    directly (the arrays are copied and frozen).

    Attributes
    ----------
    positions : ndarray, shape (n, 2)
        Cell positions [m], wrapped into the window.
    box : tuple of float
        Window side lengths :math:`(W, H)` [m] of the torus.
    tx_power : ndarray, shape (n,)
        Transmit power per cell at full load [W].
    height : ndarray, shape (n,)
        Antenna height [m].
    azimuth : ndarray, shape (n,)
        Sector boresight [rad]; pass NaN for an omnidirectional cell (stored as 0 with
        ``sectored`` False).
    tier : ndarray, shape (n,)
        Tier label (int; 0 for a single-tier network).
    site : ndarray, shape (n,)
        Site index (sectors of one site share it).
    kind : str
        ``"hex"``, ``"ppp"``, ``"stacked"`` or ``"custom"``.
    inter_site_distance : float
        Inter-site distance of a hexagonal grid [m] (0 otherwise).
    sectored : ndarray of bool, shape (n,)
        Whether a cell has a sector antenna (derived from ``azimuth``; not an argument).

    Examples
    --------
    >>> dep = hex_deployment(500.0, 4, 4, sectors=3)
    >>> dep.n_cells, dep.n_sites, round(dep.area / 1e6, 4)
    (48, 16, 3.4641)
    """

    positions: np.ndarray
    box: tuple
    tx_power: np.ndarray
    height: np.ndarray
    azimuth: np.ndarray
    tier: np.ndarray
    site: np.ndarray
    kind: str = "custom"
    inter_site_distance: float = 0.0
    sectored: np.ndarray = None

    def __post_init__(self):
        box = _box(self.box)
        pos = real("positions", self.positions)
        if pos.size % 2 or (pos.ndim == 2 and pos.shape[1] != 2) or pos.ndim > 2:
            raise ValueError(f"positions must have shape (n, 2) [m], got shape {pos.shape}")
        pos = pos.reshape(-1, 2)
        n = pos.shape[0]
        check_integer("number of base stations", n, low=0, high=MAX_BASE_STATIONS)
        pos = np.mod(pos, box)
        pos[pos >= np.asarray(box)] = 0.0  # mod can round up to the box edge
        fields = {
            "tx_power": _per_cell("tx_power", DEFAULT_TX_POWER if self.tx_power is None
                                  else self.tx_power, n, low=0.0, low_open=True),
            "height": _per_cell("height", DEFAULT_BS_HEIGHT if self.height is None
                                else self.height, n, low=0.0, low_open=True),
            "azimuth": _per_cell("azimuth", np.nan if self.azimuth is None else self.azimuth,
                                 n, kind="nan"),
            "tier": _per_cell("tier", 0 if self.tier is None else self.tier, n, kind="any"),
            "site": _per_cell("site", np.arange(n) if self.site is None else self.site, n,
                              kind="any"),
        }
        check_finite(tx_power=fields["tx_power"], height=fields["height"])
        for name in ("tier", "site"):
            arr = fields[name]
            check_finite(**{name: arr})
            if np.any(arr != np.round(arr)):
                raise ValueError(f"{name} must hold integers, got {arr[arr != np.round(arr)][0]}")
            fields[name] = arr.astype(int)
        az = fields["azimuth"].astype(float)
        if np.any(np.isinf(az)):
            raise ValueError("azimuth must be finite (or NaN for an omnidirectional cell), "
                             "got inf")
        fields["sectored"] = np.isfinite(az)
        isd = scalar("inter_site_distance", self.inter_site_distance, 0.0, None)
        object.__setattr__(self, "inter_site_distance", isd)
        if not isinstance(self.kind, str):
            raise TypeError(f"kind must be a string label, got {self.kind!r}")
        fields["azimuth"] = np.where(fields["sectored"], az, 0.0)
        for name, arr in (("positions", pos), *fields.items()):
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        object.__setattr__(self, "box", box)

    @property
    def n_cells(self) -> int:
        """Number of cells (base stations; sectors count separately)."""
        return int(self.positions.shape[0])

    @property
    def n_sites(self) -> int:
        """Number of distinct sites."""
        return int(np.unique(self.site).size)

    @property
    def area(self) -> float:
        """Window area [m^2]."""
        return self.box[0] * self.box[1]

    @property
    def site_density(self) -> float:
        """Sites per unit area [1/m^2]."""
        return self.n_sites / self.area

    @property
    def cell_density(self) -> float:
        """Cells per unit area [1/m^2]."""
        return self.n_cells / self.area

    def site_positions(self) -> np.ndarray:
        """Position of each distinct site, shape (n_sites, 2) [m], in site-index order."""
        _, first = np.unique(self.site, return_index=True)
        return self.positions[first]

    def with_tx_power(self, tx_power) -> Deployment:
        """A copy with another transmit power per cell [W] (scalar or per cell)."""
        return replace(self, tx_power=tx_power,
                       azimuth=np.where(self.sectored, self.azimuth, np.nan), sectored=None)


def torus_displacement(a, b, box) -> np.ndarray:
    r"""Minimal-image displacement :math:`b - a` on the torus, each component in
    :math:`[-W/2, W/2)` [m].

    Parameters
    ----------
    a, b : array_like, shape (..., 2)
        Points [m] (broadcast).
    box : float or (float, float)
        Torus side lengths [m].

    Examples
    --------
    >>> torus_displacement([1.0, 1.0], [9.0, 2.0], 10.0)
    array([-2.,  1.])
    """
    w = np.asarray(_box(box))
    a, b = real("a", a), real("b", b)
    for name, arr in (("a", a), ("b", b)):
        if arr.ndim == 0 or arr.shape[-1] != 2:
            raise ValueError(f"{name} must be points of shape (..., 2), got the shape "
                             f"{arr.shape}")
    try:
        d = b - a
    except ValueError:
        raise ValueError(f"a and b must broadcast together, got shapes {a.shape} and "
                         f"{b.shape}") from None
    return np.mod(d + 0.5 * w, w) - 0.5 * w


def hex_deployment(inter_site_distance, n_cols, n_rows=None, *, sectors=1,
                   tx_power=DEFAULT_TX_POWER, height=DEFAULT_BS_HEIGHT, tier=0) -> Deployment:
    r"""Hexagonal grid of sites with wrap-around (a torus tiled by hexagonal cells).

    Parameters
    ----------
    inter_site_distance : float
        Distance :math:`D` between neighbouring sites [m], > 0.
    n_cols : int
        Sites per row, in [2, 10^4].
    n_rows : int, optional
        Rows of sites (even, so that the staggered rows close on the torus), in [2, 10^4].
        Default: the even number giving the squarest window.
    sectors : {1, 3}
        Cells per site: omnidirectional, or three sectors with boresights
        :data:`SECTOR_AZIMUTHS_DEG`.
    tx_power : float
        Transmit power per cell [W] (default 40 W, the EARTH macro cell).
    height : float
        Antenna height [m] (default 25 m, TR 38.901 UMa).
    tier : int
        Tier label of every cell.

    Returns
    -------
    Deployment
        ``n_cols * n_rows * sectors`` cells in a window of
        :math:`n_\mathrm{cols}D \times n_\mathrm{rows}D\sqrt3/2`.

    Notes
    -----
    Site :math:`(c, r)` sits at :math:`\bigl((c + (r \bmod 2)/2)D,\ r D\sqrt3/2\bigr)`. With
    an even number of rows the lattice is periodic in both directions, so the wrap-around
    removes edge effects exactly. The site density is :math:`2/(\sqrt3 D^2)`.

    Examples
    --------
    >>> dep = hex_deployment(500.0, 4)
    >>> dep.n_sites, dep.box[0], round(dep.box[1], 3)
    (16, 2000.0, 1732.051)
    >>> float(round(dep.site_density * np.sqrt(3) / 2 * 500.0**2, 12))
    1.0
    """
    d = scalar("inter_site_distance", inter_site_distance, 0.0, 1e7, low_open=True)
    n_cols = check_integer("n_cols", n_cols, low=2, high=10_000)
    if n_rows is None:
        n_rows = max(2, 2 * int(round(n_cols / np.sqrt(3))))
    n_rows = check_integer("n_rows", n_rows, low=2, high=10_000)
    if n_rows % 2:
        raise ValueError(f"n_rows must be even for a hexagonal grid on a torus, got {n_rows}")
    sectors = check_integer("sectors", sectors, low=1, high=3)
    if sectors == 2:
        raise ValueError("sectors must be 1 or 3, got 2")
    if n_cols * n_rows * sectors > MAX_BASE_STATIONS:
        raise ValueError(f"n_cols x n_rows x sectors = {n_cols * n_rows * sectors} cells is "
                         f"above the bound of {MAX_BASE_STATIONS}")
    c, r = np.meshgrid(np.arange(n_cols), np.arange(n_rows))
    x = (c + 0.5 * (r % 2)) * d
    y = r * d * np.sqrt(3.0) / 2.0
    sites = np.column_stack([x.ravel(), y.ravel()])
    box = (n_cols * d, n_rows * d * np.sqrt(3.0) / 2.0)
    n_sites = sites.shape[0]
    if sectors == 1:
        pos, az, site = sites, np.full(n_sites, np.nan), np.arange(n_sites)
    else:
        pos = np.repeat(sites, 3, axis=0)
        az = np.tile(np.deg2rad(SECTOR_AZIMUTHS_DEG), n_sites)
        site = np.repeat(np.arange(n_sites), 3)
    return Deployment(positions=pos, box=box, tx_power=tx_power, height=height, azimuth=az,
                      tier=tier, site=site, kind="hex", inter_site_distance=d)


def _expected_count(name, density, box, bound):
    mean = density * box[0] * box[1]
    if not mean <= bound:
        raise ValueError(f"{name} = {density:.4g} in a box of {box[0]:.4g} m x {box[1]:.4g} m "
                         f"gives {mean:.4g} expected points, above the bound of {bound} per "
                         f"drop; reduce {name} or the box")
    return mean


def ppp_deployment(density, box, rng=None, *, tx_power=DEFAULT_TX_POWER,
                   height=DEFAULT_BS_HEIGHT, tier=0) -> Deployment:
    r"""Homogeneous Poisson point process of base stations on a torus.

    Parameters
    ----------
    density : float
        Intensity :math:`\lambda` [1/m^2], > 0. The expected count :math:`\lambda W H` must not
        exceed :data:`MAX_BASE_STATIONS`.
    box : float or (float, float)
        Window side lengths [m].
    rng : Generator, int or None
        Random source.
    tx_power, height, tier
        As for :func:`hex_deployment`.

    Returns
    -------
    Deployment
        :math:`N \sim \mathrm{Poisson}(\lambda W H)` omnidirectional cells placed uniformly
        (possibly none).

    Examples
    --------
    >>> dep = ppp_deployment(1e-5, 10_000.0, rng=1)
    >>> dep.kind, 800 < dep.n_cells < 1200
    ('ppp', True)
    """
    density = scalar("density", density, 0.0, None, low_open=True)
    box = _box(box)
    mean = _expected_count("density", density, box, MAX_BASE_STATIONS)
    gen = generator(rng)
    n = int(gen.poisson(mean))
    pos = gen.random((n, 2)) * np.asarray(box)
    return Deployment(positions=pos, box=box, tx_power=tx_power, height=height,
                      azimuth=np.nan, tier=tier, site=np.arange(n), kind="ppp")


def stack_tiers(*deployments: Deployment) -> Deployment:
    """Superpose deployments on the same window (tiers of a heterogeneous network).

    Site indices are renumbered so that they stay distinct; tiers keep their labels.

    Examples
    --------
    >>> macro = hex_deployment(500.0, 4, tier=0)
    >>> small = ppp_deployment(2e-5, macro.box, rng=0, tx_power=1.0, height=10.0, tier=1)
    >>> het = stack_tiers(macro, small)
    >>> het.n_cells == macro.n_cells + small.n_cells, sorted(set(het.tier.tolist()))
    (True, [0, 1])
    """
    if not deployments:
        raise ValueError("stack_tiers needs at least one deployment")
    for d in deployments:
        if not isinstance(d, Deployment):
            raise TypeError(f"deployments must be Deployment objects, got {type(d).__name__}")
    box = deployments[0].box
    for d in deployments[1:]:
        if not np.allclose(d.box, box, rtol=1e-12, atol=0.0):
            raise ValueError(f"all deployments must share one window, got {d.box} and {box}")
    sites, offset = [], 0
    for d in deployments:
        sites.append(d.site + offset)
        offset += int(d.site.max()) + 1 if d.n_cells else 0
    cat = np.concatenate
    return Deployment(positions=cat([d.positions for d in deployments]), box=box,
                      tx_power=cat([d.tx_power for d in deployments]),
                      height=cat([d.height for d in deployments]),
                      azimuth=cat([np.where(d.sectored, d.azimuth, np.nan) for d in deployments]),
                      tier=cat([d.tier for d in deployments]), site=cat(sites), kind="stacked")


def uniform_users(n, box, rng=None) -> np.ndarray:
    """``n`` users placed independently and uniformly on the torus [m], shape (n, 2).

    Examples
    --------
    >>> uniform_users(3, 100.0, rng=0).shape
    (3, 2)
    """
    n = check_integer("n", n, low=0, high=MAX_USERS)
    box = _box(box)
    return generator(rng).random((n, 2)) * np.asarray(box)


def ppp_users(density, box, rng=None) -> np.ndarray:
    r"""Users of a homogeneous PPP of intensity ``density`` [1/m^2] on the torus [m].

    The expected count must not exceed :data:`MAX_USERS`.

    Examples
    --------
    >>> ppp_users(1e-4, 1000.0, rng=0).shape[1]
    2
    """
    density = scalar("density", density, 0.0, None, low_open=True)
    box = _box(box)
    mean = _expected_count("density", density, box, MAX_USERS)
    gen = generator(rng)
    return gen.random((int(gen.poisson(mean)), 2)) * np.asarray(box)


def users_per_cell(deployment: Deployment, n_per_cell, rng=None) -> np.ndarray:
    r"""``n_per_cell`` users uniform in the Voronoi cell of every *site* on the torus.

    Parameters
    ----------
    deployment : Deployment
        Sites (sectors of a site share its cell: a 3-sector site gets ``n_per_cell`` users in
        total).
    n_per_cell : int
        Users per site, >= 0.
    rng : Generator, int or None

    Returns
    -------
    ndarray, shape (n_sites * n_per_cell, 2)
        User positions [m], grouped by site (site-index order).

    Notes
    -----
    The Voronoi tessellation of the torus is obtained from :class:`scipy.spatial.Voronoi` of
    the sites replicated over the 3 x 3 neighbouring windows; each central cell is a convex
    polygon that contains its site, fan-triangulated from it; a triangle is chosen with
    probability proportional to its area and a point drawn uniformly in it. For a hexagonal
    deployment the cells are the regular hexagons.

    Examples
    --------
    >>> dep = hex_deployment(500.0, 4)
    >>> users = users_per_cell(dep, 10, rng=0)
    >>> users.shape
    (160, 2)
    """
    from scipy.spatial import Voronoi

    _check_deployment(deployment)
    n_per_cell = check_integer("n_per_cell", n_per_cell, low=0, high=MAX_USERS)
    sites = deployment.site_positions()
    m = sites.shape[0]
    if m * n_per_cell > MAX_USERS:
        raise ValueError(f"n_per_cell = {n_per_cell} for {m} sites gives {m * n_per_cell} "
                         f"users, above the bound of {MAX_USERS}")
    if m == 0 or n_per_cell == 0:
        return np.zeros((0, 2))
    if m < 3:
        raise ValueError(f"users_per_cell needs at least 3 sites, got {m}")
    box = np.asarray(deployment.box)
    shifts = np.array([(i, j) for i in (0, -1, 1) for j in (0, -1, 1)], dtype=float) * box
    pts = (sites[None, :, :] + shifts[:, None, :]).reshape(-1, 2)  # central copy first
    vor = Voronoi(pts)
    tri_site, a_pts, b_pts = [], [], []
    for i in range(m):
        region = vor.regions[vor.point_region[i]]
        if -1 in region or len(region) < 3:  # cannot happen with the 3 x 3 replication
            raise ValueError("degenerate Voronoi cell: are two sites at the same position?")
        v = vor.vertices[region]
        ang = np.arctan2(v[:, 1] - sites[i, 1], v[:, 0] - sites[i, 0])
        v = v[np.argsort(ang)]
        a_pts.append(v)
        b_pts.append(np.roll(v, -1, axis=0))
        tri_site.append(np.full(len(v), i))
    tri_site = np.concatenate(tri_site)
    a_pts, b_pts = np.concatenate(a_pts), np.concatenate(b_pts)
    o_pts = sites[tri_site]
    u1, u2 = a_pts - o_pts, b_pts - o_pts
    area = 0.5 * np.abs(u1[:, 0] * u2[:, 1] - u1[:, 1] * u2[:, 0])
    cum = np.cumsum(area)
    start = np.concatenate([[0.0], cum])[np.searchsorted(tri_site, np.arange(m))]
    site_area = np.bincount(tri_site, weights=area, minlength=m)
    gen = generator(rng)
    owner = np.repeat(np.arange(m), n_per_cell)
    pick = np.searchsorted(cum, start[owner] + site_area[owner] * gen.random(owner.size),
                           side="right")
    pick = np.minimum(pick, tri_site.size - 1)
    pick = np.where(tri_site[pick] == owner, pick, np.searchsorted(tri_site, owner))
    r1, r2 = gen.random(owner.size), gen.random(owner.size)
    s = np.sqrt(r1)
    pts = (o_pts[pick] + (s * (1 - r2))[:, None] * u1[pick] + (s * r2)[:, None] * u2[pick])
    out = np.mod(pts, box)
    out[out >= box] = 0.0
    return out


def _check_deployment(deployment) -> Deployment:
    if not isinstance(deployment, Deployment):
        raise TypeError(f"deployment must be a Deployment, got {type(deployment).__name__}")
    return deployment


def _check_users(users) -> np.ndarray:
    u = np.asarray(users, dtype=float)
    if u.ndim != 2 or u.shape[1] != 2:
        raise ValueError(f"users must have shape (n, 2) [m], got shape {u.shape}")
    check_integer("number of users", u.shape[0], high=MAX_USERS)
    check_finite(users=u)
    return u

