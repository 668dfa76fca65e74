"""Published values of the NOMA module: bent-function Golay codebooks and their bounds.

Li et al. (2025) were read only as an abstract: the entries citing them check the parameters
the abstract states (K = 6N, N = 2^(4m), coherence 1/sqrt(N)) against the project's
reconstruction of the codebook (see docs/noma.md).
"""

from __future__ import annotations

import functools
import math

from . import Reference

LI2025 = ("C. Li, C. Riera, P. Sarkar, P. Stanica, \"On the codebook design for NOMA schemes "
          "from bent functions\", arXiv:2512.16560, 2025, abstract")
DAVIS_JEDWAB = ("J. A. Davis, J. Jedwab, \"Peak-to-mean power control in OFDM, Golay "
                "complementary sequences, and Reed-Muller codes\", IEEE Trans. Inf. Theory "
                "45(7):2397-2417, 1999, doi:10.1109/18.796380")
WELCH = ("L. R. Welch, \"Lower bounds on the maximum cross correlation of signals\", IEEE "
         "Trans. Inf. Theory 20(3):397-399, 1974, doi:10.1109/TIT.1974.1055219")
HENG_YUE = ("Z. Heng, Q. Yue, \"Optimal codebooks achieving the Levenshtein bound from "
            "generalized bent functions over Z4\", Cryptogr. Commun. 9(1):41-53, 2017")
YU2021 = ("N. Y. Yu, \"Binary Golay spreading sequences and Reed-Muller codes for uplink "
          "grant-free NOMA\", IEEE Trans. Commun. 69(1):276-290, 2021, "
          "doi:10.1109/TCOMM.2020.3031613, abstract")
RECONSTRUCTION = ("our codebook: the project's base sets lifted by block repetition "
                  "(reconstruction; the authors' recursion is unknown)")


def _coherence(m: int) -> float:
    from wirelesseff.noma import golay_codebook_coherence, recursive_permutation_set

    return golay_codebook_coherence(recursive_permutation_set("A", m))


def _overloading() -> float:
    from wirelesseff.noma import golay_operator

    op = golay_operator(3)
    return op.K / op.N


@functools.cache
def _max_papr(kind: str) -> float:
    from wirelesseff.noma import make_codebook, papr

    return float(papr(make_codebook(kind, 256, rng=0), 16).max())


def _welch(n: int) -> float:
    from wirelesseff.noma import welch_bound

    return float(welch_bound(n, 6 * n))


def _heng_yue_coherence() -> float:
    from wirelesseff.noma import coherence, heng_yue_codebook

    return coherence(heng_yue_codebook(4))


def _levenshtein_real_identity() -> float:
    from wirelesseff.noma import levenshtein_bound

    return float(levenshtein_bound(16, 16 * 9, real=True))


REFERENCES = [
    *[Reference(f"li2025-coherence-m{m}",
                f"coherence of the K = 6N Golay codebook, N = 2^{4 * m} = {2 ** (4 * m)}",
                2.0 ** (-2 * m), functools.partial(_coherence, m), LI2025, units="1",
                note=f"1/sqrt(N), exactly; {RECONSTRUCTION}")
      for m in (1, 2, 3, 4, 5)],
    Reference("li2025-overloading", "codewords per chip K/N of the Golay codebook", 6.0,
              _overloading, LI2025, units="1", note=RECONSTRUCTION),
    Reference("davis-jedwab1999-papr-golay-codebook",
              "largest PAPR of the N = 256, K = 1536 Golay codebook (16x oversampling)",
              (-math.inf, 2.0), functools.partial(_max_papr, "golay"), DAVIS_JEDWAB,
              units="1", note="every Golay sequence has PAPR <= 2 (3.01 dB)"),
    Reference("yu2021-papr-random-golay-codebook",
              "largest PAPR of Golay sequences of a random permutation set, N = 256, K = 1536",
              (-math.inf, 2.0), functools.partial(_max_papr, "golay_yu"), YU2021, units="1",
              note="the abstract's 'at most 3 dB' is 10 log10(2) = 3.0103 dB; the permutation "
                   "search is the project's reading"),
    Reference("welch1974-n16-k96", "Welch bound for N = 16, K = 96", math.sqrt(1 / 19),
              functools.partial(_welch, 16), WELCH, rtol=1e-15, units="1",
              note="sqrt((K - N)/(N(K - 1))) = sqrt(1/19)"),
    *[Reference(f"welch1974-n{n}-k{6 * n}", f"Welch bound for N = {n}, K = {6 * n}", value,
                functools.partial(_welch, n), WELCH, atol=5e-7, units="1",
                note="value of the coherence table (six decimals)")
      for n, value in ((256, 0.057073), (4096, 0.014264), (65536, 0.003566))],
    Reference("heng-yue2017-levenshtein-optimal-n16",
              "coherence of the quaternary codebook N = 16, K = N^2 + N = 272", 0.25,
              _heng_yue_coherence, HENG_YUE, atol=1e-12, units="1",
              note="meets the complex Levenshtein bound 1/sqrt(N); the trace-form construction "
                   "is the project's reconstruction of the paper's parameters"),
    Reference("heng-yue2017-levenshtein-real-identity",
              "real Levenshtein bound at N = 16, K = N(N/2 + 1) = 144", 0.25,
              _levenshtein_real_identity, HENG_YUE, rtol=1e-14, units="1",
              note="mu_Lr(N, N(N/2 + 1)) = 1/sqrt(N)"),
]
