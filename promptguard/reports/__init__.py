"""Reports: how findings and audit data are shown. Values are masked unless asked for.

`rows` locates findings for reports, `masking` makes the excerpts, and `text`, `json_report`
and `sarif` write scans. Importing this package imports nothing, so the light service client
can use `masking`.
"""
