"""List labels as Word renders them, computed from a document's numbering.xml and styles.

Enough of ECMA-376 §17.9 for legal drafts: abstract numbering definitions and their instances
(`w:num`, `w:lvlOverride`/`w:startOverride`), numbering given on the paragraph or through its style
(`w:basedOn` chains, `w:numStyleLink`), level texts with `%1`…`%9`, number formats (decimal,
decimalZero, lower/upper letter, lower/upper roman, bullet, none), `w:lvlRestart`, `w:isLgl` and
the suffix. Counters belong to the abstract definition, as in Word, so two instances of one list
continue each other unless an instance overrides its start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

_BULLET_FALLBACK = "•"


@dataclass(frozen=True, slots=True)
class Level:
    start: int
    fmt: str
    text: str
    restart: int | None  # w:lvlRestart/@w:val; None: restart after any shallower level
    legal: bool
    suffix: str
    style: str | None


def _val(el: Any, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return None if child is None else child.get(qn("w:val"))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(lvl: Any) -> Level:
    fmt = _val(lvl, "w:numFmt") or "decimal"
    text = _val(lvl, "w:lvlText")
    restart = _val(lvl, "w:lvlRestart")
    is_lgl = lvl.find(qn("w:isLgl"))
    return Level(
        start=_int(_val(lvl, "w:start"), 0),
        fmt=fmt,
        text=text if text is not None else "",
        restart=None if restart is None else _int(restart, 0),
        legal=is_lgl is not None and is_lgl.get(qn("w:val"), "true") not in ("0", "false", "off"),
        suffix={"space": " ", "nothing": ""}.get(_val(lvl, "w:suff") or "tab", " "),
        style=_val(lvl, "w:pStyle"),
    )


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    letter = chr(ord("a") + (n - 1) % 26)
    return letter * ((n - 1) // 26 + 1)  # Word: a … z, aa … zz


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """One counter in one of Word's number formats (unknown formats fall back to decimal)."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def bullet_text(text: str) -> str:
    """A bullet's symbol; Symbol/Wingdings private-use code points become '•'."""
    out = "".join(_BULLET_FALLBACK if 0xE000 <= ord(c) <= 0xF8FF else c for c in text)
    return out or _BULLET_FALLBACK


class Numbering:
    """Computes the label of each numbered paragraph, in document order (call `label` once per paragraph)."""

    def __init__(self, numbering_el: Any | None, styles_el: Any | None) -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, str] = {}
        self.overrides: dict[str, dict[int, tuple[int | None, Level | None]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.style_num: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        if styles_el is not None:
            for style in styles_el.iter(qn("w:style")):
                sid = style.get(qn("w:styleId"))
                if sid is None:
                    continue
                based = _val(style, "w:basedOn")
                if based:
                    self.style_parent[sid] = based
                ppr = style.find(qn("w:pPr"))
                numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
                if numpr is not None:
                    style_ilvl = _val(numpr, "w:ilvl")
                    self.style_num[sid] = (
                        _val(numpr, "w:numId"),
                        None if style_ilvl is None else _int(style_ilvl, 0),
                    )
        if numbering_el is None:
            return
        for absn in numbering_el.iter(qn("w:abstractNum")):
            aid = absn.get(qn("w:abstractNumId"))
            if aid is None:
                continue
            levels = {_int(lvl.get(qn("w:ilvl")), 0): _level(lvl) for lvl in absn.iter(qn("w:lvl"))}
            self.abstract[aid] = levels
            link = _val(absn, "w:numStyleLink")
            if link:
                self.abstract_style_link[aid] = link
        for num in numbering_el.iter(qn("w:num")):
            nid = num.get(qn("w:numId"))
            aid = _val(num, "w:abstractNumId")
            if nid is None or aid is None:
                continue
            self.nums[nid] = aid
            over: dict[int, tuple[int | None, Level | None]] = {}
            for ov in num.iter(qn("w:lvlOverride")):
                ilvl = _int(ov.get(qn("w:ilvl")), 0)
                start = _val(ov, "w:startOverride")
                lvl = ov.find(qn("w:lvl"))
                over[ilvl] = (None if start is None else _int(start, 0), None if lvl is None else _level(lvl))
            if over:
                self.overrides[nid] = over

    # ------------------------------------------------------------------ resolution

    def _abstract_of(self, num_id: str) -> str | None:
        aid = self.nums.get(num_id)
        seen: set[str] = set()
        while aid is not None and aid in self.abstract_style_link and aid not in seen:
            seen.add(aid)
            style_num = self._style_numpr(self.abstract_style_link[aid])[0]
            linked = self.nums.get(style_num) if style_num else None
            if linked is None or linked == aid:
                break
            aid = linked
        return aid if aid in self.abstract else None

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen: set[str] = set()
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_num:
                return self.style_num[style_id]
            style_id = self.style_parent.get(style_id)
        return None, None

    def _levels(self, num_id: str, aid: str) -> dict[int, Level]:
        levels = dict(self.abstract[aid])
        for ilvl, (_, lvl) in self.overrides.get(num_id, {}).items():
            if lvl is not None:
                levels[ilvl] = lvl
        return levels

    def label(self, paragraph: Any) -> str:
        """The label Word shows before this paragraph ('' when it is not numbered), suffix included."""
        ppr = paragraph.find(qn("w:pPr"))
        style_id = _val(ppr, "w:pStyle") if ppr is not None else None
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id: str | None = None
        ilvl: int | None = None
        if numpr is not None:
            num_id = _val(numpr, "w:numId")
            ilvl_s = _val(numpr, "w:ilvl")
            ilvl = None if ilvl_s is None else _int(ilvl_s, 0)
        if num_id is None:
            num_id, style_ilvl = self._style_numpr(style_id)
            ilvl = style_ilvl if ilvl is None else ilvl
        if num_id is None or num_id == "0":
            return ""
        aid = self._abstract_of(num_id)
        if aid is None:
            return ""
        levels = self._levels(num_id, aid)
        if ilvl is None:
            ilvl = next((i for i, lv in levels.items() if style_id and lv.style == style_id), 0)
        level = levels.get(ilvl)
        if level is None or not 0 <= ilvl < 10:
            return ""
        counters = self.counters.setdefault(aid, [None] * 10)
        starts = {i: lv.start for i, lv in levels.items()}
        overridden = [i for i, (start, _) in self.overrides.get(num_id, {}).items() if start is not None]
        for i in overridden:
            starts[i] = self.overrides[num_id][i][0] or 0
        if num_id not in self.started:
            # an instance that overrides its start restarts the list the first time it is used
            self.started.add(num_id)
            for i in overridden:
                if 0 <= i < 10:
                    counters[i] = None
        current = counters[ilvl]
        counters[ilvl] = starts.get(ilvl, 0) if current is None else current + 1
        for deeper in range(ilvl + 1, 10):
            lv = levels.get(deeper)
            restart = None if lv is None else lv.restart
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return bullet_text(level.text) + level.suffix
        text = level.text
        for i in range(8, -1, -1):
            placeholder = f"%{i + 1}"
            if placeholder not in text:
                continue
            value = counters[i]
            if value is None:
                value = starts.get(i, 0)
            lv = levels.get(i)
            fmt = "decimal" if level.legal else (lv.fmt if lv is not None else "decimal")
            text = text.replace(placeholder, format_number(value, fmt))
        return text + level.suffix if text else ""
