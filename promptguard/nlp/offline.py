"""Keep third-party libraries from reaching the network at run time.

Presidio's email and URL recognizers validate domains with `tldextract`, whose module-level
extractor (`tldextract.tldextract.TLD_EXTRACTOR`, used by `tldextract.extract`) fetches the
public-suffix list from the internet on first use and caches it under the user's home. A
prompt scanner must never do that: it would leak timing to the network, hang on air-gapped
machines and write outside the project. `ensure_offline()` swaps that extractor for one that
reads only the snapshot bundled inside the tldextract wheel, with no disk cache.
"""

from __future__ import annotations

import os
import threading

_lock = threading.Lock()
_done = False

#: tldextract reads this when an extractor is built with default arguments; an empty value
#: means "no remote suffix lists", so even extractors created later by other code stay offline.
_ENV_URLS = "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"


def offline_tld_extractor():
    """A `tldextract.TLDExtract` that only uses the bundled public-suffix snapshot."""
    import tldextract

    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def ensure_offline() -> None:
    """Make tldextract (and so Presidio) offline; safe to call many times, call before Presidio."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        os.environ.setdefault(_ENV_URLS, "")
        import tldextract.tldextract as tld_module

        # `tldextract.extract()` looks the global up at call time, so replacing it is enough
        # for Presidio's `EmailRecognizer.validate_result`, whatever the import order.
        tld_module.TLD_EXTRACTOR = _LazyExtractor()
        _done = True


class _LazyExtractor:
    """The offline extractor, built on first use: parsing the bundled suffix list costs
    ~60 ms, which a prompt without an e-mail address or URL should not pay."""

    def __init__(self) -> None:
        self._extractor = None
        self._lock = threading.Lock()

    def _get(self):  # noqa: ANN202 - a tldextract.TLDExtract
        if self._extractor is None:
            with self._lock:
                if self._extractor is None:
                    self._extractor = offline_tld_extractor()
        return self._extractor

    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204
        return self._get()(*args, **kwargs)

    def __getattr__(self, name: str):  # noqa: ANN204 - extract_str, suffix_list_urls, ...
        return getattr(self._get(), name)
