"""Each numbering rule, on real snippets of the seed documents and the Labour Code."""

import pytest

from ingest.chunking import chunk_document
from ingest.normalize import Line
from ingest.pipeline import read_document
from ingest.structure import match_marker, parse_structure


def _tree(text: str):
    return parse_structure([Line(t) for t in text.strip().split("\n")])


def _paths(root):
    out = []

    def walk(node, prefix):
        for child in node.children:
            out.append((*prefix, child.label))
            walk(child, (*prefix, child.label))

    walk(root, ())
    return out


def test_roman_sections_carry_their_title_and_arabic_clauses_their_number():
    root = _tree("III. TỔ CHỨC THỰC HIỆN\n4. Ban Tổ chức: Tham mưu chỉ đạo.\n5. Ban Quan hệ Lao động: Chủ trì.")
    assert _paths(root) == [
        ("III. TỔ CHỨC THỰC HIỆN",),
        ("III. TỔ CHỨC THỰC HIỆN", "4."),
        ("III. TỔ CHỨC THỰC HIỆN", "5."),
    ]


def test_duplicate_roman_numbers_stay_separate_sections():
    # Kế hoạch 48 numbers two sections "III."
    root = _tree("III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU\n1. Tuyên truyền.\nIII. TỔ CHỨC THỰC HIỆN\n1. Đảng đoàn.")
    assert [c.label for c in root.children] == ["III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "III. TỔ CHỨC THỰC HIỆN"]
    assert all(len(c.children) == 1 for c in root.children)


def test_decimal_subclauses_nest_and_restart_under_a_new_parent():
    # Kế hoạch TLĐ (Kết luận 79): "2." is followed by "1.1.", "1.2." again.
    root = _tree(
        "III. TỔ CHỨC THỰC HIỆN\n1. Tổng Liên đoàn:\n1.1. Ban hành kế hoạch.\n1.2. Nghiên cứu.\n"
        "2. Liên đoàn Lao động tỉnh.\n1.1. Tham mưu cho cấp ủy.\n1.2. Cụ thể hóa."
    )
    paths = _paths(root)
    assert ("III. TỔ CHỨC THỰC HIỆN", "2.", "1.1.") in paths
    assert ("III. TỔ CHỨC THỰC HIỆN", "1.", "1.2.") in paths


def test_paren_numbers_and_letters():
    root = _tree("II. NHIỆM VỤ TRỌNG TÂM\n(1) Đại diện, bảo vệ.\n(2) Tuyên truyền.\na) điểm một;\nb) điểm hai.")
    assert ("II. NHIỆM VỤ TRỌNG TÂM", "(2)", "b)") in _paths(root)


def test_bullets_and_paragraphs_stay_in_their_clause():
    root = _tree("3. Ban Tuyên giáo: Chủ trì.\nCác cơ quan báo chí cần quan tâm.\n- ý một\n+ ý phụ")
    (clause,) = root.children
    assert clause.children == [] and len(clause.body) == 3


def test_legal_hierarchy_chapter_article_clause_point():
    root = _tree(
        "Chương VII\nTHỜI GIỜ LÀM VIỆC, THỜI GIỜ NGHỈ NGƠI\nMục 1. THỜI GIỜ LÀM VIỆC\n"
        "Điều 105. Thời giờ làm việc bình thường\n1. Thời giờ làm việc bình thường không quá 08 giờ.\n"
        "a) điểm a;\nĐiều 106. Giờ làm việc ban đêm\nChương VIII\nKỶ LUẬT LAO ĐỘNG"
    )
    paths = _paths(root)
    assert ("Chương VII", "Mục 1", "Điều 105", "Khoản 1", "Điểm a") in paths
    assert ("Chương VII", "Mục 1", "Điều 106") in paths
    assert ("Chương VIII",) in paths


def test_labour_code_text_chapter_without_space():
    assert match_marker("Chương I:NHỮNG QUY ĐỊNH CHUNG")[:2] == ("chapter", "Chương I")


def test_numbers_that_are_not_markers():
    for text in ["80.000 đoàn viên công đoàn", "Phần lớn người lao động", "Chương trình công tác", "15/11/2021"]:
        assert match_marker(text) is None, text


def test_wrapped_cross_reference_is_not_an_article():
    # Luật Tố tụng hành chính: a khoản wraps so that a line starts with "Điều 169 của Luật này."
    root = _tree("Điều 249. Thủ tục\n3. Theo quy định tại\nĐiều 169 của Luật này.\n4. Khoản bốn.")
    assert _paths(root) == [("Điều 249",), ("Điều 249", "Khoản 3"), ("Điều 249", "Khoản 4")]


def test_appendix_closes_the_last_article():
    root = _tree("Điều 5. Hiệu lực\n1. Nghị định có hiệu lực.\nPHỤ LỤC\nDANH MỤC ĐỊA BÀN\n1. Vùng I gồm các địa bàn.")
    paths = _paths(root)
    assert ("Phụ lục", "1.") in paths and ("Điều 5", "Khoản 1") in paths
    assert [c.label for c in root.children] == ["Điều 5", "Phụ lục"]


def test_level_words_typed_without_diacritics():
    # As strict as the accented headings; cited with the accented word.
    root = _tree(
        "Chuong I\nNHUNG QUY DINH CHUNG\nMuc 1. Pham vi\nDieu 1. Muc dich phoi hop\nDam bao quyen loi.\n"
        "Dieu 2: Noi dung phoi hop\n1. Hieu truong moi du hop.\n2. Hai ben to chuc hoi nghi.\n"
        "Dieu 3 Che do hop\nHop dinh ky 6 thang mot lan.\nCHUONG II\nDIEU 4\nPHU LUC"
    )
    paths = _paths(root)
    assert ("Chương I", "Mục 1", "Điều 1") in paths
    assert ("Chương I", "Mục 1", "Điều 2", "Khoản 2") in paths
    assert ("Chương I", "Mục 1", "Điều 3") in paths
    assert ("Chương II", "Điều 4") in paths and ("Phụ lục",) in paths
    assert root.children[0].title == "NHUNG QUY DINH CHUNG"
    # Ordinary lines that start with those words (mức, a surname, a cross-reference) stay text.
    for text in [
        "Muc 1 trieu dong moi nguoi",
        "Muc 2: 500.000 dong",
        "Muc 1 - 300.000 dong/lan",
        "Phan 2 - 3 nam",
        "Muc 1.000.000 dong/lan",
        "Phan Van Tri phu trach",
        "Chuong 2 tieng dong ho",
        "Dieu kien lam viec",
        "Dieu 35 Bo luat Lao dong quy dinh",
        "Dieu 5 Quy che nay ap dung",
        "Dieu 169 cua Luat nay.",
        "Phu luc kem theo",
    ]:
        assert match_marker(text) is None, text


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("Phụ lục II. SỐ NGÀY NGHỈ HẰNG NĂM THEO ĐIỀU KIỆN LAO ĐỘNG",
         ("appendix", "Phụ lục II", "SỐ NGÀY NGHỈ HẰNG NĂM THEO ĐIỀU KIỆN LAO ĐỘNG")),
        ("Phụ lục 2: DANH MỤC CÔNG VIỆC", ("appendix", "Phụ lục 2", "DANH MỤC CÔNG VIỆC")),
        ("Phụ lục 1", None),  # the end of a wrapped "… theo mẫu tại" / "Phụ lục 1"
        # A sentence that begins with one is not an appendix.
        ("Phụ lục II kèm theo Nghị định này quy định mẫu báo cáo.", None),
        ("Phụ lục II. Mẫu báo cáo được sửa đổi như sau", None),
    ],
)
def test_a_numbered_appendix_in_title_case(line, marker):
    assert match_marker(line) == marker


