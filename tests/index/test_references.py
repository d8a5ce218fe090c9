"""Questions that name a place in a document (index.references): realistic wordings, none from eval/."""

import pytest

from index.references import (
    DocumentNames,
    Places,
    Reference,
    document_keys,
    names_only_places,
    parse,
    resolve,
)
from ingest.document import Chunk, DocMeta


@pytest.mark.parametrize(
    ("question", "levels"),
    [
        ("Điều 36 Bộ luật Lao động quy định những gì?", [(("Điều", "36"),)]),
        ("khoản 3 Điều 98 nói về tiền lương ngừng việc thế nào", [(("Điều", "98"), ("Khoản", "3"))]),
        (
            "Theo điểm b khoản 1 Điều 37, trường hợp nào không được đơn phương",
            [(("Điều", "37"), ("Khoản", "1"), ("Điểm", "b"))],
        ),
        ("dieu 169 bo luat lao dong tuoi nghi huu", [(("Điều", "169"),)]),
        ("Điều 139, khoản 4 quy định gì", [(("Điều", "139"), ("Khoản", "4"))]),
        ("What does clause 1 of Article 115 say about personal leave?", [(("Điều", "115"), ("Khoản", "1"))]),
        ("So sánh Điều 35 và Điều 36", [(("Điều", "35"),), (("Điều", "36"),)]),
        ("Điều 35, 36 và 37 nói về gì", [(("Điều", "35"),), (("Điều", "36"),), (("Điều", "37"),)]),
        ("Theo Điều 35 và 36 tháng báo trước là đủ?", [(("Điều", "35"),)]),  # 36 months, not Điều 36
        ("Điều 35 và 36 năm 2019", [(("Điều", "35"),), (("Điều", "36"),)]),  # a year, not a duration
        (
            "điểm a khoản 1 và khoản 2 Điều 36",  # the point belongs to the clause right after it
            [(("Điều", "36"), ("Khoản", "1"), ("Điểm", "a")), (("Điều", "36"), ("Khoản", "2"))],
        ),
        (
            "Theo khoản 1 và điểm a khoản 2 Điều 36",
            [(("Điều", "36"), ("Khoản", "1")), (("Điều", "36"), ("Khoản", "2"), ("Điểm", "a"))],
        ),
        ("Điều 35 khoản 1 và khoản 2", [(("Điều", "35"), ("Khoản", "1")), (("Điều", "35"), ("Khoản", "2"))]),
        (
            "clauses 1, 2, and 3 of Article 5",
            [
                (("Điều", "5"), ("Khoản", "1")),
                (("Điều", "5"), ("Khoản", "2")),
                (("Điều", "5"), ("Khoản", "3")),
            ],
        ),
        ("khoản 1 và khoản 2 Điều 35", [(("Điều", "35"), ("Khoản", "1")), (("Điều", "35"), ("Khoản", "2"))]),
        ("khoản 1, 2 Điều 35", [(("Điều", "35"), ("Khoản", "1")), (("Điều", "35"), ("Khoản", "2"))]),
        (
            "What do clauses 1 and 2 of Article 35 say?",
            [(("Điều", "35"), ("Khoản", "1")), (("Điều", "35"), ("Khoản", "2"))],
        ),
        (
            "điểm a, b khoản 1 Điều 36 có gì khác nhau",
            [
                (("Điều", "36"), ("Khoản", "1"), ("Điểm", "a")),
                (("Điều", "36"), ("Khoản", "1"), ("Điểm", "b")),
            ],
        ),
        (
            "diem a va diem dd khoan 2 dieu 35",
            [
                (("Điều", "35"), ("Khoản", "2"), ("Điểm", "a")),
                (("Điều", "35"), ("Khoản", "2"), ("Điểm", "đ")),
            ],
        ),
        (
            "khoản 10, 11 và 12 Điều 3",
            [
                (("Điều", "3"), ("Khoản", "10")),
                (("Điều", "3"), ("Khoản", "11")),
                (("Điều", "3"), ("Khoản", "12")),
            ],
        ),
        ("What do Articles 35 and 36 say?", [(("Điều", "35"),), (("Điều", "36"),)]),
        # "paragraph" is an English word for a khoản wherever "clause" is.
        ("Article 113, paragraph 2: how many days of annual leave?", [(("Điều", "113"), ("Khoản", "2"))]),
        ("paragraph 1 and point b paragraph 2 of Article 36", [(("Điều", "36"), ("Khoản", "1")), (("Điều", "36"), ("Khoản", "2"), ("Điểm", "b"))]),
        ("Chương 10 của luật quy định gì", [(("Chương", "X"),)]),
        ("Mục II của quy chế nói về phụ cấp nào", [(("Mục", "II"),)]),
        ("Phần 2 của điều lệ", [(("Phần", "2"),)]),
        ("muc IV ke hoach", [(("Mục", "IV"),)]),
        ("Mục 1 Chương III Bộ luật Lao động", [(("Chương", "III"), ("Mục", "1"))]),
        ("điểm đ khoản 2 Điều 35", [(("Điều", "35"), ("Khoản", "2"), ("Điểm", "đ"))]),
        ("diem dd khoan 2 dieu 35", [(("Điều", "35"), ("Khoản", "2"), ("Điểm", "đ"))]),
        ("Khoản 3.3 thỏa ước lao động tập thể", [(("Khoản", "3.3"),)]),
        ("Điều 3 khoản 3.3", [(("Điều", "3"), ("Khoản", "3.3"))]),
        # However long the number, it names an article (one no document has: "not found").
        ("Điều 99999999999999999999 quy định gì", [(("Điều", "99999999999999999999"),)]),
    ],
)
def test_places_are_read(question, levels):
    assert [r.levels for r in parse(question)] == levels


@pytest.mark.parametrize(
    "question",
    [
        "Điều lệ Công đoàn quy định đoàn viên có quyền gì?",  # "Điều lệ" is a document, not an article
        "Điều kiện để hưởng trợ cấp thôi việc là gì?",
        "Mức 2 phụ cấp trách nhiệm là bao nhiêu?",  # "mức", not "mục"
        "muc 2 phu cap la bao nhieu",  # unaccented "muc 2" may be "mức 2"
        "Người lao động có 3 điều cần biết khi ký hợp đồng",
        "Nghị định 145/2020/NĐ-CP hướng dẫn những gì?",
        "Phần vi phạm kỷ luật lao động được xử lý thế nào?",  # "vi" is a word, not Roman VI
        "muc vi pham nao bi sa thai",
        "Which part I should read about overtime?",
        "Chương 0 nói gì",
        "Đoàn viên kết hôn được chi khoản 1.000.000 đồng phải không?",  # amounts, scores, accounts
        "nằm viện được chi mức 500.000 đồng mỗi lần à?",
        "Trợ cấp mức 1.5 lần lương",
        "muc 4.960.000 dong ap dung cho vung nao",
        "tài khoản 1.2 của công đoàn",
    ],
)
def test_other_questions_name_no_place(question):
    assert parse(question) == ()


