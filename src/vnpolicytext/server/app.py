"""The FastAPI application: `create_app(settings)`.

Analysis is CPU-bound, so it runs in a pool of worker processes (spawned, each loading the word segmenter
and lexicons once); the event loop only parses requests and streams answers, so a long document does not
stall short ones beyond the cores it occupies.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import multiprocessing
import os
import platform
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from ..config import Config, load_config
from ..errors import ConfigError
from ..gates import CheckResult
from ..report import Report
from ..version import __version__
from . import worker
from .rules import rule_catalogue
from .schemas import AnalyzeRequest, ErrorItem, ErrorResponse, Health, RuleInfo, VersionInfo
from .settings import Settings, validate

log = logging.getLogger("vnpolicytext.server")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

BODY_PATHS = frozenset({"/v1/analyze", "/v1/check"})
FILE_FIELDS = ("jargon_files", "glossary_files")  # file paths: server-side configuration only
_CODES = {
    400: "invalid_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    503: "unavailable",
    504: "timeout",
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse, "description": text}
    for code, text in (
        (413, "Body larger than the server's --max-body."),
        (415, "Content-Type is not application/json."),
        (422, "Invalid request: the field at fault and why."),
        (503, "The analysis pool is restarting."),
        (504, "The analysis took longer than the server's time budget."),
    )
}


def static_dir() -> Path:
    """The folder of the editor page, the JS client and the API docs page (package data)."""
    return Path(str(resources.files("vnpolicytext.server") / "static"))


def server_config(settings: Settings) -> Config:
    """The server's base configuration: --config file (if any) with --profile over it.

    Adapter over the library's configuration-file reader (not public API; re-point here after a redesign).
    """
    from ..config_file import config_from_dict, read_config_file

    if settings.config is not None:
        return read_config_file(settings.config, profile=settings.profile)
    return config_from_dict({}, profile=settings.profile, source="--profile")


def request_config(base: Config, body: AnalyzeRequest) -> Config:
    """The request's configuration: the server's, with the request's keys and profile laid over it."""
    data: dict[str, Any] = base.model_dump(exclude_unset=True)
    if body.config:
        for key in FILE_FIELDS:
            if key in body.config:
                raise _error(
                    422,
                    f"config.{key}: file paths are not accepted over HTTP; set them in the server's --config file",
                    field=f"config.{key}",
                    code="invalid_config",
                )
        data.update(body.config)
    if body.profile is not None:
        data["profile"] = body.profile
    try:
        return load_config(data)
    except ConfigError as exc:
        # "unknown configuration key: x.y" / "invalid configuration value for x.y: ..." name the key
        where = re.search(r"configuration (?:key: |value for )([\w.]+)", str(exc))
        field = f"config.{where.group(1)}" if where else "config"
        raise _error(422, str(exc), field=field, code="invalid_config") from None


class ApiError(HTTPException):
    """An error answer with our JSON body (raised from handlers and from the body guard)."""

    def __init__(self, status: int, body: ErrorResponse) -> None:
        super().__init__(status_code=status, detail=body.message)
        self.body = body


def _error(status: int, message: str, *, field: str | None = None, code: str | None = None) -> ApiError:
    items = [ErrorItem(field=field, message=message)]
    return ApiError(
        status,
        ErrorResponse(error=code or _CODES.get(status, "error"), message=message, field=field, errors=items),
    )


def _json_error(err: ApiError) -> JSONResponse:
    return JSONResponse(err.body.model_dump(), status_code=err.status_code)


