"""Text typed in TCVN3 (the "ABC" code of the .VnTime fonts), read back as Unicode.

Many offices kept typing with .VnTime/.VnTimeH fonts long after Unicode: a Word file, a PDF or a
text file of that kind holds "C«ng ®oµn" where the page shows "Công đoàn", because TCVN3 put the
Vietnamese letters on the byte values that Latin-1 gives to « ® µ … Indexed as is, such a document
matches no question and its citations are unreadable; converted, it is an ordinary document.

Only the letters TCVN3 (TCVN 5712:1993, VN3) defines are mapped: the 134 lowercase forms and the
seven base capitals Ă Â Đ Ê Ô Ơ Ư. VN3 has no accented capitals; a capital line was typed with the
capitals font .VnTimeH over the lowercase codes, so a converted line whose Latin letters are all
capitals is put in capitals ("CéNG HOµ" → "CỘNG HOÀ").
"""

from __future__ import annotations

import re

# TCVN3 code (as Latin-1 shows it) → letter, in Unicode's order of the Vietnamese alphabet.
_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
_TABLE = {pair[0]: pair[1] for pair in _PAIRS.split()}
_TRANSLATE = str.maketrans(_TABLE)
# Codes that are not letters of Vietnamese in Unicode: a Unicode text almost never holds them,
# a TCVN3 one on nearly every line (à, đ, ô, ơ, ư, ạ …). "à á â ã è é …" are both, so do not count;
# nor do Þ Ð þ, which a Windows-1258 file read byte by byte shows for its tilde, its "Đ" and "₫".
_SIGNATURE = frozenset(_TABLE) - frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝÞÐþ")
# Letters only Unicode Vietnamese has (ă đ ơ ư and every dotted/hooked vowel): a line holding one
# was typed in Unicode and is left alone, even in a document that is mostly TCVN3.
_UNICODE_VIETNAMESE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
# A document is read as TCVN3 when its signature codes are this many at least (two lines of TCVN3
# hold about as many) and outnumber its Unicode-only Vietnamese letters this many times. Not fitted:
# of the 30 Unicode documents in ../shared (bundled plans, Word laws, ALQAC), the most signature
# codes any holds is 11 (Luật Giáo dục, among tens of thousands of Unicode-only letters).
MIN_SIGNATURE = 20
DOMINANCE = 5


# Converted, a TCVN3 text reads as Vietnamese: its commonest words are there. French ("« … »",
# "ç") or text typed without accents and bulleted with "·" hold signature codes too, but converted
# they give none of these words.
# (Only words with diacritics: text typed without accents has "theo", "trong" too.)
_COMMON_WORDS = re.compile(r"\b(?:của|và|các|được|người|những|không|này|với|đến|một|về|để)\b", re.IGNORECASE)
MIN_COMMON_WORDS = 5


def converted(text: str) -> str | None:
    """`text` in Unicode if it is Vietnamese typed in TCVN3 and shown through Latin-1, else None."""
    signature = sum(ch in _SIGNATURE for ch in text)
    if signature < MIN_SIGNATURE or signature < DOMINANCE * len(_UNICODE_VIETNAMESE.findall(text)):
        return None
    unicode = to_unicode(text)
    return unicode if len(_COMMON_WORDS.findall(unicode)) >= MIN_COMMON_WORDS else None


def looks_like_tcvn3(text: str) -> bool:
    """Whether `text` is Vietnamese typed in TCVN3 and shown through Latin-1."""
    return converted(text) is not None


def to_unicode(text: str) -> str:
    """Convert every line that holds no Unicode-only Vietnamese letter; capital lines to capitals."""
    return "\n".join(_line_to_unicode(line) for line in text.split("\n"))


def _line_to_unicode(line: str) -> str:
    if _UNICODE_VIETNAMESE.search(line):
        return line
    converted = line.translate(_TRANSLATE)
    if converted == line:
        return line
    # Latin letters of words without digits: "Sè: 12/2012/QH13" is not a capital line.
    latin = [
        ch
        for word in line.split()
        if not any(c.isdigit() for c in word)
        for ch in word
        if "a" <= ch.lower() <= "z"
    ]
    if len(latin) >= 2 and all(ch.isupper() for ch in latin):
        return converted.upper()
    return converted
