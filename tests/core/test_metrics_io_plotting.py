"""Metrics helpers, provenance/netCDF helpers and plotting helpers."""

from __future__ import annotations

import json

import numpy as np
import pytest
import xarray as xr
from hypothesis import given
from hypothesis import strategies as st

from wirelesseff import metrics, plotting
from wirelesseff.io import json_dumps, load_dataset, netcdf_safe_attrs, save_dataset
from wirelesseff.optimize import lambertw_ratio_argmax


def test_spectral_efficiency_rate_ee():
    assert metrics.spectral_efficiency(0.0) == 0.0
    assert metrics.spectral_efficiency(1.0) == 1.0
    assert metrics.rate(3.0, 1e6, prelog=0.5) == 1e6
    assert metrics.energy_efficiency(2e6, 4.0) == 5e5
    np.testing.assert_allclose(metrics.spectral_efficiency([1.0, 3.0, 7.0]), [1, 2, 3])
    with pytest.raises(ValueError, match="sinr"):
        metrics.spectral_efficiency(-1.0)
    with pytest.raises(ValueError, match="total_power_w"):
        metrics.energy_efficiency(1.0, 0.0)
    with pytest.raises(ValueError, match="prelog"):
        metrics.rate(1.0, 1.0, prelog=1.5)


def test_circuit_limited_ee_optimum_is_lambertw_closed_form():
    # max_p B log2(1 + c p)/(p/mu + P0): with x = 1 + c p the objective is
    # B mu c / ln2 * ln(x)/(x + (c mu P0 - 1)), maximised at x* = lambertw_ratio_argmax(c mu P0 - 1)
    c, bw, p0, mu = 1e3, 1e5, 10.0, 0.4
    x_star = lambertw_ratio_argmax(c * mu * p0 - 1)
    p_star = (x_star - 1) / c
    p = np.linspace(1e-4, 1.0, 200_001)
    ee = metrics.circuit_limited_ee(c, bw, p0, mu, p)
    assert p[np.argmax(ee)] == pytest.approx(p_star, abs=1e-5)
    assert metrics.circuit_limited_ee(c, bw, p0, mu, p_star) >= ee.max() - 1e-9


@given(st.floats(-1.0, 1e6))
def test_lambertw_ratio_argmax_is_stationary(a):
    x = lambertw_ratio_argmax(a)
    assert x >= 1.0
    # stationarity x (ln x - 1) = a
    assert x * (np.log(x) - 1) == pytest.approx(a, rel=1e-9, abs=1e-9)


def test_lambertw_ratio_argmax_rejects_a_below_minus_one():
    with pytest.raises(ValueError, match="a must be in"):
        lambertw_ratio_argmax(-1.5)


def test_json_and_netcdf_safe_attrs():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class P:
        a: float = 1.0
        b: tuple = (1, 2)

    s = json_dumps({"p": P(), "x": np.arange(3), "f": np.float32(2.5), "nan": float("nan")})
    d = json.loads(s)
    assert d["p"] == {"__class__": P.__qualname__, "a": 1.0, "b": [1, 2]}
    assert d["x"] == [0, 1, 2] and d["f"] == 2.5 and d["nan"] == "nan"
    safe = netcdf_safe_attrs({"flag": True, "none": None, "d": {"k": 1}, "v": [1.0, 2.0],
                              "n": np.int64(3)})
    assert safe == {"flag": 1, "none": "", "d": '{"k": 1}', "v": safe["v"], "n": 3}
    np.testing.assert_array_equal(safe["v"], [1.0, 2.0])


def test_save_dataset_round_trip_with_complex(tmp_path):
    ds = xr.Dataset({"h": ("k", np.array([1 + 2j, 3 - 1j])), "s": ("k", np.array(["a", "bb"],
                                                                                 dtype=object))},
                    coords={"k": [0, 1]}, attrs={"params": {"x": 1}, "ok": True})
    back = load_dataset(save_dataset(ds, tmp_path / "sub" / "c.nc"))
    np.testing.assert_array_equal(back.h.values, ds.h.values)
    assert back.s.values.tolist() == ["a", "bb"]
    assert back.attrs == {"params": '{"x": 1}', "ok": 1}
    assert not list((tmp_path / "sub").glob("*.tmp"))


def _ds():
    m = np.arange(2, 12)
    k = np.array([1, 2, 4])
    ee = xr.DataArray(np.log2(1 + m[:, None] / k[None, :]) * 1e7, dims=("M", "K"),
                      coords={"M": m, "K": k}, name="ee",
                      attrs={"units": "bit/J", "long_name": "energy efficiency"})
    ee.M.attrs.update(units="", long_name="antennas")
    ds = ee.to_dataset()
    ds.attrs.update(study="demo", source="unit test", wirelesseff_version="0", seed=1)
    return ds


def test_plot_curves_labels_and_units_from_attrs():
    ds = _ds()
    fig, ax = plotting.subplots()
    lines = plotting.plot_curves(ax, ds.ee, "M", hue="K")
    assert len(lines) == 3
    assert ax.get_ylabel() == "energy efficiency [Mbit/J]"  # scaled from bit/J
    assert ax.get_xlabel() == "antennas"
    np.testing.assert_allclose(lines[0].get_ydata(), ds.ee.isel(K=0).values / 1e6)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["K = 1", "K = 2", "K = 4"]
    with pytest.raises(ValueError, match="give hue"):
        plotting.plot_curves(ax, ds.ee, "M")
    plotting.finish(fig, ds, title="t")
    assert any("demo | unit test" in t.get_text() for t in fig.texts)


def test_plot_surface_kinds(tmp_path):
    ds = _ds()
    fig, axes = plotting.subplots(1, 2)
    plotting.plot_surface(axes[0], ds.ee, "M", "K")
    plotting.plot_surface(axes[1], ds.ee, "M", "K", kind="pcolormesh")
    plotting.mark_point(axes[0], 5, 2, "opt")
    fig3, ax3 = plotting.subplots(projection="3d")
    plotting.plot_surface(ax3, ds.ee, "M", "K", kind="surface")
    plotting.mark_point(ax3, 5, 2, "opt", z=1.0)
    plotting.save_figure(fig, tmp_path / "f.png")
    assert (tmp_path / "f.png").stat().st_size > 1000
    with pytest.raises(ValueError, match="kind must be one of"):
        plotting.plot_surface(axes[0], ds.ee, "M", "K", kind="bars")


def test_style_context_restores_rcparams():
    import matplotlib as mpl

    before = mpl.rcParams["font.size"]
    with plotting.style():
        assert mpl.rcParams["font.size"] == plotting.STYLE["font.size"]
    assert mpl.rcParams["font.size"] == before
