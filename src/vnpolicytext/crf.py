"""underthesea's word-segmentation and POS CRF models, scored exactly without per-token feature strings.

underthesea builds 43 feature strings per token (`T[-1,0].lower=hồ sơ`, ...) in underthesea_core, then
hashes them back into weights and runs Viterbi. The model is linear, so we read its weights once
(`read_crfsuite`, a small reader of the CRFsuite file underthesea ships), group them by feature template
and look values up directly. For the two-label segmentation model every token's emission is the sum of
three parts, each a function of one window of three tokens; each distinct window's part is computed once
and cached under an integer key. Viterbi then runs on the difference of the two labels' scores.

Exactness: the grouped sums round differently from underthesea's sum in template order, so the decoder
checks every decision against a bound on that rounding (a few 1e-12 on a sentence); a sequence with a
decision closer than the bound to a tie is decoded again in underthesea's exact order (`_exact_tags`),
which reproduces its floating-point arithmetic and its tie-breaking (the first label wins a tie).
Feature functions follow underthesea_core's rules (Rust `to_lowercase`, `parse::<i32>`, first letter
unchanged by `to_uppercase`, dictionary of lower-cased text); for the rare token with characters outside
the ranges where Python's and Rust's case tables are checked to agree, underthesea_core itself is asked.

Tables derived from the model (and underthesea's token pattern, read from its source without importing
underthesea) are cached in a small file under the user cache directory (`$XDG_CACHE_HOME/vnpolicytext`),
built at first use; if the directory is not writable they are built in memory, and a file that does not
load is built again. They are laid out for a cheap cold start (`_build_tables`): packed texts instead of
dicts, the dictionary read group by group (`_Words`), the token pattern made from `re`'s code kept there.
"""

from __future__ import annotations

import marshal
import re
import struct
import sys
import threading
import zlib
from array import array
from bisect import bisect_left
from codecs import utf_16_le_decode
from collections.abc import Container, Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress
from operator import add, attrgetter, itemgetter, sub
from pathlib import Path
from typing import Any, cast

from .disk_cache import cached, file_signature, signature

FORMAT = 7
BOS, EOS = 0, 1  # token ids of the positions before and after the sequence
_KEY = 1 << 20  # token ids stay below this; window keys are (a * _KEY + b) * _KEY + c
_MAX_WINDOWS = 150_000  # caches are dropped and rebuilt past this (memory: about 330 bytes a window)
_MAX_DIFFS = 100_000  # `_State.diffs` kept (about 150 bytes each); past it they are dropped
_BATCH = 2048  # tokens decoded together by `CRF.tag_ids_many`
_SMALL = 400  # tokens decoded without numpy when it is not loaded yet (`CRF._small`)
_WS_DIR = "pipeline/word_tokenize/models/ws_crf_vlsp2013_20230727"
_POS_DIR = "pipeline/pos_tag/models/pos_crf_vlsp2013_20230303"
_TOKEN_RULES = "pipeline/word_tokenize/regex_tokenize.py"
_U = 2.0**-53  # unit roundoff of a double

# Characters on which Python's case mappings agree with underthesea_core's (Rust) ones, checked character
# by character in tests/test_crf.py. Tokens with any other character are delegated to underthesea_core.
_UNCHECKED = re.compile(
    "[^\u0000-\u017f\u01a0\u01a1\u01af\u01b0\u0300-\u036f\u1e00-\u1eff\u2000-\u2bff\u3000-\u303f"
    "\U0001f000-\U0001faff]"
)
_I32 = re.compile(r"[+-]?[0-9]+")


class ModelUnavailable(Exception):
    """underthesea's model files or token rules are not where this module expects them."""


# --------------------------------------------------------------------------- reading the model


def read_crfsuite(data: bytes) -> tuple[list[str], list[str], list[tuple[int, int, int, float]]]:
    """Labels, attributes and features (type, source, target, weight) of a CRFsuite model file."""
    magic, _size, kind, _version, _nf, _nl, _na, off_feat, off_labels, off_attrs = struct.unpack_from(
        "<4sI4s7I", data, 0
    )
    if magic != b"lCRF" or kind != b"FOMC":
        raise ModelUnavailable("not a CRFsuite model")
    chunk, _csize, count = struct.unpack_from("<4s2I", data, off_feat)
    if chunk != b"FEAT":
        raise ModelUnavailable("no FEAT chunk")
    features = list(struct.iter_unpack("<3Id", data[off_feat + 12 : off_feat + 12 + 20 * count]))
    return _cqdb_strings(data, off_labels), _cqdb_strings(data, off_attrs), features


def _cqdb_strings(data: bytes, off: int) -> list[str]:
    """Strings of a CQDB block in id order (its backward links)."""
    magic, _size, _flag, _order, count, bwd = struct.unpack_from("<4s5I", data, off)
    if magic != b"CQDB":
        raise ModelUnavailable("no CQDB block")
    out = []
    for i, rec in enumerate(struct.unpack_from(f"<{count}I", data, off + bwd)):
        rid, size = struct.unpack_from("<2I", data, off + rec)
        if rid != i:
            raise ModelUnavailable("CQDB ids out of order")
        out.append(data[off + rec + 8 : off + rec + 7 + size].decode("utf-8", "replace"))
    return out


_TEMPLATE = re.compile(r"T\[(?P<o1>-?\d+)(,(?P<o2>-?\d+))?](\[(?P<column>.*)])?(\.(?P<function>.*))?")

Template = tuple[int, int, str]  # first offset, last offset (== first for one token), function ("" = none)


def parse_template(syntax: str) -> Template:
    """underthesea_core's reading of a feature template such as `T[-1,0].lower`."""
    m = _TEMPLATE.search(syntax)
    if not m:
        return (0, 0, "")
    o1 = int(m["o1"])
    return (o1, int(m["o2"]) if m["o2"] is not None else o1, m["function"] or "")


def _underthesea_dir() -> Path:
    """underthesea's package directory, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable("underthesea is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _token_rules(path: Path) -> tuple[str, int]:
    """underthesea's token pattern (source, flags), from the assignments of its module's source."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    scope: dict[str, Any] = {"re": re}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AugAssign):
            exec(compile(ast.Module([node], []), str(path), "exec"), scope)
            if "patterns" in scope:
                break
    pattern = scope.get("patterns")
    if not isinstance(pattern, re.Pattern):
        raise ModelUnavailable("underthesea's token pattern was not found")
    return pattern.pattern, pattern.flags


def _sources(model_dir: Path, extra: Sequence[Path] = ()) -> list[Path]:
    return [model_dir / "models.bin", model_dir / "features.bin", model_dir / "dictionary.bin", *extra]


