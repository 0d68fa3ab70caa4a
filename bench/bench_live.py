"""The live app under load: concurrent sessions speaking Streamlit's own websocket protocol, as a browser tab does,
against one replica directly, through nginx with 1 replica, and through nginx with 2 replicas (deploy/serve.py).

Each session does what Streamlit's frontend does (read from the installed package's bundle and server): GET the page
(nginx gives it the route cookie `st_route`), GET /_stcore/host-config and /_stcore/health (the replica sets the
`_streamlit_xsrf` cookie), then opens ws://host/_stcore/stream with the cookies, an Origin matching the host and the
subprotocols ["streamlit", <XSRF token>]; sends BackMsg.rerun_script (a ClientState with the query string, page and
context) and reads ForwardMsgs until script_finished; a page switch is another rerun_script with the page_script_hash
the `navigation` message listed. A session runs the overview then switches to 4 other pages (--pages 5), then holds
its websocket until the whole wave is done and checks it is still served (BackMsg.app_heartbeat -> heartbeat_ack).

Counted as errors: an exception element in a delta, a run not FINISHED_SUCCESSFULLY, a run whose main area lacks the
page's heading (the client really got the page), a run over --run-timeout, a session that fails or is closed early.
Page-run time: from sending rerun_script to receiving script_finished. CPU seconds of the replicas' and nginx's
process trees come from /proc/<pid>/stat; the client's own from getrusage; the machine's busy cores from /proc/stat.
Waves grow (--waves) until errors appear, p95 exceeds --stop-p95 or the time budget would be exceeded. Loopback only.
Results go to bench/out/live.json and the block <!-- hall:live --> of bench/README.md.

Run: .venv/bin/python bench/bench_live.py [--waves 10,25,50,100] [--pages 5] [--no-readme] [--report-only]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from readme import write_block  # bench/, the script's own folder

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

import websockets  # noqa: E402
from browser_support import HEADINGS  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from deploy.serve import UPSTREAM_HEADER, serve  # noqa: E402

OTHER_PAGES = ("apparatus", "personnel", "direction", "economy", "recognition", "plan", "tasks", "sources", "data")
QUERY = {"vi": "lang=vi&period=2025", "en": "lang=en&period=2025"}
SCENARIOS = {"direct": 1, "nginx-1": 1, "nginx-2": 2}  # name -> replicas; "direct" talks to the replica, not nginx
OUT = HERE / "out" / "live.json"


# --- the client ----------------------------------------------------------------------------------------------------

async def http_get(host: str, port: int, path: str, cookies: dict[str, str]) -> tuple[int, dict[str, list[str]]]:
    """A browser's plain GET (HTTP/1.1, the cookies it holds); only the status and headers are kept."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        jar = "; ".join(f"{k}={v}" for k, v in cookies.items())
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {jar}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        data = await reader.read()  # to EOF (Connection: close)
    finally:
        writer.close()
    lines = data.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    headers: dict[str, list[str]] = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers.setdefault(k.strip().lower(), []).append(v.strip())
    for c in headers.get("set-cookie", []):
        name, _, value = c.split(";")[0].partition("=")
        if value:
            cookies[name.strip()] = value.strip()
    return int(lines[0].split()[1]), headers


def rerun_msg(base: str, lang: str, query: str, page_hash: str = "", page_name: str = "") -> bytes:
    """What the frontend's sendRerunBackMsg sends: the first run names the page by its URL path (page_name, "" for
    the default page); a switch names it by the page_script_hash of the navigation message."""
    m = BackMsg()
    cs = m.rerun_script
    cs.query_string, cs.page_script_hash, cs.page_name = query, page_hash, page_name
    ci = cs.context_info
    ci.timezone, ci.timezone_offset, ci.locale, ci.color_scheme = "Asia/Ho_Chi_Minh", -420, {"vi": "vi-VN"}.get(lang, "en-US"), "light"
    ci.url = f"{base}/{page_name}?{query}"
    return m.SerializeToString()


