"""`python -m index tasks [--jsonl] [--unit TEXT] [--index DIR]`: the responsibility map.

With `--jsonl`, one JSON object per assignment:
{"unit", "role", "task", "deadline", "doc", "citation", "doc_id", "chunk_id", "section", "order",
"unit_full"}. Without it, a readable list grouped by unit. `--unit` keeps the units whose name
matches (accents, case and abbreviations ignored: "ban to chuc", "LĐLĐ").

Errors (no index, unknown unit) print one Vietnamese line and exit non-zero.
"""

from __future__ import annotations

import argparse
import json
import sys

from index.config import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m index tasks", description="Ai làm gì: nhiệm vụ được giao cho từng đơn vị trong các văn bản."
    )
    parser.add_argument("--jsonl", action="store_true", help="mỗi nhiệm vụ một dòng JSON")
    parser.add_argument("--unit", help="chỉ các đơn vị có tên khớp (vd. 'Ban Tổ chức', 'LĐLĐ', 'ban to chuc')")
    parser.add_argument("--index", help="thư mục chỉ mục (mặc định: data/index hoặc $HOIDAP_INDEX)")
    args = parser.parse_args(argv)
    settings = Settings.from_env(index_dir=args.index)

    from index.store import IndexMismatchError, IndexMissingError, load_index, rebuild_advice
    from index.tasks import assignments, filter_by_unit, units

    try:
        store = load_index(settings.index_dir)
    except (IndexMissingError, IndexMismatchError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError, KeyError) as exc:
        print(f"Lỗi: không đọc được chỉ mục tại {settings.index_dir} ({exc}); {rebuild_advice(settings.index_dir)}", file=sys.stderr)
        return 2

    records = assignments(store)
    if args.unit is not None:
        if not args.unit.strip():
            print("Lỗi: --unit cần tên một đơn vị.", file=sys.stderr)
            return 2
        selected = filter_by_unit(records, args.unit)
        if not selected:
            known = ", ".join(units(records)[:12])
            print(
                f"Lỗi: không có nhiệm vụ nào của đơn vị khớp '{args.unit}'. Các đơn vị có trong văn bản: {known}…",
                file=sys.stderr,
            )
            return 1
        records = selected

    if args.jsonl:
        for record in records:
            print(json.dumps(record.to_dict(), ensure_ascii=False), flush=True)
        return 0

    if not records:
        print("Các văn bản đã lập chỉ mục không có mục giao nhiệm vụ (Tổ chức thực hiện).")
        return 0
    for unit in units(records):
        print(unit)
        for record in (r for r in records if r.unit == unit):
            deadline = f" — thời hạn: {record.deadline}" if record.deadline else ""
            print(f"  [{record.role}]{deadline}")
            print(f"    {record.task}")
            print(f"    {record.citation}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
