#!/usr/bin/env python3
"""Validate eval/laws_questions.jsonl against the source Word files.

For every question the script loads the law's .docx with python-docx, walks the
document body in order (paragraphs and tables), cuts it into articles at
paragraphs that start an article (ingest.structure.ARTICLE_HEADING) and checks that

  * the gold article exists,
  * the quote (20-200 chars, single line) is a substring of ONE paragraph of that
    article (tables are not used for quotes),
  * if "clause" is set, the paragraph holding the quote belongs to that khoản
    (the last paragraph starting with "<clause>. " before it),
  * "also" articles exist,
  * set-level requirements: >= 56 questions, >= 8 Vietnamese questions per law,
    >= 6 vi-noaccent and >= 6 en, >= half paraphrased, unique ids, the required
    "một tuần làm việc tối đa bao nhiêu giờ" question -> 45_2019_LD.docx Điều 105.

An article ends at the next article heading, a "Chương"/"Mục" heading, or a
"PHỤ LỤC" paragraph (Nghị định 293/2025 appends its appendix after Điều 5).

Exit status 0 when everything passes, 1 otherwise (failures are listed).

Usage: python eval/check_laws_questions.py [questions.jsonl] [--docs DIR]
"""
import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from ingest.structure import match_article  # noqa: E402  (the project's one "Điều N" pattern)

DEFAULT_QUESTIONS = os.path.join(HERE, "laws_questions.jsonl")
DEFAULT_DOCS = "/work/shared/external/laws-docx"

SECTION_RE = re.compile(r"^\s*(Chương\s+[IVXLC]+|Mục\s+\d+)(\s|\.|$)")
CLAUSE_RE = re.compile(r"^\s*(\d+[a-z]?)\.\s")
REQUIRED_Q = "một tuần làm việc tối đa bao nhiêu giờ"
LANGS = {"vi", "vi-noaccent", "en"}


def iter_blocks(document):
    """Yield ('p', text) / ('t', row_text) in body order."""
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield "p", Paragraph(child, document).text
        elif tag == "tbl":
            for row in Table(child, document).rows:
                yield "t", " | ".join(c.text for c in row.cells)


def load_articles(path):
    """Return {article_number: [(kind, text, clause), ...]} (heading included)."""
    document = docx.Document(path)
    articles = {}
    cur = None
    clause = None
    for kind, text in iter_blocks(document):
        if kind == "p":
            m = match_article(unicodedata.normalize("NFC", text))
            if m:
                cur = m[0]
                clause = None
                if cur in articles:  # duplicate heading: keep first, flag later
                    cur = cur + "#dup"
                articles[cur] = []
            elif SECTION_RE.match(text.strip()) or text.strip().upper() == "PHỤ LỤC":
                cur = None
                continue
            else:
                c = CLAUSE_RE.match(text)
                if c and cur is not None:
                    clause = c.group(1)
        if cur is not None:
            articles[cur].append((kind, text, clause))
    return articles


