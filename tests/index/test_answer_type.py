"""The answer-type prior (SearchConfig.answer_type_boost): a question that asks for an amount is
answered by a clause that states one. Clauses and questions written for this test."""

from dataclasses import replace
from types import SimpleNamespace

import pytest

from index.query import QueryAnalysis
from index.search import Candidates, SearchConfig, Searcher
from ingest.document import Chunk

CLAUSES = [
    "2. Người lao động được nghỉ việc riêng theo quy định tại khoản 2 Điều 115 Bộ luật Lao động 45/2019/QH14.",
    "Người lao động được nghỉ việc riêng mà vẫn hưởng nguyên lương 03 ngày khi kết hôn.",
    "Phấn đấu đến năm 2030 có 70% doanh nghiệp ký thỏa ước lao động tập thể.",
    "Thực hiện Nghị quyết số 02-NQ/TW ngày 12/6/2021 trong năm 2025.",
]


def _searcher() -> Searcher:
    return _searcher_of(CLAUSES)


def _searcher_of(clauses: list[str], kinds: tuple[str, ...] = ()) -> Searcher:
    s = object.__new__(Searcher)
    kinds = kinds or ("clause",) * len(clauses)
    chunks = [Chunk(f"d#{i}", "d", i, k, (f"{i + 1}.",), t) for i, (k, t) in enumerate(zip(kinds, clauses, strict=True))]
    s.store = SimpleNamespace(chunks=chunks)
    s.__dict__["_idf"] = {}
    s._amounts = {}
    return s


def test_which_clauses_state_an_amount_or_a_percentage():
    s = _searcher()
    states = [s._states_amount(row) for row in range(len(CLAUSES))]
    # A clause's own number, a reference, a document number, a date and a year are not amounts.
    assert [a[0] for a in states] == [False, True, True, False]
    for label in ("1.", "2.1.", "3)", "(4)"):
        assert _searcher_of([f"{label} Người lao động được nghỉ việc riêng."])._states_amount(0)[:3] == (False, False, False)
    assert _searcher_of(["1.1. Mức lương 5.000.000 đồng."])._states_amount(0)[:3] == (True, False, False)
    assert [a[1] for a in states] == [False, False, True, False]
    # A date: day and month in words or figures, or "from the day it is signed"; a year alone is not.
    assert [a[2] for a in states] == [False, False, False, True]
    for text in ("Quy định này có hiệu lực từ ngày 01 tháng 10 năm 2025.", "Báo cáo trước ngày 30/11 hằng năm.",
                 "Quyết định có hiệu lực kể từ ngày ký."):  # fmt: skip
        assert _searcher_of([text])._states_amount(0)[2]
    assert not _searcher_of(["Nghỉ 05 ngày trong năm 2025."])._states_amount(0)[2]


def _ranked_in(s: Searcher, fused: dict[int, float], question: str, boost: float) -> list[int]:
    """Rows by score after the priors, the answer-type prior alone switched on at `boost`."""
    cands = Candidates(QueryAnalysis(question, "vi"), {}, {}, set(), 0.0, 0.0)
    cfg = SearchConfig(answer_type_boost=boost, kind_boost=0.0, responsibility_boost=0.0, closing_penalty=1.0,
                       heading_boost=0.0, coverage_boost=0.0, article_weight=0.0, definition_penalty=1.0)  # fmt: skip
    out = s._priors(fused, cands, cfg)
    return sorted(out, key=lambda r: -out[r])


def _ranked(question: str, boost: float) -> list[int]:
    # The reference clause first before the prior.
    return _ranked_in(_searcher(), {0: 1.0, 1: 0.95, 2: 0.92, 3: 0.99}, question, boost)


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("Người lao động kết hôn được nghỉ bao nhiêu ngày?", 1),
        ("Kết hôn thì được nghỉ mấy ngày?", 1),
        ("Bao nhiêu phần trăm doanh nghiệp phải ký thỏa ước?", 2),
        ("How many days off for a wedding?", 1),
        ("Kết hôn được nghỉ bao lâu?", 1),
    ],
)
def test_amount_questions_prefer_clauses_that_state_one(question, first):
    assert _ranked(question, 0.1)[0] == first
    assert _ranked(question, 0.0)[0] == 0  # the prior switched off: fusion order


