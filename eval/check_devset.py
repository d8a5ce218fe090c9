#!/usr/bin/env python3
"""Validate eval/devset.jsonl against the corpus.

Checks (exit status 1 if any fails):
  * every line is a JSON object with exactly the expected fields and types;
  * ids are unique; slice is one of accented/unaccented/english/abbrev;
  * answerable rows have doc + quote, unanswerable rows have doc = quote = null;
  * every quote occurs in its document after removing '*' markup, with NFC
    normalisation applied to both sides; the quote lies within one line, has
    no '*' characters, is 30-250 characters long (a shorter quote is allowed
    only when it is a whole line of the file, e.g. a signer's name line) and
    occurs exactly once in its document (so it identifies one clause);
  * accented rows have pair = null; every other row pairs with an existing
    accented row and copies its answerable/doc/quote;
  * unaccented questions contain no Vietnamese diacritics;
  * abbrev questions contain at least one abbreviation that is not written
    that way on the answering line (so expansion is needed);
  * the canonical question and its English variant are present;
  * counts per slice meet the targets in eval/README.md.

With --heldout (eval/bundled_heldout.jsonl, a held-out set over the same corpus): ids look like
h001, unaccented/english rows may stand alone (pair = null), and the canonical-question and
count checks are skipped; every other check applies.

Usage: python3 eval/check_devset.py [path/to/devset.jsonl] [--heldout]
Only the standard library is used.
"""
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(ROOT, "corpus")
DEFAULT_DEVSET = os.path.join(HERE, "devset.jsonl")

FIELDS = {"id", "question", "slice", "paraphrased", "answerable", "doc", "quote", "pair"}
SLICES = ("accented", "unaccented", "english", "abbrev")

CANON_Q = "Ai chịu trách nhiệm phát triển đoàn viên trong các tổ chức kinh tế tập thể?"
CANON_QUOTE = ("Ban Tổ chức: Tham mưu chỉ đạo, hướng dẫn công tác phát triển đoàn viên "
               "trong các tổ chức kinh tế tập thể.")
CANON_EN = "who is responsible for member development in collective economic organizations"

# Abbreviations officials use; an abbrev question must contain one of these
# that does not appear (as a token) on the answering line.
ABBREVS = ["CĐCS", "LĐLĐ", "CNVCLĐ", "CNLĐ", "TLĐ", "BCH", "BTV", "ĐVCĐ", "NLĐ", "NSDLĐ",
           "TƯLĐTT", "HTX", "KTTT", "KCN", "KCX", "BHXH", "BHYT", "DN", "CĐ", "KPCĐ",
           "BCĐ", "KL", "KH", "NQ", "CTr"]

QUOTE_MIN, QUOTE_MAX = 30, 250

# Minimum / exact counts (see README.md).
MIN_ACCENTED = 62
MIN_ACCENTED_UNANSWERABLE = 10
EXACT_ANSWERABLE_VARIANTS = {"unaccented": 16, "english": 16, "abbrev": 12}
MAX_UNANSWERABLE_VARIANTS = 3


def nfc(s):
    return unicodedata.normalize("NFC", s)


def strip_markup(s):
    return s.replace("*", "")


def has_diacritics(s):
    if "đ" in s.lower():
        return True
    return any(unicodedata.category(c) == "Mn" for c in unicodedata.normalize("NFD", s))


def token_in(abbr, text):
    return re.search(r"(?<!\w)" + re.escape(abbr) + r"(?!\w)", text) is not None


def count_rows(rows, slice_, answerable=None, paraphrased=None):
    return sum(1 for r in rows if r["slice"] == slice_
               and (answerable is None or r["answerable"] == answerable)
               and (paraphrased is None or r["paraphrased"] == paraphrased))


def load_corpus():
    docs = {}
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith(".txt"):
            with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
                docs[name] = nfc(strip_markup(f.read()))
    return docs


