"""The union documents (eval/union/) with eval/union_questions.jsonl, scored by quote like the dev set.

    python -m bench.union [--quick] [--out FILE]      (also run by `python -m bench`)

Three documents an official of a company's union would load: a Luật Công đoàn (.docx), the
union's charter (.txt) and a company's collective agreement (.docx). Our pipeline reads the files
itself (ingest.loaders); the baselines get the raw text (a .txt as is, a .docx as python-docx
gives it: bench.laws.docx_text). A passage is correct when it comes from the question's `doc` and
contains its `quote` (bench.devset.is_correct: the rule of the dev set, for every system).
Slices: language (vi, vi-noaccent, en). The unanswerable questions measure abstention of `ours`.
A tuning pool (bench/pools.py): the numbers of `ours` are in-sample.
"""

from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

from bench.common import OURS, RawDoc, WorkDir, article_cli, article_systems
from bench.devset import CURVE_K, Question, abstention, evaluate
from bench.laws import docx_text
from bench.pools import UNION
from bench.pools import UNION_QUESTIONS as QUESTIONS

SUFFIXES = (".docx", ".txt", ".md", ".pdf")


def load_questions(path: Path = QUESTIONS) -> list[Question]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Question(r["id"], r["question"], r["lang"], r["answerable"], r.get("doc"), r.get("quote")) for r in rows]


def raw_text(path: Path) -> str:
    """What the tutorial recipe would load: python-docx text for Word files, pypdf's text of each
    page for PDFs, the file otherwise."""
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return unicodedata.normalize("NFC", "\n".join(page.extract_text() or "" for page in PdfReader(path).pages))
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def run(
    embedder,
    *,
    ablations: bool = True,
    log=print,
    docs_dir: Path = UNION,
    questions_path: Path = QUESTIONS,
    questions: list[Question] | None = None,
) -> dict:
    """The union section of the benchmark results (same systems as the other corpora); also one
    blind set's (bench.blinds), with its questions given."""
    files = sorted(p for p in docs_dir.iterdir() if p.suffix in SUFFIXES)
    questions = load_questions(questions_path) if questions is None else questions
    log(f"union: {len(files)} documents, {len(questions)} questions ({sum(q.answerable for q in questions)} answerable)")
    with WorkDir("bench-union-") as work:
        systems, indexes, info = article_systems(files, [RawDoc(p.name, raw_text(p)) for p in files], embedder, work, ablations)
        # Whole articles would hold every quote of their article: not a passage, not scored here.
        systems.pop("plain BM25 (one row per article)", None)
        out: dict = {"benchmark": "union", "documents": len(files), "questions": len(questions), **info}
        out.update(metrics={}, ranks={}, curves={}, seconds={})
        for name, system in systems.items():
            started = time.perf_counter()
            table, ranks = evaluate(lambda text, system=system: [(p.doc_id, p.text) for p in system(text, CURVE_K)], questions)
            out["seconds"][name] = round(time.perf_counter() - started, 1)
            out["metrics"][name], out["ranks"][name] = table, ranks
            found = [r for r in ranks.values() if r is not None]
            out["curves"][name] = [sum(r <= k for r in found) / max(1, len(ranks)) for k in range(1, CURVE_K + 1)]
            m = table["all"]
            log(f"  {name}: R@1 {m['R@1']:.3f} R@10 {m['R@10']:.3f} MRR@10 {m['MRR@10']:.3f} ({out['seconds'][name]} s)")
        out["abstention"] = abstention(indexes.searcher(OURS), questions)
    return out


def main(argv: list[str] | None = None) -> int:
    return article_cli("python -m bench.union", run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