def test_label_names_the_innermost_level_first():
    assert Reference((("Điều", "113"), ("Khoản", "2"))).label == "khoản 2 Điều 113"


CODE = DocMeta(
    doc_type="BỘ LUẬT", number="45/2019/QH14", title="Lao động", name="Bộ luật Lao động 45/2019/QH14"
)
SAFETY = DocMeta(
    doc_type="LUẬT",
    number="84/2015/QH13",
    title="An toàn, vệ sinh lao động",
    name="Luật An toàn, vệ sinh lao động 84/2015/QH13",
)
DECREE = DocMeta(
    doc_type="NGHỊ ĐỊNH",
    number="145/2020/NĐ-CP",
    title="QUY ĐỊNH CHI TIẾT …",
    name="Nghị định 145/2020/NĐ-CP",
)
CHARTER = DocMeta(name="Điều lệ Công đoàn Việt Nam khóa XIII")
NAMES = DocumentNames.of({"code": CODE, "safety": SAFETY, "decree": DECREE, "charter": CHARTER})


@pytest.mark.parametrize(
    ("forms", "named", "other"),
    [
        (["Điều 35 Bộ luật Lao động"], {"code"}, False),
        (["dieu 35 bo luat lao dong"], {"code"}, False),
        (["Điều 35 Luật Lao động"], {"code"}, False),
        (["Điều 7 Luật An toàn, vệ sinh lao động"], {"safety"}, False),
        (["khoản 2 Điều 3 Nghị định 145"], {"decree"}, False),
        (["Article 3 of Decree 145"], {"decree"}, False),
        (["Điều 3 của 145/2020/NĐ-CP"], {"decree"}, False),
        (["Điều 5 Điều lệ Công đoàn Việt Nam khóa XIII"], {"charter"}, False),
        (["Điều 5 Điều lệ Công đoàn"], {"charter"}, False),  # the country left out
        (["Điều 5 Điều lệ Công đoàn Việt Nam"], {"charter"}, False),
        (["Điều 5 Điều lệ Công đoàn Giáo dục"], set(), True),
        (
            ["Điều 400 Nghị định 145/2020/NĐ-CP", "Điều 400 nghị định 145/2020/nghị định-Chính phủ"],
            {"decree"},
            False,
        ),
        (["Điều 5 Nghị định số 145"], {"decree"}, False),
        (["Điều 5 Nghị định 145/2020"], {"decree"}, False),
        (["Theo Điều 36, người sử dụng lao động có quyền quyết định gì?"], set(), False),
        (["Điều 35: nghỉ việc không báo trước có vi phạm pháp luật không?"], set(), False),
        (["What does Article 139 say about the collective agreement?"], set(), False),
        (["Điều 5 Luật An toàn vệ sinh thực phẩm"], set(), True),
        (["điều 5 luật đất đai quy định gì"], set(), True),
        (["Điều 5 của luật này quy định gì"], set(), False),
        (["Điều 35 quy định gì"], set(), False),
        (["Điều 5 Luật Đất đai quy định gì"], set(), True),
        (["What does Article 139 of the Labour Code say", "Bộ luật Lao động 139"], {"code"}, False),
        # Initials of the document's own name: a code's whole name, a law's title after "Luật".
        (["Điều 35 BLLĐ quy định gì"], {"code"}, False),
        (["dieu 35 blld"], {"code"}, False),
        (["Điều 7 Luật ATVSLĐ"], {"safety"}, False),
        (["điều 7 luật atvsld 2015"], {"safety"}, False),
        (["Điều 7 Luật ATVSLĐ 2014"], set(), True),  # another edition
        (["Điều 5 BLDS quy định gì"], set(), True),  # another code, by its initials
        (["Điều 5 Luật Đất đai và Điều 3 Luật ĐĐ"], set(), True),
        # A name ends at punctuation, and a number with a unit is an amount, not an edition.
        (["Theo Bộ luật Lao động, năm 2024 người lao động được nghỉ Tết mấy ngày?"], {"code"}, False),
        (["Bộ luật Lao động 2000 đồng"], {"code"}, False),
        # "luật" inside a word of its own: discipline, the law in general, a bill.
        (["Họp xử lý kỷ luật lao động thì phải báo công đoàn trước mấy ngày?"], set(), False),
        (["hop xu ly ky luat lao dong bao truoc may ngay"], set(), False),
        (["Công ty vi phạm pháp luật lao động thì báo ai?"], set(), False),
        (["Điều 125 Bộ luật Lao động về kỷ luật lao động"], {"code"}, False),
        # Signing a law, "even though" a law: its name, typed so.
        (["Ai ký Luật Lao động?"], {"code"}, False),
        (["ai ký luật lao động"], {"code"}, False),
        (["Dù Luật Lao động đã có hiệu lực, Điều 35 quy định gì?"], {"code"}, False),
    ],
)
def test_documents_named_by_a_question(forms, named, other):
    assert NAMES.scan(forms)[:2] == (named, other)


# An index with one charter and one agreement: each is also named by its kind alone.
UNION = DocumentNames.of(
    {
        "charter": DocMeta(doc_type="ĐIỀU LỆ", title="Công đoàn Việt Nam", name="Điều lệ Công đoàn Việt Nam"),
        "agreement": DocMeta(
            doc_type="THỎA ƯỚC LAO ĐỘNG TẬP THỂ",
            number="01/2025/TƯLĐTT",
            title="Công ty TNHH May mặc Phú Thịnh",
            name="Thỏa ước lao động tập thể Công ty TNHH May mặc Phú Thịnh 01/2025/TƯLĐTT",
        ),
        "code": CODE,
    }
)


@pytest.mark.parametrize(
    ("question", "named", "other"),
    [
        ("Điều 9 Điều lệ quy định gì?", {"charter"}, False),
        ("dieu 9 dieu le quy dinh gi", {"charter"}, False),
        ("What does Article 9 of the charter say?", {"charter"}, False),
        ("Khoản 3.2 thỏa ước nói gì?", {"agreement"}, False),
        ("What does the collective agreement say about bonuses?", {"agreement"}, False),
        ("Điều 9 Điều lệ Đảng quy định gì?", set(), True),  # another charter, by its name
        ("Điều 5 Thỏa ước Dệt May", set(), True),
        # Named by its kind and words of its own name: the company, the charter's body.
        ("Điều 4 thỏa ước Phú Thịnh quy định gì?", {"agreement"}, False),
        ("Điều 4 Thỏa ước May mặc Phú Thịnh", {"agreement"}, False),
        ("Điều 9 Điều lệ Công đoàn Việt Nam quy định gì?", {"charter"}, False),
        ("Điều 9 Điều lệ Công đoàn Giáo dục quy định gì?", set(), True),
        ("Điều 35 Bộ luật Lao động", {"code"}, False),
        ("Điều 9 Điều lệ, Ban chấp hành có quyền gì?", {"charter"}, False),  # the comma ends the name
        ("Điều 5 thỏa ước số 01 quy định gì?", {"agreement"}, False),
        ("Điều 5 thỏa ước số 02/2024/TƯLĐTT", set(), True),  # another agreement, by its number
        # A year after the kind alone is the edition's: this index's agreement is 2025's.
        ("Điều 5 thỏa ước 2025 quy định gì?", {"agreement"}, False),
        ("Điều 5 thỏa ước năm 2025", {"agreement"}, False),
        ("Điều 5 thỏa ước 2023 quy định gì?", set(), True),
        ("Điều 5 thỏa ước số 2025", set(), True),  # after "số", a number is the document's number
        ("Điều 5 thỏa ước 2025 Dệt May", set(), True),  # a name after the year
        ("What does Article 9 of the UN Charter say?", set(), True),
        ("Under the Charter, who may join the union?", {"charter"}, False),
        # A kind alone is a topic beside a full name, of this index's documents or another's.
        ("Điều 5 Bộ luật Lao động nói gì về thỏa ước?", {"code"}, False),
        ("Điều 5 Luật Việc làm có áp dụng cho thỏa ước không?", set(), True),
    ],
)
def test_the_only_charter_or_agreement_is_named_by_its_kind(question, named, other):
    assert UNION.scan([question])[:2] == (named, other)