def test_a_dialogues_questions_are_units_under_their_item():
    text = (
        "BIÊN BẢN\nHội nghị đối thoại tại nơi làm việc năm 2031\nI. NỘI DUNG\n"
        "1. Giám đốc thông báo tình hình sản xuất.\n2. Ý kiến của người lao động và trả lời của Giám đốc:\n"
        "Câu hỏi 1 (chị Hoa, tổ may 2): Đề nghị tăng tiền ăn giữa ca.\nTrả lời: Công ty nâng lên 30.000 đồng/suất.\n"
        "Câu hỏi 2: Xưởng nóng, đề nghị lắp quạt.\nTrả lời: Lắp 10 quạt trước ngày 15/10/2031.\n"
        "II. KẾT LUẬN\n1. Hai bên thống nhất các nội dung trên.\n"
    )
    doc = read_document("bb.txt", data=text.encode("utf-8"))
    paths = {c.path: c.text for c in chunk_document(doc)}
    assert paths[("I. NỘI DUNG", "2.", "Câu hỏi 1")].endswith("Trả lời: Công ty nâng lên 30.000 đồng/suất.")
    assert paths[("I. NỘI DUNG", "2.", "Câu hỏi 2")].startswith("Câu hỏi 2: Xưởng nóng")
    assert ("II. KẾT LUẬN", "1.") in paths


def test_a_leaflets_numbered_question_with_its_answer_on_the_next_line_is_one_unit():
    text = (
        "TÀI LIỆU HỎI - ĐÁP\nVề bảo hiểm thất nghiệp\n"
        "Câu 1. Ai phải đóng bảo hiểm thất nghiệp?\nTrả lời: Người lao động làm việc theo hợp đồng từ đủ 01 tháng.\n"
        "Câu 2. Mức hưởng trợ cấp thất nghiệp hằng tháng là bao nhiêu?\nTrả lời: Bằng 60% bình quân tiền lương.\n"
    )
    paths = {c.path: c.text for c in chunk_document(read_document("hd.md", data=text.encode("utf-8")))}
    assert paths[("Câu 1",)].endswith("từ đủ 01 tháng.")
    assert paths[("Câu 2",)].startswith("Câu 2. Mức hưởng") and paths[("Câu 2",)].endswith("tiền lương.")


