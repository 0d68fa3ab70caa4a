"""N Streamlit replicas of the dashboard behind nginx, on this machine (and replicas on others).

    python deploy/serve.py --replicas 2 --port 8080            # local replicas on free ports, nginx on :8080
    python deploy/serve.py --replicas 0 --upstream 10.0.0.2:8501 --upstream 10.0.0.3:8501   # replicas elsewhere
    python deploy/serve.py --replicas-only 2 --replica-port 8501 --replica-address 0.0.0.0  # on an app machine
    python deploy/serve.py --print-config --upstream 127.0.0.1:8501 --port 80                 # for /etc/nginx

Renders deploy/nginx.conf.template into a run folder, checks it with `nginx -t`, runs nginx in the foreground
(everything it writes stays in the run folder, so no root is needed), watches every replica's /_stcore/health and
stops everything on Ctrl-C or SIGTERM. Tests and benchmarks use `serve()`, a context manager (see deploy/README.md).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from deploy.processes import free_port, get, spawn, stop, tail  # noqa: E402
from metrics.extraction.source import DOCX_LIMIT  # noqa: E402  (the app's largest upload: nginx must let it through)

NGINX = "/usr/sbin/nginx"
MIME_TYPES = "/etc/nginx/mime.types"
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
ROUTE_COOKIE = "st_route"
UPSTREAM_HEADER = "X-Upstream"
UPLOAD_MB = DOCX_LIMIT // 2**20
# nginx counts the whole multipart body, the file plus its framing; a MiB of room is far more than the framing.
UPLOAD_BODY_LIMIT = f"{UPLOAD_MB + 1}m"
FAIL_TIMEOUT_S = 3  # nginx skips a replica that failed for this long: short, so a restarted one serves again soon


@dataclass
class Replica:
    host: str
    port: int
    proc: subprocess.Popen | None = None  # None: a replica this script does not run (another machine)
    log: Path | None = None
    down: bool = False  # marked down in nginx's configuration after a failed health check

    @property
    def addr(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def route(self) -> str:
        """The route cookie's value for this replica: stable for an address, and it does not reveal the address."""
        return hashlib.sha256(self.addr.encode()).hexdigest()[:12]

    def healthy(self, timeout: float = 2.0) -> bool:
        return (get(f"http://{self.addr}/_stcore/health", timeout) or "").strip() == "ok"


def parse_upstream(text: str) -> Replica:
    """host:port, the host resolved now: nginx reports the address it connected to, and the route map is keyed on it."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise SystemExit(f"--upstream wants host:port, not {text!r}")
    return Replica(socket.getaddrinfo(host, int(port), socket.AF_INET, socket.SOCK_STREAM)[0][4][0], int(port))


def streamlit_static() -> Path:
    """Streamlit's frontend bundle (index.html and static/), which nginx serves itself."""
    import streamlit

    return Path(streamlit.__file__).parent / "static"


