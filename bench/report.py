"""docs/BENCHMARKS.md and the recall plot, generated from the results JSON of `python -m bench`.

Everything with a number in it is generated, so the page never disagrees with the JSON. The
interpretation is hand-written in docs/bench-notes.md (next to the JSON) and inserted verbatim;
it names the date of the run it was written from, since a re-run can change the numbers under it.

    python -m bench --report-only      # regenerate the page and the plot from the JSON
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from bench.pools import DESCRIPTIONS

MAIN_SYSTEMS = ("ours", "plain BM25 (500-char chunks)", "tutorial (500-char chunks + e5 + FAISS)")
ROOT = Path(__file__).resolve().parent.parent
NOTES_FILE = "bench-notes.md"
PANEL_TITLES = {
    "devset": "dev set (answerable)",
    "alqac": "ALQAC 2024",
    "laws": "seven Word laws",
    "union": "union documents (answerable)",
    "blinds": "blind sets, each indexed alone (answerable)",
}
# The quality sections, in page order; the quote-scored ones count passages, the others articles.
BENCHES = ("devset", "alqac", "laws", "union", "blinds")
QUOTE_BENCHES = ("devset", "union", "blinds")
PLOT_FILE = "bench-recall.png"
TITLES = {
    "devset": "Dev set (eval/devset.jsonl and devset_unanswerable.jsonl over corpus/, passage must contain the gold quote)",
    "alqac": "ALQAC 2024 (shared/external/alqac2024: law.json as one document per law; article retrieval)",
    "laws": "Seven Word laws (shared/external/laws-docx, eval/laws_questions.jsonl; article retrieval)",
    "union": "Union documents (eval/union/: a union law, the union charter, a collective agreement; "
    "eval/union_questions.jsonl; passage must contain the gold quote)",
    "blinds": "Blind sets (eval/blinds/bNN/: two to six documents each, every set indexed on its own; "
    "eval/blinds_questions.jsonl; passage must contain the gold quote; pooled over the sets)",
}
# Slices shown in the MRR@10-per-slice table of a quote-scored section.
QUOTE_SLICES = {
    "devset": ("all", "accented", "accented-paraphrased", "unaccented", "english", "abbrev"),
    "union": ("all", "vi", "vi-noaccent", "en"),
    "blinds": ("all", "vi", "vi-noaccent", "en"),
}


def _f(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:.0%}"


def metric_table(
    metrics: dict[str, dict[str, dict[str, float]]],
    slice_name: str = "all",
    systems: Iterable[str] | None = None,
    ks: Sequence[int] = (1, 3, 5, 10),
) -> str:
    head = "| system | n | " + " | ".join(f"R@{k}" for k in ks) + " | MRR@10 |"
    lines = [head, "|---|---|" + "---|" * (len(ks) + 1)]
    for name in systems or metrics:
        m = metrics.get(name, {}).get(slice_name)
        if not m:
            continue
        cells = " | ".join(_f(m.get(f"R@{k}")) for k in ks)
        lines.append(f"| {name} | {int(m['n'])} | {cells} | {_f(m.get('MRR@10'))} |")
    return "\n".join(lines)


def slice_table(metrics: dict, systems: Sequence[str], slices: Sequence[str], key: str = "MRR@10") -> str:
    present = [s for s in slices if any(s in metrics.get(name, {}) for name in systems)]
    first = next((metrics[n] for n in systems if n in metrics), {})
    head = "| system | " + " | ".join(f"{s} (n={int(first.get(s, {}).get('n', 0))})" for s in present) + " |"
    lines = [head, "|---|" + "---|" * len(present)]
    for name in systems:
        if name not in metrics:
            continue
        lines.append(f"| {name} | " + " | ".join(_f(metrics[name].get(s, {}).get(key)) for s in present) + " |")
    return "\n".join(lines)


def ablation_table(results: dict) -> str:
    """MRR@10 (and R@10) of every variant on every benchmark, with the change against `ours`."""
    benches = [b for b in BENCHES if b in results]
    names: list[str] = []
    for b in benches:
        for name in results[b]["metrics"]:
            if name not in names:
                names.append(name)
    head = "| system | " + " | ".join(f"{b} R@10 | {b} MRR@10 | Δ MRR" for b in benches) + " |"
    lines = [head, "|---|" + "---|---|---|" * len(benches)]
    for name in names:
        cells = []
        for b in benches:
            m = results[b]["metrics"].get(name, {}).get("all")
            base = results[b]["metrics"].get("ours", {}).get("all")
            if not m:
                cells.append("– | – | –")
                continue
            delta = "" if name == "ours" or not base else f"{m['MRR@10'] - base['MRR@10']:+.3f}"
            cells.append(f"{_f(m['R@10'])} | {_f(m['MRR@10'])} | {delta}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def speed_table(speed: dict) -> str:
    lines = [
        "| corpus | docs | chunks | ingest wall (s) | chunks/s (wall) | chunks/s (build only) | peak RSS of ingest (MiB) "
        "| index on disk (MB) | load avg at start (1 min) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in speed.get("rows", []):
        lines.append(
            f"| {r['corpus']} | {r['documents']} | {r['chunks']} | {r['wall_seconds']} | {r['chunks_per_second']} "
            f"| {r['build_chunks_per_second']} | {r['peak_rss_mib']} | {r['index_bytes'] / 1e6:.1f} "
            f"| {r['loadavg_before'][0]:.1f} |"
        )
    return "\n".join(lines)


def latency_table(speed: dict) -> str:
    lines = [
        "| corpus | OpenMP | warm questions | warm p50 (ms) | warm p95 (ms) | cold start median (s) | cold runs (s) "
        "| peak RSS of cold start (MiB) | load avg (1 min) warm → cold |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in speed.get("rows", []):
        for label, w in r.get("warm", {}).items():
            c = r["cold"][label]
            lines.append(
                f"| {r['corpus']} | {label} | {w['questions']} | {w['p50_ms']} | {w['p95_ms']} | {c['median_seconds']} "
                f"| {', '.join(str(x) for x in c['runs_seconds'])} | {c['peak_rss_mib']} "
                f"| {w['loadavg_before'][0]:.1f} → {c['loadavg_after'][0]:.1f} |"
            )
    return "\n".join(lines)


def builds_table(section: dict) -> str:
    lines = ["| chunker | segmenter | folding | documents | chunks |", "|---|---|---|---|---|"]
    for b in section.get("builds", []):
        lines.append(f"| {b['chunker']} | {b['segmenter']} | {b['fold_diacritics']} | {b['documents']} | {b['chunks']} |")
    return "\n".join(lines)


def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    benches = [b for b in BENCHES if b in results]
    if not benches:
        return
    shown = {
        "ours": ("tab:blue", "-"),
        "ours: dense only": ("tab:cyan", "--"),
        "ours: lexical only": ("tab:purple", "--"),
        "ours: fixed 500-char chunks": ("tab:olive", ":"),
        "plain BM25 (500-char chunks)": ("tab:orange", "-"),
        "plain BM25 (one row per article)": ("tab:brown", "-."),
        "tutorial (500-char chunks + e5 + FAISS)": ("tab:red", "-"),
    }
    fig, axes = plt.subplots(1, len(benches), figsize=(5.2 * len(benches), 5.0), squeeze=False)
    for ax, b in zip(axes[0], benches, strict=True):
        curves = results[b].get("curves", {})
        for name, (color, style) in shown.items():
            if name in curves:
                ks = range(1, len(curves[name]) + 1)
                ax.plot(ks, curves[name], style, color=color, label=name, linewidth=2 if name == "ours" else 1.3)
        unit = "passages" if b in QUOTE_BENCHES else "articles"
        n = int(results[b]["metrics"].get("ours", {}).get("all", {}).get("n", results[b]["questions"]))
        ax.set_title(f"{PANEL_TITLES.get(b, b)} ({n} questions)")
        ax.set_xlabel(f"k ({unit} retrieved)")
        ax.set_ylabel("recall@k")
        ax.set_ylim(0, 1)
        ax.set_xticks([1, 5, 10, 15, 20])
        ax.grid(alpha=0.3)
    labels: dict[str, object] = {}
    for ax in axes[0]:
        for handle, label in zip(*ax.get_legend_handles_labels(), strict=True):
            labels.setdefault(label, handle)
    fig.legend(list(labels.values()), list(labels), loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.suptitle(f"Recall@k by system — {results.get('date', '')}, {results.get('model', '')}", fontsize=10)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def quote_section(b: str, r: dict) -> list[str]:
    """The page section of a quote-scored benchmark (the dev set, the union documents, the blind sets)."""
    pool = " A tuning pool (bench/pools.py): the numbers of `ours` are in-sample." if b in ("union", "blinds") else ""
    out = [f"## {TITLES[b]}\n"]
    out.append(
        f"{r['documents']} documents, {r['questions']} questions; metrics over the answerable ones. A passage is "
        "correct when it comes from the gold document and contains the gold quote (or ≥ 60 % of it as a "
        f"leading or trailing piece, or lies inside it) — the same rule for every system.{pool}\n"
    )
    out.append(metric_table(r["metrics"]) + "\n")
    out.append("MRR@10 per slice:\n")
    out.append(slice_table(r["metrics"], list(r["metrics"]), QUOTE_SLICES[b]) + "\n")
    a = r.get("abstention")
    if a:
        out.append(
            f"Abstention of `ours` (`answer_found` false): {a['unanswerable_abstained']:.1%} of the "
            f"{a['unanswerable']} unanswerable questions, {a['answerable_abstained']:.1%} of the {a['answerable']} "
            "answerable ones (in-sample: the 'no answer' constants were fitted with this set in the tuning pool).\n"
        )
    return out


def scale_section(scale: dict | None) -> str:
    if not scale:
        return "Not run yet: `python -m bench.scale --sizes 100000 1000000 --out docs/bench-scale.json`.\n"
    try:
        from bench.scale import markdown_table

        table = markdown_table(scale["rows"])
    except Exception as exc:  # the scale benchmark is someone else's module; never fail the page on it
        table = f"(could not format docs/bench-scale.json: {type(exc).__name__}: {exc})"
    meta = scale.get("meta", {})
    return (
        f"Synthetic e5-like vectors, dense index only (flat vs HNSW vs IVF), from docs/bench-scale.json "
        f"(run {meta.get('started_at', '?')}, produced separately by `python -m bench.scale`; see the module "
        f"docstring for the method). Plot: [bench-scale.png](bench-scale.png).\n\n{table}\n"
    )


def markdown(
    results: dict, notes: str | None, json_name: str = "docs/bench-results.json", extra: dict[str, str] | None = None
) -> str:
    m = results.get("machine", {})
    out: list[str] = []
    out.append("# Benchmarks\n")
    out.append(
        f"Generated by `python -m bench` from `{json_name}` (do not edit by hand; the interpretation "
        f"comes from `{NOTES_FILE}` beside it).\n"
    )
    out.append("| | |\n|---|---|")
    out.append(f"| date | {results.get('date')} |")
    out.append(f"| command | `{results.get('command')}` |")
    out.append(
        f"| machine | {m.get('cores')} cores, {m.get('ram_gib')} GiB RAM, {m.get('cpu')}, Python {m.get('python')} |"
    )
    out.append(f"| model | `{results.get('model')}` (the default embedder; same model for every system) |")
    load_start = results.get("loadavg_start")
    load_end = results.get("loadavg_end")
    out.append(f"| load average (1/5/15 min) | start {load_start}, end {load_end} (shared machine) |")
    out.append(f"| duration | {results.get('seconds', 0) / 60:.1f} min |")
    short = {
        "devset": "dev set",
        "alqac": "ALQAC",
        "laws": "Word laws",
        "union": "union documents",
        "blinds": "blind sets",
        "speed": "speed",
    }
    stamps = [
        f"{short[k]}: {results[k]['run']['date']} at `{results[k]['run']['commit']}`"
        for k in short
        if isinstance(results.get(k), dict) and results[k].get("run")
    ]
    unstamped = [short[k] for k in short if k in results and not results[k].get("run")]
    if stamps or unstamped:
        out.append(
            "| sections measured | "
            + "; ".join(stamps + [f"{t}: an earlier run (2026-11-22, engine 9c1f5c3, parser v3)" for t in unstamped])
            + " |"
        )
    cache = results.get("embedding_cache")
    if cache:
        out.append(
            f"| embedding cache | {cache['hits']} vectors from the cache, {cache['misses']} embedded in this run "
            "(`data/bench-cache/`; quality numbers do not depend on it, speed numbers never use it) |"
        )
    out.append("")
    out.append(f"![recall@k]({PLOT_FILE})\n")

    out.append("## Headline\n")
    out.append(
        "`ours` = this project's pipeline as shipped (structure-aware chunks, folded BM25 + syllable bigrams, "
        "e5 dense, weighted fusion, priors). `plain BM25` = BM25 on diacritic-folded syllables over "
        "500-character chunks of the same documents. `tutorial` = RecursiveCharacterTextSplitter 500/50 + the "
        "same e5 model + FAISS flat. On ALQAC and the laws a retrieved passage counts through its article "
        "(deduplicated ranking of articles); on the dev set, the union documents and the blind sets through the quote it contains.\n"
    )
    lines = ["| benchmark | system | n | R@1 | R@5 | R@10 | MRR@10 |", "|---|---|---|---|---|---|---|"]
    headline = (
        ("devset", "dev set"),
        ("alqac", "ALQAC 2024"),
        ("alqac:Tự luận", "ALQAC Tự luận"),
        ("laws", "Word laws"),
        ("union", "union documents"),
        ("blinds", "blind sets"),
    )
    for b, label in headline:
        name, _, sl = b.partition(":")
        if name not in results:
            continue
        for system in MAIN_SYSTEMS:
            x = results[name]["metrics"].get(system, {}).get(sl or "all")
            if x:
                lines.append(
                    f"| {label} | {system} | {int(x['n'])} | {_f(x['R@1'])} | {_f(x['R@5'])} | {_f(x['R@10'])} | {_f(x['MRR@10'])} |"
                )
    out.append("\n".join(lines) + "\n")

    out.append("## What the numbers say\n")
    out.append((notes or "_No notes yet: write docs/bench-notes.md and run `python -m bench --report-only`._").strip() + "\n")

    out.append("## Ablations\n")
    out.append(
        "Each row changes one thing in `ours`: `dense only` / `lexical only` = fusion weight 1.0 / 0.0 (priors "
        "still applied), `RRF fusion` = reciprocal-rank fusion instead of weighted, `fixed 500-char chunks` = "
        "`chunker=\"fixed\"` through our pipeline (document name still prepended), `no diacritic folding` = "
        "BM25 on accented syllables, `pyvi words` / `syllables only` = word segmentation of the BM25 side "
        "(pyvi compounds / none) instead of syllable bigrams. Δ MRR is against `ours`.\n"
    )
    out.append(ablation_table(results) + "\n")

    if "devset" in results:
        out.extend(quote_section("devset", results["devset"]))
    for b in ("alqac", "laws"):
        if b not in results:
            continue
        r = results[b]
        out.append(f"## {TITLES[b]}\n")
        types_note = ""
        if b == "alqac":
            types = r.get("question_types", {})
            types_note = (
                f" Question types: {', '.join(f'{k} {v}' for k, v in types.items())}. Queries are the question "
                "text only (multiple-choice options not appended)."
            )
        out.append(
            f"{r['documents']} documents, {r['articles']} articles, {r['questions']} questions.{types_note} Baseline chunks: "
            f"{r['fixed_chunks']} (500/50); {r.get('fixed_chunks_spanning_articles', '?')} of them straddle two or more "
            f"articles and stand for each of them (largest overlap first), {r['fixed_chunks_outside_articles']} lie "
            "outside every article (headers, appendices).\n"
        )
        out.append(metric_table(r["metrics"]) + "\n")
        if b == "alqac":
            out.append("**Tự luận (essay) questions only:**\n")
            out.append(metric_table(r["metrics"], "Tự luận") + "\n")
            out.append("MRR@10 by question type:\n")
            out.append(slice_table(r["metrics"], list(r["metrics"]), ["all", "Đúng/Sai", "Trắc nghiệm", "Tự luận"]) + "\n")
        else:
            out.append("MRR@10 by language and wording:\n")
            out.append(
                slice_table(r["metrics"], list(r["metrics"]), ["all", "vi", "vi-noaccent", "en", "paraphrased", "literal"])
                + "\n"
            )
        out.append("Indexes built for this benchmark (one per chunker/tokenizer):\n")
        out.append(builds_table(r) + "\n")
    for b in ("union", "blinds"):
        if b in results:
            out.extend(quote_section(b, results[b]))

    if "speed" in results:
        out.append("## Speed and size\n")
        out.append(
            "Real commands, real model, nothing cached (bench/speed.py). Ingest = `python -m ingest PATH --index TMP "
            "--quiet` from scratch as a child process: chunks/s over its wall time (imports, model load, parsing, "
            "embedding, writing) and over the build time the CLI reports; peak RSS of that process; size of the "
            "index directory.\n"
        )
        out.append(speed_table(results["speed"]) + "\n")
        out.append(
            "Warm latency = a fresh process holding one searcher (real model), 5 warm-up questions, then every "
            "question of the set (dev set for the corpus, laws questions for the laws) timed alone, top 5. Cold "
            "start = `python -m index QUESTION --index TMP` wall time (spawn to exit). Both as shipped (OpenMP threads "
            "sleep while they wait: the product sets `OMP_WAIT_POLICY=passive` unless the user sets it) and with "
            "`OMP_WAIT_POLICY=active`, GNU OpenMP's own default, where threads spin at the end of each parallel "
            "region: on a loaded machine one query then waits for a descheduled sibling thread hundreds of times.\n"
        )
        out.append(latency_table(results["speed"]) + "\n")

    out.append("## Dense index at 100k–1M chunks\n")
    out.append(scale_section(results.get("scale")))
    for title, text in (extra or {}).items():
        out.append(f"## {title}\n")
        out.append(_demote(text).strip() + "\n")
    return "\n".join(out)


# Sections written by the other benchmark scripts, each generated from its own JSON in docs/.
EXTRA_SECTIONS = {
    "Tuning and leave-one-corpus-out": ("tuning-results.md", "tuning-results.json", "tuning"),
    "Diacritic restoration": ("restore-results.md", "restore-results.json", "restore"),
    "Everyday wording": ("everyday-results.md", "everyday-results.json", "everyday"),
    "Embedding backends": ("embed-backends.md", "embed-backends.json", "embed"),
    "Local and Milvus backends": ("bench-backends.md", "bench-backends.json", "backends"),
    "Milvus Lite at scale": ("bench-milvus-scale.md", "bench-milvus-scale.json", "milvus_scale"),
    "HTTP API under load": ("api-load.md", "api-load.json", "api"),
}


def _demote(text: str) -> str:
    """Headings of a folded-in section one level below this page's sections."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            hashes = len(line) - len(line.lstrip("#"))
            line = "#" * max(3, hashes + 1) + line[hashes:]
        lines.append(line)
    return "\n".join(lines)


