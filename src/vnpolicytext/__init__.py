"""vnpolicytext: readability and clarity checks for Vietnamese policy text, with exact offsets.

The public names are imported on first use, so `import vnpolicytext` is cheap (the command line starts
fast and a program that only reads the version loads no model).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lazy import lazy_names
from .version import __version__

if TYPE_CHECKING:
    from .api import analyze, decode_bytes
    from .config import Config
    from .definitions import Definition, extract_definitions
    from .errors import ConfigError, InputError, VnPolicyTextError
    from .fixes import apply_fixes
    from .gates import CheckResult, GateFailure, check, check_report
    from .markup import analyze_markup
    from .models import Finding, Fix, Sentence
    from .report import Report, report_schema

_WHERE = {
    "analyze": "api",
    "decode_bytes": "api",
    "CheckResult": "gates",
    "GateFailure": "gates",
    "check": "gates",
    "check_report": "gates",
    "Config": "config",
    "Definition": "definitions",
    "extract_definitions": "definitions",
    "ConfigError": "errors",
    "InputError": "errors",
    "VnPolicyTextError": "errors",
    "apply_fixes": "fixes",
    "Fix": "models",
    "analyze_markup": "markup",
    "Finding": "models",
    "Sentence": "models",
    "Report": "report",
    "report_schema": "report",
}

__all__ = [
    "CheckResult",
    "Config",
    "ConfigError",
    "Definition",
    "Finding",
    "Fix",
    "GateFailure",
    "InputError",
    "Report",
    "Sentence",
    "VnPolicyTextError",
    "__version__",
    "analyze",
    "analyze_markup",
    "apply_fixes",
    "check",
    "check_report",
    "decode_bytes",
    "extract_definitions",
    "report_schema",
]


__getattr__ = lazy_names(__name__, _WHERE, globals())


def __dir__() -> list[str]:
    return sorted(__all__)
