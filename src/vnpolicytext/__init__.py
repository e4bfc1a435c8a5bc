"""vnpolicytext: readability and clarity checks for Vietnamese policy text, with exact offsets."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import analyze, decode_bytes
from .check import CheckResult, GateFailure, check, check_report
from .config import Config
from .definitions import Definition, extract_definitions
from .errors import ConfigError, InputError, VnPolicyTextError
from .markup import analyze_markup
from .models import Finding, Sentence
from .report import Report, report_schema

__all__ = [
    "CheckResult",
    "Config",
    "ConfigError",
    "Definition",
    "Finding",
    "GateFailure",
    "InputError",
    "Report",
    "Sentence",
    "VnPolicyTextError",
    "__version__",
    "analyze",
    "analyze_markup",
    "check",
    "check_report",
    "decode_bytes",
    "extract_definitions",
    "report_schema",
]