def main(path, heldout=False):
    errors = []
    warnings = []
    err = errors.append

    docs = load_corpus()
    doc_lines = {name: [ln.strip() for ln in text.split("\n")] for name, text in docs.items()}

    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                err(f"line {n}: blank line")
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"line {n}: bad JSON: {e}")
                continue
            if not isinstance(r, dict) or set(r) != FIELDS:
                err(f"line {n}: fields must be exactly {sorted(FIELDS)}")
                continue
            rows.append(r)

    by_id = {}
    prefix = "h" if heldout else "q"
    for r in rows:
        rid = r["id"]
        if not isinstance(rid, str) or not re.fullmatch(prefix + r"\d{3,}", rid):
            err(f"{rid!r}: id must look like {prefix}001")
        if rid in by_id:
            err(f"{rid}: duplicate id")
        by_id[rid] = r

    for r in rows:
        rid = r["id"]
        q = r["question"]
        if not isinstance(q, str) or not q.strip():
            err(f"{rid}: empty question")
            continue
        if r["slice"] not in SLICES:
            err(f"{rid}: bad slice {r['slice']!r}")
        for k in ("paraphrased", "answerable"):
            if not isinstance(r[k], bool):
                err(f"{rid}: {k} must be boolean")

        # --- answerability / quote
        if r["answerable"]:
            doc, quote = r["doc"], r["quote"]
            if doc not in docs:
                err(f"{rid}: unknown doc {doc!r}")
                continue
            if not isinstance(quote, str) or not quote:
                err(f"{rid}: answerable row needs a quote")
                continue
            if "*" in quote:
                err(f"{rid}: quote contains '*' markup")
            if "\n" in quote or "\r" in quote:
                err(f"{rid}: quote spans a line break")
            qn = nfc(quote)
            count = docs[doc].count(qn)
            if count == 0:
                err(f"{rid}: quote not found in {doc}: {quote!r}")
                continue
            if count > 1:
                err(f"{rid}: quote occurs {count} times in {doc} (not distinctive)")
            lines_with = [ln for ln in doc_lines[doc] if qn in ln]
            if not lines_with:
                err(f"{rid}: quote not contained in a single line of {doc}")
            whole_line = qn.strip() in doc_lines[doc]
            if not (QUOTE_MIN <= len(qn) <= QUOTE_MAX) and not (len(qn) < QUOTE_MIN and whole_line):
                err(f"{rid}: quote length {len(qn)} outside {QUOTE_MIN}-{QUOTE_MAX}")
            if len(qn) < QUOTE_MIN and whole_line:
                warnings.append(f"{rid}: short whole-line quote allowed ({qn!r})")
            others = [d for d in docs if d != doc and qn in docs[d]]
            if others:
                warnings.append(f"{rid}: quote also occurs in {others}")
            # abbreviation requirement
            if r["slice"] == "abbrev" and lines_with:
                clause = lines_with[0]
                used = [a for a in ABBREVS if token_in(a, nfc(q))]
                needs = [a for a in used if not token_in(a, clause)]
                if not needs:
                    err(f"{rid}: abbrev question has no abbreviation missing from the clause "
                        f"(found {used})")
        else:
            if r["doc"] is not None or r["quote"] is not None:
                err(f"{rid}: unanswerable row must have doc = quote = null")

        # --- pairs
        if r["slice"] == "accented":
            if r["pair"] is not None:
                err(f"{rid}: accented row must have pair = null")
        elif heldout and r["pair"] is None:
            pass  # a standalone unaccented or English question
        else:
            p = by_id.get(r["pair"])
            if p is None:
                err(f"{rid}: pair {r['pair']!r} does not exist")
            elif p["slice"] != "accented":
                err(f"{rid}: pair {p['id']} is not an accented question")
            else:
                for k in ("answerable", "doc", "quote"):
                    if p[k] != r[k]:
                        err(f"{rid}: {k} differs from its pair {p['id']}")
        if r["slice"] == "unaccented" and has_diacritics(q):
            err(f"{rid}: unaccented question still has diacritics")
        if r["slice"] in ("accented", "abbrev") and not has_diacritics(q):
            err(f"{rid}: {r['slice']} question has no diacritics")

    # --- canonical items and counts (the dev set's own targets)
    if heldout:
        return report(path, rows, docs, warnings, errors)
    canon = [r for r in rows if r["slice"] == "accented" and r["question"] == CANON_Q]
    if len(canon) != 1 or canon[0]["quote"] != CANON_QUOTE:
        err("canonical question missing or with wrong quote")
    else:
        en = [r for r in rows if r["slice"] == "english" and r["question"] == CANON_EN]
        if len(en) != 1 or en[0]["pair"] != canon[0]["id"]:
            err("canonical English question missing or not paired with the canonical question")

    # --- counts
    acc = count_rows(rows, "accented")
    acc_un = count_rows(rows, "accented", False)
    acc_para = count_rows(rows, "accented", True, True)
    if acc < MIN_ACCENTED:
        err(f"only {acc} accented questions (< {MIN_ACCENTED})")
    if acc_un < MIN_ACCENTED_UNANSWERABLE:
        err(f"only {acc_un} accented unanswerable questions (< {MIN_ACCENTED_UNANSWERABLE})")
    if 2 * acc_para < acc:
        err(f"only {acc_para} paraphrased answerable accented questions (< half of {acc})")
    for s, n in EXACT_ANSWERABLE_VARIANTS.items():
        if count_rows(rows, s, True) != n:
            err(f"{s}: {count_rows(rows, s, True)} answerable questions, expected {n}")
    un_var = sum(1 for r in rows if r["slice"] != "accented" and not r["answerable"])
    if un_var > MAX_UNANSWERABLE_VARIANTS:
        err(f"{un_var} unanswerable variants (> {MAX_UNANSWERABLE_VARIANTS})")
    covered = {r["doc"] for r in rows if r["slice"] == "accented" and r["answerable"]}
    for d in docs:
        if d not in covered:
            err(f"document not covered by any accented question: {d}")

    return report(path, rows, docs, warnings, errors)


def report(path, rows, docs, warnings, errors):
    print(f"{len(rows)} rows in {path}")
    for s in SLICES:
        print(f"  {s:11s} total={count_rows(rows, s):3d} answerable={count_rows(rows, s, True):3d} "
              f"unanswerable={count_rows(rows, s, False):3d} paraphrased(answerable)={count_rows(rows, s, True, True):3d}")
    print("  accented answerable per document:")
    for d in sorted(docs):
        n = sum(1 for r in rows if r["slice"] == "accented" and r["doc"] == d)
        print(f"    {n:3d}  {d}")
    for w in warnings:
        print("warning:", w)
    if errors:
        for e in errors:
            print("ERROR:", e)
        print(f"FAILED: {len(errors)} error(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--heldout"]
    sys.exit(main(args[0] if args else DEFAULT_DEVSET, heldout="--heldout" in sys.argv[1:]))
