"""Published values of the network module (stochastic geometry of Andrews, Baccelli, Ganti)."""

from __future__ import annotations

import math

from . import Reference

ABG = ("J. G. Andrews, F. Baccelli, R. K. Ganti, 'A tractable approach to coverage and rate in "
       "cellular networks', IEEE Trans. Commun. 59(11):3122-3134, 2011, "
       "doi:10.1109/TCOMM.2011.100411.100541")


def _pc(t_db: float, alpha: float):
    def compute():
        from wirelesseff.network import coverage_probability_ppp

        return float(coverage_probability_ppp(10 ** (t_db / 10), alpha))
    return compute


def _abg_alpha4(t_db: float) -> float:
    t = 10 ** (t_db / 10)
    return 1.0 / (1.0 + math.sqrt(t) * (math.pi / 2 - math.atan(1.0 / math.sqrt(t))))


def _mean_rate_nats():
    from wirelesseff.network import mean_rate_ppp

    return float(mean_rate_ppp(4.0)) * math.log(2.0)


def _mean_rate_bits():
    from wirelesseff.network import mean_rate_ppp

    return float(mean_rate_ppp(4.0))


def _tid(t_db: float) -> str:
    return f"{'m' if t_db < 0 else ''}{abs(int(t_db))}db"


REFERENCES = [
    *[Reference(f"abg2011-coverage-alpha4-no-noise-{_tid(t_db)}",
                f"PPP downlink coverage, alpha = 4, no noise, T = {t_db:g} dB",
                _abg_alpha4(t_db), _pc(t_db, 4.0),
                ABG + ", Sec. III, Theorem 1 in its closed form without noise for alpha = 4: "
                "p_c = 1/(1 + sqrt(T)(pi/2 - arctan(1/sqrt(T))))",
                rtol=1e-12, units="1")
      for t_db in (-10.0, 0.0, 10.0, 20.0)],
    Reference("abg2011-mean-rate-alpha4-nats", "mean rate of the typical user, alpha = 4, "
              "no noise", 1.49, _mean_rate_nats, ABG + ", Sec. IV: Theorem 3 specialised to the "
              "interference-limited network with alpha = 4, 1.49 nats/s/Hz (the subsection, and "
              "whether a figure also shows it, were not re-checked against the full text)",
              atol=5e-3, units="nat/s/Hz"),
    Reference("abg2011-mean-rate-alpha4-bits", "mean rate of the typical user, alpha = 4, "
              "no noise, in bit/s/Hz", 2.15, _mean_rate_bits,
              ABG + ", Sec. IV (1.49 nats/s/Hz of Theorem 3 for alpha = 4 without noise, "
              "converted: 1.49 / ln 2 = 2.15 bit/s/Hz)", atol=5e-3, units="bit/s/Hz"),
]
