#!/usr/bin/env python3
"""How the glossary is grown beyond the words of the test questions (declared method).

    python3 index/data/glossary_candidates.py [--top 200]

Lists the most frequent 2- to 4-syllable phrases of the seven Word laws (labour, social insurance,
employment, safety, sanctions, labour-relations and minimum-wage texts) that no glossary entry
covers yet (its `vi` is not the phrase and does not contain it), most frequent first. A phrase
counts once per article it occurs in (so one long list does not dominate), and phrases that start
or end with a function word ("của", "và", "theo" …) are skipped. Each listed term that is a term
of art gets its standard English legal translation(s) in glossary_en_vi.tsv by hand; the
glossary's own checker (check_glossary.py) then verifies every entry occurs in the sources.

    python3 index/data/glossary_candidates.py --everyday [--top 320]

Everyday English (added 2026-11-30): lists the glossary's Vietnamese terms by how often the
sources use them (corpus_count + law_count), most frequent first. For each, the plain words a
worker, an HR manager or an expat would type for the same thing ("payslip", "sacked", "day in
lieu", "expat") were written by someone who had not seen any evaluation question or result, kept
only where the Vietnamese term occurs whole-word in the sources, the key is new, and the meaning
is not ambiguous at work ("term", "holiday", "manager" left out); 299 entries, of which a review
removed two ("back wages" → "truy lĩnh" is arrears of benefits, "workplace monitoring" is
mostly about watching employees).

Audit (2026-11-30): the same kind of reader, equally blind to questions and results, went through
the existing entries for keys that send an everyday question to the wrong terms: a key with
several senses at work mapped to the wrong one ("minutes" → biên bản, "breaks" → vi phạm,
"parties" falling back to "party" → Đảng, "recruitment" → phát triển), a Vietnamese side too
narrow or too generic ("men" → nam, which is in every "Việt Nam"), or a mistranslation
("qualifications" → phẩm chất). 49 fixes (18 changed, 1 removed, 30 longer keys added for the
right sense: "pay social insurance" → đóng bảo hiểm xã hội, "dispute resolution" → giải quyết
tranh chấp lao động), applied as a whole.

    python3 index/data/glossary_candidates.py --words [--top 400]

Single words (added 2026-11-30, session 10): the phrase lists above never show a one-syllable
word, so "cha" (father), "mẹ" and the kin of the Labour Code's leave article had no entry and
"my grandma passed away" lost its subject. This mode lists the syllables of the seven laws that no
entry has as a whole word, most frequent first; most are pieces of compounds ("tượng" of "đối
tượng") or function words and were skipped. For the rest, a reader equally blind to questions and
results looked up how the laws use the word and wrote the plain English for the concept with the
laws' exact wording (father → cha đẻ, grandma → ông nội, bà nội, ông ngoại, bà ngoại, c-section →
sinh con phải phẫu thuật, karaoke → phòng hát karaoke, region ii → vùng II), plus missing
neighbours of the same family; 173 entries, applied as a whole and kept because the `laws`
tuning pool's leave-one-corpus-out MRR@10 did not drop (0.668 → 0.674).

    python3 index/data/glossary_candidates.py --union [--top 200]

Union documents (added 2026-11-30): the same phrase list, taken from the three union documents of
eval/union/ (the 2024 Law on Trade Unions, the union charter and a garment company's collective
labour agreement, whose articles are "Điều 1:" rather than "Điều 1."); check_glossary.py now also
accepts an entry that only these documents use. A reader blind to every evaluation question and
result read the three documents and the list, and wrote the standard English for their terms of
art (nghiệp đoàn cơ sở → grassroots trade guild, tổ công đoàn → union group, khai trừ → expel,
bỏ phiếu kín → secret ballot, quỹ tiền lương → wage fund, phụ cấp chuyên cần → attendance
allowance) and the plain words a worker or union officer types (membership card, union levy,
dues, attendance bonus, housing allowance, hazard pay, team leader, lowest wage, no more than,
power cut, women's day), kept only where the Vietnamese occurs whole-word in the sources and the
sense is clear at work ("union leave", "general meeting", "appointment" left out); 414 entries.
Audit of the same round: a bare "pay"/"pays"/"paid" → trả (was trả lương, wrong in "pays the
union levy late"; "pay"-phrases keep their own entries, "pay union dues" → đóng đoàn phí),
"allowance(s)" → phụ cấp, trợ cấp (was trợ cấp only, which misses the agreement's pay
supplements), "advise" → tư vấn (was tham mưu, advising superiors), "legal aid" → trợ giúp pháp
lý (the legal term; "legal support" keeps hỗ trợ pháp lý); 7 changed, none removed. Limits were
checked and kept ("maximum"/"at most" → tối đa, "minimum" → tối thiểu, "at least" → ít nhất,
"weekend" → ngày nghỉ hằng tuần); "lowest", "highest", "max", "no more than", "no less than",
"levy", "dues" were new. 1940 → 2354 entries.
"""
from __future__ import annotations

