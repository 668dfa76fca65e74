r"""Bent-function Golay codebooks for grant-free NOMA.

Spreading codebooks of :math:`K = 6N` binary Golay sequences of length :math:`N = 2^{4m}`
with the optimal coherence :math:`1/\sqrt N` and PAPR :math:`\leq 2`, announced by
C. Li, C. Riera, P. Sarkar and P. Stănică, "On the codebook design for NOMA schemes from bent
functions", arXiv:2512.16560 (2025). Only the abstract was available: the construction here
(two maximum pairwise-bent base sets at :math:`n = 4`, found by the project's exhaustive
search, lifted by block repetition) is a **reconstruction** achieving the announced
parameters, proven for all :math:`m` by a Schur-complement argument; it may differ from the
authors' own recursion. docs/noma.md separates what the paper states from what we computed.

Notation everywhere: **N** = sequence length (chips), **K** = number of codewords, overloading
:math:`\lambda = K/N`; a codebook is an (N, K) array with unit-norm columns.

Sub-modules (all names are re-exported here):

:mod:`~wirelesseff.noma.boolean`
    Walsh--Hadamard transform (numba FWHT), bent / near-bent tests, Maiorana--McFarland,
    direct and indirect sums.
:mod:`~wirelesseff.noma.golay`
    Golay--Davis--Jedwab quadratics, pairwise-bent permutation sets, the extension step and
    its block-repetition default with their certificate, odd-n near-bent sets, the random
    same-family baseline after Yu (2021), dense codebooks, matrix-free
    :class:`GolayOperator`, fast coherence.
:mod:`~wirelesseff.noma.bounds`
    Welch and Levenshtein bounds (NaN outside validity).
:mod:`~wirelesseff.noma.papr`
    PAPR of sequences as multicarrier symbols and its CCDF. (``wirelesseff.noma.papr`` is
    the function; the sub-module is ``importlib.import_module("wirelesseff.noma.papr")``.)
:mod:`~wirelesseff.noma.codebooks`
    Coherence of dense codebooks; Heng--Yue Levenshtein-optimal reference; Gaussian, bipolar,
    QPSK and Zadoff--Chu baselines; every codebook by name (:func:`make_codebook`).
:mod:`~wirelesseff.noma.detect`
    OMP, AMP, Monte-Carlo activity detection, coherence guarantees.
:mod:`~wirelesseff.noma.ee`
    PAPR back-off, PA efficiency, required SNR, transmit power and energy efficiency.
"""

from __future__ import annotations

from . import boolean, bounds, codebooks, detect, ee, golay
from .boolean import (
    bent_dual,
    direct_sum,
    fwht,
    gf2_rank,
    indirect_sum,
    is_bent,
    is_near_bent,
    maiorana_mcfarland,
    walsh_hadamard,
)
from .bounds import levenshtein_bound, welch_bound
from .codebooks import (
    CODEBOOK_KINDS,
    CODEBOOK_LABELS,
    CONWAY_POLYNOMIALS,
    bipolar_codebook,
    coherence,
    coherence_statistics,
    field_multiply,
    field_trace,
    gaussian_codebook,
    heng_yue_codebook,
    make_codebook,
    qpsk_codebook,
    zadoff_chu_codebook,
)
from .detect import (
    activity_detection_mc,
    activity_error_curve,
    amp,
    omp,
    omp_batch,
    omp_max_sparsity,
    omp_penalty_db,
    wilson_interval,
)
from .ee import (
    energy_efficiency,
    pa_efficiency,
    papr_backoff_db,
    required_snr_db,
    transmit_power,
)
from .golay import (
    BASE_SET_A,
    BASE_SET_B,
    TAIL_SET_3,
    GolayOperator,
    bent_permutation_sets,
    certify_block_repetition,
    extend_permutation_set,
    gdj_quadratic,
    golay_codebook,
    golay_codebook_coherence,
    golay_operator,
    near_bent_golay_codebook,
    near_bent_permutation_set,
    pairwise_bent_by_rank,
    recursive_permutation_set,
    schur_complement_orbit,
    yu_golay_codebook,
    yu_permutation_set,
)
from .papr import papr, papr_ccdf

__all__ = [
    "BASE_SET_A",
    "BASE_SET_B",
    "CODEBOOK_KINDS",
    "CODEBOOK_LABELS",
    "CONWAY_POLYNOMIALS",
    "TAIL_SET_3",
    "GolayOperator",
    "activity_detection_mc",
    "activity_error_curve",
    "amp",
    "bent_dual",
    "bent_permutation_sets",
    "bipolar_codebook",
    "boolean",
    "bounds",
    "certify_block_repetition",
    "codebooks",
    "coherence",
    "coherence_statistics",
    "detect",
    "direct_sum",
    "ee",
    "energy_efficiency",
    "extend_permutation_set",
    "field_multiply",
    "field_trace",
    "fwht",
    "gaussian_codebook",
    "gdj_quadratic",
    "gf2_rank",
    "golay",
    "golay_codebook",
    "golay_codebook_coherence",
    "golay_operator",
    "heng_yue_codebook",
    "indirect_sum",
    "is_bent",
    "is_near_bent",
    "levenshtein_bound",
    "maiorana_mcfarland",
    "make_codebook",
    "near_bent_golay_codebook",
    "near_bent_permutation_set",
    "omp",
    "omp_batch",
    "omp_max_sparsity",
    "omp_penalty_db",
    "pa_efficiency",
    "pairwise_bent_by_rank",
    "papr",
    "papr_backoff_db",
    "papr_ccdf",
    "qpsk_codebook",
    "recursive_permutation_set",
    "required_snr_db",
    "schur_complement_orbit",
    "transmit_power",
    "walsh_hadamard",
    "welch_bound",
    "wilson_interval",
    "yu_golay_codebook",
    "yu_permutation_set",
    "zadoff_chu_codebook",
]