def notes_context(results: dict, out_dir: Path) -> dict:
    """What the notes' placeholders may name: this run's results plus the other scripts' JSON."""
    context = dict(results)
    for _md, json_file, key in EXTRA_SECTIONS.values():
        if json_file and (out_dir / json_file).exists():
            context[key] = json.loads((out_dir / json_file).read_text(encoding="utf-8"))
    return context


def write(results: dict, out_dir: Path, json_name: str = "docs/bench-results.json") -> tuple[Path, Path]:
    """Write BENCHMARKS.md and the plot into out_dir; notes are read from out_dir/bench-notes.md."""
    out_dir.mkdir(parents=True, exist_ok=True)
    notes_path = out_dir / NOTES_FILE
    notes = notes_path.read_text(encoding="utf-8") if notes_path.exists() else None
    if notes is not None:
        from bench.notes import render

        notes = render(notes, notes_context(results, out_dir))
    extra = {
        title: (out_dir / md_file).read_text(encoding="utf-8")
        for title, (md_file, _json, _key) in EXTRA_SECTIONS.items()
        if (out_dir / md_file).exists()
    }
    md = out_dir / "BENCHMARKS.md"
    md.write_text(markdown(results, notes, json_name, extra), encoding="utf-8")
    if out_dir.resolve() == (ROOT / "docs").resolve():
        update_readme(ROOT / "README.md", readme_block(results, notes_context(results, out_dir)))
    png = out_dir / PLOT_FILE
    plot(results, png)
    return md, png


