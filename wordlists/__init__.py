"""Compiled wordlists shipped with promptguard (installed as `promptguard.wordlists`)."""