async def page_run(ws, msg: bytes, state: dict, heading: str, timeout: float) -> tuple[float, list[str]]:
    """Send one rerun_script and read until script_finished; the time and the problems seen."""
    problems: list[str] = []
    headings: list[str] = []
    t0 = time.perf_counter()
    await ws.send(msg)
    async with asyncio.timeout(timeout):
        while True:
            f = ForwardMsg()
            f.ParseFromString(await ws.recv())
            kind = f.WhichOneof("type")
            if kind == "delta" and f.delta.WhichOneof("type") == "new_element":
                el = f.delta.new_element
                if el.WhichOneof("type") == "exception":
                    problems.append(f"exception: {el.exception.type}: {el.exception.message[:120]}")
                elif el.WhichOneof("type") == "heading" and f.metadata.delta_path[:1] == [0]:  # container 0: main
                    headings.append(el.heading.body)
            elif kind == "navigation":
                state["pages"] = {p.url_pathname or "overview": p.page_script_hash for p in f.navigation.app_pages}
            elif kind == "page_info_changed":
                state["query"] = f.page_info_changed.query_string  # the address the app wrote back
            elif kind == "script_finished":
                if f.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    problems.append(f"script_finished status {f.script_finished}")
                break
    elapsed = time.perf_counter() - t0
    if heading not in headings:
        problems.append(f"page heading {heading!r} not among {headings[:3]}")
    return elapsed, problems


async def session(base: str, pages: list[str], lang: str, timeout: float, out: dict, ran=lambda: None, all_ran: asyncio.Event | None = None) -> None:
    """One browser tab: load the page, connect, run the pages, hold until the wave is done, check it is still served."""
    host, port = base.split("//")[1].split(":")
    cookies: dict[str, str] = {}
    ws = None
    try:
        query = QUERY[lang]
        _, head = await http_get(host, int(port), f"/?{query}", cookies)
        out["page_upstream"] = (head.get(UPSTREAM_HEADER.lower()) or [None])[0]
        for path in ("/_stcore/host-config", "/_stcore/health"):
            await http_get(host, int(port), path, cookies)
        ws = await websockets.connect(
            f"ws://{host}:{port}/_stcore/stream", origin=base, max_size=None, open_timeout=timeout,
            subprotocols=["streamlit", cookies.get("_streamlit_xsrf", "PLACEHOLDER_AUTH_TOKEN")],
            additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
            ping_interval=None)  # a browser sends no pings of its own; it answers the server's
        out["upstream"] = ws.response.headers.get(UPSTREAM_HEADER)
        state = {"query": query}
        for i, path in enumerate(pages):
            msg = rerun_msg(base, lang, state["query"], page_name="") if i == 0 else rerun_msg(base, lang, state["query"], state["pages"][path])
            elapsed, problems = await page_run(ws, msg, state, HEADINGS[lang][path], timeout)
            out["runs"].append(elapsed)
            out["errors"] += [f"{path}: {p}" for p in problems]
    except Exception as e:  # counted; the wave goes on
        out["errors"].append(f"session failed: {type(e).__name__}: {str(e)[:160]}")
    finally:
        ran()  # this session's runs are over (or failed): the wave ends when every session's are
    try:
        if all_ran is not None:
            await all_ran.wait()
        if ws is not None:
            await ws.send(BackMsg(app_heartbeat=True).SerializeToString())  # the frontend's own liveness check
            async with asyncio.timeout(timeout):
                while True:
                    f = ForwardMsg()
                    f.ParseFromString(await ws.recv())
                    if f.WhichOneof("type") == "heartbeat_ack":
                        out["held"] = True
                        break
    except Exception as e:
        out["errors"].append(f"not held to the end: {type(e).__name__}: {str(e)[:160]}")
    finally:
        if ws is not None:
            await ws.close()


async def wave(base: str, n: int, n_pages: int, timeout: float) -> list[dict]:
    """n sessions arriving at once; each holds its websocket until every one has run its pages."""
    outs = [{"runs": [], "errors": [], "held": False} for _ in range(n)]
    all_ran, left = asyncio.Event(), [n]

    def ran() -> None:
        left[0] -= 1
        if left[0] == 0:
            all_ran.set()

    # a mix of pages across sessions: session i visits the overview, then OTHER_PAGES from its i-th on
    await asyncio.gather(*(session(base, ["overview", *(OTHER_PAGES[(i + k) % len(OTHER_PAGES)] for k in range(n_pages - 1))],
                                   ("vi", "en")[i % 2], timeout, outs[i], ran, all_ran) for i in range(n)))
    return outs


# --- what the machine spent --------------------------------------------------------------------------------------