def render(replicas: list[Replica], *, listen: str, run: Path, snapshots: Path, workers: str = "auto",
           user: str | None = None) -> str:
    """The nginx configuration for these replicas: deploy/nginx.conf.template filled in."""
    def server(r: Replica, backup: bool = False) -> str:
        return f"        server {r.addr} max_fails=1 fail_timeout={FAIL_TIMEOUT_S}s{' backup' if backup else ''}{' down' if r.down else ''};"

    blocks = ["    upstream pool {", "        zone pool 64k;", *(server(r) for r in replicas), "    }"]
    for r in replicas:
        blocks += [f"    upstream replica_{r.route} {{", f"        zone replica_{r.route} 64k;", server(r),
                   *(server(o, backup=True) for o in replicas if o is not r), "    }"]
    values = {
        "USER": f"user {user};" if user and os.geteuid() == 0 else "",
        "WORKERS": workers, "RUN": str(run), "MIME_TYPES": MIME_TYPES, "COOKIE": ROUTE_COOKIE, "LISTEN": listen,
        "UPSTREAMS": "\n".join(blocks),
        "COOKIE_TO_UPSTREAM": "\n".join(f"        {r.route} replica_{r.route};" for r in replicas),
        "ADDR_TO_ROUTE": "\n".join(f'        "~(^|\\s){re.escape(r.addr)}$" {r.route};' for r in replicas),
        "UPSTREAM_HEADER": UPSTREAM_HEADER, "UPLOAD_BODY_LIMIT": UPLOAD_BODY_LIMIT,
        "STREAMLIT_STATIC": str(streamlit_static()), "SNAPSHOTS": str(snapshots),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    if left := re.findall(r"\{\{\w+\}\}", text):
        raise ValueError(f"unfilled in {TEMPLATE.name}: {left}")
    return text


def nginx_binary() -> str:
    if not os.access(NGINX, os.X_OK) or not Path(MIME_TYPES).exists():
        raise RuntimeError(f"{NGINX} not found: install Debian's package `nginx` (`make serve` and `make test` do, as root)")
    return NGINX


def check_config(conf: Path, run: Path) -> str:
    """`nginx -t` on the file; raises with nginx's own message when it refuses it."""
    done = subprocess.run([nginx_binary(), "-t", "-p", str(run), "-c", str(conf), "-e", str(run / "error.log")],
                          capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        raise RuntimeError(f"nginx -t refused {conf}:\n{done.stderr}")
    return done.stderr


def replica_command(port: int, address: str = "127.0.0.1", app: str = "app.py") -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", app, "--server.headless", "true", "--server.port", str(port),
            "--server.address", address, "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            "--server.maxUploadSize", str(UPLOAD_MB)]


def replica_env(data: Path | None, cookie_secret: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    # Streamlit signs its XSRF cookie with this secret: a reader moved to another replica keeps a valid cookie. Given
    # in the environment, not on the command line, where `ps` would show it to every user of the machine.
    env["STREAMLIT_SERVER_COOKIE_SECRET"] = cookie_secret
    if data is not None:
        env["DASHBOARD_DATA"] = str(Path(data).resolve())
    env.update(extra or {})
    return env


def start_replica(r: Replica, run: Path, env: dict[str, str], app: str = "app.py", address: str = "127.0.0.1") -> None:
    r.log = run / f"replica-{r.port}.log"
    r.proc = spawn(replica_command(r.port, address, app), r.log, env)


def wait_healthy(replicas: list[Replica], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    waiting = list(replicas)
    while waiting:
        for r in list(waiting):
            if r.proc is not None and r.proc.poll() is not None:
                raise RuntimeError(f"replica {r.addr} exited with {r.proc.returncode}:\n{tail(r.log)}")
            if r.healthy(timeout=1.0):
                waiting.remove(r)
        if waiting and time.monotonic() > deadline:
            raise RuntimeError(f"not healthy after {timeout}s: {[r.addr for r in waiting]}\n" + "\n".join(tail(r.log) for r in waiting))
        time.sleep(0.1)


def others_can_read(path: Path) -> bool:
    """Whether nginx's workers (www-data when started as root) reach a folder of root's: o+x on every parent."""
    path = path.resolve()
    return not path.exists() or (all(p.stat().st_mode & stat.S_IXOTH for p in path.parents) and bool(path.stat().st_mode & stat.S_IROTH))


@dataclass
class Cluster:
    url: str  # nginx, e.g. http://127.0.0.1:8080
    replicas: list[Replica]
    run: Path  # nginx.conf, error.log, access.log, replica-PORT.log, temp folders
    conf: Path
    render_args: dict
    env: dict[str, str]
    app: str = "app.py"
    nginx: subprocess.Popen | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def replica(self, upstream_addr: str) -> Replica:
        """The replica an X-Upstream header names (the last address when nginx retried)."""
        last = upstream_addr.split(",")[-1].strip()
        return next(r for r in self.replicas if r.addr == last)

    def write_config(self) -> None:
        self.conf.write_text(render(self.replicas, **self.render_args), encoding="utf-8")
        check_config(self.conf, self.run)

    def reload(self) -> None:
        """Re-render and have nginx re-read it (old workers close their websockets within worker_shutdown_timeout)."""
        with self._lock:
            self.write_config()
            if self.nginx is not None and self.nginx.poll() is None:
                self.nginx.send_signal(signal.SIGHUP)

    def logs(self) -> str:
        return "\n".join(tail(p) for p in [self.run / "error.log", *(r.log for r in self.replicas)])

    def watch(self, interval: float, restart: bool, stopping: threading.Event, say: Callable[[str], None]) -> None:
        """The active health check open-source nginx lacks: a replica failing /_stcore/health is marked down (nginx
        sends it nothing, not even the first try of a request), and a local one that exited is started again."""
        while not stopping.wait(interval):
            changed = False
            for r in self.replicas:
                if restart and r.proc is not None and r.proc.poll() is not None:
                    say(f"replica {r.addr} exited with {r.proc.returncode}: starting it again")
                    stop(r.proc, timeout=1)
                    start_replica(r, self.run, self.env, self.app)
                ok = r.healthy()
                if ok == r.down:
                    say(f"replica {r.addr} {'healthy again: marked up' if ok else 'failed its health check: marked down'}")
                    r.down, changed = not ok, True
            if changed and not stopping.is_set():
                if all(r.down for r in self.replicas):
                    for r in self.replicas:  # nginx needs a server it may try: leave it to the passive checks
                        r.down = False
                self.reload()


@contextlib.contextmanager
def serve(replicas: int = 2, *, port: int | None = None, bind: str = "127.0.0.1", upstreams: tuple[str, ...] = (),
          snapshots: Path | str | None = None, data: Path | str | None = None, run_dir: Path | str | None = None,
          workers: str = "1", env: dict[str, str] | None = None, cookie_secret: str | None = None, user: str = "www-data",
          watch: float | None = None, restart: bool = False, start_timeout: float = 60.0, app: str = "app.py",
          say: Callable[[str], None] = lambda _: None) -> Iterator[Cluster]:
    """Start `replicas` local replicas (plus the host:port `upstreams` run elsewhere) and nginx in front of them;
    yield the Cluster (url; replicas with their ports and processes; run folder). Everything started is stopped on
    exit, on failure too. watch: seconds between health checks after start-up (None: none); restart: start an exited
    local replica again. env: extra environment of the replicas (XDG_CACHE_HOME, METRICS_CACHE_DIR...)."""
    run = Path(run_dir) if run_dir else Path(tempfile.mkdtemp(prefix="dashboard-serve-"))
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o755)  # started as root, nginx's workers run as `user` and need their temp folders in here
    snapshots = Path(snapshots or REPO / "site").resolve()
    if not snapshots.exists():
        say(f"note: no {snapshots} yet: /snapshot/ answers 404 until `python -m metrics snapshot -o {snapshots}`")
    for folder in (snapshots, streamlit_static()):
        if os.geteuid() == 0 and not others_can_read(folder):
            say(f"warning: {folder} is not readable by {user}: nginx will answer 403 there")
    secret = cookie_secret or os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_hex(32)
    port = port or free_port()
    local = [Replica("127.0.0.1", free_port()) for _ in range(replicas)]
    cluster = Cluster(url=f"http://{'127.0.0.1' if bind in ('0.0.0.0', '') else bind}:{port}",  # noqa: S104
                      replicas=local + [parse_upstream(u) for u in upstreams], run=run, conf=run / "nginx.conf",
                      render_args={"listen": f"{bind}:{port}" if bind else str(port), "run": run, "snapshots": snapshots,
                                   "workers": workers, "user": user},
                      # The replicas link each view to the same view of the latest snapshot, which nginx serves.
                      env=replica_env(Path(data) if data else None, secret,
                                      {"DASHBOARD_SNAPSHOTS": str(snapshots), "DASHBOARD_SNAPSHOT_URL": "/snapshot/", **(env or {})}),
                      app=str(app))
    stopping = threading.Event()
    watcher = threading.Thread(target=cluster.watch, args=(watch, restart, stopping, say), daemon=True) if watch else None
    try:
        cluster.write_config()  # before any replica starts: a configuration nginx refuses costs no start-up
        for r in local:
            start_replica(r, run, cluster.env, cluster.app)
        wait_healthy(cluster.replicas, start_timeout)
        say(f"{len(cluster.replicas)} replicas healthy: {', '.join(r.addr for r in cluster.replicas)}")
        cluster.nginx = spawn([nginx_binary(), "-p", str(run), "-c", str(cluster.conf), "-e", str(run / "error.log"),
                               "-g", "daemon off;"], run / "nginx.out")
        deadline = time.monotonic() + 10
        while (get(f"{cluster.url}/_stcore/health", 1) or "").strip() != "ok":
            if cluster.nginx.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start:\n{tail(run / 'nginx.out')}\n{tail(run / 'error.log')}")
            time.sleep(0.1)
        if watcher is not None:
            watcher.start()
        yield cluster
    finally:
        stopping.set()
        if watcher is not None and watcher.is_alive():  # a restart in progress ends before the replicas are stopped
            watcher.join(timeout=15)
        stop(cluster.nginx)
        for r in cluster.replicas:
            stop(r.proc)
        if not run_dir:
            shutil.rmtree(run, ignore_errors=True)


def _stop_on_signal(signum, frame) -> None:
    raise KeyboardInterrupt  # a stop asked for, like Ctrl-C: unwinds through serve()'s finally, exits 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--replicas", type=int, default=2, help="local replicas to start (default 2)")
    p.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    p.add_argument("--bind", default="0.0.0.0", help="nginx's address (default: every interface)")  # noqa: S104
    p.add_argument("--upstream", action="append", default=[], metavar="HOST:PORT", help="a replica run elsewhere (repeat)")
    p.add_argument("--snapshots", type=Path, default=REPO / "site", help="the folder served at /snapshot/ (default site/)")
    p.add_argument("--data", type=Path, help="the data folder (DASHBOARD_DATA; default data/)")
    p.add_argument("--run-dir", type=Path, help="nginx's configuration, logs and temp files (default: a temp folder, removed)")
    p.add_argument("--workers", default="auto", help="nginx worker processes (default auto)")
    p.add_argument("--user", default="www-data", help="nginx workers' user when started as root (default www-data)")
    p.add_argument("--watch", type=float, default=5.0, help="seconds between health checks (default 5; 0: none)")
    p.add_argument("--no-restart", action="store_true", help="leave an exited local replica down")
    p.add_argument("--replicas-only", type=int, metavar="N", help="start N replicas and no nginx (on an app machine)")
    p.add_argument("--replica-port", type=int, default=8501, help="with --replicas-only: the first port (default 8501)")
    p.add_argument("--replica-address", default="127.0.0.1", help="with --replicas-only: their address (0.0.0.0: reachable by nginx elsewhere)")
    p.add_argument("--print-config", action="store_true", help="print the configuration for the --upstream list and exit")
    args = p.parse_args(argv)
    # SIGINT too: started in the background by a shell, Python would inherit it ignored, and Ctrl-C (or a
    # supervisor's SIGINT) would leave everything running.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop_on_signal)
    if args.print_config:
        ups = [parse_upstream(u) for u in args.upstream] or [Replica("127.0.0.1", 8501 + i) for i in range(args.replicas)]
        print(render(ups, listen=f"{args.bind}:{args.port}", run=(args.run_dir or Path("/var/lib/dashboard-nginx")).resolve(),
                     snapshots=args.snapshots.resolve(), workers=args.workers, user=args.user))
        return 0
    if args.replicas_only:
        return _replicas_only(args)
    try:
        with serve(args.replicas, port=args.port, bind=args.bind, upstreams=tuple(args.upstream), snapshots=args.snapshots,
                   data=args.data, run_dir=args.run_dir, workers=args.workers, user=args.user, watch=args.watch or None,
                   restart=not args.no_restart, say=lambda m: print(m, flush=True)) as cluster:
            print(f"dashboard at {cluster.url}/ and the snapshot at {cluster.url}/snapshot/; logs in {cluster.run}; "
                  "Ctrl-C stops everything", flush=True)
            print(f"nginx exited with {cluster.nginx.wait()}:\n{tail(cluster.run / 'error.log')}", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        return 0
    except RuntimeError as e:
        print(e, file=sys.stderr)
        return 1


def _replicas_only(args) -> int:
    """Replicas for an nginx on another machine: every machine must share one STREAMLIT_SERVER_COOKIE_SECRET."""
    secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET")
    if not secret:
        print("set STREAMLIT_SERVER_COOKIE_SECRET, the same on every machine: Streamlit signs its XSRF cookie with it", file=sys.stderr)
        return 2
    run = args.run_dir or Path(tempfile.mkdtemp(prefix="dashboard-replicas-"))
    reps = [Replica(args.replica_address, args.replica_port + i) for i in range(args.replicas_only)]
    try:
        for r in reps:
            start_replica(r, run, replica_env(args.data, secret), address=args.replica_address)
        local = "127.0.0.1" if args.replica_address == "0.0.0.0" else args.replica_address  # noqa: S104
        wait_healthy([Replica(local, r.port, r.proc, r.log) for r in reps], 60)
        print("replicas up; for nginx: " + " ".join(f"--upstream {socket.gethostname()}:{r.port}" for r in reps), flush=True)
        while all(r.proc.poll() is None for r in reps):
            time.sleep(1)
        print("a replica exited:\n" + "\n".join(tail(r.log) for r in reps), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for r in reps:
            stop(r.proc)


if __name__ == "__main__":
    sys.exit(main())
