"""Bounded loopback load test of `vnpolicytext serve`: requests/s and p50/p95/p99 latency.

    .venv/bin/python benchmarks/bench_server.py [--workers 1] [--clients 1,8,32] [--requests 200] [--seconds 20]
        [--timeout 30] [--long CHARS]

Starts the service on a free 127.0.0.1 port (a child process, `--workers` analysis processes), builds a
10,000-character article (news items of ../shared/corpus joined and cut at a paragraph end, else the
example notice repeated), then for each number of concurrent clients sends POST /v1/check (offsets=utf16,
what the editor page sends) until `--requests` answers or `--seconds` have passed, whichever comes first.
With `--long CHARS` it then sends one CHARS-long check and, while it runs, short checks one after another:
with two workers or more the short ones keep their usual latency. Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
# ../shared/corpus next to the checkout (or next to the folder holding the worktrees).
CORPUS = next((p / "shared" / "corpus" for p in ROOT.parents[:2] if (p / "shared" / "corpus").is_dir()), ROOT)


def article(size: int = 10_000) -> tuple[str, str]:
    """About `size` characters of news prose (corpus news items joined), cut at a paragraph end; and its source."""
    news = sorted(CORPUS.glob("news_*.txt"))
    if news:
        parts: list[str] = []
        for path in news:
            parts.append(path.read_text(encoding="utf-8").strip())
            if sum(len(p) + 2 for p in parts) >= size:
                break
        text = "\n\n".join(parts)
        cut = text.rfind("\n", 0, size)
        return text[: cut if cut > size // 2 else size], f"{len(parts)} news items of {CORPUS}"
    base = (ROOT / "examples" / "thong_bao_tiep_nhan_ho_so.txt").read_text(encoding="utf-8")
    return (base * (size // len(base) + 1))[:size], "examples/thong_bao_tiep_nhan_ho_so.txt (repeated)"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(workers: int, timeout: float = 120) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "-m", "vnpolicytext.cli", "serve", "--port", str(port), "--workers", str(workers)]
    cmd += ["--timeout", str(timeout)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


async def load(url: str, body: dict[str, str], clients: int, total: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    cpu: list[float] = []
    errors = 0
    sent = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:

        async def worker() -> None:
            nonlocal sent, errors
            while sent < total and time.perf_counter() < stop:
                sent += 1
                t0 = time.perf_counter()
                response = await client.post("/v1/check", json=body)
                latencies.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    errors += 1
                timing = dict(
                    part.strip().split(";dur=")
                    for part in response.headers.get("server-timing", "").split(",")
                    if ";dur=" in part
                )
                if "cpu" in timing:
                    cpu.append(float(timing["cpu"]))

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - t0
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": len(latencies),
        "errors": errors,
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "cpu": statistics.median(cpu) if cpu else float("nan"),
    }


async def beside_long(url: str, body: dict[str, str], long_chars: int) -> tuple[float, list[float]]:
    """Seconds of one long check, and the latencies of short checks sent one after another meanwhile."""
    long_text = (body["text"] + "\n\n") * (long_chars // len(body["text"]) + 1)
    short: list[float] = []
    async with httpx.AsyncClient(base_url=url, timeout=300) as client:
        t0 = time.perf_counter()
        task = asyncio.create_task(client.post("/v1/check", json={"text": long_text[:long_chars]}))
        while not task.done():
            s0 = time.perf_counter()
            (await client.post("/v1/check", json=body)).raise_for_status()
            short.append(time.perf_counter() - s0)
        (await task).raise_for_status()
        return time.perf_counter() - t0, short


def in_process(text: str, rounds: int = 10) -> tuple[float, float]:
    """Median wall and CPU seconds of the same check in this process, JSON included: the library alone."""
    import vnpolicytext

    vnpolicytext.check(text)
    wall, cpu = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        vnpolicytext.check(text).model_dump_json()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=1, help="analysis processes of the server")
    ap.add_argument("--timeout", type=float, default=30, help="the server's time budget per request (s)")
    ap.add_argument("--clients", default="1,8,32", help="numbers of concurrent clients")
    ap.add_argument("--requests", type=int, default=200, help="at most this many requests per run")
    ap.add_argument("--seconds", type=float, default=20, help="at most this long per run")
    ap.add_argument(
        "--long",
        type=int,
        default=0,
        metavar="CHARS",
        help="also: short checks while one CHARS-long check runs",
    )
    args = ap.parse_args()
    text, source = article()
    body = {"text": text, "offsets": "utf16"}
    proc, url = start_server(args.workers, args.timeout)
    try:
        for _ in range(5):  # warm: the first answers pay for imports and caches
            httpx.post(f"{url}/v1/check", json=body, timeout=60).raise_for_status()
        print(
            f"article: {len(text):,} characters from {source}; server workers: {args.workers}; cores: {os.cpu_count()}"
        )
        wall, cpu = in_process(text)
        print(
            f"in process, no HTTP: check + JSON {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU (median of 10)"
        )
        print("load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        print(
            f"{'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'cpu ms':>7}"
        )
        for clients in (int(c) for c in args.clients.split(",")):
            r = asyncio.run(load(url, body, clients, args.requests, args.seconds))
            print(
                f"{clients:>7} {r['requests']:>8} {r['errors']:>6} {r['rps']:>7.1f} "
                f"{r['p50']:>7.0f} {r['p95']:>7.0f} {r['p99']:>7.0f} {r['cpu']:>7.0f}"
            )
        if args.long:
            took, short = asyncio.run(beside_long(url, body, args.long))
            print(
                f"one {args.long:,}-character check: {took:.1f} s; meanwhile {len(short)} short checks one by one, "
                f"p50 {statistics.median(short) * 1000:.0f} ms, max {max(short) * 1000:.0f} ms"
            )
        print("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    finally:
        proc.terminate()
        proc.wait(timeout=20)


if __name__ == "__main__":
    main()
