"""Run N Brugwerk processes behind nginx on this machine: `python -m deploy.cluster -n 2`.

Each process is gunicorn with one worker and many threads (Flask-SocketIO's threading mode
serves each WebSocket on a thread); they share rooms through Redis and state through the
database. Migrations run once, before any process starts. Ctrl-C stops everything.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
VENV_BIN = Path(sys.executable).parent


def nginx_config(ports: list[int], listen: int, prefix: str) -> str:
    """Render the nginx config for processes on `ports`, listening on `listen`."""
    share = 100 / len(ports)
    split = [f"        {share:.2f}% {i};" for i in range(len(ports) - 1)]
    split.append(f"        * {len(ports) - 1};")
    upstreams = []
    for i, port in enumerate(ports):
        backups = "".join(
            f"        server 127.0.0.1:{other} backup;\n" for other in ports if other != port
        )
        upstreams.append(
            f"    upstream brugwerk_{i} {{\n        server 127.0.0.1:{port};\n"
            f"{backups}        keepalive 16;\n    }}"
        )
    values = {
        "prefix": prefix,
        "listen": str(listen),
        "split": "\n".join(split),
        "nodes": "|".join(str(i) for i in range(len(ports))),
        "upstreams": "\n".join(upstreams),
    }
    text = TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def wait_healthy(url: str, timeout: float = 60, child: subprocess.Popen | None = None) -> None:
    """Wait until `url` answers 200, or raise (at once when the process serving it exits)."""
    deadline = time.monotonic() + timeout
    while True:
        if child is not None and child.poll() is not None:
            raise RuntimeError(f"the process for {url} exited with {child.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become healthy within {timeout:.0f} s")
        time.sleep(0.2)


class Cluster:
    """N server processes (and optionally nginx in front); a context manager that stops them."""

    def __init__(
        self,
        processes: int = 2,
        base_port: int = 5001,
        proxy_port: int | None = 8080,
        env: dict | None = None,
        threads: int = 400,
        log_dir: str | None = None,
    ):
        self.ports = [base_port + i for i in range(processes)]
        self.proxy_port = proxy_port
        self.env = {**os.environ, **(env or {})}
        self.threads = threads
        self.log_dir = Path(log_dir or tempfile.mkdtemp(prefix="brugwerk-cluster-"))
        self.children: list[subprocess.Popen] = []

    def _spawn(self, args: list[str], name: str, env: dict | None = None) -> subprocess.Popen:
        log = (self.log_dir / f"{name}.log").open("ab")
        child = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.children.append(child)
        return child

    def migrate(self) -> None:
        """Bring the database to the latest schema, once, before any process serves."""
        subprocess.run(
            [str(VENV_BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
        )

    def start(self) -> "Cluster":
        self.log_dir.mkdir(parents=True, exist_ok=True)
        if self.proxy_port is not None:
            self.env.setdefault("TRUSTED_PROXIES", "1")  # client addresses come from nginx
        for i, port in enumerate(self.ports):
            self._spawn(
                [
                    str(VENV_BIN / "gunicorn"),
                    "--workers",
                    "1",
                    "--threads",
                    str(self.threads),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--graceful-timeout",
                    "3",
                    "--no-control-socket",
                    "wsgi:app",
                ],
                f"server-{i}",
            )
        if self.proxy_port is not None:
            if shutil.which("nginx") is None:
                raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
            prefix = self.log_dir / "nginx"
            prefix.mkdir(exist_ok=True)
            conf = prefix / "nginx.conf"
            conf.write_text(nginx_config(self.ports, self.proxy_port, str(prefix)))
            self._spawn(["nginx", "-c", str(conf), "-p", str(prefix)], "nginx")
        for port, child in zip(self.ports, self.children, strict=False):
            wait_healthy(f"http://127.0.0.1:{port}/healthz", child=child)
        if self.proxy_port is not None:
            wait_healthy(f"http://127.0.0.1:{self.proxy_port}/healthz")
        return self

    def pids(self, index: int) -> list[int]:
        """Return the process ids of server `index`: gunicorn's master and its worker."""
        found, queue = [], [self.children[index].pid]
        while queue:
            pid = queue.pop()
            found.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                queue.extend(int(child) for child in task.read_text().split())
        return found

    def cpu_seconds(self, index: int) -> float:
        """Return the CPU time server `index` has used so far (user + system, Linux)."""
        ticks = 0
        for pid in self.pids(index):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def rss_kib(self, index: int) -> int:
        """Return the resident memory of server `index` in KiB (Linux)."""
        total = 0
        for pid in self.pids(index):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        return total

    @property
    def url(self) -> str:
        """Return the front address: nginx when it runs, else the first process."""
        if self.proxy_port is not None:
            return f"http://127.0.0.1:{self.proxy_port}"
        return self.urls()[0]

    def urls(self) -> list[str]:
        """Return the address of each server process."""
        return [f"http://127.0.0.1:{port}" for port in self.ports]

    def stop(self) -> None:
        for child in reversed(self.children):
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in self.children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
        self.children.clear()

    def __enter__(self) -> "Cluster":
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *_exc) -> None:
        self.stop()


def _interrupt(*_args) -> None:
    """Stop on `kill` as on Ctrl-C: the processes run in their own sessions and must be ended."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    """Start the cluster in the foreground until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--processes", type=int, default=2)
    parser.add_argument("--base-port", type=int, default=5001)
    parser.add_argument("--proxy-port", type=int, default=8080, help="0: no nginx in front")
    parser.add_argument("--threads", type=int, default=400)
    args = parser.parse_args(argv)
    queue = os.environ.get("SOCKETIO_MESSAGE_QUEUE", "redis://127.0.0.1:6379/0")
    # Rate limits count across all processes only when they share their counters.
    env = {
        "SOCKETIO_MESSAGE_QUEUE": queue,
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", queue),
    }
    cluster = Cluster(args.processes, args.base_port, args.proxy_port or None, env, args.threads)
    if not cluster.env.get("DATABASE_URL"):
        print("Note: DATABASE_URL is not set: the processes share the SQLite file in instance/.")
    cluster.migrate()
    signal.signal(signal.SIGTERM, _interrupt)
    with cluster:
        for i, url in enumerate(cluster.urls()):
            print(f"process {i}: {url}  (log {cluster.log_dir}/server-{i}.log)")
        front = cluster.proxy_port and f"http://127.0.0.1:{cluster.proxy_port}"
        print(f"Brugwerk cluster on {front or 'the ports above'}  (Ctrl-C stops it)", flush=True)
        try:
            while all(child.poll() is None for child in cluster.children):
                time.sleep(1)
            print("A process stopped; see the logs in", cluster.log_dir)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