DATED = [
    "2. Đoàn viên công đoàn.",
    "1. Thời gian tối đa hưởng chế độ ốm đau trong một năm là 30 ngày.",
    "Quy định này áp dụng đối với đoàn viên, có hiệu lực thi hành kể từ ngày 01 tháng 10 năm 2025.",
]


def _ranked_dated(question: str, boost: float, kinds: tuple[str, ...] = ()) -> list[int]:
    return _ranked_in(_searcher_of(DATED, kinds), {0: 1.0, 1: 0.95, 2: 0.92}, question, boost)


@pytest.mark.parametrize(
    "question",
    [
        "Quy định về đoàn viên áp dụng từ ngày nào?",
        "quy dinh doan vien bat dau ap dung tu ngay nao",
        "Báo cáo phải gửi trước ngày nào?",
        "When does the regulation take effect?",
        "By what date must the report be sent?",
    ],
)
def test_date_questions_prefer_clauses_that_state_a_date(question):
    assert _ranked_dated(question, 0.1)[0] == 2
    assert _ranked_dated(question, 0.0)[0] == 0


def test_a_preambles_date_is_not_a_time_a_clause_sets():
    # The same date in the document's opening ("ban hành kèm theo Quyết định … ngày …") is not moved.
    assert _ranked_dated("Quy định về đoàn viên áp dụng từ ngày nào?", 0.1, ("clause", "clause", "preamble"))[0] == 0


@pytest.mark.parametrize(
    "question",
    [
        # "khi nào" also asks in which case ("vô hiệu khi nào?"): no date is wanted.
        "Đoàn viên được hưởng chế độ ốm đau khi nào?",
        "Có phải ngày nào cũng phải đóng đoàn phí không?",  # every day
        "Is the regulation effective without registration?",  # valid, not from when
    ],
)
def test_questions_not_asking_for_a_date(question):
    assert _ranked_dated(question, 0.1)[0] == 0


def test_other_questions_are_not_moved():
    assert _ranked("Ai chịu trách nhiệm thực hiện nghỉ việc riêng?", 0.1)[0] == 0
    # "máy" (machine) folds to "may" but does not ask for an amount.
    assert _ranked("Máy móc của doanh nghiệp được kiểm định thế nào?", 0.1)[0] == 0


PRICED = [
    "1. Bữa ăn giữa ca được tổ chức tại nhà ăn số 2, mỗi ca 02 lượt.",
    "2. Giá trị bữa ăn giữa ca không thấp hơn 25.000 đồng/suất.",
    "3. Thẻ bị mất được cấp lại trong thời hạn 07 ngày làm việc kể từ ngày nhận đơn.",
]


def _ranked_priced(question: str, boost: float) -> list[int]:
    return _ranked_in(_searcher_of(PRICED), {0: 1.0, 1: 0.95, 2: 0.93}, question, boost)


def test_a_sum_or_a_length_of_time_is_asked_for_by_its_own_words():
    states = [_searcher_of(PRICED)._states_amount(row) for row in range(3)]
    assert [a[3] for a in states] == [False, True, False]  # a sum ("02 lượt" is a number, not money)
    assert [a[4] for a in states] == [False, False, True]  # a length of time
    assert _ranked_priced("Suất cơm ca bao nhiêu tiền?", 0.1)[0] == 1
    # Any number would do for "bao lâu" before; "02 lượt" is no time.
    assert _ranked_priced("Mất thẻ thì bao lâu được cấp lại?", 0.1)[0] == 2
    assert _ranked_priced("How long does it take to replace a lost card?", 0.1)[0] == 2
    # "đến ngày mấy tháng sau" asks for a date, not "mấy tháng".
    assert _ranked_priced("Lương chậm nhất đến ngày mấy tháng sau phải trả?", 0.1)[0] != 2


def _type_missing(clauses: list[str], question: str, first: int = 0) -> float:
    s = _searcher_of(clauses)
    s.config = SearchConfig()
    s.store.calibration = s.store.offtopic = None
    s._chunk_tokens = lambda row: set()  # coverage is not what this test is about
    cands = Candidates(QueryAnalysis(question, "vi"), {first: 0.9}, {}, set(), 0.0, 0.0)
    ranked = [first] + [r for r in range(len(clauses)) if r != first]
    return s.abstain_features(cands, ranked)["type_missing"]


