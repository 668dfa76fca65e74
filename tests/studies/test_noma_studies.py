"""Quick modes of the NOMA studies, asserted on their numbers (docs/noma.md, "Studies")."""

from __future__ import annotations

import math

import numpy as np
import pytest

from wirelesseff import noma
from wirelesseff.channel.noise import noise_power
from wirelesseff.registry import Headline, find_studies, load_study

GOLAY_BOUND_DB = 10 * math.log10(2)


def _run(name):
    mod = load_study(name)
    return mod, mod.run(quick=True)


def test_noma_studies_are_registered_with_s1_as_headline():
    studies = find_studies()
    names = {"noma-coherence-table", "noma-random-comparison", "noma-papr-ccdf",
             "noma-activity-detection", "noma-ee-vs-users"}
    assert names <= set(studies)
    assert studies["noma-coherence-table"].headline
    assert not any(studies[n].headline for n in names - {"noma-coherence-table"})


# --- S1 ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def s1():
    return _run("noma-coherence-table")


def test_s1_reproduces_the_coherence_table_exactly(s1):
    _, ds = s1
    np.testing.assert_array_equal(ds.m.values, [1, 2, 3, 4, 5])  # quick mode stops at m = 5
    for base in ("A", "B"):
        r = ds.sel(base=base, m=slice(1, 4))
        np.testing.assert_array_equal(r.N.values, [16, 256, 4096, 65536])
        np.testing.assert_array_equal(r.K.values, 6 * r.N.values)
        np.testing.assert_array_equal(r.mu.values, [0.25, 0.0625, 0.015625, 0.00390625])
        np.testing.assert_array_equal(r.mu.values, r.inv_sqrt_n.values)
        np.testing.assert_allclose(r.welch.values, [0.229416, 0.057073, 0.014264, 0.003566],
                                   atol=5e-7)
        np.testing.assert_allclose(r.mu_over_welch.values,
                                   [1.089725, 1.095088, 1.095423, 1.095444], atol=5e-7)
        np.testing.assert_array_equal(r.max_pairwise_wht.values, [4, 16, 64, 256])
        assert np.isnan(r.levenshtein_real).all() and np.isnan(r.levenshtein_complex).all()
        assert (r.levenshtein_applicable == 0).all()
        assert (r.papr_max <= 2.0 + 1e-9).all() and (r.papr_max > 1.99).all()
    assert float(ds.welch.sel(m=1, base="A")) == math.sqrt(1 / 19)
    assert ds.n_papr_columns.sel(m=2, base="A") == 1536  # exhaustive for m <= 2
    assert ds.attrs["reconstruction"] == 1
    # m = 5: N = 2**20, K = 6 * 2**20, from 15 transforms of length 2**20
    np.testing.assert_array_equal(ds.mu.sel(m=5).values, [2.0**-10, 2.0**-10])
    assert np.isnan(ds.papr_max.sel(m=5)).all() and (ds.n_papr_columns.sel(m=5) == 0).all()


def test_s1_plot_has_no_empty_levenshtein_column(s1):
    mod, ds = s1
    fig = mod.plot(ds)
    assert len(fig.axes) == 2
    texts = [c.get_text().get_text() for c in fig.axes[1].tables[0].get_celld().values()]
    assert "Lev." not in texts and "coherence" in texts
    assert not any("S_A" in t.get_text() for t in fig.axes[0].get_legend().get_texts())


def test_s1_headline_beside_li2025(s1):
    mod, ds = s1
    rows = mod.headline(ds)
    assert all(isinstance(r, Headline) for r in rows)
    assert rows[0].value == 2.0**-10 and "1/sqrt(N)" in rows[0].published
    assert rows[2].value <= 2.0 + 1e-9


# --- S2 ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def s2():
    return _run("noma-random-comparison")


