"""Plotting helpers: one house style and EE-curve/surface helpers used by every study.

Labels and units are taken from the dataset attributes (``long_name`` and ``units``) so that a
figure re-made from a saved ``.nc`` file is labelled exactly like the original. The helpers never
change matplotlib's global state: the house style is applied by :func:`style` (a context manager)
and by :func:`subplots`.

Examples
--------
>>> import numpy as np, xarray as xr
>>> da = xr.DataArray(np.arange(3.0), dims="M", coords={"M": [1, 2, 3]}, name="ee",
...                   attrs={"long_name": "energy efficiency", "units": "bit/J"})
>>> axis_label(da)
'energy efficiency [bit/J]'
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import xarray as xr

__all__ = [
    "STYLE",
    "axis_label",
    "finish",
    "mark_point",
    "plot_curves",
    "plot_surface",
    "save_figure",
    "style",
    "subplots",
]

#: House style (matplotlib rcParams) shared by every study figure.
STYLE: dict[str, Any] = {
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "grid.linewidth": 0.6,
    "lines.linewidth": 1.5,
    "lines.markersize": 4,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": __import__("cycler").cycler(
        color=[
            "#0072B2",
            "#D55E00",
            "#009E73",
            "#CC79A7",
            "#E69F00",
            "#56B4E9",
            "#000000",
            "#F0E442",
        ]
    ),
    "image.cmap": "viridis",
}

_UNIT_SCALES = {  # prefixes used to keep tick labels short; chosen from the data range
    "bit/J": [(1e9, "Gbit/J"), (1e6, "Mbit/J"), (1e3, "kbit/J")],
    "bit/s": [(1e9, "Gbit/s"), (1e6, "Mbit/s"), (1e3, "kbit/s")],
    "bit/s/km^2": [(1e9, "Gbit/s/km^2"), (1e6, "Mbit/s/km^2")],
    "Hz": [(1e9, "GHz"), (1e6, "MHz"), (1e3, "kHz")],
}


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Context manager applying the house style (restores the previous rcParams on exit)."""
    import matplotlib as mpl

    with mpl.rc_context(STYLE):
        yield


def subplots(nrows: int = 1, ncols: int = 1, *, figsize=None, projection=None, **kw):
    """Create a figure and axes in the house style.

    Parameters
    ----------
    nrows, ncols : int
        Grid of panels.
    figsize : (float, float), optional
        Figure size [inch]; default 3.6 x 2.8 inch per panel.
    projection : str, optional
        Axes projection for every panel (``"3d"`` for surfaces).
    **kw
        Passed to :func:`matplotlib.pyplot.subplots`.

    Returns
    -------
    (Figure, Axes or ndarray of Axes)
    """
    import matplotlib.pyplot as plt

    if figsize is None:
        figsize = (3.6 * ncols + 0.4, 2.8 * nrows + 0.4)
    subplot_kw = dict(kw.pop("subplot_kw", {}) or {})
    if projection is not None:
        subplot_kw["projection"] = projection
    with style():
        fig, axes = plt.subplots(
            nrows, ncols, figsize=figsize, subplot_kw=subplot_kw or None,
            layout=kw.pop("layout", "constrained"), **kw,
        )
    return fig, axes


def _scale_for(units: str, values: np.ndarray) -> tuple[float, str]:
    finite = np.abs(values[np.isfinite(values)]) if values.size else np.array([])
    if units not in _UNIT_SCALES or finite.size == 0:
        return 1.0, units
    peak = float(np.max(finite))
    for factor, label in _UNIT_SCALES[units]:
        if peak >= factor:
            return factor, label
    return 1.0, units


def axis_label(obj: xr.DataArray | xr.Variable, units: str | None = None) -> str:
    """Axis label ``"long_name [units]"`` from a DataArray's attrs (name if no long_name)."""
    attrs = getattr(obj, "attrs", {})
    name = attrs.get("long_name") or getattr(obj, "name", None) or ""
    units = attrs.get("units", "") if units is None else units
    # CF convention: "1" marks a dimensionless quantity; a count needs no unit in a label
    return f"{name} [{units}]" if units and units != "1" else str(name)


def _coord_text(da: xr.DataArray, dim: str, value: Any) -> str:
    units = da[dim].attrs.get("units", "") if dim in da.coords else ""
    if units == "1":  # dimensionless (CF convention): no unit after the value
        units = ""
    if isinstance(value, float | np.floating):
        text = f"{value:.4g}"
    else:
        text = str(value)
    label = da[dim].attrs.get("short_name", dim) if dim in da.coords else dim
    return f"{label} = {text}{(' ' + units) if units else ''}"


def plot_curves(
    ax,
    da: xr.DataArray,
    x: str,
    hue: str | None = None,
    *,
    logx: bool = False,
    logy: bool = False,
    scale_units: bool = True,
    labels: Sequence[str] | None = None,
    legend: bool = True,
    **kw,
):
    """Plot ``da`` against coordinate ``x``, one line per value of ``hue``.

    Axis labels and units come from the attrs; large SI values are shown with a prefix
    (e.g. Mbit/J) when ``scale_units`` is true.

    Parameters
    ----------
    ax : matplotlib Axes
    da : DataArray
        Values; after selecting ``hue`` it must be 1-D along ``x``.
    x : str
        Name of the x coordinate/dimension.
    hue : str, optional
        Dimension over which separate curves are drawn.
    logx, logy : bool
        Logarithmic axes.
    labels : sequence of str, optional
        Legend labels overriding the automatic ``"hue = value unit"`` labels.
    **kw
        Passed to :meth:`matplotlib.axes.Axes.plot`.

    Returns
    -------
    list of Line2D
    """
    values = np.asarray(da.values, dtype=float)
    if scale_units:
        factor, units = _scale_for(da.attrs.get("units", ""), values)
    else:
        factor, units = 1.0, da.attrs.get("units", "")
    xs = da[x].values
    lines = []
    if hue is None:
        extra = [d for d in da.dims if d != x]
        if extra:
            raise ValueError(f"da has dims {da.dims}; give hue= for one of {extra}")
        lines += ax.plot(xs, np.asarray(da.transpose(x).values, float) / factor, **kw)
    else:
        for i, hv in enumerate(da[hue].values):
            sel = da.isel({hue: i})
            extra = [d for d in sel.dims if d != x]
            if extra:
                raise ValueError(f"after selecting {hue}, da still has dims {extra}")
            label = labels[i] if labels is not None else _coord_text(da, hue, hv)
            lines += ax.plot(xs, np.asarray(sel.values, float) / factor, label=label, **kw)
        if legend:
            ax.legend()
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(axis_label(da[x]) if x in da.coords else x)
    ax.set_ylabel(axis_label(da, units))
    return lines


