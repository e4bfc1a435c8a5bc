"""The pre-publication check: analyze a text, then hold it against the gates of the configuration."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .config import Config, load_config
from .guards import expect_config, expect_text, expect_type
from .markup import InputFormat, analyze_markup
from .registry import SEVERITY_RANK
from .report import Report


class GateFailure(BaseModel):
    """One gate the text did not pass."""

    model_config = ConfigDict(extra="forbid")

    gate: str = Field(description="Gate id: scorable, fail_on, min_clarity, max_undefined_abbreviations, ...")
    message: str = Field(description="What failed, in Vietnamese.")
    value: float | int | str | None = Field(description="The measured value.")
    limit: float | int | str | None = Field(description="The limit it had to meet.")


class CheckResult(BaseModel):
    """The outcome of `check`: passed or not, why not, and the full report."""

    model_config = ConfigDict(extra="forbid")

    passed: bool = Field(description="True when every gate passed.")
    failures: list[GateFailure] = Field(default_factory=list, description="The gates that failed, in order.")
    report: Report = Field(description="The report the gates were applied to.")


def check(
    text: str, config: Config | dict[str, Any] | None = None, *, input_format: InputFormat | str = "text"
) -> CheckResult:
    """Analyze `text` (plain, Markdown or HTML) and apply the gates of `config` (or its profile's)."""
    expect_text("check", text)
    expect_config("check", config)
    expect_type("check", "input_format", input_format, str, "str")
    cfg = load_config(config)
    return check_report(analyze_markup(text, input_format, config=cfg), cfg)


def _undefined_abbreviations(report: Report) -> int:
    """Abbreviations never explained, as the abbreviation analyzer counted them (a report without its summary,
    such as one assembled by hand, is counted by its findings)."""
    summary = report.abbreviation
    if summary is not None:
        return int(summary.undefined)
    return sum(1 for f in report.findings if f.rule == "abbreviation.undefined")


def _agentless_share(report: Report) -> float | None:
    """Share of units holding an agentless passive, as the passive analyzer measured it (None when it did
    not run). The analyzer's count, not the findings: switching `passive.short` off for display does not
    change what was measured."""
    summary = report.passive
    return None if summary is None else float(summary.sentences_with_agentless_share)


def check_report(report: Report, config: Config | dict[str, Any] | None = None) -> CheckResult:
    """Apply the gates of `config` to a report already made."""
    expect_type("check_report", "report", report, Report, "a vnpolicytext.Report")
    expect_config("check_report", config)
    cfg = load_config(config)
    if cfg.profile == "auto" and report.profile in ("citizen", "news", "legal"):
        cfg = cfg.for_profile(report.profile)
    gates = cfg.gates()
    failures: list[GateFailure] = []
    if not report.text.syllables:
        failures.append(
            GateFailure(
                gate="scorable", message="Văn bản rỗng: không có gì để đăng.", value="empty", limit=None
            )
        )
    elif not report.text.scorable:
        problems = ", ".join(report.text.problems)
        failures.append(
            GateFailure(
                gate="scorable",
                message=f"Văn bản không chấm điểm được ({problems}); hãy kiểm tra dấu tiếng Việt và bảng mã.",
                value=problems,
                limit=None,
            )
        )
    if gates.fail_on != "never":
        rank = SEVERITY_RANK[gates.fail_on]
        hits = [f for f in report.findings if SEVERITY_RANK[f.severity] >= rank]
        if hits:
            failures.append(
                GateFailure(
                    gate="fail_on",
                    message=f"Còn {len(hits)} phát hiện ở mức '{gates.fail_on}' trở lên cần sửa trước khi đăng.",
                    value=len(hits),
                    limit=0,
                )
            )
    score = report.readability.clarity_score if report.readability is not None else None
    if gates.min_clarity is not None and score is not None and score < gates.min_clarity:
        failures.append(
            GateFailure(
                gate="min_clarity",
                message=f"Điểm rõ ràng {score:.1f} thấp hơn mức tối thiểu {gates.min_clarity:g}.",
                value=score,
                limit=gates.min_clarity,
            )
        )
    if gates.max_undefined_abbreviations is not None:
        n = _undefined_abbreviations(report)
        if n > gates.max_undefined_abbreviations:
            failures.append(
                GateFailure(
                    gate="max_undefined_abbreviations",
                    message=f"Có {n} chữ viết tắt chưa được giải thích (tối đa {gates.max_undefined_abbreviations}).",
                    value=n,
                    limit=gates.max_undefined_abbreviations,
                )
            )
    if gates.max_passive_share is not None:
        share = _agentless_share(report)
        if share is not None and share > gates.max_passive_share:
            failures.append(
                GateFailure(
                    gate="max_passive_share",
                    message=f"Tỉ lệ câu bị động không rõ chủ thể {share:.0%} vượt mức {gates.max_passive_share:.0%}.",
                    value=share,
                    limit=gates.max_passive_share,
                )
            )
    return CheckResult(passed=not failures, failures=failures, report=report)
