r"""Power consumption of reconfigurable intelligent surfaces (RIS), passive and active.

* Passive RIS: each element draws :math:`P_n(b)` depending on its phase resolution :math:`b`
  (Huang et al. 2019), or a flat :math:`P_e` = 5 mW when the resolution is not modelled
  (Björnson, Özdogan, Larsson 2020); :math:`P = N P_n(b) + P_\mathrm{ctrl}`.
* Active RIS: each element has a phase-shift switch/control circuit :math:`P_\mathrm{SW}` and a
  DC bias for its reflection amplifier :math:`P_\mathrm{DC}`, plus the amplified output power
  divided by the amplifier efficiency (Zhang, Dai et al. 2023):
  :math:`P = N(P_\mathrm{SW} + P_\mathrm{DC}) + P_\mathrm{out}/\xi_A + P_\mathrm{ctrl}`.

References
----------
.. [1] C. Huang, A. Zappone, G. C. Alexandropoulos, M. Debbah, C. Yuen, "Reconfigurable
   intelligent surfaces for energy efficiency in wireless communication", IEEE Trans.
   Wireless Commun. 18(8):4157-4170, 2019, doi:10.1109/TWC.2019.2922609, arXiv:1810.06934.
.. [2] E. Björnson, Ö. Özdogan, E. G. Larsson, "Intelligent reflecting surface versus
   decode-and-forward: How large surfaces are needed to beat relaying?", IEEE Wireless Commun.
   Lett. 9(2):244-248, 2020, doi:10.1109/LWC.2019.2950624.
.. [3] Z. Zhang, L. Dai, X. Chen, C. Liu, F. Yang, R. Schober, H. V. Poor, "Active RIS vs.
   passive RIS: Which will prevail in 6G?", IEEE Trans. Commun. 71(3):1707-1725, 2023,
   doi:10.1109/TCOMM.2022.3231893, arXiv:2103.15154.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .._validation import (
    check_in_range,
    check_no_overflow,
    check_nonnegative,
    check_real_array,
)
from ..units import dbm2w
from .components import _table_lookup

__all__ = [
    "ACTIVE_RIS_P_DC_DBM",
    "ACTIVE_RIS_P_SW_DBM",
    "BJORNSON2020_RIS_ELEMENT_POWER",
    "HUANG2019_RIS_ELEMENT_POWER",
    "active_ris_element_power",
    "active_ris_power",
    "passive_ris_power",
    "ris_element_power",
]

#: Power per RIS element by phase resolution {bits: W} (Huang et al., IEEE TWC 2019):
#: 1.5, 4.5, 6.0 and 7.8 mW for 3-, 4-, 5- and 6-bit phase shifting.
HUANG2019_RIS_ELEMENT_POWER: Mapping[int, float] = {3: 1.5e-3, 4: 4.5e-3, 5: 6.0e-3, 6: 7.8e-3}

#: Power per RIS element when the resolution is not modelled, P_e = 5 mW (Björnson, Özdogan,
#: Larsson, IEEE WCL 2020; also used in emilbjornson/IRS-relaying).
BJORNSON2020_RIS_ELEMENT_POWER: float = 5e-3

#: Active-RIS per-element switch and control power [dBm] (Zhang, Dai et al., IEEE TCOM 2023).
ACTIVE_RIS_P_SW_DBM: float = -10.0
#: Active-RIS per-element DC biasing power of the reflection amplifier [dBm] (same source).
ACTIVE_RIS_P_DC_DBM: float = -5.0


def ris_element_power(bits=None, table=None):
    r"""Power of one passive RIS element [W] by phase resolution.

    Parameters
    ----------
    bits : int, array_like of int or None
        Phase resolution :math:`b` [bit]. ``None`` (default) returns :math:`P_e` = 5 mW
        (:data:`BJORNSON2020_RIS_ELEMENT_POWER`).
    table : mapping {int: float}, optional
        Power per resolution [W]; default :data:`HUANG2019_RIS_ELEMENT_POWER`
        ({3: 1.5 mW, 4: 4.5 mW, 5: 6.0 mW, 6: 7.8 mW}). User tables may add entries (e.g.
        assumed 1- and 2-bit values).

    Returns
    -------
    ndarray or float
        :math:`P_n(b)` [W], same shape as ``bits``.

    Raises
    ------
    TypeError
        If ``bits`` is not numeric (a string, a boolean) or ``table`` is not a mapping.
    ValueError
        If a resolution is not finite or missing from the table; the message names it and
        lists the available ones (the error is also a ``KeyError``, as it was before).

    Examples
    --------
    >>> ris_element_power()
    0.005
    >>> ris_element_power(3)
    0.0015
    >>> ris_element_power([4, 6])
    array([0.0045, 0.0078])
    >>> ris_element_power(1, table={1: 0.5e-3, **HUANG2019_RIS_ELEMENT_POWER})
    0.0005
    """
    if bits is None:
        return BJORNSON2020_RIS_ELEMENT_POWER
    tab = HUANG2019_RIS_ELEMENT_POWER if table is None else table
    if not isinstance(tab, Mapping):
        raise TypeError(f"table must be a mapping {{bits: W}}, got {type(tab).__name__}")
    return _table_lookup("bits", bits, tab, what="RIS element power")


def passive_ris_power(n_elements, bits=None, table=None, p_ctrl=0.0):
    r"""Power of a passive RIS, :math:`N P_n(b) + P_\mathrm{ctrl}` [W].

    Parameters
    ----------
    n_elements : array_like
        Number of elements :math:`N \ge 0`.
    bits, table
        See :func:`ris_element_power` (scalar resolution).
    p_ctrl : float, optional
        Controller power [W]; default 0 (assumed; see docs/ris_leo.md).

    Examples
    --------
    >>> round(float(passive_ris_power(100, bits=3)), 6)
    0.15
    """
    check_nonnegative(n_elements=n_elements, p_ctrl=p_ctrl)
    n = np.asarray(n_elements, dtype=float)
    with np.errstate(over="ignore"):
        out = n * np.asarray(ris_element_power(bits, table)) + p_ctrl
    check_no_overflow([out], "n_elements, p_ctrl")
    return out[()]


def active_ris_element_power(p_sw_dbm=ACTIVE_RIS_P_SW_DBM, p_dc_dbm=ACTIVE_RIS_P_DC_DBM):
    r"""Static power of one active-RIS element, :math:`P_\mathrm{SW} + P_\mathrm{DC}` [W].

    Parameters
    ----------
    p_sw_dbm : array_like, optional
        Phase-shift switch and control circuit [dBm]; default −10 dBm.
    p_dc_dbm : array_like, optional
        DC biasing of the reflection amplifier [dBm]; default −5 dBm.

    Returns
    -------
    ndarray or float
        Power [W]; 0.1 mW + 0.316 mW = 0.416 mW for the defaults (Zhang, Dai et al. 2023).

    Examples
    --------
    >>> round(float(active_ris_element_power()) * 1e3, 4)   # mW
    0.4162
    """
    p_sw = check_real_array("p_sw_dbm", p_sw_dbm)
    p_dc = check_real_array("p_dc_dbm", p_dc_dbm)
    with np.errstate(over="ignore"):
        out = np.asarray(dbm2w(p_sw)) + np.asarray(dbm2w(p_dc))
    check_no_overflow([out], "p_sw_dbm, p_dc_dbm")
    return out[()]


def active_ris_power(n_elements, output_power=0.0, *, p_sw_dbm=ACTIVE_RIS_P_SW_DBM,
                     p_dc_dbm=ACTIVE_RIS_P_DC_DBM, amplifier_efficiency=0.8, p_ctrl=0.0):
    r"""Power of an active RIS, :math:`N(P_\mathrm{SW}+P_\mathrm{DC}) + P_\mathrm{out}/\xi_A +
    P_\mathrm{ctrl}` [W].

    Parameters
    ----------
    n_elements : array_like
        Number of elements :math:`N \ge 0`.
    output_power : array_like, optional
        Total power added by the reflection amplifiers, :math:`P_\mathrm{out}` [W]; default 0.
    p_sw_dbm, p_dc_dbm : float, optional
        Per-element powers [dBm] (see :func:`active_ris_element_power`).
    amplifier_efficiency : float, optional
        Amplifier efficiency :math:`\xi_A` in (0, 1]; default 0.8 (an assumption of the RIS/LEO
        module).
    p_ctrl : float, optional
        Controller power [W]; default 0.

    Examples
    --------
    >>> round(float(active_ris_power(100, 0.008)) * 1e3, 3)   # mW: 41.623 + 10
    51.623
    """
    check_nonnegative(n_elements=n_elements, output_power=output_power, p_ctrl=p_ctrl)
    n = np.asarray(n_elements, dtype=float)
    p_out = np.asarray(output_power, dtype=float)
    check_in_range("amplifier_efficiency", amplifier_efficiency, 0.0, 1.0, low_open=True)
    per_el = np.asarray(active_ris_element_power(p_sw_dbm, p_dc_dbm))
    with np.errstate(over="ignore"):
        out = n * per_el + p_out / amplifier_efficiency + p_ctrl
    check_no_overflow([out], "n_elements, output_power, amplifier_efficiency, p_ctrl")
    return out[()]
