r"""Spectral efficiency, per-user and per-cell throughput, and cell load of a drop.

* :func:`link_spectral_efficiency` — Shannon with an optional SNR gap :math:`\Gamma` and cap,
  :math:`\min(\log_2(1 + \mathrm{SINR}/\Gamma), S_\mathrm{max})` (:math:`\Gamma = 0` dB and
  no cap by default). The gap shifts the SINR; the "attenuated and truncated Shannon bound" of
  3GPP TR 36.942 Annex A, :math:`\min(\alpha\log_2(1+\mathrm{SINR}), S_\mathrm{max})`,
  scales the rate instead - a related but different approximation of link adaptation.
* :func:`cell_loads` — the static resource-share model: user :math:`u` of cell :math:`c` with
  demand :math:`D_u` [bit/s] occupies the fraction :math:`D_u/(B\,S_u)` of the cell's
  resources; the cell load is :math:`\chi_c = \sum_{u\in c} D_u/(B S_u)`. An overloaded cell
  (:math:`\chi_c > 1`) scales every user's rate by :math:`1/\chi_c` (equal-share
  degradation), so its throughput equals its capacity. Without a demand (full buffer) every
  cell with users is fully loaded and its users share time equally (round robin),
  :math:`R_u = B S_u / N_c`.

This is the static load model of load-coupling analyses (I. Siomina, D. Yuan, "Analysis of
cell load coupling for LTE network planning and optimization", IEEE Trans. Wireless Commun.
11(6):2287-2297, 2012), here with the interference activity fixed by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import check_in_range, check_integer
from ..metrics import spectral_efficiency
from ._checks import overflow_guard, per_item, real, same_length, scalar

__all__ = ["CellLoads", "cell_loads", "link_spectral_efficiency"]


def link_spectral_efficiency(sinr, *, gap_db=0.0, max_se=None):
    r"""Spectral efficiency :math:`\min(\log_2(1 + \mathrm{SINR}/\Gamma), S_\mathrm{max})`.

    Parameters
    ----------
    sinr : array_like
        Linear SINR [-], >= 0 (``inf`` only together with ``max_se``).
    gap_db : float
        SNR gap :math:`\Gamma` [dB], in [0, 100] (0: Shannon).
    max_se : float, optional
        Cap :math:`S_\mathrm{max}` [bit/s/Hz], > 0 (e.g. the highest MCS); none by default.

    Returns
    -------
    ndarray or float
        [bit/s/Hz].

    Examples
    --------
    >>> float(link_spectral_efficiency(3.0))
    2.0
    >>> float(link_spectral_efficiency(1e6, max_se=7.4))
    7.4
    """
    gap = scalar("gap_db", gap_db, 0.0, 100.0)
    cap = None if max_se is None else scalar("max_se", max_se, 0.0, None, low_open=True)
    sinr = real("sinr", sinr, 0.0, None, finite=False)
    if cap is None and np.any(np.isinf(sinr)):
        raise ValueError("sinr is infinite (no noise and no interference): give max_se to "
                         "cap the spectral efficiency")
    s = sinr / 10.0 ** (gap / 10.0)
    inf = np.isinf(s)
    se = np.asarray(spectral_efficiency(np.where(inf, 0.0, s)), dtype=float)
    if cap is not None:
        se = np.minimum(np.where(inf, cap, se), cap)
    return se[()]


@dataclass(frozen=True, eq=False)
class CellLoads:
    r"""Outcome of :func:`cell_loads`.

    Attributes
    ----------
    load : ndarray, shape (n_cells,)
        Offered load :math:`\chi_c` [-] (may exceed 1: overload).
    utilisation : ndarray, shape (n_cells,)
        Resources in use :math:`\min(\chi_c, 1)` [-].
    cell_throughput : ndarray, shape (n_cells,)
        Sum of the served user rates of each cell [bit/s].
    user_rate : ndarray, shape (n_users,)
        Served rate of each user [bit/s] (0 if unserved or SE = 0).
    n_users : ndarray, shape (n_cells,)
        Users associated with each cell.
    """

    load: np.ndarray
    utilisation: np.ndarray
    cell_throughput: np.ndarray
    user_rate: np.ndarray
    n_users: np.ndarray

    def __post_init__(self):
        names = ("load", "utilisation", "cell_throughput", "n_users")
        for name in (*names, "user_rate"):
            real(name, getattr(self, name), 0.0, None)
        same_length([(k, getattr(self, k)) for k in names], np.asarray(self.load).size, "cell")
        check_in_range("utilisation", self.utilisation, 0.0, 1.0)


def cell_loads(serving, se, n_cells, *, bandwidth, demand=None) -> CellLoads:
    r"""Cell loads and user rates of a drop (static resource-share model, module notes).

    Parameters
    ----------
    serving : array_like of int, shape (n_users,)
        Serving cell per user; -1 for unserved users.
    se : array_like, shape (n_users,)
        Spectral efficiency per user [bit/s/Hz], >= 0.
    n_cells : int
        Number of cells.
    bandwidth : float
        Cell bandwidth :math:`B` [Hz], in [1, 10^12].
    demand : float or array_like, optional
        Demand per user :math:`D_u` [bit/s], in [0, 10^12]; ``None``: full buffer.

    Returns
    -------
    CellLoads

    Examples
    --------
    >>> out = cell_loads([0, 0, 1], [2.0, 4.0, 1.0], 2, bandwidth=1e6, demand=1e6)
    >>> out.load, out.user_rate
    (array([0.75, 1.  ]), array([1000000., 1000000., 1000000.]))
    >>> cell_loads([0, 0], [2.0, 4.0], 1, bandwidth=1e6).user_rate     # round robin
    array([1000000., 2000000.])
    """
    serving = check_in_range("serving", serving, -1, None)
    se = real("se", se, 0.0, None)
    if serving.ndim != 1 or se.shape != serving.shape:
        raise ValueError(f"serving and se must be 1-D with one entry per user, got shapes "
                         f"serving {serving.shape} and se {se.shape}")
    if np.any(serving != np.floor(serving)):
        raise ValueError("serving must hold integer cell indices")
    serving = serving.astype(np.int64)
    n_cells = check_integer("n_cells", n_cells, low=0, high=2**31 - 1)
    check_in_range("serving", serving, -1, n_cells - 1,
                   what=f"(cell indices below n_cells = {n_cells}, -1 for unserved)")
    bandwidth = scalar("bandwidth", bandwidth, 1.0, 1e12)
    served = (serving >= 0) & (se > 0)
    cell = np.where(served, serving, 0)
    n_per = np.bincount(cell[served], minlength=n_cells).astype(int)
    cap = bandwidth * se
    if demand is None:
        rate = np.where(served, cap / np.maximum(n_per[cell], 1), 0.0)
        load = (n_per > 0).astype(float)
    else:
        dem = per_item("demand", demand, serving.size)
        check_in_range("demand", dem, 0.0, 1e12)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            need = np.where(served, dem / np.where(served, cap, 1.0), 0.0)
        load = np.bincount(cell[served], weights=need[served], minlength=n_cells)
        overflow_guard("demand (or bandwidth)", load, "cell loads")
        scale = np.where(load > 1.0, 1.0 / np.where(load > 1.0, load, 1.0), 1.0)
        rate = np.where(served, dem * scale[cell], 0.0)
    thr = np.bincount(cell[served], weights=rate[served], minlength=n_cells)
    return CellLoads(load=load, utilisation=np.minimum(load, 1.0), cell_throughput=thr,
                     user_rate=rate, n_users=n_per)
