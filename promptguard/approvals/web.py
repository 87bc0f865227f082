"""The approvers' web page: pending clearance requests, a request's detail, approve or deny.

A small Starlette app, served alone by `promptguard approvals` or mounted at `/approvals` by
`promptguard serve --approvals`. What it keeps safe:

- **Sign-in**: approvers and their argon2 password hashes come from `promptguard.toml`
  (re-read at each sign-in, so `promptguard approvers add` needs no restart); repeated wrong
  passwords for one login are refused for a while.
- **Sessions** are signed cookies (Starlette's SessionMiddleware, itsdangerous), `HttpOnly`,
  `SameSite=Strict`, `Secure` behind HTTPS, 8 hours; the signing secret is derived from the
  clearance key, which approving needs anyway.
- **CSRF**: every form carries the session's random token, checked in constant time; a POST
  whose `Origin` names another host is refused too.
- **No prompt text**: the page shows categories, the kind of personal data, masked subjects
  of secret categories (code names, script titles), who asked and the requested scope; the
  prompt itself never reaches promptguard's files, so it cannot be shown.
- Every approval or denial is signed and names the approver who was signed in.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from promptguard.approvals.passwords import verify_password
from promptguard.approvals.queue import DENIED, GRANTED, PENDING, ApprovalQueue
from promptguard.config.load import Config, load_config
from promptguard.errors import ClearanceError, ConfigError
from promptguard.gate.clearances.signing import load_key

SESSION_COOKIE = "promptguard_approvals"
SESSION_SECONDS = 8 * 3600
DEFAULT_VALIDITY_DAYS = 90
MAX_FORM_BYTES = 64 * 1024
#: Wrong passwords per login before it is locked for LOCK_SECONDS.
MAX_FAILURES, LOCK_SECONDS = 5, 300

_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_templates = Environment(
    loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def session_secret(key: bytes) -> str:
    """The cookie-signing secret: derived from the clearance key, never the key itself."""
    return hmac.new(key, b"promptguard approvals session v1", hashlib.sha256).hexdigest()


class ApprovalsPage:
    """The endpoints, with the configuration and the queue they act on."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.queue = ApprovalQueue(config.state_dir)
        self._failures: dict[str, list[float]] = {}

    # helpers

    def _approvers(self) -> dict[str, dict[str, str]]:
        """Re-read from the configuration file, so a new approver can sign in at once."""
        if self.config.path is None:
            return self.config.approvers
        try:
            return load_config(self.config.path).approvers
        except ConfigError:
            return self.config.approvers

    def _render(self, request: Request, name: str, status: int = 200, **context) -> Response:
        base = request.scope.get("root_path", "").rstrip("/")
        session = request.session
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        html = _templates.get_template(name).render(
            base=base,
            csrf=session["csrf"],
            approver=session.get("approver"),
            approver_name=session.get("approver_name"),
            production=self.config.production or self.config.root.name,
            flash=session.pop("flash", None),
            **context,
        )
        return HTMLResponse(html, status_code=status, headers=_HEADERS)

    def _redirect(self, request: Request, path: str) -> Response:
        base = request.scope.get("root_path", "").rstrip("/")
        return RedirectResponse(base + path, status_code=303, headers=_HEADERS)

    async def _form(self, request: Request) -> dict[str, str] | Response:
        """The urlencoded form, after the CSRF token and Origin were checked; a refusal
        response otherwise."""
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            return PlainTextResponse("form too large", status_code=413, headers=_HEADERS)
        origin = request.headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
            return PlainTextResponse(
                "refused: the form was sent from another site", status_code=403, headers=_HEADERS
            )
        try:
            parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            return PlainTextResponse("bad form encoding", status_code=400, headers=_HEADERS)
        form = {name: values[-1] for name, values in parsed.items()}
        expected = request.session.get("csrf", "")
        given = form.get("csrf", "")
        if not expected or not hmac.compare_digest(expected.encode(), given.encode()):
            return PlainTextResponse(
                "refused: missing or wrong CSRF token; reload the page and try again",
                status_code=403,
                headers=_HEADERS,
            )
        return form

    def _signed_in(self, request: Request) -> bool:
        """A session of an approver still in the configuration (one removed from it is
        signed out at their next request)."""
        login = request.session.get("approver")
        if not login:
            return False
        if login not in self._approvers():
            request.session.clear()
            return False
        return True

    def _locked(self, login: str) -> bool:
        now = time.monotonic()
        recent = [t for t in self._failures.get(login, []) if now - t < LOCK_SECONDS]
        self._failures[login] = recent
        return len(recent) >= MAX_FAILURES

    # endpoints

    async def login_page(self, request: Request) -> Response:
        if self._signed_in(request):
            return self._redirect(request, "/")
        return self._render(request, "login.html", no_approvers=not self._approvers())

    async def login(self, request: Request) -> Response:
        form = await self._form(request)
        if isinstance(form, Response):
            return form
        login = form.get("login", "").strip().lower()
        password = form.get("password", "")
        approvers = self._approvers()
        if self._locked(login):
            return self._render(
                request, "login.html", status=429, error="Too many wrong passwords: wait a while."
            )
        if not login or not verify_password(approvers, login, password):
            self._failures.setdefault(login, []).append(time.monotonic())
            return self._render(request, "login.html", status=401, error="Wrong login or password.")
        self._failures.pop(login, None)
        request.session.clear()  # no fixation: a fresh session and CSRF token
        request.session.update(
            approver=login,
            approver_name=approvers[login].get("name") or login,
            csrf=secrets.token_urlsafe(32),
        )
        return self._redirect(request, "/")

    async def logout(self, request: Request) -> Response:
        form = await self._form(request)
        if isinstance(form, Response):
            return form
        request.session.clear()
        return self._redirect(request, "/login")

    async def index(self, request: Request) -> Response:
        if not self._signed_in(request):
            return self._redirect(request, "/login")
        try:
            entries = self.queue.entries()
        except ClearanceError as error:
            return self._render(request, "error.html", status=500, error=str(error))
        pending = [e for e in entries if e.status == PENDING]
        decided = [e for e in entries if e.status in (GRANTED, DENIED)][:20]
        return self._render(
            request,
            "index.html",
            pending=pending,
            decided=decided,
            rejected=self.queue.rejected_verdicts(),
        )

    async def detail(self, request: Request) -> Response:
        if not self._signed_in(request):
            return self._redirect(request, "/login")
        entry = self.queue.get(request.path_params["request_id"])
        if entry is None:
            return self._render(request, "error.html", status=404, error="No such request.")
        expires = (date.today() + timedelta(days=DEFAULT_VALIDITY_DAYS)).isoformat()
        return self._render(
            request, "detail.html", entry=entry, expires=expires, today=date.today().isoformat()
        )

    async def decide(self, request: Request) -> Response:
        if not self._signed_in(request):
            return PlainTextResponse("sign in first", status_code=401, headers=_HEADERS)
        form = await self._form(request)
        if isinstance(form, Response):
            return form
        request_id = request.path_params["request_id"]
        action = request.path_params["action"]
        who = _who(request.session)
        reason = form.get("reason", "").strip()
        try:
            if not reason:
                raise ClearanceError("give a reason: it is recorded with your decision")
            if action == "approve":
                reference = form.get("reference", "").strip() or f"approvals page: {reason}"
                created, _ = self.queue.grant(
                    request_id, who, form.get("expires", ""), reference, reason
                )
                ids = ", ".join(c.id for c in created)
                message = f"Approved {request_id}: clearances {ids} signed."
            else:
                self.queue.deny(request_id, who, reason)
                message = f"Denied {request_id}."
        except ClearanceError as error:
            entry = self.queue.get(request_id)
            if entry is None:
                return self._render(request, "error.html", status=404, error=str(error))
            return self._render(
                request,
                "detail.html",
                status=400,
                entry=entry,
                error=str(error).replace("--", ""),
                expires=form.get("expires", ""),
                today=date.today().isoformat(),
            )
        request.session["flash"] = message
        return self._redirect(request, "/")


