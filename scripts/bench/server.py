"""The site as deployed: production settings, a seeded database, gunicorn on loopback."""

import contextlib
import functools
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .pages import BASE_DIR


class BenchError(Exception):
    """Something broke: the benchmark cannot produce figures."""


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(tmp):
    """Production settings on plain HTTP, local-memory caches, a throwaway SQLite database
    unless DATABASE_URL is set."""
    env = dict(os.environ)
    # A shared Redis would survive restarts (no cold cache), and clearing it would wipe
    # someone else's data.
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, no proxy
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    return env


def run(cmd, env, timeout=600):
    print("  $", " ".join(str(part) for part in cmd), flush=True)
    result = subprocess.run(
        cmd, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise BenchError(
            f"{' '.join(str(p) for p in cmd)} exited {result.returncode}:\n"
            f"{result.stdout[-2000:]}{result.stderr[-4000:]}"
        )
    return result.stdout


def prepare_database(env):
    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "--noinput"], env)
    run([*manage, "seed"], env)
    run([*manage, "collectstatic", "--noinput"], env)


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (out.stdout or out.stderr).strip().splitlines()
    return text[0] if text else "unknown"


def fetch(port, path, headers=None, timeout=15):
    """GET from the server: (status, headers, body as sent, size of the header block)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        body = resp.read()
        header_bytes = (
            len(f"HTTP/1.1 {resp.status} {resp.reason}\r\n")
            + sum(len(k) + len(v) + 4 for k, v in resp.getheaders())
            + 2
        )
        return resp.status, resp.headers, body, header_bytes
    finally:
        conn.close()


def fetch_ok(port, path, headers=None):
    """The body of a page that must answer 200."""
    status, _, body, _ = fetch(port, path, headers)
    if status != 200:
        raise BenchError(f"{path} answered {status}, not 200")
    return body


class Gunicorn:
    """gunicorn in its own process group, so it is always stopped and nothing else is."""

    def __init__(self, env, port, workers, log_path):
        self.env = env
        self.port = port
        self.workers = workers
        self.log_path = log_path
        self.proc = None
        self.log = None
        self.starts = 0

    @property
    def executable(self):
        beside = Path(sys.executable).parent / "gunicorn"
        return str(beside) if beside.exists() else (shutil.which("gunicorn") or "gunicorn")

    @functools.cached_property
    def extra_options(self):
        """gunicorn 27's control socket lives at one path per user: leave it to others."""
        help_text = subprocess.run(
            [self.executable, "--help"], capture_output=True, text=True, timeout=30
        ).stdout
        return ["--no-control-socket"] if "--no-control-socket" in help_text else []

    def start(self, timeout=60):
        self.log = open(self.log_path, "a")  # noqa: SIM115 (closed in stop())
        self.starts += 1
        self.log.write(f"\n---- start {self.starts} ----\n")
        self.log.flush()
        bind = f"127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [self.executable, "config.wsgi:application", "-b", bind, "-w", str(self.workers)]
            + ["--graceful-timeout", "5", *self.extra_options],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"gunicorn exited {self.proc.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                if fetch(self.port, "/healthz", timeout=2)[0] == 200:
                    return
            time.sleep(0.1)
        raise BenchError(f"gunicorn did not answer /healthz within {timeout} s:\n{self.log_tail()}")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=15)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)  # workers left behind, if any
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=5)
        self.proc = None
        if self.log is not None:
            self.log.close()
            self.log = None

    def restart(self):
        self.stop()
        self.start()

    def drain(self, timeout=120):
        """Wait for the requests a load run left queued (wrk hangs up, gunicorn still serves
        them): a health check answers once the queue ahead of it is done."""
        for _ in range(self.workers):
            fetch(self.port, "/healthz", timeout=timeout)

    def log_tail(self, lines=40):
        try:
            return "\n".join(Path(self.log_path).read_text().splitlines()[-lines:])
        except OSError:
            return ""
