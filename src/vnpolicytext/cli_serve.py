"""`vnpolicytext serve`: the HTTP service and editor page (needs the `server` extra: FastAPI and uvicorn)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from .errors import ConfigError

HELP = "run the HTTP service and the editor page (pip install 'vnpolicytext[server]')"


def add_parser(sub: Any) -> argparse.ArgumentParser:
    """Add the `serve` command to `sub` (argparse sub-parsers); flags default to VNPOLICYTEXT_* variables."""
    p: argparse.ArgumentParser = sub.add_parser("serve", help=HELP, description=HELP + ". Flags override VNPOLICYTEXT_* variables.")
    p.add_argument("--host", help="address to listen on (VNPOLICYTEXT_HOST, default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (VNPOLICYTEXT_PORT, default 8000)")
    p.add_argument(
        "--workers", type=int, help="analysis processes (VNPOLICYTEXT_WORKERS, default 0 = one per core)"
    )
    p.add_argument(
        "--profile", choices=("citizen", "news", "legal"), help="default profile (VNPOLICYTEXT_PROFILE)"
    )
    p.add_argument("--config", type=Path, metavar="FILE", help="configuration file (VNPOLICYTEXT_CONFIG)")
    p.add_argument(
        "--max-body",
        metavar="SIZE",
        help="largest request body, e.g. 5MB (VNPOLICYTEXT_MAX_BODY, default 5MB)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="time budget per request (VNPOLICYTEXT_TIMEOUT, default 30)",
    )
    p.add_argument(
        "--cors-origin",
        action="append",
        metavar="ORIGIN",
        help="allow browser calls from ORIGIN (repeatable; VNPOLICYTEXT_CORS_ORIGINS, comma-separated)",
    )
    return p


def run(args: argparse.Namespace) -> int:
    """Start uvicorn with the app; returns the exit code when the server stops."""
    try:
        import uvicorn

        from .server.app import create_app
        from .server.settings import parse_size, settings_from_env, validate
    except ImportError as exc:
        raise ConfigError(
            f"`serve` needs the server extra ({exc.name} is missing): pip install 'vnpolicytext[server]'"
        ) from None
    base = settings_from_env(os.environ)
    updates = {
        "host": args.host,
        "port": args.port,
        "workers": args.workers,
        "profile": args.profile,
        "config": args.config,
        "max_body": parse_size(args.max_body) if args.max_body is not None else None,
        "timeout": args.timeout,
        "cors_origins": tuple(args.cors_origin) if args.cors_origin else None,
    }
    from dataclasses import replace

    settings = replace(base, **{k: v for k, v in updates.items() if v is not None})
    validate(settings)
    app = create_app(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info", timeout_graceful_shutdown=5)
    return 0
