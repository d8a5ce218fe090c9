"""Dev-set evaluation over `corpus/`: this project's pipeline beside the two baselines a user would
otherwise build, measured in the same run.

    python -m bench.devset [--index DIR] [--out docs/bench-devset.json]

Systems:
- `ours`: the full pipeline (structure chunks, folded BM25 + bigrams, e5 dense, fusion, priors).
- `bm25`: plain BM25 on diacritic-folded syllables over fixed-size chunks.
- `tutorial`: RecursiveCharacterTextSplitter 500-character chunks + the same e5 model + FAISS flat.

A passage is correct when it comes from the gold document and contains the gold quote, or the
quote contains it, or it contains ≥ 60 % of the quote as a leading or trailing piece (so a fixed
chunk that cuts the quote is still credited — the rule is the same for every system).
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.normalize import normalize_text

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "eval" / "devset.jsonl"
KS = (1, 3, 5, 10)

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


def load_devset(path: Path = DEVSET) -> list[Question]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
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


# --- baselines --------------------------------------------------------------------------------


class FixedChunks:
    """The tutorial recipe's chunks: RecursiveCharacterTextSplitter over each raw document."""

    def __init__(self, corpus_dir: Path, size: int = 500, overlap: int = 50) -> None:
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(chunk_size=size, chunk_overlap=overlap)
        self.rows: list[tuple[str, str]] = []
        for path in sorted(corpus_dir.glob("*.txt")):
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
            self.rows.extend((path.name, piece) for piece in splitter.split_text(text))


class PlainBM25:
    """BM25 on folded syllables, no bigrams, no abbreviations, no structure."""

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        import bm25s

        from ingest.normalize import fold

        self._fold = fold
        self.rows = rows
        self._bm25 = bm25s.BM25()
        self._bm25.index([re.findall(r"\w+", fold(t)) or [""] for _, t in rows], show_progress=False)

    def __call__(self, question: str, k: int = 10) -> Retrieved:
        scores = self._bm25.get_scores(re.findall(r"\w+", self._fold(question)))
        return [self.rows[i] for i in np.argsort(-scores)[:k]]


class TutorialDense:
    """Fixed chunks + the same embedder + FAISS flat inner product."""

    def __init__(self, rows: list[tuple[str, str]], embedder) -> None:
        import faiss

        self.rows = rows
        self.embedder = embedder
        vectors = embedder.embed_passages([t for _, t in rows])
        self._index = faiss.IndexFlatIP(vectors.shape[1])
        self._index.add(vectors)

    def __call__(self, question: str, k: int = 10) -> Retrieved:
        q = self.embedder.embed_queries([question])
        _, rows = self._index.search(q, k)
        return [self.rows[i] for i in rows[0] if i >= 0]


def ours_runner(searcher, k: int = 10) -> Callable[[str], Retrieved]:
    def run(question: str) -> Retrieved:
        result = searcher.search(question, top_k=k)
        return [(h.chunk.doc_id, h.chunk.text) for h in result.hits]

    return run


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
    parser.add_argument("--index", help="an index of corpus/ (default: build one in a temp dir)")
    parser.add_argument("--out", default=None, help="write JSON results here")
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args(argv)

    from index.embedder import make_embedder
    from index.search import Searcher
    from index.store import load_index, update_index

    embedder = make_embedder()
    questions = load_devset()
    tmp = None
    index_dir = Path(args.index) if args.index else None
    if index_dir is None:
        tmp = tempfile.TemporaryDirectory()
        index_dir = Path(tmp.name)
    update_index([ROOT / "corpus"], index_dir, embedder)
    searcher = Searcher(load_index(index_dir, embedder.name), embedder)

    results: dict[str, object] = {"date": time.strftime("%Y-%m-%d"), "questions": len(questions)}
    systems: dict[str, Callable[[str], Retrieved]] = {"ours": ours_runner(searcher)}
    if not args.no_baselines:
        fixed = FixedChunks(ROOT / "corpus")
        systems["bm25"] = PlainBM25(fixed.rows)
        systems["tutorial"] = TutorialDense(fixed.rows, embedder)
    table = {}
    for name, run in systems.items():
        table[name], ranks = evaluate(run, questions)
        results[f"ranks_{name}"] = ranks
    results["metrics"] = table
    results["abstention"] = abstention(searcher, questions)
    print(format_table(table))
    print("abstention:", json.dumps(results["abstention"]))
    if args.out:
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()
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
