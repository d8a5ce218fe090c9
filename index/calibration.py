"""Where "no answer" is calibrated to the index: how high a question's best cosine runs on THIS
index when the answer is in it, measured when the index is built and recorded in its manifest.

A raw cosine means different things on different corpora and models: answerable questions of the
five bundled plans score lower than those of the Word laws or ALQAC, so one threshold fitted on
some corpora marks many more of another's answerable questions "not found" (the leave-one-corpus-
out table in docs/tuning-results.md). The index's own clauses give a free sample of
questions it certainly answers: the first words of a clause, asked as a query, find that clause.
The median best cosine of such pseudo-questions moves with the corpus and the model, so "no
answer" compares a question's score with a fitted share of that median plus a fitted margin
(index.abstain, rule "calibrated") instead of a constant in cosine units. Only a share: on an index
of one document the median is a noisy estimate of how its real questions score (the Labour Code
alone calibrates higher than the seven Word laws together while its questions score the same), and
bench.tune weighs that by measuring each document indexed alone.

The other side of the same question: how high a question the documents do NOT answer scores on
this index. A larger or more varied index gives any question a closer passage, so an unrelated
question's best cosine rises with it. The median best cosine of a fixed list of off-topic questions
(index/data/offtopic_vi.txt: cooking, weather, land titles, gold prices …, written once, not
fitted) is recorded beside the pseudo-questions' value, and bench.tune fits the share of each that
moves the threshold (AbstainModel.calibration_weight, AbstainModel.offtopic_weight). It is measured
only while the fitted off-topic share is above 0 (embedding the list costs a build 1-2 s);
bench.tune measures it itself from the stored vectors.

The recipe (how many words, which quantile) is fitted by `python -m bench.tune` and read from
index/data/search_params.json at build time; the manifest records it with the values.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import numpy as np

from index.abstain import sample_rows
from index.params import fitted_params

# Pseudo-questions per index: evenly spaced clauses (deterministic; every clause of a small index).
SAMPLE = 128
# Below this many the index keeps the raw-cosine threshold. The pseudo-questions' best cosines
# spread with σ 0.014-0.021 on the three tuning corpora (measured with bench.tune's recipes), so
# their median is known to ±1.25σ/√n: ±0.005 at 25 clauses, already the size of the differences
# between whole corpora that the calibration is there to follow. A statistical floor, not fitted.
MIN_QUESTIONS = 25
# A clause's own number or bullet is not part of what a user would type.
_LEADING_LABEL = re.compile(r"^\s*(?:(?:Điều\s+)?\d+(?:\.\d+)*[.:]?|[IVXLC]+\.|[a-zđ][).]|\(\d+\)|[-+•*])\s+")
_SENTENCE_END = re.compile(r"(?<=[.;:?!])\s")
OFFTOPIC_FILE = Path(__file__).resolve().parent / "data" / "offtopic_vi.txt"
# The off-topic questions' best cosines are summarised by their median, like the pseudo-questions'
# (bench.tune's recipes all use 0.5 there too).
OFFTOPIC_QUANTILE = 0.5


@dataclass(frozen=True)
class Recipe:
    """How pseudo-questions are made and summarised."""

    words: int = 16  # the first N words of the clause; 0 = its first sentence
    quantile: float = 0.5  # of the pseudo-questions' best cosines
    sample: int = SAMPLE

    @classmethod
    def fitted(cls) -> Recipe:
        data = fitted_params().get("calibration", {})
        return cls(
            words=int(data.get("words", cls.words)),
            quantile=float(data.get("quantile", cls.quantile)),
            sample=int(data.get("sample", cls.sample)),
        )


def pseudo_question(text: str, words: int) -> str:
    """What a clause's opening would look like typed as a question."""
    flat = _LEADING_LABEL.sub("", " ".join(text.split()).replace("*", ""), count=1)
    if words <= 0:
        return _SENTENCE_END.split(flat, maxsplit=1)[0][:300]
    return " ".join(flat.split()[:words])


def best_cosines(
    texts: Sequence[str], vectors: np.ndarray, embed_queries: Callable[[list[str]], np.ndarray], recipe: Recipe
) -> np.ndarray:
    """Best cosine with the index of each sampled clause's pseudo-question."""
    rows = sample_rows(len(texts), recipe.sample)
    questions = [pseudo_question(texts[int(r)], recipe.words) for r in rows]
    keep = [i for i, q in enumerate(questions) if q.strip()]
    if not keep:
        return np.zeros(0, dtype=np.float32)
    return _best_cosines(vectors, embed_queries([questions[i] for i in keep]))


