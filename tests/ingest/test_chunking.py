from pathlib import Path

from ingest.chunking import MAX_CHARS, POINT_SPLIT_CHARS, chunk_document, indexed_text
from ingest.document import citation, shown_text
from ingest.pipeline import read_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
KH48 = CORPUS / "ke-hoach-48-KH-DDTLD-nghi-quyet-20-kinh-te-tap-the.txt"


def test_canonical_clause_is_one_chunk_with_its_path():
    doc = read_document(KH48)
    chunks = chunk_document(doc)
    (clause,) = [c for c in chunks if c.text.startswith("4. Ban Tổ chức")]
    assert clause.text == "4. Ban Tổ chức: Tham mưu chỉ đạo, hướng dẫn công tác phát triển đoàn viên trong các tổ chức kinh tế tập thể."
    assert citation(doc.meta, clause) == "Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4."
    assert doc.text[clause.start : clause.end] == clause.text


def test_unnumbered_paragraph_stays_with_its_clause():
    chunks = chunk_document(read_document(KH48))
    (clause3,) = [c for c in chunks if c.text.startswith("3. Ban Tuyên giáo")]
    assert "Các cơ quan báo chí của Tổng Liên đoàn" in clause3.text


def test_no_chunk_glues_two_numbered_clauses_and_none_is_too_long():
    import re

    for path in CORPUS.glob("*.txt"):
        for chunk in chunk_document(read_document(path)):
            numbered = [ln for ln in chunk.text.split("\n") if re.match(r"^(\d+(\.\d+)*\.|[IVX]+\.|\(\d+\))\s", ln)]
            assert len(numbered) <= 1, (path.name, chunk.path, numbered)
            assert len(chunk.text) <= MAX_CHARS