def _who(session: dict) -> str:
    """How an approval names its approver: the display name and the login signed in."""
    login, name = session.get("approver", ""), session.get("approver_name", "")
    return f"{name} ({login})" if name and name != login else login


def create_approvals_app(config: Config, https_only: bool = False) -> Starlette:
    """The approvals app. Creates the clearance key if this machine has none (approving
    signs with it)."""
    key, _ = load_key(create=True)
    assert key is not None
    page = ApprovalsPage(config)
    routes = [
        Route("/", page.index, methods=["GET"]),
        Route("/login", page.login_page, methods=["GET"]),
        Route("/login", page.login, methods=["POST"]),
        Route("/logout", page.logout, methods=["POST"]),
        Route("/requests/{request_id:str}", page.detail, methods=["GET"]),
        Route("/requests/{request_id:str}/{action:str}", _only_actions(page), methods=["POST"]),
    ]
    middleware = [
        Middleware(
            SessionMiddleware,
            secret_key=session_secret(key),
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_SECONDS,
            same_site="strict",
            https_only=https_only,
        )
    ]
    return Starlette(routes=routes, middleware=middleware)


def _only_actions(page: ApprovalsPage):  # noqa: ANN202
    async def endpoint(request: Request) -> Response:
        if request.path_params["action"] not in ("approve", "deny"):
            return PlainTextResponse("not found", status_code=404, headers=_HEADERS)
        return await page.decide(request)

    return endpoint
