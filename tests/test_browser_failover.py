"""Failover in Chromium: two replicas behind nginx (deploy/serve.py), a reader on a view, the replica serving it
killed. Streamlit's frontend reconnects its websocket through nginx, which sends it to the survivor, and the reader
keeps the same page, language, filters and selected figure, with no error box and no request off the machine.
The picture after failover: artifacts/screenshots/failover-after.png."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from browser_support import FIXTURE, SHOTS, OfflineGuard, heading, menu_labels, params, url, wait_for_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy"))
import serve

pytestmark = [pytest.mark.browser]

VIEW = {"lang": "en", "period": "2025", "agency": "all", "theme": "all", "metric": "staff-seconded-to-communes"}
SELECTED = "Selected: Officials transferred or seconded to communes"

# Records every change of the app's connection and script state, from now on.
OBSERVE_JS = """() => {
  window.__states = [];
  new MutationObserver(changes => {
    for (const c of changes) window.__states.push(c.target.getAttribute(c.attributeName));
  }).observe(document.querySelector('[data-testid=stApp]'),
             {attributes: true, attributeFilter: ['data-test-connection-state', 'data-test-script-state']});
}"""


def view_of(page) -> dict:
    """What says which view a reader is on: page heading and menu (in the language), address, selected figure."""
    sidebar = page.locator("[data-testid=stSidebar]")
    return {"heading": heading(page), "menu": menu_labels(page)[:2], "params": params(page),
            "path": page.url.split("?")[0].rsplit("/", 1)[-1],
            "selected": sidebar.get_by_text(SELECTED).count(),
            # The selected figure's card comes first, with its badge.
            "first card": page.locator("[data-testid=stMain] [class*=st-key-card-]").first.inner_text()[:80],
            "errors": page.locator("[data-testid=stException]").count()}


def test_a_reader_whose_replica_dies_keeps_the_view(browser):
    try:
        serve.nginx_binary()
    except RuntimeError as e:
        pytest.fail(str(e))
    with serve.serve(2, data=FIXTURE) as cluster:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        ctx.set_default_timeout(30_000)
        guard = OfflineGuard().install(ctx)
        try:
            page = ctx.new_page()
            # The websocket's handshake response carries X-Upstream: which replica each connection reached.
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            sockets: list[str] = []
            cdp.on("Network.webSocketHandshakeResponseReceived",
                   lambda e: sockets.append({k.lower(): v for k, v in e["response"]["headers"].items()}.get("x-upstream", "")))
            document = page.goto(url(cluster.url, "personnel", **VIEW), wait_until="domcontentloaded")
            wait_for_app(page)
            before = view_of(page)
            assert before["heading"] == "Personnel" and before["menu"] == ["Overview", "Apparatus"], before
            assert before["params"] == VIEW and before["path"] == "personnel" and before["selected"] == 1, before
            assert "Officials transferred or seconded to communes" in before["first card"], before
            assert before["errors"] == 0
            serving = cluster.replica(document.headers["x-upstream"])
            survivor = next(r for r in cluster.replicas if r is not serving)
            assert [cluster.replica(s) for s in sockets] == [serving], sockets

            page.evaluate(OBSERVE_JS)
            os.killpg(serving.proc.pid, signal.SIGKILL)  # a crash, not a polite stop: no close frame, no goodbye
            serving.proc.wait()
            page.wait_for_function("() => window.__states.some(s => s !== 'CONNECTED' && s !== 'notRunning')", timeout=15_000)
            page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=30_000)
            # The frontend reconnected, without a reload, through nginx to the survivor, and the route cookie
            # (set on the websocket's handshake) now names the survivor: the reader stays with the new session.
            assert [cluster.replica(s) for s in sockets] == [serving, survivor], sockets
            assert {c["name"]: c["value"] for c in ctx.cookies()}[serve.ROUTE_COOKIE] == survivor.route
            assert view_of(page) == before

            # The surviving replica runs the page by itself (app.py's timed fragment makes the frontend rerun after
            # a reconnect), drawing the same view from the address alone: nothing for the reader to do.
            page.wait_for_function("() => window.__states.includes('running')", timeout=15_000)
            wait_for_app(page)
            after = view_of(page)
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "failover-after.png"))
            assert after == before, (after, cluster.logs())
            assert page.locator("[data-testid=stException]").count() == 0
            assert [cluster.replica(s) for s in sockets] == [serving, survivor], sockets
            assert guard.blocked == [], f"requests off this machine: {sorted(set(guard.blocked))}"
        finally:
            ctx.close()