class BodyGuard:
    """Refuse, before reading it, a body over `max_body` (413) or not declared as JSON (415)."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in BODY_PATHS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        length = headers.get("content-length")
        problem: ApiError | None = None
        if length is not None and (not length.strip().isdigit()):
            problem = _error(400, "invalid Content-Length header")
        elif length is not None and int(length) > self.max_body:
            problem = self._too_large()
        else:
            media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
            if media != "application/json":
                shown = media or "none"
                problem = _error(415, f"Content-Type must be application/json, not {shown}")
        if problem is not None:
            await _json_error(problem)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise self._too_large()
            return message

        await self.app(scope, limited, send)

    def _too_large(self) -> ApiError:
        return _error(413, f"request body larger than the limit of {self.max_body} bytes")


class Service:
    """The analysis pool and the configuration, shared by the handlers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.base_config = server_config(settings)
        self.pool: ProcessPoolExecutor | None = None
        self.ready = False

    def start(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(self.settings.pool_size(), mp_context=ctx, initializer=worker.warm)
        return self.pool

    async def warm_up(self) -> None:
        """Start every worker (each warms itself in its initializer) before saying ready."""
        pool = self.pool or self.start()
        loop = asyncio.get_running_loop()
        await asyncio.gather(
            *(loop.run_in_executor(pool, os.getpid) for _ in range(self.settings.pool_size()))
        )
        self.ready = True

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    async def run(self, job: worker.Job) -> Response:
        pool = self.pool or self.start()
        loop = asyncio.get_running_loop()
        job = dataclasses.replace(job, deadline=time.time() + self.settings.timeout)
        try:
            outcome = await asyncio.wait_for(
                loop.run_in_executor(pool, worker.run, job), self.settings.timeout
            )
        except TimeoutError:
            raise _error(
                504,
                f"analysis took longer than the time budget of {self.settings.timeout:g} s",
                code="timeout",
            ) from None
        except BrokenProcessPool:
            log.error("analysis pool broke (a worker died); starting a new one")
            pool.shutdown(wait=False, cancel_futures=True)
            self.start()
            raise _error(503, "the analysis pool is restarting; retry the request") from None
        if outcome.error == "timeout":
            raise _error(504, f"analysis waited longer than the time budget of {self.settings.timeout:g} s")
        if outcome.error == "internal":
            raise _error(500, outcome.message, code="internal")
        if outcome.error is not None:
            raise _error(
                422,
                outcome.message,
                field="config" if outcome.error == "invalid_config" else None,
                code=outcome.error,
            )
        assert outcome.body is not None
        timing = f"analysis;dur={outcome.wall_ms:.1f}, cpu;dur={outcome.cpu_ms:.1f}"
        return Response(
            content=outcome.body, media_type="application/json", headers={"Server-Timing": timing}
        )


def _field(loc: tuple[Any, ...] | list[Any]) -> str | None:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or None


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service as an ASGI app (run it with uvicorn, or test it with FastAPI's TestClient)."""
    settings = settings or Settings()
    validate(settings)
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        service.start()
        await service.warm_up()
        try:
            yield
        finally:
            service.stop()

    app = FastAPI(
        title="vnpolicytext",
        version=__version__,
        description="Readability and clarity checks for Vietnamese policy text, with exact offsets.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _json_error(exc)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return _json_error(_error(exc.status_code, str(exc.detail)))

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def _starlette_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, ApiError):
            return _json_error(exc)
        return _json_error(_error(exc.status_code, str(exc.detail)))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        items = []
        for e in exc.errors():
            field = _field(e.get("loc", ()))
            message = str(e.get("msg", "invalid")).removeprefix("Value error, ")
            if e.get("type") == "json_invalid":
                field, message = None, f"body is not valid JSON: {e.get('ctx', {}).get('error', '')}".strip()
            items.append(ErrorItem(field=field, message=message))
        first = items[0] if items else ErrorItem(field=None, message="invalid request")
        text = f"{first.field}: {first.message}" if first.field else first.message
        body = ErrorResponse(error="invalid_request", message=text, field=first.field, errors=items)
        return JSONResponse(body.model_dump(), status_code=422)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return _json_error(_error(500, f"internal error ({type(exc).__name__})", code="internal"))

    @app.post("/v1/analyze", response_model=Report, responses=ERROR_RESPONSES, summary="Analyze a text")
    async def analyze(body: AnalyzeRequest) -> Response:
        """The full report: findings with offsets, sentences and every analyzer's summary."""
        source, kind = body.source()
        job = worker.Job("analyze", source, kind, request_config(service.base_config, body), body.offsets)
        return await service.run(job)

    @app.post(
        "/v1/check", response_model=CheckResult, responses=ERROR_RESPONSES, summary="Pre-publication check"
    )
    async def check(body: AnalyzeRequest) -> Response:
        """Passed or not, the gates that failed, and the report."""
        source, kind = body.source()
        job = worker.Job("check", source, kind, request_config(service.base_config, body), body.offsets)
        return await service.run(job)

    @app.get("/v1/rules", response_model=list[RuleInfo], summary="Every rule")
    async def rules() -> list[RuleInfo]:
        return rule_catalogue()

    @app.get(
        "/v1/rules/{rule_id}",
        response_model=RuleInfo,
        responses={
            404: {"model": ErrorResponse, "description": "No such rule."},
            422: {"model": ErrorResponse, "description": "Invalid request."},
        },
        summary="One rule",
    )
    async def rule(rule_id: str) -> RuleInfo:
        for r in rule_catalogue():
            if r.id == rule_id:
                return r
        raise _error(404, f"no rule {rule_id!r} (GET /v1/rules lists them)", field="rule_id")

    @app.get("/healthz", response_model=Health, summary="Liveness and readiness")
    async def healthz() -> JSONResponse:
        ready = service.ready or service.pool is not None  # warmed at startup, or started by a request
        health = Health(status="ok" if ready else "starting", workers=settings.pool_size())
        return JSONResponse(health.model_dump(), status_code=200 if ready else 503)

    @app.get("/version", response_model=VersionInfo, summary="Versions")
    async def version() -> VersionInfo:
        try:
            underthesea: str | None = metadata.version("underthesea")
        except metadata.PackageNotFoundError:
            underthesea = None
        return VersionInfo(
            vnpolicytext=__version__,
            python=platform.python_version(),
            underthesea=underthesea,
            fastapi=metadata.version("fastapi"),
        )

    static = static_dir()

    @app.get("/", include_in_schema=False)
    async def editor() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> FileResponse:
        return FileResponse(static / "docs.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=static), name="static")
    app.add_middleware(BodyGuard, max_body=settings.max_body)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    return app
