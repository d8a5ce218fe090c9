"""'No answer' calibrated to the index (index.calibration): the pseudo-questions, the off-topic
questions, the recorded values, and the rule that compares a question's score with them."""

import json
from pathlib import Path

import numpy as np
import pytest

from index.abstain import AbstainModel
from index.calibration import (
    Recipe,
    best_cosines,
    calibrate,
    offtopic_questions,
    pseudo_question,
    recorded,
    recorded_offtopic,
)
from index.store import load_index, read_manifest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3. Người lao động được nghỉ làm việc, hưởng nguyên lương", "Người lao động được"),
        ("a) Kết hôn: nghỉ 03 ngày;", "Kết hôn: nghỉ 03"),
        ("Điều 105. Thời giờ làm việc bình thường", "Thời giờ làm việc"),
        ("- Tập trung ký kết thỏa ước", "Tập trung ký kết"),
        ("**III. TỔ CHỨC THỰC HIỆN**", "TỔ CHỨC THỰC HIỆN"),
    ],
)
def test_pseudo_question_is_the_clause_opening_without_its_number(text, expected):
    assert pseudo_question(text, 4) == expected


def test_pseudo_question_of_zero_words_is_the_first_sentence():
    assert pseudo_question("1. Câu đầu. Câu thứ hai.", 0) == "Câu đầu."


class _Embedder:
    """Queries embed to fixed unit vectors chosen by their first word (no model needed); any
    other query (the off-topic questions) to `other`."""

    def __init__(self, table: dict[str, np.ndarray], other: np.ndarray) -> None:
        self.table = table
        self.other = other

    def embed_queries(self, texts):
        return np.stack([self.table.get(t.split()[0], self.other) for t in texts])


def test_calibration_is_the_quantile_of_the_pseudo_questions_best_cosines(monkeypatch):
    monkeypatch.setattr("index.calibration.MIN_QUESTIONS", 3)
    vectors = np.eye(3, dtype=np.float32)
    texts = ["1. alpha a", "2. beta b", "3. gamma c"]
    # Each pseudo-question points at its own clause with cosine 0.9, 0.8, 0.7.
    table = {
        "alpha": np.array([0.9, np.sqrt(1 - 0.81), 0], np.float32),
        "beta": np.array([0, 0.8, 0.6], np.float32),
        "gamma": np.array([0.7 * 0.0, np.sqrt(1 - 0.49), 0.7], np.float32),
    }
    # Off-topic questions land between the first two clauses: best cosine 0.6 with each.
    emb = _Embedder(table, np.array([0.6, 0.6, np.sqrt(1 - 0.72)], np.float32))
    scores = best_cosines(texts, vectors, emb.embed_queries, Recipe(words=2))
    assert sorted(np.round(scores, 3).tolist()) == pytest.approx(sorted([0.9, 0.8, 0.714]), abs=1e-3)
    entry = calibrate(texts, vectors, emb.embed_queries, Recipe(words=2, quantile=0.5), offtopic=True)
    assert entry["value"] == pytest.approx(0.8, abs=1e-3)
    assert entry["method"] == "pseudo-questions" and entry["words"] == 2 and entry["questions"] == 3
    offtopic = entry["offtopic"]
    assert offtopic["value"] == pytest.approx(0.6, abs=1e-3)
    assert offtopic["questions"] == len(offtopic_questions()[0]) >= 50
    assert recorded_offtopic({"abstain_calibration": entry}) == offtopic["value"]
    assert calibrate([], np.zeros((0, 3), np.float32), emb.embed_queries) is None
    # Too few clauses for a stable median: none recorded (the raw-cosine threshold applies).
    monkeypatch.setattr("index.calibration.MIN_QUESTIONS", 4)
    assert calibrate(texts, vectors, emb.embed_queries, Recipe(words=2)) is None


def test_calibrated_rule_moves_with_the_index_and_falls_back_without_one():
    model = AbstainModel(rule="calibrated", min_cosine=0.89, min_margin=0.005, cosine_coverage_weight=0.0)
    question = {"best_cosine": 0.88, "bigram_coverage": 0.0}
    # The same score answers on an index whose own clauses score lower, not on one scoring higher.
    assert model.decide({**question, "calibration": 0.87})
    assert not model.decide({**question, "calibration": 0.88})
    # An index built before calibration was recorded: the raw-cosine threshold.
    assert not model.decide({**question, "calibration": None})
    assert model.decide({"best_cosine": 0.90, "bigram_coverage": 0.0, "calibration": None})
    assert AbstainModel.from_dict(model.to_dict()) == model
    # A share of the calibration: threshold = 0.5 × 0.88 + 0.45 = 0.89.
    half = AbstainModel(rule="calibrated", min_cosine=0.99, min_margin=0.45, calibration_weight=0.5, cosine_coverage_weight=0.0)
    assert half.cosine_threshold(0.88) == pytest.approx(0.89)
    assert half.decide({"best_cosine": 0.8905, "bigram_coverage": 0.0, "calibration": 0.88})
    assert not half.decide({"best_cosine": 0.8895, "bigram_coverage": 0.0, "calibration": 0.88})
    assert half.cosine_threshold(float("nan")) == 0.99  # not usable: the raw cosine


