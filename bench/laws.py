"""The seven Word laws and decrees (shared/external/laws-docx) with eval/laws_questions.jsonl.

    python -m bench.laws [--quick] [--out FILE]      (also run by `python -m bench`)

Real-format input: our pipeline reads the .docx files itself (ingest.loaders); the baselines get
the text a tutorial would load with python-docx — the paragraphs and table rows of the body in
order, one per line. Gold: (law file, article) of each question; the questions' optional `also`
articles (9 of 84) are not credited, so every system is scored against the one article the
question was written from. Slices: language (vi, vi-noaccent, en) and paraphrased or not.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from bench.common import ArticleQuestion, RawDoc, article_benchmark, article_cli

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
    result = article_benchmark("laws", files, raw, questions, embedder, ablations=ablations, log=log)
    return {"benchmark": "laws-docx", "documents": len(files), "questions": len(questions), **result}


def main(argv: list[str] | None = None) -> int:
    return article_cli("python -m bench.laws", run, argv)


if __name__ == "__main__":
    raise SystemExit(main())
