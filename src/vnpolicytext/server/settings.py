"""Service settings: flags of `vnpolicytext serve`, with VNPOLICYTEXT_* environment variables as defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError

DEFAULT_MAX_BODY = 5 * 1024 * 1024
PROFILES = ("citizen", "news", "legal")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the service needs to start; `workers` 0 means one per CPU core."""

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 0
    profile: str | None = None
    config: Path | None = None
    max_body: int = DEFAULT_MAX_BODY
    timeout: float = 30.0
    cors_origins: tuple[str, ...] = field(default_factory=tuple)

    def pool_size(self) -> int:
        """Worker processes for the analysis: `workers`, or the number of cores."""
        return self.workers if self.workers > 0 else max(1, os.cpu_count() or 1)


def parse_size(value: str) -> int:
    """A size in bytes: '5000000', '5MB', '512k', '2 MiB' (k/M/G, decimal or binary)."""
    raw = value.strip().lower().replace(" ", "").removesuffix("b").removesuffix("i")
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    factor = units.get(raw[-1:], 1)
    number = raw[:-1] if raw[-1:] in units else raw
    try:
        size = int(float(number) * factor)
    except ValueError:
        raise ConfigError(f"invalid size {value!r}; use bytes or a number with k, M or G") from None
    if size <= 0:
        raise ConfigError(f"invalid size {value!r}: must be positive")
    return size


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name}={value!r}: expected a whole number") from None


def settings_from_env(env: Mapping[str, str] | None = None) -> Settings:
    """Settings from VNPOLICYTEXT_HOST, _PORT, _WORKERS, _PROFILE, _CONFIG, _MAX_BODY, _TIMEOUT, _CORS_ORIGINS."""
    env = os.environ if env is None else env
    profile = env.get("VNPOLICYTEXT_PROFILE") or None
    if profile is not None and profile not in PROFILES:
        raise ConfigError(f"VNPOLICYTEXT_PROFILE={profile!r}: use one of {', '.join(PROFILES)}")
    config = env.get("VNPOLICYTEXT_CONFIG") or None
    timeout_raw = env.get("VNPOLICYTEXT_TIMEOUT") or "30"
    try:
        timeout = float(timeout_raw)
    except ValueError:
        raise ConfigError(f"VNPOLICYTEXT_TIMEOUT={timeout_raw!r}: expected seconds") from None
    origins = tuple(o.strip() for o in (env.get("VNPOLICYTEXT_CORS_ORIGINS") or "").split(",") if o.strip())
    max_body = env.get("VNPOLICYTEXT_MAX_BODY")
    settings = Settings(
        host=env.get("VNPOLICYTEXT_HOST") or "127.0.0.1",
        port=_int(env, "VNPOLICYTEXT_PORT", 8000),
        workers=_int(env, "VNPOLICYTEXT_WORKERS", 0),
        profile=profile,
        config=Path(config) if config else None,
        max_body=parse_size(max_body) if max_body else DEFAULT_MAX_BODY,
        timeout=timeout,
        cors_origins=origins,
    )
    validate(settings)
    return settings


def validate(settings: Settings) -> None:
    """Raise ConfigError for settings the service cannot run with."""
    if not 0 <= settings.port <= 65535:
        raise ConfigError(f"port {settings.port} out of range")
    if settings.workers < 0:
        raise ConfigError("workers must be 0 (one per core) or more")
    if settings.timeout <= 0:
        raise ConfigError("timeout must be positive")
    if settings.max_body <= 0:
        raise ConfigError("max body size must be positive")
    if settings.profile is not None and settings.profile not in PROFILES:
        raise ConfigError(f"unknown profile {settings.profile!r}")
    if settings.config is not None and not settings.config.is_file():
        raise ConfigError(f"{settings.config}: configuration file not found")
