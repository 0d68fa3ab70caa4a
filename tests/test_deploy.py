"""deploy/: nginx in front of Streamlit replicas, as a reader's browser meets it. The configuration passes `nginx -t`;
two replicas on the fixture data behind a real nginx answer health checks, websocket upgrades, the snapshot folder
(gzip, cache headers), the static bundle, sticky routes, size limits; a dead replica's readers move to the survivor
and stay there; `deploy/serve.py` stops everything it started. nginx must be installed (Debian's `nginx`, which
`make test` installs as root): without it these tests fail saying so, they are never skipped."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "data"
sys.path.insert(0, str(REPO / "deploy"))
import serve  # noqa: E402

OVERVIEW = "<!doctype html><title>Snapshot</title>" + "<p>Cán bộ điều động, biệt phái về xã: 651</p>" * 200


def request(base: str, path: str, method: str = "GET", headers: dict | None = None, body: bytes | None = None):
    """(status, headers with lower-case names, raw body): no redirect followed, nothing decompressed."""
    conn = http.client.HTTPConnection(urlsplit(base).hostname, urlsplit(base).port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def route_cookie(headers: dict) -> str | None:
    m = re.search(rf"{serve.ROUTE_COOKIE}=(\w+)", headers.get("set-cookie", ""))
    return m.group(1) if m else None


@pytest.fixture(scope="module")
def nginx_present():
    try:
        serve.nginx_binary()
    except RuntimeError as e:
        pytest.fail(str(e))


@pytest.fixture(scope="module")
def snapshots():
    """A snapshot folder as the builder writes it. Not under pytest's tmp folders: those are private (0700), and
    nginx started as root reads as www-data."""
    folder = Path(tempfile.mkdtemp(prefix="snapshot-test-"))
    (folder / "2026-01-05" / "vi").mkdir(parents=True)
    (folder / "index.html").write_text('<a href="2026-01-05/vi/overview.html">2026-01-05</a>', encoding="utf-8")
    (folder / "2026-01-05" / "vi" / "overview.html").write_text(OVERVIEW, encoding="utf-8")
    (folder / "2026-01-05" / "figures.csv").write_text("id;value\n" + "staff-seconded-to-communes;651\n" * 100, encoding="utf-8")
    for p in [folder, *folder.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    yield folder
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def cluster(nginx_present, snapshots):
    with serve.serve(2, data=FIXTURE, snapshots=snapshots) as c:
        yield c


def test_the_rendered_configuration_passes_nginx_t(nginx_present, tmp_path):
    replicas = [serve.Replica("127.0.0.1", 8501), serve.Replica("127.0.0.1", 8502), serve.Replica("10.0.0.3", 8501, down=True)]
    conf = tmp_path / "nginx.conf"
    conf.write_text(serve.render(replicas, listen="127.0.0.1:8080", run=tmp_path, snapshots=REPO / "site"), encoding="utf-8")
    assert "test is successful" in serve.check_config(conf, tmp_path)
    # What `--print-config` prints for /etc/nginx passes too.
    printed = subprocess.run([sys.executable, "deploy/serve.py", "--print-config", "--upstream", "127.0.0.1:8501",
                              "--upstream", "localhost:8502", "--port", "8081", "--run-dir", str(tmp_path)],
                             cwd=REPO, capture_output=True, text=True, timeout=60, check=True).stdout
    (tmp_path / "printed.conf").write_text(printed, encoding="utf-8")
    serve.check_config(tmp_path / "printed.conf", tmp_path)
    # nginx really checks: a broken configuration is refused with nginx's own words.
    conf.write_text(conf.read_text().replace("proxy_buffering off;", "proxy_buffering sometimes;"))
    with pytest.raises(RuntimeError, match="proxy_buffering"):
        serve.check_config(conf, tmp_path)


def test_a_missing_nginx_is_named(monkeypatch):
    monkeypatch.setattr(serve, "NGINX", "/nonexistent/nginx")
    with pytest.raises(RuntimeError, match="Debian's package `nginx`"):
        serve.nginx_binary()


def test_health_through_nginx(cluster):
    status, headers, body = request(cluster.url, "/_stcore/health")
    assert (status, body) == (200, b"ok")
    assert cluster.replica(headers["x-upstream"]) in cluster.replicas


def handshake(base: str, origin: str | None = None, cookie: str | None = None) -> str:
    """A websocket handshake on /_stcore/stream as Streamlit's frontend sends it: the response's head, if accepted
    (the key's answer checked), else its status line."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    key = base64.b64encode(os.urandom(16)).decode()
    extra = f"Cookie: {cookie}\r\n" if cookie else ""
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n"
                   f"Origin: {origin or base}\r\n{extra}\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head and (chunk := s.recv(4096)):
            head += chunk
    accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
    text = head.decode(errors="replace")
    return text if accept in text else text.split("\r\n")[0]


def head_header(head: str, name: str) -> str | None:
    m = re.search(rf"(?im)^{name}: *(.*?)\r?$", head)
    return m.group(1) if m else None


def test_the_websocket_upgrade_goes_through(cluster):
    """Streamlit accepts a websocket whose Origin matches its Host: nginx must pass the Host with its port, and the
    upgrade headers; a page of another site is still refused."""
    ok = handshake(cluster.url)
    assert ok.startswith("HTTP/1.1 101"), ok
    served = cluster.replica(head_header(ok, "X-Upstream"))
    assert route_cookie({"set-cookie": head_header(ok, "Set-Cookie") or ""}) == served.route
    assert not handshake(cluster.url, origin="http://elsewhere.example").startswith("HTTP/1.1 101")


def test_the_snapshot_is_served_by_nginx(cluster, snapshots):
    status, headers, body = request(cluster.url, "/snapshot/", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and b"2026-01-05/vi/overview.html" in body
    # The index names the latest snapshot and changes with the next one: the browser revalidates it.
    assert headers["cache-control"] == "no-cache" and "x-upstream" not in headers
    assert request(cluster.url, "/snapshot/index.html")[1]["cache-control"] == "no-cache"

    status, headers, body = request(cluster.url, "/snapshot/2026-01-05/vi/overview.html", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body).decode() == OVERVIEW and len(body) < len(OVERVIEW.encode()) / 5
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "utf-8" in headers["content-type"]
    plain = request(cluster.url, "/snapshot/2026-01-05/vi/overview.html")
    assert "content-encoding" not in plain[1] and plain[2].decode() == OVERVIEW

    status, headers, _ = request(cluster.url, "/snapshot/2026-01-05/figures.csv", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["content-type"].startswith("text/csv")
    assert request(cluster.url, "/snapshot")[0] == 301
    assert request(cluster.url, "/snapshot/2026-01-05/missing.html")[0] == 404
    # A path climbing out of the folder never reaches the disk.
    assert request(cluster.url, "/snapshot/2026-01-05/%2e%2e/%2e%2e/%2e%2e/etc/passwd")[0] in (400, 404)


def test_the_frontend_bundle_is_cached_and_compressed(cluster):
    status, headers, page = request(cluster.url, "/personnel?lang=en")
    assert status == 200 and headers["cache-control"] == "no-cache"  # the page itself: always asked again
    bundle = re.search(rb'src="\.?(/static/js/index\.[\w-]+\.js)"', page)
    assert bundle, page[:500]
    path = bundle.group(1).decode()
    status, headers, body = request(cluster.url, path, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and len(gzip.decompress(body)) > 3 * len(body)
    assert headers["cache-control"] == "public, max-age=31536000, immutable"


def test_a_reader_sticks_to_one_replica(cluster):
    _, headers, _ = request(cluster.url, "/_stcore/health")
    first = cluster.replica(headers["x-upstream"])
    assert route_cookie(headers) == first.route
    for _ in range(10):
        _, headers, _ = request(cluster.url, "/_stcore/health", headers={"Cookie": f"{serve.ROUTE_COOKIE}={first.route}"})
        assert headers["x-upstream"] == first.addr
        assert route_cookie(headers) is None  # the cookie is right: nothing to set
    # Each replica's cookie leads to that replica: two readers, two replicas.
    landed = {request(cluster.url, "/", headers={"Cookie": f"{serve.ROUTE_COOKIE}={r.route}"})[1]["x-upstream"] for r in cluster.replicas}
    assert landed == {r.addr for r in cluster.replicas}
    # Readers without a cookie are spread over the replicas (not all on one, as ip_hash would do for one address).
    newcomers = {request(cluster.url, "/_stcore/health")[1]["x-upstream"] for _ in range(10)}
    assert newcomers == {r.addr for r in cluster.replicas}
    # An unknown or stale cookie is treated as none.
    _, headers, _ = request(cluster.url, "/_stcore/health", headers={"Cookie": f"{serve.ROUTE_COOKIE}=stale"})
    assert route_cookie(headers) == cluster.replica(headers["x-upstream"]).route


def test_request_bodies_are_limited(cluster):
    # Nothing but the upload takes a body: a megabyte is plenty elsewhere.
    assert request(cluster.url, "/", method="POST", body=b"x" * (2 * 2**20))[0] == 413
    # An upload over the app's limit is refused before it reaches a replica: nginx answers on the Content-Length.
    conn = http.client.HTTPConnection(urlsplit(cluster.url).hostname, urlsplit(cluster.url).port, timeout=30)
    conn.putrequest("PUT", "/_stcore/upload_file/session/file")
    conn.putheader("Content-Length", str((serve.UPLOAD_MB + 2) * 2**20))
    conn.putheader("Content-Type", "multipart/form-data; boundary=x")
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 413 and "x-upstream" not in {k.lower() for k, _ in response.getheaders()}
    conn.close()
    # A file at the limit, in its multipart framing, gets through to Streamlit (which answers for its own reasons).
    boundary = "----limit"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.docx\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + b"\0" * (serve.UPLOAD_MB * 2**20) + f"\r\n--{boundary}--\r\n".encode()
    status, headers, _ = request(cluster.url, "/_stcore/upload_file/session/file", method="PUT", body=body,
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert status != 413 and "x-upstream" in headers


def test_a_dead_replicas_readers_move_and_stay(nginx_present, snapshots):
    """Kill a replica: its reader's next request is served by the survivor and their cookie follows; serve.py marks
    the dead one down, starts it again and marks it up, and the reader stays where their new session is."""
    said: list[str] = []
    with serve.serve(2, data=FIXTURE, snapshots=snapshots, watch=0.3, restart=True, say=said.append) as cluster:
        victim, survivor = cluster.replicas
        cookie = {"Cookie": f"{serve.ROUTE_COOKIE}={victim.route}"}
        assert request(cluster.url, "/_stcore/health", headers=cookie)[1]["x-upstream"] == victim.addr
        os.killpg(victim.proc.pid, signal.SIGKILL)
        victim.proc.wait()
        status, headers, body = request(cluster.url, "/_stcore/health", headers=cookie)
        assert (status, body) == (200, b"ok") and cluster.replica(headers["x-upstream"]) is survivor
        assert route_cookie(headers) is None  # a request that failed over moves nobody: the websocket decides
        head = handshake(cluster.url, cookie=cookie["Cookie"])
        assert head.startswith("HTTP/1.1 101") and cluster.replica(head_header(head, "X-Upstream")) is survivor, head
        assert route_cookie({"set-cookie": head_header(head, "Set-Cookie") or ""}) == survivor.route
        deadline = time.monotonic() + 30
        while not any("marked up" in m for m in said):
            assert time.monotonic() < deadline, (said, cluster.logs())
            time.sleep(0.2)
        assert victim.proc.poll() is None and victim.healthy()
        assert any(f"{victim.addr} failed its health check" in m for m in said), said
        moved = {"Cookie": f"{serve.ROUTE_COOKIE}={survivor.route}"}
        assert {request(cluster.url, "/_stcore/health", headers=moved)[1]["x-upstream"] for _ in range(5)} == {survivor.addr}
        groups = [cluster.nginx.pid, *(r.proc.pid for r in cluster.replicas)]
    for pgid in groups:  # nothing left of any process group serve() started
        with pytest.raises(ProcessLookupError):
            os.killpg(pgid, 0)


def test_the_command_stops_everything_on_sigterm(nginx_present):
    port = serve.free_port()
    proc = subprocess.Popen([sys.executable, "deploy/serve.py", "--replicas", "1", "--port", str(port), "--bind", "127.0.0.1",
                             "--data", str(FIXTURE), "--workers", "1"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if "dashboard at" in line:
                break
        out = "".join(lines)
        assert f"http://127.0.0.1:{port}/" in out, out
        replica_port = int(re.search(r"healthy: 127\.0\.0\.1:(\d+)", out).group(1))
        run = Path(re.search(r"logs in (\S+);", out).group(1))
        nginx_pid = int((run / "nginx.pid").read_text())
        assert request(f"http://127.0.0.1:{port}", "/_stcore/health")[2] == b"ok"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()
    with pytest.raises(ProcessLookupError):
        os.kill(nginx_pid, 0)
    for p in (port, replica_port):
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", p), timeout=2).close()
    assert not run.exists()


def test_a_written_snapshot_is_served_where_the_replicas_link_to_it(cluster, snapshots):
    from metrics.charts.image import stop
    from metrics.dataset import load_dataset
    from metrics.snapshot import links, write

    try:
        snap = write(load_dataset(FIXTURE), snapshots, "2026-02-27")
    finally:
        stop()
    # The replicas know the folder and its address (the sidebar's link and the QR code's choice come from them).
    environ = (Path("/proc") / str(cluster.replicas[0].proc.pid) / "environ").read_bytes().split(b"\0")
    assert f"DASHBOARD_SNAPSHOTS={snapshots.resolve()}".encode() in environ and b"DASHBOARD_SNAPSHOT_URL=/snapshot/" in environ
    href = links.view_url("/snapshot/", snap, "personnel", "vi", metric="severance-cases")
    assert href == "/snapshot/2026-02-27/vi/personnel.html#card-severance-cases"
    status, headers, body = request(cluster.url, href.split("#")[0], headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert 'id="card-severance-cases"' in gzip.decompress(body).decode("utf-8")
    status, _, body = request(cluster.url, "/snapshot/index.html")
    assert status == 200 and b'href="2026-02-27/vi/overview.html"' in body
