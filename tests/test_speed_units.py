"""The faster paths of issue 16 in the unit analyzers give what the slower ones gave: split points and split
fixes from one POS decode, models built without pydantic's generic constructor, readability's syllable
counts from one kind per distinct syllable."""

from __future__ import annotations

from bisect import bisect_left

from vnpolicytext import analyze
from vnpolicytext.analyzers.base import _FINDING_FIELDS
from vnpolicytext.analyzers.readability import _syllable_counts, common_syllables
from vnpolicytext.analyzers.sentence_length import _candidates, _joins_clauses, _splits
from vnpolicytext.api import _context
from vnpolicytext.config import load_config
from vnpolicytext.document import Document, Unit
from vnpolicytext.models import Finding
from vnpolicytext.passive_rules import tag_words
from vnpolicytext.split_rewrite import split_fix

# Long sentences written for this test: clauses joined by "và", "nhưng", "đồng thời", "sau đó", a semicolon,
# a colon before a list, and nouns joined by "và" (no split there).
LONG = [
    "Người dân có nhu cầu cấp lại thẻ căn cước nộp tờ khai tại bộ phận một cửa của phường trong giờ hành chính "
    "và cán bộ tiếp nhận kiểm tra thông tin, đối chiếu với cơ sở dữ liệu quốc gia về dân cư rồi hẹn ngày trả "
    "kết quả cho người nộp.",
    "Ủy ban nhân dân xã tổ chức tiếp nhận hồ sơ đề nghị hỗ trợ nhà ở của các hộ nghèo trên địa bàn trong thời "
    "hạn mười ngày làm việc, đồng thời thông báo công khai danh sách các hộ được hỗ trợ tại nhà văn hóa của "
    "từng thôn.",
    "Doanh nghiệp nộp báo cáo tình hình sử dụng lao động nước ngoài trước ngày 15 tháng 12 hằng năm; cơ quan "
    "quản lý lao động cấp tỉnh tổng hợp và gửi Bộ Lao động - Thương binh và Xã hội trước ngày 31 tháng 12.",
    "Hồ sơ đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ gồm các giấy tờ sau đây: a) đơn đề nghị theo mẫu; b) "
    "bản sao giấy chứng nhận quyền sử dụng đất; c) hai bộ bản vẽ thiết kế xây dựng có chữ ký của chủ đầu tư.",
    "Chính quyền địa phương đã hoàn thành việc giải phóng mặt bằng cho dự án mở rộng tuyến đường vành đai "
    "nhưng nhiều hộ dân vẫn chưa nhận đủ tiền bồi thường và các khoản hỗ trợ tái định cư theo quy định hiện "
    "hành của thành phố.",
    "Sở Giáo dục và Đào tạo yêu cầu các trường trung học phổ thông rà soát cơ sở vật chất, trang thiết bị dạy "
    "học và đội ngũ giáo viên, sau đó báo cáo kết quả rà soát và đề xuất nhu cầu bổ sung trước ngày 20 tháng "
    "8 năm nay.",
    "Các cơ quan, tổ chức, đơn vị sự nghiệp công lập và doanh nghiệp nhà nước trên địa bàn tỉnh có trách "
    "nhiệm phổ biến, quán triệt nội dung kế hoạch này đến toàn thể cán bộ, công chức, viên chức và người lao "
    "động thuộc phạm vi quản lý của mình.",
    "Người lao động được nghỉ việc riêng mà vẫn hưởng nguyên lương trong trường hợp kết hôn hoặc con đẻ, con "
    "nuôi kết hôn và phải thông báo với người sử dụng lao động trước ít nhất ba ngày làm việc, trừ trường "
    "hợp bất khả kháng do thiên tai, hỏa hoạn gây ra.",
]


def _points_one_by_one(doc: Document, unit: Unit) -> int | None:
    """The split point as the analyzer found it before one decode served every unit: the candidates tried
    in order, each bare conjunction's window (12 words on each side) tagged alone."""
    words = doc.words[unit.index]
    for m in _candidates(unit):
        if not m.group()[0].isspace():
            return unit.start + m.start()
        k = bisect_left(words.starts(), unit.start + m.end())
        lo, hi = max(0, k - 12), min(len(words), k + 12)
        if _joins_clauses(tag_words([" ".join(w.split()) for w in words.texts()[lo:hi]]), k - lo):
            return unit.start + m.start()
    return None


