"""The responsibility map over an index: the unit filter and `python -m index tasks`."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.assignments import Assignment
from index.tasks import filter_by_unit, spell_out_unit, units

ROOT = Path(__file__).resolve().parents[2]


def record(unit: str) -> Assignment:
    return Assignment(
        unit=unit, role="thực hiện", task="…", deadline=None, doc="Kế hoạch 1-KH/X", citation="Kế hoạch 1-KH/X › 1.",
        doc_id="x.txt", chunk_id="x.txt#1", section="1.", order=1, unit_full=spell_out_unit(unit),
    )


RECORDS = [record(u) for u in ("Ban Tổ chức TLĐ", "Ban Tổ chức Tỉnh ủy", "LĐLĐ tỉnh/thành phố", "CĐ ngành TW", "CĐCS", "Văn phòng TLĐ")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ban Tổ chức", {"Ban Tổ chức TLĐ", "Ban Tổ chức Tỉnh ủy"}),
        ("ban to chuc", {"Ban Tổ chức TLĐ", "Ban Tổ chức Tỉnh ủy"}),
        ("BAN TỔ CHỨC TỔNG LIÊN ĐOÀN", {"Ban Tổ chức TLĐ"}),
        ("ban to chuc tld", {"Ban Tổ chức TLĐ"}),
        ("LĐLĐ", {"LĐLĐ tỉnh/thành phố"}),
        ("lien doan lao dong tinh", {"LĐLĐ tỉnh/thành phố"}),
        ("công đoàn ngành Trung ương", {"CĐ ngành TW"}),
        ("cd nganh tw", {"CĐ ngành TW"}),
        ("công đoàn cơ sở", {"CĐCS"}),
        ("cdcs", {"CĐCS"}),
        ("Ban Tuyên giáo", set()),
    ],
)
def test_filter_by_unit_ignores_accents_case_and_abbreviations(query, expected):
    assert {r.unit for r in filter_by_unit(RECORDS, query)} == expected


def test_words_scattered_over_another_units_name_do_not_match():
    records = [record(u) for u in ("LĐLĐ huyện", "Văn phòng LĐLĐ huyện", "Ban Tổ chức LĐLĐ tỉnh")]
    # "Huyện đoàn" (the youth union) is not "Liên đoàn Lao động huyện": no tasks, not theirs.
    assert filter_by_unit(records, "Huyện đoàn") == []
    assert {r.unit for r in filter_by_unit(records, "lien doan lao dong huyen")} == {"LĐLĐ huyện", "Văn phòng LĐLĐ huyện"}
    assert {r.unit for r in filter_by_unit(records, "ban to chuc tinh")} == {"Ban Tổ chức LĐLĐ tỉnh"}


def test_every_unit_listed_finds_itself():
    assert all(filter_by_unit(RECORDS, unit) for unit in units(RECORDS))  # "LĐLĐ tỉnh/thành phố" too


def test_spelled_out_names_and_unit_list():
    assert spell_out_unit("LĐLĐ tỉnh/thành phố") == "Liên đoàn Lao động tỉnh/thành phố"
    assert spell_out_unit("Ban Tổ chức TLĐ") == "Ban Tổ chức Tổng Liên đoàn"
    assert units([*RECORDS, record("CĐCS")])[0] == "CĐCS"


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "index", "tasks", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_cli_lists_a_units_tasks_with_citation_and_deadline(corpus_index):
    out = run("--jsonl", "--unit", "Ban Tổ chức", "--index", str(corpus_index))
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.strip().split("\n")]
    assert all({"unit", "role", "task", "deadline", "doc", "citation", "chunk_id"} <= set(r) for r in rows)
    assert all(r["unit"].startswith("Ban Tổ chức") for r in rows)
    member = [r for r in rows if r["citation"] == "Kế hoạch 48-KH/ĐĐTLD › III. TỔ CHỨC THỰC HIỆN › 4."]
    assert member and "phát triển đoàn viên" in member[0]["task"] and member[0]["unit"] == "Ban Tổ chức TLĐ"

    everything = [json.loads(line) for line in run("--jsonl", "--index", str(corpus_index)).stdout.strip().split("\n")]
    reports = [r for r in everything if r["citation"].endswith("III. TỔ CHỨC THỰC HIỆN › 7.") and r["role"] == "báo cáo"]
    assert reports and all("30/11" in r["deadline"] for r in reports)
    assert len({r["unit"] for r in everything}) >= 5
    unaccented = run("--jsonl", "--unit", "ban to chuc", "--index", str(corpus_index))
    assert unaccented.stdout == out.stdout


def test_cli_errors_are_one_vietnamese_line(tmp_path, corpus_index):
    missing = run("--index", str(tmp_path / "none"))
    unknown = run("--unit", "Ban Không Có Thật", "--index", str(corpus_index))
    for out in (missing, unknown):
        assert out.returncode != 0 and "Traceback" not in out.stderr
        assert out.stderr.startswith("Lỗi:") and out.stderr.count("\n") == 1
