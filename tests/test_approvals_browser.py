"""The approvals page in a real browser: Playwright driving headless Chromium against
`promptguard approvals` running as its own process.

Playwright's own browser download is not used: the tests launch the system's Chromium
(`/usr/bin/chromium`, or `$PROMPTGUARD_CHROMIUM`) and are skipped, saying why, where
Playwright or a Chromium is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from live_server import free_port

import promptguard
from promptguard.approvals.passwords import add_approver
from promptguard.config import load_config

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install 'promptguard[browser]')"
)

PASSWORD = "correct horse battery"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NEEDS_APPROVAL = "a portrait of Meryl Streep as an aviator"
TO_DENY = "clone the voice of Tom Hanks for the temp track"


def _chromium() -> str | None:
    wanted = os.environ.get("PROMPTGUARD_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no Chromium on this machine (apt-get install chromium, or set PROMPTGUARD_CHROMIUM)",
)


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """A production with one approver, two checks waiting for approval, and the approvals
    page serving it (as `promptguard approvals` does) on a free loopback port."""
    root = tmp_path_factory.mktemp("browser") / "harvest"
    root.mkdir()
    key_file = root.parent / "clearance.key"
    config_path = root / "promptguard.toml"
    config_path.write_text(
        'production = "Harvest Moon"\n[tools.studio-llm]\nenterprise = true\n', encoding="utf-8"
    )
    add_approver(config_path, "dana", PASSWORD, "Dana Kim (Legal)")
    saved = {k: os.environ.get(k) for k in ("PROMPTGUARD_KEY_FILE", "PROMPTGUARD_CLEARANCE_KEY")}
    os.environ["PROMPTGUARD_KEY_FILE"] = str(key_file)
    os.environ.pop("PROMPTGUARD_CLEARANCE_KEY", None)
    config = load_config(config_path)
    first = promptguard.check(NEEDS_APPROVAL, tool="midjourney", purpose="moodboard", config=config)
    second = promptguard.check(TO_DENY, tool="midjourney", purpose="temp", config=config)
    assert first.decision == second.decision == "clearance"

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "promptguard", "--config", str(config_path), "approvals",
         "--port", str(port)],
        env={**os.environ},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, server)
        yield {
            "base": base,
            "config": config,
            "approve": first.request_id,
            "deny": second.request_id,
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _wait_for(base: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read().decode() if server.stdout else ""
            raise RuntimeError(f"promptguard approvals exited: {output}")
        try:
            httpx.get(base + "/login", timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("promptguard approvals did not start")


@pytest.fixture(scope="module")
def browser(production: dict) -> Iterator:
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except sync_api.Error as error:  # pragma: no cover - depends on the machine
            pytest.skip(f"Chromium at {CHROMIUM} does not start under Playwright: {error}")
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator:  # noqa: ANN001
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in(page, base: str, password: str = PASSWORD) -> None:  # noqa: ANN001
    page.goto(base + "/")
    assert page.url.endswith("/login")
    page.fill("#login", "dana")
    page.fill("#password", password)
    page.click("button[type=submit]")


def test_wrong_password_is_refused(page, production: dict) -> None:  # noqa: ANN001
    sign_in(page, production["base"], "not the password")
    assert page.url.endswith("/login")
    assert "Wrong login or password" in page.inner_text("[role=alert]")
    page.goto(production["base"] + "/")
    assert page.url.endswith("/login")  # still signed out


def test_sign_in_approve_then_the_prompt_is_allowed(page, production: dict) -> None:  # noqa: ANN001
    base, rid = production["base"], production["approve"]
    sign_in(page, base)
    row = page.locator(f"#pending tr[data-request='{rid}']")
    assert row.count() == 1
    assert "public_figure" in row.inner_text() and "midjourney" in row.inner_text()
    assert NEEDS_APPROVAL not in page.content()  # never the prompt text

    row.locator("a").click()
    assert page.inner_text("#status") == "pending"
    page.fill("#reference", "LEGAL-2291")
    page.fill("#approve-reason", "Agent approved the poster by email")
    page.click("#approve-form button[type=submit]")

    assert page.url.rstrip("/") == base
    assert f"Approved {rid}" in page.inner_text("[role=status]")
    assert page.locator(f"#pending tr[data-request='{rid}']").count() == 0
    assert page.inner_text(f"#decided tr[data-request='{rid}'] .status") == "granted"

    decision = promptguard.check(
        NEEDS_APPROVAL, tool="midjourney", purpose="moodboard", config=production["config"]
    )
    assert decision.decision == "allow", decision.next_step
    assert decision.clearances_used
    clearances = (production["config"].state_dir / "clearances.toml").read_text()
    assert 'approved_by = "Dana Kim (Legal) (dana)"' in clearances


def test_deny_another(page, production: dict) -> None:  # noqa: ANN001
    base, rid = production["base"], production["deny"]
    sign_in(page, base)
    page.goto(f"{base}/requests/{rid}")
    page.fill("#deny-reason", "No consent from the talent's agent")
    page.click("#deny-form button[type=submit]")
    assert f"Denied {rid}" in page.inner_text("[role=status]")
    assert page.locator(f"#pending tr[data-request='{rid}']").count() == 0
    assert page.inner_text(f"#decided tr[data-request='{rid}'] .status") == "denied"
    decision = promptguard.check(
        TO_DENY, tool="midjourney", purpose="temp", config=production["config"]
    )
    assert decision.decision == "clearance"


def test_forged_post_without_csrf_token_is_refused(page, production: dict) -> None:  # noqa: ANN001
    base = production["base"]
    sign_in(page, base)
    # The browser's own cookies go with it, but not the form's token.
    forged = page.context.request.post(
        f"{base}/requests/rq-000000000000/approve",
        form={"expires": "2099-12-31", "reference": "forged", "reason": "forged"},
    )
    assert forged.status == 403
    assert "CSRF" in forged.text()
    # A real form with its token removed, submitted from the page itself:
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.evaluate(
            """() => { const f = document.querySelector('form[action$="/logout"]');
                       f.querySelector('input[name=csrf]').remove(); f.submit(); }"""
        )
    assert "CSRF" in page.content()
    page.goto(f"{base}/")
    assert not page.url.endswith("/login")  # the forged sign-out did nothing


def test_html_report_opens_offline_with_its_charts(page, production: dict, tmp_path) -> None:  # noqa: ANN001
    pytest.importorskip("matplotlib", reason="the HTML report needs the 'report' extra")
    from promptguard.reports.audit_html import production_data, render_html

    report = tmp_path / "report.html"
    data = production_data(production["config"])
    report.write_text(render_html([data], "audit report"), encoding="utf-8")
    requested: list[str] = []
    page.route(
        "**/*",
        lambda route: (
            requested.append(route.request.url),
            route.continue_() if route.request.url.startswith("file:") else route.abort(),
        ),
    )
    page.goto(report.as_uri())
    charts = page.locator("figure.chart svg")
    assert charts.count() == 4
    for index in range(4):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100
    assert "Harvest Moon" in page.inner_text("body")
    assert [url for url in requested if not url.startswith("file:")] == []
