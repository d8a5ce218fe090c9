"""Diacritic restoration of questions typed without accents: accuracy, and the one constant it has.

    python -m bench.restore

Every accented question of three pools is folded ("Nghỉ phép năm được bao nhiêu ngày" →
"nghi phep nam duoc bao nhieu ngay") and restored by the restorer each pool's index would build
(index.query.DiacriticRestorer from its chunks). Score: share of words restored exactly, and of
questions restored whole.

Pools (bench/pools.py): `devset` (the bundled corpus, eval/devset.jsonl: accented and abbreviated
slices), `laws` (the seven Word laws, eval/laws_questions.jsonl, Vietnamese slice; the held-out
file is not used), `union` (eval/union/, Vietnamese slice) and `blinds` (eval/blinds/, accented
slice; each set restored by its own index's restorer, pooled). `COMMON_WEIGHT` (how much
index/data/vi_common.txt counts against the corpus) and `SMOOTHING` (the pseudo-counts behind a pair of forms never seen together) are fitted on the
other pools and reported on each in turn; the values fitted on all of them are what index/query.py
must hold (the run exits 1 and says so when it does not; it never edits code).

Baseline, same run: each word alone gets its most frequent form in the corpus (no context).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from bench import pools
from bench.common import machine

ROOT = Path(__file__).resolve().parent.parent
OUT_JSON = ROOT / "docs" / "restore-results.json"
OUT_MD = ROOT / "docs" / "restore-results.md"
GRID = (1, 3, 10, 30, 100, 300)
SMOOTHING_GRID = (1, 3, 10, 30, 100)
SLICES = ("accented", "abbrev", "vi")
# Tuning pools only: laws_heldout.jsonl and the bundled held-out questions are never fitted on.
# Each pool's indexes (one, or one per blind set), every one with its own restorer.
POOLS = {"devset": ("devset",), "laws": ("laws",), "union": ("union",), "blinds": pools.members("blinds")}
_WORD = re.compile(r"\w+")


def questions(member: str) -> list[str]:
    return [q.question for q in pools.questions(member) if q.slice in SLICES]


def corpus_texts(member: str) -> list[str]:
    from index.store import load_index

    # Brought up to date first, as bench.tune does (a no-op when nothing changed): an index built
    # by an older parser still loads, and would be read as it was.
    pools.build(member)
    return [c.text for c in load_index(pools.index_dir(member), pools.embedder().name).chunks]


def accuracy(runs) -> dict[str, float]:
    """Pooled over (restore, questions) pairs: one per index of the pool."""
    from ingest.normalize import fold

    ok = total = whole = asked = 0
    for restore, qs in runs:
        for q in qs:
            words = _WORD.findall(q.lower())
            out = _WORD.findall(restore(" ".join(fold(w) for w in words)).lower())
            good = sum(a == b for a, b in zip(words, out, strict=False))
            ok, total, whole = ok + good, total + len(words), whole + (good == len(words))
        asked += len(qs)
    return {"questions": asked, "word_accuracy": round(ok / max(1, total), 4), "question_accuracy": round(whole / max(1, asked), 4)}


def word_by_word(restorer):
    """The no-context baseline: each word's most frequent form."""

    def restore(text: str) -> str:
        out = []
        for w in text.split():
            forms = restorer._forms(w)
            out.append(max(forms, key=lambda f: forms[f][1]))
        return " ".join(out)

    return restore


