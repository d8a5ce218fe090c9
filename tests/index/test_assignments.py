"""The responsibility map's text analysis, on a plan written for these tests (not from the
corpus or the gold table): tests/data/ke-hoach-thang-cong-nhan.txt."""

from dataclasses import replace
from pathlib import Path

import pytest

from index.assignments import (
    Assignment,
    canonical_unit,
    extract_assignments,
    extract_chunk,
    issuer_owner,
    parse_deadlines,
    split_units,
)
from ingest.chunking import chunk_document
from ingest.document import Chunk, DocMeta, Document
from ingest.pipeline import read_document

PLAN = Path(__file__).resolve().parents[1] / "data" / "ke-hoach-thang-cong-nhan.txt"


@pytest.fixture(scope="module")
def records() -> list[Assignment]:
    doc = read_document(PLAN)
    return extract_assignments(doc, chunk_document(doc))


def table(records):
    return {(r.section.split(" › ")[-1], r.unit, r.role): r.deadline for r in records}


def test_lead_partners_and_report_of_one_clause(records):
    got = table(records)
    # The issuer's own units carry its place, which its header names ("LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM
    # BÌNH" / "BAN THƯỜNG VỤ"; the preamble says only "… Liên đoàn Lao động tỉnh").
    assert got[("1.", "Ban Tuyên giáo LĐLĐ tỉnh Nam Bình", "chủ trì")] is None
    assert ("1.", "Ban Nữ công LĐLĐ tỉnh Nam Bình", "phối hợp") in got
    assert ("1.", "Văn phòng LĐLĐ tỉnh Nam Bình", "phối hợp") in got
    # The date belongs to the report, not to writing the propaganda content.
    assert got[("1.", "Ban Tuyên giáo LĐLĐ tỉnh Nam Bình", "báo cáo")] == "trước ngày 15/6/2026"
    # The report's addressee is not given work.
    assert not any("Thường trực" in unit for _, unit, _ in got)


def test_several_units_share_a_task_and_a_periodic_report(records):
    got = table(records)
    for unit in ("CĐCS", "CĐ ngành tỉnh"):
        assert got[("2.", unit, "thực hiện")] is None
        assert got[("2.", unit, "báo cáo")] == "định kỳ 6 tháng"
    # "(qua Ban Tổ chức)" is the channel of the report, not an assignee.
    assert not any(unit.startswith("Ban Tổ chức") for _, unit, _ in got)


def test_giao_names_the_assignee_and_quarter_deadline(records):
    got = table(records)
    assert got[("3.", "UBKT LĐLĐ tỉnh Nam Bình", "tham mưu")] == "quý IV"
    assert got[("4.", "LĐLĐ huyện/thị xã/thành phố", "thực hiện")] is None


def test_only_the_implementation_section_gives_work(records):
    assert records and all("TỔ CHỨC THỰC HIỆN" in r.section for r in records)
    first = records[0]
    assert first.citation == "Kế hoạch 07-KH/LĐLĐ › II. TỔ CHỨC THỰC HIỆN › 1."
    assert first.chunk_id.startswith(first.doc_id + "#") and first.doc == "Kế hoạch 07-KH/LĐLĐ"
    assert set(first.to_dict()) >= {"unit", "role", "task", "deadline", "doc", "citation", "chunk_id"}


def test_unit_under_a_heading_line():
    doc = Document(
        doc_id="x.txt", source="x.txt", text="", content_hash="", format="txt",
        meta=DocMeta(doc_type="KẾ HOẠCH", number="3-KH/CĐN", issuer="Ban Thường vụ Công đoàn ngành Y tế"),
    )
    chunk = Chunk(
        chunk_id="x.txt#5", doc_id="x.txt", order=5, kind="clause",
        path=("III. TỔ CHỨC THỰC HIỆN", "2.", "2.1."),
        context=("III. TỔ CHỨC THỰC HIỆN", "2. Công đoàn cơ sở trực thuộc:"),
        text="2.1. Phối hợp với chuyên môn đồng cấp tổ chức hội nghị người lao động hằng năm.",
    )
    (record,) = extract_chunk(chunk, doc)
    assert (record.unit, record.role, record.deadline) == ("CĐCS trực thuộc", "phối hợp", "hằng năm")


