"""What the benchmarks share: the systems (this project's pipeline, its ablations, the two
baselines), mapping retrieved passages to law articles, article-level metrics, machine facts.

Every system answers a question with a best-first list of `Passage`s (document, text, article).
The article benchmarks (ALQAC, the Word laws) dedupe that list to an article ranking and score it
against gold (document, article) pairs; the dev set scores passages by quote (bench/devset.py).
Each system gets the same questions, the same documents and the same embedding model; only the
way documents are cut, indexed and searched differs.

Article of a passage:
- this project's structure chunks carry their clause path ("Điều 105 › Khoản 1"): the article is
  the path's "Điều N" (a preamble or signature chunk has none and is skipped in the ranking);
- fixed-size chunks (the tutorial recipe, plain BM25, and our pipeline with `chunker="fixed"`)
  are mapped by character offsets to every article whose span they overlap, largest overlap
  first — the reader of a chunk that straddles Điều 5 and Điều 6 sees both, so both are
  credited (each still takes a place among the top k). Spans are cut at lines that start with
  "Điều N." or are a bare "Điều N" and end at Chương / Mục / Phần / PHỤ LỤC headings, as in
  eval/check_laws_questions.py. The same rule for every fixed-chunk system.
"""

from __future__ import annotations

import bisect
import os
import platform
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ingest.document import shown_text
from ingest.structure import match_article

KS_ARTICLE = (1, 3, 5, 10)

# --- passages and article spans -----------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    doc_id: str
    text: str
    # ("105",) for a structure chunk; a fixed chunk may overlap several articles (largest overlap
    # first); () when the passage is outside every article (header, signature).
    articles: tuple[str, ...] = ()


# Articles start at the project's one "Điều N" heading pattern (ingest.structure.ARTICLE_HEADING).
_END_LINE = re.compile(
    r"^\s*(?:(?:Chương|CHƯƠNG)\s+[IVXLC\d]+|(?:Mục|MỤC)\s+[IVXLC\d]+|(?:Phần|PHẦN)\s+(?:thứ|THỨ|[IVXLC\d]+))(?:\s|\.|:|$)"
    r"|^\s*PHỤ LỤC\s*$"
)
_PATH_ARTICLE = re.compile(r"^Điều (\d+[a-zđ]?)$")


class ArticleSpans:
    """Character spans of the articles of one text: [start, end) → article number."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.articles: list[str] = []
        pos = 0
        for line in text.split("\n"):
            found = match_article(line)
            if found:
                self._close(pos)
                self.starts.append(pos)
                self.articles.append(found[0])
            elif _END_LINE.match(line):
                self._close(pos)
            pos += len(line) + 1
        self._close(len(text))

    def _close(self, pos: int) -> None:
        if len(self.ends) < len(self.starts):
            self.ends.append(pos)

    def articles_of(self, start: int, end: int) -> tuple[str, ...]:
        """Every article that [start, end) overlaps, the largest overlap first."""
        found: list[tuple[int, int, str]] = []
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        while i < len(self.starts) and self.starts[i] < end:
            overlap = min(end, self.ends[i]) - max(start, self.starts[i])
            if overlap > 0:
                found.append((-overlap, i, self.articles[i]))
            i += 1
        return tuple(article for _, _, article in sorted(found))


def path_article(path: Sequence[str]) -> str | None:
    """'105' for a chunk path ('Chương VII', 'Điều 105', 'Khoản 1'), None outside articles."""
    for label in reversed(path):
        m = _PATH_ARTICLE.match(label)
        if m:
            return m.group(1)
    return None


# --- the baselines' chunks ---------------------------------------------------------------------


@dataclass(frozen=True)
class RawDoc:
    """A document as the tutorial recipe loads it: its id (= our file name) and raw text."""

    doc_id: str
    text: str


def fixed_passages(docs: Iterable[RawDoc], size: int = 500, overlap: int = 50) -> list[Passage]:
    """RecursiveCharacterTextSplitter chunks (the tutorial recipe), each mapped to its article."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=size, chunk_overlap=overlap, add_start_index=True)
    out: list[Passage] = []
    for doc in docs:
        spans = ArticleSpans(doc.text)
        for piece in splitter.create_documents([doc.text]):
            start = int(piece.metadata["start_index"])
            articles = spans.articles_of(start, start + len(piece.page_content))
            out.append(Passage(doc.doc_id, piece.page_content, articles))
    return out