def test_a_kind_alone_names_nothing_when_the_index_holds_two_of_it():
    second = DocMeta(doc_type="ĐIỀU LỆ", title="Công đoàn Giáo dục", name="Điều lệ Công đoàn Giáo dục")
    names = DocumentNames.of({"a": DocMeta(doc_type="ĐIỀU LỆ", title="Công đoàn Việt Nam"), "b": second})
    assert names.scan(["Điều 9 Điều lệ quy định gì?"])[:2] == (set(), False)


def test_one_of_several_agreements_is_named_by_its_kind_and_its_company():
    def agreement(company: str, number: str) -> DocMeta:
        return DocMeta(doc_type="THỎA ƯỚC LAO ĐỘNG TẬP THỂ", number=number, title=company,
                       issuer=company.upper(), name=f"Thỏa ước lao động tập thể {company} {number}")

    names = DocumentNames.of({
        "giay": agreement("Công ty TNHH Giày Phước Long", "02/2031/TƯLĐTT"),
        "may": agreement("Công ty Cổ phần May Hòa Bình", "05/2031/TƯLĐTT"),
    })
    assert names.scan(["Điều 6 thỏa ước Phước Long quy định gì?"])[:2] == ({"giay"}, False)
    assert names.scan(["khoản 2 Điều 13 thỏa ước May Hòa Bình"])[:2] == ({"may"}, False)
    assert names.scan(["Điều 6 thỏa ước quy định gì?"])[:2] == (set(), False)  # which one: not said
    assert names.scan(["Điều 6 thỏa ước Dệt Kim Đông Xuân"])[:2] == (set(), True)  # another company's
    assert names.scan(["Thỏa ước Phước Long Điều 6 quy định gì?"])[:2] == ({"giay"}, False)  # the place ends the name



def test_one_of_two_agreements_is_named_by_the_common_noun_its_name_opens_with():
    def agreement(title: str) -> DocMeta:
        return DocMeta(doc_type="THỎA ƯỚC LAO ĐỘNG TẬP THỂ", title=title, name=f"Thỏa ước lao động tập thể {title}")

    names = DocumentNames.of({
        "group": agreement("nhóm doanh nghiệp ngành chế biến gỗ tỉnh Bình Dương"),
        "company": agreement("Công ty TNHH Gỗ Mỹ Phước"),
    })
    assert names.scan(["Thỏa ước nhóm quy định bữa ăn giữa ca bao nhiêu?"])[:2] == ({"group"}, False)
    assert names.scan(["thoa uoc nhom cho lam them bao nhieu gio"])[:2] == ({"group"}, False)
    assert names.scan(["Theo thỏa ước công ty, bữa ăn giữa ca bao nhiêu?"])[:2] == ({"company"}, False)
    assert names.scan(["Thỏa ước quy định bữa ăn giữa ca bao nhiêu?"])[:2] == (set(), False)  # which one: not said
    # Two companies' agreements: "công ty" tells neither apart.
    two = DocumentNames.of({"a": agreement("Công ty TNHH Gỗ Mỹ Phước"), "b": agreement("Công ty Cổ phần May Hòa Bình")})
    assert two.scan(["Theo thỏa ước công ty, bữa ăn giữa ca bao nhiêu?"])[:2] == (set(), False)


def test_words_of_a_companys_name_that_also_name_places_stay_in_the_name():
    def agreement(company: str) -> DocMeta:
        return DocMeta(doc_type="THỎA ƯỚC LAO ĐỘNG TẬP THỂ", title=company, name=f"Thỏa ước lao động tập thể {company}")

    names = DocumentNames.of({
        "a": agreement("Công ty Cổ phần May Phú Thịnh"),
        "b": agreement("Công ty Cổ phần Dệt Phước Long"),
        "c": agreement("Công ty TNHH Thủy sản Phan Thiết"),
    })
    assert names.scan(["Thỏa ước Công ty Cổ phần Dệt Phước Long quy định gì?"])[:2] == ({"b"}, False)
    assert names.scan(["thỏa ước Phan Thiết quy định gì"])[:2] == ({"c"}, False)
    assert names.scan(["thỏa ước Phú Thịnh Mục 3"])[:2] == ({"a"}, False)


def test_two_editions_of_a_charter_are_still_named_together():
    names = DocumentNames.of({
        "xii": DocMeta(doc_type="ĐIỀU LỆ", title="Công đoàn Việt Nam khóa XII", name="Điều lệ Công đoàn Việt Nam khóa XII"),
        "xiii": DocMeta(doc_type="ĐIỀU LỆ", title="Công đoàn Việt Nam khóa XIII", name="Điều lệ Công đoàn Việt Nam khóa XIII"),
    })
    assert names.scan(["Điều 5 Điều lệ Công đoàn Việt Nam quy định gì?"])[:2] == ({"xii", "xiii"}, False)


def test_a_consolidated_law_is_named_as_the_law():
    meta = DocMeta(doc_type="VĂN BẢN HỢP NHẤT", number="22/VBHN-VPQH", title="Luật công đoàn", name="Văn bản hợp nhất 22/VBHN-VPQH")
    keys = document_keys(meta)
    assert "luat cong doan" in keys and "van ban hop nhat" not in keys
    names = DocumentNames.of({"v": meta})
    assert names.scan(["Điều 2 Luật Công đoàn quy định gì?"])[:2] == ({"v"}, False)


def test_another_edition_is_another_document():
    assert NAMES.scan(["Điều 36 Bộ luật Lao động 2012"])[:2] == (set(), True)
    assert NAMES.scan(["Điều 36 Bộ luật Lao động năm 2019"])[:2] == ({"code"}, False)
    # The edition asked for is kept, so the answer can say which one the index holds.
    assert NAMES.scan(["Điều 36 Bộ luật Lao động 2012"])[:3] == (set(), True, {"code": 2012})
    assert NAMES.scan(["Điều 7 Luật ATVSLĐ 2014"])[:3] == (set(), True, {"safety": 2014})
    assert NAMES.scan(["Điều 36 Bộ luật Lao động năm 2019"])[:3] == ({"code"}, False, {})


