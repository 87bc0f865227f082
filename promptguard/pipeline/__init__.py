"""The pipeline: records in, findings out (scanner), run over files and logs (runner), or
one prompt to a gate decision (checking); inline allows and baselines (suppress) and the git
pre-commit hook (githook) sit on top of it."""
