"""Numbers placed in ranges (index.ranges, SearchConfig.range_boost): "150 đoàn viên" is answered
by the row "Từ 30 đến dưới 200 đoàn viên", not its siblings. Clauses and questions written for
this test."""

from types import SimpleNamespace

import pytest

from index.query import QueryAnalysis
from index.ranges import counts, placed, ranges
from index.search import Candidates, SearchConfig, Searcher
from ingest.document import Chunk

ROWS = [
    "a) Công đoàn cơ sở có dưới 30 đoàn viên: bầu từ 01 đến 03 ủy viên ban chấp hành.",
    "b) Từ 30 đến dưới 200 đoàn viên: bầu từ 03 đến 07 ủy viên ban chấp hành.",
    "c) Từ 200 đến 1.000 đoàn viên: bầu từ 07 đến 11 ủy viên ban chấp hành.",
    "d) Trên 1.000 đoàn viên: bầu không quá 15 ủy viên ban chấp hành.",
]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Công đoàn có 150 đoàn viên thì bầu mấy ủy viên?", [(150, "doan")]),
        ("cong doan khoang 2.000 doan vien bau bao nhieu uy vien", [(2000, "doan")]),
        ("Tôi làm được 7 năm thì nghỉ phép mấy ngày?", [(7, "nam")]),
        # "cơ sở", "tổng số" before a number are no document's "số 15".
        ("Công đoàn cơ sở 150 đoàn viên bầu mấy ủy viên?", [(150, "doan")]),
        ("Tổng số 150 đoàn viên thì bầu mấy người?", [(150, "doan")]),
        # References, years, dates and times of day count nothing.
        ("Điều 5 khoản 2 năm 2026 quy định gì?", []),
        ("dieu 5 khoan 2 nam 2026 quy dinh gi", []),
        ("Văn bản số 150 nói gì?", []),
        ("Ngày 10/4/2027 họp lúc 8 giờ", []),
    ],
)
def test_what_a_question_counts(question, expected):
    assert counts(question) == expected


def test_which_range_of_a_list_holds_a_count():
    found = [ranges(row) for row in ROWS]
    assert [(r.low, r.high, r.closed, r.noun) for r in found[1]] == [(30, 200, False, "doan"), (3, 7, True, "uy")]
    asked = counts("Công đoàn có 150 đoàn viên thì bầu mấy ủy viên?")
    assert [placed(asked, f) for f in found] == [False, True, False, False]
    # "đến dưới 200" leaves 200 out; "đến 1.000" holds 1.000; "trên 1.000" starts after it.
    assert [placed([(200, "doan")], f) for f in found] == [False, False, True, False]
    assert [placed([(1000, "doan")], f) for f in found] == [False, False, True, False]
    # Only a count of the same thing: 5 ủy viên is no number of members.
    assert not placed([(5, "doan")], found[1]) and placed([(5, "uy")], found[1])
    # Other ways of writing a range: "từ đủ 5 năm đến dưới 10 năm", "X - Y", "trở lên / trở xuống".
    assert placed([(7, "nam")], ranges("Người lao động làm việc từ đủ 05 năm đến dưới 10 năm được nghỉ thêm 01 ngày."))
    assert placed([(30, "lao")], ranges("Doanh nghiệp sử dụng từ 10 - 49 lao động"))
    assert placed([(5000, "doan")], ranges("Công đoàn có từ 3.000 đoàn viên trở lên"))
    assert not placed([(25, "nguoi")], ranges("Tổ có từ 20 người trở xuống"))
    assert placed([(15, "nguoi")], ranges("Tổ có từ 20 người trở xuống"))
    assert placed([(30, "lao")], ranges("Doanh nghiệp sử dụng 10-49 lao động"))
    # "Không dưới 12 tháng" is at least 12; "trên 03 tháng đến 12 tháng" starts after 3.
    assert placed([(24, "thang")], ranges("Hợp đồng không dưới 12 tháng")) and not placed([(6, "thang")], ranges("Hợp đồng không dưới 12 tháng"))
    assert placed([(6, "thang")], ranges("trên 03 tháng đến 12 tháng")) and not placed([(3, "thang")], ranges("trên 03 tháng đến 12 tháng"))
    # A date's parts are no range.
    assert ranges("Ngày 10-6-2031 họp với 05 người") == []


def _searcher_of(clauses: list[str]) -> Searcher:
    s = object.__new__(Searcher)
    s.store = SimpleNamespace(chunks=[Chunk(f"d#{i}", "d", i, "clause", (f"{i + 1}.",), t) for i, t in enumerate(clauses)])
    s.__dict__["_idf"] = {}
    s._amounts, s._ranges = {}, {}
    return s


@pytest.mark.parametrize(("question", "first"), [
    ("Công đoàn có 150 đoàn viên thì bầu ban chấp hành mấy người?", 1),
    ("cong doan co 500 doan vien thi bau may uy vien", 2),
    ("Công đoàn có 4.000 đoàn viên thì bầu bao nhiêu ủy viên?", 3),
])  # fmt: skip
def test_the_row_whose_range_holds_the_count_comes_first(question, first):
    s = _searcher_of(ROWS)
    fused = {0: 1.0, 1: 0.97, 2: 0.96, 3: 0.95}  # lexically alike: the first row leads
    cands = Candidates(QueryAnalysis(question, "vi"), {}, {}, set(), 0.0, 0.0)

    def ranked(boost: float) -> list[int]:
        cfg = SearchConfig(range_boost=boost, answer_type_boost=0.0, kind_boost=0.0, responsibility_boost=0.0,
                           closing_penalty=1.0, heading_boost=0.0, coverage_boost=0.0, article_weight=0.0,
                           definition_penalty=1.0)  # fmt: skip
        out = s._priors(fused, cands, cfg)
        return sorted(out, key=lambda r: -out[r])

    assert ranked(0.2)[0] == first
    assert ranked(0.0)[0] == 0  # switched off: the fused order