_TEAM = (
    "Điều 2. Thành lập Tổ giám sát gồm các đồng chí có tên sau:\n"
    "1. Đồng chí Lò Văn Minh, Phó Chủ tịch Công đoàn cơ sở - Tổ trưởng;\n"
    "2. Đồng chí Hà Thị Nga, Ủy viên Ban Chấp hành - Thành viên.\n"
    "Nhiệm vụ của Tổ giám sát:\n"
    "a) Giám sát việc chi trả tiền ăn giữa ca từ ngày 01/6/2026;\n"
    "b) Báo cáo Ban Chấp hành trong thời hạn 05 ngày sau mỗi đợt giám sát.\n"
    "Nhiệm vụ của bếp ăn:\n"
    "a) Cung cấp thực đơn hằng tuần cho Tổ giám sát;\n"
    "b) Lưu mẫu thức ăn 24 giờ.\n"
    "Điều 3. Quyết định có hiệu lực kể từ ngày ký."
)


def test_a_line_that_opens_points_after_a_finished_list_is_their_lead_in_not_the_last_members():
    assert _paths(_tree(_TEAM)) == [
        ("Điều 2",),
        ("Điều 2", "Khoản 1"),
        ("Điều 2", "Khoản 2"),
        ("Điều 2", "Nhiệm vụ của Tổ giám sát"),
        ("Điều 2", "Nhiệm vụ của Tổ giám sát", "Điểm a"),
        ("Điều 2", "Nhiệm vụ của Tổ giám sát", "Điểm b"),
        ("Điều 2", "Nhiệm vụ của bếp ăn"),
        ("Điều 2", "Nhiệm vụ của bếp ăn", "Điểm a"),
        ("Điều 2", "Nhiệm vụ của bếp ăn", "Điểm b"),
        ("Điều 3",),
    ]
    doc = read_document("qd.txt", data=("QUYẾT ĐỊNH\nVề việc thành lập Tổ giám sát\n" + _TEAM).encode())
    shown = {c.path: c.text for c in chunk_document(doc)}
    assert "Lưu mẫu thức ăn" in shown[("Điều 2", "Nhiệm vụ của bếp ăn")]
    assert "Nhiệm vụ" not in shown[("Điều 2", "Khoản 2")]


def test_a_letters_requests_after_its_numbered_reasons_are_led_by_their_own_sentence():
    text = (
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY AN BÌNH\nSố: 08/CV-CĐCS\nV/v kiến nghị về ca đêm\n"
        "Kính gửi: Giám đốc Công ty.\nCông đoàn cơ sở kiến nghị vì những lý do sau:\n"
        "1. Về thời giờ làm việc\nCa đêm kéo dài 10 giờ, vượt quy định.\n"
        "2. Về tiền lương\nTiền lương làm đêm chưa được cộng thêm 30%.\n"
        "Từ những nội dung trên, Công đoàn cơ sở đề nghị Giám đốc:\n"
        "a) Rút ca đêm xuống 08 giờ từ ngày 01/7/2026;\nb) Trả bù tiền lương làm đêm trước ngày 15/7/2026.\n"
    )
    paths = {c.path: c.text for c in chunk_document(read_document("cv.txt", data=text.encode("utf-8")))}
    lead = "Từ những nội dung trên, Công đoàn cơ sở đề nghị Giám đốc"
    assert paths[(lead,)].startswith(lead) and "Trả bù tiền lương" in paths[(lead,)]
    assert "đề nghị Giám đốc" not in paths[("2.",)]


@pytest.mark.parametrize("goes_on", ["Cụ thể như sau:", "Trong đó:", "Gồm:"])
def test_a_line_that_goes_on_with_the_last_item_keeps_its_points_under_it(goes_on):
    root = _tree(
        "I. NỘI DUNG\nCông đoàn cơ sở tổ chức các hoạt động sau:\n1. Tổ chức hội thao cho đoàn viên.\n"
        f"2. Tổ chức thăm hỏi, tặng quà cho đoàn viên khó khăn.\n{goes_on}\n"
        "a) Mỗi suất quà trị giá 500.000 đồng;\nb) Tổng số 120 suất."
    )
    assert ("I. NỘI DUNG", "2.", "a)") in _paths(root)


def test_a_khoans_own_case_line_keeps_its_points():
    # The article's heading introduces no list: "Trường hợp … thì:" goes on with khoản 2.
    root = _tree(
        "Điều 9. Tạm ứng tiền lương\n1. Người lao động được tạm ứng tiền lương.\n"
        "2. Người sử dụng lao động phải tạm ứng tiền lương.\nTrường hợp nghỉ hằng năm thì:\n"
        "a) được tạm ứng ít nhất bằng tiền lương những ngày nghỉ;\nb) không tính lãi."
    )
    assert ("Điều 9", "Khoản 2", "Điểm a") in _paths(root)