@pytest.mark.parametrize(
    ("question", "first", "missing"),
    [
        # A sum asked, and the first clause states none (a number of turns is no sum) or one.
        ("Suất cơm ca bao nhiêu tiền?", 0, 1.0),
        ("Suất cơm ca bao nhiêu tiền?", 1, 0.0),
        ("Mất thẻ thì bao lâu được cấp lại?", 1, 1.0),
        ("Mất thẻ thì bao lâu được cấp lại?", 2, 0.0),
        ("Đoàn phí mỗi tháng bao nhiêu phần trăm lương?", 2, 1.0),
        # "Any amount" ("mấy lượt", "tối đa") is not checked: such questions also ask which or whether.
        ("Mỗi ca ăn mấy lượt?", 1, 0.0),
        # No number asked.
        ("Bữa ăn giữa ca tổ chức ở đâu?", 2, 0.0),
    ],
)
def test_the_abstention_knows_when_the_first_clause_lacks_the_number_asked_for(question, first, missing):
    assert _type_missing(PRICED, question, first) == missing


def test_a_missing_number_lowers_the_score_by_the_fitted_penalty():
    from index.abstain import AbstainModel

    feats = {"best_cosine": 0.9, "bigram_coverage": 0.5, "calibration": 0.88, "offtopic": 0.8, "type_missing": 1.0}
    rule = AbstainModel(rule="calibrated", calibration_weight=1.0, min_margin=0.0, cosine_coverage_weight=0.0, type_penalty=0.03)
    assert rule.decide({**feats, "type_missing": 0.0})
    assert not rule.decide(feats)  # 0.9 − 0.03 < 0.88
    assert AbstainModel.from_dict(rule.to_dict()).type_penalty == 0.03
    # Off (the penalty at 0), the verdict is the score's alone.
    assert AbstainModel(rule="calibrated", calibration_weight=1.0, cosine_coverage_weight=0.0).decide(feats)


OFTEN = [
    "1. Ban Chấp hành công đoàn cơ sở gồm từ 05 đến 09 ủy viên, nhiệm kỳ 05 năm.",
    "2. Ban Chấp hành họp thường lệ hằng quý; họp bất thường khi cần.",
    "3. Tiền lương làm thêm vào ngày nghỉ hằng tuần ít nhất bằng 200% tiền lương của công việc đang làm.",
]


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # How often: "hằng quý" states it, though no number does; "05 năm" is a length, not a frequency.
        ("Ban chấp hành bao lâu họp một lần?", 1),
        ("ban chap hanh hop may lan mot nam", 1),
        ("How often does the executive committee meet?", 1),
    ],
)
def test_how_often_is_asked_and_stated_in_its_own_words(question, first):
    assert _ranked_in(_searcher_of(OFTEN), {0: 1.0, 1: 0.95, 2: 0.93}, question, 0.1)[0] == first


def test_how_many_times_as_much_is_not_how_often():
    # "gấp mấy lần" asks for any amount ("200%"): the clause that says how often gains nothing.
    assert _ranked_in(_searcher_of(OFTEN), {0: 0.9, 1: 1.0, 2: 0.95}, "Làm thêm ngày nghỉ được trả gấp mấy lần?", 0.1)[0] == 2


def test_who_was_elected_asks_for_a_person_not_the_body_responsible():
    s = object.__new__(Searcher)
    chunks = [
        Chunk("d#0", "d", 0, "clause", ("IV. VỀ CÔNG TÁC NHÂN SỰ",), "Đại hội bầu đồng chí Lê Thu Hằng giữ chức Chủ tịch."),
        Chunk("d#1", "d", 1, "clause", ("V. TỔ CHỨC THỰC HIỆN",), "Giao Ban Chấp hành xây dựng chương trình hành động."),
    ]
    s.store = SimpleNamespace(chunks=chunks)
    s.__dict__["_idf"] = {}
    s._amounts = {}
    cfg = SearchConfig(answer_type_boost=0.0, kind_boost=0.0, responsibility_boost=0.3, closing_penalty=1.0,
                       heading_boost=0.0, coverage_boost=0.0, article_weight=0.0, definition_penalty=1.0)  # fmt: skip

    def first(question: str) -> int:
        out = s._priors({0: 1.0, 1: 0.95}, Candidates(QueryAnalysis(question, "vi"), {}, {}, set(), 0.0, 0.0), cfg)
        return max(out, key=out.get)

    assert first("Ai được bầu làm chủ tịch công đoàn khóa mới?") == 0
    assert first("Who was elected chair of the union?") == 0
    # Who is responsible (or assigned) still prefers the implementation section.
    assert first("Ai chịu trách nhiệm xây dựng chương trình hành động?") == 1
    assert first("Ai được giao xây dựng chương trình hành động?") == 1


