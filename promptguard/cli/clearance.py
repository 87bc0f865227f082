"""`promptguard clearance grant|deny|list|revoke|request`: the written-approval workflow.

A check that needs approval prints a request id; the person runs `clearance request ID`
with a reason, which writes the request to `.promptguard/requests.jsonl`; the approver runs
`clearance grant --request ID ...`, which signs the approvals into `clearances.toml`. Both
files are meant to be committed and reviewed like code. `clearance deny ID` refuses a request
(a signed verdict in `verdicts.jsonl`); the approvals page does the same in a browser.
"""

from __future__ import annotations

import getpass
import json

import click

from promptguard.cli.common import OneLineGroup, ToolChoice, UsageFailure, get_config
from promptguard.config.load import PURPOSES, Config, ConfigError
from promptguard.errors import AuditError, ClearanceError
from promptguard.gate.audit import AuditLog
from promptguard.gate.clearances.requests import ClearanceRequest, RequestStore
from promptguard.gate.clearances.signing import key_file
from promptguard.gate.clearances.store import ClearanceStore
from promptguard.gate.policy import CLEARABLE_CATEGORIES


def _config(ctx: click.Context) -> Config:
    try:
        return get_config(ctx)
    except ConfigError as error:
        raise UsageFailure(str(error)) from None


def _check_purpose(purpose: str | None) -> str | None:
    if purpose is not None and purpose not in PURPOSES:
        raise UsageFailure(f"--purpose must be one of {', '.join(PURPOSES)}, not {purpose!r}")
    return purpose


def _check_category(category: str | None) -> str | None:
    if category is not None and category not in CLEARABLE_CATEGORIES:
        raise UsageFailure(
            f"--category must be one of {', '.join(CLEARABLE_CATEGORIES)}, not {category!r}"
        )
    return category


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"


def _find_request(config: Config, wanted: str) -> ClearanceRequest | None:
    """A saved request, else one a check suggested on this machine (in the audit trail)."""
    saved = RequestStore(config.state_dir).get(wanted)
    if saved is not None:
        return saved
    try:
        pending = AuditLog(config.state_dir).pending_request(wanted)
    except AuditError:
        return None
    if pending is None:
        return None
    items = [(i["category"], i["subject"]) for i in pending["items"]]
    return ClearanceRequest(
        id=pending["id"], tool=pending["tool"], purpose=pending["purpose"], items=items
    )


def _describe(category: str, subject: str) -> str:
    return f'{category} "{subject}"'


@click.group("clearance", cls=OneLineGroup)
def clearance() -> None:
    """Written approvals: request, grant, deny, list and revoke clearances."""


@clearance.command("grant")
@click.option("--category", type=click.Choice(CLEARABLE_CATEGORIES), help="What is approved.")
@click.option("--subject", help="Canonical name (for personal_data: the kind, e.g. PERSON).")
@click.option("--tool", type=ToolChoice(), help="Only for this tool (default: any tool).")
@click.option(
    "--purpose", type=click.Choice(PURPOSES), help="Only for this purpose (default: any)."
)
@click.option("--expires", help="Last day the approval is valid, YYYY-MM-DD.")
@click.option("--approved-by", help="Who gave the written approval.")
@click.option("--reference", help="Where the written approval is (ticket, email, contract).")
@click.option("--request", "request_ref", help="Grant every item of this request id.")
@click.pass_context
def grant(
    ctx: click.Context,
    category: str | None,
    subject: str | None,
    tool: str | None,
    purpose: str | None,
    expires: str | None,
    approved_by: str | None,
    reference: str | None,
    request_ref: str | None,
) -> None:
    """Record a written approval, signed with the clearance key."""
    config = _config(ctx)
    _check_category(category)
    _check_purpose(purpose)
    for value, option in (
        (expires, "--expires"),
        (approved_by, "--approved-by"),
        (reference, "--reference"),
    ):
        if not value:
            raise UsageFailure(f"{option} is required")
    request_id = None
    try:
        if request_ref:
            if category or subject:
                raise UsageFailure("give either --request or --category/--subject, not both")
            request = _find_request(config, request_ref)
            if request is None:
                raise UsageFailure(
                    f"no request {request_ref!r} in {RequestStore(config.state_dir).path}; "
                    "grant with --category and --subject instead"
                )
            items, request_id = request.items, request.id
            tool, purpose = tool or request.tool, purpose or request.purpose
        else:
            if not category or not subject:
                raise UsageFailure("--category and --subject are required (or --request ID)")
            items = [(category, subject)]
        store = ClearanceStore(config.state_dir)
        created, notes = store.grant_many(
            items, expires, approved_by, reference, tool, purpose, request_id
        )
    except ClearanceError as error:
        raise UsageFailure(str(error)) from None
    for note in notes:
        click.echo(f"promptguard: {note}", err=True)
    for item in created:
        click.echo(
            f"granted {item.id}: {_describe(item.category, item.subject)} ({item.scope()}) "
            f"until {item.expires}, approved by {item.approved_by} (ref {item.reference})"
        )
    click.echo(f"Commit {store.path} so the approval is reviewed like code.")