def _build_tables(model_dir: Path, rules: Path | None) -> dict[str, Any]:
    """Everything the scorer needs, as plain values marshal can store and read back quickly.

    The distinct values of the templates and the dictionary's groups are stored as packed texts (`_pack`):
    marshal reads a text in one piece where it would read a list or a dict string by string. The values
    get consecutive rows in template order (row 0: an unknown value, or one without any non-zero weight),
    so that the rows need not be stored: the i-th value (`keys`) has row i + 1."""
    import pickle

    labels, attrs, features = read_crfsuite((model_dir / "models.bin").read_bytes())
    with open(model_dir / "features.bin", "rb") as f:
        syntaxes = [str(s) for s in pickle.load(f)]
    index = {s: k for k, s in enumerate(syntaxes)}
    nl = len(labels)
    kept: dict[int, dict[int, float]] = {}  # attribute -> its non-zero weights by label
    trans = [0.0] * (nl * nl)
    for kind, src, dst, w in features:
        if kind == 0 and dst < nl and abs(w) > 1e-10:  # underthesea drops |w| <= 1e-10
            kept.setdefault(src, {})[dst] = w
        elif kind == 1 and src < nl and dst < nl:
            trans[src * nl + dst] = w
    by_template: list[list[tuple[str, int]]] = [[] for _ in syntaxes]
    for a, attr in enumerate(attrs):
        name, sep, value = attr.partition("=")
        k = index.get(name)
        if sep and k is not None and a in kept:
            by_template[k].append((value, a))
    values: list[dict[str, int]] = [{} for _ in syntaxes]
    weights = array("d", [0.0] * nl)  # row 0: no weight
    for k, pairs in enumerate(by_template):
        for value, a in pairs:
            values[k][value] = len(weights) // nl
            row = [0.0] * nl
            for y, w in kept[a].items():
                row[y] = w
            weights.extend(row)
    templates = [parse_template(s) for s in syntaxes]
    dictionary: list[str] = []
    if any(fn == "is_in_dict" for _, _, fn in templates):
        with open(model_dir / "dictionary.bin", "rb") as f:
            dictionary = sorted(str(w) for w in pickle.load(f))
    token_rules = _token_rules(rules) if rules else None
    keys = [value for table in values for value in table]
    texts = list(dict.fromkeys(keys))  # each distinct value once (many are values of several templates)
    where = {text: i for i, text in enumerate(texts)}
    sep = _separator([*texts, *dictionary])
    groups: dict[str, list[str]] = {}  # the dictionary's words by their first `_PREFIX` characters
    for word in dictionary:
        groups.setdefault(word[:_PREFIX], []).append(word)
    tables = {
        "format": FORMAT,
        "scale": _scale(weights, values, trans, nl),
        "labels": labels,
        "syntaxes": syntaxes,
        "templates": templates,
        "sep": sep,
        "counts": [len(table) for table in values],
        "texts": _pack(texts, sep),
        "distinct": len(texts),
        "keys": array("I", [where[key] for key in keys]).tobytes(),  # of each template's values, in turn
        # sparse: most rows of the POS model have one or two of its 31 labels
        "size": len(weights),
        "nonzero": array("I", [i for i, x in enumerate(weights) if x]).tobytes(),
        "weights": array("d", [x for x in weights if x]).tobytes(),
        "trans": trans,
        "prefixes": _pack(list(groups), sep),
        "groups": [_pack(words, sep) for words in groups.values()],
        "sizes": [len(words) for words in groups.values()],
        "rules": token_rules,
        "pattern": _pattern_code(*token_rules) if token_rules else None,
    }
    if nl == 2:  # what the two-label decoder reads: each row's label-0 minus label-1 weight
        tables["diff"] = _differences(weights).tobytes()
    return tables


def _pattern_code(source: str, flags: int) -> tuple[Any, ...] | None:
    """What `re` compiles underthesea's token pattern to (CPython's internal code and group tables), kept
    with the tables so that a fresh process makes the pattern from it in well under a millisecond instead
    of parsing and compiling it again (about 12 ms; `_token_pattern`). Kept only if the pattern made from
    it equals `re.compile`'s (same flags, code and source), with the exact Python version and a CRC of the
    code; None where `re`'s internals are not these (the pattern is then compiled as usual)."""
    try:
        import _sre  # type: ignore[import-not-found]
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source, flags)
        code = [int(c) for c in _compiler._code(parsed, flags)]  # plain ints (the opcodes are a subclass)
        groupindex = {str(k): int(i) for k, i in parsed.state.groupdict.items()}
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for group, i in groupindex.items():
            indexgroup[i] = group
        groups = int(parsed.state.groups - 1)
        args = (int(flags | parsed.state.flags), code, groups, groupindex, tuple(indexgroup))
        marshal.dumps(args)
        if _sre.compile(source, *args) != re.compile(source, flags):
            return None
        return (sys.version, _sre.MAGIC, _code_crc(code), *args)
    except Exception:  # another implementation or version of `re`: compiled at run time
        return None


def _code_crc(code: Sequence[int]) -> int:
    return zlib.crc32(struct.pack(f"<{len(code)}I", *code))


def _separator(texts: Sequence[str]) -> str:
    """A character found in none of `texts` (a line break when it can be; never a surrogate)."""
    used = set().union(*map(set, texts)) if texts else set()
    candidates = chain("\n", map(chr, range(0xD800)), map(chr, range(0xE000, 0x110000)))
    return next(c for c in candidates if c not in used)


def _pack(texts: Sequence[str], sep: str) -> bytes | str:
    """`texts` joined by `sep`, as UTF-16 (decoded about ten times faster than UTF-8 for Vietnamese), or
    as the text itself if UTF-16 would not give it back (surrogates, which the model files never hold)."""
    joined = sep.join(texts)
    data = joined.encode("utf-16-le", "surrogatepass")
    return data if data.decode("utf-16-le", "surrogatepass") == joined else joined


def _unpack(packed: bytes | str, sep: str, count: int) -> list[str]:
    """The `count` texts `_pack` joined (ValueError if there are not as many)."""
    if not count:
        return []
    joined = utf_16_le_decode(packed, "surrogatepass", True)[0] if isinstance(packed, bytes) else packed
    texts = joined.split(sep)
    if len(texts) != count:
        raise ValueError("packed texts: wrong count")
    return texts


