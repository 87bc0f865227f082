"""Approvals: the clearance requests waiting for a decision, and the web page approvers use.

- `queue.py`: which requests are pending, granted or denied, and granting or denying one
  (the same signed clearance records as `promptguard clearance grant`, plus a signed
  verdict log that says who decided, when and why);
- `passwords.py`: approvers' password hashes (argon2) in `promptguard.toml`;
- `web.py`: the small Starlette app (`promptguard approvals`, `serve --approvals`).
"""
