"""Time legacy-encoding detection and conversion on a long law, encoded in each legacy encoding.

    PYTHONPATH=src python benchmarks/legacy_detect.py [FILE]

Default FILE: ../shared/corpus_laws/bo-luat-dan-su.txt (the Civil Code). Characters no legacy encoding
holds are dropped first (the file writes some Đ as Latin Ð). Prints, per encoding: size, seconds to
detect + convert the bytes, and seconds to repair the same bytes read as Latin-1 (mis-decoded text).
"""

from __future__ import annotations

import sys
import time
import unicodedata
from pathlib import Path

from vnpolicytext import legacy


def _default() -> Path:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "corpus_laws" / "bo-luat-dan-su.txt"
        if candidate.is_file():
            return candidate
    raise SystemExit("pass a UTF-8 Vietnamese text file")


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else _default()
    raw = unicodedata.normalize("NFC", path.read_text(encoding="utf-8").replace("Ð", "Đ").replace("ð", "đ"))
    letters = set(legacy.vietnamese_letters())
    text = "".join(c for c in raw if c.isascii() or c in letters)
    legacy.score("khởi động")  # load the syllable list once, outside the timings
    print(f"{path.name}: {len(text):,} characters")
    for encoding in legacy.ENCODINGS:
        data = legacy.encode(text, encoding)
        t0 = time.perf_counter()
        found = legacy.detect_bytes(data)
        t1 = time.perf_counter()
        shown = data.decode("latin-1")
        fixed = legacy.detect_misdecoded(shown) if encoding != "cp1258" else None
        t2 = time.perf_counter()
        ok = found is not None and found.encoding == encoding and found.text == text
        line = (
            f"{encoding:7} {len(data):>9,} bytes  detect+convert {t1 - t0:.2f} s  {'ok' if ok else 'WRONG'}"
        )
        if fixed is not None:
            line += f"  mis-decoded repair {t2 - t1:.2f} s  {'ok' if fixed.text == text else 'WRONG'}"
        print(line)
    t0 = time.perf_counter()
    assert legacy.detect_misdecoded(text) is None
    print(f"Unicode text checked for mis-decoding in {time.perf_counter() - t0:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
