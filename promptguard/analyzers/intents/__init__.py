"""Intents: likeness, misleading-content and training requests, matched from shipped rules.

One analyzer per intent (`talent_likeness`, `misleading_content`, `unowned_training`) on
shared machinery: the rule lists, the matching and the evidence around a match.
"""