def _differences(weights: Sequence[float]) -> array[float]:
    """Each row's label-0 weight minus its label-1 weight (a model of two labels)."""
    return array("d", [weights[2 * r] - weights[2 * r + 1] for r in range(len(weights) // 2)])


def _load_tables(name: str, model_dir: Path, rules: Path | None, fresh: bool = False) -> dict[str, Any]:
    """Tables from the cache folder (`disk_cache`, keyed by the model files' paths, sizes and times and by
    this module's code), built and written at first use (kept in memory if not writable); `fresh`: built
    again and the cache file replaced (`model` asks for it when the cached ones fail)."""
    try:
        # the model files by path, size and time; this module's code, which lays the tables out
        sig = file_signature(_sources(model_dir, [rules] if rules else [])) + signature(sys.modules[__name__])
    except OSError as e:
        raise ModelUnavailable(str(e)) from e

    def build() -> dict[str, Any]:
        try:
            return _build_tables(model_dir, rules)
        except (OSError, struct.error, ValueError, EOFError, ImportError) as e:
            raise ModelUnavailable(f"cannot read {model_dir}: {e}") from e

    tables = cached(f"crf-{name}", FORMAT, sig, build, fresh=fresh)
    if not isinstance(tables, dict) or tables.get("format") != FORMAT:
        tables = cached(f"crf-{name}", FORMAT, sig, build, fresh=True)
    return tables


# --------------------------------------------------------------------------- feature functions


@lru_cache(maxsize=1)
def _rust_featurizer() -> Any:
    try:
        from underthesea_core import CRFFeaturizer
    except ImportError:
        return None
    return CRFFeaturizer(["T[0].lower", "T[0].istitle"], set())


def lower_title(text: str) -> tuple[str, bool]:
    """underthesea_core's `lower` and `istitle` of one token or of tokens joined by single spaces."""
    if _UNCHECKED.search(text) is None or "" in text.split(" "):
        return text.lower(), all(p[:1].upper() == p[:1] for p in text.split(" "))
    rust = _rust_featurizer()
    if rust is None:
        return text.lower(), all(p[:1].upper() == p[:1] for p in text.split(" "))
    try:
        low, title = rust.process([[[text]]])[0][0]
    except Exception:  # e.g. a lone surrogate, which Rust strings cannot hold
        return text.lower(), all(p[:1].upper() == p[:1] for p in text.split(" "))
    return low[len("T[0].lower=") :], title.endswith("=True")


def is_digit(text: str) -> bool:
    """underthesea_core's `isdigit`: the text parses as a Rust i32."""
    return _I32.fullmatch(text) is not None and -(2**31) <= int(text) < 2**31


# --------------------------------------------------------------------------- the model


class _State:
    """Distinct tokens and windows seen so far, under small integer ids (tokens: 0 = BOS, 1 = EOS).

    Dicts map strings and integers to integers, so the garbage collector never scans them; `diffs` is keyed
    by tuples of five token ids, which the collector untracks at its first pass over them (tuples of ints),
    and is bounded by `_MAX_DIFFS`."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.window_ids: dict[int, int] = {}
        # per five consecutive token ids: the middle token's label-0 minus label-1 emission (`_fast_tags`)
        self.diffs: dict[tuple[int, ...], float] = {}
        self.center: list[float] = []
        self.left: list[float] = []  # part of the next token's emission
        self.right: list[float] = []  # part of the previous token's emission
        self.urows: list[tuple[int, ...]] = []  # per token: weight row of each one-token template
        self.mirrors: dict[int, Any] = {}  # urows, prows, trows as numpy columns (`CRF._columns`)
        self.pair_ids: dict[int, int] = {}
        self.prows: list[tuple[int, ...]] = []  # per pair of tokens: row of each two-token template
        self.tri_ids: dict[int, int] = {}
        self.trows: list[tuple[int, ...]] = []  # per triple: row of each three-token template
        self.uni: dict[int, tuple[float, ...]] = {}  # per token: its part of each one-token slot
        self.pairs: dict[int, tuple[float, ...]] = {}  # per pair of tokens: each two-token slot
        self.text: list[str] = ["BOS", "EOS"]
        self.lower: list[str] = ["BOS", "EOS"]
        self.title: list[bool] = [False, False]
        self.digit: list[bool] = [False, False]

    def add(self, tok: str) -> int:
        i = self.ids.get(tok)
        if i is None:
            i = len(self.text)
            low, title = lower_title(tok)
            self.text.append(tok)
            self.lower.append(low)
            self.title.append(title)
            self.digit.append(is_digit(tok))
            self.ids[tok] = i
        return i


class _Words:
    """The dictionary of a model (`CRF.dictionary`), read group by group: a text is looked up among the
    words that begin with its first `_PREFIX` characters, and each group is made a set when first asked. A
    short text asks a few hundred of the 6,197 groups (the 1.9 k-character example: 186 groups, 12,933
    words), where the set of all 72,547 words costs about 20 ms to make in a fresh process. After `_WHOLE`
    look-ups the model is given that set instead (the same answers, no Python call per look-up)."""

    def __init__(
        self, model: CRF, sep: str, prefixes: bytes | str, groups: list[bytes | str], sizes: list[int]
    ) -> None:
        names = _unpack(prefixes, sep, len(groups))
        self._model, self._sep, self._groups, self._sizes = model, sep, groups, sizes
        self._index = dict(zip(names, range(len(names)), strict=True))
        self._sets: list[frozenset[str] | None] = [None] * len(groups)
        self._asked = 0

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        self._asked += 1
        if self._asked >= _WHOLE and self._model.dictionary is self:
            self._model.dictionary = self.whole()
        i = self._index.get(text[:_PREFIX])
        if i is None:
            return False
        words = self._sets[i]
        if words is None:
            words = self._sets[i] = frozenset(_unpack(self._groups[i], self._sep, self._sizes[i]))
        return text in words

    def whole(self) -> frozenset[str]:
        """Every word, as one set."""
        sets = self._sets
        return frozenset().union(
            *(s if s is not None else _unpack(self._groups[i], self._sep, self._sizes[i]) for i, s in enumerate(sets))
        )


_WHOLE = 2_000  # dictionary look-ups after which a model reads its dictionary as one set (the example: 821;
# a long text pays once about the 20 ms the whole set costs, plus the groups it had made)
_PREFIX = 3  # characters: the dictionary is grouped by the words' first `_PREFIX` characters (FORMAT)


class CRF:
    """One of underthesea's CRF models with its derived tables and caches."""

    def __init__(self, tables: dict[str, Any]) -> None:
        """`tables`: as `_build_tables` makes them, or with the values as dicts and the dictionary as a list
        (no "sep"; the shape the tests write by hand)."""
        self.labels: list[str] = list(tables["labels"])
        self.templates: list[Template] = [tuple(t) for t in tables["templates"]]
        nl = len(self.labels)
        if "sep" in tables:
            text = _unpack(tables["texts"], tables["sep"], tables["distinct"]).__getitem__
            keys = array("I")
            keys.frombytes(tables["keys"])
            if len(keys) != sum(tables["counts"]):
                raise ValueError("tables: values")
            self.values: list[dict[str, int]] = []
            at = 0
            for count in tables["counts"]:  # the i-th value has row i + 1
                rows = range(at + 1, at + count + 1)
                self.values.append(dict(zip(map(text, keys[at : at + count]), rows, strict=True)))
                at += count
            self.dictionary: Container[str] = frozenset()
            if len(tables["groups"]) != len(tables["sizes"]):
                raise ValueError("tables: dictionary groups")
            if tables["groups"]:
                sep, groups = tables["sep"], tables["groups"]
                self.dictionary = _Words(self, sep, tables["prefixes"], groups, tables["sizes"])
        else:
            self.values = list(tables["values"])
            self.dictionary = frozenset(tables["dictionary"])
        if len(self.values) != len(self.templates):
            raise ValueError("tables: one value table per template")
        # the non-zero weights (row * labels + label, in increasing order) and their values
        # (views of the tables' bytes, not copies: a short text of the two-label model may never read them)
        self._nonzero = memoryview(tables["nonzero"]).cast("I")
        self._nonzero_weights = memoryview(tables["weights"]).cast("d")
        self._size: int = tables["size"]
        if len(self._nonzero) != len(self._nonzero_weights) or self._size % nl:
            raise ValueError("tables: weights")
        self._dense: array[float] | None = None  # `weights`, made at first use
        self._matrix: Any = None  # the same as a numpy array (rows, labels)
        self.trans: list[float] = list(tables["trans"])
        self.rules: tuple[str, int] | None = tuple(tables["rules"]) if tables["rules"] else None
        self.pattern: tuple[Any, ...] | None = tables.get("pattern")  # `_pattern_code` of the rules
        self.lock = threading.Lock()
        if not _windowed(self.templates):
            raise ModelUnavailable("a feature template reads beyond two tokens")
        self._fast = len(self.labels) == 2
        self.inside = self.labels.index("I-W") if "I-W" in self.labels else -1
        self._uni, self._pair, self._tri = _slots(self.templates, self.values)
        # per template: tokens read, column among the templates reading as many, first offset
        self._where: list[tuple[int, int, int]] = []
        self._members: list[list[tuple[dict[str, int], str]]] = [[], [], []]
        for k, (o1, o2, fn) in enumerate(self.templates):
            size = o2 - o1 + 1
            self._where.append((size, len(self._members[size - 1]), o1))
            self._members[size - 1].append((self.values[k], fn if fn in _FUNCTIONS else ""))
        self._trans_matrix: Any = None  # numpy is imported only for the exact decoder
        self._sparse: dict[int, tuple[tuple[int, float], ...]] = {}  # weight row -> its non-zero labels
        if self._fast:
            if "diff" in tables:
                self._diff = array("d")
                self._diff.frombytes(tables["diff"])
                if len(self._diff) != self._size // 2:
                    raise ValueError("tables: diff")
            else:
                self._diff = _differences(self.weights)
            # per slot, each template's (value -> row).get and function; per window, which part each slot's
            # score goes to (role + 1), in the order of the slots: one-token ones, pairs by position, triples
            self._uni_gets, self._pair_gets, self._tri_gets = (
                [[(table.get, _FUNCTIONS.index(fn)) for table, fn in members] for _, _, members in slots]
                for slots in (self._uni, self._pair, self._tri)
            )
            self._uni_plan = [(role + 1, pos, j) for j, (role, pos, _) in enumerate(self._uni)]
            self._pair_plan = [
                (role + 1, pos, j) for pos in (0, 1) for j, (role, p, _) in enumerate(self._pair) if p == pos
            ]
            self._tri_plan = [(role + 1, j) for j, (role, _, _) in enumerate(self._tri)]
        self._scale: float = tables["scale"]
        self.state = _State()

    # ---------------------------------------------------------------- weights

    @property
    def weights(self) -> array[float]:
        """The weight of every row and label (row * labels + label), dense: made at first use."""
        if self._dense is None:
            dense = array("d", bytes(8 * self._size))
            for i, x in zip(self._nonzero, self._nonzero_weights, strict=True):
                dense[i] = x
            self._dense = dense
        return self._dense

    def _weight_matrix(self) -> Any:
        """`weights` as a numpy array (rows, labels), made from the non-zero weights at first use."""
        import numpy as np

        if self._matrix is None:
            dense = np.zeros(self._size, dtype=np.float64)
            where = np.frombuffer(self._nonzero.tobytes(), dtype=np.uintc)
            dense[where] = np.frombuffer(self._nonzero_weights.tobytes(), dtype=np.float64)
            self._matrix = dense.reshape(-1, len(self.labels))
        return self._matrix

    def _row_weights(self, r: int) -> tuple[tuple[int, float], ...]:
        """The non-zero weights of row `r` as (label, weight), labels in increasing order."""
        base = r * len(self.labels)
        nonzero, values = self._nonzero, self._nonzero_weights
        lo = bisect_left(nonzero, base)
        hi = bisect_left(nonzero, base + len(self.labels), lo)
        return tuple([(nonzero[i] - base, values[i]) for i in range(lo, hi) if values[i]])

    # ---------------------------------------------------------------- feature values

    def _slice_rows(
        self, st: _State, ids: Sequence[int], members: Sequence[tuple[dict[str, int], str]]
    ) -> tuple[int, ...]:
        vals = self._slice_values(st, ids)
        return tuple([table.get(vals[fn], 0) for table, fn in members])

    def _rows(self, st: _State, padded: Sequence[int]) -> Any:
        """Weight rows (0 = no weight) of every template at every token, as an (n, templates) array.

        Rows are cached per token, per pair and per triple of tokens (the slices templates read)."""
        import numpy as np

        n = len(padded) - 4
        K = _KEY
        with self.lock:
            urows = st.urows
            while len(urows) < len(st.text):
                urows.append(self._slice_rows(st, (len(urows),), self._members[0]))
            tables = [np.array([urows[i] for i in padded], dtype=np.intp)]
            for size, cache, store in ((2, st.pair_ids, st.prows), (3, st.tri_ids, st.trows)):
                members = self._members[size - 1]
                got = []
                for j in range(len(padded) - size + 1):
                    part = padded[j : j + size]
                    key = part[0] * K + part[1] if size == 2 else (part[0] * K + part[1]) * K + part[2]
                    r = cache.get(key)
                    if r is None:
                        r = cache[key] = len(store)
                        store.append(self._slice_rows(st, part, members))
                    got.append(store[r])
                tables.append(np.array(got, dtype=np.intp).reshape(len(got), len(members)))
        rows = np.empty((n, len(self.templates)), dtype=np.intp)
        for k, (size, col, o1) in enumerate(self._where):
            rows[:, k] = tables[size - 1][2 + o1 : 2 + o1 + n, col]
        return rows

    def _columns(self, st: _State, size: int) -> Any:
        """The rows of the templates reading `size` tokens, cached per token, pair or triple (`urows`,
        `prows`, `trows`), as a numpy array (templates, entries). Grown by the new entries only (capacity
        doubled when full), so that a call with a few new tokens does not copy every row again."""
        import numpy as np

        store = (st.urows, st.prows, st.trows)[size - 1]
        have = st.mirrors.get(size)
        filled = 0 if have is None else have[1]
        if filled < len(store):
            width = len(self._members[size - 1])
            array_ = have[0] if have is not None else np.zeros((width, 0), dtype=np.intp)
            if array_.shape[1] < len(store):
                grown = np.zeros((width, max(2 * array_.shape[1], len(store), 1024)), dtype=np.intp)
                grown[:, :filled] = array_[:, :filled]
                array_ = grown
            array_[:, filled : len(store)] = np.array(store[filled:], dtype=np.intp).reshape(len(store) - filled, width).T
            st.mirrors[size] = have = (array_, len(store))
        assert have is not None
        return have[0]

    def _emission_many(self, st: _State, paddeds: Sequence[list[int]]) -> Any:
        """The emissions of several padded sequences (of one state), stacked: for each template in template
        order, its weight row at every token is looked up and added, as `_exact_tags` does for one sequence
        (the same additions in the same order). Rows come from the per-token, pair and triple caches; each
        pair or triple key is looked up with one `map` over the batch."""
        import numpy as np

        K = _KEY
        ids = [i for p in paddeds for i in p]
        flat = np.array(ids, dtype=np.int64)
        positions: list[int] = []  # of the tokens themselves (not the padding) in `flat`
        first = 0
        for p in paddeds:
            positions.extend(range(first + 2, first + len(p) - 2))
            first += len(p)
        centres = np.array(positions, dtype=np.intp)
        pair = flat[:-1] * K + flat[1:]
        with self.lock:
            urows = st.urows
            while len(urows) < len(st.text):
                urows.append(self._slice_rows(st, (len(urows),), self._members[0]))
            # per position: the id of its token (size 1), of the pair or triple starting there (sizes 2, 3)
            where = [flat]
            for size, cache, store in ((2, st.pair_ids, st.prows), (3, st.tri_ids, st.trows)):
                keys = (pair if size == 2 else pair[:-1] * K + flat[2:]).tolist()
                found = list(map(cache.get, keys))
                if None in found:
                    members = self._members[size - 1]
                    for j, key in enumerate(keys):
                        if found[j] is None:
                            r = cache.get(key)
                            if r is None:
                                r = cache[key] = len(store)
                                a, b = divmod(key, K)
                                part = (a, b) if size == 2 else (*divmod(a, K), b)
                                store.append(self._slice_rows(st, part, members))
                            found[j] = r
                where.append(np.array(found + [0] * (size - 1), dtype=np.intp))
            columns = [self._columns(st, size) for size in (1, 2, 3)]
        w = self._weight_matrix()
        at: dict[tuple[int, int], Any] = {}
        emission: Any = None
        for size, col, o1 in self._where:
            got = at.get((size, o1))
            if got is None:
                got = at[size, o1] = where[size - 1].take(centres + o1)
            part = w.take(columns[size - 1][col].take(got), axis=0)
            if emission is None:
                emission = part
            else:
                emission += part
        return emission

    def _exact_tags_py(self, st: _State, padded: Sequence[int]) -> list[int]:
        """`_exact_tags` in plain Python, for a short text in a process that has not loaded numpy (importing
        it costs more than decoding a few windows). The same operations in the same order: each label's
        emission adds the templates' weights one after the other (a weight of zero changes no sum), each
        step adds the transition to the previous score, keeps the first maximum (found without adding every
        pair of labels, see below), then adds the emission."""
        n = len(padded) - 4
        nl = len(self.labels)
        K = _KEY
        sparse = self._sparse
        emissions = []
        with self.lock:
            urows = st.urows
            while len(urows) < len(st.text):
                urows.append(self._slice_rows(st, (len(urows),), self._members[0]))
            for c in range(2, n + 2):
                e = [0.0] * nl
                for size, col, o1 in self._where:
                    p = c + o1
                    if size == 1:
                        r = urows[padded[p]][col]
                    else:
                        cache, store = (st.pair_ids, st.prows) if size == 2 else (st.tri_ids, st.trows)
                        part = padded[p : p + size]
                        key = part[0] * K + part[1] if size == 2 else (part[0] * K + part[1]) * K + part[2]
                        k = cache.get(key)
                        if k is None:
                            k = cache[key] = len(store)
                            store.append(self._slice_rows(st, part, self._members[size - 1]))
                        r = store[k][col]
                    if r:
                        nonzero = sparse.get(r)
                        if nonzero is None:
                            nonzero = sparse[r] = self._row_weights(r)
                        for y, x in nonzero:
                            e[y] += x
                emissions.append(e)
        columns = [self.trans[j::nl] for j in range(nl)]  # columns[j][i]: the transition from label i to j
        ceilings = [max(column) for column in columns]
        labels = range(nl)
        score = emissions[0]
        back = []
        for t in range(1, n):
            # The previous labels by decreasing score: for label j, once a previous score plus the largest
            # transition into j is below the best sum so far, no later one can reach it (a rounded addition
            # is monotonic), so the loop stops there with the maximum and the first label that gives it,
            # as a loop over every previous label would.
            order = sorted(labels, key=score.__getitem__, reverse=True)
            first, rest = order[0], order[1:]
            top = score[first]
            emission = emissions[t]
            new, pointers = [], []
            for j in labels:
                into, ceiling = columns[j], ceilings[j]
                best, arg = top + into[first], first
                for i in rest:
                    s = score[i]
                    if s + ceiling < best:
                        break
                    v = s + into[i]
                    if v > best or (v == best and i < arg):
                        best, arg = v, i
                new.append(best + emission[j])
                pointers.append(arg)
            back.append(pointers)
            score = new
        y = max(range(nl), key=score.__getitem__)  # the first of equal maxima, as numpy's argmax
        out = [y] * n
        for t in range(n - 1, 0, -1):
            y = back[t - 1][y]
            out[t - 1] = y
        return out

    def _small(self, tokens: int) -> bool:
        """Decode in plain Python: numpy is not loaded yet and the text is short."""
        return tokens <= _SMALL and "numpy" not in sys.modules

    def _exact_tags(self, st: _State, padded: Sequence[int]) -> list[int]:
        """Label ids by underthesea's own arithmetic: emissions summed in template order, Viterbi with the
        first label winning ties. `padded` has two BOS before the tokens and two EOS after."""
        if self._small(len(padded) - 4):
            return self._exact_tags_py(st, padded)
        import numpy as np

        n = len(padded) - 4
        nl = len(self.labels)
        w = self._weight_matrix()
        # the templates' weights added one after the other, in template order, as underthesea_core does (a
        # plain sum could pair them up and round differently)
        rows = self._rows(st, padded)
        emission = w[rows[:, 0]]
        for k in range(1, rows.shape[1]):
            emission += w[rows[:, k]]
        if self._trans_matrix is None:
            self._trans_matrix = np.array(self.trans, dtype=np.float64).reshape(nl, nl)
        trans = self._trans_matrix
        # candidates[t - 1][i, j]: the best score ending in label i at t - 1, then label j at t; the maxima
        # are taken step by step, the back pointers in one call at the end (argmax keeps the first of equals)
        candidates = np.empty((max(n - 1, 1), nl, nl))
        add, best = np.add, np.maximum.reduce
        score = emission[0]
        rows = list(emission)
        for t in range(1, n):
            m = add(score[:, None], trans, out=candidates[t - 1])
            score = add(best(m, axis=0), rows[t])
        y = int(score.argmax())
        out = [y] * n
        if n > 1:
            back = candidates.argmax(axis=1).tolist()
            for t in range(n - 1, 0, -1):
                y = back[t - 1][y]
                out[t - 1] = y
        return out

    def _padded(self, tokens: Sequence[str]) -> tuple[_State, list[int]]:
        """The state and the token ids of a sequence, with two BOS before and two EOS after."""
        st = self.state
        get = st.ids.get
        found = list(map(get, tokens))
        ids = cast(list[int], found)
        if None in found:
            with self.lock:
                if (
                    len(st.text) + len(tokens) >= _KEY
                    or max(len(st.window_ids), len(st.tri_ids)) > _MAX_WINDOWS
                ):
                    st = self.state = _State()
                add = st.add
                ids = [add(t) for t in tokens]
        return st, [BOS, BOS, *ids, EOS, EOS]

    def tag_ids_many(self, sequences: Sequence[Sequence[str]]) -> list[list[int]]:
        """Label ids of several token sequences, decoded together (the same labels as `tag_ids` on each:
        every score is computed with the same operations in the same order, only many at a time)."""
        if self._fast or self._small(sum(map(len, sequences))):
            return [self.tag_ids(s) for s in sequences]
        import numpy as np

        out: list[list[int]] = [[] for _ in sequences]
        order = sorted((k for k, s in enumerate(sequences) if s), key=lambda k: -len(sequences[k]))
        nl = len(self.labels)
        if self._trans_matrix is None:
            self._trans_matrix = np.array(self.trans, dtype=np.float64).reshape(nl, nl)
        lo = 0
        while lo < len(order):  # batches of about _BATCH tokens (the arrays stay small)
            hi, size = lo, 0
            while hi < len(order) and (hi == lo or size + len(sequences[order[hi]]) <= _BATCH):
                size += len(sequences[order[hi]])
                hi += 1
            batch = order[lo:hi]
            lo = hi
            paddeds: list[list[int]] = []
            state: _State | None = None
            for k in batch:
                st, padded = self._padded(sequences[k])
                if state is not None and st is not state:  # the caches were reset: new ids for those before
                    paddeds = [self._padded(sequences[b])[1] for b in batch[: len(paddeds)]]
                state = st
                paddeds.append(padded)
            assert state is not None
            # the templates' weights added one after the other, in template order (as underthesea_core)
            emission = self._emission_many(state, paddeds)
            lengths = [len(sequences[k]) for k in batch]
            for k, tags in zip(batch, self._viterbi_many(emission, lengths), strict=True):
                out[k] = tags
        return out

    def _viterbi_many(self, emission: Any, lengths: list[int]) -> list[list[int]]:
        """Viterbi of several sequences (their emissions stacked, lengths in decreasing order), decoded
        together step by step: the same additions and first-maximum choices as `_exact_tags` on each. While
        the same sequences are active, each step is four numpy calls on views made once: the scores plus the
        transitions, the first argmax (written into the back pointers), the maximum read at it, the
        emission added. Back pointers stay in one array and are followed for all sequences at once."""
        import numpy as np

        into = np.ascontiguousarray(self._trans_matrix.T)  # into[j, i]: transition from label i to j
        count, longest, nl = len(lengths), lengths[0], len(self.labels)
        firsts = np.cumsum([0, *lengths[:-1]])
        # emissions[t, b]: sequence b's emission at step t (rows past its end are never read)
        steps = np.minimum(np.arange(longest)[:, None] + firsts, len(emission) - 1)
        emissions = emission[steps]
        score = emissions[0].copy()
        backs = np.empty((longest, count, nl), dtype=np.intp)
        m = np.empty((count, nl, nl))
        flat = m.reshape(-1)
        cells = np.arange(0, count * nl * nl, nl).reshape(count, nl)  # where each row m[b, j] starts in `flat`
        at = np.empty((count, nl), dtype=np.intp)
        best = np.empty((count, nl))
        add, take = np.add, flat.take
        first, active = 1, count
        while first < longest:
            while lengths[active - 1] <= first:
                active -= 1
            # until the shortest active sequence ends, every step sees the same sequences
            sc, mm, starts, pos, val = score[:active], m[:active], cells[:active], at[:active], best[:active]
            sc3 = sc[:, None, :]
            for t in range(first, lengths[active - 1]):
                # mm[b, j, i]: the score ending in label i, then label j (the previous label on the last axis)
                add(sc3, into, out=mm)
                arg = mm.argmax(axis=2, out=backs[t, :active])
                take(add(starts, arg, out=pos), out=val)
                add(val, emissions[t, :active], out=sc)
            first = lengths[active - 1]
        ys = score.argmax(axis=1)
        tags = np.empty((longest, count), dtype=np.intp)
        rows = np.arange(0, count * nl, nl)
        live = 0  # the sequences that reach step t: the first `live` (lengths in decreasing order)
        for t in range(longest - 1, 0, -1):
            while live < count and lengths[live] > t:
                live += 1
            y = ys[:live]
            tags[t, :live] = y
            backs[t, :live].take(add(rows[:live], y), out=y)
        tags[0] = ys
        listed = tags.T.tolist()
        return [listed[j][:n] for j, n in enumerate(lengths)]

    def tag_ids(self, tokens: Sequence[str]) -> list[int]:
        """Label ids of a token sequence."""
        if not tokens:
            return []
        st, padded = self._padded(tokens)
        if not self._fast:
            return self._exact_tags(st, padded)
        tags = self._fast_tags(st, padded)
        return tags if tags is not None else self._exact_tags(st, padded)

    # ---------------------------------------------------------------- fast decoding (two labels)

    def _slice_values(self, st: _State, ids: Sequence[int]) -> dict[str, str]:
        """The value of every feature function on consecutive tokens `ids`."""
        first, last = ids[0], ids[-1]
        special = "BOS" if first == BOS else "EOS" if first == EOS or last == EOS else ""
        if special:
            return dict.fromkeys(_FUNCTIONS, special)
        low = " ".join([st.lower[i] for i in ids])
        return {
            "": " ".join([st.text[i] for i in ids]),
            "lower": low,
            "isdigit": "True" if len(ids) == 1 and st.digit[first] else "False",
            "istitle": "True" if all(st.title[i] for i in ids) else "False",
            "is_in_dict": "True" if low in self.dictionary else "False",
        }

    def _values(self, st: _State, ids: tuple[int, ...]) -> tuple[str, ...]:
        """`_slice_values` of one, two or three tokens as a tuple in `_FUNCTIONS` order (the same values,
        joined without a list: this is most of the cost of a window not seen before)."""
        first, last = ids[0], ids[-1]
        if first == BOS:
            return _BOS_VALUES
        if first == EOS or last == EOS:
            return _EOS_VALUES
        text, lower, title = st.text, st.lower, st.title
        if len(ids) == 3:
            a, b, c = ids
            low = f"{lower[a]} {lower[b]} {lower[c]}"
            joined = f"{text[a]} {text[b]} {text[c]}"
            titled = title[a] and title[b] and title[c]
        elif len(ids) == 2:
            a, b = ids
            low = f"{lower[a]} {lower[b]}"
            joined = f"{text[a]} {text[b]}"
            titled = title[a] and title[b]
        else:
            low, joined, titled = lower[first], text[first], title[first]
        return (
            joined,
            low,
            "True" if len(ids) == 1 and st.digit[first] else "False",
            "True" if titled else "False",
            "True" if low in self.dictionary else "False",
        )

    def _slot_parts(self, st: _State, ids: tuple[int, ...], slots: Sequence[_Getters]) -> tuple[float, ...]:
        """Label-0 minus label-1 score of each slot's templates on tokens `ids`."""
        vals = self._values(st, ids)
        diff = self._diff
        out = []
        for members in slots:
            part = 0.0
            for get, k in members:
                part += diff[get(vals[k], 0)]
            out.append(part)
        return tuple(out)

    def _window_parts(self, st: _State, a: int, b: int, c: int) -> tuple[float, float, float]:
        """Label-0 minus label-1 score of the templates read from window (a, b, c), as the centre token's
        own window, as the window before the next token and as the window after the previous one."""
        unis = []
        for tok in (a, b, c):
            uni = st.uni.get(tok)
            if uni is None:
                uni = st.uni[tok] = self._slot_parts(st, (tok,), self._uni_gets)
            unis.append(uni)
        pairs = []
        for key, ids in ((a * _KEY + b, (a, b)), (b * _KEY + c, (b, c))):
            pair = st.pairs.get(key)
            if pair is None:
                pair = st.pairs[key] = self._slot_parts(st, ids, self._pair_gets)
            pairs.append(pair)
        tri = self._slot_parts(st, (a, b, c), self._tri_gets)
        # the additions of each part in the same order as ever: one-token slots, pairs, the triple
        parts = [0.0, 0.0, 0.0]
        for part, pos, j in self._uni_plan:
            parts[part] += unis[pos][j]
        for part, pos, j in self._pair_plan:
            parts[part] += pairs[pos][j]
        for part, j in self._tri_plan:
            parts[part] += tri[j]
        return parts[1], parts[0], parts[2]

    def _fast_tags(self, st: _State, padded: list[int]) -> list[int] | None:
        """Viterbi on the difference of the two labels' scores, from the cached parts of each window; None
        when a decision is within the rounding bound of a tie (the caller then decodes exactly)."""
        fives = zip(padded, padded[1:], padded[2:], padded[3:], padded[4:], strict=False)
        got = list(map(st.diffs.get, fives))
        de = cast(list[float], got) if None not in got else self._diffs(st, padded)
        n = len(de)
        t00, t01, t10, t11 = self.trans
        th0, th1 = t10 - t00, t11 - t01  # previous label 1 wins for label y when d < th_y
        bound = 4 * _U * self._scale * n * (n + 150)
        lo0, hi0, lo1, hi1 = th0 - bound, th0 + bound, th1 - bound, th1 + bound
        c00, c11, c01, c10 = t00 - t01, t10 - t11, t00 - t11, t10 - t01
        d = de[0]
        back = [0] * n
        for i in range(1, n):  # each branch decides both comparisons with d outside [th - bound, th + bound]
            if d < lo0:
                if d < lo1:
                    back[i] = 3
                    d = c11 + de[i]
                elif d > hi1:
                    back[i] = 1
                    d = c10 - d + de[i]
                else:
                    return None
            elif d > hi0:
                if d < lo1:
                    back[i] = 2
                    d = d + c01 + de[i]
                elif d > hi1:
                    d = c00 + de[i]
                else:
                    return None
            else:
                return None
        if -bound <= d <= bound:
            return None
        y = 1 if d < 0 else 0
        out = [y] * n
        for i in range(n - 1, 0, -1):
            y = (back[i] >> y) & 1
            out[i - 1] = y
        return out

    def _diffs(self, st: _State, padded: list[int]) -> list[float]:
        """Each token's label-0 minus label-1 emission, from the cached parts of its three windows (the
        windows not seen yet scored), kept per five token ids for the next time."""
        K = _KEY
        keys = [(x * K + y) * K + z for x, y, z in zip(padded, padded[1:], padded[2:], strict=False)]
        found = list(map(st.window_ids.get, keys))
        slots = cast(list[int], found) if None not in found else self._add_windows(st, padded, keys, found)
        center, left, right = st.center, st.left, st.right
        de = [center[m] + left[p] + right[q] for p, m, q in zip(slots, slots[1:], slots[2:], strict=False)]
        diffs = st.diffs
        if len(diffs) + len(de) > _MAX_DIFFS:
            diffs.clear()
        if len(de) <= _MAX_DIFFS:  # a unit longer than the bound is not kept at all
            fives = zip(padded, padded[1:], padded[2:], padded[3:], padded[4:], strict=False)
            diffs.update(zip(fives, de, strict=True))
        return de

    def _add_windows(self, st: _State, padded: list[int], keys: list[int], found: list[int | None]) -> list[int]:
        """The slot of every window, the windows not seen yet scored and added."""
        slots = cast(list[int], found)  # filled in below
        with self.lock:
            wid = st.window_ids
            for j, key in enumerate(keys):
                if slots[j] is None:
                    s = wid.get(key)
                    if s is None:
                        c, nxt, prv = self._window_parts(st, padded[j], padded[j + 1], padded[j + 2])
                        s = len(st.center)
                        st.center.append(c)
                        st.left.append(nxt)
                        st.right.append(prv)
                        wid[key] = s
                    slots[j] = s
        return slots


def _scale(weights: array[float], values: Sequence[dict[str, int]], trans: Sequence[float], nl: int) -> float:
    """A bound on the absolute sum of the weights that can meet in one token's scores."""
    s = sum(abs(x) for x in trans)
    for vals in values:
        s += max((sum(abs(weights[r * nl + y]) for y in range(nl)) for r in vals.values()), default=0.0)
    return s


def _role(o1: int, o2: int) -> int:
    """Which window of three tokens (centred before, on or after the token) holds a template's span."""
    lo, hi = min(o1, o2), max(o1, o2)
    if lo >= -1 and hi <= 1:
        return 0
    return -1 if hi <= 0 else 1


_FUNCTIONS = ("", "lower", "isdigit", "istitle", "is_in_dict")
# role, first position in the window, (the template's value -> row, function) of each template
_Slot = tuple[int, int, list[tuple[dict[str, int], str]]]
_Getters = list[tuple[Any, int]]  # a slot's templates: (value -> row).get, position of the function
_BOS_VALUES, _EOS_VALUES = ("BOS",) * len(_FUNCTIONS), ("EOS",) * len(_FUNCTIONS)


def _slots(
    templates: Sequence[Template], values: Sequence[dict[str, int]]
) -> tuple[list[_Slot], list[_Slot], list[_Slot]]:
    """Templates grouped by the tokens of a three-token window they read: one, two or three tokens."""
    groups: dict[tuple[int, int, int], list[tuple[dict[str, int], str]]] = {}
    for k, (o1, o2, fn) in enumerate(templates):
        role = _role(o1, o2)
        lo, hi = o1 - role + 1, o2 - role + 1
        groups.setdefault((hi - lo, role, lo), []).append((values[k], fn if fn in _FUNCTIONS else ""))
    by_size: list[list[_Slot]] = [[], [], []]
    for (size, role, lo), members in sorted(groups.items()):
        by_size[size].append((role, lo, members))
    return by_size[0], by_size[1], by_size[2]


def _windowed(templates: Sequence[Template]) -> bool:
    """Every template reads tokens within two of the current one, at most three in a row."""
    return all(-2 <= a <= b <= 2 and b - a <= 2 for a, b, _ in templates)


# --------------------------------------------------------------------------- public functions

_LOCK = threading.Lock()
_MODELS: dict[str, CRF] = {}


def model(name: str) -> CRF:
    """The segmentation ("ws") or POS ("pos") model, loaded once per process."""
    m = _MODELS.get(name)
    if m is None:
        with _LOCK:
            m = _MODELS.get(name)
            if m is None:
                base = _underthesea_dir()
                model_dir = base / (_WS_DIR if name == "ws" else _POS_DIR)
                rules = base / _TOKEN_RULES if name == "ws" else None
                try:
                    m = CRF(_load_tables(name, model_dir, rules))
                except (KeyError, TypeError, ValueError, IndexError, AttributeError, OverflowError):
                    # tables not what this code writes: built again once (a model this code cannot score
                    # raises ModelUnavailable, which building again would not change)
                    m = CRF(_load_tables(name, model_dir, rules, fresh=True))
                _MODELS[name] = m
    return m


def _rules() -> tuple[str, int]:
    """underthesea's token pattern: its source and flags."""
    rules = model("ws").rules
    if rules is None:
        raise ModelUnavailable("no token rules")
    return rules


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    """underthesea's token pattern, compiled (only when a run needs it, see `_shortcut`): made from the
    code kept with the tables when it is the code of these rules for this Python (`_pattern_code`)."""
    source, flags = _rules()
    kept = model("ws").pattern
    if kept is not None:
        try:
            import _sre

            version, magic, crc, *args = kept
            if version == sys.version and magic == _sre.MAGIC and crc == _code_crc(args[1]):
                made: re.Pattern[str] = _sre.compile(source, *args)
                return made
        except Exception:  # not what `_pattern_code` wrote: compiled as usual
            pass
    return re.compile(source, flags)


# A whitespace-delimited run of letters from underthesea's letter class (or of ASCII digits) is one token
# under its pattern, and so is a lower-case run followed by one of . , ; : at the end of the run: no
# alternative that comes before `\w+` can match such text. The shortcut is used only with the pattern
# it was checked against (its CRC below); any other run goes through underthesea's pattern.
_KNOWN_RULES = 0xB2375488
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_RUNS = re.compile(
    rf"([{_UPPER}{_LOWER}]+|[0-9]+)(?=\s|\Z)|([{_LOWER}][{_UPPER}{_LOWER}]*)([.,;:])(?=\s|\Z)|\S+"
)


@lru_cache(maxsize=1)
def _shortcut() -> bool:
    return zlib.crc32(_rules()[0].encode()) == _KNOWN_RULES


# The same runs as one token per match: a lower-case run is matched up to its final mark, and the mark
# (after a lower-case letter, at the end of a run) on its own; any other run is group 1. Matches start
# only where a run starts or where the previous match ended, so the mark alternative matches only right
# after such a lower-case run (a run never starts after a letter).
_SIMPLE = re.compile(
    rf"(?:[{_UPPER}{_LOWER}]+|[0-9]+)(?=\s|\Z)|[{_LOWER}][{_UPPER}{_LOWER}]*(?=[.,;:](?:\s|\Z))"
    rf"|(?<=[{_LOWER}])[.,;:](?=\s|\Z)|(\S+)"
)
_Match = re.Match
_OTHER = attrgetter("lastindex")


_PIECES: dict[str, tuple[tuple[int, int], ...]] = {}  # a run of group 1 -> its tokens (offsets in the run)
_MAX_PIECES = 20_000  # runs kept (the corpus has 1,905 distinct ones); past it the cache is dropped
_MAX_RUN = 32  # characters: a longer run (none in the corpus) is cut every time, so the cache stays small


def _pieces(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """The tokens of underthesea's pattern in the run text[start:end], offsets relative to the run.

    They depend on the run alone and on whether the text ends right after it (the pattern's `(?!$)`): no
    token holds a space, and what the pattern looks at around a token is inside the run, a space or the
    text's end (where every look-around but `$` reads a space and the end alike). So they are cached per
    run and that flag."""
    at_end = end >= len(text) - 1 and text[end:] in ("", "\n")
    key = text[start:end] + "\n" if at_end else text[start:end]
    parts = _PIECES.get(key)
    if parts is None:
        found = []
        for t in _token_pattern().finditer(text, start):
            if t.start() >= end:
                break
            found.append((t.start() - start, t.end() - start))
        parts = tuple(found)
        if end - start <= _MAX_RUN:
            if len(_PIECES) >= _MAX_PIECES:
                _PIECES.clear()
            _PIECES[key] = parts
    return parts


# A run of a text made of runs joined by single spaces -> the texts of its tokens and the steps from each
# token's start to the next one's (the last: to the start of the next run); a run that ends the text is keyed
# with "\n" after it, as in `_PIECES`. Only runs whose first token starts the run are kept.
_Cut = tuple[tuple[str, ...], tuple[int, ...]]
_CUTS: dict[str, _Cut] = {}


def _run_cuts(runs: list[str]) -> list[_Cut] | None:
    """`_CUTS` of each run (the last one as ending the text), the runs not seen yet cut by `_tokens` of the
    run alone (then it ends the text) or followed by a space (then it does not): what the pattern looks at
    around a run is the run, a space or the text's end. None when a run has no token or its first token
    does not start it (never seen: the caller matches the whole text)."""
    get = _CUTS.get
    cuts = list(map(get, runs))
    cuts[-1] = get(runs[-1] + "\n")
    if None in cuts:
        for i, cut in enumerate(cuts):
            if cut is None:
                run = runs[i]
                ends_text = i == len(runs) - 1
                starts, _, texts = _tokens_matched(run if ends_text else run + " ")
                if not starts or starts[0]:
                    return None
                steps = tuple(map(sub, [*starts[1:], len(run) + 1], starts))
                cut = (tuple(texts), steps)
                if len(run) <= _MAX_RUN:
                    if len(_CUTS) >= _MAX_PIECES:
                        _CUTS.clear()
                    _CUTS[run + "\n" if ends_text else run] = cut
                cuts[i] = cut
    return cast(list[_Cut], cuts)


def _tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and texts of underthesea's tokens (its `regex_tokenize.patterns`) on `text`.

    A text of runs joined by single spaces (most units) is read run by run: `str.split`, each run's
    tokens from `_CUTS`, the offsets added up in C (the same tokens as matching the whole text)."""
    runs = text.split(" ")
    cuts = _run_cuts(runs) if _shortcut() and all(runs) and not _SPACE.search(text) else None
    if cuts is None:
        return _tokens_matched(text)
    texts = list(chain.from_iterable(map(itemgetter(0), cuts)))
    starts = list(accumulate(chain.from_iterable(map(itemgetter(1), cuts)), initial=0))
    starts.pop()
    return starts, list(map(add, starts, map(len, texts))), texts


_SPACE = re.compile(r"[^\S ]")  # whitespace other than the space


def _tokens_matched(text: str) -> tuple[list[int], list[int], list[str]]:
    """`_tokens` by matching the whole text."""
    found = list((_SIMPLE if _shortcut() else _token_pattern()).finditer(text))
    starts, ends = list(map(_Match.start, found)), list(map(_Match.end, found))
    texts = list(map(_Match.group, found))
    if _shortcut():
        for i in reversed(list(compress(range(len(found)), map(_OTHER, found)))):
            s = starts[i]
            parts = _pieces(text, s, ends[i])
            starts[i : i + 1] = [s + a for a, _ in parts]
            ends[i : i + 1] = [s + b for _, b in parts]
            texts[i : i + 1] = [text[s + a : s + b] for a, b in parts]
    return starts, ends, texts


def token_spans(text: str) -> list[tuple[int, int]]:
    """Spans of underthesea's tokens (its `regex_tokenize.patterns`) on `text`."""
    starts, ends, _ = _tokens(text)
    return list(zip(starts, ends, strict=True))


def word_bounds(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of underthesea's words on `text` (`word_spans` as two lists, built without a tuple
    per word: a word starts at the first token and at every token not tagged inside a word)."""
    starts, ends, texts = _tokens(text)
    if not texts:
        return [], []
    crf = model("ws")
    opens = list(map(crf.inside.__ne__, crf.tag_ids(texts)))
    opens[0] = True
    closes = opens[1:]
    closes.append(True)
    return list(compress(starts, opens)), list(compress(ends, closes))


def word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of underthesea's words on `text` (its token pattern and segmentation model, no normalisation)."""
    return list(zip(*word_bounds(text), strict=True))


def pos_tags_many(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """`pos_tags` of several word sequences at once (the same tags, decoded together: faster)."""
    crf = model("pos")
    labels = [t[2:] if t[:2] in ("B-", "I-") else t for t in crf.labels]
    return [[labels[y] for y in ids] for ids in crf.tag_ids_many([list(s) for s in sentences])]


def pos_tags(words: Sequence[str]) -> list[str]:
    """underthesea's POS tags of already segmented words, without the B-/I- prefix."""
    if not words:
        return []
    crf = model("pos")
    labels = crf.labels
    return [t[2:] if t[:2] in ("B-", "I-") else t for t in (labels[y] for y in crf.tag_ids(list(words)))]