# A district Party committee's plan, for clauses written inline.
_DISTRICT_PLAN = Document(
    doc_id="x.txt", source="x.txt", text="", content_hash="", format="txt",
    meta=DocMeta(doc_type="KẾ HOẠCH", number="9-KH/HU", issuer="Huyện ủy An Lạc"),
)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("2. Ban Tổ chức Huyện ủy là cơ quan thường trực, giúp Ban Thường vụ theo dõi việc thực hiện.", "Ban Tổ chức Huyện ủy"),
        ("5. Ủy ban Kiểm tra Huyện ủy đưa nội dung này vào chương trình kiểm tra hằng năm.", "UBKT Huyện ủy"),
        ("6. Ủy ban Mặt trận Tổ quốc huyện vận động chủ doanh nghiệp tạo điều kiện về thời gian.", "Ủy ban MTTQ huyện"),
        # The youth union's and a union's groups are units too.
        ("7. Huyện đoàn chỉ đạo thành lập chi đoàn trong doanh nghiệp có từ 15 đoàn viên.", "Huyện đoàn"),
        ("8. Các tổ công đoàn tổ chức phổ biến Kế hoạch đến đoàn viên.", "Tổ CĐ"),
    ],
)
def test_a_unit_ends_where_its_predicate_begins(text, unit):
    doc = _DISTRICT_PLAN
    chunk = Chunk(
        chunk_id="x.txt#5", doc_id="x.txt", order=5, kind="clause", path=("III. TỔ CHỨC THỰC HIỆN", text[:2]),
        context=("III. TỔ CHỨC THỰC HIỆN",), text=text,
    )
    assert [r.unit for r in extract_chunk(chunk, doc)][:1] == [unit]


def test_a_timeline_table_kept_whole_gives_each_row_its_unit_and_deadline():
    doc = Document(
        doc_id="x.md", source="x.md", text="", content_hash="", format="md",
        meta=DocMeta(doc_type="HƯỚNG DẪN", number="15/HD-LĐLĐ", issuer="LIÊN ĐOÀN LAO ĐỘNG HUYỆN AN LẠC"),
    )
    chunk = Chunk(
        chunk_id="x.md#9", doc_id="x.md", order=9, kind="clause", path=("IV. TIẾN ĐỘ",), context=(),
        text=(
            "IV. TIẾN ĐỘ\nThời gian | Nội dung | Đơn vị thực hiện\n"
            "Trước ngày 10/4/2031 | Đăng ký đội bóng đá | Công đoàn cơ sở\n"
            "Trước ngày 10/6/2031 | Tổng hợp, báo cáo LĐLĐ tỉnh | Văn phòng LĐLĐ huyện"
        ),
    )
    rows = [(r.unit, r.task, r.deadline) for r in extract_chunk(chunk, doc)]
    assert rows == [
        ("CĐCS", "Đăng ký đội bóng đá", "Trước ngày 10/4/2031"),
        # (The district's own office: a paper of LĐLĐ huyện An Lạc means its own district.)
        ("Văn phòng LĐLĐ huyện An Lạc", "Tổng hợp, báo cáo LĐLĐ tỉnh", "Trước ngày 10/6/2031"),
    ]


def test_a_unit_of_the_issuers_own_province_is_one_unit_however_the_papers_write_it():
    meta = DocMeta(doc_type="KẾ HOẠCH", number="15/KH-LĐLĐ", issuer="LIÊN ĐOÀN LAO ĐỘNG TỈNH HẢI LĂNG")
    doc = Document(doc_id="kh.txt", source="kh.txt", text="", content_hash="", format="txt", meta=meta)
    place = ("III. TỔ CHỨC THỰC HIỆN", "3.")
    plan = Chunk("kh.txt#3", "kh.txt", 3, "clause", place, (
        "3. Ban Chính sách - Pháp luật LĐLĐ tỉnh: Hướng dẫn công đoàn cơ sở thương lượng, ký kết thỏa ước; "
        "tổ chức tập huấn kỹ năng đối thoại cho 300 cán bộ công đoàn cơ sở trong tháng 5/2031."
    ), context=(place[0],))
    report = Chunk("kh.txt#4", "kh.txt", 4, "clause", (place[0], "4."),
                   "4. Ban Chính sách - Pháp luật chủ trì hướng dẫn thương lượng tập thể ngành dệt may.", context=(place[0],))
    records = extract_chunk(plan, doc) + extract_chunk(report, doc)
    assert {r.unit for r in records} == {"Ban Chính sách - Pháp luật LĐLĐ tỉnh Hải Lăng"}
    # The task reads as the text does: its semicolon, not ";,".
    assert "thỏa ước; tổ chức tập huấn" in records[0].task
    # Another province's units keep their own name.
    other = replace(meta, issuer="LIÊN ĐOÀN LAO ĐỘNG HUYỆN AN LẠC")
    assert extract_chunk(plan, replace(doc, meta=other))[0].unit == "Ban Chính sách - Pháp luật LĐLĐ tỉnh"