def test_split_points_and_fixes_from_one_decode_are_those_of_one_by_one() -> None:
    text = "\n\n".join(LONG)
    doc = Document(text)
    cfg = load_config({"profile": "citizen"})
    options = {"sentence_length": cfg.options_for("sentence_length")}
    ctx = _context("sentence_length", doc, cfg, options, {}, {}, [])
    units = list(doc.units)
    points, fixes = _splits(ctx, units)
    expected = [_points_one_by_one(doc, u) for u in units]
    assert points == expected
    assert sum(p is not None for p in points) >= 5  # most of these sentences have a split point
    assert fixes == [split_fix(ctx, u, at) for u, at in zip(units, points, strict=True)]
    assert sum(bool(f) for f in fixes) >= 2  # and some a safe rewrite ("đồng thời", ";")


def test_trusted_finding_is_what_model_construct_builds() -> None:
    report = analyze("\n\n".join(LONG) + "\n\nHồ sơ được UBND xã tiếp nhận.", config={"profile": "citizen"})
    assert report.findings
    assert any(f.offset_keys for f in report.findings)
    for f in report.findings:
        slow = Finding.model_construct(_FINDING_FIELDS, **dict(f.__dict__))
        slow.mark_offsets(f.offset_keys)
        fast = Finding.trusted(_FINDING_FIELDS, dict(f.__dict__), f.offset_keys)
        for attr in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
            assert getattr(fast, attr) == getattr(slow, attr), attr
        assert list(fast.__dict__) == list(Finding.model_fields)  # field order, as model_construct keeps it
        assert fast.model_dump_json() == slow.model_dump_json()
        assert fast.model_copy(update={"start": 0}).offset_keys == f.offset_keys


def test_trusted_sentences_and_parts_are_what_pydantic_builds() -> None:
    report = analyze("\n\n".join(LONG), config={"profile": "citizen"})
    assert report.sentences and report.readability is not None and report.readability.parts
    models = [*report.sentences, *report.readability.parts]
    for m in models:
        cls = type(m)
        values = dict(m.__dict__)
        slow = cls.model_construct(set(cls.model_fields), **values)
        checked = cls(**values)  # validated: the values were already of their fields' types
        for attr in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"):
            assert getattr(m, attr) == getattr(slow, attr), attr
        assert list(m.__dict__) == list(cls.model_fields)
        assert m.__dict__ == checked.__dict__
        assert [type(v) for v in m.__dict__.values()] == [type(v) for v in checked.__dict__.values()]
        assert m.model_dump_json() == checked.model_dump_json()


def _syllable_counts_one_by_one(doc: Document) -> tuple[list[int], ...]:
    """The readability counts as they were made before kinds and counts: every syllable tested in turn."""
    common = common_syllables()
    out: tuple[list[int], ...] = ([], [], [], [])
    for u in doc.units:
        letters = difficult = vocabulary = vocabulary_difficult = 0
        opening = True
        for t in u.syllables:
            if t.text.isdigit():
                continue
            hard = t.text.lower() not in common
            letters += 1
            difficult += hard
            if t.start < u.label_end:
                continue
            capital, opening = t.text[0].isupper() and not opening, False
            if capital or not t.text[0].isalpha() or doc.in_name(t.start, t.end):
                continue
            vocabulary += 1
            vocabulary_difficult += hard
        for values, n in zip(out, (letters, difficult, vocabulary, vocabulary_difficult), strict=True):
            values.append(n)
    return out


def test_syllable_counts_from_kinds_are_those_of_every_syllable_in_turn() -> None:
    # labels, digits first, names of bodies and documents, a quoted title holding a name, capitals, a unit
    # in capitals, an English word, a heading
    text = "\n".join(
        [
            "Điều 12. Hồ sơ đề nghị cấp phép",
            "1. 15 ngày sau khi nhận hồ sơ, Sở Tài nguyên và Môi trường trả lời bằng văn bản.",
            "a) Bản sao Quyết định số 25/2023/QĐ-UBND của Ủy ban nhân dân tỉnh Lâm Đồng;",
            'b) Báo cáo về Đề án "Xây dựng Trường Đại học Luật Hà Nội thành trường trọng điểm" của Bộ Tư pháp.',
            "2025 là năm Bộ Giáo dục và Đào tạo triển khai Chương trình giáo dục phổ thông mới ở lớp 12.",
            "- “Nông thôn mới” là phong trào do Chính phủ phát động, được người dân ủng hộ.",
            "THÔNG BÁO VỀ VIỆC NGHỈ LỄ QUỐC KHÁNH",
            "Ông Nguyễn Văn An nói rằng app đặt lịch của UBND phường chạy chậm vào giờ cao điểm.",
        ]
    )
    doc = Document(text)
    syl = _syllable_counts(doc, common_syllables())
    counts = (syl.letters, syl.difficult, syl.vocabulary, syl.vocabulary_difficult)
    assert counts == _syllable_counts_one_by_one(doc)
    assert sum(syl.vocabulary) < sum(syl.letters)  # names, capitals and labels were left out
    assert doc.names  # and there were names to leave out
