"""Answer feedback ("Hữu ích" / "Không hữu ích", with an optional comment) kept in a small SQLite
file (Settings.feedback_db), exportable as CSV."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    question TEXT NOT NULL,
    results TEXT NOT NULL,
    useful INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
)
"""

COLUMNS = ("time", "question", "results", "useful", "comment")


def _connect(db_path: str | Path) -> sqlite3.Connection:
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path, timeout=10)
    conn.execute(_SCHEMA)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(feedback)")}
    if "comment" not in columns:  # a file written before comments existed
        conn.execute("ALTER TABLE feedback ADD COLUMN comment TEXT NOT NULL DEFAULT ''")
    return conn


def record_feedback(
    db_path: str | Path, question: str, results: Any, useful: bool, comment: str = ""
) -> None:
    """Store one vote. `results` is anything JSON-serialisable (the citations shown, say)."""
    with closing(_connect(db_path)) as conn, conn:
        conn.execute(
            "INSERT INTO feedback (time, question, results, useful, comment) VALUES (?, ?, ?, ?, ?)",
            (
                datetime.now(UTC).isoformat(timespec="seconds"),
                question,
                json.dumps(results, ensure_ascii=False),
                int(bool(useful)),
                comment.strip()[:2000],
            ),
        )


def export_csv(db_path: str | Path) -> str:
    """All votes, oldest first, as CSV text with a header row (just the header when empty)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    if Path(db_path).exists():
        with closing(_connect(db_path)) as conn:
            for row in conn.execute("SELECT time, question, results, useful, comment FROM feedback ORDER BY id"):
                writer.writerow(row)
    return out.getvalue()
