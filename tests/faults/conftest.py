"""Helpers for the fault suite (issue 9): each test here failed on the main branch before the fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini-ke-hoach.txt"


def run(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def plan(number: int, clauses: int) -> str:
    """A small plan with `clauses` numbered clauses (one chunk each), distinct per `number`."""
    body = "\n\n".join(
        f"{i}. Công đoàn cơ sở đơn vị {number}-{i} tổ chức hội nghị người lao động và báo cáo kết quả quý {i}."
        for i in range(1, clauses + 1)
    )
    return (
        f"Số {number}-KH/THU\n\nHà Nội, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nThử nghiệm số {number}\n\n"
        f"I. NHIỆM VỤ\n\n{body}\n"
    )


@pytest.fixture()
def folder(tmp_path) -> Path:
    src = tmp_path / "docs"
    src.mkdir()
    (src / "mini.txt").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    return src
