"""EE of IRS (with the EE-optimal N*) versus DF relaying and SISO (Björnson et al. 2020, Fig. 5).

The set-up of the authors' script ``simulateFigure5.m`` (``emilbjornson/IRS-relaying``), the
library preset :class:`wirelesseff.ris_leo.Bjornson2020Setup`: 3 GHz, 10 MHz, NF 10 dB at the
script's −174 dBm/Hz, 3GPP TR 36.814 urban-micro LOS/NLOS path loss, G_S = G_R = 5 dBi,
G_D = 0 dBi, d_SR = 80 m, d_1 = 70 m, d_v = 10 m, P_s = P_d = P_r = 100 mW, P_e = 5 mW, ν = 0.5,
α = 1. The IRS uses the power-minimising N* in both forms of
:func:`wirelesseff.ris_leo.optimal_element_count`: ``"as_coded"`` (without 1/ν) reproduces
version 1.0 of the script (2019-10-28), ``"corrected"`` (P_e → νP_e) its version with the
authors' correction of 2024-07-25, which includes the PA efficiency. Expected: IRS = SISO at low
rates (N* = 0 up to 4.9 bit/s/Hz with the 2019 N*, up to 3.9 bit/s/Hz with the corrected N*, on
the script's 0.1 bit/s/Hz grid), IRS ≫ SISO at high rates, DF competitive at intermediate rates.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

import wirelesseff
from wirelesseff import plotting
from wirelesseff.registry import Headline
from wirelesseff.ris_leo import (
    Bjornson2020Setup,
    bjornson2020_energy_efficiency,
    optimal_element_count,
    required_transmit_power,
)

NAME = "ris-leo-irs-vs-relay"
DESCRIPTION = "EE vs rate: IRS with N* (2019 script / corrected), DF relay, SISO"
SOURCE = ("Björnson, Özdogan, Larsson, IEEE WCL 9(2), 2020, Fig. 5, doi:10.1109/LWC.2019.2950624 "
          "(emilbjornson/IRS-relaying/simulateFigure5.m)")
HEADLINE = False

SETUP = Bjornson2020Setup()

#: Which version of simulateFigure5.m each form of optimal_element_count reproduces.
SCRIPT_VERSION = {"as_coded": "version 1.0 (2019-10-28)",
                  "corrected": "with the correction of 2024-07-25 (PA efficiency included)"}


def point(rate):
    s = SETUP
    sigma2, bsr, brd, bsd = s.noise_power, s.beta_sr, s.beta_rd, s.beta_sd
    b, nu, alpha = s.bandwidth, s.pa_efficiency, s.amplitude
    out = {}
    for form in ("as_coded", "corrected"):
        n = optimal_element_count(rate, sigma2, bsr, brd, s.element_power, beta_sd=bsd,
                                  pa_efficiency=nu, amplitude=alpha, form=form)
        p = required_transmit_power(rate, sigma2, config="single_ris", beta_sd=bsd,
                                    beta_sr=bsr, beta_rd=brd, n_elements=n, amplitude=alpha)
        out[f"ee_irs_{form}"] = bjornson2020_energy_efficiency(
            "irs", b * rate, p, pa_efficiency=nu, source_power=s.source_power,
            destination_power=s.destination_power, n_elements=n,
            element_power=s.element_power)
        out[f"n_star_{form}"] = n
    p_siso = required_transmit_power(rate, sigma2, config="siso", beta_sd=bsd)
    out["ee_siso"] = bjornson2020_energy_efficiency(
        "siso", b * rate, p_siso, pa_efficiency=nu, source_power=s.source_power,
        destination_power=s.destination_power)
    p_df = required_transmit_power(rate, sigma2, config="df_relay", beta_sd=bsd, beta_sr=bsr,
                                   beta_rd=brd)
    out["ee_df"] = bjornson2020_energy_efficiency(
        "df_relay", b * rate, p_df, pa_efficiency=nu, source_power=s.source_power,
        destination_power=s.destination_power, relay_power=s.relay_power)
    return out


def run(quick: bool = False, seed: int = 0, executor="serial") -> xr.Dataset:
    """R̄ = 0.01, 0.1...10 bit/s/Hz as in the script (quick: 0.5 steps)."""
    rates = np.r_[0.01, np.arange(0.5 if quick else 0.1, 10.0 + 1e-9, 0.5 if quick else 0.1)]
    units = {k: "bit/J" for k in ("ee_irs_as_coded", "ee_irs_corrected", "ee_siso", "ee_df")}
    units.update(n_star_as_coded="1", n_star_corrected="1", rate="bit/s/Hz")
    ds = wirelesseff.sweep(point, {"rate": rates}, vectorized=True, seed=seed,
                           executor=executor, progress=False, units=units,
                           long_names={"ee_irs_as_coded": "EE, IRS (N* of the 2019 script)",
                                       "ee_irs_corrected": "EE, IRS (N* corrected)",
                                       "ee_siso": "EE, SISO", "ee_df": "EE, DF relay",
                                       "n_star_as_coded": "N* of the 2019 script",
                                       "n_star_corrected": "N* corrected",
                                       "rate": "achievable rate"},
                           attrs={"study": NAME, "source": SOURCE, "reconstruction": 0})
    irs = ds.ee_irs_as_coded.values
    df = ds.ee_df.values
    beats = np.nonzero((irs > df) & (ds.rate.values > 5))[0]
    ds.attrs["irs_beats_df_from_rate"] = float(ds.rate.values[beats[0]]) if beats.size else -1.0
    rate = ds.rate.values
    for form in ("as_coded", "corrected"):
        # IRS = SISO while N* = 0: the last rate of the grid before the first N* > 0
        # (-1 if the IRS is used from the lowest rate on)
        used = np.nonzero(ds[f"n_star_{form}"].values > 0)[0]
        if not used.size:
            last = rate[-1]
        else:
            last = rate[used[0] - 1] if used[0] > 0 else -1.0
        ds.attrs[f"irs_equals_siso_up_to_rate_{form}"] = round(float(last), 9)
    ds.attrs["n_star_as_coded_at_10"] = float(ds.n_star_as_coded.sel(rate=10.0, method="nearest"))
    ds.attrs["n_star_corrected_at_10"] = float(ds.n_star_corrected.sel(rate=10.0,
                                                                        method="nearest"))
    return ds


def headline(ds: xr.Dataset) -> list[Headline]:
    """N* at 10 bit/s/Hz and the highest rate with N* = 0, for both script versions."""
    src = {"as_coded": "simulateFigure5.m version 1.0 (2019-10-28), run in GNU Octave",
           "corrected": "simulateFigure5.m with the correction of 2024-07-25, run in GNU Octave"}
    pub_n = {"as_coded": 66.26, "corrected": 91.05}
    pub_zero = {"as_coded": 4.9, "corrected": 3.9}
    out = []
    for form in ("as_coded", "corrected"):
        out.append(Headline(f"EE-optimal N at 10 bit/s/Hz, form={form!r}",
                            round(ds.attrs[f"n_star_{form}_at_10"], 2), "1",
                            published=pub_n[form], source=src[form]))
        out.append(Headline(f"highest rate with N* = 0 (IRS = SISO), form={form!r}",
                            ds.attrs[f"irs_equals_siso_up_to_rate_{form}"], "bit/s/Hz",
                            published=pub_zero[form], source=src[form],
                            note="on the run's rate grid (0.1 steps; quick mode 0.5)"))
    out.append(Headline("rate above which the IRS beats DF relaying",
                        ds.attrs["irs_beats_df_from_rate"], "bit/s/Hz",
                        note="N* of the 2019 script"))
    return out


def plot(ds: xr.Dataset):
    fig, axes = plotting.subplots(1, 2, figsize=(11, 4))
    for i, (v, lab, ls) in enumerate([("ee_df", "DF relay", "-."),
                                      ("ee_irs_as_coded", "IRS, N* of the 2019 script", "-"),
                                      ("ee_irs_corrected", "IRS, N* corrected (2024)", ":"),
                                      ("ee_siso", "SISO", "--")]):
        plotting.plot_curves(axes[0], (ds[v] / 1e6).assign_attrs(units="Mbit/J",
                                                                 long_name="energy efficiency"),
                             "rate", scale_units=False, color=f"C{i}", linestyle=ls, label=lab)
    axes[0].legend()
    axes[0].set_title("Björnson et al. (2020), Fig. 5 set-up")
    plotting.plot_curves(axes[1], ds.n_star_as_coded, "rate",
                         label="2019 script (no 1/ν)")
    plotting.plot_curves(axes[1], ds.n_star_corrected, "rate", linestyle=":",
                         label="corrected 2024 (P_e → νP_e)")
    axes[1].set_ylabel("EE-optimal N*")
    axes[1].legend()
    return fig


if __name__ == "__main__":
    from wirelesseff.cli import main_for_study

    main_for_study(run, plot)