def test_long_clause_splits_at_bullets_and_keeps_heading_as_context():
    chunks = chunk_document(read_document(KH48))
    parts = [c for c in chunks if c.path == ("III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "1.")]
    assert len(parts) > 1 and [c.part for c in parts] == list(range(1, len(parts) + 1))
    assert all(c.parts == len(parts) for c in parts)
    assert parts[1].text.startswith(("-", "+")) and parts[1].context[-1].startswith("1. Tuyên truyền")


def test_noise_never_becomes_a_chunk():
    for path in CORPUS.glob("*.txt"):
        for chunk in chunk_document(read_document(path)):
            assert "PAGE" not in chunk.text and "Chuyển:" not in chunk.text and "**" not in chunk.text


def test_closing_block_is_metadata_and_its_own_kinds():
    doc = read_document(KH48)
    chunks = chunk_document(doc)
    kinds = {c.kind for c in chunks}
    assert {"preamble", "clause", "recipients", "signature"} <= kinds
    (sig,) = [c for c in chunks if c.kind == "signature"]
    assert "Trần Thanh Hải" in sig.text
    assert all("Ban Kinh tế TW" not in c.text for c in chunks if c.kind == "clause")
    assert "Người ký" in indexed_text(sig, doc.meta)


def test_indexed_text_carries_document_and_heading_context():
    doc = read_document(CORPUS / "ke-hoach-24-KH-TU-hue-nghi-quyet-02-doi-moi-cong-doan.txt")
    chunk = next(c for c in chunk_document(doc) if c.path[-1] == "2.5.")
    text = indexed_text(chunk, doc.meta)
    assert text.startswith("Kế hoạch 24-KH/TU (Thừa Thiên Huế")
    assert "2. Các chỉ tiêu" in text and chunk.text not in chunk.context


def test_indexed_text_names_the_issuer_once():
    header = "CÔNG TY TNHH GỐM SỨ THANH HÀ\nSố: 04/QC-GS\nQUY CHẾ\n{title}\nĐiều 1. Phạm vi\nÁp dụng cho người lao động.\n"
    told = read_document("a.txt", data=header.format(title="Khen thưởng người lao động Công ty Gốm sứ Thanh Hà").encode())
    untold = read_document("b.txt", data=header.format(title="Khen thưởng người lao động").encode())
    assert told.meta.issuer == untold.meta.issuer == "CÔNG TY TNHH GỐM SỨ THANH HÀ"
    # The embedder reads it in sentence case, and only where the title does not already say it.
    assert "Công ty TNHH gốm sứ thanh hà" in indexed_text(chunk_document(untold)[-1], untold.meta).split("\n")[0]
    assert indexed_text(chunk_document(told)[-1], told.meta).split("\n")[0].lower().count("gốm sứ thanh hà") == 1


# An invented plan (not in corpus/): a section that is a list of numeric targets, longer than
# POINT_SPLIT_CHARS, then a short bulleted clause and a clause with one long `-` bullet.
_TARGETS = [
    "- 95% trở lên đoàn viên công đoàn được tham gia các lớp tập huấn về an toàn, vệ sinh lao động tại nơi làm việc trong năm.",
    "- Kết nạp mới 2.345 đoàn viên công đoàn trong các doanh nghiệp ngoài khu vực nhà nước trên địa bàn huyện.",
    "- Thành lập mới 17 công đoàn cơ sở ở các doanh nghiệp có từ 25 lao động trở lên, nhất là doanh nghiệp có vốn đầu tư nước ngoài.",
    "+ Trong đó ít nhất 05 công đoàn cơ sở ở các hợp tác xã nông nghiệp.",
    "- 80% công đoàn cơ sở xếp loại hoàn thành tốt nhiệm vụ trở lên theo hướng dẫn của công đoàn cấp trên trực tiếp.",
    "- Vận động đoàn viên, người lao động đóng góp 600 triệu đồng cho quỹ Mái ấm công đoàn để xây dựng nhà cho đoàn viên khó khăn.",
    "- 100% cán bộ công đoàn chuyên trách được bồi dưỡng nghiệp vụ về thương lượng tập thể và đối thoại tại nơi làm việc.",
    "- Tổ chức 12 hội nghị đối thoại giữa người sử dụng lao động và người lao động ở các khu công nghiệp trên địa bàn.",
]
_PLAN = "\n".join(
    [
        "LIÊN ĐOÀN LAO ĐỘNG HUYỆN NAM SƠN",
        "Số: 07/KH-LĐLĐ",
        "KẾ HOẠCH",
        "Hoạt động công đoàn năm 2031",
        "I. MỤC ĐÍCH",
        "Nâng cao chất lượng hoạt động công đoàn cơ sở.",
        "II. CHỈ TIÊU",
        *_TARGETS,
        "III. TỔ CHỨC THỰC HIỆN",
        "1. Ban Tổ chức:",
        "- Tham mưu hướng dẫn phát triển đoàn viên.",
        "- Tổng hợp báo cáo kết quả trước ngày 15/12.",
        "2. Văn phòng:",
        "- Bảo đảm kinh phí cho các hoạt động trong kế hoạch, " + "thanh quyết toán đúng quy định; " * 35 + "báo cáo quý.",
        "+ Lập dự toán kinh phí hằng quý, gửi Ban Thường vụ phê duyệt trước ngày 10 của tháng đầu quý.",
        "+ Theo dõi, đôn đốc việc sử dụng kinh phí của các đơn vị, báo cáo định kỳ 6 tháng và cả năm.",
        "- Chuẩn bị hội trường.",
    ]
)


def test_long_bullet_list_gives_one_chunk_per_bullet_with_the_heading_as_context():
    assert sum(len(t) + 1 for t in _TARGETS) > POINT_SPLIT_CHARS
    doc = read_document("ke-hoach-nam-son.txt", data=_PLAN.encode("utf-8"))
    parts = [c for c in chunk_document(doc) if c.path == ("II. CHỈ TIÊU",)]
    # Seven `-` bullets, seven chunks; the `+` line stays with its bullet.
    assert len(parts) == 7 and [(c.part, c.parts) for c in parts] == [(j, 7) for j in range(1, 8)]
    assert parts[0].text.startswith("II. CHỈ TIÊU\n- 95% trở lên") and parts[0].context == ()
    assert parts[1].text == _TARGETS[1] and parts[1].context == ("II. CHỈ TIÊU",)
    assert parts[2].text == "\n".join(_TARGETS[2:4])
    for chunk in parts:
        assert doc.text[chunk.start : chunk.end] == chunk.text
    assert "\nII. Chỉ tiêu\n- Kết nạp mới 2.345" in indexed_text(parts[1], doc.meta)


def test_each_bullet_of_a_split_clause_is_cited_by_its_place_and_nothing_else_changes():
    doc = read_document("ke-hoach-nam-son.txt", data=_PLAN.encode("utf-8"))
    chunks = chunk_document(doc)
    targets = [citation(doc.meta, c) for c in chunks if c.path == ("II. CHỈ TIÊU",)]
    # Seven parts would otherwise paste as seven identical citations.
    assert targets == [f"Kế hoạch 07/KH-LĐLĐ › II. CHỈ TIÊU › gạch đầu dòng thứ {n}" for n in range(1, 8)]
    # A long bullet cut at its "+" lines: each piece names the bullet it belongs to.
    office = [c for c in chunks if c.path == ("III. TỔ CHỨC THỰC HIỆN", "2.")]
    assert {c.place for c in office if "Bảo đảm kinh phí" in c.text or c.text.startswith("+")} == {"gạch đầu dòng thứ 1"}
    assert office[-1].place == "gạch đầu dòng thứ 2"
    # A clause kept whole is cited as before; the place is not in what is indexed.
    (short,) = [c for c in chunks if c.path == ("III. TỔ CHỨC THỰC HIỆN", "1.")]
    assert short.place == "" and citation(doc.meta, short).endswith("› 1.")
    assert all("gạch đầu dòng" not in indexed_text(c, doc.meta) for c in chunks)
    # Dots under a dash are counted apart from the dashes (review).
    mixed = _PLAN.replace(_TARGETS[1], "• " + _TARGETS[1][2:]).replace(_TARGETS[4], "• " + _TARGETS[4][2:])
    places = [c.place for c in chunk_document(read_document("k.txt", data=mixed.encode("utf-8"))) if c.path == ("II. CHỈ TIÊU",)]
    assert places == ["gạch đầu dòng thứ 1", "ý thứ 1", "gạch đầu dòng thứ 2", "ý thứ 2", "gạch đầu dòng thứ 3",
                      "gạch đầu dòng thứ 4", "gạch đầu dòng thứ 5"]  # fmt: skip
    dotted = read_document("ke-hoach-nam-son.txt", data=_PLAN.replace("\n- ", "\n• ").encode("utf-8"))
    assert {c.place for c in chunk_document(dotted) if c.path == ("II. CHỈ TIÊU",)} == {f"ý thứ {n}" for n in range(1, 8)}


def test_indexed_text_gives_headings_in_capitals_in_sentence_case_for_the_embedder():
    doc = read_document("ke-hoach-nam-son.txt", data=(_PLAN + "\nIV. KIỂM TRA CỦA LĐLĐ VÀ CĐCS").encode("utf-8"))
    chunks = chunk_document(doc)
    first = next(c for c in chunks if c.path == ("II. CHỈ TIÊU",))
    assert first.text.startswith("II. CHỈ TIÊU\n")  # the clause as written
    assert indexed_text(first, doc.meta).split("\n")[1] == "II. Chỉ tiêu"
    last = next(c for c in chunks if c.path[0].startswith("IV."))
    # Roman numerals and vowel-less abbreviations keep their capitals; mixed-case lines are untouched.
    assert indexed_text(last, doc.meta).endswith("\nIV. Kiểm tra của LĐLĐ và CĐCS")
    assert "- 100% cán bộ công đoàn" in indexed_text(next(c for c in chunks if "100% cán bộ" in c.text), doc.meta)


def test_short_bullet_list_stays_whole_and_a_long_bullet_is_cut_at_its_sub_bullets():
    doc = read_document("ke-hoach-nam-son.txt", data=_PLAN.encode("utf-8"))
    chunks = chunk_document(doc)
    (short,) = [c for c in chunks if c.path == ("III. TỔ CHỨC THỰC HIỆN", "1.")]
    assert short.parts == 1 and "trước ngày 15/12" in short.text
    office = [c for c in chunks if c.path == ("III. TỔ CHỨC THỰC HIỆN", "2.")]
    assert len(office) > 2 and all(len(c.text) <= MAX_CHARS for c in office)
    assert office[0].text.startswith("2. Văn phòng:\n- Bảo đảm kinh phí")
    (quarterly,) = [c for c in office if "Lập dự toán" in c.text]
    assert quarterly.text.startswith("+ Lập dự toán") and quarterly.context[-1] == "2. Văn phòng:"
    assert office[-1].text == "- Chuẩn bị hội trường." and office[-1].context[-1] == "2. Văn phòng:"


def test_a_label_between_bullets_heads_the_bullets_after_it():
    # A programme's timeline: "Quý II/2031:" opens the bullets under it, not the end of the one above.
    months = [f"- Tháng {m}: Tổ chức tập huấn nghiệp vụ cho cán bộ công đoàn cơ sở đợt {m} tại hội trường Liên đoàn, báo cáo kết quả và danh sách học viên về Văn phòng." for m in range(1, 7)]
    text = (
        "CHƯƠNG TRÌNH\nCông tác năm 2031\nI. LỊCH TRÌNH THEO QUÝ\nQuý I/2031:\n" + "\n".join(months[:3])
        + "\nQuý II/2031:\n" + "\n".join(months[3:]) + "\nII. TỔ CHỨC THỰC HIỆN\n1. Văn phòng theo dõi.\n"
    )
    assert sum(len(m) + 1 for m in months) > POINT_SPLIT_CHARS
    doc = read_document("ctr.txt", data=text.encode("utf-8"))
    parts = [c for c in chunk_document(doc) if c.path == ("I. LỊCH TRÌNH THEO QUÝ",)]
    assert [c.text.split("\n")[-1] for c in parts] == months
    assert not any(c.text.endswith(":") for c in parts)
    (april,) = [c for c in parts if "Tháng 4" in c.text]
    assert april.text.startswith("Quý II/2031:\n- Tháng 4")
    (june,) = [c for c in parts if "Tháng 6" in c.text]
    assert june.context[-1] == "Quý II/2031:"
    (february,) = [c for c in parts if "Tháng 2" in c.text]
    assert february.context[-1] == "Quý I/2031:"
    for chunk in parts:
        assert doc.text[chunk.start : chunk.end] == chunk.text


_STEPS = """HƯỚNG DẪN
Thủ tục công nhận tổ hợp tác viên

II. TRÌNH TỰ
Bước 3: Nộp hồ sơ
- Trong thời hạn 20 ngày kể từ ngày họp, tổ trưởng nộp 03 bộ hồ sơ về phòng nội vụ quận.
- Hồ sơ gồm:
a) Đơn đề nghị có chữ ký của tổ trưởng và hai tổ viên cao tuổi nhất trong tổ;
b) Biên bản cuộc họp toàn thể tổ viên, có danh sách người dự và kết quả biểu quyết;
c) Bản sao giấy tờ về địa điểm sinh hoạt của tổ, có xác nhận của chủ sở hữu nhà;
d) Danh sách trích ngang tổ viên kèm số điện thoại liên lạc và địa chỉ thường trú.
Bước 4: Trả kết quả
- Phòng nội vụ trả lời bằng văn bản trong 10 ngày làm việc.
"""


def test_points_ride_under_the_bullet_that_opens_them_not_its_siblings():
    doc = read_document("thu-tuc.txt", data=_STEPS.encode())
    chunks = chunk_document(doc, point_split_chars=200)
    deadline = [c for c in chunks if "nộp 03 bộ hồ sơ" in c.text or any("nộp 03 bộ hồ sơ" in x for x in c.context)]
    assert [citation(doc.meta, c).rsplit(" › ", 1)[-1] for c in deadline] == ["Bước 3"]
    (point_b,) = [c for c in chunks if c.text.startswith("b) Biên bản")]
    assert point_b.context[-1] == "Bước 3: Nộp hồ sơ\n- Hồ sơ gồm:"


# A party's proposals in bargaining minutes, as points under the item that introduces them.
_PROPOSALS = (
    "a) Mức lương thấp nhất bằng 105% mức lương tối thiểu vùng, áp dụng từ ngày 01 tháng 01 năm 2032 cho toàn ngành;\n"
    "b) Giá trị bữa ăn giữa ca 22.000 đồng/suất, các doanh nghiệp có điều kiện thì cao hơn theo thỏa thuận;\n"
    "c) Phụ cấp độc hại 300.000 đồng/tháng cho người làm khâu chà nhám, phun sơn tại các phân xưởng;\n"
)


def _proposal_chunks(item: str) -> list:
    """The chunks of minutes whose item `item` (its heading and the paragraph introducing the
    points) is followed by _PROPOSALS."""
    text = "BIÊN BẢN\nPhiên thương lượng lần thứ hai\n\nIII. NỘI DUNG\n" + item + _PROPOSALS
    return chunk_document(read_document("bb.txt", data=text.encode()), point_split_chars=200)


def test_a_paragraph_that_explains_before_it_introduces_a_list_leads_it_with_its_last_sentence():
    chunks = _proposal_chunks(
        "2. Ý kiến của Hiệp hội\n"
        "Ông Trần Văn Khánh cho biết năm 2031 đơn hàng xuất khẩu của các doanh nghiệp hội viên giảm khoảng 18%. Hiệp hội đề xuất:\n"
    )
    (point_b,) = [c for c in chunks if c.text.startswith("b) Giá trị")]
    assert point_b.context[-1] == "2. Ý kiến của Hiệp hội\nHiệp hội đề xuất:"
    # The explanation is the item's own text, once.
    assert len([c for c in chunks if "giảm khoảng 18%" in " ".join((c.text, *c.context))]) == 1


def test_a_lead_in_is_not_cut_after_an_abbreviation():
    chunks = _proposal_chunks("1. Ý kiến của Liên đoàn\nLiên đoàn Lao động TP. Hồ Chí Minh đề xuất:\n")
    (point_b,) = [c for c in chunks if c.text.startswith("b) Giá trị")]
    assert point_b.context[-1].endswith("Liên đoàn Lao động TP. Hồ Chí Minh đề xuất:")


def test_a_sentence_after_the_points_is_shown_under_its_clauses_heading_not_the_points_lead_in():
    letter = (
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH GỖ AN PHÚ\nSố: 31/CV-CĐCS\nV/v góp ý phương án sử dụng lao động\n"
        "Kính gửi: Tổng Giám đốc Công ty\n"
        "1. Về số lao động phải nghỉ việc\nCông đoàn đề nghị giảm số lao động phải nghỉ việc từ 120 xuống 90 người.\n"
        "2. Về tiêu chí lựa chọn\nDự thảo chỉ căn cứ kết quả đánh giá. Đề nghị bổ sung các tiêu chí ưu tiên giữ lại theo thứ tự:\n"
        "a) Người lao động là lao động duy nhất trong gia đình có con dưới 36 tháng tuổi hoặc người lao động khuyết tật;\n"
        "b) Người lao động có thời gian làm việc liên tục tại Công ty từ đủ 10 năm trở lên tính đến ngày 31 tháng 12 năm 2026;\n"
        "c) Người lao động đang điều trị bệnh dài ngày, tai nạn lao động hoặc bệnh nghề nghiệp trong thời gian điều trị.\n"
        "Kết quả đánh giá chỉ được dùng để xét các trường hợp còn lại và phải công khai trước khi lập danh sách.\n"
        "3. Về kinh phí\nĐề nghị Công ty trả trợ cấp trong vòng 14 ngày.\n"
    )
    doc = read_document("cong_van.txt", data=letter.encode("utf-8"))
    (tail,) = [c for c in chunk_document(doc) if c.text.startswith("Kết quả đánh giá")]
    assert tail.path == ("2.",) and tail.context[-1] == "2. Về tiêu chí lựa chọn"
    assert "theo thứ tự:" not in shown_text(tail)
