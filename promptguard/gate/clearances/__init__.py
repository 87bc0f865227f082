"""Written approvals (clearances) and the requests that ask for them.

Clearances live in `.promptguard/clearances.toml`, one `[[clearance]]` table per approval,
sorted by id, so a production can commit them and review every change like code. Each entry
is signed with HMAC-SHA256 using a key kept OUTSIDE the repository (a file in the user's
config folder, or `$PROMPTGUARD_CLEARANCE_KEY` for CI and teams): someone who can edit the
repository but does not hold the key cannot widen, extend or un-revoke an approval; such an
entry is reported as tampered and ignored.

Personal data never enters these files: a personal_data clearance or request names the
kind of data (PERSON, PHONE_NUMBER), never the value.

`subjects` says what an approval is about, `signing` holds the key, `store` the signed
file and `requests` the pending requests.
"""