def test_body_clauses_count_only_when_they_hand_work_out():
    doc = Document(doc_id="y.txt", source="y.txt", text="", content_hash="", format="txt",
                   meta=DocMeta(issuer="Tổng Liên đoàn Lao động Việt Nam"))
    body = ("II. NHIỆM VỤ", "3.")
    vague = Chunk("y.txt#3", "y.txt", 3, "clause", body, "3. Các cấp công đoàn tăng cường phối hợp với chính quyền.")
    explicit = Chunk("y.txt#4", "y.txt", 4, "clause", body, "3. Giao Ban Nữ công chủ trì tổng kết phong trào vào năm 2027.")
    assert extract_chunk(vague, doc) == []
    (record,) = extract_chunk(explicit, doc)
    assert (record.unit, record.role, record.deadline) == ("Ban Nữ công TLĐ", "chủ trì", "năm 2027")


@pytest.mark.parametrize(
    ("phrase", "owner", "expected"),
    [
        ("Các liên đoàn lao động tỉnh, thành phố", "TLĐ", "LĐLĐ tỉnh/thành phố"),
        ("công đoàn ngành trung ương", "TLĐ", "CĐ ngành TW"),
        ("Ban Tổ chức", "TLĐ", "Ban Tổ chức TLĐ"),
        ("Ban Tổ chức Tỉnh ủy", "TLĐ", "Ban Tổ chức Tỉnh ủy"),
        ("các Ban của Tổng Liên đoàn", "TLĐ", "Các ban TLĐ"),
        ("các ban liên quan", "Tỉnh ủy", "Các ban Tỉnh ủy"),
        ("Văn phòng Ủy ban kiểm tra", "TLĐ", "Văn phòng UBKT TLĐ"),
        ("các công đoàn cơ sở", None, "CĐCS"),
        ("Ban cán sự đảng", "Tỉnh ủy", "Ban cán sự đảng"),
        ("các cơ quan liên quan", "TLĐ", None),
        ("đơn vị trực thuộc", "TLĐ", None),
        ("tình hình thực tiễn", "TLĐ", None),
    ],
)
def test_canonical_unit(phrase, owner, expected):
    assert canonical_unit(phrase, owner) == expected


def test_split_units_distributes_the_last_owner():
    assert split_units("Ban Chấp hành và Đoàn Chủ tịch Tổng Liên đoàn", None) == ["BCH TLĐ", "ĐCT TLĐ"]
    assert split_units("Công đoàn ngành Trung ương và tương đương, Công đoàn Tổng Cty", "TLĐ") == [
        "CĐ ngành TW",
        "CĐ TCTy",
    ]


def test_issuer_owner():
    assert issuer_owner("Đảng đoàn Tổng Liên đoàn") == "TLĐ"
    assert issuer_owner("Ban Thường vụ Tỉnh ủy") == "Tỉnh ủy"
    assert issuer_owner("Ban Chấp hành Liên đoàn Lao động tỉnh") == "LĐLĐ tỉnh"
    assert issuer_owner(None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hàng năm báo cáo kết quả trước ngày 20/10.", ["hằng năm", "trước ngày 20/10"]),
        ("gửi báo cáo chậm nhất ngày 5 tháng 1 năm 2027", ["trước ngày 5/1/2027"]),
        ("định kỳ 3 tháng tổng hợp", ["định kỳ 3 tháng"]),
        ("hoàn thành trong quý III năm 2026", ["quý III năm 2026"]),
        ("hằng quý sơ kết; cuối năm 2026 tổng kết", ["hằng quý", "năm 2026"]),
        ("theo Kết luận số 79-KL/TW ngày 25/12/2013 của Bộ Chính trị", []),
        ("giai đoạn 2013 - 2018", []),
    ],
)
def test_parse_deadlines(text, expected):
    assert parse_deadlines(text) == expected


def _impl_chunk(text: str) -> Chunk:
    return Chunk("z.txt#9", "z.txt", 9, "clause", ("IV. TỔ CHỨC THỰC HIỆN", "2."), text, ("IV. TỔ CHỨC THỰC HIỆN",))


