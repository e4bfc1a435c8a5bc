"""The HTTP service (`vnpolicytext serve`): FastAPI app, editor page and JS client. Needs the `server` extra."""

from __future__ import annotations

from .settings import Settings, settings_from_env

__all__ = ["Settings", "create_app", "settings_from_env"]


def __getattr__(name: str) -> object:
    # create_app imports FastAPI; keep `from vnpolicytext.server import Settings` usable without it.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