def article_passages(docs: Iterable[RawDoc]) -> list[Passage]:
    """One passage per article (the whole article text): the classic BM25 setup on ALQAC."""
    out: list[Passage] = []
    for doc in docs:
        spans = ArticleSpans(doc.text)
        for start, end, article in zip(spans.starts, spans.ends, spans.articles, strict=True):
            out.append(Passage(doc.doc_id, doc.text[start:end], (article,)))
    return out


class PlainBM25:
    """BM25 on diacritic-folded syllables: no bigrams, no abbreviations, no structure."""

    def __init__(self, passages: list[Passage]) -> None:
        import bm25s

        from ingest.normalize import fold

        self._fold = fold
        self.passages = passages
        self._bm25 = bm25s.BM25()
        self._bm25.index([re.findall(r"\w+", fold(p.text)) or [""] for p in passages], show_progress=False)

    def __call__(self, question: str, k: int = 50) -> list[Passage]:
        scores = self._bm25.get_scores(re.findall(r"\w+", self._fold(question)))
        return [self.passages[i] for i in np.argsort(-scores, kind="stable")[:k]]


class TutorialDense:
    """The tutorial recipe's retrieval: the same embedder, FAISS flat inner product, no fusion."""

    def __init__(self, passages: list[Passage], embedder) -> None:
        import faiss

        self.passages = passages
        self.embedder = embedder
        vectors = np.ascontiguousarray(embedder.embed_passages([p.text for p in passages]), dtype=np.float32)
        self._index = faiss.IndexFlatIP(vectors.shape[1])
        self._index.add(vectors)

    def __call__(self, question: str, k: int = 50) -> list[Passage]:
        q = np.ascontiguousarray(self.embedder.embed_queries([question]), dtype=np.float32)
        _, rows = self._index.search(q, min(k, len(self.passages)))
        return [self.passages[i] for i in rows[0] if i >= 0]


# --- this project's pipeline and its ablations -------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One configuration of our pipeline: how documents are indexed and how the searcher fuses."""

    name: str
    chunker: str = "structure"
    segmenter: str = "bigrams"
    fold_diacritics: bool = True
    # None = the fitted default (index/data/search_params.json, via SearchConfig).
    fusion: str | None = None
    dense_weight: float | None = None

    @property
    def build_key(self) -> tuple[str, str, bool]:
        return (self.chunker, self.segmenter, self.fold_diacritics)


OURS = Variant("ours")
ABLATIONS = (
    Variant("ours: dense only", dense_weight=1.0),
    Variant("ours: lexical only", dense_weight=0.0),
    Variant("ours: other fusion", fusion="other"),
    Variant("ours: fixed 500-char chunks", chunker="fixed"),
    Variant("ours: no diacritic folding", fold_diacritics=False),
    Variant("ours: pyvi words", segmenter="pyvi"),
    Variant("ours: syllables only", segmenter="none"),
)


@dataclass
class OurIndexes:
    """One index per distinct (chunker, tokenizer) among the variants, built in a temp dir."""

    sources: list[Path]
    embedder: object
    workdir: Path
    stores: dict[tuple, object] = field(default_factory=dict)
    builds: dict[tuple, dict] = field(default_factory=dict)

    def store(self, variant: Variant):
        from index.lexical import TokenizerConfig
        from index.store import load_index
        from ingest.build import update_index

        key = variant.build_key
        if key not in self.stores:
            directory = self.workdir / ("idx-" + "-".join(str(k) for k in key))
            tokenizer = TokenizerConfig(segmenter=variant.segmenter, fold_diacritics=variant.fold_diacritics)
            started = time.perf_counter()
            report = update_index(self.sources, directory, self.embedder, chunker=variant.chunker, tokenizer=tokenizer)
            self.builds[key] = {
                "chunker": variant.chunker,
                "segmenter": variant.segmenter,
                "fold_diacritics": variant.fold_diacritics,
                "documents": report.documents,
                "chunks": report.chunks,
                "skipped": [f"{s.source}: {s.reason}" for s in report.skipped],
                "seconds": round(time.perf_counter() - started, 1),
            }
            self.stores[key] = load_index(directory, self.embedder.name)
        return self.stores[key]

    def searcher(self, variant: Variant):
        from index.search import SearchConfig, Searcher

        config = SearchConfig()
        if variant.fusion is not None:
            # "other": the fusion method the tuning did not choose, as an ablation.
            other = "rrf" if config.fusion == "weighted" else "weighted"
            config = replace(config, fusion=other if variant.fusion == "other" else variant.fusion)
        if variant.dense_weight is not None:
            config = replace(config, dense_weight=variant.dense_weight)
        return Searcher(self.store(variant), self.embedder, config=config)