def test_s2_golay_is_optimal_and_random_codebooks_are_not(s2):
    _, ds = s2
    assert ds.sizes["seed"] >= 2
    g = ds.sel(codebook="golay")
    np.testing.assert_array_equal(g.mu_mean.values, 1 / np.sqrt(ds.N.values))
    np.testing.assert_array_equal(g.mu_std.values, [0.0, 0.0])
    np.testing.assert_allclose(g.mean_square.isel(seed=0).values, ds.welch.values**2,
                               rtol=1e-12)  # tight frame
    assert (g.fraction_above == 0).all()
    assert (g.papr_max <= 2 + 1e-9).all()
    for cb in ("gaussian", "bipolar", "qpsk"):
        r = ds.sel(codebook=cb)
        assert (r.mu_mean > 2 * g.mu_mean).all()
        assert (r.fraction_above > 0.15).all()
        assert (r.mean_square >= ds.welch**2 * (1 - 1e-12)).all()
        assert (r.papr_p999 > 4.0).all()
    hy = ds.sel(codebook="heng_yue", N=16)
    assert float(hy.mu_mean) == pytest.approx(0.25, abs=1e-12)  # Levenshtein-optimal
    assert int(hy.K.isel(seed=0)) == 272
    assert np.isnan(ds.mu_mean.sel(codebook="heng_yue", N=256))
    # same family, random permutations (after Yu 2021): Golay PAPR, coherence <= 2 / sqrt(N)
    yu = ds.sel(codebook="golay_yu")
    assert (yu.papr_max <= 2 + 1e-9).all()
    assert (yu.mu <= 2 / np.sqrt(ds.N) * (1 + 1e-12)).all()
    assert (yu.mu_mean > g.mu_mean).all()


def test_s2_plot_and_headline(s2):
    mod, ds = s2
    fig = mod.plot(ds)
    assert len(fig.axes) == 3
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == [noma.CODEBOOK_LABELS[c] for c in ds.codebook.values]
    rows = mod.headline(ds)
    golay = next(r for r in rows if "bent sums" in r.quantity)
    assert golay.value == 1.0 and golay.published == 1.0


# --- S3 ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def s3():
    return _run("noma-papr-ccdf")


def test_s3_golay_ccdf_vanishes_above_3db_and_tails_are_measured(s3):
    _, ds = s3
    ccdf = ds.ccdf
    above = ds.gamma_db > GOLAY_BOUND_DB
    assert (ccdf.sel(codebook="golay").where(above, 0) == 0).all()
    assert float(ccdf.sel(codebook="golay", gamma_db=2.9)) == 1.0
    assert ds.papr_max_db.sel(codebook="golay") <= GOLAY_BOUND_DB + 1e-9
    for cb in ("gaussian", "bipolar", "qpsk"):
        assert float(ccdf.sel(codebook=cb, gamma_db=6.0)) > 0.9
        assert float(ds.papr_max_db.sel(codebook=cb)) > 10.0
    # Zadoff-Chu (cyclically extended, N = 256 > P = 251): low but above the Golay bound
    assert GOLAY_BOUND_DB < float(ds.papr_max_db.sel(codebook="zadoff_chu")) < 8.0
    assert (ccdf.diff("gamma_db") <= 0).all()  # a CCDF never increases
    assert ds.ccdf.attrs["units"] == "1" and ds.gamma_db.attrs["units"] == "dB"


def test_s3_random_permutation_golay_also_stays_below_3db(s3):
    _, ds = s3
    above = ds.gamma_db > GOLAY_BOUND_DB
    assert (ds.ccdf.sel(codebook="golay_yu").where(above, 0) == 0).all()


def test_s3_plot_and_headline(s3):
    mod, ds = s3
    fig = mod.plot(ds)
    assert fig.axes[0].get_yscale() == "log"
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "zadoff_chu" not in labels and "Zadoff-Chu" in labels
    rows = {r.quantity: r for r in mod.headline(ds)}
    assert rows["maximum PAPR, Zadoff-Chu"].value > GOLAY_BOUND_DB
    assert rows[f"maximum PAPR, {noma.CODEBOOK_LABELS['golay']}"].value <= 3.011


# --- S4 ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def s4():
    return _run("noma-activity-detection")


def test_s4_activity_detection_quick_numbers(s4):
    _, ds = s4
    aer = ds.aer
    assert ((aer >= 0) & (aer <= 1) | np.isnan(aer)).all()
    # bent codebook, K_a <= 8 (the OMP guarantee), high SNR, power control: no error
    assert ds.attrs["omp_guarantee_ka"] == 8
    np.testing.assert_array_equal(aer.sel(codebook="golay", ka=8, snr_db=25.0,
                                          fading="phase").values, [0.0, 0.0])
    # waterfall: every curve improves from 10 to 30 dB at K_a = 64
    assert (aer.sel(ka=64, snr_db=10.0) > aer.sel(ka=64, snr_db=30.0)).all()
    # overloaded, power-controlled: the low-coherence codebook has the lowest OMP floor
    omp = aer.sel(ka=64, snr_db=30.0, detector="omp", fading="phase")
    for cb in ("gaussian", "bipolar", "qpsk"):
        assert float(omp.sel(codebook="golay")) < float(omp.sel(codebook=cb))
    # Rayleigh without power control: fading-limited, curves close together
    ray = aer.sel(ka=64, snr_db=30.0, detector="omp", fading="rayleigh")
    assert float(ray.max() - ray.min()) < 0.01
    # K_a other than 64 are simulated only at 25 dB (NaN elsewhere)
    assert np.isnan(aer.sel(ka=8, snr_db=10.0)).all()
    done = np.isfinite(ds.aer)
    assert done.sum() == 6 * 2 * 2 * (3 + 1)
    assert ((ds.aer_low <= ds.aer) & (ds.aer <= ds.aer_high)).where(done, True).all()


