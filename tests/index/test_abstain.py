""""No answer" (index.abstain) and the ranking priors on a document outside the dev set: an invented
company welfare regulation (tests/data/invented/), indexed once per session (8 articles)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from index import abstain
from index.abstain import AbstainModel

INVENTED = Path(__file__).resolve().parent.parent / "data" / "invented"


@pytest.fixture(scope="session")
def welfare_searcher(searcher_of):
    return searcher_of(INVENTED, 1)


@pytest.mark.parametrize(
    "question",
    [
        "Công nhân tự đi xe máy thì được phụ cấp xăng bao nhiêu",
        "bữa ăn giữa ca tối thiểu bao nhiêu tiền",
        "Giá vé máy bay đi Đà Nẵng tháng này bao nhiêu",
    ],
)
def test_punctuation_never_flips_the_verdict_or_the_ranking(welfare_searcher, question):
    plain = welfare_searcher.search(question, top_k=3)
    for variant in (question + "?", question + " ?!", "«" + question + "»?"):
        other = welfare_searcher.search(variant, top_k=3)
        assert other.answer_found == plain.answer_found, variant
        assert [h.chunk.chunk_id for h in other.hits] == [h.chunk.chunk_id for h in plain.hits], variant


def test_first_clause_holding_every_content_term_is_never_not_found(welfare_searcher):
    never = replace(welfare_searcher.config, abstain=AbstainModel(bias=-50.0))
    searcher = type(welfare_searcher)(welfare_searcher.store, welfare_searcher.embedder, config=never)
    held = searcher.search("xe đưa đón công nhân từ khu nhà trọ đến nhà máy", top_k=3)
    assert "Điều 4" in held.hits[0].chunk.path, [h.citation for h in held.hits]
    assert held.answer_found is True
    # Words that are not all in one clause: the (always-no) model decides.
    assert searcher.search("công ty có cho vay tiền mua nhà không", top_k=3).answer_found is False


def test_a_named_documents_header_answers_who_issued_it(welfare_searcher):
    never = replace(welfare_searcher.config, abstain=AbstainModel(bias=-50.0))
    searcher = type(welfare_searcher)(welfare_searcher.store, welfare_searcher.embedder, config=never)
    named = searcher.search("Quy chế 07/2025/QC-MA do ai ban hành?", top_k=3)
    assert named.hits[0].chunk.kind == "preamble" and named.answer_found is True
    # Named by its kind and the beginning of its title, as users call it: the same.
    by_title = searcher.search("Quy chế phúc lợi do cơ quan nào ban hành?", top_k=3)
    assert by_title.hits[0].chunk.kind == "preamble" and by_title.answer_found is True
    # Not naming the document: the (always-no) model decides.
    assert searcher.search("Văn bản do cơ quan nào ban hành?", top_k=3).answer_found is False


# Everyday words ("bố … mất") against the text's ("cha … qua đời"): no everyday pair bridges them
# (bench.everyday keeps none for a death in the family), and this 13-clause index is too small to
# calibrate, so the fitted raw cosine decides. Since the session-10 refit (min_cosine 0.888 →
# 0.8768) the question clears it by 0.0005 (best cosine 0.8773): a narrow pass that a refit can
# undo, kept as a test because it was a recorded gap (a strict xfail) until then.
def test_everyday_wording_is_answered(welfare_searcher):
    result = welfare_searcher.search("Bố của công nhân mất thì công ty hỗ trợ bao nhiêu tiền?", top_k=3)
    assert result.answer_found
    assert "Điều 3" in result.hits[0].chunk.path


def test_fitted_rule_abstains_off_topic_and_answers_the_texts_words(welfare_searcher):
    result = welfare_searcher.search("Làm ca đêm có được thêm bữa ăn nhẹ không?", top_k=3)
    assert "Điều 5" in result.hits[0].chunk.path, [h.citation for h in result.hits]
    for question in ("Thủ tục xin visa du lịch Nhật Bản gồm những gì?", "Giá vàng hôm nay bao nhiêu?"):
        assert welfare_searcher.search(question, top_k=3).answer_found is False, question


def test_dense_z_is_scale_free():
    rng = np.random.default_rng(0)
    cosines = rng.normal(0.8, 0.02, 500)
    # The same question under a model whose cosines are spread twice as wide: same z.
    assert abstain.dense_z(0.86, cosines) == pytest.approx(abstain.dense_z(0.92, 0.8 + 2 * (cosines - 0.8)), rel=1e-9)
    assert abstain.dense_z(0.5, np.array([0.5])) == 0.0


def test_coverage_weighs_terms_the_index_never_saw_most():
    chunks = [{"bao_hiem", "bao", "hiem", "xa_hoi"}, {"bao_hiem", "that_nghiep"}, {"tien_luong"}]
    idf = abstain.idf_weights(chunks)
    common = abstain.coverage_features({"bao_hiem", "xa_hoi"}, [chunks[0]], idf, len(chunks))
    unseen = abstain.coverage_features({"bao_hiem", "nhan_tho"}, [chunks[0]], idf, len(chunks))
    assert common["idf_coverage"] == pytest.approx(1.0)
    assert common["top1_full_cover"] == 1.0
    assert unseen["idf_coverage"] < 0.5 and unseen["top1_full_cover"] == 0.0
    assert unseen["bigram_coverage"] == 0.5


def test_pairs_with_an_asking_word_are_not_asked_of_the_clause():
    # "đơn vị nào chủ trì …": "vị nào" and "nào chủ" are the question's, never a clause's.
    clause = {"don", "vi", "chu", "tri", "kiem", "tra", "don_vi", "chu_tri", "kiem_tra"}
    question = {"don", "vi", "chu", "tri", "kiem", "tra", "don_vi", "vi_nao", "nao_chu", "chu_tri", "tri_kiem", "kiem_tra"}
    idf = abstain.idf_weights([clause])
    assert abstain.coverage_features(question, [clause], idf, 1)["top1_full_cover"] == 1.0
    # A pair of content words missing still counts ("bảo hiểm" is not an asking word's pair).
    assert abstain.coverage_features(question | {"bao_hiem", "xa_hoi"}, [clause], idf, 1)["top1_full_cover"] == 0.0


def test_model_round_trips_and_thresholds():
    model = AbstainModel(weights=(1.0, 0.0, 0.0, 2.0, 0.0), bias=-2.0, threshold=0.5)
    assert AbstainModel.from_dict(model.to_dict()) == model
    low = {"dense_z": 0.0, "dense_gap": 0.0, "dense_lift": 0.0, "idf_coverage": 0.2, "bigram_coverage": 0.0}
    high = {**low, "dense_z": 2.0, "idf_coverage": 0.9}
    assert not model.decide(low) and model.decide(high)


def test_a_named_place_decides_whatever_the_scores():
    model = AbstainModel(rule="calibrated", min_margin=0.2, calibration_weight=0.75, cosine_coverage_weight=0.0)
    low = {"best_cosine": 0.5, "bigram_coverage": 0.0, "calibration": 0.9}
    assert not model.decide(low)
    assert model.decide({**low, "reference": 1.0})  # "Điều 35 Bộ luật Lao động": the article exists
    # "Điều 400 Bộ luật Lao động": no such article, even if the first clause holds every word.
    assert not model.decide({**low, "best_cosine": 0.99, "top1_full_cover": 1.0, "reference": -1.0})


def _stub_searcher(article_keys):
    from index.search import Searcher

    s = object.__new__(Searcher)
    s.__dict__["_article_key"] = article_keys
    return s


def test_sibling_clauses_of_one_article_reinforce_it():
    # Rows 0-2: three khoản of Điều 105, each a little below row 3 (a neighbouring article).
    keys = [("law", "Điều 105"), ("law", "Điều 105"), ("law", "Điều 105"), ("law", "Điều 107"), None]
    s = _stub_searcher(keys)
    scores = {0: 0.90, 1: 0.80, 2: 0.70, 3: 0.95, 4: 0.99}
    out = s._reinforce_articles(scores, 0.2)
    assert out[0] > out[3]  # 0.90 + 0.2·0.80 beats 0.95 + 0
    assert out[1] == pytest.approx(0.80 + 0.2 * 0.90)
    assert out[4] == 0.99  # outside articles: unchanged
    assert s._reinforce_articles(scores, 0.0) == scores


def test_search_config_defaults_come_from_the_fitted_file():
    from index.params import PARAMS, fitted_params
    from index.search import SearchConfig

    params = fitted_params()
    if not PARAMS.exists():
        pytest.skip("no fitted constants yet")
    cfg = SearchConfig()
    for name, value in params["ranking"].items():
        assert getattr(cfg, name) == pytest.approx(value), name
    assert cfg.abstain == AbstainModel.from_dict(params["abstain"])


def test_when_a_law_was_adopted_is_answered_by_its_adoption_sentence(tmp_path, embedder):
    """The sentence closing a law ("Luật này được Quốc hội … thông qua ngày …") is its own
    header-like chunk: asked when the law was adopted, it comes first and counts as the answer."""
    from index.search import Searcher
    from index.store import load_index
    from ingest.build import update_index

    clauses = "\n".join(
        f"Điều {n}. Quy định số {n}\nChủ đầu tư dự án nhà ở công nhân phải bảo đảm tiêu chuẩn thứ {n} về diện tích."
        for n in range(1, 8)
    )
    law = (
        "QUỐC HỘI\nLuật số: 77/2031/QH16\nLUẬT\nNHÀ Ở CÔNG NHÂN\n\n"
        + clauses
        + "\nLuật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XVI, kỳ họp thứ 3 "
        "thông qua ngày 15 tháng 11 năm 2031.\nCHỦ TỊCH QUỐC HỘI\nNguyễn Văn An\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "nha-o.txt").write_text(law, encoding="utf-8")
    update_index([tmp_path / "docs"], tmp_path / "index", embedder)
    never = AbstainModel(bias=-50.0)  # only the named part may answer
    searcher = Searcher(load_index(tmp_path / "index", embedder.name), embedder)
    searcher = Searcher(searcher.store, embedder, config=replace(searcher.config, abstain=never))
    for question in ("Luật Nhà ở công nhân được thông qua ngày nào?", "Luật số 77/2031/QH16 thông qua khi nào?"):
        result = searcher.search(question, top_k=3)
        assert result.hits[0].chunk.path == ("Thông qua",), (question, [h.citation for h in result.hits])
    # Named in Vietnamese, the law's adoption is its named part: found whatever the scores say.
    assert searcher.search("Luật Nhà ở công nhân được thông qua ngày nào?", top_k=3).answer_found


def test_english_words_the_glossary_cannot_translate_leave_the_verdict_to_the_scores(tmp_path, embedder):
    """"weather forecast … this weekend": only "weekend" (ngày nghỉ hằng tuần) is translated, and the
    clause on the weekly rest day holds it all; it must not count as holding the question."""
    from index.search import Searcher
    from index.store import load_index
    from ingest.build import update_index

    text = (
        "NỘI QUY LAO ĐỘNG\n\nĐiều 1. Ngày nghỉ hằng tuần\nNgười lao động được nghỉ ngày nghỉ hằng tuần vào Chủ nhật.\n\n"
        "Điều 2. Giờ làm việc\nMỗi ngày làm việc 8 giờ, từ 7 giờ 30 đến 16 giờ 30.\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "noi-quy.txt").write_text(text, encoding="utf-8")
    update_index([tmp_path / "docs"], tmp_path / "index", embedder)
    searcher = Searcher(load_index(tmp_path / "index", embedder.name), embedder)
    never = Searcher(searcher.store, embedder, config=replace(searcher.config, abstain=AbstainModel(bias=-50.0)))
    english = never.search("What is the weather forecast for this weekend?", top_k=3)
    assert english.analysis.untranslated and english.answer_found is False
    # Every word typed is in the clause: the full-cover rule still answers.
    assert never.search("ngày nghỉ hằng tuần vào Chủ nhật", top_k=3).answer_found is True


def test_agreement_of_the_two_retrievers_moves_the_cosine_score():
    model = AbstainModel(rule="cosine", min_cosine=0.87, cosine_coverage_weight=0.0, agreement_bonus=0.02, disagreement_penalty=0.005)
    assert AbstainModel.from_dict(model.to_dict()) == model
    near = {"best_cosine": 0.86, "bigram_coverage": 0.3, "top1_full_cover": 0.0}
    assert model.decide({**near, "agreement": 1.0}) and not model.decide({**near, "agreement": 0.0})
    just_over = {**near, "best_cosine": 0.872}
    assert not model.decide({**just_over, "agreement": 0.0})
    # Features computed before the signal existed are scored as before.
    assert model.cosine_score(near) == pytest.approx(0.86)


def test_the_first_clause_agrees_when_it_is_first_by_cosine_and_by_bm25(welfare_searcher):
    for question in ("xe đưa đón công nhân từ khu nhà trọ đến nhà máy", "Giá vé máy bay đi Đà Nẵng tháng này bao nhiêu"):
        cands = welfare_searcher.retrieve(question)
        ranked, _ = welfare_searcher.rank(cands)
        feats = welfare_searcher.abstain_features(cands, ranked)
        dense_first = max(cands.dense, key=cands.dense.get)
        lexical_first = max(cands.lexical, key=cands.lexical.get) if cands.lexical else None
        assert feats["agreement"] == float(dense_first == lexical_first == ranked[0])
    # The bus clause holds the question's words and meaning alike: both retrievers put it first.
    cands = welfare_searcher.retrieve("xe đưa đón công nhân từ khu nhà trọ đến nhà máy")
    ranked, _ = welfare_searcher.rank(cands)
    assert welfare_searcher.abstain_features(cands, ranked)["agreement"] == 1.0


def test_retrievers_agree_on_a_tie_for_first_and_one_that_found_nothing_says_nothing():
    from index.search import agrees

    assert agrees(6, {6: 0.9, 1: 0.8}, {1: 11.5, 6: 11.5})  # tied for first by BM25
    assert not agrees(6, {6: 0.9, 1: 0.8}, {1: 11.6, 6: 11.5})
    assert agrees(6, {6: 0.9, 1: 0.8}, {})  # BM25 found nothing (an untranslated English question)
    assert not agrees(1, {6: 0.9, 1: 0.8}, {})
    assert not agrees(1, {}, {})