def _chunk(doc, order, *path):
    return Chunk(f"{doc}#{order}", doc, order, "clause", tuple(path), "…")


def test_a_place_inside_a_clause_kept_whole_designates_that_clause():
    chunks = [
        _chunk("code", 0, "Chương I", "Điều 3"),  # a short article, its khoản in one chunk
        _chunk("code", 1, "Chương I", "Điều 4", "Khoản 1"),  # a khoản with its points in one chunk
        _chunk("code", 2, "Chương I", "Điều 5", "Khoản 2", "Điểm a"),  # a long khoản split at its points
        _chunk("deal", 3, "Điều 3", "3.3."),  # an agreement's clause holding its points
    ]
    assert resolve(parse("khoản 2 Điều 3"), Places.of(chunks), set()) == (0,)
    assert resolve(parse("điểm b khoản 1 Điều 4"), Places.of(chunks), set()) == (1,)
    assert (
        resolve(parse("điểm g khoản 2 Điều 5"), Places.of(chunks), set()) == ()
    )  # split: its points are known
    assert resolve(parse("Khoản 3.3 thỏa ước"), Places.of(chunks), set()) == (3,)
    assert resolve(parse("khoản 3 Điều 3 thỏa ước"), Places.of(chunks), {"deal"}) == (3,)  # "3.3."
    assert resolve(parse("điểm b khoản 3.3 Điều 3"), Places.of(chunks), {"deal"}) == (3,)


CHUNKS = [
    _chunk("code", 0, "Chương III", "Điều 35", "Khoản 1"),
    _chunk("code", 1, "Chương III", "Điều 35", "Khoản 2", "Điểm a"),
    _chunk("code", 2, "Chương III", "Điều 36"),
    _chunk("code", 3, "Chương III", "Điều 350"),
    _chunk("decree", 4, "Chương II", "Điều 35", "Khoản 2"),
    _chunk("plan", 5, "III. TỔ CHỨC THỰC HIỆN", "4."),
    _chunk("plan", 6, "II. NHIỆM VỤ", "1."),
]


def test_a_place_designates_its_clauses_in_the_named_document():
    assert resolve(parse("Điều 35"), Places.of(CHUNKS), {"code"}) == (0, 1)
    assert resolve(parse("khoản 2 Điều 35"), Places.of(CHUNKS), {"code"}) == (1,)
    assert resolve(parse("khoản 2 Điều 35"), Places.of(CHUNKS), set()) == (
        1,
        4,
    )  # no document named: every one
    assert resolve(parse("Điều 35"), Places.of(CHUNKS), {"code"}, allowed={1, 2}) == (1,)
    assert resolve(parse("Mục III kế hoạch"), Places.of(CHUNKS), {"plan"}) == (5,)
    assert resolve(parse("Điều 400"), Places.of(CHUNKS), {"code"}) == ()


def test_places_numbered_in_ways_documents_differ_on_are_vague():
    assert all(ref.vague for ref in parse("mục 2 phần III kế hoạch 48"))
    assert parse("Mục 2.1 quy chế")[0].vague
    assert not any(ref.vague for ref in parse("Mục III kế hoạch 48") + parse("khoản 2 Điều 3"))


def test_short_initials_name_a_law_only_in_capitals():
    film = DocMeta(doc_type="LUẬT", number="05/2022/QH15", title="Điện ảnh", name="Luật Điện ảnh 05/2022/QH15")
    family = DocMeta(
        doc_type="LUẬT", number="52/2014/QH13", title="Hôn nhân và gia đình", name="Luật Hôn nhân và gia đình 52/2014/QH13"
    )
    names = DocumentNames.of({"film": film, "family": family})
    assert names.scan(["Điều 5 Luật ĐA quy định gì"])[0] == {"film"}
    assert names.scan(["theo luật đã quy định thì sao"])[0] == set()  # "luật đã", not Luật ĐA
    assert names.scan(["Điều 8 Luật HNGĐ"])[0] == {"family"}  # "và" has no initial
    assert names.scan(["điều 8 luật hngđ 2014"])[0] == {"family"}


def test_a_decree_with_another_year_is_another_decree_not_an_edition():
    assert NAMES.scan(["Điều 5 Nghị định 145/2019"])[:3] == (set(), True, {})


@pytest.mark.parametrize(
    ("question", "bare"),
    [
        ("Điều 113 BLLĐ", True),
        ("dieu 113 bo luat lao dong", True),
        ("khoản 2 Điều 5 Nghị định 145/2020/NĐ-CP", True),
        ("Điều 26 của Điều lệ Công đoàn", True),
        ("Điều 35 và 36 Bộ luật Lao động?", True),
        ("Điều 113", True),
        # Only asking to read it: the place in its order.
        ("Điều 113 BLLĐ quy định gì?", True),
        ("Điều 5 của điều lệ công đoàn nói những gì", True),
        ("nội dung Điều 26 là gì", True),
        ("Điều 113 BLLĐ quy định như thế nào", True),
        # A topic folded like an asking word is still a topic ("thẻ", "dùng").
        ("Điều 113 BLLĐ quy định gì về thẻ?", False),
        ("Điều 113 BLLĐ dùng thế nào?", False),
        # Any other word asks about the place's content: the search orders its clauses.
        ("Điều 113 BLLĐ quy định gì về nghỉ phép?", False),
        ("Điều 113 nghỉ hằng năm", False),
        ("Điều 5 Luật Đất đai", False),  # another document's name is not one of the index's
        ("Ai ký kế hoạch 48?", False),  # no place at all
    ],
)
def test_a_question_of_only_places_and_names_is_told_apart(question, bare):
    assert names_only_places(question, NAMES) is bare


@pytest.mark.parametrize(
    ("question", "bare"),
    [
        ("Article 35 of the Labor Code", True),
        ("Articles 35 and 36 of the Labour Code", True),
        # The translation holds a topic besides the name: a question about the place's content.
        ("Article 35 of the Labour Code on overtime", False),
    ],
)
def test_an_english_question_of_only_places_and_names_is_told_apart(question, bare):
    from index.query import analyze

    analysis = analyze(question)
    assert analysis.translated and not analysis.untranslated
    assert names_only_places(question, NAMES) is False  # its English name is not one of NAMES
    assert names_only_places(question, NAMES, analysis.translated) is bare


