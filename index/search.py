"""`Searcher.search()`: question in, ranked clauses with citations out, and whether the corpus
answers at all.

Steps: analyse the question (index.query) → dense candidates for each query variant (FAISS) and
lexical scores (BM25), both restricted by the filters inside the search → fusion
(index.fusion) → priors that encode how these documents are written → optional cross-encoder
reranking → abstention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from index.embedder import Embedder
from index.fusion import fuse
from index.query import DiacriticRestorer, QueryAnalysis, analyze
from index.rerank import Reranker
from index.store import IndexMismatchError, IndexStore
from ingest.document import CONTENT_KINDS, Chunk, Document, citation
from ingest.normalize import fold


@dataclass(frozen=True)
class SearchConfig:
    fusion: str = "weighted"
    dense_weight: float = 0.5
    rrf_k: int = 60
    candidates: int = 50
    # Who-does-what questions are answered by the "TỔ CHỨC THỰC HIỆN" sections.
    responsibility_boost: float = 0.15
    # "Ai ký …?", "gửi cho ai?", "ban hành ngày nào?" are answered by one kind of chunk.
    kind_boost: float = 0.5
    # Nơi nhận / signature chunks only when the question is about them.
    closing_penalty: float = 0.5
    rerank_top: int = 20
    # Abstention: answer_found when best cosine + coverage_weight · (share of the question's
    # syllable bigrams found in a top-3 passage) reaches min_confidence. Calibrated on the dev
    # set's answerable vs unanswerable questions (docs/BENCHMARKS.md).
    coverage_weight: float = 0.05
    min_confidence: float = 0.894


@dataclass(frozen=True)
class Filters:
    """Restrict a search to some documents; None means no restriction on that field."""

    doc_ids: frozenset[str] | None = None
    doc_types: frozenset[str] | None = None
    issuers: frozenset[str] | None = None
    years: frozenset[int] | None = None

    def allows(self, doc: Document) -> bool:
        meta = doc.meta
        return (
            (self.doc_ids is None or doc.doc_id in self.doc_ids)
            and (self.doc_types is None or meta.doc_type in self.doc_types)
            and (self.issuers is None or meta.issuer in self.issuers)
            and (self.years is None or meta.year in self.years)
        )

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.doc_ids, self.doc_types, self.issuers, self.years))


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    document: Document
    score: float
    dense: float | None
    lexical: float | None
    coverage: float

    @property
    def citation(self) -> str:
        return citation(self.document.meta, self.chunk)

    def to_dict(self) -> dict:
        return {
            "doc": self.document.doc_id,
            "citation": self.citation,
            "section": self.chunk.section,
            "text": self.chunk.text,
            "score": round(self.score, 4),
            "kind": self.chunk.kind,
            "dense": None if self.dense is None else round(self.dense, 4),
            "lexical": None if self.lexical is None else round(self.lexical, 4),
        }


@dataclass
class SearchResult:
    question: str
    answer_found: bool
    hits: list[Hit]
    analysis: QueryAnalysis | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "answer_found": self.answer_found,
            "results": [h.to_dict() for h in self.hits],
            **({"interpreted_as": self.analysis.shown_as} if self.analysis and self.analysis.shown_as else {}),
        }


_RESPONSIBILITY = re.compile(
    r"\b(ai|who|ban nao|co quan nao|don vi nao|cap nao|trach nhiem|chu tri|giao cho|phu trach|"
    r"responsible|in charge|tasked|which (?:body|board|department|agency|office))\b"
)
_ABOUT_SIGNATURE = re.compile(r"\b(ai ky|nguoi ky|ky ten|ky ban hanh|chu ky|signed|signs|signer|signature)\b")
_ABOUT_RECIPIENTS = re.compile(r"\b(noi nhan|gui cho|gui den|gui toi|recipients?|sent to)\b")
_ABOUT_DATE = re.compile(r"\b(ngay nao|ngay bao nhieu|khi nao|bao gio|thoi gian nao|nam nao|when|what date|which date)\b")
_ABOUT_ISSUE = re.compile(r"\b(ban hanh|ky|issued|dated|signed)\b")
_IMPLEMENTATION = "to chuc thuc hien"


class Searcher:
    def __init__(
        self,
        store: IndexStore,
        embedder: Embedder,
        reranker: Reranker | None = None,
        config: SearchConfig | None = None,
    ) -> None:
        if embedder.name != store.model:
            raise IndexMismatchError(
                f"Chỉ mục được xây dựng bằng mô hình '{store.model}', không phải '{embedder.name}'."
            )
        self.store = store
        self.embedder = embedder
        self.reranker = reranker
        self.config = config or SearchConfig()

    @property
    def restorer(self) -> DiacriticRestorer:
        return self.store.restorer  # built at index time, saved with the index

    def _indexed(self, row: int) -> str:
        # Imported here: only the optional reranker needs it, and ingest.chunking pulls in
        # langchain (seconds of a cold start).
        from ingest.chunking import indexed_text

        chunk = self.store.chunks[row]
        return indexed_text(chunk, self.store.documents[chunk.doc_id].meta)

    def _allowed(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or filters.empty:
            return None
        ok = {d for d, doc in self.store.documents.items() if filters.allows(doc)}
        return np.array([i for i, c in enumerate(self.store.chunks) if c.doc_id in ok], dtype=np.int64)

    def search(self, question: str, top_k: int = 5, filters: Filters | None = None) -> SearchResult:
        """Raises QueryError (Vietnamese message) for a question that cannot be searched."""
        analysis = analyze(question, restorer=self.restorer)
        cfg = self.config
        allowed = self._allowed(filters)
        if allowed is not None and len(allowed) == 0:
            return SearchResult(analysis.question, False, [], analysis, ["Không có văn bản nào khớp bộ lọc."])

        dense: dict[int, float] = {}
        vectors = self.embedder.embed_queries(analysis.dense_queries)
        for vector in vectors:
            scores, rows = self.store.backend.dense_search(vector, cfg.candidates, allowed)
            for s, r in zip(scores, rows, strict=True):
                dense[int(r)] = max(dense.get(int(r), -1.0), float(s))

        query_lexical = self.store.tokenizer.tokens(analysis.lexical_query, query=True)
        lex_all = self.store.backend.lexical_scores(query_lexical, allowed)
        top_lex = np.argsort(-lex_all)[: cfg.candidates]
        lexical = {int(r): float(lex_all[r]) for r in top_lex if lex_all[r] > 0}

        fused = fuse(cfg.fusion, dense, lexical, cfg.dense_weight, cfg.rrf_k)
        fused = self._priors(fused, analysis)
        ranked = sorted(fused, key=lambda r: -fused[r])

        if self.reranker is not None and ranked:
            head = ranked[: cfg.rerank_top]
            query = analysis.shown_as or analysis.question
            rerank_scores = self.reranker.score(query, [self._indexed(r) for r in head])
            order = sorted(range(len(head)), key=lambda i: -rerank_scores[i])
            ranked = [head[i] for i in order] + ranked[cfg.rerank_top :]

        query_tokens = self._content_tokens(analysis)
        hits = [
            Hit(
                chunk=self.store.chunks[r],
                document=self.store.documents[self.store.chunks[r].doc_id],
                score=fused[r],
                dense=dense.get(r),
                lexical=lexical.get(r),
                coverage=self._coverage(query_tokens, r),
            )
            for r in ranked[:top_k]
        ]
        found = self._answer_found(hits, dense)
        return SearchResult(analysis.question, found, hits, analysis)

    def _priors(self, fused: dict[int, float], analysis: QueryAnalysis) -> dict[int, float]:
        cfg = self.config
        if not fused:
            return fused
        top = max(fused.values())
        q = fold(" ".join(filter(None, [analysis.question, analysis.translated])))
        wanted_kind = (
            "signature"
            if _ABOUT_SIGNATURE.search(q)
            else "recipients"
            if _ABOUT_RECIPIENTS.search(q)
            else "preamble"
            if _ABOUT_DATE.search(q) and _ABOUT_ISSUE.search(q)
            else None
        )
        responsibility = wanted_kind is None and bool(_RESPONSIBILITY.search(q))
        out = {}
        for row, score in fused.items():
            chunk = self.store.chunks[row]
            if chunk.kind == wanted_kind:
                score += cfg.kind_boost * top
            elif chunk.kind not in CONTENT_KINDS:
                score *= cfg.closing_penalty
            if responsibility and any(_IMPLEMENTATION in fold(p) for p in chunk.path):
                score += cfg.responsibility_boost * top
            out[row] = score
        return out

    def _content_tokens(self, analysis: QueryAnalysis) -> set[str]:
        tok = self.store.tokenizer
        text = analysis.translated or analysis.question
        # Bigrams: "thai_san", "ket_hon" say what a question is about; single syllables match anything.
        return {t for t in tok.tokens(text, query=True) if "_" in t}

    def _coverage(self, query_tokens: set[str], row: int) -> float:
        if not query_tokens:
            return 0.0
        return len(query_tokens & self.store.chunk_tokens(row)) / len(query_tokens)

    def _answer_found(self, hits: list[Hit], dense: dict[int, float]) -> bool:
        if not hits:
            return False
        best_dense = max(dense.values(), default=0.0)
        best_cov = max(h.coverage for h in hits[:3])
        return best_dense + self.config.coverage_weight * best_cov >= self.config.min_confidence
