"""Where "no answer" is decided: `answer_found` of every search comes from `decide()` here.

The rule in use is chosen by `python -m bench.tune` leave-one-corpus-out among three (the choice
and the constants are in index/data/search_params.json, the comparison in docs/tuning-results.md):

- "calibrated": the question's best cosine + a fitted share (`cosine_coverage_weight`) of its
  bigram coverage must reach a fitted margin + a fitted share (`calibration_weight`) of the
  index's own calibration + a fitted share (`offtopic_weight`) of its off-topic calibration. Both
  (index.calibration) are measured when the index is built and recorded in the manifest: how high
  pseudo-questions made of its own clauses' openings score (questions it answers), and how high a
  fixed list of off-topic questions scores (questions it does not). So the threshold moves with the
  corpus and the model instead of being a constant in cosine units fitted on other documents.
  Where a calibration with a non-zero share is not usable (an index built before it existed or
  with another recipe or list, one under index.calibration.MIN_QUESTIONS clauses, a value that is
  not finite) it falls back to "cosine".
  Both cosine rules take a fitted `type_penalty` off the score when the question asks for a
  percentage, a date, a sum of money, a length of time or how often and the first clause states
  none, or asks about a year that neither the first clause, its headings nor its document name
  (unless the clause is a rule in force since before that year), and add a fitted
  `agreement_bonus` when the first clause is also first by cosine alone and by BM25 alone, or
  take a fitted `disagreement_penalty` off when it is not.
- "cosine": the same score against one fitted raw cosine (`min_cosine`).
- "logistic": a model over signals relative to the index:
  - `dense_z`: how far the best passage's cosine stands above the question's cosines with the
    whole index (a sample of it), in standard deviations.
  - `dense_lift`: the best cosine minus the mean of the question's cosines with the index.
  - `dense_gap`: how far the best cosine stands above the mean of the ten best, in the same
    standard deviations.
  - `idf_coverage`: the share (weighted by inverse document frequency in this index) of the
    question's content terms (syllables and syllable bigrams, diacritics folded) found in one of
    the top passages; terms the index has never seen weigh most.
  - `bigram_coverage`: the share of the question's syllable bigrams found in one top passage.
  Fitted across corpora (answerable questions of each corpus as positives, its unanswerable
  questions and questions written for the OTHER corpora as negatives); it lost leave-one-corpus-
  out and is kept for comparison.

Whatever the rule, a question that names a place in a document ("Điều 35 Bộ luật Lao động",
index.references) is answered when the place exists and not when it does not; one that names a
document and asks who signed it, whom it was sent to or who issued it when ("Ai ký Kế hoạch 48?")
is answered when that part of that document comes first; a first passage that holds every content syllable of the question and three
quarters of its bigrams (at least two) is never "not found" (for an English question, only when the
glossary translated all its words: index.search.Searcher.abstain_features), and punctuation cannot flip the
verdict: the query analysis strips it before anything is embedded or counted
(index.query.canonical_question).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Syllables (folded) that in a question only ask: "nào", "gì", "ai". ("bao", "nhiêu", "đâu" are
# also "bảo hiểm", "nhiều", "đầu": words of clauses.)
_ASKING = frozenset({"nao", "gi", "ai"})
FEATURES = ("dense_z", "dense_gap", "dense_lift", "idf_coverage", "bigram_coverage")
# Cosines of a question with at most this many passages estimate its score distribution over
# the index (deterministic sample; exact for indexes up to this size).
Z_SAMPLE = 4096


@dataclass(frozen=True)
class AbstainModel:
    """Logistic model: P(answerable) = σ(bias + Σ w_i · feature_i); found when ≥ threshold."""

    weights: tuple[float, ...] = (0.0, 0.0, 0.0, 0.0, 0.0)
    bias: float = 0.0
    threshold: float = 0.5
    # A first passage holding all of the question's content bigrams (≥ this many) is an answer.
    full_cover_bigrams: int = 2

    # "logistic" (the model above); "cosine": best raw cosine + cosine_coverage_weight · bigram coverage ≥
    # min_cosine; "calibrated": the same score ≥ calibration_weight × the index's own calibration
    # + offtopic_weight × its off-topic calibration (index.calibration, recorded in its manifest)
    # + min_margin, falling back to "cosine" where a calibration with a non-zero share is missing.
    # bench.tune picks the rule that wins leave-one-corpus-out; the full-cover rule and
    # punctuation stripping apply to all.
    rule: str = "logistic"
    min_cosine: float = 0.894
    cosine_coverage_weight: float = 0.05
    min_margin: float = 0.0
    # How much of the calibration's difference from index to index moves the threshold: it is an
    # estimate, noisy for an index of one document, so bench.tune fits the weight (1 = all of it).
    calibration_weight: float = 1.0
    # The same for the index's off-topic calibration (how high questions it does not answer score).
    offtopic_weight: float = 0.0
    # What the cosine rules take off the score of a question asking for a percentage, a date, a sum,
    # a length of time or how often when the first clause states none ("type_missing"): near-topic questions
    # the documents do not answer ("Đoàn phí mỗi tháng bao nhiêu phần trăm lương?") score as high
    # as answered ones, but what comes first holds no such number.
    type_penalty: float = 0.0
    # What the cosine rules add to the score when the first clause is also first by meaning alone
    # (its cosine) and by words alone (BM25), and take off when it is not ("agreement"): an
    # answered question's clause is usually both retrievers' first, a near-topic question the
    # documents do not answer pulls them apart. 0 and 0 = off.
    agreement_bonus: float = 0.0
    disagreement_penalty: float = 0.0

    def probability(self, features: dict[str, float]) -> float:
        x = self.bias + sum(w * features[name] for w, name in zip(self.weights, FEATURES, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))

    def decide(self, features: dict[str, float]) -> bool:
        # A question naming a place ("Điều 35 Bộ luật Lao động") is answered by that place if it
        # exists, and by nothing if it does not (index.references), whatever the scores say.
        if features.get("reference", 0.0) != 0.0:
            return features["reference"] > 0.0
        # "Ai ký Kế hoạch 48?": the named document's signature (recipients, header) is the answer.
        if features.get("named_part", 0.0) > 0.0:
            return True
        if features.get("top1_full_cover", 0.0) >= 1.0:
            return True
        if self.rule in ("cosine", "calibrated"):
            threshold = self.cosine_threshold(features.get("calibration"), features.get("offtopic"))
            return self.cosine_score(features) >= threshold
        return self.probability(features) >= self.threshold

    def cosine_threshold(self, calibration: float | None, offtopic: float | None = None) -> float:
        """What `cosine_score` must reach on an index with these calibrations (None = not recorded)."""
        offset = self.calibration_offset(calibration, offtopic)
        if self.rule == "calibrated" and offset is not None:
            return offset + self.min_margin
        return self.min_cosine

    def calibration_offset(self, calibration: float | None, offtopic: float | None) -> float | None:
        """The fitted shares of an index's calibrations that the "calibrated" rule adds to its
        margin; None when one with a non-zero share is missing or not finite."""
        shares = ((self.calibration_weight, calibration), (self.offtopic_weight, offtopic))
        if not all(w == 0.0 or (v is not None and math.isfinite(v)) for w, v in shares):
            return None
        return sum(w * v for w, v in shares if w != 0.0)

    def cosine_score(self, features: dict[str, float]) -> float:
        """What the cosine rule compares with `min_cosine`."""
        score = (
            features["best_cosine"]
            + self.cosine_coverage_weight * features["bigram_coverage"]
            - self.type_penalty * features.get("type_missing", 0.0)
        )
        agreement = features.get("agreement")
        if agreement is not None:
            score += self.agreement_bonus * agreement - self.disagreement_penalty * (1.0 - agreement)
        return score

    @classmethod
    def from_dict(cls, data: dict) -> AbstainModel:
        return cls(
            weights=tuple(float(data["weights"].get(name, 0.0)) for name in FEATURES),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            full_cover_bigrams=int(data.get("full_cover_bigrams", 2)),
            rule=str(data.get("rule", "logistic")),
            min_cosine=float(data.get("min_cosine", 0.894)),
            cosine_coverage_weight=float(data.get("cosine_coverage_weight", 0.05)),
            min_margin=float(data.get("min_margin", 0.0)),
            calibration_weight=float(data.get("calibration_weight", 1.0)),
            offtopic_weight=float(data.get("offtopic_weight", 0.0)),
            type_penalty=float(data.get("type_penalty", 0.0)),
            agreement_bonus=float(data.get("agreement_bonus", 0.0)),
            disagreement_penalty=float(data.get("disagreement_penalty", 0.0)),
        )

    def to_dict(self) -> dict:
        return {
            "weights": dict(zip(FEATURES, self.weights, strict=True)),
            "bias": self.bias,
            "threshold": self.threshold,
            "full_cover_bigrams": self.full_cover_bigrams,
            "rule": self.rule,
            "min_cosine": self.min_cosine,
            "cosine_coverage_weight": self.cosine_coverage_weight,
            "min_margin": self.min_margin,
            "calibration_weight": self.calibration_weight,
            "offtopic_weight": self.offtopic_weight,
            "type_penalty": self.type_penalty,
            "agreement_bonus": self.agreement_bonus,
            "disagreement_penalty": self.disagreement_penalty,
        }


# A year the question asks about ("năm 2024", "đến 2030", "in 2026", "nhiệm kỳ 2028 - 2033",
# "31/12/2025"), not a count ("2000 đoàn viên").
_ASKED_YEAR = re.compile(
    r"(?:\b(?:năm|nam|kỳ|ky|đến|den|tới|toi|từ|tu|in|by|for|from|until|since|of)\s+|/|[-–—]\s*)((?:19[5-9]|20[0-4])\d)\b"
    r"(?!\s*(?:đoàn viên|doan vien|người|nguoi|lao động|lao dong|thành viên|thanh vien|đại biểu|dai bieu|đồng|dong|"
    r"members?|workers?|employees?|people|persons?|delegates?)\b)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19[5-9]|20[0-4])\d\b")
_YEARS_SPAN = re.compile(
    r"\b((?:19[5-9]|20[0-4])\d)\s*(?:[-–—]|đến(?:\s+hết)?|tới|to)\s*(?:năm\s+)?((?:19[5-9]|20[0-4])\d)\b",
    re.IGNORECASE,
)


def asked_years(question: str) -> set[int]:
    """The years a question asks about ("năm 2024", "đến 2030", "in 2026"; not "2000 đoàn viên")."""
    return {int(y) for y in _ASKED_YEAR.findall(question)}


def year_missing(asked: set[int], passage: str, in_force_since: int | None = None) -> bool:
    """The passage (with its headings and its document's name and date) neither names nor spans
    any of the years asked ("năm 2024" asked, "đến năm 2025" answered; 2024 inside "2021 - 2025"
    or "từ năm 2021 đến năm 2025" is spanned): it answers about another year, or none. A rule in
    force since a year (a law, a charter, an agreement: `in_force_since`) answers for every year
    after it."""
    if not asked:
        return False
    named = {int(y) for y in _YEAR.findall(passage)}
    spans = [(int(a), int(b)) for a, b in _YEARS_SPAN.findall(passage)]
    if in_force_since is not None:
        spans.append((in_force_since, 10_000))
    return not any(y in named or any(a <= y <= b for a, b in spans) for y in asked)


def sample_rows(n: int, size: int = Z_SAMPLE) -> np.ndarray:
    """The rows whose cosines estimate a question's score distribution (evenly spaced)."""
    if n <= size:
        return np.arange(n)
    return np.linspace(0, n - 1, size).astype(np.int64)


def dense_z(best: float, cosines: np.ndarray) -> float:
    """How many standard deviations `best` stands above the question's cosines with the index."""
    if cosines.size < 2:
        return 0.0
    sd = float(cosines.std())
    return 0.0 if sd < 1e-9 else (best - float(cosines.mean())) / sd


def dense_lift(best: float, cosines: np.ndarray) -> float:
    """Best cosine minus the mean cosine of the question with the index."""
    return 0.0 if cosines.size == 0 else best - float(cosines.mean())


def dense_gap(scores: np.ndarray, cosines: np.ndarray, k: int = 10) -> float:
    """(best − mean of the k best) / σ of the question's cosines with the index."""
    if scores.size < 2 or cosines.size < 2:
        return 0.0
    sd = float(cosines.std())
    return 0.0 if sd < 1e-9 else (float(scores[0]) - float(np.mean(scores[:k]))) / sd


def idf_weights(chunk_tokens: Sequence[set[str]]) -> dict[str, float]:
    """log(1 + N / (1 + df)) for every token of the index."""
    df: dict[str, int] = {}
    for tokens in chunk_tokens:
        for t in tokens:
            df[t] = df.get(t, 0) + 1
    return idf_from_frequencies(df, len(chunk_tokens))


def idf_from_frequencies(df: dict[str, int], n_chunks: int) -> dict[str, float]:
    return {t: math.log(1.0 + n_chunks / (1.0 + d)) for t, d in df.items()}


def unseen_idf(n_chunks: int) -> float:
    """The weight of a question term the index never contains (df = 0)."""
    return math.log(1.0 + n_chunks)


def coverage_features(
    query_tokens: set[str],
    hit_tokens: Sequence[set[str]],
    idf: dict[str, float],
    n_chunks: int,
    full_cover_bigrams: int = 2,
) -> dict[str, float]:
    """Coverage of the question's terms by the top passages (best of them)."""
    bigrams = {t for t in query_tokens if "_" in t}
    missing = unseen_idf(n_chunks)
    total = sum(idf.get(t, missing) for t in query_tokens)
    idf_cov = 0.0
    big_cov = 0.0
    for tokens in hit_tokens:
        if total > 0:
            idf_cov = max(idf_cov, sum(idf.get(t, missing) for t in query_tokens & tokens) / total)
        if bigrams:
            big_cov = max(big_cov, len(bigrams & tokens) / len(bigrams))
    # The first passage "holds the question": every content syllable, and most of its bigrams
    # (word order differs between a question and the clause that answers it).
    unigrams = query_tokens - bigrams
    # A pair with an asking word ("vị nào", "nào chủ", "dịp nào", "là gì", "ai ký") is the
    # question's, never the clause's: it is not asked of the clause.
    asked = {b for b in bigrams if not set(b.split("_")) & _ASKING}
    full = (
        1.0
        if hit_tokens
        and len(asked) >= full_cover_bigrams
        and unigrams <= hit_tokens[0]
        and len(asked & hit_tokens[0]) >= 0.75 * len(asked)
        else 0.0
    )
    return {"idf_coverage": idf_cov, "bigram_coverage": big_cov, "top1_full_cover": full}