def test_articles_numbered_with_a_leading_zero_are_found():
    # Agreements often write "Điều 01.", "Điều 02."; the clauses "01.", "02." likewise.
    chunks = [
        _chunk("deal", 0, "Chương I", "Điều 01"),
        _chunk("deal", 1, "Chương I", "Điều 02", "01."),
        _chunk("deal", 2, "Chương I", "Điều 02", "02."),
        _chunk("deal", 3, "Chương II", "Điều 12", "2."),
        _chunk("deal", 4, "Chương II", "Điều 20", "1."),
    ]
    places = Places.of(chunks)
    assert resolve(parse("Điều 2 thỏa ước"), places, {"deal"}) == (1, 2)
    assert resolve(parse("khoản 2 Điều 2"), places, set()) == (2,)
    assert resolve(parse("Điều 02"), places, set()) == (1, 2)
    assert resolve(parse("Điều 20"), places, set()) == (4,)
    assert resolve(parse("khoản 2 Điều 12"), places, set()) == (3,)


@pytest.mark.parametrize(
    ("question", "levels"),
    [
        # A plan's item inside its Roman section, and a clause numbered with its parent (QA pass).
        ("mục III.3 KH 27", [(("Mục", "III"), ("Khoản", "3"))]),
        ("Mục II.1.2 kế hoạch 24", [(("Mục", "II"), ("Khoản", "1.2"))]),
        ("điểm 2.2 mục II kế hoạch 27", [(("Mục", "II"), ("Khoản", "2.2"))]),
        ("điểm 3.1 Điều 4 Quy chế 12", [(("Điều", "4"), ("Khoản", "3.1"))]),
        ("Mục III kế hoạch 48", [(("Mục", "III"),)]),
        ("mức 2.5 triệu đồng", []),
    ],
)
def test_items_numbered_inside_a_section_are_read(question, levels):
    assert [r.levels for r in parse(question)] == levels


def test_a_plans_item_inside_its_section_is_found():
    chunks = [
        _chunk("plan", 0, "II. MỤC TIÊU", "2.", "2.1."),
        _chunk("plan", 1, "II. MỤC TIÊU", "2.", "2.2."),
        _chunk("plan", 2, "III. TỔ CHỨC THỰC HIỆN", "3."),
        _chunk("plan", 3, "III. TỔ CHỨC THỰC HIỆN", "4."),
    ]
    places = Places.of(chunks)
    assert resolve(parse("mục III.4"), places, {"plan"}) == (3,)
    assert resolve(parse("điểm 2.2 mục II"), places, {"plan"}) == (1,)


def test_the_only_regulation_is_named_by_its_kind_beside_a_place_only():
    regulation = DocMeta(doc_type="QUY CHẾ", number="02/QC-CĐCS", title="Chi thăm hỏi, trợ cấp cho đoàn viên",
                         name="Quy chế chi thăm hỏi, trợ cấp cho đoàn viên 02/QC-CĐCS")
    names = DocumentNames.of({"qc": regulation, "law": DocMeta(doc_type="LUẬT", title="Công đoàn", name="Luật Công đoàn")})
    assert names.scan(["Điều 3 quy chế quy định gì?"])[0] == {"qc"}
    assert names.scan(["khoan 2 dieu 3 quy che"])[0] == {"qc"}
    # Without a place, "quy chế" is an everyday word ("quy chế dân chủ ở cơ sở").
    assert names.scan(["Quy chế dân chủ ở cơ sở gồm những nội dung gì?"])[0] == set()
    # Two regulations: the kind alone names neither.
    two = DocumentNames.of({"a": regulation, "b": DocMeta(doc_type="QUY CHẾ", title="Chi tiêu nội bộ", name="Quy chế chi tiêu nội bộ")})
    assert two.scan(["Điều 3 quy chế quy định gì?"])[0] == set()


def test_the_title_of_a_text_a_decision_issues_is_not_the_only_regulations_kind():
    # One regulation of its own, and another issued with a decision (cited under the decision).
    regulation = DocMeta(doc_type="QUY CHẾ", number="03/QC-CĐCS", title="Thăm hỏi, tặng quà đoàn viên",
                         name="Quy chế thăm hỏi, tặng quà đoàn viên 03/QC-CĐCS")
    decision = DocMeta(doc_type="QUYẾT ĐỊNH", number="45/QĐ-THP", title="Ban hành Quy chế dân chủ ở cơ sở",
                       name="Quyết định 45/QĐ-THP")
    names = DocumentNames.of({"qc": regulation, "qd": decision}, ["Quy chế dân chủ ở cơ sở tại nơi làm việc"])
    for question in ("Theo Điều 12 quy chế dân chủ, hội nghị cần bao nhiêu đại biểu?", "dieu 9 quy che dan chu"):
        assert names.scan([question])[0] == set(), question
    assert names.scan(["Điều 3 quy chế quy định gì?"])[0] == {"qc"}
    assert names.scan(["Điều 3 quy chế thăm hỏi quy định gì?"])[0] == {"qc"}
    # Said short, without the title's "thực hiện": still the decision's, by a word of its title.
    longer = DocumentNames.of({"qc": regulation, "qd": decision}, ["Quy chế thực hiện dân chủ ở cơ sở tại nơi làm việc"])
    for question in ("Điều 12 quy chế dân chủ quy định gì?", "dieu 9 quy che dan chu"):
        assert longer.scan([question])[0] == set(), question
    assert longer.scan(["Điều 3 quy chế thăm hỏi quy định gì?"])[0] == {"qc"}
    # A small word the title also folds to ("có" / "cơ sở", "ở", "tại") does not name it.
    for question in ("Điều 3 quy chế có quy định gì?", "Điều 3 quy chế có mấy khoản?", "Điều 3 quy chế tại công ty nói gì?"):
        assert longer.scan([question])[0] == {"qc"}, question


def test_a_year_rules_out_a_series_other_years_only_when_it_names_one_of_them():
    def plan(title: str, number: str) -> DocMeta:
        return DocMeta(doc_type="KẾ HOẠCH", number=number, title=title, name=f"Kế hoạch {number}")

    names = DocumentNames.of({
        "a": plan("Tổ chức các hoạt động Tháng Công nhân năm 2030", "15/KH-LĐLĐ"),
        "b": plan("Tổ chức Tháng Công nhân và Tháng hành động về an toàn, vệ sinh lao động năm 2031", "09/KH-LĐLĐ"),
        "c": plan("Đại hội Công đoàn huyện nhiệm kỳ 2028 - 2033", "02/KH-LĐLĐ"),
        "tu": DocMeta(doc_type="THỎA ƯỚC LAO ĐỘNG TẬP THỂ", number="01/2031/TƯLĐTT", title="Công ty An Lạc"),
    })
    assert names.other_years(["Tháng Công nhân năm 2031 tặng mấy suất quà?"]) == {"a"}
    assert names.other_years(["thang cong nhan 2030 giai bong da co may doi"]) == {"b"}
    assert names.other_years(["Tháng Công nhân năm 2030 và năm 2031 tặng mấy suất quà?"]) == set()  # both named
    assert names.other_years(["Tháng Công nhân đến năm 2040 có gì mới?"]) == set()  # none named
    assert names.other_years(["Thỏa ước 01/2031/TƯLĐTT quy định gì?"]) == set()  # a number's year is not asked
    # A year of the content, without the series' words: not an edition ("Đại hội … nhiệm kỳ 2028 -
    # 2033" is a span, not an edition of a year, either).
    assert names.other_years(["Doanh thu năm 2030 đạt bao nhiêu?"]) == set()
    assert names.other_years(["Năm 2031 tổ chức đại hội công đoàn huyện chưa?"]) == set()


