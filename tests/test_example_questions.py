"""The app's example questions (ui/ask.py) each show their answer first, over the bundled corpus.

The examples are what a new user clicks first, so each must put the clause that answers it at
the top of the answer page, with its short answer. Asserted by content, not by chunk id. (The
examples are close to dev-set questions q049, q006/q121 and the Ban Tổ chức question: in-sample.)
"""

from __future__ import annotations

import pytest

from ui.ask import EXAMPLE_QUESTIONS, answer, make_filters

# What the answering clause states, per example question (in the order of EXAMPLE_QUESTIONS).
ANSWERS = {
    "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?": "Ban Tổ chức",
    "Chỉ tiêu phát triển đoàn viên năm 2025 là bao nhiêu?": "1.810",
    "Các liên đoàn lao động tỉnh báo cáo kết quả thực hiện kế hoạch trước ngày nào?": "30/11",
}


def test_every_example_question_has_an_expected_answer():
    assert set(ANSWERS) == set(EXAMPLE_QUESTIONS)


@pytest.mark.parametrize("question", EXAMPLE_QUESTIONS)
def test_example_question_shows_its_answer_first(searcher, question):
    expected = ANSWERS[question]
    message = answer(searcher, question, make_filters([], [], [], []))
    result = message["result"]
    assert result.answer_found
    assert expected in result.hits[0].chunk.text, [h.chunk.text[:80] for h in result.hits[:3]]
    first = message["answers"][0]
    assert expected in first.text and first.label == "Phù hợp nhất"
    assert message["short"] and expected in message["short"]