def test_a_day_of_every_month_is_a_date():
    for text in ("Tiền lương được trả vào ngày 10 hằng tháng.", "Báo cáo gửi trước ngày 05 của tháng sau.",
                 "Công đoàn cơ sở nộp đoàn phí chậm nhất ngày 15."):  # fmt: skip
        assert _searcher_of([text])._states_amount(0)[2], text
    # A length in days is no date.
    assert not _searcher_of(["Người lao động được nghỉ 10 ngày mỗi năm."])._states_amount(0)[2]


def test_a_day_of_every_week_is_a_date():
    for text in ("Văn phòng tư vấn tiếp người lao động vào thứ Ba và thứ Năm hằng tuần.", "Công đoàn trực vào Chủ nhật."):
        assert _searcher_of([text])._states_amount(0)[2], text
    for text in ("Công đoàn thu ba khoản phí theo quy định.", "Người lao động tái phạm lần thứ hai, bị sa thải.",
                 "Hồ sơ sắp xếp theo thứ tự.", "Gửi thư từ, công văn về Văn phòng."):  # fmt: skip
        assert not _searcher_of([text])._states_amount(0)[2], text
    assert _searcher_of(["Trực vào thứ 2 và thứ 5 hằng tuần."])._states_amount(0)[2]


def test_a_month_or_quarter_of_a_year_is_a_date():
    for text in ("Giải ngân đợt 2 trong Quý II/2026.", "Tổ chức tổng kết vào tháng 12/2025.", "Hoàn thành trong quý 3 năm 2025."):
        assert _searcher_of([text])._states_amount(0)[2], text
    assert not _searcher_of(["Đoàn viên được vay tối đa 12 tháng."])._states_amount(0)[2]


def test_until_when_asks_a_date_and_a_ratio_states_a_rate():
    from index.search import _wanted_amount

    assert _wanted_amount(QueryAnalysis("Thỏa ước có hiệu lực đến khi nào?", "vi"), None) == 2
    ratio = _searcher_of(["Hội nghị người lao động bầu theo tỷ lệ 01 đại biểu trên 10 người lao động."])
    assert ratio._states_amount(0)[1]  # a percentage asked ("tỷ lệ bao nhiêu"): the ratio answers
    assert not _searcher_of(["Nghỉ 05 ngày trên năm 2031."])._states_amount(0)[1]


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # A year the first clause does not name: it answers about another.
        ("Năm 2029 công đoàn phải phát triển bao nhiêu đoàn viên?", 1.0),
        ("How many members must the union recruit in 2029?", 1.0),
        # Named by the clause, spanned by its heading's term, or the document's own year.
        ("Năm 2031 công đoàn phải phát triển bao nhiêu đoàn viên?", 0.0),
        ("Năm 2027 công đoàn phải phát triển bao nhiêu đoàn viên?", 0.0),
        ("Kế hoạch năm 2030 giao ai theo dõi?", 0.0),
        # A count is no year.
        ("Công đoàn có từ 2000 đoàn viên trở lên thì làm gì?", 0.0),
        ("What must a union of 2000 members do?", 0.0),
    ],
)
def test_the_abstention_knows_when_the_first_clause_is_about_another_year(question, missing):
    from ingest.document import DocMeta, Document

    s = _searcher_of(["2. Phấn đấu đến năm 2031 phát triển thêm 1.200 đoàn viên."])
    s.store.chunks[0] = replace(s.store.chunks[0], context=("II. NHIỆM VỤ NHIỆM KỲ 2025 - 2028",))
    meta = DocMeta(doc_type="KẾ HOẠCH", number="09/KH-LĐLĐ", date="2030-01-05", name="Kế hoạch 09/KH-LĐLĐ")
    s.store.documents = {"d": Document("d", "d.txt", "", "", "txt", meta)}
    s.config = SearchConfig()
    s.store.calibration = s.store.offtopic = None
    s._chunk_tokens = lambda row: set()
    cands = Candidates(QueryAnalysis(question, "vi"), {0: 0.9}, {}, set(), 0.0, 0.0)
    assert s.abstain_features(cands, [0])["type_missing"] == missing