@pytest.mark.parametrize(
    ("question", "levels"),
    [
        ("STT 7 chương trình hành động 08 là việc gì?", (("STT", "7"),)),
        ("stt 05 muc III chuong trinh 08", (("Mục", "III"), ("STT", "5"))),
        ("Số thứ tự 12 do ai chủ trì?", (("STT", "12"),)),
    ],
)
def test_a_task_tables_row_is_a_place(question, levels):
    assert parse(question) == (Reference(levels),)


def test_a_programme_of_action_is_also_called_a_programme():
    names = DocumentNames.of({"ctr": DocMeta(doc_type="CHƯƠNG TRÌNH HÀNH ĐỘNG", number="08/CTr-LĐLĐ")})
    assert names.scan(["Chương trình 08 STT 3 do ai chủ trì?"])[:2] == ({"ctr"}, False)


@pytest.mark.parametrize(
    ("question", "levels"),
    [
        ("Công văn 57 điểm 3 nói gì?", (("Khoản", "3"),)),
        ("diem 3 cua ke hoach 48", (("Khoản", "3"),)),
        ("Chỉ thị 15-CT/HU mục II điểm 4", (("Mục", "II"), ("Khoản", "4"))),
    ],
)
def test_a_numbered_point_of_a_letter_or_plan_is_its_item(question, levels):
    assert parse(question) == (Reference(levels),)


@pytest.mark.parametrize("question", ["Đạt 9 điểm 10 trở lên thì xếp loại gì?", "Kế hoạch 48 chấm điểm 10 tiêu chí nào?"])
def test_a_score_is_not_a_place(question):
    assert parse(question) == ()


def test_a_document_is_named_by_its_kind_and_the_beginning_of_its_title_beside_a_place_or_a_part():
    names = DocumentNames.of({
        "tet": DocMeta(doc_type="KẾ HOẠCH", title="Tết sum vầy – Xuân Bính Ngọ 2031"),
        "nq": DocMeta(doc_type="NGHỊ QUYẾT", number="01/NQ-ĐH", title="Đại hội Công đoàn cơ sở Công ty An Lạc lần thứ V"),
        "ctr": DocMeta(doc_type="CHƯƠNG TRÌNH HÀNH ĐỘNG", number="08/CTr-LĐLĐ", title="Thực hiện Chỉ thị số 15-CT/HU"),
        "law": DocMeta(doc_type="LUẬT", title="An toàn, vệ sinh lao động", name="Luật An toàn, vệ sinh lao động"),
    })
    assert names.scan(["mục 5 kế hoạch Tết sum vầy"])[0] == {"tet"}
    assert names.scan(["ai ký nghị quyết đại hội"], about_part=True)[0] == {"nq"}
    # Without a place or a part, a title's beginning is everyday words.
    assert names.scan(["Huyện ủy yêu cầu xây dựng chương trình hành động thực hiện Chỉ thị khi nào?"])[0] == set()
    # A law is named by its whole name: "Luật An toàn vệ sinh thực phẩm" is another law.
    assert names.scan(["Điều 5 Luật An toàn vệ sinh thực phẩm"])[:2] == (set(), True)


def test_a_sections_arabic_number_is_a_plans_item():
    places = Places.of([
        Chunk("k#0", "k", 0, "clause", ("1.",), "1. Mục đích", ()),
        Chunk("k#1", "k", 1, "clause", ("5.",), "5. Kinh phí", ()),
        Chunk("k#2", "k", 2, "clause", ("Chương II", "Mục 5", "Điều 9"), "Điều 9. …", ()),
    ])
    assert resolve(parse("mục 5 kế hoạch"), places, set()) == (1, 2)


@pytest.mark.parametrize(
    "question",
    ["Theo hướng dẫn chấm điểm 10 là mức nào?", "Hướng dẫn 05 điểm 95 trở lên xếp loại gì?"],
)
def test_a_score_beside_a_kind_is_not_a_place(question):
    assert parse(question) == ()


def test_a_laws_point_chain_adds_no_item():
    assert parse("Nghị định 145 điểm 3 khoản 2 Điều 5") == (Reference((("Điều", "5"), ("Khoản", "2"))),)


def test_a_third_plan_of_other_words_does_not_end_a_series():
    def plan(title: str) -> DocMeta:
        return DocMeta(doc_type="KẾ HOẠCH", title=title)

    names = DocumentNames.of({
        "a": plan("Tổ chức các hoạt động Tháng Công nhân năm 2030"),
        "b": plan("Tổ chức Tháng Công nhân và Tháng hành động về an toàn, vệ sinh lao động năm 2031"),
        "c": plan("Hội nghị người lao động năm 2031"),
    })
    assert names.other_years(["Tháng Công nhân năm 2031 tặng mấy suất quà?"]) == {"a"}
    assert names.other_years(["Hội nghị người lao động năm 2030 có mấy đại biểu?"]) == set()


def test_a_verb_kinds_title_beginning_names_it_only_when_asked_who_signed_it():
    names = DocumentNames.of({
        "hd": DocMeta(doc_type="HƯỚNG DẪN", title="Chấm điểm thi đua công đoàn cơ sở"),
        "hd2": DocMeta(doc_type="HƯỚNG DẪN", title="Tổ chức đại hội công đoàn cơ sở"),
    })
    assert names.scan(["Ai ký hướng dẫn chấm điểm thi đua?"], about_part=True)[0] == {"hd"}
    assert names.scan(["Điều 5 hướng dẫn chấm điểm thi đua thế nào?"])[0] == set()


def test_one_of_several_agreements_by_its_own_words_is_named_by_name():
    def agreement(company: str) -> DocMeta:
        return DocMeta(doc_type="THỎA ƯỚC LAO ĐỘNG TẬP THỂ", title=company, issuer=company.upper(),
                       name=f"Thỏa ước lao động tập thể {company}")

    names = DocumentNames.of({"giay": agreement("Công ty TNHH Giày Phước Long"), "may": agreement("Công ty TNHH May Hòa Bình")})
    assert names.scan(["thỏa ước Phước Long cho nghỉ cưới mấy ngày?"]) == ({"giay"}, False, {}, True)


@pytest.mark.parametrize(
    ("question", "levels"),
    [("Kế hoạch 12 điểm 5 trở đi nói gì?", (("Khoản", "5"),)), ("Kế hoạch 48 điểm 3 khoản nào?", (("Khoản", "3"),))],
)
def test_an_item_with_words_after_it_is_still_an_item(question, levels):
    assert parse(question) == (Reference(levels),)


