"""ALQAC 2024 article retrieval: 2,249 articles of 17 laws, 530 expert-written questions.

    python -m bench.alqac [--quick] [--out FILE]      (also run by `python -m bench`)

The competition gives articles as JSON; this project indexes documents. Each law is written out
as one plain-text document the way a law reads, so our parser finds its articles on its own:

    LUẬT                      (BỘ LUẬT, HIẾN PHÁP: the document-type line)
    Phòng, chống ma túy       (the title line)
    Điều 1. Phạm vi điều chỉnh
    <the rest of the article>

(an article's first line is its title; Hiến pháp's articles have none — their first line is a
sentence or khoản "1." — so there "Điều N." stands on its own line, as in the printed text). Retrieved chunks map back to articles by their clause path
("Điều 32 › Khoản 2"); fixed-size chunks by offsets (bench/common.py). Every system reads these
same text files.

Article spans come from the text, not from law.json's ids: law.json drops a few article ids whose
text sits inside the previous article (Luật Trồng trọt Điều 64 inside Điều 63, Hiến pháp Điều 115
and 116 inside Điều 114). The heading "Điều 64." is still there, so every system sees Điều 64 as
an article, and the one question whose gold is Luật Trồng trọt Điều 64 stays answerable.

Questions: the `text` field only (multiple-choice options are not appended; they are answer
candidates, not part of the question a user would type). Gold: `relevant_articles`.
Scores: Recall@k over gold articles (two questions have two) and MRR@10 of the first gold
article, overall and per question type (Đúng/Sai, Trắc nghiệm, Tự luận).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from bench.common import ArticleQuestion, RawDoc, article_benchmark, article_cli, article_passages
from ingest.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
ALQAC = ROOT.parent / "shared" / "external" / "alqac2024"
DOCS_CACHE = ROOT / "data" / "bench-cache" / "alqac-docs"

_TYPES = (("Hiến pháp", "HIẾN PHÁP"), ("Bộ luật", "BỘ LUẬT"), ("Luật", "LUẬT"))


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def law_text(name: str, articles: list[dict]) -> str:
    """One law as a document: type line, title line, then "Điều N. title" + body per article."""
    doc_type, title = "LUẬT", name
    for prefix, upper in _TYPES:
        if name.startswith(prefix):
            doc_type, title = upper, name[len(prefix) :].strip()
            break
    lines = [doc_type, *([title] if title else []), ""]
    for article in articles:
        text = unicodedata.normalize("NFC", article["text"]).strip()
        first, _, rest = text.partition("\n")
        if _is_title(first.strip()):
            lines.append(f"Điều {article['id']}. {first.strip()}")
            text = rest
        else:  # Hiến pháp: no article titles, the text starts at once (often with khoản "1.")
            lines.append(f"Điều {article['id']}.")
        if text.strip():
            lines.append(text.strip())
        lines.append("")
    return "\n".join(lines)


def _is_title(line: str) -> bool:
    return not line.endswith(".") and not re.match(r"\d+\.\s", line)


def write_documents(law_json: Path, out_dir: Path) -> dict[str, str]:
    """Write one .txt per law into out_dir; returns {doc_id (file name): law name}."""
    out_dir.mkdir(parents=True, exist_ok=True)
    laws = json.loads(law_json.read_text(encoding="utf-8"))
    names: dict[str, str] = {}
    for law in laws:
        doc_id = f"{slug(law['id'])}.txt"
        names[doc_id] = law["id"]
        path = out_dir / doc_id
        text = law_text(law["id"], law["articles"])
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for stale in out_dir.glob("*.txt"):
        if stale.name not in names:
            stale.unlink()
    return names


def load_questions(train_json: Path, names: dict[str, str]) -> list[ArticleQuestion]:
    doc_of = {law: doc_id for doc_id, law in names.items()}
    rows = json.loads(train_json.read_text(encoding="utf-8"))
    out = []
    for row in rows:
        gold = frozenset((doc_of[g["law_id"]], str(g["article_id"])) for g in row["relevant_articles"])
        out.append(ArticleQuestion(row["question_id"], row["text"], gold, (row["question_type"],)))
    return out


def run(
    embedder,
    *,
    ablations: bool = True,
    limit: int | None = None,
    log=print,
    alqac_dir: Path = ALQAC,
    docs_dir: Path = DOCS_CACHE,
) -> dict:
    """The ALQAC section of the benchmark results; the laws are written as text into docs_dir."""
    names = write_documents(alqac_dir / "law.json", docs_dir)
    questions = load_questions(alqac_dir / "train.json", names)
    if limit:
        questions = questions[:limit]
    raw = [RawDoc(d, (docs_dir / d).read_text(encoding="utf-8")) for d in sorted(names)]
    log(f"ALQAC: {len(names)} laws, {len(questions)} questions")
    result = article_benchmark("alqac", [docs_dir], raw, questions, embedder, ablations=ablations, log=log)
    in_text = {(p.doc_id, a) for p in article_passages(raw) for a in p.articles}
    gold_missing = [q.id for q in questions if not q.gold & in_text]
    return {
        "benchmark": "alqac2024",
        "documents": len(names),
        "questions": len(questions),
        "question_types": {t: sum(1 for q in questions if t in q.slices) for t in ("Đúng/Sai", "Trắc nghiệm", "Tự luận")},
        "questions_without_gold_in_text": gold_missing,
        **result,
    }


def main(argv: list[str] | None = None) -> int:
    return article_cli("python -m bench.alqac", run, argv, quick_limit=100)


if __name__ == "__main__":
    raise SystemExit(main())