_PROVINCE = Document(doc_id="z.txt", source="z.txt", text="", content_hash="", format="txt",
                     meta=DocMeta(issuer="Ban Thường vụ Tỉnh ủy"))


def test_unit_list_cut_by_semicolons_is_one_subject():
    chunk = _impl_chunk(
        "2. Các sở, ban, ngành; Ban Thường vụ Hội Nông dân tỉnh; các thị ủy xây dựng kế hoạch thực hiện; "
        "chủ động phối hợp với Ban Dân vận Tỉnh ủy; các đảng ủy khối trong công tác tuyên truyền."
    )
    got = {(r.unit, r.role) for r in extract_chunk(chunk, _PROVINCE)}
    assert got == {
        ("BTV Hội Nông dân tỉnh", "thực hiện"), ("Thị ủy", "thực hiện"),
        ("BTV Hội Nông dân tỉnh", "phối hợp"), ("Thị ủy", "phối hợp"),
    }


def test_review_then_report_is_one_report_with_its_frequency():
    chunk = _impl_chunk(
        "2. Các huyện ủy triển khai kế hoạch tại địa phương; định kỳ hằng quý sơ kết, báo cáo Ban Thường vụ Tỉnh ủy."
    )
    got = {(r.unit, r.role): r.deadline for r in extract_chunk(chunk, _PROVINCE)}
    assert got == {("Huyện ủy", "thực hiện"): None, ("Huyện ủy", "báo cáo"): "định kỳ; hằng quý"}


def test_implementation_headings_and_names_with_va():
    from index.assignments import is_implementation_heading

    assert is_implementation_heading("V. TỔ CHỨC THỰC HIỆN")
    assert is_implementation_heading("3. Tổ chức thực hiện kế hoạch")
    assert not is_implementation_heading("Mục 2. TỔ CHỨC THỰC HIỆN BẢO HIỂM XÃ HỘI")
    assert not is_implementation_heading("Chương II QUYỀN, TRÁCH NHIỆM VÀ TỔ CHỨC THỰC HIỆN")
    assert split_units("Bộ Giáo dục và Đào tạo", None) == ["Bộ Giáo dục và Đào tạo"]
    assert split_units("Văn phòng và các ban, đơn vị và các cơ quan liên quan", "TLĐ") == ["Văn phòng TLĐ", "Các ban TLĐ"]


_FEDERATION = Document(doc_id="w.txt", source="w.txt", text="", content_hash="", format="txt",
                       meta=DocMeta(issuer="Ban Chấp hành Liên đoàn Lao động tỉnh"))


def test_units_a_clause_directs_to_act_get_the_work():
    # A heading names the director; "Chỉ đạo X, Y <verb> …" hands the work to X and Y, and the
    # next sentence without a subject continues theirs (a "chương trình" is no verb "trình").
    chunk = Chunk(
        "w.txt#7", "w.txt", 7, "clause", ("IV. TỔ CHỨC THỰC HIỆN", "1."),
        "Chỉ đạo Văn phòng, các Ban Liên đoàn Lao động tỉnh căn cứ chương trình, nhiệm vụ được giao tham mưu "
        "tổ chức hội thi an toàn vệ sinh lao động; tổng hợp, báo cáo kết quả trước ngày 20/11.",
        ("IV. TỔ CHỨC THỰC HIỆN", "1. Liên đoàn Lao động tỉnh"),
    )
    got = {(r.unit, r.role): r.deadline for r in extract_chunk(chunk, _FEDERATION)}
    assert got == {
        ("LĐLĐ tỉnh", "thực hiện"): None,
        ("Văn phòng LĐLĐ tỉnh", "tham mưu"): None,
        ("Các ban LĐLĐ tỉnh", "tham mưu"): None,
        ("Văn phòng LĐLĐ tỉnh", "báo cáo"): "trước ngày 20/11",
        ("Các ban LĐLĐ tỉnh", "báo cáo"): "trước ngày 20/11",
    }