README_START = "<!-- generated by python -m bench (bench/report.py): do not edit by hand -->"
README_END = "<!-- end of generated block -->"


def readme_block(results: dict, context: dict) -> str:
    """The README's retrieval-quality numbers, from the same results as BENCHMARKS.md."""
    out = ["| benchmark (measured on) | system | R@1 | R@5 | MRR@10 |", "|---|---|---|---|---|"]
    # The dev set, the laws questions, the union set, the blind sets and five ALQAC laws are tuning pools
    # (bench/pools.py): say so.
    dev_n = results.get("devset", {}).get("abstention", {}).get("answerable", 111)
    union_n = results.get("union", {}).get("abstention", {}).get("answerable", "")
    blinds_n = results.get("blinds", {}).get("abstention", {}).get("answerable", "")
    blinds_sets = results.get("blinds", {}).get("sets", "")
    names = {
        "devset": f"dev set, {dev_n} answerable (a tuning pool: in-sample for ours)",
        "alqac": "ALQAC 2024, 530 (207 of them, over five laws, are a tuning pool)",
        "laws": f"seven Word laws, {results.get('laws', {}).get('questions', '')} (a tuning pool: in-sample for ours)",
        "union": f"union documents, {union_n} answerable (a tuning pool: in-sample for ours)",
        "blinds": f"{blinds_sets} blind sets, {blinds_n} answerable, each set indexed alone (a tuning pool: in-sample for ours)",
    }
    for key, label in names.items():
        section = results.get(key)
        if not isinstance(section, dict):
            continue
        when = section.get("run", {}).get("date", "2026-11-22, engine before this session")
        for system in MAIN_SYSTEMS:
            x = section["metrics"].get(system, {}).get("all")
            if x:
                out.append(f"| {label} ({when}) | {system} | {_f(x['R@1'])} | {_f(x['R@5'])} | {_f(x['MRR@10'])} |")
    text = "\n".join(out) + "\n"
    for key, label in (("devset", "Dev set"), ("union", "Union documents"), ("blinds", "Blind sets")):
        a = results.get(key, {}).get("abstention")
        if a:
            text += (
                f"\n{label} abstention: `answer_found` is false for {a['unanswerable_abstained']:.1%} of the "
                f"{a['unanswerable']} unanswerable questions and {a['answerable_abstained']:.1%} of the {a['answerable']} "
                "answerable ones (in-sample: the rule was fitted with this set in the tuning pool).\n"
            )
    t = context.get("tuning", {}).get("final", {})
    if t.get("heldout"):
        h = t["heldout"]
        text += (
            f"\nHeld out from all tuning (`eval/laws_heldout.jsonl`, {h['ranking']['n']} answerable + "
            f"{h['abstention']['unanswerable']} unanswerable questions over the seven Word laws): R@5 "
            f"{_f(h['ranking']['R@5'])}, MRR@10 {_f(h['ranking']['MRR@10'])}; "
            f"{h['abstention']['false_not_found']:.0%} of answerable questions marked not found, "
            f"{h['abstention']['unanswerable_caught']:.0%} of unanswerable ones caught. Leave-one-corpus-out "
            "tables: docs/BENCHMARKS.md.\n"
        )
        by_language = t.get("heldout_by_language", {})
        labels = {"vi": "Vietnamese", "vi-noaccent": "without diacritics", "en": "English"}
        parts = [
            f"{labels[lang]} {s['fitted']['ranking']['n']}: R@5 {_f(s['fitted']['ranking']['R@5'])}, MRR@10 "
            f"{_f(s['fitted']['ranking']['MRR@10'])} (configuration before any fitting, same run: {_f(s['baseline']['ranking']['MRR@10'])})"
            for lang, s in by_language.items()
            if lang in labels and s.get("fitted", {}).get("ranking", {}).get("n")
        ]
        if parts:
            text += "By language, answerable held-out questions: " + "; ".join(parts) + ".\n"
    for name, o in t.get("other_heldout", {}).items():
        f, a = o["fitted"]["ranking"], o["fitted"]["abstention"]
        text += (
            f"\nHeld out, `{name}` ({DESCRIPTIONS.get(name, name)}; {f['n']} answerable + {a['unanswerable']} "
            f"unanswerable questions): R@5 {_f(f['R@5'])}, MRR@10 {_f(f['MRR@10'])} "
            f"(configuration before any fitting, same run: {_f(o['baseline']['ranking']['MRR@10'])}); "
            f"{_pct(a['false_not_found'])} of answerable questions marked not found, "
            f"{_pct(a['unanswerable_caught'])} of unanswerable ones caught.\n"
        )
    return text


def update_readme(readme: Path, block: str) -> bool:
    """Replace the generated block of the README, if it has one."""
    if not readme.exists():
        return False
    text = readme.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        return False
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(f"{head}{README_START}\n{block}{README_END}{tail}", encoding="utf-8")
    return True


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
