"""The seven Word laws and decrees (shared/external/laws-docx) with eval/laws_questions.jsonl.

    python -m bench.laws [--quick] [--out FILE]      (also run by `python -m bench`)

Real-format input: our pipeline reads the .docx files itself (ingest.loaders); the baselines get
the text a tutorial would load with python-docx — the paragraphs and table rows of the body in
order, one per line. Gold: (law file, article) of each question; the questions' optional `also`
articles (9 of 84) are not credited, so every system is scored against the one article the
question was written from. Slices: language (vi, vi-noaccent, en) and paraphrased or not.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

from bench.common import ArticleQuestion, RawDoc, WorkDir, article_systems, evaluate_articles, machine

ROOT = Path(__file__).resolve().parent.parent
LAWS_DOCX = ROOT.parent / "shared" / "external" / "laws-docx"
QUESTIONS = ROOT / "eval" / "laws_questions.jsonl"


def docx_text(path: Path) -> str:
    """Body paragraphs and table rows (cells joined by " | ") in document order, NFC."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.extend(" | ".join(c.text for c in row.cells) for row in Table(child, document).rows)
    return unicodedata.normalize("NFC", "\n".join(lines))


def load_questions(path: Path = QUESTIONS) -> list[ArticleQuestion]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        slices = (row["lang"], "paraphrased" if row["paraphrased"] else "literal")
        out.append(ArticleQuestion(row["id"], row["question"], frozenset({(row["law"], str(row["article"]))}), slices))
    return out


def run(
    embedder,
    *,
    ablations: bool = True,
    limit: int | None = None,
    log=print,
    docs_dir: Path = LAWS_DOCX,
    questions_path: Path = QUESTIONS,
) -> dict:
    """The Word-laws section of the benchmark results."""
    files = sorted(docs_dir.glob("*.docx"))
    questions = load_questions(questions_path)
    if limit:
        questions = questions[:limit]
    raw = [RawDoc(p.name, docx_text(p)) for p in files]
    log(f"Word laws: {len(files)} documents, {len(questions)} questions")
    with WorkDir("bench-laws-") as work:
        systems, _indexes, info = article_systems(files, raw, embedder, work, ablations=ablations)
        result = evaluate_articles(systems, questions, progress=log)
    return {"benchmark": "laws-docx", "documents": len(files), "questions": len(questions), **info, **result}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.laws")
    parser.add_argument("--quick", action="store_true", help="no ablations")
    parser.add_argument("--out", help="write JSON here")
    args = parser.parse_args(argv)
    from bench.cache import CachedEmbedder
    from index.embedder import make_embedder

    embedder = CachedEmbedder(make_embedder())
    started = time.time()
    result = run(embedder, ablations=not args.quick, log=lambda m: print(m, file=sys.stderr))
    result["machine"] = machine()
    result["seconds"] = round(time.time() - started, 1)
    if args.out:
        Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, m in result["metrics"].items():
        a = m["all"]
        print(f"{name}: R@1 {a['R@1']:.3f} R@5 {a['R@5']:.3f} R@10 {a['R@10']:.3f} MRR@10 {a['MRR@10']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