def test_calibrated_rule_with_a_share_of_the_offtopic_calibration():
    # Threshold = 0.5 × the off-topic median + 0.45; the pseudo-questions' share is 0 here, so
    # their value does not matter and may be missing.
    model = AbstainModel(
        rule="calibrated", min_cosine=0.99, min_margin=0.45, calibration_weight=0.0, offtopic_weight=0.5, cosine_coverage_weight=0.0
    )
    assert model.cosine_threshold(None, 0.88) == pytest.approx(0.89)
    question = {"best_cosine": 0.8905, "bigram_coverage": 0.0, "calibration": None}
    # An index where unrelated questions score higher needs a higher score.
    assert model.decide({**question, "offtopic": 0.88})
    assert not model.decide({**question, "offtopic": 0.882})
    # No off-topic value recorded (an index built before it was): the raw cosine.
    assert model.cosine_threshold(0.9, None) == 0.99
    assert not model.decide({**question, "offtopic": None})
    both = AbstainModel(rule="calibrated", min_margin=0.1, calibration_weight=0.25, offtopic_weight=0.5)
    assert both.cosine_threshold(0.9, 0.8) == pytest.approx(0.25 * 0.9 + 0.5 * 0.8 + 0.1)
    assert AbstainModel.from_dict(both.to_dict()) == both


def test_a_build_records_its_calibration(searcher):
    entry = searcher.store.manifest["abstain_calibration"]
    assert entry["method"] == "pseudo-questions"
    assert entry["questions"] == min(entry["sample"], len(searcher.store.chunks))
    assert 0.5 < entry["value"] < 1.0
    assert searcher.store.calibration == entry["value"]
    # What the build recorded is what the product code computes from the stored index,
    recipe = Recipe(words=entry["words"], quantile=entry["quantile"], sample=entry["sample"])
    texts, vectors = [c.text for c in searcher.store.chunks], searcher.store.vectors
    again = calibrate(texts, vectors, searcher.embedder.embed_queries, recipe, offtopic=True)
    assert again["value"] == pytest.approx(entry["value"], abs=1e-4)
    # off-topic questions score below the index's own pseudo-questions,
    assert 0.5 < again["offtopic"]["value"] < entry["value"]
    # and "no answer" is given what the index recorded, for every question.
    cands = searcher.retrieve("Ai ký kế hoạch?")
    feats = searcher.abstain_features(cands, searcher.rank(cands)[0])
    assert (feats["calibration"], feats["offtopic"]) == (entry["value"], searcher.store.offtopic)


def test_a_calibration_from_another_recipe_is_not_used():
    manifest = {"abstain_calibration": {"method": "pseudo-questions", "words": 8, "quantile": 0.5, "sample": 128, "value": 0.9}}
    assert recorded(manifest, Recipe(words=8, quantile=0.5, sample=128)) == 0.9
    assert recorded(manifest, Recipe(words=16, quantile=0.5, sample=128)) is None
    assert recorded({}, Recipe()) is None


def test_an_update_recalibrates_an_index_whose_recipe_changed(tmp_path, embedder, monkeypatch):
    from ingest.build import update_index

    monkeypatch.setattr("index.calibration.MIN_QUESTIONS", 1)
    doc = Path(__file__).resolve().parents[1] / "data" / "mini-ke-hoach.txt"
    first = update_index([doc], tmp_path, embedder)
    assert first.written
    before = read_manifest(tmp_path)["abstain_calibration"]
    assert before is not None and before["words"] == Recipe.fitted().words
    # Nothing changed and the calibration is current: nothing is written.
    assert not update_index([doc], tmp_path, embedder).written
    # The fitted recipe changed (bench.tune --write): the next update measures it again, though
    # no document changed, and the searcher uses it.
    other = Recipe(words=Recipe.fitted().words + 3)
    monkeypatch.setattr("index.calibration.Recipe.fitted", classmethod(lambda cls: other))
    assert load_index(tmp_path).calibration is None  # the old value is on another scale
    again = update_index([doc], tmp_path, embedder)
    assert again.written and again.embedded == 0
    after = read_manifest(tmp_path)["abstain_calibration"]
    assert after["words"] == other.words
    assert load_index(tmp_path).calibration == after["value"]


