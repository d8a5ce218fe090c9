import unicodedata

import pytest

from ingest.normalize import clean_lines, fold, normalize_text


@pytest.mark.parametrize(
    ("old", "new"),
    [("hoà", "hòa"), ("thoả ước", "thỏa ước"), ("khoá XIII", "khóa XIII"), ("thuỷ", "thủy"), ("Uỷ ban", "Ủy ban")],
)
def test_old_tone_placement_meets_new(old, new):
    assert normalize_text(old) == normalize_text(new) == new


@pytest.mark.parametrize("word", ["quý", "hoàn thành", "ngoài", "khuya"])
def test_tone_placement_leaves_correct_words_alone(word):
    assert normalize_text(word) == word


def test_nfd_input_becomes_nfc():
    nfd = unicodedata.normalize("NFD", "Công đoàn cơ sở")
    assert normalize_text(nfd) == "Công đoàn cơ sở"


def test_fold_removes_diacritics_and_d_stroke():
    assert fold("Kinh phí Công đoàn ĐĐTLD") == "kinh phi cong doan ddtld"


def test_stamp_block_and_page_markers_are_removed():
    text = "KẾ HOẠCH\n\nĐỀN\tSố: 17&2\n\tNgày: 17/11/21\n\tChuyển:\n\nThực hiện Nghị quyết 02.\n\nPAGE  \n1\n"
    lines = [ln.text for ln in clean_lines(normalize_text(text))]
    assert lines == ["KẾ HOẠCH", "Thực hiện Nghị quyết 02."]


def test_sentence_split_across_lines_is_rejoined():
    text = "- nhận thức đúng về phát triển kinh tế tập thể là\n\nyêu cầu và xu thế tất yếu.\n\n- Ý thứ hai."
    lines = [ln.text for ln in clean_lines(text)]
    assert lines == ["- nhận thức đúng về phát triển kinh tế tập thể là yêu cầu và xu thế tất yếu.", "- Ý thứ hai."]


def test_multiline_bold_title_keeps_text_and_drops_inserted_stamp():
    # From Kế hoạch 24-KH/TU: the receiving stamp's organisation name sits inside the bold title.
    text = (
        "**thực hiện Nghị quyết 02-NQ/TW\nLIÊN ĐOÀN LAO ĐỘNG TỈNH THỪA THIÊN HUẾ\n"
        "về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam\ntrong tình hình mới**"
    )
    (line,) = clean_lines(text)
    assert line.bold
    assert line.text == (
        "thực hiện Nghị quyết 02-NQ/TW về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam trong tình hình mới"
    )


def test_list_item_is_not_glued_to_previous_line():
    lines = [ln.text for ln in clean_lines("Các nội dung chính gồm\n\na) nội dung một;\n\nb) nội dung hai.")]
    assert lines == ["Các nội dung chính gồm", "a) nội dung một;", "b) nội dung hai."]