@cache
def offtopic_questions() -> tuple[tuple[str, ...], str]:
    """The off-topic questions and a digest of the list (an index calibrated with another list
    is recalibrated by the next update)."""
    raw = OFFTOPIC_FILE.read_text(encoding="utf-8")
    questions = tuple(line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#"))
    return questions, hashlib.sha256("\n".join(questions).encode("utf-8")).hexdigest()[:12]


def _best_cosines(vectors: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Best cosine with the index's vectors of each query vector."""
    return (np.asarray(vectors, dtype=np.float32) @ np.asarray(queries, dtype=np.float32).T).max(axis=0)


def offtopic_value(vectors: np.ndarray, embed_queries: Callable[[list[str]], np.ndarray]) -> float | None:
    """The median best cosine of the off-topic questions with these vectors (None for no
    vectors or an empty list)."""
    questions, _ = offtopic_questions()
    if len(vectors) == 0 or not questions:
        return None
    value = float(np.quantile(_best_cosines(vectors, embed_queries(list(questions))), OFFTOPIC_QUANTILE))
    return value if math.isfinite(value) else None


def offtopic_in_use() -> bool:
    """Whether "no answer" uses the off-topic calibration (a fitted share above 0)."""
    share = fitted_params().get("abstain", {}).get("offtopic_weight", 0.0)
    return float(share) != 0.0 and bool(offtopic_questions()[0])


def calibrate(
    texts: Sequence[str],
    vectors: np.ndarray,
    embed_queries: Callable[[list[str]], np.ndarray],
    recipe: Recipe | None = None,
    offtopic: bool | None = None,
) -> dict | None:
    """The manifest's `abstain_calibration` entry; None for an index too small to calibrate. The
    off-topic value is measured when `offtopic` is true (None: when it is in use)."""
    recipe = recipe or Recipe.fitted()
    offtopic = offtopic_in_use() if offtopic is None else offtopic
    if len(texts) < MIN_QUESTIONS:
        return None
    scores = best_cosines(texts, vectors, embed_queries, recipe)
    value = summarise(scores, recipe.quantile)
    if value is None:
        return None
    entry = {"method": "pseudo-questions", **asdict(recipe), "questions": int(scores.size), "value": round(value, 6)}
    if offtopic:
        questions, digest = offtopic_questions()
        median = offtopic_value(vectors, embed_queries)
        entry["offtopic"] = None if median is None else {"questions": len(questions), "digest": digest, "value": round(median, 6)}
    return entry


def summarise(scores: np.ndarray, quantile: float) -> float | None:
    """The calibration from the pseudo-questions' best cosines; None below MIN_QUESTIONS of them."""
    return float(np.quantile(scores, quantile)) if scores.size >= MIN_QUESTIONS else None


def recorded(manifest: dict, recipe: Recipe | None = None) -> float | None:
    """The calibration an index recorded, if it was measured with the recipe in use (a value
    measured otherwise sits on another scale: the rule then keeps the raw-cosine threshold until
    the next `python -m ingest` recalibrates)."""
    entry = manifest.get("abstain_calibration")
    recipe = recipe or Recipe.fitted()
    if not entry or entry.get("method") != "pseudo-questions":
        return None
    if (entry.get("words"), entry.get("quantile"), entry.get("sample")) != (recipe.words, recipe.quantile, recipe.sample):
        return None
    return float(entry["value"])


def recorded_offtopic(manifest: dict) -> float | None:
    """The off-topic questions' median best cosine an index recorded, if measured with the list in
    use (None for an index built before it was recorded or with another list: the rule then keeps
    the raw-cosine threshold where the off-topic share is not 0, until the next `python -m ingest`
    recalibrates without re-embedding)."""
    calibration = manifest.get("abstain_calibration")
    entry = calibration.get("offtopic") if isinstance(calibration, dict) else None
    if not isinstance(entry, dict) or entry.get("digest") != offtopic_questions()[1]:
        return None
    try:
        value = float(entry["value"])
    except (KeyError, TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def is_current(manifest: dict) -> bool:
    """Whether an update with no document changes may leave the index as it is: its calibration
    was measured with the recipe in use, and with the off-topic list in use where its share is
    not 0 (or the index was too small to calibrate)."""
    if "abstain_calibration" not in manifest:
        return False
    if manifest["abstain_calibration"] is None:
        return True
    offtopic_current = not offtopic_in_use() or recorded_offtopic(manifest) is not None
    return recorded(manifest) is not None and offtopic_current