def tree(roots: list[int]) -> list[int]:
    """These processes and their descendants (kaleido's Chromium, nginx's workers)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                children.setdefault(int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]), []).append(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], list(roots)
    while todo:
        out.append(pid := todo.pop())
        todo += children.get(pid, [])
    return out


def cpu(roots: list[int]) -> dict[int, float]:
    """User plus system CPU seconds so far, per process of the trees."""
    out = {}
    for pid in tree(roots):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return out


def machine() -> tuple[int, int]:
    """Busy and total jiffies of all cores since boot (idle and iowait are not busy)."""
    f = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(f) - f[3] - f[4], sum(f)


def spent(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(v - before.get(pid, 0.0) for pid, v in after.items())


def client_cpu() -> float:
    return sum(resource.getrusage(resource.RUSAGE_SELF)[:2])  # user + system


# --- the scenarios -------------------------------------------------------------------------------------------------

def measure(name: str, base: str, n: int, a, reps: list[int], nginx: list[int]) -> dict:
    """One wave, and what every process spent on it."""
    reps0, nginx0, (busy0, total0), client0, t0 = cpu(reps), cpu(nginx), machine(), client_cpu(), time.perf_counter()
    outs = asyncio.run(wave(base, n, a.pages, a.run_timeout))
    wall, (busy1, total1) = time.perf_counter() - t0, machine()
    runs, errors = [t for o in outs for t in o["runs"]], [e for o in outs for e in o["errors"]]
    return {"scenario": name, "sessions": n, "held": sum(o["held"] for o in outs), "runs": len(runs), "errors": len(errors),
            "error_samples": errors[:5], "p50": statistics.median(runs or [0.0]), "wall": wall,
            "p95": statistics.quantiles(runs, n=20)[18] if len(runs) > 1 else sum(runs),
            "replicas_cpu": spent(reps0, cpu(reps)), "nginx_cpu": spent(nginx0, cpu(nginx)), "client_cpu": client_cpu() - client0,
            "busy_cores": (busy1 - busy0) / max(total1 - total0, 1) * (os.cpu_count() or 1),
            "split": dict(sorted(Counter(o.get("upstream") or "?" for o in outs).items())),  # X-Upstream of the websocket
            "sticky": sum(1 for o in outs if o.get("upstream") and o.get("upstream") == o.get("page_upstream"))}


def scenario(name: str, waves: list[int], a, deadline: float) -> list[dict]:
    rows: list[dict] = []
    with serve(SCENARIOS[name], data=a.data, say=lambda m: print("  ", m, flush=True)) as cluster:
        base = f"http://{cluster.replicas[0].addr}" if name == "direct" else cluster.url
        for r in cluster.replicas:  # warm each replica (imports, caches, both languages): waves measure serving
            for lang in ("vi", "en"):
                asyncio.run(session(f"http://{r.addr}", ["overview", *OTHER_PAGES], lang, a.run_timeout,
                                    warm := {"runs": [], "errors": [], "held": False}))
                if warm["errors"]:
                    raise RuntimeError(f"warm-up failed on {r.addr}: {warm['errors'][:3]}")
        reps, nginx = [r.proc.pid for r in cluster.replicas], [] if name == "direct" else [cluster.nginx.pid]
        for n in waves:
            if rows and time.monotonic() + rows[-1]["wall"] * n / rows[-1]["sessions"] * 1.3 > deadline:
                print(f"  {name}: wave of {n} skipped, it would pass the time budget", flush=True)
                rows.append({"scenario": name, "sessions": n, "skipped": "time budget"})
                break
            rows.append(row := measure(name, base, n, a, reps, nginx))
            print(f"  {name} {n:>4} sessions: held {row['held']}, {row['runs']} runs, {row['errors']} errors, p50 {row['p50']:.2f} s, "
                  f"p95 {row['p95']:.2f} s, wall {row['wall']:.1f} s, replicas {row['replicas_cpu']:.1f} s, nginx {row['nginx_cpu']:.1f} s, "
                  f"client {row['client_cpu']:.1f} s CPU, machine {row['busy_cores']:.2f} cores busy, split {row['split']}", flush=True)
            for e in row["error_samples"][:3]:
                print("     ", e, flush=True)
            if row["errors"] or row["p95"] > a.stop_p95:
                print(f"  {name}: stopping here ({'errors' if row['errors'] else 'p95 over the bound'})", flush=True)
                break
    return rows


# --- the report ----------------------------------------------------------------------------------------------------

def report(res: dict) -> str:
    rows = [r for r in res["rows"] if "skipped" not in r]
    head = (f"Machine: {res['cpu']}, {res['cores']} cores, Python {res['python']}, Streamlit {res['streamlit']}, nginx 1 worker. "
            f"Data: `{res['data']}`. Each session: page GET, host-config, health, websocket, the overview then {res['pages'] - 1} "
            f"other pages (a mix of {len(OTHER_PAGES)}, vi and en alternating), held to the end of the wave; all sessions of a wave "
            f"arrive at once, after a warm-up run of every page on every replica. Client, replicas and nginx share the machine's "
            f"cores; the client is one Python process (asyncio, protobuf). {res['took']}.")
    lines = [head, "",
             "| scenario | sessions | held | page runs | errors | p50 s | p95 s | wall s | runs/s | replicas CPU s | nginx CPU s | "
             "client CPU s | machine busy, cores | server CPU ms a run | sessions per replica |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    for r in rows:
        split = " / ".join(str(v) for v in r["split"].values()) if r["scenario"] == "nginx-2" else str(r["sessions"])
        nginx = "–" if r["scenario"] == "direct" else f"{r['nginx_cpu']:.1f}"  # no nginx on that path
        lines.append(f"| {r['scenario']} | {r['sessions']} | {r['held']} | {r['runs']} | {r['errors']} | {r['p50']:.2f} | {r['p95']:.2f} | "
                     f"{r['wall']:.1f} | {r['runs'] / r['wall']:.1f} | {r['replicas_cpu']:.1f} | {nginx} | "
                     f"{r['client_cpu']:.1f} | "
                     f"{r['busy_cores']:.2f} | {1000 * (r['replicas_cpu'] + r['nginx_cpu']) / max(r['runs'], 1):.0f} | {split} |")
    for r in res["rows"]:
        if "skipped" in r:
            lines.append(f"\n{r['scenario']}, {r['sessions']} sessions: not run ({r['skipped']}).")
    lines += ["", *interpret(rows, res["stop_p95"])]
    return "\n".join(lines)


def interpret(rows: list[dict], stop_p95: float) -> list[str]:
    """The reading of the table, computed from it so that a new run rewrites it consistently."""
    by = {(r["scenario"], r["sessions"]): r for r in rows}
    common = [n for n in sorted({r["sessions"] for r in rows}) if all((s, n) in by for s in SCENARIOS)]
    if not common:
        return ["Not every scenario ran a common wave: no comparison."]
    big, one, two = common[-1], [r for r in rows if r["scenario"] != "nginx-2"], [r for r in rows if r["scenario"] == "nginx-2"]
    d, n1, n2 = by[("direct", big)], by[("nginx-1", big)], by[("nginx-2", big)]
    f1, l1 = by[("nginx-1", common[0])], n1

    def rate(r: dict) -> float:
        return r["runs"] / r["wall"]

    def ms(r: dict) -> float:
        return 1000 * (r["replicas_cpu"] + r["nginx_cpu"]) / r["runs"]

    def within(rs: list[dict]) -> int:
        return max((r["sessions"] for r in rs if r["p95"] <= stop_p95), default=0)

    nginx_ms = statistics.median(1000 * r["nginx_cpu"] / r["runs"] for r in rows if r["scenario"] != "direct")
    sticky, total = sum(r["sticky"] for r in two), sum(r["sessions"] for r in two)
    return [
        f"- **Where it saturates**: on CPU, from the first wave. One replica is one Python process whose page runs share one interpreter "
        f"lock: it used {min(r['replicas_cpu'] / r['wall'] for r in one):.2f}–{max(r['replicas_cpu'] / r['wall'] for r in one):.2f} cores "
        f"whatever the crowd, and nginx + 2 replicas kept {min(r['busy_cores'] for r in two):.2f}–{max(r['busy_cores'] for r in two):.2f} "
        f"of the 2 cores busy. More sessions then only wait longer: through nginx + 1 replica, from {f1['sessions']} to {big} sessions, p50 "
        f"went from {f1['p50']:.2f} to {l1['p50']:.2f} s and runs/s from {rate(f1):.1f} to {rate(l1):.1f}, as the server's CPU a page run rose "
        f"from {ms(f1):.0f} to {ms(l1):.0f} ms (more sessions in one process). p95 stayed within {stop_p95:.0f} s up to {within(one)} sessions "
        f"with 1 replica and {within(two)} with 2; {sum(r['errors'] for r in rows)} errors in {sum(r['runs'] for r in rows)} page runs, "
        f"{sum(r['held'] for r in rows)} of {sum(r['sessions'] for r in rows)} sessions held to the end.",
        f"- **nginx** costs {nginx_ms:.1f} ms of CPU a page run ({100 * nginx_ms / ms(n1):.1f}% of the server's): at {big} sessions "
        f"{rate(n1):.1f} runs/s through it against {rate(d):.1f} direct, p50 {n1['p50']:.2f} against {d['p50']:.2f} s.",
        f"- **1 vs 2 replicas** on the same 2 cores: at {big} sessions {rate(n2):.1f} against {rate(n1):.1f} runs/s ({rate(n2) / rate(n1):.1f}x), "
        f"p95 {n2['p95']:.2f} against {n1['p95']:.2f} s: the second replica uses the second core, and each process holds half the sessions "
        f"({ms(n2):.0f} against {ms(n1):.0f} ms of CPU a run). Sessions per replica {' / '.join(map(str, n2['split'].values()))}; "
        f"the websocket reached the replica that served the page for {sticky} of {total} sessions. The client took "
        f"{max(r['client_cpu'] / r['wall'] for r in rows):.2f} cores at most.",
        f"- **A second machine (estimate, not measured)**: 2 more replicas on a second 2-core machine behind the same nginx double the "
        f"cores the page runs compete for. Basis: {ms(n2):.0f} ms of server CPU a page run (nginx + 2, {big} sessions): about "
        f"{4000 / ms(n2):.0f} page runs/s on 4 cores against {2000 / ms(n2):.0f} on 2 (measured here: {rate(n2):.1f}, client included), so "
        f"the {big}-session wave in about {n2['wall'] / 2:.0f} s instead of {n2['wall']:.0f} s and its waits about halved (a little better if "
        f"runs get cheaper with fewer sessions a replica, as above); a second machine's own nginx or network is not counted. nginx, at "
        f"{nginx_ms:.1f} ms a run, would not limit before about {1000 / max(nginx_ms, 0.01):.0f} runs/s on one core.",
        "- Caveats: loopback, no network latency or TLS; the client fetches no static bundle and draws nothing (a browser's own work: "
        "see the crowd benchmark); page switches send the address the app wrote back and no widget states; one shared, noisy machine "
        "(the busy column counts every process on it).",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--waves", default="10,25,50,100", help="sessions per wave, growing (default 10,25,50,100)")
    ap.add_argument("--pages", type=int, default=5, help="page runs a session: the overview and pages-1 others (default 5)")
    ap.add_argument("--data", type=Path, default=REPO / "data", help="the data folder (default data/)")
    ap.add_argument("--scenarios", default=",".join(SCENARIOS), help="of direct,nginx-1,nginx-2")
    ap.add_argument("--run-timeout", type=float, default=60.0, help="a page run (or connect) over this many seconds is an error")
    ap.add_argument("--stop-p95", type=float, default=30.0, help="no bigger wave once p95 exceeds this (seconds)")
    ap.add_argument("--budget", type=float, default=840.0, help="seconds for the whole benchmark (default 840)")
    ap.add_argument("--no-readme", action="store_true", help="print only; leave bench/README.md alone")
    ap.add_argument("--report-only", action="store_true", help="rewrite the README block from bench/out/live.json, measure nothing")
    a = ap.parse_args()
    if a.report_only:
        res = json.loads(OUT.read_text(encoding="utf-8"))
    else:
        import streamlit

        waves = sorted(min(int(n), 500) for n in a.waves.split(","))  # bounded: at most 500 sessions a wave
        names = [s for s in a.scenarios.split(",") if s in SCENARIOS]
        a.pages = max(1, min(a.pages, 1 + len(OTHER_PAGES)))
        if subprocess.run(["pgrep", "-f", "bench/bench_hall.py"], capture_output=True).returncode == 0:
            print("warning: bench/bench_hall.py is running on this machine: the figures will include its load", flush=True)
        started = time.monotonic()
        rows: list[dict] = []
        for i, name in enumerate(names):
            print(f"{name}:", flush=True)
            # a share of what is left of the budget, by expected cost: one replica takes about twice as long as two
            weight = [1 / SCENARIOS[n] for n in names[i:]]
            rows += scenario(name, waves, a, time.monotonic() + (started + a.budget - time.monotonic()) * weight[0] / sum(weight))
        res = {"rows": rows, "pages": a.pages, "data": os.path.relpath(a.data.resolve(), REPO), "python": platform.python_version(),
               "cpu": next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "?"),
               "cores": os.cpu_count(), "streamlit": streamlit.__version__, "took": f"{time.monotonic() - started:.0f} s in all",
               "waves": waves, "stop_p95": a.stop_p95}
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    block = report(res)
    print(block)
    if not a.no_readme:
        write_block("hall:live", block)


if __name__ == "__main__":
    main()
