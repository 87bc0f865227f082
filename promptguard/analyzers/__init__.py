"""Analyzers: one file each, all behind `promptguard.analyzers.base.Analyzer`."""
