"""Run the enabled analyzers over texts, in batches, and collect their findings.

The scanner knows nothing about where a text came from (readers do) or what a finding
means for a send (the gate does). Its job is speed and robustness: it asks every analyzer
whether a text needs the spaCy parse, parses only those texts, batched per language with
`nlp.pipe`, and turns an analyzer crash into a reported error instead of a lost scan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from promptguard._util import get_logger, one_line
from promptguard.analyzers.base import Analyzer
from promptguard.analyzers.registry import build_analyzers
from promptguard.config.load import Config
from promptguard.errors import AnalyzerError
from promptguard.findings import Finding, merge_overlapping
from promptguard.nlp.models import ENTS_ONLY, NlpModels, ScanText, iter_chunks
from promptguard.nlp.startup import long_lived
from promptguard.readers.records import ReadError, Record

#: Texts longer than this are scanned in overlapping segments (spaCy's limit is 1M chars,
#: and memory grows with the segment, not the file).
SEGMENT_CHARS = 50_000
SEGMENT_OVERLAP = 300


log = get_logger(__name__)


@dataclass
class ScanResult:
    """The findings of one record, and the analyzers that failed on it (if any)."""

    record: Record
    findings: list[Finding]
    failures: list[str] = field(default_factory=list)


class Scanner:
    """Holds the analyzers and the warm NLP models; reuse one per process."""

    def __init__(
        self,
        config: Config | None = None,
        analyzers: list[Analyzer] | None = None,
        models: NlpModels | None = None,
        batch_size: int = 64,
    ) -> None:
        self.config = config or Config()
        if analyzers is None:
            with long_lived():  # imports spaCy and Presidio, builds their recognizers
                analyzers = build_analyzers(self.config)
        self.analyzers = analyzers
        self.batch_size = batch_size
        self._needs = [a.nlp_needs if a.needs_nlp else frozenset() for a in self.analyzers]
        needed = frozenset().union(*self._needs)
        # models load only the components some analyzer reads (see `NlpModels`)
        self.models = models or NlpModels(
            self.config.models, batch_size=batch_size, features=needed or ENTS_ONLY
        )

    def scan_text(self, text: str, language: str | None = None) -> list[Finding]:
        """Findings in one text. Raises `AnalyzerError` if an analyzer failed."""
        result = next(self.scan_records([Record(text=text, path="<text>")], language=language))
        assert isinstance(result, ScanResult)
        if result.failures:
            raise AnalyzerError("; ".join(result.failures))
        return result.findings

    def scan_records(
        self, records: Iterable[Record | ReadError], language: str | None = None
    ) -> Iterator[ScanResult | ReadError]:
        """Scan a stream of records in batches; read errors pass through in order."""
        for batch in iter_chunks(records, self.batch_size):
            yield from self._scan_batch(batch, language)

    def _scan_batch(
        self, batch: list[Record | ReadError], language: str | None
    ) -> Iterator[ScanResult | ReadError]:
        segmented: list[tuple[Record, list[tuple[int, ScanText]]]] = []
        for item in batch:
            if isinstance(item, Record):
                segments = [
                    (offset, self._scan_text(chunk, language))
                    for offset, chunk in split_segments(item.text)
                ]
                segmented.append((item, segments))
        failures: dict[int, list[str]] = {}
        wants = self._parse_where_needed(segmented, failures)
        results: dict[int, ScanResult] = {}
        for index, (record, segments) in enumerate(segmented):
            findings: list[Finding] = []
            record_failures = list(failures.get(index, []))
            for offset, text in segments:
                wanted = wants.get(id(text), ())
                for position, analyzer in enumerate(self.analyzers):
                    if position in wanted and not text.has_doc:
                        continue  # its parse failed; already reported
                    try:
                        found = analyzer.analyze(text)
                    except Exception as error:  # noqa: BLE001 - one analyzer must not sink a scan
                        log.warning(  # the class only: a message may quote the text
                            "analyzer %s failed: %s", analyzer.name, type(error).__name__
                        )
                        record_failures.append(
                            f"analyzer {analyzer.name} failed: {one_line(error, with_type=True)}"
                        )
                        continue
                    findings.extend(
                        _within(f, len(text.content)).shifted(offset)
                        for f in found
                        if f.score >= self.config.min_score
                    )
            results[id(record)] = ScanResult(
                record, merge_overlapping(findings, record.text), sorted(set(record_failures))
            )
        for item in batch:
            yield item if isinstance(item, ReadError) else results[id(item)]

    def _scan_text(self, content: str, language: str | None) -> ScanText:
        text = ScanText(content, self.models, language or "")
        if not language and (not content.strip() or text.language not in self.config.languages):
            text.language = self.config.default_language
        return text

    def _parse_where_needed(
        self,
        segmented: list[tuple[Record, list[tuple[int, ScanText]]]],
        failures: dict[int, list[str]],
    ) -> dict[int, tuple[int, ...]]:
        """Parse only texts some analyzer needs parsed, with only the components those
        analyzers read: one batched `nlp.pipe` call per (language, components) group.

        Returns, per text (by id), the positions of the analyzers that asked for the parse
        (each analyzer's cheap pre-pass runs once per text)."""
        wants: dict[int, tuple[int, ...]] = {}
        groups: dict[frozenset[str], list[tuple[int, ScanText]]] = {}
        for index, (_, segments) in enumerate(segmented):
            for _, text in segments:
                if self.config.mode == "full":
                    # The control: every analyzer that reads the parse gets it, whatever
                    # its pre-pass would say (and `analyze` sees the same answer).
                    for analyzer in self.analyzers:
                        text.prepass[analyzer] = analyzer.needs_nlp
                wanted = tuple(
                    position
                    for position, analyzer in enumerate(self.analyzers)
                    if self._needs[position] and analyzer.needs_parse(text)
                )
                if not wanted:
                    continue
                wants[id(text)] = wanted
                features = frozenset().union(*(self._needs[p] for p in wanted))
                text.features = features
                groups.setdefault(features, []).append((index, text))
        for features, group in groups.items():
            try:
                self.models.parse_many((text for _, text in group), features)
            except Exception as error:  # noqa: BLE001 - a model that cannot load is reported
                message = f"NLP model unavailable: {one_line(error, with_type=True)}"
                log.warning("NLP model unavailable: %s", type(error).__name__)
                for index, _ in group:
                    failures.setdefault(index, []).append(message)
        return wants


def _within(finding: Finding, length: int) -> Finding:
    """The finding with its offsets clamped inside its text: an analyzer bug must neither
    crash the report writers nor drop the finding (it still counts for the gate)."""
    start = min(max(finding.start, 0), length)
    end = min(max(finding.end, start), length)
    if (start, end) == (finding.start, finding.end):
        return finding
    return replace(finding, start=start, end=end)


def split_segments(text: str) -> list[tuple[int, str]]:
    """Split a long text at line breaks (else at spaces) into overlapping segments:
    (offset, segment). Never inside a word: a segment that began with "reet" of "street"
    would hand the analyzers a word nobody wrote."""
    if len(text) <= SEGMENT_CHARS:
        return [(0, text)]
    segments: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + SEGMENT_CHARS)
        if end < len(text):
            newline = text.rfind("\n", start + SEGMENT_CHARS // 2, end)
            end = newline + 1 if newline != -1 else _after_space(text, end, start + 1)
        segments.append((start, text[start:end]))
        if end >= len(text):
            break
        start = max(start + 1, _after_space(text, end - SEGMENT_OVERLAP, start + 1))
    return segments


def _after_space(text: str, position: int, lowest: int) -> int:
    """The nearest word start at or before `position` (not below `lowest`), or `position`
    itself where a run of non-space characters goes back further than that."""
    space = max(text.rfind(" ", lowest, position + 1), text.rfind("\t", lowest, position + 1))
    return space + 1 if space != -1 else position