def test_a_named_director_and_the_unit_it_directs():
    chunk = _impl_chunk("2. Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo Sở Nội vụ phối hợp rà soát biên chế.")
    got = {(r.unit, r.role) for r in extract_chunk(chunk, _PROVINCE)}
    assert got == {("Ban cán sự đảng UBND tỉnh", "thực hiện"), ("Sở Nội vụ", "phối hợp")}
    # "chỉ đạo" followed by an action, not by units, directs no one.
    plain = _impl_chunk("2. Đảng đoàn Hội đồng nhân dân tỉnh chỉ đạo rà soát cơ chế, chính sách.")
    assert {(r.unit, r.role) for r in extract_chunk(plain, _PROVINCE)} == {("Đảng đoàn HĐND tỉnh", "thực hiện")}


def test_a_lead_whose_task_is_the_report_takes_the_reports_deadline():
    chunk = _impl_chunk("2. Giao Ban Dân vận chủ trì, phối hợp với Ban Tổ chức tổng hợp và báo cáo kết quả hằng quý.")
    got = {(r.unit, r.role): r.deadline for r in extract_chunk(chunk, _PROVINCE)}
    assert got[("Ban Dân vận Tỉnh ủy", "chủ trì")] == "hằng quý"
    assert got[("Ban Tổ chức Tỉnh ủy", "phối hợp")] == "hằng quý"
    assert got[("Ban Dân vận Tỉnh ủy", "báo cáo")] == "hằng quý"


def test_a_task_tables_rows_give_each_unit_its_role_task_and_deadline():
    from tests.ingest.test_unfamiliar_documents import _programme_with_a_task_table

    document = read_document("ctr-11.docx", data=_programme_with_a_task_table("STT"))
    records = extract_assignments(document, chunk_document(document))
    row4 = [r for r in records if r.citation.endswith("› STT 4")]
    (lead,) = [r for r in row4 if r.role == "chủ trì"]
    assert lead.unit.startswith("Ban Chính sách") and lead.deadline == "Quý III"
    assert lead.task.startswith("Tập huấn nghiệp vụ cho chủ tịch")
    # The partner column: "Trung tâm Chính trị" is a unit joining the task.
    row1 = [r for r in records if r.citation.endswith("› STT 1")]
    assert {(r.unit.split(" LĐLĐ")[0], r.role) for r in row1} == {("Ban Tuyên giáo", "chủ trì"), ("Văn phòng", "phối hợp")}
    assert all(r.deadline == "Tháng 3/2027" for r in row1)


def test_a_task_rows_empty_last_cells_and_a_when_column_named_thuc_hien():
    rows = ["STT | Nội dung công việc | Đơn vị chủ trì | Thời gian thực hiện | Ghi chú"]
    rows += [f"{n} | Tổ chức hoạt động số {n} cho đoàn viên các công đoàn cơ sở trực thuộc huyện Đông Sơn, báo cáo kết quả về Văn phòng | Ban Tuyên giáo | Quý {n}"
             + (" | Trọng tâm" if n == 2 else "") for n in range(1, 7)]
    text = "KẾ HOẠCH\nTháng Công nhân năm 2031\nI. NHIỆM VỤ\n" + "\n".join(rows) + "\n"
    document = read_document("kh.txt", data=text.encode("utf-8"))
    records = extract_assignments(document, chunk_document(document))
    by_row = {r.citation.rsplit("› ", 1)[-1]: r for r in records}
    assert sorted(by_row) == [f"STT {n}" for n in range(1, 7)]  # rows without a note too
    assert by_row["STT 4"].role == "chủ trì" and by_row["STT 4"].deadline == "Quý 4"


@pytest.mark.parametrize(
    ("issuer", "owner"),
    [
        ("BAN TỔ CHỨC TỈNH ỦY NAM BÌNH", "Tỉnh ủy Nam Bình"),
        ("VĂN PHÒNG LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM BÌNH", "LĐLĐ tỉnh Nam Bình"),
        # A header in capitals is written as in a sentence; the place's kind is not part of its name.
        ("ĐẢNG ỦY PHƯỜNG AN LẠC", "Đảng ủy phường An Lạc"),
        ("LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HẢI CẢNG", "LĐLĐ thành phố Hải Cảng"),
        ("Liên đoàn Lao động huyện Tân Lộc", "LĐLĐ huyện Tân Lộc"),
    ],
)
def test_a_units_issuer_owns_by_its_organisation(issuer, owner):
    assert issuer_owner(issuer) == owner
    assert split_units("Ban Tổ chức", issuer_owner(issuer)) == [f"Ban Tổ chức {owner}"]


