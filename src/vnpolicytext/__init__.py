"""vnpolicytext: readability and clarity checks for Vietnamese policy text, with exact offsets."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import analyze, decode_bytes
from .config import Config
from .definitions import Definition, extract_definitions
from .errors import ConfigError, InputError, VnPolicyTextError
from .models import Finding, Sentence
from .report import Report, report_schema

__all__ = [
    "Config",
    "ConfigError",
    "Definition",
    "Finding",
    "InputError",
    "Report",
    "Sentence",
    "VnPolicyTextError",
    "__version__",
    "analyze",
    "decode_bytes",
    "extract_definitions",
    "report_schema",
]
