#!/usr/bin/env python3
"""Recompute the count columns of the English->Vietnamese glossary and the
abbreviation table, rewrite both TSV files in place, and report problems.

    python3 index/data/check_glossary.py            # glossary + abbreviations
    python3 index/data/check_glossary.py --no-write # check only, do not rewrite
    python3 index/data/check_glossary.py --laws     # also print counts in the law .docx files

glossary_en_vi.tsv   columns: en, vi, corpus_count, law_count
  corpus_count = occurrences of `vi` in the five corpus/*.txt files
  law_count    = occurrences of `vi` in the Labour Code 2019 text file
  Matching: NFC, case-insensitive (str.lower), runs of whitespace collapsed to
  one space, and whole-word only (the match may not start or end inside a
  word, so "ký" does not match inside "kýt", "ca" not inside "cao").
  Tone-mark style is NOT folded: "thỏa ước" and "thoả ước" are different
  strings; the script prints (as information) entries whose other tone-mark
  spelling also occurs in the sources.
  Fails (exit 1) if an entry occurs neither in the corpus, the Labour Code, one
  of the seven Word laws (shared/external/laws-docx) nor one of the three union
  documents (eval/union/: union law, union charter, company collective
  agreement; added 2026-11-30), if an `en`
  key is duplicated / not lowercase / rows are not sorted by `en`, or if a
  `vi` value is not NFC.

abbreviations.tsv    columns: abbr, expansion, count_abbr, count_expansion
  count_abbr      = case-sensitive whole-token occurrences of `abbr` in the
                    corpus ("/", "-", "." and spaces are token boundaries, so
                    "NQ/TW" counts one NQ and one TW, but "CĐCS" is not a CĐ).
  count_expansion = occurrences of `expansion` in the corpus, matched like
                    the glossary (case-insensitive, whole-word).
  Abbreviations with count_abbr == 0 are listed as information only (the
  table deliberately includes standard union abbreviations that this small
  corpus happens not to use). Fails (exit 1) if a row has both counts 0, or
  on duplicate `abbr` keys / non-NFC text.
"""
from __future__ import annotations

import argparse
import csv
import glob
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CORPUS_GLOB = os.path.join(REPO, "corpus", "*.txt")
LABOUR_CODE = "/work/shared/external/text/bo-luat-lao-dong-2019_45-2019-QH14.txt"
LAWS_DOCX_GLOB = "/work/shared/external/laws-docx/*.docx"
UNION_DIR = os.path.join(REPO, "eval", "union")
GLOSSARY = os.path.join(HERE, "glossary_en_vi.tsv")
ABBREVIATIONS = os.path.join(HERE, "abbreviations.tsv")

GLOSSARY_HEADER = ["en", "vi", "corpus_count", "law_count"]
ABBR_HEADER = ["abbr", "expansion", "count_abbr", "count_expansion"]

# old-style (oà/oá/uý ...) <-> new-style (òa/óa/úy ...) tone placement in
# open syllables; used only for the informational variant report.
_OLD_NEW = {}
for vowel_pair, tones_old, tones_new in (
    ("oa", "àáảãạ", "òóỏõọ"),
    ("oe", "èéẻẽẹ", "òóỏõọ"),
    ("uy", "ỳýỷỹỵ", "ùúủũụ"),
):
    for t_old, t_new in zip(tones_old, tones_new, strict=False):
        old = vowel_pair[0] + t_old          # e.g. "oà"
        new = t_new + vowel_pair[1]          # e.g. "òa"
        _OLD_NEW[old] = new
_NEW_OLD = {v: k for k, v in _OLD_NEW.items()}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def norm_text(s: str) -> str:
    """NFC, lowercase, collapse whitespace (incl. NBSP) to single spaces."""
    return re.sub(r"\s+", " ", nfc(s).lower())


def swap_tone_style(term: str) -> str:
    """Return `term` with the other tone-mark convention in open syllables
    (hóa<->hoá, thỏa<->thoả, ủy<->uỷ). Closed syllables such as "hoàn",
    "toàn", "quyết" are left alone (the mark is on the same vowel in both
    conventions). "qu" + y is not an 'uy' glide pair and is left alone."""
    def repl(m: re.Match) -> str:
        w = m.group(0)
        for table in (_OLD_NEW, _NEW_OLD):
            for a, b in table.items():
                if w.endswith(a) and not w.endswith("q" + a):
                    return w[: -len(a)] + b
        return w
    # lower-cased: the result is only used for case-insensitive counting
    return re.sub(r"\w+", repl, nfc(term).lower())


