"""Dev-set evaluation over `corpus/`: this project's pipeline beside the two baselines a user would
otherwise build, measured in the same run.

    python -m bench.devset [--no-ablations] [--out docs/bench-devset.json]   (also run by `python -m bench`)

Systems (bench/common.py):
- `ours`: the full pipeline (structure chunks, folded BM25 + bigrams, e5 dense, fusion, priors),
  and its ablations (dense only, lexical only, RRF, fixed chunks, no folding, pyvi, syllables);
- `plain BM25`: BM25 on diacritic-folded syllables over 500-character chunks of the raw files;
- `tutorial`: RecursiveCharacterTextSplitter 500/50 chunks + the same e5 model + FAISS flat.

A passage is correct when it comes from the gold document and contains the gold quote, or the
quote contains it, or it contains ≥ 60 % of the quote as a leading or trailing piece (so a fixed
chunk that cuts the quote is still credited — the rule is the same for every system).
"""

from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "eval" / "devset.jsonl"
# Unanswerable questions over the same corpus added later (eval/README.md): part of the dev set.
DEVSET_UNANSWERABLE = ROOT / "eval" / "devset_unanswerable.jsonl"
DEVSET_FILES = (DEVSET, DEVSET_UNANSWERABLE)
KS = (1, 3, 5, 10)
CURVE_K = 20  # passages retrieved per question: R@1..R@20 for the plots

Retrieved = list[tuple[str, str]]  # (doc_id, passage text), best first


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    slice: str
    answerable: bool
    doc: str | None
    quote: str | None
    paraphrased: bool = False


def load_devset(*paths: Path) -> list[Question]:
    """The dev set's questions (default: every file of DEVSET_FILES)."""
    rows = [
        json.loads(line) for path in paths or DEVSET_FILES for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    return [
        Question(r["id"], r["question"], r["slice"], r["answerable"], r.get("doc"), r.get("quote"), r.get("paraphrased", False))
        for r in rows
    ]


def _norm(text: str) -> str:
    text = normalize_text(unicodedata.normalize("NFC", text)).replace("*", "")
    return re.sub(r"\s+", " ", text).strip()


def is_correct(doc_id: str, passage: str, q: Question) -> bool:
    if not q.answerable or q.quote is None or doc_id != q.doc:
        return False
    p, quote = _norm(passage), _norm(q.quote)
    if quote in p or (len(p) >= 20 and p in quote):
        return True
    piece = max(20, int(len(quote) * 0.6 + 0.5))
    return len(quote) > piece and (quote[:piece] in p or quote[-piece:] in p)


def first_correct_rank(retrieved: Retrieved, q: Question) -> int | None:
    for rank, (doc_id, text) in enumerate(retrieved, start=1):
        if is_correct(doc_id, text, q):
            return rank
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks)
    if n == 0:
        return {"n": 0}
    out: dict[str, float] = {"n": n}
    for k in KS:
        out[f"R@{k}"] = sum(1 for r in ranks if r is not None and r <= k) / n
    out["MRR@10"] = sum(1.0 / r for r in ranks if r is not None and r <= 10) / n
    return out


def evaluate(
    run: Callable[[str], Retrieved], questions: Iterable[Question], slices: bool = True
) -> tuple[dict[str, dict[str, float]], dict[str, int | None]]:
    """Per-slice metrics over answerable questions, and each question's first correct rank."""
    ranks: dict[str, int | None] = {}
    by_slice: dict[str, list[int | None]] = {}
    for q in questions:
        if not q.answerable:
            continue
        rank = first_correct_rank(run(q.question), q)
        ranks[q.id] = rank
        by_slice.setdefault("all", []).append(rank)
        if slices:
            by_slice.setdefault(q.slice, []).append(rank)
            if q.slice == "accented" and q.paraphrased:
                by_slice.setdefault("accented-paraphrased", []).append(rank)
    return {name: metrics(r) for name, r in by_slice.items()}, ranks