def test_s4_plot_and_headline(s4):
    mod, ds = s4
    fig = mod.plot(ds)
    assert len(fig.axes) == 4
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert f"{noma.CODEBOOK_LABELS['golay_yu']}, OMP" in labels
    rows = mod.headline(ds)
    assert len(rows) == 7 and all(0.0 <= r.value <= 1.0 for r in rows)


# --- S5 ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def s5():
    return _run("noma-ee-vs-users")


def test_s5_energy_efficiency_chain(s5):
    _, ds = s5
    ibo = ds.ibo_db.isel(ka=0)
    assert float(ibo.sel(codebook="golay")) <= GOLAY_BOUND_DB + 1e-9
    assert float(ibo.sel(codebook="golay_yu")) <= GOLAY_BOUND_DB + 1e-9
    eta = ds.eta_pa.isel(ka=0)
    assert float(eta.sel(codebook="golay")) == pytest.approx(
        (math.pi / 4) * 10 ** (-float(ibo.sel(codebook="golay")) / 20), rel=1e-12)
    assert (eta.sel(codebook="golay") > eta.drop_sel(codebook=["golay", "golay_yu"])).all()
    finite = np.isfinite(ds.snr_req_db)
    assert finite.sel(ka=8).all()  # the target is met at light load
    assert (ds.ee.where(~finite).fillna(0) == 0).all()  # EE = 0 on an error floor
    assert (~finite).any()  # K_a = 64 at N = 256 hits the OMP floor above 1e-2
    assert (ds.ee.where(finite) > 0).sum() == finite.sum()
    # P_tx = rho sigma^2 / (N G), hand computation
    sigma2 = noise_power(1e6, 7.0)
    rho = ds.snr_req_db.sel(codebook="golay", ka=8)
    assert float(ds.p_tx.sel(codebook="golay", ka=8)) == pytest.approx(
        10 ** (float(rho) / 10) * sigma2 / 256 / 1e-11, rel=1e-12)
    # EE grows with K_a while feasible (circuit power of the BS shared by more users)
    ok = finite.sel(ka=[8, 32]).all("ka")
    assert (ds.ee.sel(ka=32).where(ok) >= ds.ee.sel(ka=8).where(ok)).all()
    assert ds.attrs["p_circuit_ue_w"] == 0.2 and ds.attrs["p_circuit_bs_w"] == 10.0
    assert ds.ee.attrs["units"] == "bit/J"


def test_s5_coarse_to_fine_equals_full_grid():
    mod = load_study("noma-ee-vs-users")
    a = mod.codebook_of("golay", 0)
    grid = mod.SNR_DB[:21]  # 10..20 dB
    kw = {"seed": mod.crn_seed(0, 16, "phase"), "target": 1e-2}
    coarse = noma.activity_error_curve(a, 16, grid, 6, coarse_every=5, **kw)
    full = noma.activity_error_curve(a, 16, grid, 6, coarse_every=1, **kw)
    ok = np.isfinite(coarse)
    assert ok.sum() < grid.size
    np.testing.assert_array_equal(coarse[ok], full[ok])
    assert noma.required_snr_db(grid, coarse, 1e-2) == noma.required_snr_db(grid, full, 1e-2)


def test_s5_codebooks_are_those_of_s4():
    s4 = load_study("noma-activity-detection")
    s5 = load_study("noma-ee-vs-users")
    for cb in ("gaussian", "golay_yu"):
        a, b = s4.codebook_of(cb, 3), s5.codebook_of(cb, 3)
        if cb.startswith("golay"):
            assert a.perms == b.perms
        else:
            np.testing.assert_array_equal(a, b)


def test_s5_plot_and_cli_options(s5):
    mod, ds = s5
    fig = mod.plot(ds)
    assert len(fig.axes) == 4
    rows = mod.headline(ds)
    assert len(rows) == ds.sizes["codebook"] and all(r.value > 0 for r in rows)
    own, rest = mod._parse_params(["--gain-db", "-100", "--quick", "--bandwidth", "2e6"])
    assert own["gain_db"] == -100.0 and own["bandwidth"] == 2e6 and rest == ["--quick"]
    with pytest.raises(ValueError, match="unknown parameters"):
        mod.run(quick=True, gain=3.0)