def test_a_year_inside_a_span_written_in_words_or_after_a_rules_date_is_not_missing():
    from index.abstain import year_missing

    assert not year_missing({2028}, "Giai đoạn từ năm 2026 đến năm 2030, phấn đấu …")
    assert not year_missing({2028}, "Nhiệm kỳ 2026 — 2031")
    assert year_missing({2028}, "Đến năm 2025, 100% công đoàn cơ sở …")
    # A law in force since 2019 answers for 2028, not for 2018.
    assert not year_missing({2028}, "Người lao động được nghỉ Tết 05 ngày.", in_force_since=2019)
    assert year_missing({2018}, "Người lao động được nghỉ Tết 05 ngày.", in_force_since=2019)


CONTACTS = [
    "1. Công đoàn cơ sở mở đường dây nóng tiếp nhận phản ánh về bữa ăn ca từ 07 giờ đến 17 giờ.",
    "2. Đường dây nóng: 0251.3868.247 (bà Lê Thị Hoa, Phó Chủ tịch Công đoàn).",
    "3. Quỹ được mở tài khoản riêng, tổng thu năm 2031 là 178.500.000 đồng.",
    "4. Tiền ủng hộ chuyển vào tài khoản số 1160 0000 2268 tại Ngân hàng Công thương.",
]


@pytest.mark.parametrize(
    ("question", "first", "missing"),
    [
        # A phone or an account asked: the clause that speaks of it without its number does not answer.
        ("Số điện thoại đường dây nóng về bữa ăn là số nào?", 0, 1.0),
        ("Số điện thoại đường dây nóng về bữa ăn là số nào?", 1, 0.0),
        ("What is the union hotline number?", 0, 1.0),
        ("so tai khoan nhan tien ung ho la so nao", 2, 1.0),  # a sum of money is no account number
        ("so tai khoan nhan tien ung ho la so nao", 3, 0.0),
        # Not asked: whether an account may be opened, an allowance for a phone.
        ("Quỹ có được mở tài khoản riêng không?", 2, 0.0),
        ("Công nhân được phụ cấp điện thoại bao nhiêu?", 0, 0.0),
    ],
)
def test_a_phone_or_account_asked_needs_a_first_clause_that_states_one(question, first, missing):
    assert _type_missing(CONTACTS, question, first) == missing


def test_a_phone_asked_prefers_the_clause_that_states_it():
    assert _ranked_in(_searcher_of(CONTACTS), {0: 1.0, 1: 0.95, 2: 0.5, 3: 0.5}, "Đường dây nóng là số nào?", 0.1)[0] == 1


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Ai là người ghi biên bản buổi thương lượng lương?", True),
        ("Ai chủ trì buổi kiểm tra bếp ăn?", True),
        ("Who chaired the wage negotiation?", True),
        ("Who chaired the wage negotiations?", True),
        # A task led, not a meeting chaired.
        ("Ai chủ trì tổ chức buổi đối thoại?", False),
    ],
)
def test_who_chaired_or_took_the_minutes_of_any_kind_of_meeting(question, asks):
    from index.search import _ASKS_MEETING_ROLE
    from ingest.normalize import fold

    assert bool(_ASKS_MEETING_ROLE.search(fold(question).lower())) is asks


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Gọi số nào để báo cháy?", True),
        ("SĐT của chủ tịch công đoàn là gì?", True),
        ("Số hotline của công đoàn là bao nhiêu?", True),
        ("What is the union fund's bank account?", True),
        ("Which email address should the report be sent to?", True),
        # Speaking of a hotline, an email or an account is not asking for its number.
        ("Đường dây nóng hoạt động từ mấy giờ?", False),
        ("Đường dây nóng tiếp nhận những nội dung gì?", False),
        ("Báo cáo gửi qua thư điện tử trước ngày nào?", False),
        ("Lương được chuyển vào tài khoản nào?", False),
        ("Đăng nhập ứng dụng bằng tài khoản gì?", False),
        ("What items account for the largest share of union spending?", False),
    ],
)
def test_which_questions_ask_for_a_phone_account_or_email_number(question, asks):
    from index.search import _wanted_amount

    assert (_wanted_amount(QueryAnalysis(question, "vi"), None) == 6) is asks


