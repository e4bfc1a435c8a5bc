"""Analyzer 'text': can this text be scored at all? Text typed without diacritics and text in the legacy
TCVN3 (ABC) or VNI encodings turn every score into nonsense, so they are reported instead of scored."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

import regex
from pydantic import Field

from ..document import Document
from ..lexicon import shipped_words
from ..models import Model
from ..registry import Analyzer, Rule
from ..structure import in_spans, url_spans
from ..vocab import OUTSIDE_QUICK_BLOCKS, is_syllable_shape, quick_class, tone_marks
from .base import Context

RULES = (
    Rule(
        "text.no_diacritics",
        "error",
        "The text is typed without Vietnamese diacritics; scores are not computed.",
        "Văn bản được gõ không dấu: người đọc dễ hiểu sai và các chỉ số đọc hiểu không được tính.",
        "Thu tuong chu tri hoi nghi truc tuyen. → Thủ tướng chủ trì hội nghị trực tuyến.",
        why="Chữ không dấu có nhiều cách đọc («ban» là bàn, bán, bạn…); mọi con số tính trên đó đều sai.",
    ),
    Rule(
        "text.legacy_encoding",
        "error",
        "The text is in a legacy TCVN3 (ABC) or VNI encoding shown as Unicode; scores are not computed.",
        "Văn bản có vẻ được gõ bằng bảng mã cũ {encoding} nên hiển thị sai chữ; các chỉ số đọc hiểu không được "
        "tính.",
        "Thñ t−íng chñ tr× héi nghÞ (TCVN3), Thuû töôùng chuû trì (VNI) → Thủ tướng chủ trì hội nghị (Unicode).",
        why="Văn bản ở bảng mã cũ hiển thị thành ký tự lạ trên máy dùng Unicode; người đọc không đọc được.",
        source="Unicode TCVN 6909:2001 là bảng mã chuẩn cho văn bản điện tử.",
    ),
    Rule(
        "text.not_vietnamese",
        "warning",
        "Too little of the text is Vietnamese for the scores to mean anything; scores are not computed.",
        "Phần lớn văn bản không phải tiếng Việt; các chỉ số đọc hiểu không được tính.",
        "The committee met on Monday to review the draft. → Thứ hai, ủy ban họp để xem xét dự thảo.",
        why="Các thang đo của công cụ được xây dựng cho tiếng Việt.",
    ),
    Rule(
        "text.converted_encoding",
        "info",
        "The text was converted from a legacy encoding (TCVN3, VNI, Windows-1258) before the analysis.",
        "Văn bản được chuyển từ bảng mã {encoding} sang Unicode trước khi kiểm tra; hãy lưu lại bản Unicode và "
        "đọc soát chữ có dấu.",
        "Thñ t−íng (TCVN3) → Thủ tướng (Unicode), chuyển bằng `vnpolicytext convert`.",
        why="Tệp Unicode hiển thị đúng trên mọi máy; bản gốc ở bảng mã cũ sẽ tiếp tục hiển thị sai.",
        source="TCVN 6909:2001 (Unicode) là bộ mã chuẩn cho văn bản điện tử của cơ quan nhà nước.",
    ),
    Rule(
        "text.glued_words",
        "warning",
        "Two words typed without the space between them ('dữliệu', 'sổsách'): two tone marks in one written "
        "syllable, and it splits into two Vietnamese syllables.",
        "«{token}» thiếu dấu cách giữa hai tiếng; nên viết «{fixed}».",
        "Cơ quan cập nhậttừ dữliệu dân cư. → Cơ quan cập nhật từ dữ liệu dân cư.",
        why="Từ dính liền khó đọc, không tìm kiếm được và làm sai các phép đếm từ, tiếng.",
    ),
    Rule(
        "text.spacing",
        "info",
        "A spacing error: several spaces between words, a space before a punctuation mark, none after it.",
        "Lỗi khoảng trắng: {what}.",
        "Hồ sơ  gồm đơn ,bản sao giấy khai sinh. → Hồ sơ gồm đơn, bản sao giấy khai sinh.",
        why="Lỗi khoảng trắng làm văn bản trông cẩu thả và làm sai việc ngắt dòng, tìm kiếm.",
        source="Quy tắc trình bày văn bản tiếng Việt: dấu câu viết liền chữ trước, cách chữ sau.",
    ),
)


class TextSummary(Model):
    """Basic counts and the input checks of analyzer 'text'."""

    characters: int = Field(description="Length of the caller's text in code points.")
    letters_digits: int = Field(
        description="Letters and digits (the 'characters' of the readability formula)."
    )
    paragraphs: int = Field(description="Number of paragraphs.")
    sentences: int = Field(description="Number of units (sentences, headings, list items).")
    syllables: int = Field(description="Number of syllables.")
    words: int = Field(description="Number of segmented words (0 when an input problem stops the analysis).")
    diacritic_share: float | None = Field(
        description="Share of letter tokens carrying a Vietnamese diacritic or đ, on up to 24,000 characters "
        "sampled across the text (None: fewer than 8 tokens)."
    )
    scorable: bool = Field(
        description="False when the text cannot be scored: it is empty, or a problem in `problems` (no "
        "diacritics, legacy encoding, not Vietnamese) would make every score garbage, so none is computed."
    )
    problems: list[str] = Field(default_factory=list, description="Rule ids of the input problems found.")


_MIN_TOKENS = 8
# Letters of Unicode Vietnamese that ASCII lacks: a text typed with diacritics is full of them.
_VI_LOWER = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_VI_LETTERS = regex.compile("[" + _VI_LOWER + _VI_LOWER.upper() + "]")
# Letters that only a legacy 8-bit Vietnamese encoding read as Windows-1252/Latin-1 produces.
_LEGACY = regex.compile(r"[¸µ¶·¹¨©ª«¬®°±²³´»¼½¾¿ÆÇËÌÎÏÐÑÖ×ØÛÜÞßäåæçëîïñöøûüþÿ−]")
# VNI writes the tone as a separate Latin-1 letter after the vowel (uû, öôù, aø).
_VNI = regex.compile(r"[aeiouyâêôöAEIOUYÂÊÔÖ][ùøûõïÙØÛÕÏ]|[öÖ][ôÔ]|[ñÑ](?=[aeiouôöâêAEIOUÔÖÂÊ])")
_WORD = regex.compile(r"[^\W\d_]+")
# Vietnamese-only letters as a set: a token of `_WORD` without any of them is a plain (ASCII-like) token.
_VI_LETTER_SET = frozenset(_VI_LOWER + _VI_LOWER.upper())
# Both patterns list their characters (no property classes), so `re` reads them as `regex` does, and scans
# ordinary text for them faster.
_LEGACY_MARK = re.compile(_LEGACY.pattern + "|" + _VNI.pattern)
# Every `_LEGACY_MARK` match holds a `_LEGACY` letter (VNI's "ø û ï Ø Û Ï", "ö", "ñ" are ones) or is a vowel
# and one of "ù õ Ù Õ" (Vietnamese letters, rarely after a vowel): where neither is found there is none. A
# class of listed letters is searched several times faster than the pattern with its vowel alternative.
_LEGACY_LETTER = re.compile(_LEGACY.pattern)
_VNI_TONE = re.compile("[ùõÙÕ]")
_VNI_VOWELS = frozenset("aeiouyâêôöAEIOUYÂÊÔÖ")


def _may_have_legacy_marks(sample: str) -> bool:
    """False only when `_LEGACY_MARK` finds nothing in `sample`."""
    if _LEGACY_LETTER.search(sample) is not None:
        return True
    before = [sample[i - 1] for i in map(re.Match.start, _VNI_TONE.finditer(sample)) if i]
    return not _VNI_VOWELS.isdisjoint(before)
# Common Vietnamese syllables as typed without diacritics (and unlikely in English text).


def _bare_vi() -> frozenset[str]:
    return shipped_words("bare_syllables.txt")


_SAMPLE = 24_000  # characters examined at most, in 12 windows spread over the text


def _sample(text: str) -> str:
    """The whole text when short, else 12 evenly spaced windows: the checks stay O(1) on huge inputs."""
    if len(text) <= _SAMPLE:
        return text
    size, step = _SAMPLE // 12, len(text) // 12
    return "\n".join(text[i * step : i * step + size] for i in range(12))


def _no_diacritics_text(tokens: list[str], vi_share: float) -> bool:
    if vi_share >= 0.08:
        return False
    bare_vi = _bare_vi()
    bare = sum(1 for t in tokens if t.lower() in bare_vi)
    return bare / len(tokens) >= 0.25


@lru_cache(maxsize=1)
def _quick_words() -> re.Pattern[str]:
    """`_WORD` as a `re` pattern of the characters it matches in `vocab.QUICK_BLOCKS`: on text without other
    characters both find the same tokens, the `re` one in about half the time."""
    return re.compile(f"[{quick_class(_WORD.pattern[:-1])}]+")


def _count_tokens(sample: str) -> tuple[list[str], int, int]:
    """(the tokens, the number in a legacy encoding, the number of other tokens with Vietnamese letters)."""
    words = (_WORD if OUTSIDE_QUICK_BLOCKS.search(sample) else _quick_words()).findall(sample)
    tokens = len(words)
    legacy_starts: set[int] = set()
    legacy_vi = 0
    marks = _LEGACY_MARK.finditer(sample) if _may_have_legacy_marks(sample) else ()
    for m in marks:  # rare in Unicode text: find each one's token
        start = m.start()
        while start > 0 and start > m.start() - 40 and sample[start - 1].isalpha():
            start -= 1
        if start not in legacy_starts:
            legacy_starts.add(start)
            end = m.end()
            while end < len(sample) and end < m.end() + 40 and sample[end].isalpha():
                end += 1
            legacy_vi += bool(_VI_LETTERS.search(sample, start, end))
    plain = sum(map(_VI_LETTER_SET.isdisjoint, words))  # tokens with no Vietnamese-only letter
    vi = tokens - plain - legacy_vi
    return words, len(legacy_starts), vi


_ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI", "cp1258": "Windows-1258"}
# The precomposed letters from U+00C0 to U+1EF9 whose NFD holds a tone mark (grave, acute, tilde, hook above,
# dot below): what `tests/test_text_check.py` computes from `unicodedata`. Spelled out because testing the
# 7,700 code points at every cold start cost 7-10 ms; listed one by one, not as ranges, because `regex` scans
# for a class of listed characters faster.
_TONED = (
    "\u00c0\u00c1\u00c3\u00c8\u00c9\u00cc\u00cd\u00d1\u00d2\u00d3\u00d5\u00d9\u00da\u00dd\u00e0\u00e1\u00e3\u00e8"
    "\u00e9\u00ec\u00ed\u00f1\u00f2\u00f3\u00f5\u00f9\u00fa\u00fd\u0106\u0107\u0128\u0129\u0139\u013a\u0143\u0144"
    "\u0154\u0155\u015a\u015b\u0168\u0169\u0179\u017a\u01d7\u01d8\u01db\u01dc\u01f4\u01f5\u01f8\u01f9\u01fa\u01fb"
    "\u01fc\u01fd\u01fe\u01ff\u022c\u022d\u0386\u0388\u0389\u038a\u038c\u038e\u038f\u0390\u03ac\u03ad\u03ae\u03af"
    "\u03b0\u03cc\u03cd\u03ce\u03d3\u0400\u0403\u040c\u040d\u0450\u0453\u045c\u045d\u1e04\u1e05\u1e08\u1e09\u1e0c"
    "\u1e0d\u1e14\u1e15\u1e16\u1e17\u1e24\u1e25\u1e2e\u1e2f\u1e30\u1e31\u1e32\u1e33\u1e36\u1e37\u1e38\u1e39\u1e3e"
    "\u1e3f\u1e42\u1e43\u1e46\u1e47\u1e4c\u1e4d\u1e4e\u1e4f\u1e50\u1e51\u1e52\u1e53\u1e54\u1e55\u1e5a\u1e5b\u1e5c"
    "\u1e5d\u1e62\u1e63\u1e64\u1e65\u1e68\u1e69\u1e6c\u1e6d\u1e78\u1e79\u1e7c\u1e7d\u1e7e\u1e7f\u1e80\u1e81\u1e82"
    "\u1e83\u1e88\u1e89\u1e92\u1e93\u1ea0\u1ea1\u1ea2\u1ea3\u1ea4\u1ea5\u1ea6\u1ea7\u1ea8\u1ea9\u1eaa\u1eab\u1eac"
    "\u1ead\u1eae\u1eaf\u1eb0\u1eb1\u1eb2\u1eb3\u1eb4\u1eb5\u1eb6\u1eb7\u1eb8\u1eb9\u1eba\u1ebb\u1ebc\u1ebd\u1ebe"
    "\u1ebf\u1ec0\u1ec1\u1ec2\u1ec3\u1ec4\u1ec5\u1ec6\u1ec7\u1ec8\u1ec9\u1eca\u1ecb\u1ecc\u1ecd\u1ece\u1ecf\u1ed0"
    "\u1ed1\u1ed2\u1ed3\u1ed4\u1ed5\u1ed6\u1ed7\u1ed8\u1ed9\u1eda\u1edb\u1edc\u1edd\u1ede\u1edf\u1ee0\u1ee1\u1ee2"
    "\u1ee3\u1ee4\u1ee5\u1ee6\u1ee7\u1ee8\u1ee9\u1eea\u1eeb\u1eec\u1eed\u1eee\u1eef\u1ef0\u1ef1\u1ef2\u1ef3\u1ef4"
    "\u1ef5\u1ef6\u1ef7\u1ef8\u1ef9"
)


@lru_cache(maxsize=1)
def _two_tones() -> tuple[regex.Pattern[str], re.Pattern[str]]:
    """A run of letters holding two precomposed letters with a tone mark (what a glued pair of syllables
    has), and a quicker test that every unit holding such a run passes: two of these letters with only
    characters between them that may be letters (no space, ASCII digit or ASCII punctuation). The second is
    a plain `re` pattern of listed characters, several times faster than `regex` with `\\p{L}` on the
    units of ordinary text, where neither finds anything. Built on first use, not at import."""
    exact = regex.compile("[" + _TONED + "][\\p{L}]*[" + _TONED + "]")
    maybe = re.compile("[" + _TONED + "][^\\s0-9!-/:-@\\[-`{-~" + _TONED + "]*[" + _TONED + "]")
    return exact, maybe


_LETTERS_ONLY = regex.compile(r"[\p{L}\p{M}]+")


def split_glued(token: str) -> int | None:
    """Where to put the missing space in a token holding two syllables ("dữliệu" -> 2), or None.

    Only a token with two tone marks (one syllable has at most one) that is not a syllable itself and
    splits into two syllable shapes with one tone mark at most each is taken as two glued words."""
    if len(token) < 4 or not _LETTERS_ONLY.fullmatch(token) or tone_marks(token) < 2:
        return None
    if is_syllable_shape(token):
        return None
    for k in range(1, len(token)):
        left, right = token[:k], token[k:]
        if (
            right[0].isalpha()
            and tone_marks(left) <= 1
            and tone_marks(right) <= 1
            and is_syllable_shape(left)
            and is_syllable_shape(right)
        ):
            return k
    return None


def _typing_slips(ctx: Context) -> None:
    """Glued words and spacing errors, each with the fix."""
    doc = ctx.doc
    glued, spaces = ctx.enabled("text.glued_words"), ctx.enabled("text.spacing")
    two_tones, maybe = _two_tones()
    for unit in doc.units:
        # rare: most units have no token with two tone marks
        if glued and maybe.search(unit.text) and two_tones.search(unit.text):
            for s in unit.syllables:
                if len(s.text) < 4:
                    continue
                k = split_glued(s.text)
                if k is not None:
                    fixed = f"{s.text[:k]} {s.text[k:]}"
                    ctx.add(
                        "text.glued_words",
                        s.start,
                        s.end,
                        suggestion=f"Viết tách: {fixed}",
                        data={"replacement": fixed},
                        fixes=[ctx.fix(s.start + k, s.start + k, " ", safe=True, description="Thêm dấu cách")],
                        token=s.text,
                        fixed=fixed,
                    )
    if spaces:
        _spacing(ctx)


# Spacing: a run of 2+ spaces between two visible characters; a space before , ; : ! ? or a lone period
# after a letter; a comma or semicolon glued to a following letter; a period glued to a capitalised word
# after a lower-case word ("hồ sơ.Người"), never inside numbers, URLs or abbreviations ("TP.HCM", "3,5").
# The leading look-ahead is what every alternative needs where it starts (two spaces, a space before a mark,
# or the mark itself): it changes no match, and spares the look-behinds at every other position (4× faster).
_SPACING = regex.compile(
    r"(?=[ ][ ,;:!?.]|[,;.])(?:"
    r"(?<=\S)(?P<runs> {2,})(?=\S)"
    r"|(?<=[\p{L}\p{N}])(?P<before> +)(?=[,;:!?](?:\s|$)|\.(?:\s|$)(?<!\.\.))"
    r"|(?<=[\p{L}\p{N}])(?P<swap> +[,;])(?=\p{L})"
    r"|(?<=\p{L})(?P<after>[,;])(?=\p{L})"
    r"|(?<=(?<![\p{L}\p{N}.@/])\p{Ll}{2,})(?P<period>\.)(?=\p{Lu}\p{Ll})"
    r")"
)
_WHAT = {
    "runs": "nhiều dấu cách liền nhau",
    "before": "dấu cách trước dấu câu",
    "swap": "dấu cách đặt trước dấu câu thay vì sau",
    "after": "thiếu dấu cách sau dấu câu",
    "period": "thiếu dấu cách sau dấu chấm",
}


def _spacing(ctx: Context) -> None:
    """Spacing errors, each with its safe fix, over the whole working copy (some glue two units together).
    Runs of spaces that align a list label, or sit in a heading or a tab-laid table line, are layout."""
    doc = ctx.doc
    text = doc.text
    tabbed = {u.index for u in doc.units if "\t" in u.text}
    urls = url_spans(text)  # once for the text: a spacing error inside an address is not one
    for m in _SPACING.finditer(text):
        kind = m.lastgroup or "runs"
        a, b = m.start(), m.end()
        if kind != "runs" and in_spans(urls, a):
            continue
        if kind == "runs" and _layout(doc, a, tabbed):
            continue
        if kind == "runs":
            fix = ctx.fix(a, b, " ", safe=True, description="Thay nhiều dấu cách bằng một")
        elif kind == "before":
            fix = ctx.fix(a, b, "", safe=True, description="Bỏ dấu cách trước dấu câu")
        elif kind == "swap":
            mark = ctx.original(b - 1, b)
            fix = ctx.fix(a, b, mark + " ", safe=True, description="Dấu câu viết liền chữ trước, cách chữ sau")
        else:
            fix = ctx.fix(a, b, ctx.original(a, b) + " ", safe=True, description="Thêm dấu cách sau dấu câu")
        ctx.add(
            "text.spacing",
            a - 1 if kind != "runs" else a,
            b + 1 if kind != "runs" else b,
            data={"kind": kind, "replacement": fix.replacement},
            fixes=[fix],
            what=_WHAT[kind],
        )


def _layout(doc: Document, pos: int, tabbed: set[int]) -> bool:
    """Is a run of spaces at `pos` layout: right after a list label, in a heading, or in a line with tabs?"""
    i = bisect_right(doc.unit_starts, pos) - 1
    if i < 0 or pos >= doc.units[i].end:
        return False
    unit = doc.units[i]
    if unit.kind == "heading" or i in tabbed:
        return True
    return pos <= unit.label_end  # the spaces that align the body after "1." or "a)"


def analyze(ctx: Context) -> TextSummary:
    """Count the text and decide whether it can be scored; the words are segmented only when it can."""
    doc = ctx.doc
    if doc.converted_from:
        first = doc.units[0] if doc.units else None
        ctx.add(
            "text.converted_encoding",
            *((first.start, first.end) if first else (0, 0)),
            suggestion="Lưu văn bản ở dạng Unicode (UTF-8).",
            data={"encoding": doc.converted_from},
            encoding=_ENCODING_NAMES.get(doc.converted_from, doc.converted_from),
        )
    sample = _sample(doc.text)
    words, legacy, vi = _count_tokens(sample)
    n_tokens = len(words)
    share: float | None = None
    problems: list[str] = []
    if n_tokens >= _MIN_TOKENS:
        share = vi / n_tokens
        first = doc.units[0] if doc.units else None
        start, end = (first.start, first.end) if first else (0, 0)
        if legacy / n_tokens >= 0.12 and legacy > vi:
            encoding = "VNI" if len(_VNI.findall(sample)) * 3 >= legacy else "TCVN3"
            problems.append("text.legacy_encoding")
            ctx.add(
                "text.legacy_encoding",
                start,
                end,
                suggestion="Chuyển văn bản sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi kiểm tra lại.",
                data={"encoding": encoding, "legacy_tokens": legacy, "tokens": n_tokens},
                encoding=encoding,
            )
        elif _no_diacritics_text(words, share):
            problems.append("text.no_diacritics")
            ctx.add(
                "text.no_diacritics",
                start,
                end,
                suggestion="Gõ lại văn bản có đủ dấu tiếng Việt.",
                data={"diacritic_share": round(share, 3), "tokens": n_tokens},
            )
        elif share < 0.15:
            problems.append("text.not_vietnamese")
            ctx.add(
                "text.not_vietnamese",
                start,
                end,
                data={"diacritic_share": round(share, 3), "tokens": n_tokens},
            )
    if not problems:
        _typing_slips(ctx)
    syllables = doc.syllable_count
    scorable = not problems and syllables > 0
    return TextSummary(
        characters=len(doc.original),
        letters_digits=doc.letters_digits,
        paragraphs=doc.paragraph_count,
        sentences=len(doc.units),
        syllables=syllables,
        # On text without diacritics or in a legacy encoding every other figure would be noise, so the words
        # (the expensive layer) are only segmented for text that can be analyzed.
        words=doc.word_count if not problems else 0,
        diacritic_share=None if share is None else round(share, 4),
        scorable=scorable,
        problems=problems,
    )


ANALYZER = Analyzer(
    name="text",
    title="Kiểm tra đầu vào",
    description="Counts, and whether the text can be scored at all (diacritics, encoding, language).",
    rules=RULES,
    summary=TextSummary,
    run=analyze,
)
