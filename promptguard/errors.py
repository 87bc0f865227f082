"""Every error promptguard raises on purpose, under one root, so a caller can catch them all.

`except promptguard.errors.PromptguardError` catches anything the tool raises about its
inputs, configuration, models, analyzers, gate, audit trail or service; anything else is a
bug. Each class keeps the built-in base it had before the root existed (`ValueError` for bad
input, `RuntimeError` for a broken environment), so older `except ValueError:` code still
works. Every message is one line and never holds a scanned value.

This module imports nothing: the service client, which must start in milliseconds, raises
from it too. The command line maps each class to one exit code with `exit_code_for`.
"""

from __future__ import annotations

#: Exit codes of the command line (README "Exit codes"): 0 allow or notify, 1 block or
#: findings, 3 written approval needed, 2 usage or configuration error, including every
#: `PromptguardError` that reaches the command line.
EXIT_USAGE = 2


class PromptguardError(Exception):
    """The root: something promptguard cannot do, said in one line."""

    #: The command line's exit code when this error ends a command.
    exit_code: int = EXIT_USAGE


# --- configuration and inputs -------------------------------------------------------------


class ConfigError(PromptguardError, ValueError):
    """The configuration is invalid; the message names file, key and what is allowed."""


class InputError(PromptguardError, ValueError):
    """A file or request given to promptguard cannot be read as what it should be."""


class ScriptReadError(InputError):
    """The file cannot be read as a screenplay; the message says why, in one line."""


class BaselineError(InputError):
    """The baseline file cannot be read or is not a promptguard baseline."""


# --- shipped data, models and analyzers ---------------------------------------------------


class WordlistError(PromptguardError):
    """A shipped wordlist or intent list is missing or malformed: a broken installation."""


class WordlistMissing(WordlistError, RuntimeError):
    """A shipped wordlist is missing: the installation is broken. Raised, never skipped,
    because an empty list would silently let every name through."""


class IntentListError(WordlistError, ValueError):
    """A shipped intent list is malformed; the message names the file and line."""


class ModelLoadError(PromptguardError, RuntimeError):
    """A configured spaCy model is missing or broken."""


class AnalyzerError(PromptguardError, RuntimeError):
    """An analyzer (or the model it needs) failed on a text."""


class ScriptIndexError(PromptguardError, ValueError):
    """The index file is missing, corrupt or from another version; one-line message."""


# --- the gate and its records -------------------------------------------------------------


class ClearanceError(PromptguardError, ValueError):
    """A clearance or request could not be read, written or granted; one-line message."""


class AuditError(PromptguardError, RuntimeError):
    """The audit trail cannot be read or written; the message is one line."""


class HookError(PromptguardError, RuntimeError):
    """The hook cannot do its job (no repository, git failed, bad configuration)."""


# --- approvals and the HTML report (issue 23) ----------------------------------------------


class ApproverError(PromptguardError, ValueError):
    """An approver could not be added or a password is unusable; one-line message."""


class ReportUnavailable(PromptguardError, RuntimeError):
    """The HTML audit report needs matplotlib (the `report` extra), which is missing."""


# --- the service --------------------------------------------------------------------------


class ServiceError(PromptguardError):
    """The local service or gateway cannot answer a request as asked."""


class ServiceRefused(ServiceError, ValueError):
    """The service rejected the request itself (bad tool or purpose): a usage error."""


class Unreadable(ServiceError, ValueError):
    """The request holds content promptguard cannot check; it is refused, not forwarded."""


def exit_code_for(error: BaseException) -> int:
    """The command line's exit code for an error that ends a command."""
    if isinstance(error, PromptguardError):
        return error.exit_code
    return EXIT_USAGE
