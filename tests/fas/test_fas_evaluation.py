"""Monte-Carlo comparison of port selection with fixed ports (wirelesseff.fas.evaluation).

See docs/fas.md, "Monte-Carlo comparison with fixed ports".
"""

from __future__ import annotations

import numpy as np
import pytest

from wirelesseff.fas import (
    boshkovska2015,
    mean_stderr,
    monte_carlo_wet_efficiency,
    optimize_wet_efficiency,
    sample_port_channels,
    select_ports,
    summarize_wet_draws,
    wet_summary_metadata,
)

S2, GAMMA = 1e-3, 10.0


def test_one_port_is_the_fixed_antenna():
    out = monte_carlo_wet_efficiency(1, 1.0, 8, rng=3)
    assert np.array_equal(out["fas"], out["fpa"])
    assert np.array_equal(out["rate_fas"], out["rate_fpa"])
    assert np.all(np.isnan(out["tb"])) and np.all(np.isnan(out["rate_tb"]))  # N < M


def test_reproducible_and_selection_never_loses():
    a = monte_carlo_wet_efficiency(6, 1.0, 12, rng=7, extras=True)
    b = monte_carlo_wet_efficiency(6, 1.0, 12, rng=7, extras=True)
    for k in a:
        assert np.array_equal(a[k], b[k], equal_nan=True), k
    assert np.all(a["fas"] >= a["fpa"] * (1 - 1e-12))
    assert np.all(a["tb"] >= a["tb_fpa"] * (1 - 1e-12))  # alternating search from the FPA
    assert np.all(a["fas"] <= a["bound"] * (1 + 1e-12))  # linear-EH bound
    assert np.allclose(a["fas_full_power"], a["fas"])  # full power optimal for a linear EH


@pytest.mark.parametrize("eh", [None, boshkovska2015], ids=["linear", "logistic"])
def test_dr_rate_is_that_of_the_wet_optimal_beam(eh):
    """The recorded rate equals the DR SINR of the oracle optimum at the selected ports, and it
    meets the target wherever the draw is feasible (reproduced draw by draw)."""
    beta_e = 1.0 if eh is None else 1e-2
    out = monte_carlo_wet_efficiency(5, 1.0, 6, rng=11, eh_model=eh, beta_e=beta_e,
                                     models=("jakes",), sinr_min=GAMMA)
    g = sample_port_channels(5, 1.0, size=(6, 2, 2), rng=11)  # the same first draw set
    for i in range(6):
        g_d, g_e = g[i, 0], g[i, 1] * np.sqrt(beta_e)
        sel = select_ports(g_d, g_e, 1.0, GAMMA, S2, eh_model=eh, optimize_beam=False)
        idx = (np.arange(2), np.asarray(sel.ports))
        ref = optimize_wet_efficiency(g_d[idx], g_e[idx], 1.0, GAMMA, S2, eh_model=eh,
                                      method="oracle")
        assert out["fas"][i] == pytest.approx(sel.efficiency, rel=1e-12)
        assert out["rate_fas"][i] == pytest.approx(np.log2(1 + ref.sinr), rel=1e-6)
        assert out["rate_fas"][i] >= np.log2(1 + GAMMA) * (1 - 1e-9)


def test_infeasible_draws_have_zero_rate():
    out = monte_carlo_wet_efficiency(3, 1.0, 5, rng=2, sinr_min=1e9)
    assert np.all(out["fas"] == -np.inf) and np.all(out["rate_fas"] == 0.0)
    s = summarize_wet_draws(out, ["fas"])
    assert s["eff_fas"] == 0.0 and s["rate_fas"] == 0.0  # infeasible draws count as 0


def test_bandwidth_scales_the_rates_only():
    a = monte_carlo_wet_efficiency(4, 1.0, 4, rng=5, models=("jakes",))
    b = monte_carlo_wet_efficiency(4, 1.0, 4, rng=5, models=("jakes",), bandwidth_hz=1e6)
    assert np.array_equal(a["fas"], b["fas"])
    assert np.allclose(b["rate_fas"], 1e6 * a["rate_fas"], rtol=1e-12)


def test_mean_stderr_and_summaries():
    x = np.array([1.0, 2.0, 4.0, np.nan])
    m, se = mean_stderr(x)
    ref = np.array([1.0, 2.0, 4.0, 0.0])
    assert m == pytest.approx(ref.mean()) and se == pytest.approx(ref.std(ddof=1) / 2)
    assert mean_stderr([3.0])[1] != mean_stderr([3.0])[1]  # NaN std. error for one draw
    assert mean_stderr(x, nonfinite_as=1.0)[0] == pytest.approx(2.0)
    units, names = wet_summary_metadata(["fas", "tb"], rate_units="bit/s")
    assert units["rate_tb_se"] == "bit/s" and units["eff_fas"] == "J/J"
    assert "TB" in names["eff_tb"] and "_" not in names["rate_fas"]
    with pytest.raises(ValueError, match="variants"):
        summarize_wet_draws({"fas": np.ones(2)}, ["fas"])  # no rate_fas
    with pytest.raises(ValueError, match="values"):
        mean_stderr([])