def test_an_update_recalibrates_an_index_whose_offtopic_list_changed(tmp_path, embedder, monkeypatch):
    from ingest.build import update_index

    monkeypatch.setattr("index.calibration.MIN_QUESTIONS", 1)
    monkeypatch.setattr("index.calibration.offtopic_in_use", lambda: True)  # a fitted share above 0
    doc = Path(__file__).resolve().parents[1] / "data" / "mini-ke-hoach.txt"
    assert update_index([doc], tmp_path, embedder).written
    assert load_index(tmp_path).offtopic is not None
    questions, _ = offtopic_questions()
    changed = (questions[:-1], "another-list")
    monkeypatch.setattr("index.calibration.offtopic_questions", lambda: changed)
    assert load_index(tmp_path).offtopic is None  # measured with another list
    again = update_index([doc], tmp_path, embedder)
    assert again.written and again.embedded == 0
    after = read_manifest(tmp_path)["abstain_calibration"]["offtopic"]
    assert after["digest"] == "another-list" and after["questions"] == len(questions) - 1
    assert load_index(tmp_path).offtopic == after["value"]


def _rewrite_manifest(directory: Path, change) -> None:
    build = directory / "builds" / (directory / "CURRENT").read_text(encoding="utf-8").strip()
    path = build / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_an_index_built_before_the_offtopic_calibration_loads_and_is_recalibrated(tmp_path, embedder, monkeypatch):
    from ingest.build import update_index

    monkeypatch.setattr("index.calibration.MIN_QUESTIONS", 1)
    monkeypatch.setattr("index.calibration.offtopic_in_use", lambda: True)  # a fitted share above 0
    doc = Path(__file__).resolve().parents[1] / "data" / "mini-ke-hoach.txt"
    assert update_index([doc], tmp_path, embedder).written

    def older(manifest: dict) -> None:  # as written before the off-topic list existed
        manifest["data_files"].pop("offtopic_vi.txt", None)
        manifest["abstain_calibration"].pop("offtopic")

    _rewrite_manifest(tmp_path, older)
    store = load_index(tmp_path)  # not refused: only the build reads the off-topic list
    assert store.offtopic is None and store.calibration is not None
    # A rule with an off-topic share keeps the raw cosine on it; the next update recalibrates it
    # without re-embedding and without touching the documents.
    assert AbstainModel(rule="calibrated", min_cosine=0.95, offtopic_weight=0.5).cosine_threshold(store.calibration, store.offtopic) == 0.95
    again = update_index([doc], tmp_path, embedder)
    assert again.written and again.embedded == 0 and not again.added and not again.changed
    assert load_index(tmp_path).offtopic == read_manifest(tmp_path)["abstain_calibration"]["offtopic"]["value"]
    # An edited list is not a reason to refuse the index either (the digest says it is stale).
    _rewrite_manifest(tmp_path, lambda m: m["data_files"].__setitem__("offtopic_vi.txt", "0" * 64))
    assert load_index(tmp_path).offtopic is not None


@pytest.mark.parametrize("entry", ["0.8", {"digest": "x", "value": 0.8}, {"value": "nan"}, None])
def test_a_damaged_or_foreign_offtopic_entry_reads_as_none(entry):
    if isinstance(entry, dict) and "digest" not in entry:
        entry = {**entry, "digest": offtopic_questions()[1]}
    assert recorded_offtopic({"abstain_calibration": {"offtopic": entry}}) is None
    assert recorded_offtopic({"abstain_calibration": "damaged"}) is None


def test_an_empty_offtopic_list_records_none(monkeypatch):
    monkeypatch.setattr("index.calibration.MIN_QUESTIONS", 3)
    monkeypatch.setattr("index.calibration.offtopic_questions", lambda: ((), "empty"))
    vectors = np.eye(3, dtype=np.float32)
    emb = _Embedder({}, np.array([1.0, 0.0, 0.0], np.float32))
    entry = calibrate(["1. a", "2. b", "3. c"], vectors, emb.embed_queries, Recipe(words=2), offtopic=True)
    assert entry["value"] == pytest.approx(1.0) and entry["offtopic"] is None


def test_without_an_offtopic_share_a_build_does_not_measure_it(tmp_path, embedder, monkeypatch):
    from ingest.build import update_index

    def not_measured(*args):
        raise AssertionError("the off-topic questions were embedded")

    monkeypatch.setattr("index.calibration.MIN_QUESTIONS", 1)
    monkeypatch.setattr("index.calibration.offtopic_in_use", lambda: False)
    monkeypatch.setattr("index.calibration.offtopic_value", not_measured)
    doc = Path(__file__).resolve().parents[1] / "data" / "mini-ke-hoach.txt"
    assert update_index([doc], tmp_path, embedder).written
    assert "offtopic" not in read_manifest(tmp_path)["abstain_calibration"]
    assert load_index(tmp_path).offtopic is None
    assert not update_index([doc], tmp_path, embedder).written  # and it is current without it
