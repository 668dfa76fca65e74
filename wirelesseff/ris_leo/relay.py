r"""The IRS-versus-relaying set-up of Björnson, Özdogan and Larsson (IEEE WCL 2020, Fig. 5).

The paper compares the energy efficiency of a source-destination link helped by an intelligent
reflecting surface (IRS) with the power-minimising number of elements :math:`N^\star`, by a
decode-and-forward (DF) relay, or by neither (SISO). Its simulation set-up, as coded in the
authors' script ``simulateFigure5.m`` (repository ``emilbjornson/IRS-relaying``), is the preset
:class:`Bjornson2020Setup`; the path loss is the 3GPP TR 36.814 urban-micro model
(:func:`tr36814_umi_path_loss_db`). The link formulas themselves are
:func:`~wirelesseff.ris_leo.required_transmit_power`,
:func:`~wirelesseff.ris_leo.optimal_element_count` and
:func:`~wirelesseff.ris_leo.bjornson2020_energy_efficiency`.

References
----------
.. [1] E. Björnson, Ö. Özdogan, E. G. Larsson, "Intelligent reflecting surface versus
   decode-and-forward: how large surfaces are needed to beat relaying?", IEEE Wireless Commun.
   Lett. 9(2):244-248, 2020, doi:10.1109/LWC.2019.2950624, arXiv:1906.03949.
.. [2] 3GPP TR 36.814 V9.0.0, "Further advancements for E-UTRA physical layer aspects
   (Release 9)", 2010, Table B.1.2.1-1 (urban micro, hexagonal layout).
"""

from __future__ import annotations

import types
from dataclasses import dataclass, fields

import numpy as np

from .._validation import check_flag, check_in_range, check_nonnegative, check_positive
from ..channel.noise import noise_power
from ..units import BOLTZMANN, db2lin, dbm2w
from ._checks import FREQUENCY_RANGE, MAX_DISTANCE, real, real_scalar

__all__ = ["Bjornson2020Setup", "tr36814_umi_path_loss_db"]


def tr36814_umi_path_loss_db(distance, frequency, los=True):
    r"""Urban-micro path loss of 3GPP TR 36.814, Table B.1.2.1-1 [dB].

    Parameters
    ----------
    distance : array_like
        Link distance :math:`d` [m] (> 0; the table's validity is 10 m to 2 km for LOS and
        10 m to 5 km for NLOS, not enforced).
    frequency : array_like
        Carrier frequency :math:`f_c` [Hz] (> 0).
    los : bool
        Line of sight (``True``) or not.

    Returns
    -------
    ndarray or float
        :math:`PL_\mathrm{LOS} = 28 + 20\log_{10}f_c[\mathrm{GHz}] + 22\log_{10}d` and
        :math:`PL_\mathrm{NLOS} = 22.7 + 26\log_{10}f_c[\mathrm{GHz}] + 36.7\log_{10}d` [dB]
        (antenna gains not included), the model of Björnson et al. (2020), Sec. IV.

    Examples
    --------
    >>> round(float(tr36814_umi_path_loss_db(80.0, 3e9)), 4)
    79.4104
    >>> round(float(tr36814_umi_path_loss_db(70.7107, 3e9, los=False)), 2)
    102.98
    """
    los = check_flag("los", los)
    d = real("distance", distance, 0.0, MAX_DISTANCE, low_open=True)
    f_ghz = real("frequency", frequency, *FREQUENCY_RANGE) / 1e9
    if los:
        out = 28.0 + 20 * np.log10(f_ghz) + 22 * np.log10(d)
    else:
        out = 22.7 + 26 * np.log10(f_ghz) + 36.7 * np.log10(d)
    return out[()] if np.ndim(out) == 0 else out