@pytest.mark.parametrize(
    ("text", "states"),
    [
        ("Khi có cháy, gọi số điện thoại 114 ngay.", True),
        ("Văn phòng Công đoàn: (0251) 3868247.", True),
        # A term, a period, a range of sums, a date and a sum written with spaces are no numbers called.
        ("Nhiệm kỳ 2023 - 2028 gồm 09 ủy viên.", False),
        ("Giai đoạn 2021-2025 đạt 95% chỉ tiêu.", False),
        ("Mức hỗ trợ 10.000.000 - 20.000.000 đồng.", False),
        ("Có hiệu lực từ 01.10.2025.", False),
        ("Tổng chi 25 000 000 đồng.", False),
    ],
)
def test_which_clauses_state_a_phone_or_account_number(text, states):
    assert _searcher_of([text])._states_amount(0)[6] is states


ROLES = [
    "2. Thành lập các tiểu ban giúp việc Ban Tổ chức: tiểu ban chuyên môn - trọng tài, tiểu ban hậu cần.",
    "6 | Trần Văn Thắng | Trưởng tiểu ban chuyên môn - trọng tài | Phòng Nhân sự",
    "Thư ký buổi đối thoại: Bà Nguyễn Thị Hoa, cán bộ Phòng Hành chính.",
    "Ban Thường vụ Công đoàn chủ trì, phối hợp với Phòng Nhân sự tổ chức hội thao.",
]


@pytest.mark.parametrize(
    ("question", "first", "missing"),
    [
        # The person holding a role asked: a clause that names the role but no one does not answer.
        ("Ai là trưởng tiểu ban chuyên môn - trọng tài?", 0, 1.0),
        ("Ai là trưởng tiểu ban chuyên môn - trọng tài?", 1, 0.0),
        ("What is the name of the head of the refereeing sub-committee?", 0, 1.0),
        # Who takes a role may be answered by another role ("Chủ tịch Công đoàn làm tổ trưởng").
        ("Ai làm trưởng tiểu ban chuyên môn - trọng tài?", 0, 0.0),
        ("Who chairs the refereeing sub-committee?", 0, 0.0),
        ("ai la thu ky buoi doi thoai", 2, 0.0),
        ("Who is the secretary of the dialogue?", 0, 1.0),
        # Who must act, who leads a task, who signed: a unit or the signature, not a person's name.
        ("Ai chịu trách nhiệm tổ chức hội thao?", 3, 0.0),
        ("Ai chủ trì tổ chức hội thao?", 3, 0.0),
        ("Đơn vị nào chủ trì hội thao?", 3, 0.0),
    ],
)
def test_a_person_asked_needs_a_first_clause_that_names_one(question, first, missing):
    assert _type_missing(ROLES, question, first) == missing


def test_a_person_asked_prefers_the_clause_that_names_one():
    fused = {0: 1.0, 1: 0.95, 2: 0.5, 3: 0.9}
    assert _ranked_in(_searcher_of(ROLES), fused, "Ai làm trưởng tiểu ban chuyên môn - trọng tài?", 0.1)[0] == 1
    assert _ranked_in(_searcher_of(ROLES), fused, "Ai làm trưởng tiểu ban chuyên môn - trọng tài?", 0.0)[0] == 0


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Thư ký: Bà Nguyễn Thị Hoa, cán bộ Phòng Hành chính.", True),
        ("Đồng chí Lê Văn Hùng, Chủ tịch Công đoàn, chủ trì.", True),
        ("6 | Trần Văn Thắng | Trưởng tiểu ban | Phòng Nhân sự", True),
        # Bodies, places and companies are no one's name.
        ("Ban Thường vụ Công đoàn chủ trì.", False),
        ("3 | Hà Nội | 12 người", False),
        ("Công ty TNHH Điện tử Minh Quang thực hiện.", False),
    ],
)
def test_which_clauses_name_a_person(text, names):
    assert _searcher_of([text])._states_amount(0)[7] is names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # After a role and a colon, in a list of those present.
        ("Thư ký: Nguyễn Thị Hoa, cán bộ Phòng Hành chính.", True),
        ("1. Nguyễn Văn An – Chủ tịch Công đoàn cơ sở.", True),
        # A title after "đồng chí" or "ông", places after "bà" or opening with a family name.
        ("3. Đồng chí Phó Chủ tịch Công đoàn phụ trách tổ chức.", False),
        ("Ông Tổng Giám đốc Công ty phê duyệt.", False),
        ("Văn phòng tại đường Bà Huyện Thanh Quan, tỉnh Bà Rịa Vũng Tàu.", False),
        ("| 2 | Hà Nội | 15 người |", False),
    ],
)
def test_a_name_after_a_role_or_in_a_list_names_a_person_a_title_or_place_does_not(text, names):
    assert _searcher_of([text])._states_amount(0)[7] is names


