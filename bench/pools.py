"""The corpora the tuning script fits on and reports on, and which are tuning vs held-out pools.

    python -m bench.pools --build        (build every pool's index once; embeddings cached)

Pools (declared here, used by bench/tune.py; see docs/tuning-results.md):

- `devset`:  the five bundled documents in corpus/ with eval/devset.jsonl and
  eval/devset_unanswerable.jsonl (answerable questions are scored by quote, unanswerable ones are
  abstention negatives).                                                            TUNING (LOCO)
- `alqac`:   ALQAC 2024, five of its seventeen laws (ALQAC_LAWS: the ones with the most questions
  per clause, 1,299 clauses) with every training question whose gold articles are all in them.
                                                                                    TUNING (LOCO)
- `laws`:    the seven Word laws with eval/laws_questions.jsonl and the 38 questions of
  eval/laws_unanswerable.jsonl they do not answer.                                   TUNING (LOCO)
- `blinds`:  the blind tests' small corpora (eval/blinds/bNN/: two to six documents each, the kinds officials
  load: plans, agreements, regulations, law and decree excerpts, letters; .txt, .docx, .pdf, .md)
  with eval/blinds_questions.jsonl, written by blind testers in sessions 17-34 before any run
  (40 answerable, 8 unanswerable each). One corpus for leave-one-corpus-out, one index per set
  (a member pool `blind-bNN` each): a user's index holds a handful of documents, and a question
  one set cannot answer may be answered by another set's documents. Their documents were read
  to fix the failures they showed, so they are tuning data, not a test.        TUNING (LOCO)
- `labour-text`: the Labour Code's text edition (external/text) indexed alone, with the questions of
  eval/laws_questions.jsonl about the Labour Code. Part of the `laws` corpus for leave-one-corpus-
  out (same questions): it measures "no answer" on a one-document index of another edition.
                                                                                    TUNING (with laws)
- `heldout`: the same Word laws with eval/laws_heldout.jsonl, written before any result was
  seen; never used to fit anything, only reported.                                   HELD OUT
- `labour-short`: the Labour Code's Word file indexed alone (as a user would: one file), with
  eval/labour_short.jsonl: short, everyday questions (40 answerable, 10 it does not answer).
                                                                                     HELD OUT
- `bundled`: the five bundled documents (the `devset` index) with eval/bundled_heldout.jsonl, new
  questions written in session 13 by a writer who saw neither the dev set's questions nor any
  result; scored by quote like the dev set.                                          HELD OUT

Leave-one-corpus-out: for each tuning pool P, constants are fitted on the others and reported
on P; the final constants are fitted on all of them and reported on the held-out pools. In-sample numbers
are labelled so.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INDEX_ROOT = ROOT / "data" / "tune-indexes"
LAWS_DOCX = ROOT.parent / "shared" / "external" / "laws-docx"
ALQAC = ROOT.parent / "shared" / "external" / "alqac2024"
ALQAC_LAWS = (
    "Luật Tiếp cận thông tin",
    "Luật Trọng tài thương mại",
    "Luật An ninh mạng",
    "Luật Hôn nhân và gia đình",
    "Luật Cư trú",
)

LAWS_FILES = tuple(sorted(p.name for p in LAWS_DOCX.glob("*.docx")))

TUNING_POOLS = ("devset", "alqac", "laws", "union", "blinds")
BLINDS = ROOT / "eval" / "blinds"
BLINDS_QUESTIONS = ROOT / "eval" / "blinds_questions.jsonl"
# A corpus of several indexes is fitted and reported as one pool over its member pools (one
# index each); its questions are asked of their own index only.
MEMBERS = {
    "blinds": tuple(
        f"blind-{d.name}"
        for d in sorted((d for d in BLINDS.glob("b[0-9][0-9]*") if d.is_dir()), key=lambda d: int(d.name[1:]))
    )
    if BLINDS.is_dir()
    else ()
}


def members(pool: str) -> tuple[str, ...]:
    """The one-index pools a pool is made of (itself, unless it is a corpus of several indexes)."""
    return MEMBERS.get(pool, (pool,))

# A union law, the union charter and a company's collective agreement (eval/union/, written for
# this project as such documents are laid out, with eval/union_questions.jsonl): scored by the
# clause holding the quote, as users of such documents read them.
UNION = ROOT / "eval" / "union"
UNION_QUESTIONS = ROOT / "eval" / "union_questions.jsonl"
# Pools that belong to a tuning pool's corpus: fitted on with it, never while it is held out.
COMPANION_POOLS = {"laws": ("labour-text",)}
LABOUR_TEXT = ROOT.parent / "shared" / "external" / "text" / "bo-luat-lao-dong-2019_45-2019-QH14.txt"
LABOUR_DOCX = "45_2019_LD.docx"
HELDOUT_POOLS = ("heldout", "labour-short", "bundled", "user-docs")
# Documents of the kinds users load (guidance, agreements, a charter, regulations, a decree, a
# congress resolution, a law excerpt; .txt, .docx, .pdf) with questions, written by three blind
# testers (sessions 15 and 16) before any run; never fitted on.
USER_DOCS = ROOT / "eval" / "user_docs"
USER_DOCS_QUESTIONS = ROOT / "eval" / "user_docs_questions.jsonl"
# The same law questions scored by the clause that answers (the khoản or điểm holding their quote)
# instead of the article: users read clauses, and ranking that only counts articles can bury the
# answering khoản behind other articles. Reported with (and held out with) their pool.
CLAUSE_POOLS = {"laws": "laws-clause", "heldout": "heldout-clause"}
BUNDLED_HELDOUT = ROOT / "eval" / "bundled_heldout.jsonl"
# Pools whose gold is (document, quote) checked like the dev set's, besides the dev set's own.
QUOTE_POOLS = frozenset({*CLAUSE_POOLS.values(), "union", "user-docs", *MEMBERS["blinds"]})
# How reports describe a held-out pool beyond `heldout` (which has its own paragraph).
DESCRIPTIONS = {
    "labour-short": "eval/labour_short.jsonl: short questions asked of the Labour Code's Word file indexed alone, "
    "never fitted on",
    "bundled": "eval/bundled_heldout.jsonl: new questions over the five bundled documents, written after the dev set "
    "by a writer who saw neither its questions nor any result, never fitted on",
    "user-docs": "eval/user_docs_questions.jsonl: eleven documents of the kinds officials load (eval/user_docs/: "
    "agreements, a charter, regulations, a decree, a resolution; .txt, .docx, .pdf) in one index, with questions "
    "written by three blind testers before any run, never fitted on",
}


@dataclass(frozen=True)
class PoolQuestion:
    id: str
    question: str
    answerable: bool
    # Article pools: gold (doc_id, article). Dev set: (doc_id, quote) checked by bench.devset.
    gold: frozenset[tuple[str, str]]
    slice: str = ""


def embedder():
    from bench.cache import DEFAULT_CACHE, CachedEmbedder
    from index.embedder import make_embedder

    return CachedEmbedder(make_embedder(), DEFAULT_CACHE)


# Pools asking other questions of another pool's documents: they share its sources and index.
_SAME_DOCUMENTS = {"bundled": "devset", "heldout": "laws", "laws-clause": "laws", "heldout-clause": "laws"}


def sources(pool: str) -> list[Path]:
    pool = _SAME_DOCUMENTS.get(pool, pool)
    if pool == "devset":
        return [ROOT / "corpus"]
    if pool == "laws":
        return [LAWS_DOCX / name for name in LAWS_FILES]
    if pool == "alqac":
        return [_alqac_docs()]
    if pool == "labour-text":
        return [LABOUR_TEXT]
    if pool == "union":
        return [UNION]
    if pool == "labour-short":
        return [LAWS_DOCX / LABOUR_DOCX]
    if pool == "user-docs":
        return [USER_DOCS]
    if pool in MEMBERS["blinds"]:
        return [BLINDS / pool.removeprefix("blind-")]
    raise ValueError(pool)


def _alqac_docs() -> Path:
    from bench.alqac import law_text, slug

    out = INDEX_ROOT / "alqac-docs"
    out.mkdir(parents=True, exist_ok=True)
    laws = json.loads((ALQAC / "law.json").read_text(encoding="utf-8"))
    for law in laws:
        if law["id"] in ALQAC_LAWS:
            path = out / f"{slug(law['id'])}.txt"
            text = law_text(law["id"], law["articles"])
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
    return out


def index_dir(pool: str) -> Path:
    pool = _SAME_DOCUMENTS.get(pool, pool)
    return INDEX_ROOT / ("labour-docx" if pool == "labour-short" else pool)


def build(pool: str, emb=None):
    from ingest.build import update_index

    emb = emb or embedder()
    # Exactly the pool's documents: an index copied from another checkout (a git worktree of the
    # repository) holds them under the names that checkout gave them, and kept beside the same
    # files read here under new names, every quote-scored pool had each clause twice (session 32's
    # stopped refit: union R@1 0.000, R@5 0.919).
    report = update_index(sources(pool), index_dir(pool), emb, replace=True)
    return report


def _eval_rows(name: str) -> list[dict]:
    """The rows of eval/NAME (JSON Lines)."""
    return [json.loads(x) for x in (ROOT / "eval" / name).read_text(encoding="utf-8").splitlines() if x.strip()]


def questions(pool: str) -> list[PoolQuestion]:
    if pool in ("devset", "bundled"):
        from bench.devset import load_devset

        return [
            PoolQuestion(q.id, q.question, q.answerable, frozenset({(q.doc, q.quote)}) if q.answerable else frozenset(), q.slice)
            for q in (load_devset() if pool == "devset" else load_devset(BUNDLED_HELDOUT))
        ]
    if pool in ("union", "user-docs"):
        return [
            PoolQuestion(
                r["id"], r["question"], r["answerable"], frozenset({(r["doc"], r["quote"])}) if r["answerable"] else frozenset(), r["lang"]
            )
            for r in _eval_rows((UNION_QUESTIONS if pool == "union" else USER_DOCS_QUESTIONS).name)
        ]
    if pool in MEMBERS["blinds"]:
        rows = _eval_rows(BLINDS_QUESTIONS.name)
        missing = {r["set"] for r in rows} - {m.removeprefix("blind-") for m in MEMBERS["blinds"]}
        if missing:
            raise ValueError(f"{BLINDS_QUESTIONS.name}: no folder in eval/blinds/ for {', '.join(sorted(missing))}")
        return [
            PoolQuestion(
                r["id"], r["question"], r["answerable"], frozenset({(r["doc"], r["quote"])}) if r["answerable"] else frozenset(), r["lang"]
            )
            for r in rows
            if r["set"] == pool.removeprefix("blind-")
        ]
    if pool == "labour-text":
        return [
            PoolQuestion(q.id, q.question, True, frozenset((LABOUR_TEXT.name, art) for _, art in q.gold), q.slice)
            for q in questions("laws")
            if q.answerable and all(doc == LABOUR_DOCX for doc, _ in q.gold)
        ]
    if pool in ("laws-clause", "heldout-clause"):
        name = "laws_questions.jsonl" if pool == "laws-clause" else "laws_heldout.jsonl"
        return [
            PoolQuestion(r["id"], r["question"], True, frozenset({(r["law"], r["quote"])}), r["lang"])
            for r in _eval_rows(name)
            if r.get("answerable", True) and r.get("quote") and r["law"] in LAWS_FILES
        ]
    if pool in ("laws", "heldout", "labour-short"):
        name = {"laws": "laws_questions.jsonl", "heldout": "laws_heldout.jsonl"}.get(pool, "labour_short.jsonl")
        files = [name, "laws_unanswerable.jsonl"] if pool == "laws" else [name]
        rows = [r for f in files for r in _eval_rows(f) if not r.get("answerable", True) or r["law"] in LAWS_FILES]
        return [
            PoolQuestion(
                r["id"],
                r["question"],
                r.get("answerable", True),
                frozenset({(r["law"], str(r["article"]))}) if r.get("answerable", True) else frozenset(),
                r["lang"],
            )
            for r in rows
        ]
    if pool == "alqac":
        from bench.alqac import slug

        rows = json.loads((ALQAC / "train.json").read_text(encoding="utf-8"))
        out = []
        for r in rows:
            gold = frozenset((f"{slug(g['law_id'])}.txt", str(g["article_id"])) for g in r["relevant_articles"])
            if all(g["law_id"] in ALQAC_LAWS for g in r["relevant_articles"]):
                out.append(PoolQuestion(r["question_id"], r["text"], True, gold, r["question_type"]))
        return out
    raise ValueError(pool)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pools")
    parser.add_argument("--build", nargs="*", default=None, help="pools to build (default: all)")
    args = parser.parse_args(argv)
    emb = embedder()
    for pool in args.build or ("devset", "laws", "alqac", "union", *MEMBERS["blinds"], "labour-text", "labour-short"):
        report = build(pool, emb)
        print(f"{pool}: {report.documents} documents, {report.chunks} chunks, embedded {report.embedded}", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