@dataclass(frozen=True)
class Bjornson2020Setup:
    r"""Simulation set-up of Björnson, Özdogan, Larsson (IEEE WCL 2020), Fig. 5.

    Every default is the value of the authors' script ``simulateFigure5.m``
    (``emilbjornson/IRS-relaying``); powers are in W here (the script uses mW).

    Parameters
    ----------
    frequency : float
        Carrier :math:`f_c` [Hz] (3 GHz).
    bandwidth : float
        :math:`B` [Hz] (10 MHz).
    noise_figure_db : float
        Receiver noise figure [dB] (10 dB).
    noise_psd_dbm_hz : float
        Thermal noise density [dBm/Hz] (the script's rounded −174 dBm/Hz, i.e. :math:`k_BT`
        with :math:`T \approx 288.3` K; :func:`wirelesseff.channel.noise_power` at 290 K gives
        −173.975 dBm/Hz).
    d_sr, d_v, d_1 : float
        Source-IRS/relay distance (80 m), distance of the destination from the source-IRS
        line (10 m) and its position along it (70 m) [m].
    gain_s_dbi, gain_r_dbi, gain_d_dbi : float
        Antenna gains of source, IRS/relay and destination [dBi] (5, 5, 0).
    source_power, destination_power, relay_power : float
        Hardware powers :math:`P_s, P_d, P_r` [W] (0.1 each).
    element_power : float
        Power per IRS element :math:`P_e` [W] (5 mW).
    pa_efficiency : float
        Source PA efficiency :math:`\nu` (0.5).
    amplitude : float
        IRS reflection amplitude :math:`\alpha` (1).

    Notes
    -----
    Distances: :math:`d_{SD} = \sqrt{d_1^2+d_v^2}`, :math:`d_{RD} = \sqrt{(d_1-d_{SR})^2 +
    d_v^2}`; channel gains :math:`\beta_{SR} = \mathrm{LOS}(d_{SR})G_SG_R`,
    :math:`\beta_{RD} = \mathrm{LOS}(d_{RD})G_RG_D`, :math:`\beta_{SD} =
    \mathrm{NLOS}(d_{SD})G_SG_D` with the TR 36.814 urban-micro model
    (:func:`tr36814_umi_path_loss_db`).

    Examples
    --------
    >>> s = Bjornson2020Setup()
    >>> [round(float(10 * np.log10(b)), 2) for b in (s.beta_sr, s.beta_rd, s.beta_sd)]
    [-69.41, -57.85, -97.98]
    >>> round(float(10 * np.log10(s.noise_power)) + 30, 2)  # dBm
    -94.0
    """

    frequency: float = 3e9
    bandwidth: float = 10e6
    noise_figure_db: float = 10.0
    noise_psd_dbm_hz: float = -174.0
    d_sr: float = 80.0
    d_v: float = 10.0
    d_1: float = 70.0
    gain_s_dbi: float = 5.0
    gain_r_dbi: float = 5.0
    gain_d_dbi: float = 0.0
    source_power: float = 0.1
    destination_power: float = 0.1
    relay_power: float = 0.1
    element_power: float = 5e-3
    pa_efficiency: float = 0.5
    amplitude: float = 1.0

    #: Source of the defaults.
    SOURCE = types.MappingProxyType({
        "all": "simulateFigure5.m of emilbjornson/IRS-relaying (Björnson, Özdogan, Larsson, "
               "IEEE WCL 9(2), 2020, Fig. 5)",
        "path loss": "3GPP TR 36.814 V9.0.0 Table B.1.2.1-1 (UMi), as cited by the script",
    })

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, bool | np.bool_ | str | bytes):
                raise TypeError(f"{f.name} must be a real scalar, got {v!r}")
            object.__setattr__(self, f.name, real_scalar(f.name, v, -1e12, 1e16))
        check_positive(frequency=self.frequency, bandwidth=self.bandwidth, d_sr=self.d_sr,
                       element_power=self.element_power, amplitude=self.amplitude)
        check_nonnegative(noise_figure_db=self.noise_figure_db, d_v=self.d_v, d_1=self.d_1,
                          source_power=self.source_power,
                          destination_power=self.destination_power,
                          relay_power=self.relay_power)
        check_in_range("pa_efficiency", self.pa_efficiency, 0.0, 1.0, low_open=True)
        if self.d_sd == 0 or self.d_rd == 0:
            raise ValueError(f"d_1 and d_v place the destination on the source or the IRS "
                             f"(d_1={self.d_1}, d_v={self.d_v}, d_sr={self.d_sr})")

    @property
    def d_sd(self) -> float:
        """Source-destination distance [m]."""
        return float(np.hypot(self.d_1, self.d_v))

    @property
    def d_rd(self) -> float:
        """IRS/relay-destination distance [m]."""
        return float(np.hypot(self.d_1 - self.d_sr, self.d_v))

    @property
    def noise_power(self) -> float:
        r"""Noise power :math:`\sigma^2` [W] at the script's noise density."""
        temperature = float(dbm2w(self.noise_psd_dbm_hz)) / BOLTZMANN
        return float(noise_power(self.bandwidth, self.noise_figure_db, temperature))

    def _gain(self, distance, los):
        return db2lin(-tr36814_umi_path_loss_db(distance, self.frequency, los=los))

    @property
    def beta_sr(self) -> float:
        r"""Source-IRS/relay channel gain :math:`\beta_{SR}` [linear], antenna gains included."""
        return float(self._gain(self.d_sr, True) * db2lin(self.gain_s_dbi)
                     * db2lin(self.gain_r_dbi))

    @property
    def beta_rd(self) -> float:
        r"""IRS/relay-destination channel gain :math:`\beta_{RD}` [linear]."""
        return float(self._gain(self.d_rd, True) * db2lin(self.gain_r_dbi)
                     * db2lin(self.gain_d_dbi))

    @property
    def beta_sd(self) -> float:
        r"""Source-destination channel gain :math:`\beta_{SD}` [linear] (NLOS)."""
        return float(self._gain(self.d_sd, False) * db2lin(self.gain_s_dbi)
                     * db2lin(self.gain_d_dbi))