def test_the_only_document_of_a_kind_is_named_by_its_kind_when_asked_who_signed_it():
    names = DocumentNames.of({
        "kh": DocMeta(doc_type="KẾ HOẠCH", number="07/KH-CĐCS", title="Tổ chức Đại hội Công đoàn cơ sở lần thứ III"),
        "cv1": DocMeta(doc_type="CÔNG VĂN", number="12/LĐLĐ", title="Tết sum vầy"),
        "cv2": DocMeta(doc_type="CÔNG VĂN", number="15/LĐLĐ", title="Tháng Công nhân"),
        "law": DocMeta(doc_type="LUẬT", title="Công đoàn", name="Luật Công đoàn"),
    })
    assert names.scan(["Ai ký kế hoạch?"], about_part=True)[0] == {"kh"}
    assert names.scan(["ai ky ke hoach"], about_part=True)[0] == {"kh"}
    # Not a question about its content, not one kind of several, not a law by its kind.
    assert names.scan(["Kế hoạch tổ chức đại hội vào tháng mấy?"])[0] == set()
    assert names.scan(["Ai ký công văn?"], about_part=True)[0] == set()
    assert names.scan(["Ai ký luật?"], about_part=True)[0] == set()
    # The kind going on with a title that is not its own names another text of that kind.
    assert names.scan(["Ai ký kế hoạch tổ chức đại hội?"], about_part=True)[0] == {"kh"}
    assert names.scan(["Ai ký kế hoạch số 07 năm 2031?"], about_part=True)[0] == {"kh"}
    assert names.scan(["Ai ký kế hoạch kiểm tra tài chính?"], about_part=True)[0] == set()


def test_the_only_regulation_is_named_in_english_by_rules_when_asked_who_signed_it():
    def of(*kinds: str) -> DocumentNames:
        return DocumentNames.of({f"d{i}": DocMeta(doc_type=k, number=f"0{i}/QC", title="Bầu cử tại Đại hội") for i, k in enumerate(kinds)})

    names = of("QUY CHẾ", "KẾ HOẠCH", "BIÊN BẢN")
    assert names.scan(["Who signed the election rules of the congress?"], about_part=True)[0] == {"d0"}
    assert names.scan(["Who signed the regulation?"], about_part=True)[0] == {"d0"}
    # Not about its content; not one of two sets of rules (a Quy chế and a Quy định).
    assert names.scan(["What do the rules say about secret ballots?"])[0] == set()
    assert of("QUY CHẾ", "QUY ĐỊNH").scan(["Who signed the rules?"], about_part=True)[0] == set()
    # "Regulation" is also a decree's English name: with one loaded, only "rules" names the Quy chế.
    with_decree = of("QUY CHẾ", "NGHỊ ĐỊNH")
    assert with_decree.scan(["Who signed the regulation on minimum wages?"], about_part=True)[0] != {"d0"}
    assert with_decree.scan(["Who signed the election rules?"], about_part=True)[0] == {"d0"}


# A company's internal rules, the index's only ones, beside a decree with articles of its own.
RULES = DocumentNames.of(
    {
        "rules": DocMeta(
            doc_type="NỘI QUY LAO ĐỘNG",
            title="Công ty TNHH Giày da Hòa Thắng",
            name="Nội quy lao động Công ty TNHH Giày da Hòa Thắng",
        ),
        "decree": DECREE,
    }
)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Điều 7 nội quy lao động quy định gì?", {"rules"}),
        ("dieu 7 noi quy quy dinh gi", {"rules"}),
        ("Điều 7 Nghị định 145 quy định gì?", {"decree"}),
        ("Khoản 2 Điều 7 của nội quy quy định gì?", {"rules"}),
        ("Nội quy, Điều 7 nói gì về nghỉ phép?", {"rules"}),
        # Alone, "nội quy lao động" is what a text speaks of, not a name; nor beside a place
        # that is another document's (the Labour Code's articles on internal rules).
        ("Công ty phải đăng ký nội quy lao động ở đâu?", set()),
        ("Theo Điều 118, nội quy lao động phải có những nội dung gì?", set()),
        ("Điều 119 quy định đăng ký nội quy lao động ở đâu?", set()),
    ],
)
def test_the_only_internal_rules_are_named_by_their_kind_beside_a_place(question, named):
    assert RULES.scan([question])[0] == named


def test_a_law_is_named_by_its_name_cut_at_the_comma():
    from index.references import DocumentNames
    from ingest.document import DocMeta

    law = DocMeta(doc_type="LUẬT", title="An toàn, vệ sinh lao động", number="84/2015/QH13")
    names = DocumentNames.of({"atvsld.docx": law})
    for question in ("Điều 9 luật an toàn quy định gì", "Theo luật an toàn thì công nhân được từ chối làm không"):
        found, other, _editions, by_name = names.scan([question])
        assert found == {"atvsld.docx"} and by_name and not other, question
    # Going on as the title does and then not: another law.
    assert names.scan(["luật an toàn vệ sinh thực phẩm quy định gì"])[0] == set()


def test_a_joint_resolution_is_named_by_its_kind_with_or_without_joint():
    from index.references import DocumentNames
    from ingest.document import DocMeta

    joint = DocMeta(doc_type="NGHỊ QUYẾT LIÊN TỊCH", title="Về phối hợp", number="02/NQLT-LMHTX-LĐLĐ")
    names = DocumentNames.of({"nqlt.md": joint})
    for question in ("Điều 11 nghị quyết liên tịch 02 nói gì", "Nghị quyết 02 giao Liên minh việc gì"):
        assert names.scan([question])[0] == {"nqlt.md"}, question


def test_the_only_law_is_named_by_its_kind_beside_a_place_and_by_its_name_cut_at_va():
    from index.references import DocumentNames
    from ingest.document import DocMeta

    law = DocMeta(doc_type="LUẬT", title="Kỷ luật lao động và Trách nhiệm vật chất", number="48/2031/QH16")
    rules = DocMeta(doc_type="NỘI QUY LAO ĐỘNG", title="Công ty TNHH Minh Quang", name="Nội quy lao động Công ty TNHH Minh Quang")
    names = DocumentNames.of({"law.docx": law, "rules.md": rules})
    for question in (
        "Khoản 2 Điều 7 luật quy định gì?",
        "dieu 7 luat quy dinh gi",
        "Điều 7 của luật kỷ luật lao động quy định gì?",
    ):
        found, other, _editions, _by_name = names.scan([question])
        assert found == {"law.docx"} and not other, question
    # "kỷ luật lao động" in the text, no place beside it: no law named.
    assert names.scan(["Thời hiệu xử lý kỷ luật lao động là bao lâu?"])[0] == set()
    # Two laws: "của luật" names neither.
    two = DocumentNames.of({"law.docx": law, "other.docx": DocMeta(doc_type="LUẬT", title="Công đoàn", number="50/2024/QH15")})
    assert two.scan(["Khoản 2 Điều 7 luật quy định gì?"])[0] == set()