@clearance.command("list")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text")
@click.pass_context
def list_clearances(ctx: click.Context, fmt: str) -> None:
    """Every clearance with its status (valid, expired, revoked, tampered, unverified)."""
    if fmt not in ("text", "json"):
        raise UsageFailure(f"--format must be text or json, not {fmt!r}")
    config = _config(ctx)
    try:
        states = ClearanceStore(config.state_dir).states()
        requests = RequestStore(config.state_dir).load()
    except ClearanceError as error:
        raise UsageFailure(str(error)) from None
    status, denials = _request_statuses(config, requests)
    if fmt == "json":
        data = {
            "clearances": [{**s.clearance.to_dict(s.status), "detail": s.detail} for s in states],
            "requests": [{**r.to_dict(), "status": status[r.id]} for r in requests],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if not states and not requests:
        click.echo("No clearances or requests yet.")
    for state in states:
        item = state.clearance
        detail = f" [{state.detail}]" if state.detail else ""
        click.echo(
            f"{item.id}  {state.status:<10} {_describe(item.category, item.subject)} "
            f"({item.scope()}) until {item.expires}, approved by {item.approved_by} "
            f"(ref {item.reference}){detail}"
        )
    for request in requests:
        if status[request.id] == "granted":
            continue
        what = ", ".join(_describe(c, s) for c, s in request.items)
        why = f" [{denials[request.id]}]" if request.id in denials else ""
        click.echo(
            f"{request.id}  {status[request.id]:<10} {what} (tool {request.tool}, "
            f"{request.purpose}){why}"
        )
    if any(s.status == "unverified" and "no clearance key" in s.detail for s in states):
        click.echo(
            f"promptguard: no clearance key at {key_file()}: nothing can be verified here",
            err=True,
        )


@clearance.command("revoke")
@click.argument("clearance_id")
@click.pass_context
def revoke(ctx: click.Context, clearance_id: str) -> None:
    """Withdraw an approval; it stops covering anything at once."""
    config = _config(ctx)
    try:
        item, changed = ClearanceStore(config.state_dir).revoke(clearance_id)
    except ClearanceError as error:
        raise UsageFailure(str(error)) from None
    if changed:
        click.echo(f"revoked {item.id}: {_describe(item.category, item.subject)}")
    else:
        click.echo(f"{item.id} was already revoked ({item.revoked_at})")


@clearance.command("request")
@click.argument("request_ref", required=False)
@click.option(
    "--category",
    type=click.Choice(CLEARABLE_CATEGORIES),
    help="What to approve (when not giving a request id).",
)
@click.option("--subject", help="Canonical name (for personal_data: the kind, e.g. PERSON).")
@click.option("--tool", type=ToolChoice(), help="The tool it is for.")
@click.option("--purpose", type=click.Choice(PURPOSES), help="What it is for.")
@click.option("--reason", help="Why the production needs it (one sentence).")
@click.option("--by", "requested_by", help="Who asks (default: your login name).")
@click.pass_context
def request(
    ctx: click.Context,
    request_ref: str | None,
    category: str | None,
    subject: str | None,
    tool: str | None,
    purpose: str | None,
    reason: str | None,
    requested_by: str | None,
) -> None:
    """Ask for written approval: the id `check` printed, or one item described by options."""
    config = _config(ctx)
    _check_category(category)
    _check_purpose(purpose)
    if not reason or not reason.strip():
        raise UsageFailure("--reason is required: say why the production needs this")
    try:
        if request_ref:
            if category or subject:
                raise UsageFailure("give either a request id or --category/--subject, not both")
            found = _find_request(config, request_ref)
            if found is None:
                raise UsageFailure(
                    f"no check suggested request {request_ref!r} here; describe it with "
                    "--category, --subject, --tool and --purpose"
                )
            items, tool, purpose = found.items, found.tool, found.purpose
        else:
            if not (category and subject and tool):
                raise UsageFailure(
                    "give the request id from `check`, or --category, --subject and --tool"
                )
            items = [(category, subject)]
            purpose = purpose or config.default_purpose
        built = ClearanceRequest.build(items, tool, purpose, reason, requested_by or _user())
        store = RequestStore(config.state_dir)
        store.save(built)
    except ClearanceError as error:
        raise UsageFailure(str(error)) from None
    what = ", ".join(_describe(c, s) for c, s in built.items)
    contact = config.ai_contact or "your production's AI contact"
    click.echo(f"request {built.id} saved in {store.path}: {what} (tool {tool}, {purpose})")
    click.echo(
        f"Send it to {contact}; once approved: promptguard clearance grant --request {built.id} "
        "--expires YYYY-MM-DD --approved-by NAME --reference REF"
    )


# --- issue 23: request status and `clearance deny` -------------------------------------------


def _request_statuses(
    config: Config, requests: list[ClearanceRequest]
) -> tuple[dict[str, str], dict[str, str]]:
    """Each saved request's status (pending, granted, denied), as the approvals page has it
    (granted also when clearances granted directly cover all of its items), and for denied
    ones who denied them and why."""
    from promptguard.approvals.queue import DENIED, ApprovalQueue

    try:
        entries = {e.id: e for e in ApprovalQueue(config.state_dir).entries()}
    except ClearanceError as error:
        raise UsageFailure(str(error)) from None
    status = {r.id: entries[r.id].status if r.id in entries else "pending" for r in requests}
    denials = {
        e.id: f"denied by {e.verdict.by}: {e.verdict.reason}"
        for e in entries.values()
        if e.status == DENIED and e.verdict is not None
    }
    return status, denials


@clearance.command("deny")
@click.argument("request_ref")
@click.option("--reason", help="Why not (the person who asked sees it).")
@click.option("--denied-by", help="Who denies it.")
@click.pass_context
def deny(ctx: click.Context, request_ref: str, reason: str | None, denied_by: str | None) -> None:
    """Refuse a pending request, signed like a grant; it leaves the pending list."""
    from promptguard.approvals.queue import ApprovalQueue

    config = _config(ctx)
    if not reason or not reason.strip():
        raise UsageFailure("--reason is required: say why, for the person who asked")
    if not denied_by or not denied_by.strip():
        raise UsageFailure("--denied-by is required")
    try:
        verdict = ApprovalQueue(config.state_dir).deny(request_ref, denied_by, reason)
    except ClearanceError as error:
        raise UsageFailure(str(error)) from None
    click.echo(f"denied {verdict.request_id} by {verdict.by}: {verdict.reason}")
