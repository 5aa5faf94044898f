"""gunicorn for the bench: each server in its own process group, stopped by that group's id only."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .load import PROXY_HEADERS

# The production Procfile's shape: 3 workers of 2 threads (gthread), on a 2-core machine.
DEFAULT_WORKERS = 3
DEFAULT_THREADS = 2


def free_port() -> int:
    """A port nobody listens on now (the other engineers' servers share this machine)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM to the server's own process group (the arbiter and its workers), SIGKILL if it lingers."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait(5)


def start_gunicorn(name: str, app: str, env: dict[str, str], cwd: Path, log_path: Path,
                   workers: int = DEFAULT_WORKERS, threads: int = DEFAULT_THREADS, port: int | None = None) -> Server:
    port = port or free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "gunicorn", app,
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
        "--timeout", "60",
        "--graceful-timeout", "5",
        # No access log: one line per request would be measured too.
        "--error-logfile", str(log_path),
        "--log-level", "warning",
        "--chdir", str(cwd),
    ]
    log = open(log_path, "ab")  # noqa: SIM115 (the child keeps it; closed when the parent exits)
    # start_new_session: the arbiter leads a new process group, so stopping it reaches its workers.
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    return Server(name=name, process=process, port=port, log_path=log_path)


def wait_until_ready(server: Server, path: str = "/", timeout: float = 120) -> None:
    """Polls until the page answers 200; fails early if gunicorn exits or the page answers 5xx."""
    deadline = time.monotonic() + timeout
    url = server.base_url + path
    last = ""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name}: gunicorn exited ({server.process.returncode}).\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=PROXY_HEADERS), timeout=30) as response:
                if response.status == 200:
                    return
                last = str(response.status)
        except urllib.error.HTTPError as error:
            # The server is up and the page is wrong (a 404, a 500): waiting would not mend it.
            raise RuntimeError(f"{server.name}: {path} answered {error.code}.\n{server.log_tail()}") from error
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as error:
            last = str(error)
        time.sleep(0.5)
    raise RuntimeError(f"{server.name}: {url} not ready after {timeout:.0f} s (last: {last}).\n{server.log_tail()}")