def plot_surface(
    ax,
    da: xr.DataArray,
    x: str,
    y: str,
    *,
    kind: str = "contourf",
    levels: int | Sequence[float] = 20,
    colorbar: bool = True,
    scale_units: bool = True,
    **kw,
):
    """Plot a 2-D DataArray as filled contours, a colour mesh or a 3-D surface.

    Parameters
    ----------
    ax : matplotlib Axes (3-D axes for ``kind="surface"``)
    da : DataArray
        2-D values over dims ``x`` and ``y``.
    x, y : str
        Dimension names for the horizontal axes.
    kind : {"contourf", "pcolormesh", "surface"}
    levels : int or sequence
        Contour levels (``contourf`` only).
    colorbar : bool
        Add a colour bar labelled from the attrs.

    Returns
    -------
    The matplotlib artist (QuadContourSet, QuadMesh or Poly3DCollection).
    """
    from ._validation import check_choice

    check_choice("kind", kind, ("contourf", "pcolormesh", "surface"))
    z = np.asarray(da.transpose(y, x).values, dtype=float)
    if scale_units:
        factor, units = _scale_for(da.attrs.get("units", ""), z)
    else:
        factor, units = 1.0, da.attrs.get("units", "")
    z = z / factor
    xs, ys = da[x].values, da[y].values
    if kind == "contourf":
        art = ax.contourf(xs, ys, np.ma.masked_invalid(z), levels=levels, **kw)
    elif kind == "pcolormesh":
        art = ax.pcolormesh(xs, ys, np.ma.masked_invalid(z), shading="auto", **kw)
    else:
        xx, yy = np.meshgrid(xs, ys)
        kw.setdefault("cmap", "viridis")
        kw.setdefault("linewidth", 0)
        kw.setdefault("antialiased", True)
        art = ax.plot_surface(xx, yy, np.where(np.isfinite(z), z, np.nan), **kw)
        ax.set_zlabel(axis_label(da, units))
    ax.set_xlabel(axis_label(da[x]) if x in da.coords else x)
    ax.set_ylabel(axis_label(da[y]) if y in da.coords else y)
    if colorbar and kind != "surface":
        cb = ax.figure.colorbar(art, ax=ax)
        cb.set_label(axis_label(da, units))
    return art


def mark_point(ax, x: float, y: float, text: str | None = None, z: float | None = None, **kw):
    """Mark and optionally annotate a point (an optimum, a published value) on an axes."""
    kw.setdefault("color", "#D55E00")
    kw.setdefault("marker", "*")
    kw.setdefault("markersize", 10)
    kw.setdefault("zorder", 5)
    if z is None:
        (art,) = ax.plot([x], [y], linestyle="none", **kw)
        if text:
            ax.annotate(text, (x, y), textcoords="offset points", xytext=(6, 6), fontsize=8)
    else:
        (art,) = ax.plot([x], [y], [z], linestyle="none", **kw)
        if text:
            ax.text(x, y, z, " " + text, fontsize=8)
    return art


def finish(fig, ds: xr.Dataset | None = None, title: str | None = None):
    """Add a title and a small provenance footer (study, source, version, seed) to ``fig``."""
    if title:
        fig.suptitle(title)
    if ds is not None:
        a = ds.attrs
        parts = []
        if a.get("study"):
            parts.append(str(a["study"]))
        if a.get("source"):
            parts.append(str(a["source"]))
        if a.get("reconstruction"):
            parts.append("reconstruction")
        if a.get("wirelesseff_version"):
            parts.append(f"wirelesseff {a['wirelesseff_version']}")
        if "seed" in a and a.get("seed") != "":
            parts.append(f"seed {a['seed']}")
        if parts:
            engine = fig.get_layout_engine()
            if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
                engine.set(rect=(0, 0.035, 1, 0.965))  # leave room for the footer
            fig.text(0.005, 0.002, " | ".join(parts), fontsize=6, color="0.4",
                     ha="left", va="bottom")
    return fig


def save_figure(fig, path) -> None:
    """Save ``fig`` in the house style, atomically, and close it.

    The format follows the extension of ``path`` (``.png``, ``.pdf``, ``.svg``). The figure is
    written to a unique temporary file in the same directory and renamed into place
    (:func:`wirelesseff.io.atomic_output`), so an interrupted save never leaves a partial image.
    """
    from pathlib import Path

    import matplotlib.pyplot as plt

    from .io import atomic_output

    path = Path(path)
    fmt = path.suffix[1:].lower() or "png"
    try:
        with style(), atomic_output(path) as tmp:
            fig.savefig(tmp, format=fmt)
    finally:
        plt.close(fig)