def test_the_only_decree_is_named_by_its_kind_beside_a_place():
    from index.references import DocumentNames
    from ingest.document import DocMeta

    code = DocMeta(doc_type="BỘ LUẬT", title="Lao động", number="52/2031/QH16", name="Bộ luật Lao động 52/2031/QH16")
    decree = DocMeta(doc_type="NGHỊ ĐỊNH", title="Quy định chi tiết Bộ luật Lao động", number="87/2031/NĐ-CP")
    rules = DocMeta(doc_type="NỘI QUY LAO ĐỘNG", title="Công ty An Lạc", name="Nội quy lao động Công ty An Lạc")
    names = DocumentNames.of({"code.docx": code, "nd.docx": decree, "nq.txt": rules})
    for question in ("Theo Điều 12 nghị định công ty phải làm gì", "dieu 12 nghi dinh quy dinh gi"):
        found, other, _editions, _by_name = names.scan([question])
        assert found == {"nd.docx"} and not other, question
    # Another decree by its number; the kind alone with no place, or "nghị định này": none.
    assert names.scan(["Điều 12 Nghị định 145/2020/NĐ-CP quy định gì"])[:2] == (set(), True)
    assert names.scan(["Nghị định quy định về tiền lương thế nào"])[0] == set()
    assert names.scan(["Điều 5 của nghị định này nói gì"])[0] == set()
    # Two decrees: the kind names neither.
    two = DocumentNames.of({"nd.docx": decree, "nd2.docx": DocMeta(doc_type="NGHỊ ĐỊNH", title="Về tiền lương", number="90/2031/NĐ-CP")})
    assert two.scan(["Điều 12 nghị định quy định gì"])[0] == set()


def test_a_question_going_on_after_the_law_with_its_comma_stripped_names_no_other_law():
    from index.references import DocumentNames
    from ingest.document import DocMeta

    code = DocMeta(doc_type="BỘ LUẬT", title="Lao động", number="52/2031/QH16", name="Bộ luật Lao động 52/2031/QH16")
    names = DocumentNames.of({"code.docx": code})
    # As searched: "Theo Điều 98 bộ luật, làm thêm giờ …" without its comma.
    for question in ("Theo Điều 98 bộ luật làm thêm giờ được trả bao nhiêu", "Điều 98 luật đi làm ngày chủ nhật được tính thế nào"):
        found, other, _editions, _by_name = names.scan([question])
        assert found == {"code.docx"} and not other, question
    assert names.scan(["Điều 5 luật đất đai quy định gì"])[:2] == (set(), True)


def test_an_excerpt_is_named_as_the_text_it_is_taken_from():
    from index.references import document_keys
    from ingest.document import DocMeta

    excerpt = DocMeta(doc_type="BỘ LUẬT", title="Lao động (Trích Chương XIV – Giải quyết tranh chấp lao động)")
    keys = document_keys(excerpt)
    assert {"bo luat lao dong", "luat lao dong"} <= keys
    # A note that is no excerpt's ("(khóa XIII)", "(đợt 1)") is part of the name.
    assert "huong dan thi hanh dieu le cong doan viet nam" not in document_keys(
        DocMeta(doc_type="HƯỚNG DẪN", title="Thi hành Điều lệ Công đoàn Việt Nam (khóa XIII)")
    )


# A memorandum and a contract, the index's only ones, beside a decision with articles of its own.
PARTNERS = DocumentNames.of(
    {
        "memo": DocMeta(doc_type="BẢN GHI NHỚ", title="Về hợp tác ưu đãi cho đoàn viên", number="05/BGN-LĐLĐ"),
        "contract": DocMeta(doc_type="HỢP ĐỒNG", title="Cung cấp suất ăn công nghiệp", number="58/2031/HĐDV"),
        "decision": DocMeta(doc_type="QUYẾT ĐỊNH", title="Phê duyệt danh sách doanh nghiệp đối tác", number="215/QĐ-LĐLĐ"),
    }
)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Theo Điều 4 bản ghi nhớ, đoàn viên xuất trình thẻ gì?", {"memo"}),
        ("khoan 3 dieu 7 hop dong quy dinh phat bao nhieu", {"contract"}),
        # Alone, "hợp đồng lao động" is anyone's contract.
        ("Hợp đồng lao động thử việc kéo dài bao lâu?", set()),
    ],
)
def test_the_only_memorandum_or_contract_is_named_by_its_kind_beside_a_place(question, named):
    assert PARTNERS.scan([question])[0] == named


def test_beside_a_law_hop_dong_by_an_article_is_the_laws():
    with_code = DocumentNames.of(
        {
            "contract": DocMeta(doc_type="HỢP ĐỒNG", title="Cung cấp suất ăn công nghiệp", number="58/2031/HĐDV"),
            "code": DocMeta(doc_type="BỘ LUẬT", title="Lao động", number="45/2019/QH14"),
        }
    )
    assert "contract" not in with_code.scan(["Theo Điều 20 hợp đồng lao động có mấy loại?"])[0]


def test_a_year_its_title_names_is_the_documents_own():
    # A plan for 2027 drawn up in November 2026: "kế hoạch … năm 2027" names it, not another
    # edition (blind 135's "Ai ký kế hoạch huấn luyện an toàn năm 2027?" was told the index held
    # no 2027 edition).
    plan = DocMeta(
        doc_type="KẾ HOẠCH", number="214/KH-BH", title="Huấn luyện an toàn, vệ sinh lao động năm 2027", date="2026-11-25",
        name="Kế hoạch 214/KH-BH",
    )
    names = DocumentNames.of({"plan": plan})
    assert names.scan(["Ai ký kế hoạch huấn luyện an toàn năm 2027?"], about_part=True)[:2] == ({"plan"}, False)
    assert names.scan(["Ai ký kế hoạch huấn luyện an toàn năm 2026?"], about_part=True)[:2] == ({"plan"}, False)
    assert names.scan(["Ai ký kế hoạch huấn luyện an toàn năm 2025?"], about_part=True)[:3] == (set(), True, {"plan": 2025})


def test_a_title_year_does_not_make_another_numbered_decree_the_loaded_one_and_spans_count():
    decree = DocMeta(
        doc_type="NGHỊ ĐỊNH", number="12/2025/NĐ-CP", title="Quy định chi tiết một số điều của Luật Công đoàn năm 2024",
        date="2025-02-10", name="Nghị định 12/2025/NĐ-CP",
    )
    names = DocumentNames.of({"decree": decree})
    # Decrees are numbered anew each year: 12/2024 is another decree, whatever this one's title says.
    assert names.scan(["Điều 3 Nghị định 12/2024/NĐ-CP quy định gì?"])[:2] == (set(), True)
    plan = DocMeta(
        doc_type="KẾ HOẠCH", number="05/KH-LĐLĐ", title="Thực hiện Chương trình phát triển đoàn viên giai đoạn 2026 - 2030",
        date="2025-12-20", name="Kế hoạch 05/KH-LĐLĐ",
    )
    names = DocumentNames.of({"plan": plan})
    assert names.scan(["Ai ký kế hoạch thực hiện chương trình phát triển đoàn viên năm 2028?"], about_part=True)[:2] == ({"plan"}, False)