def load_corpus() -> dict[str, str]:
    files = sorted(glob.glob(CORPUS_GLOB))
    if len(files) != 5:
        print(f"warning: expected 5 corpus files, found {len(files)}", file=sys.stderr)
    return {os.path.basename(f): open(f, encoding="utf-8").read() for f in files}


def load_labour_code() -> str:
    return open(LABOUR_CODE, encoding="utf-8").read()


def _docx_text(path: str) -> str:
    """A Word file's paragraphs, then its table cells."""
    import docx  # python-docx

    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    parts += [cell.text for table in d.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def load_laws_docx() -> dict[str, str]:
    return {os.path.basename(f): _docx_text(f) for f in sorted(glob.glob(LAWS_DOCX_GLOB))}


def load_union_docs() -> dict[str, str]:
    """The three union documents (.docx: paragraphs and table cells; .txt: UTF-8)."""
    out = {}
    for f in sorted(glob.glob(os.path.join(UNION_DIR, "*.docx")) + glob.glob(os.path.join(UNION_DIR, "*.txt"))):
        if f.endswith(".docx"):
            out[os.path.basename(f)] = _docx_text(f)
        else:
            with open(f, encoding="utf-8-sig") as handle:
                out[os.path.basename(f)] = handle.read()
    if len(out) != 3:
        print(f"warning: expected 3 union documents in {UNION_DIR}, found {len(out)}", file=sys.stderr)
    return out


def count_term(term: str, normed_text: str) -> int:
    """Whole-word, case-insensitive occurrences of `term` in pre-normalised text."""
    t = norm_text(term).strip()
    if not t:
        return 0
    pat = r"(?<!\w)" + re.escape(t) + r"(?!\w)"
    return len(re.findall(pat, normed_text))


def count_abbr(abbr: str, raw_text: str) -> int:
    """Case-sensitive whole-token occurrences of an abbreviation."""
    pat = r"(?<!\w)" + re.escape(nfc(abbr)) + r"(?!\w)"
    return len(re.findall(pat, nfc(raw_text)))


def read_tsv(path: str, header: list[str]) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != header:
        sys.exit(f"{path}: header must be {header!r}, got {rows[0] if rows else None!r}")
    body = []
    for i, r in enumerate(rows[1:], start=2):
        if not r or all(not c.strip() for c in r):
            continue
        if len(r) < 2:
            sys.exit(f"{path}:{i}: need at least 2 columns: {r!r}")
        body.append([c.strip() for c in r[:2]])
    return body


def write_tsv(path: str, header: list[str], rows: list[list]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for r in rows:
            fh.write("\t".join(str(c) for c in r) + "\n")


def check_glossary(corpus: dict[str, str], law: str, write: bool, laws_docx) -> int:
    rows = read_tsv(GLOSSARY, GLOSSARY_HEADER)
    corpus_n = norm_text("\n".join(corpus.values()))
    law_n = norm_text(law)
    docx_n = {k: norm_text(v) for k, v in (laws_docx or {}).items()}
    # An entry must occur somewhere the system is used on: the corpus, the Labour Code, or one
    # of the seven Word laws (social insurance, employment, safety, sanctions, decrees), or one of
    # the three union documents (union law, union charter, company collective agreement).
    all_docx_n = list(docx_n.values()) or [norm_text(v) for v in load_laws_docx().values()]
    all_docx_n += [norm_text(v) for v in load_union_docs().values()]
    errors = 0
    seen: dict[str, int] = {}
    out = []
    zero = []
    variants = []
    for en, vi in rows:
        if en in seen:
            print(f"ERROR duplicate en key: {en!r}")
            errors += 1
        seen[en] = 1
        if en != en.lower():
            print(f"ERROR en not lowercase: {en!r}")
            errors += 1
        if vi != nfc(vi):
            print(f"ERROR vi not NFC: {vi!r}")
            errors += 1
        vi = nfc(vi)
        c = count_term(vi, corpus_n)
        l = count_term(vi, law_n)
        out.append([en, vi, c, l])
        if c + l == 0 and not any(count_term(vi, t) for t in all_docx_n):
            zero.append((en, vi))
        alt = swap_tone_style(vi)
        if alt != vi.lower():
            ac, al = count_term(alt, corpus_n), count_term(alt, law_n)
            if ac or al:
                variants.append((en, vi, c, l, alt, ac, al))
        if docx_n:
            per = {k: count_term(vi, v) for k, v in docx_n.items()}
            print(f"  [laws] {en!r:45} {vi!r:40} " +
                  " ".join(f"{k.split('_m_')[0].replace('.docx','')}={n}" for k, n in per.items() if n))
    ens = [r[0] for r in out]
    if ens != sorted(ens):
        if write:
            print("note: glossary rows were not sorted by en; rewritten sorted")
        else:
            print("ERROR glossary rows are not sorted by en (run without --no-write to sort)")
            errors += 1
    if write:
        out.sort(key=lambda r: r[0])
        write_tsv(GLOSSARY, GLOSSARY_HEADER, out)
    print(f"glossary: {len(out)} entries, {len({r[1] for r in out})} distinct Vietnamese terms"
          + (" (rewritten)" if write else ""))
    if variants:
        print(f"info: {len(variants)} entries whose other tone-mark spelling also occurs "
              "(counts above use the spelling in the file):")
        for en, vi, c, l, alt, ac, al in variants:
            print(f"  {en!r}: {vi!r} corpus={c} law={l} | {alt!r} corpus={ac} law={al}")
    if zero:
        print(f"ERROR {len(zero)} entries with zero occurrences in corpus, Labour Code, laws and union documents:")
        for en, vi in zero:
            print(f"  {en!r} -> {vi!r}")
        errors += len(zero)
    return errors


def check_abbreviations(corpus: dict[str, str], write: bool) -> int:
    if not os.path.exists(ABBREVIATIONS):
        print("abbreviations.tsv not found; skipped")
        return 0
    rows = read_tsv(ABBREVIATIONS, ABBR_HEADER)
    raw = "\n".join(corpus.values())
    corpus_n = norm_text(raw)
    errors = 0
    seen = set()
    out = []
    no_abbr = []
    no_exp = []
    for abbr, exp in rows:
        if abbr in seen:
            print(f"ERROR duplicate abbr: {abbr!r}")
            errors += 1
        seen.add(abbr)
        if abbr != nfc(abbr) or exp != nfc(exp):
            print(f"ERROR not NFC: {abbr!r} / {exp!r}")
            errors += 1
        a = count_abbr(abbr, raw)
        e = count_term(exp, corpus_n)
        out.append([nfc(abbr), nfc(exp), a, e])
        if a == 0:
            no_abbr.append(abbr)
        if e == 0:
            no_exp.append(abbr)
        if a == 0 and e == 0:
            print(f"ERROR abbreviation with neither form in corpus: {abbr!r} -> {exp!r}")
            errors += 1
    if write:
        write_tsv(ABBREVIATIONS, ABBR_HEADER, out)
    print(f"abbreviations: {len(out)} entries" + (" (rewritten)" if write else ""))
    if no_abbr:
        print(f"info: {len(no_abbr)} abbreviations not used in the corpus: {' '.join(no_abbr)}")
    if no_exp:
        print(f"info: {len(no_exp)} expansions not spelled out in the corpus: {' '.join(no_exp)}")
    # all-caps tokens in the corpus that the table does not cover
    up = "A-ZĐ" + "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
    tokens = set(re.findall(rf"(?<!\w)[{up}]{{2,}}(?!\w)", nfc(raw)))
    roman = re.compile(r"^[IVXLC]+$")
    # words of all-caps headings ("MỤC ĐÍCH") also occur in lower/mixed case
    # elsewhere, abbreviations do not
    uncovered = sorted(t for t in tokens
                       if t not in seen and not roman.match(t)
                       and count_term(t, corpus_n) <= count_abbr(t, raw))
    if uncovered:
        print("info: all-caps tokens in corpus not in the table (check they are headings/noise): "
              + " ".join(uncovered))
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-write", action="store_true", help="do not rewrite the TSV files")
    ap.add_argument("--laws", action="store_true",
                    help="also print per-entry counts in the law .docx files (needs python-docx)")
    args = ap.parse_args()
    corpus = load_corpus()
    law = load_labour_code()
    laws_docx = load_laws_docx() if args.laws else None
    errors = check_glossary(corpus, law, not args.no_write, laws_docx)
    errors += check_abbreviations(corpus, not args.no_write)
    if errors:
        print(f"FAILED: {errors} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