def run() -> dict:
    from dataclasses import replace

    from index.query import DiacriticRestorer

    started = time.time()
    texts = {m: corpus_texts(m) for p in POOLS for m in POOLS[p]}
    qs = {m: questions(m) for p in POOLS for m in POOLS[p]}
    # One table per weight and index (smoothing does not change the counts).
    tables = {(w, m): DiacriticRestorer.from_texts(texts[m], common_weight=w) for w in GRID for m in texts}

    def score(pool: str, make) -> dict[str, float]:
        return accuracy((make(m), qs[m]) for m in POOLS[pool])

    configs = [(w, s) for w in GRID for s in SMOOTHING_GRID]
    grid = {
        p: {(w, s): score(p, lambda m, w=w, s=s: replace(tables[(w, m)], smoothing=s).restore) for w, s in configs}
        for p in POOLS
    }

    def fitted(pools_: list[str]) -> tuple[int, float]:
        return max(configs, key=lambda c: (sum(grid[p][c]["word_accuracy"] for p in pools_), -c[0], -c[1]))

    result: dict = {
        "grid": {p: {f"{w}/{s}": v for (w, s), v in g.items()} for p, g in grid.items()},
        "folds": {},
    }
    for held in POOLS:
        train = [p for p in POOLS if p != held]
        best = fitted(train)
        baseline = score(held, lambda m: word_by_word(tables[(1, m)]))
        no_glossary = score(
            held,
            lambda m, b=best: DiacriticRestorer.from_texts(texts[m], common_weight=b[0], vocabulary=None, smoothing=b[1]).restore,
        )
        # The rule before smoothing (a form's share of its syllable behind an unseen pair).
        unsmoothed = score(held, lambda m, b=best: replace(tables[(b[0], m)], total=0).restore)
        result["folds"][held] = {
            "fitted_on": "+".join(train),
            "weight": best[0],
            "smoothing": best[1],
            "held_out": grid[held][best],
            "without_glossary": no_glossary,
            "unsmoothed": unsmoothed,
            "word_by_word": baseline,
        }
    both = fitted(list(POOLS))
    result["fitted_on_both"] = both[0]
    result["smoothing_fitted_on_all"] = both[1]
    result["machine"] = machine()
    result["seconds"] = round(time.time() - started, 1)
    return result


def markdown(result: dict) -> str:
    lines = [
        "## Diacritic restoration (generated by `python -m bench.restore`)",
        "",
        "Accented questions folded to plain letters, restored by the restorer the pool's index builds (bigram "
        "Viterbi over the corpus, the Vietnamese side of the glossary once, and index/data/vi_common.txt, which "
        "counts `COMMON_WEIGHT` times; a pair of forms never seen together falls back on the form's share of the "
        "corpus with `SMOOTHING` pseudo-counts). Both are fitted on the other pools and reported on the one in the "
        "row. Same run: without the glossary; with the rule before smoothing (the form's share of its syllable, one "
        "pseudo-count); and the baseline, every word alone getting its most frequent form.",
        "",
        "| held-out pool | questions | weight / smoothing (fitted on) | words right | questions right "
        "| without glossary: words / questions | before smoothing: words / questions | baseline words | baseline questions |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for held, fold in result["folds"].items():
        h, b, g, u = fold["held_out"], fold["word_by_word"], fold["without_glossary"], fold["unsmoothed"]
        lines.append(
            f"| {held} | {h['questions']} | {fold['weight']} / {fold['smoothing']} ({fold['fitted_on']}) | "
            f"{h['word_accuracy']:.3f} | {h['question_accuracy']:.3f} | {g['word_accuracy']:.3f} / {g['question_accuracy']:.3f} | "
            f"{u['word_accuracy']:.3f} / {u['question_accuracy']:.3f} | {b['word_accuracy']:.3f} | {b['question_accuracy']:.3f} |"
        )
    lines += [
        "",
        f"Fitted on all pools: `COMMON_WEIGHT = {result['fitted_on_both']}`, `SMOOTHING = {result['smoothing_fitted_on_all']}` "
        "(index/query.py).",
        "",
    ]
    lines.append("Word accuracy per weight / smoothing (in-sample grid): " + "; ".join(
        f"{p}: " + ", ".join(f"{w} → {v['word_accuracy']:.3f}" for w, v in g.items()) for p, g in result["grid"].items()
    ) + ".")
    m = result["machine"]
    lines += ["", f"Run: {result['seconds']} s on {m['cores']} cores (load {m['loadavg']})."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(prog="python -m bench.restore").parse_args(argv)
    result = run()
    OUT_JSON.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    OUT_MD.write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    from index.query import COMMON_WEIGHT, SMOOTHING

    if (result["fitted_on_both"], result["smoothing_fitted_on_all"]) != (COMMON_WEIGHT, SMOOTHING):
        print(
            f"index/query.py has COMMON_WEIGHT = {COMMON_WEIGHT}, SMOOTHING = {SMOOTHING}; this run fits "
            f"{result['fitted_on_both']}, {result['smoothing_fitted_on_all']}.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