def has_diacritics(s):
    return any(unicodedata.combining(ch) for ch in unicodedata.normalize("NFD", s)) or "đ" in s.lower()


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("questions", nargs="?", default=DEFAULT_QUESTIONS)
    ap.add_argument("--docs", default=DEFAULT_DOCS)
    ap.add_argument(
        "--heldout",
        action="store_true",
        help="a held-out set (eval/laws_heldout.jsonl): >= 40 questions, >= 10 en, >= 10 vi-noaccent, "
        ">= 8 unanswerable (answerable: false, no law/article/quote); no per-law minimum",
    )
    args = ap.parse_args(argv)

    failures = []
    rows = []
    with open(args.questions, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                failures.append(f"line {ln}: bad JSON ({e})")

    cache = {}
    ids = Counter(r.get("id") for r in rows)
    for dup, n in ids.items():
        if n > 1:
            failures.append(f"duplicate id {dup} x{n}")
    by_id = {r.get("id"): r for r in rows}

    for r in rows:
        rid = r.get("id", "?")
        if r.get("answerable", True) is False:
            # A question the seven laws do not answer: no gold, only language and wording checks.
            if r.get("lang") not in LANGS:
                failures.append(f"{rid}: bad lang {r.get('lang')!r}")
            if r.get("law") or r.get("article") or r.get("quote"):
                failures.append(f"{rid}: unanswerable question must not have law/article/quote")
            q = r.get("question", "")
            if r.get("lang") == "vi-noaccent" and (has_diacritics(q) or not q.isascii()):
                failures.append(f"{rid}: vi-noaccent question contains diacritics: {q!r}")
            continue
        for key in ("id", "question", "law", "article", "clause", "quote", "paraphrased", "lang"):
            if key not in r:
                failures.append(f"{rid}: missing field {key!r}")
        law, art, clause, quote = r.get("law"), r.get("article"), r.get("clause"), r.get("quote", "")
        lang = r.get("lang")
        if lang not in LANGS:
            failures.append(f"{rid}: bad lang {lang!r}")
        if not isinstance(r.get("paraphrased"), bool):
            failures.append(f"{rid}: paraphrased must be true/false")
        if not isinstance(art, str):
            failures.append(f"{rid}: article must be a string")
        if clause is not None and not isinstance(clause, str):
            failures.append(f"{rid}: clause must be a string or null")
        q = r.get("question", "")
        if lang == "vi-noaccent" and (has_diacritics(q) or not q.isascii()):
            failures.append(f"{rid}: vi-noaccent question contains diacritics: {q!r}")
        if lang == "vi" and not has_diacritics(q):
            failures.append(f"{rid}: vi question has no diacritics: {q!r}")
        if "variant_of" in r and r["variant_of"] not in by_id:
            failures.append(f"{rid}: variant_of {r['variant_of']!r} not found")
        if not (20 <= len(quote) <= 200):
            failures.append(f"{rid}: quote length {len(quote)} not in 20..200")
        if "\n" in quote or "\r" in quote:
            failures.append(f"{rid}: quote contains a line break")

        path = os.path.join(args.docs, law or "")
        if not law or not os.path.isfile(path):
            failures.append(f"{rid}: law file not found: {law!r}")
            continue
        if law not in cache:
            cache[law] = load_articles(path)
            dups = [a for a in cache[law] if a.endswith("#dup")]
            if dups:
                print(f"WARNING {law}: duplicate article headings {dups}", file=sys.stderr)
        arts = cache[law]
        if art not in arts:
            failures.append(f"{rid}: {law} has no article 'Điều {art}.'")
            continue
        hits = [(text, cl) for kind, text, cl in arts[art] if kind == "p" and quote and quote in text]
        if not hits:
            failures.append(f"{rid}: quote not found in {law} Điều {art}: {quote!r}")
        elif clause is not None and all(cl != clause for _, cl in hits):
            got = sorted({str(cl) for _, cl in hits})
            failures.append(f"{rid}: quote found in {law} Điều {art} but in khoản {got}, not khoản {clause}")
        for extra in r.get("also", []) or []:
            if extra not in arts:
                failures.append(f"{rid}: also-article {extra!r} not in {law}")
            if extra == art:
                failures.append(f"{rid}: also-article repeats gold article {art}")

    # ---- set-level requirements
    if args.heldout:
        return _report_heldout(rows, failures)
    if len(rows) < 56:
        failures.append(f"only {len(rows)} questions (< 56)")
    per_law = Counter(r.get("law") for r in rows if r.get("lang") == "vi")
    for law in sorted(os.listdir(args.docs)):
        if law.endswith(".docx") and per_law.get(law, 0) < 8:
            failures.append(f"{law}: only {per_law.get(law, 0)} Vietnamese questions (< 8)")
    langs = Counter(r.get("lang") for r in rows)
    for lang in ("vi-noaccent", "en"):
        if langs.get(lang, 0) < 6:
            failures.append(f"only {langs.get(lang, 0)} {lang} questions (< 6)")
    n_par = sum(1 for r in rows if r.get("paraphrased") is True)
    if n_par * 2 < len(rows):
        failures.append(f"only {n_par}/{len(rows)} paraphrased (< half)")
    if not any(REQUIRED_Q in r.get("question", "").lower() and r.get("law") == "45_2019_LD.docx"
               and r.get("article") == "105" for r in rows):
        failures.append(f"required question {REQUIRED_Q!r} -> 45_2019_LD.docx Điều 105 missing")

    all_law = Counter(r.get("law") for r in rows)
    print(f"{len(rows)} questions; paraphrased {n_par}; langs {dict(langs)}")
    for law in sorted(all_law):
        print(f"  {law}: {all_law[law]} total, {per_law.get(law, 0)} vi")
    return _verdict(failures)


def _verdict(failures: list[str]) -> int:
    """Print the failures (exit 1) or the all-clear (exit 0)."""
    if failures:
        print(f"\n{len(failures)} FAILURE(S):")
        for f in failures:
            print("  - " + f)
        return 1
    print("OK: all checks passed")
    return 0


def _report_heldout(rows, failures):
    langs = Counter(r.get("lang") for r in rows)
    unanswerable = sum(1 for r in rows if r.get("answerable", True) is False)
    if len(rows) < 40:
        failures.append(f"only {len(rows)} questions (< 40)")
    for lang in ("vi-noaccent", "en"):
        if langs.get(lang, 0) < 10:
            failures.append(f"only {langs.get(lang, 0)} {lang} questions (< 10)")
    if unanswerable < 8:
        failures.append(f"only {unanswerable} unanswerable questions (< 8)")
    print(f"{len(rows)} questions; {unanswerable} unanswerable; langs {dict(langs)}")
    return _verdict(failures)


if __name__ == "__main__":
    sys.exit(main())
