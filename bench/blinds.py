"""The blind tests' corpora (eval/blinds/bNN/ with eval/blinds_questions.jsonl), each indexed on
its own, scored by quote like the dev set.

    python -m bench.blinds [--quick] [--out FILE]      (also run by `python -m bench`)

Each set is two to six documents of the kinds officials load (.txt, .docx, .pdf, .md) with 40
answerable and 8 unanswerable questions written by a blind tester before any run (eval/README.md).
Every set goes through bench.union.run, the same systems over that set's files alone (ours, plain
BM25 and the tutorial recipe over 500-character chunks of the raw text), as a user's index would
hold them; ranks and abstention are then pooled over the sets. A tuning pool since session 21
(bench/pools.py): the numbers of `ours` are in-sample. Ablations are not run here (one build per set
and variant); they are measured on the other corpora.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from bench.common import article_cli
from bench.devset import CURVE_K, Question, metrics
from bench.pools import BLINDS, BLINDS_QUESTIONS
from bench.union import run as run_set


def load_questions(path: Path = BLINDS_QUESTIONS) -> dict[str, list[Question]]:
    """The questions of each set, by set name (bNN)."""
    out: dict[str, list[Question]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out.setdefault(r["set"], []).append(
                Question(r["id"], r["question"], r["lang"], r["answerable"], r.get("doc"), r.get("quote"))
            )
    return out


def run(embedder, *, ablations: bool = False, log=print) -> dict:
    """The blinds section of the benchmark results: every set on its own index, pooled."""
    del ablations  # one configuration per system here (see the module docstring)
    by_set = load_questions()
    started = time.perf_counter()
    ranks: dict[str, dict[str, int | None]] = {}
    seconds: dict[str, float] = {}
    counts = {"unanswerable": 0, "unanswerable_abstained": 0.0, "answerable": 0, "answerable_abstained": 0.0}
    documents = 0
    for name in sorted(by_set):
        res = run_set(embedder, ablations=False, log=lambda _m: None, docs_dir=BLINDS / name, questions=by_set[name])
        documents += res["documents"]
        for system, r in res["ranks"].items():
            ranks.setdefault(system, {}).update(r)
            seconds[system] = round(seconds.get(system, 0.0) + res["seconds"][system], 1)
        a = res["abstention"]
        for key in ("unanswerable", "answerable"):
            counts[key] += a[key]
            counts[f"{key}_abstained"] += a[f"{key}_abstained"] * a[key]
        ours = res["metrics"]["ours"]["all"]
        log(f"  blinds {name}: ours MRR@10 {ours['MRR@10']:.3f} ({res['documents']} documents)")
    slice_of = {q.id: q.slice for qs in by_set.values() for q in qs}
    out: dict = {"benchmark": "blinds", "sets": len(by_set), "documents": documents}
    out["questions"] = sum(len(qs) for qs in by_set.values())
    out.update(metrics={}, ranks=ranks, curves={}, seconds=seconds)
    for system, r in ranks.items():
        table = {"all": metrics(list(r.values()))}
        for lang in sorted({slice_of[i] for i in r}):
            table[lang] = metrics([rank for i, rank in r.items() if slice_of[i] == lang])
        out["metrics"][system] = table
        found = [x for x in r.values() if x is not None]
        out["curves"][system] = [sum(x <= k for x in found) / max(1, len(r)) for k in range(1, CURVE_K + 1)]
        m = table["all"]
        log(f"  {system}: R@1 {m['R@1']:.3f} R@10 {m['R@10']:.3f} MRR@10 {m['MRR@10']:.3f} ({seconds[system]} s)")
    out["abstention"] = {
        "unanswerable": counts["unanswerable"],
        "unanswerable_abstained": counts["unanswerable_abstained"] / max(1, counts["unanswerable"]),
        "answerable": counts["answerable"],
        "answerable_abstained": counts["answerable_abstained"] / max(1, counts["answerable"]),
    }
    out["total_seconds"] = round(time.perf_counter() - started, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    return article_cli("python -m bench.blinds", run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