def test_a_bracketed_list_after_a_unit_names_no_units_and_tu_van_is_not_tw():
    phrase = "Công đoàn cấp trên cơ sở (công đoàn các xã, phường, công đoàn ngành)"
    assert split_units(phrase, "LĐLĐ tỉnh Nam Bình") == ["CĐ cấp trên cơ sở"]
    assert split_units("Văn phòng tư vấn pháp luật Công đoàn tỉnh", None) == ["Văn phòng tư vấn pháp luật CĐ tỉnh"]
    assert split_units("Ban Kinh tế TƯ", None) == ["Ban Kinh tế TW"]


def test_what_a_unit_is_is_not_its_name_nor_its_role():
    doc = _DISTRICT_PLAN
    text = "3. Hội Cựu chiến binh huyện là thành viên Ban Chỉ đạo, phối hợp tuyên truyền Kế hoạch."
    chunk = Chunk(chunk_id="x.txt#3", doc_id="x.txt", order=3, kind="clause", path=("III. TỔ CHỨC THỰC HIỆN", "3."),
                  context=("III. TỔ CHỨC THỰC HIỆN",), text=text)
    assert [(r.unit, r.role) for r in extract_chunk(chunk, doc)][:1] == [("Hội Cựu chiến binh huyện", "phối hợp")]
    # A body named after its work keeps its name ("phổ biến" is no verb of it).
    text = "9. Ban Chỉ đạo phổ biến, giáo dục pháp luật huyện chủ trì tổ chức hội thi."
    (record, *_) = extract_chunk(replace(chunk, text=text), doc)
    assert record.unit.startswith("Ban Chỉ đạo phổ biến") and record.role == "chủ trì"


def _records(text: str, name: str = "x.txt"):
    doc = read_document(name, data=text.encode("utf-8"))
    return {(r.section, r.unit, r.role): r.deadline for r in extract_assignments(doc, chunk_document(doc))}


def test_a_directive_charges_the_units_its_items_name_outside_an_implementation_section():
    text = (
        "HUYỆN ỦY AN LẠC | ĐẢNG CỘNG SẢN VIỆT NAM\nSố 09-CT/HU | An Lạc, ngày 10 tháng 4 năm 2031\nCHỈ THỊ\n"
        "Về công tác công đoàn trong doanh nghiệp\n"
        "1. Ban Tuyên giáo Huyện ủy biên soạn tài liệu tuyên truyền, hoàn thành trước ngày 30/6/2031.\n"
        "2. Ủy ban Kiểm tra Huyện ủy đưa nội dung này vào chương trình kiểm tra mỗi năm một lần.\n"
        "3. Công đoàn các xã đã kết nạp 200 đoàn viên trong năm 2030.\n"
        "4. Đề nghị Ủy ban Mặt trận Tổ quốc huyện phối hợp tuyên truyền.\n"
    )
    records = _records(text)
    assert records[("1.", "Ban Tuyên giáo Huyện ủy", "thực hiện")] == "trước ngày 30/6/2031"
    assert records[("2.", "UBKT Huyện ủy", "thực hiện")] == "mỗi năm một lần"
    assert not any(section == "3." for section, _unit, _role in records)  # a result, not a duty
    assert ("4.", "Ủy ban MTTQ huyện", "phối hợp") in records


def test_a_report_tells_what_was_done_and_charges_no_one():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG HUYỆN AN LẠC\nSố: 12/BC-LĐLĐ | An Lạc, ngày 10 tháng 12 năm 2031\nBÁO CÁO\n"
        "Kết quả công tác năm 2031\nI. KẾT QUẢ\n1. Ban Tổ chức tổ chức 05 lớp tập huấn cho 300 cán bộ.\n"
    )
    assert _records(text) == {}


def test_a_short_name_the_text_defines_stands_for_the_body_and_hai_ben_for_both():
    text = (
        "NGHỊ QUYẾT LIÊN TỊCH\nVề phối hợp công tác năm 2031\nĐiều 1. Phạm vi\n"
        "Nghị quyết này quy định việc phối hợp giữa Hội Nông dân tỉnh (sau đây gọi là Hội) và Liên đoàn Lao động tỉnh"
        " (sau đây gọi là Liên đoàn).\nĐiều 2. Trách nhiệm\n"
        "1. Trước ngày 25 hằng tháng, Hội gửi Liên đoàn danh sách hội viên làm công ăn lương.\n"
        "2. Liên đoàn thông báo cho Hội kết quả trong thời hạn 10 ngày làm việc.\n"
        "3. Hằng năm, hai bên tổ chức sơ kết việc phối hợp.\n"
    )
    records = _records(text)
    assert records[("Điều 2 › Khoản 1", "Hội Nông dân tỉnh", "thực hiện")] == "trước ngày 25; hằng tháng"
    assert records[("Điều 2 › Khoản 2", "LĐLĐ tỉnh", "thực hiện")] == "trong thời hạn 10 ngày làm việc"
    both = {unit for section, unit, _role in records if section == "Điều 2 › Khoản 3"}
    assert both == {"Hội Nông dân tỉnh", "LĐLĐ tỉnh"}