def ours_runner(searcher, fixed: bool = False, depth: int = 50) -> Callable[[str], list[Passage]]:
    """Our search as a system: best-first passages with their article (path, or offsets for
    `chunker="fixed"`, whose chunks have no clause path)."""
    spans: dict[str, ArticleSpans] = {}

    def articles(hit) -> tuple[str, ...]:
        if not fixed:
            found = path_article(hit.chunk.path)
            return () if found is None else (found,)
        doc = hit.document
        if doc.doc_id not in spans:
            spans[doc.doc_id] = ArticleSpans(doc.text)
        return spans[doc.doc_id].articles_of(hit.chunk.start, hit.chunk.end)

    def run(question: str, k: int = depth) -> list[Passage]:
        # Scored on what a user reads (the CLI's "text"): a point under the lead-in introducing it.
        result = searcher.search(question, top_k=k)
        return [Passage(h.chunk.doc_id, shown_text(h.chunk), articles(h)) for h in result.hits]

    return run


# --- article-level scoring ---------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleQuestion:
    id: str
    question: str
    gold: frozenset[tuple[str, str]]  # (doc_id, article)
    slices: tuple[str, ...] = ()


def article_ranking(passages: Iterable[Passage]) -> list[tuple[str, str]]:
    """Dedupe passages to (doc, article), best first; passages outside articles are skipped."""
    seen: dict[tuple[str, str], None] = {}
    for p in passages:
        for article in p.articles:
            seen.setdefault((p.doc_id, article), None)
    return list(seen)


def article_metrics(rankings: dict[str, list[tuple[str, str]]], questions: Sequence[ArticleQuestion]) -> dict[str, float]:
    """R@k = share of gold articles in the top k (averaged over questions); MRR@10 of the first."""
    n = len(questions)
    out: dict[str, float] = {"n": n}
    if n == 0:
        return out
    for k in KS_ARTICLE:
        out[f"R@{k}"] = sum(len(set(rankings[q.id][:k]) & q.gold) / len(q.gold) for q in questions) / n
    mrr = 0.0
    for q in questions:
        for rank, item in enumerate(rankings[q.id][:10], start=1):
            if item in q.gold:
                mrr += 1.0 / rank
                break
    out["MRR@10"] = mrr / n
    return out


def first_gold_rank(ranking: list[tuple[str, str]], gold: frozenset[tuple[str, str]]) -> int | None:
    for rank, item in enumerate(ranking, start=1):
        if item in gold:
            return rank
    return None


def recall_curve(rankings: dict[str, list[tuple[str, str]]], questions: Sequence[ArticleQuestion], kmax: int = 20) -> list[float]:
    """R@1 … R@kmax, for the plots."""
    n = max(1, len(questions))
    return [sum(len(set(rankings[q.id][:k]) & q.gold) / len(q.gold) for q in questions) / n for k in range(1, kmax + 1)]