def run_suite(
    embedder,
    *,
    ablations: bool = True,
    log: Callable[[str], None] = print,
    corpus_dir: Path = ROOT / "corpus",
    devset: Path | None = None,
    workdir: Path | None = None,
) -> dict:
    """The dev-set section of `python -m bench`: every system over `corpus_dir`, scored by quote.

    Systems are those of the article benchmarks (bench/common.py): our pipeline and its
    ablations, plain BM25 and the tutorial recipe over 500-character chunks of the raw files.
    """
    from bench.common import (
        ABLATIONS,
        OURS,
        OurIndexes,
        PlainBM25,
        RawDoc,
        TutorialDense,
        WorkDir,
        fixed_passages,
        ours_runner,
    )

    questions = load_devset(*([devset] if devset is not None else []))
    files = sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    raw = [RawDoc(p.name, unicodedata.normalize("NFC", p.read_text(encoding="utf-8"))) for p in files if p.suffix == ".txt"]
    log(f"dev set: {len(files)} documents, {len(questions)} questions ({sum(q.answerable for q in questions)} answerable)")
    with WorkDir("bench-devset-") as tmp:
        indexes = OurIndexes([corpus_dir], embedder, workdir or tmp)
        runners = {}
        for variant in (OURS, *(ABLATIONS if ablations else ())):
            runners[variant.name] = ours_runner(indexes.searcher(variant), fixed=variant.chunker == "fixed", depth=CURVE_K)
        fixed = fixed_passages(raw)
        runners["plain BM25 (500-char chunks)"] = PlainBM25(fixed)
        runners["tutorial (500-char chunks + e5 + FAISS)"] = TutorialDense(fixed, embedder)
        out: dict = {"benchmark": "devset", "documents": len(files), "questions": len(questions)}
        out["fixed_chunks"] = len(fixed)
        table, ranks, curves, seconds = {}, {}, {}, {}
        answerable = [q for q in questions if q.answerable]
        for name, system in runners.items():
            started = time.perf_counter()
            table[name], ranks[name] = evaluate(
                lambda question, system=system: [(p.doc_id, p.text) for p in system(question, CURVE_K)], questions
            )
            seconds[name] = round(time.perf_counter() - started, 1)
            curves[name] = [
                sum(1 for q in answerable if ranks[name][q.id] is not None and ranks[name][q.id] <= k) / len(answerable)
                for k in range(1, CURVE_K + 1)
            ]
            m = table[name]["all"]
            log(f"  {name}: R@1 {m['R@1']:.3f} R@10 {m['R@10']:.3f} MRR@10 {m['MRR@10']:.3f} ({seconds[name]} s)")
        out.update(metrics=table, ranks=ranks, curves=curves, seconds=seconds, builds=list(indexes.builds.values()))
        out["abstention"] = abstention(indexes.searcher(OURS), questions)
    return out


def abstention(searcher, questions: list[Question]) -> dict[str, float]:
    """How often answer_found is false for unanswerable vs answerable questions."""
    un = [q for q in questions if not q.answerable]
    an = [q for q in questions if q.answerable]
    un_false = sum(1 for q in un if not searcher.search(q.question, top_k=5).answer_found)
    an_false = sum(1 for q in an if not searcher.search(q.question, top_k=5).answer_found)
    return {
        "unanswerable": len(un),
        "unanswerable_abstained": un_false / max(1, len(un)),
        "answerable": len(an),
        "answerable_abstained": an_false / max(1, len(an)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.devset")
    parser.add_argument("--out", default=None, help="write JSON results here")
    parser.add_argument("--no-ablations", action="store_true", help="only ours and the two baselines")
    parser.add_argument("--no-cache", action="store_true", help="embed without the bench cache")
    args = parser.parse_args(argv)

    from index.embedder import make_embedder

    embedder = make_embedder()
    if not args.no_cache:
        from bench.cache import CachedEmbedder

        embedder = CachedEmbedder(embedder)
    results: dict[str, object] = {"date": time.strftime("%Y-%m-%d")}
    results.update(run_suite(embedder, ablations=not args.no_ablations))
    print(format_table(results["metrics"]))  # type: ignore[arg-type]
    print("abstention:", json.dumps(results["abstention"]))
    if args.out:
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def format_table(table: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = ["| system | slice | n | R@1 | R@3 | R@5 | R@10 | MRR@10 |", "|---|---|---|---|---|---|---|---|"]
    for system, slices in table.items():
        for name, m in slices.items():
            lines.append(
                f"| {system} | {name} | {int(m['n'])} | "
                + " | ".join(f"{m[f'R@{k}']:.3f}" for k in KS)
                + f" | {m['MRR@10']:.3f} |"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