def test_two_dates_after_one_deadline_word_and_a_ministry_name_with_its_comma():
    assert parse_deadlines("báo cáo chậm nhất ngày 15/6 và 15/12 hằng năm") == ["trước ngày 15/6", "trước ngày 15/12", "hằng năm"]
    assert split_units("Sở Văn hóa, Thể thao và Du lịch; Sở Y tế", None) == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]


def test_a_task_reads_with_its_semicolons():
    chunk = Chunk(
        chunk_id="x.txt#7", doc_id="x.txt", order=7, kind="clause", path=("III. TỔ CHỨC THỰC HIỆN", "4."),
        context=("III. TỔ CHỨC THỰC HIỆN",),
        text="4. Ban Tài chính Huyện ủy: Bố trí kinh phí thực hiện Kế hoạch; thẩm định dự toán của các đơn vị trước ngày 15/02.",
    )  # fmt: skip
    (record,) = extract_chunk(chunk, _DISTRICT_PLAN)
    assert "thực hiện Kế hoạch; thẩm định dự toán" in record.task


def test_a_letters_numbered_requests_are_asked_of_the_bodies_it_is_addressed_to():
    text = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH HÀ LAM\nSố: 140/LĐLĐ-TC\nV/v nộp báo cáo tài chính quý III\n\n"
        "Kính gửi:\n- Liên đoàn Lao động các huyện, thành phố;\n- Các công đoàn ngành.\n\n"
        "Để tổng hợp báo cáo Tổng Liên đoàn, Ban Thường vụ đề nghị các đơn vị thực hiện một số nội dung sau:\n\n"
        "1. Rà soát số thu kinh phí công đoàn của các doanh nghiệp trên địa bàn đến hết ngày 30/9/2031.\n"
        "2. Báo cáo kết quả thu, chi tài chính quý III về Ban Tài chính trước ngày 15/10/2031.\n\n"
        "Báo cáo gửi về Liên đoàn Lao động tỉnh trước ngày 20/10/2031. Đơn vị gửi chậm sẽ bị trừ điểm thi đua.\n\n"
        "Nơi nhận:\n- Như kính gửi;\n- Lưu: VT, TC.\n\nTM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n\nNguyễn Văn An\n"
    )
    doc = read_document("cv.txt", data=text.encode("utf-8"))
    records = extract_assignments(doc, chunk_document(doc))
    by_item = {(r.section, r.unit, r.role, r.deadline) for r in records}
    assert ("2.", "CĐ ngành", "báo cáo", "quý III; trước ngày 15/10/2031") in by_item
    assert {r.unit for r in records if r.section == "1."} == {"LĐLĐ huyện/thành phố", "CĐ ngành"}
    # The closing's deadline is a request too; its warning is not.
    assert {(r.role, r.deadline) for r in records if r.section == "Phần kết"} == {("báo cáo", "trước ngày 20/10/2031")}
    # A letter that asks nothing (it informs) hands nothing out by its items.
    informs = text.replace("Ban Thường vụ đề nghị các đơn vị thực hiện một số nội dung sau", "Ban Thường vụ thông báo kết quả như sau")
    doc = read_document("cv.txt", data=informs.encode("utf-8"))
    assert not [r for r in extract_assignments(doc, chunk_document(doc)) if r.section in ("1.", "Phần kết")]
    # Nor one answering another's request.
    answers = text.replace("Để tổng hợp báo cáo Tổng Liên đoàn, Ban Thường vụ đề nghị các đơn vị thực hiện một số nội dung sau",
                           "Thực hiện đề nghị của Sở Tài chính, Ban Thường vụ thông báo kết quả như sau")
    doc = read_document("cv.txt", data=answers.encode("utf-8"))
    assert not [r for r in extract_assignments(doc, chunk_document(doc)) if r.section in ("1.", "Phần kết")]