def evaluate_articles(
    systems: dict[str, Callable[[str], list[Passage]]],
    questions: Sequence[ArticleQuestion],
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Metrics per system and per slice ("all" + each question's slices), recall curves, ranks."""
    out: dict[str, dict] = {"metrics": {}, "curves": {}, "ranks": {}, "seconds": {}}
    slices = ["all", *sorted({s for q in questions for s in q.slices})]
    for name, run in systems.items():
        started = time.perf_counter()
        rankings = {q.id: article_ranking(run(q.question)) for q in questions}
        out["seconds"][name] = round(time.perf_counter() - started, 1)
        out["metrics"][name] = {
            s: article_metrics(rankings, [q for q in questions if s == "all" or s in q.slices]) for s in slices
        }
        out["curves"][name] = recall_curve(rankings, questions)
        out["ranks"][name] = {q.id: first_gold_rank(rankings[q.id], q.gold) for q in questions}
        if progress:
            m = out["metrics"][name]["all"]
            progress(f"  {name}: R@1 {m['R@1']:.3f} R@10 {m['R@10']:.3f} MRR@10 {m['MRR@10']:.3f} ({out['seconds'][name]} s)")
    return out


def article_systems(
    sources: list[Path],
    raw_docs: list[RawDoc],
    embedder,
    workdir: Path,
    ablations: bool = True,
) -> tuple[dict[str, Callable[[str], list[Passage]]], OurIndexes, dict]:
    """Every system of an article benchmark, over the same documents and the same embedder."""
    indexes = OurIndexes(list(sources), embedder, workdir)
    systems: dict[str, Callable[[str], list[Passage]]] = {}
    for variant in (OURS, *(ABLATIONS if ablations else ())):
        systems[variant.name] = ours_runner(indexes.searcher(variant), fixed=variant.chunker == "fixed")
    fixed = fixed_passages(raw_docs)
    per_article = article_passages(raw_docs)
    systems["plain BM25 (500-char chunks)"] = PlainBM25(fixed)
    if per_article:  # documents without articles (a plan, a letter) have no article rows
        systems["plain BM25 (one row per article)"] = PlainBM25(per_article)
    systems["tutorial (500-char chunks + e5 + FAISS)"] = TutorialDense(fixed, embedder)
    info = {
        "fixed_chunks": len(fixed),
        "fixed_chunks_outside_articles": sum(1 for p in fixed if not p.articles),
        "fixed_chunks_spanning_articles": sum(1 for p in fixed if len(p.articles) > 1),
        "articles": len(per_article),
        "builds": list(indexes.builds.values()),
    }
    return systems, indexes, info


def article_benchmark(
    label: str, sources: list[Path], raw_docs: list[RawDoc], questions: Sequence[ArticleQuestion], embedder, *, ablations: bool, log
) -> dict:
    """Build every system over the documents in a temp directory and score the questions."""
    with WorkDir(f"bench-{label}-") as work:
        systems, _indexes, info = article_systems(sources, raw_docs, embedder, work, ablations=ablations)
        result = evaluate_articles(systems, questions, progress=log)
    return {**info, **result}


def article_cli(prog: str, run: Callable[..., dict], argv: list[str] | None, quick_limit: int | None = None) -> int:
    """`python -m bench.alqac|laws`: one article benchmark alone, printed (and written with --out)."""
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(prog=prog)
    quick = "no ablations" + (f", {quick_limit} questions" if quick_limit else "")
    parser.add_argument("--quick", action="store_true", help=quick)
    parser.add_argument("--out", help="write JSON here")
    args = parser.parse_args(argv)
    from bench.cache import CachedEmbedder
    from index.embedder import make_embedder

    started = time.time()
    limit = {"limit": quick_limit} if args.quick and quick_limit else {}
    result = run(CachedEmbedder(make_embedder()), ablations=not args.quick, log=lambda m: print(m, file=sys.stderr), **limit)
    result["machine"] = machine()
    result["seconds"] = round(time.time() - started, 1)
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, m in result["metrics"].items():
        a = m["all"]
        print(f"{name}: R@1 {a['R@1']:.3f} R@5 {a['R@5']:.3f} R@10 {a['R@10']:.3f} MRR@10 {a['MRR@10']:.3f}")
    return 0


# --- the machine ---------------------------------------------------------------------------------


def machine() -> dict:
    import psutil

    return {
        "cores": os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }


class WorkDir:
    """A temp directory removed at the end (indexes of the ablations are large-ish)."""

    def __init__(self, prefix: str = "bench-") -> None:
        self.path = Path(tempfile.mkdtemp(prefix=prefix))

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