import argparse
import csv
import glob
import os
import re
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
LAWS = "/work/shared/external/laws-docx"
UNION = os.path.abspath(os.path.join(HERE, "..", "..", "eval", "union"))
FUNCTION = set(
    ["của", "và", "theo", "tại", "đối", "với", "cho", "các", "có", "được", "là", "trong", "khi", "này", "đó", "để", "về", "từ", "đến", "với", "thì", "mà", "hoặc", "những", "một", "do", "bị", "đã", "sẽ", "không", "phải", "như", "sau", "quy", "định", "điều", "khoản", "điểm", "luật", "nghị", "định", "trường", "hợp"]
)


def law_articles():
    import docx

    for path in sorted(glob.glob(os.path.join(LAWS, "*.docx"))):
        text = "\n".join(p.text for p in docx.Document(path).paragraphs)
        text = unicodedata.normalize("NFC", text)
        yield from re.split(r"\n\s*Điều \d+\.", text)


def union_text(path: str) -> str:
    """The text of one union document: a .docx (paragraphs, then table cells) or a UTF-8 .txt."""
    if path.endswith(".docx"):
        import docx

        d = docx.Document(path)
        parts = [p.text for p in d.paragraphs]
        parts += [cell.text for table in d.tables for row in table.rows for cell in row.cells]
        return "\n".join(parts)
    with open(path, encoding="utf-8-sig") as f:
        return f.read()


def union_articles():
    """Articles of the three union documents (union law, union charter, company agreement)."""
    for path in sorted(glob.glob(os.path.join(UNION, "*.docx")) + glob.glob(os.path.join(UNION, "*.txt"))):
        text = unicodedata.normalize("NFC", union_text(path))
        # The agreement numbers its articles "Điều 1:", the law and the charter "Điều 1."
        yield from re.split(r"\n\s*Điều \d+[.:]", text)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--everyday", action="store_true", help="the glossary's most used Vietnamese terms")
    ap.add_argument("--words", action="store_true", help="single syllables no entry has as a whole word")
    ap.add_argument("--union", action="store_true",
                    help="phrases of the three union documents (eval/union/) instead of the seven laws")
    args = ap.parse_args()
    with open(os.path.join(HERE, "glossary_en_vi.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    covered = [row["vi"].lower() for row in rows]
    if args.everyday:
        used: Counter[str] = Counter()
        for row in rows:
            used[row["vi"]] = max(used[row["vi"]], int(row["corpus_count"]) + int(row["law_count"]))
        for vi, c in used.most_common(args.top):
            print(f"{c}\t{vi}")
        return
    counts: Counter[str] = Counter()
    for article in union_articles() if args.union else law_articles():
        seen = set()
        for clause in re.split(r"[.;:,()\n“”\"]+", article.lower()):
            words = re.findall(r"\w+", clause)
            for n in (1,) if args.words else (2, 3, 4):
                for i in range(len(words) - n + 1):
                    gram = words[i : i + n]
                    if gram[0] in FUNCTION or gram[-1] in FUNCTION or any(w.isdigit() for w in gram):
                        continue
                    seen.add(" ".join(gram))
        counts.update(seen)
    shown = 0
    for phrase, c in counts.most_common():
        if args.words:
            # A syllable is covered only as a whole word of an entry ("cha" is not in "chấm").
            if len(phrase) < 2 or any(phrase in v.split() for v in covered):
                continue
        elif any(phrase == v or phrase in v for v in covered):
            continue
        print(f"{c}\t{phrase}")
        shown += 1
        if shown >= args.top:
            break


if __name__ == "__main__":
    main()