def test_a_signers_name_is_not_who_holds_the_role_asked():
    s = _searcher_of(["TM. BAN CHẤP HÀNH\nCHỦ TỊCH\nNguyễn Văn Thắng", *ROLES[1:]], ("signature", "clause", "clause", "clause"))
    assert s._states_amount(0)[7] and not s._states(0, 7)


@pytest.mark.parametrize(
    ("question", "asks", "name_only"),
    [
        ("Chủ tịch công đoàn cơ sở là ai?", True, False),
        ("Trưởng tiểu ban hậu cần tên là gì?", True, True),
        ("Ai hiện là chủ tịch công đoàn?", True, True),
        ("Who leads the organising team?", True, False),
        # A list of names, a plan's or a school's name, someone the director answers to: no person asked.
        ("Danh sách họ tên vận động viên gửi về trước ngày nào?", False, False),
        ("What is the name of the plan?", False, False),
        ("Tên của trường là gì?", False, False),
        ("Who is accountable to the director for safety?", False, False),
    ],
)
def test_which_questions_ask_for_a_person_and_which_only_a_name_answers(question, asks, name_only):
    from index.search import _ASKS_NAME, _ASKS_PERSON
    from ingest.normalize import fold

    assert bool(_ASKS_PERSON.search(fold(question))) is asks
    assert bool(_ASKS_NAME.search(fold(question))) is name_only


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Có thắc mắc về lịch khám thì hỏi ai?", True),
        ("co vuong mac ve hoi thi thi lien he ai", True),
        ("Trong công văn, công đoàn để ai là người liên hệ?", True),
        ("Who should workers contact with questions about the new shift schedule?", True),
        ("Who is the contact person for the registration letter?", True),
        # A number asked stays a number; keeping in touch, or whom a rule concerns, is no contact asked.
        ("Có thắc mắc thì liên hệ ai, số điện thoại nào?", False),
        ("Công đoàn giữ liên hệ với đoàn viên nghỉ việc như thế nào?", False),
        ("Who is eligible for the support?", False),
        # (Review: "đại hội ai", "thông báo ai" fold to "hoi ai", "bao ai"; "call" a meeting convenes it.)
        ("Tại đại hội ai được bầu làm Chủ tịch công đoàn?", False),
        ("Thông báo ai ký?", False),
        ("Who can call an extraordinary meeting of the Executive Committee?", False),
        ("Who should I call about the shuttle bus?", True),
    ],
)
def test_which_questions_ask_whom_to_contact(question, asks):
    from index.search import _wanted_amount

    assert (_wanted_amount(QueryAnalysis(question, "vi"), None) == 8) is asks


def test_a_clause_giving_a_contact_comes_first_for_whom_to_contact():
    rule = "3. Công đoàn cơ sở tổng hợp ý kiến thắc mắc của người lao động về lịch khám và báo cáo Ban Giám đốc."
    contact = "Mọi thắc mắc xin liên hệ đồng chí Hoàng Thị Lan, Ủy viên Ban Chấp hành."
    s = _searcher_of([rule, contact])
    assert s._states_amount(1)[8] and not s._states_amount(0)[8]
    assert not _searcher_of(["Công đoàn giữ mối liên hệ chặt chẽ với đoàn viên."])._states_amount(0)[8]
    assert _ranked_in(s, {0: 1.0, 1: 0.9}, "Có thắc mắc về lịch khám thì hỏi ai?", 0.3) == [1, 0]
    assert _ranked_in(s, {0: 1.0, 1: 0.9}, "Có thắc mắc về lịch khám thì hỏi ai?", 0.0) == [0, 1]
