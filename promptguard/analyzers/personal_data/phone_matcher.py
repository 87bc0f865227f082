"""phonenumbers' matcher (leniency VALID), once per region, with the shared work done once.

Presidio runs `PhoneNumberMatcher` once per configured region (19 by default), and each run
searches the text, trims and splits every candidate and checks its surroundings again, then
parses it. `_PrunedMatcher` finds exactly what that matcher finds, at the same offsets:

* What does not depend on the region is done once per text and kept in `shared`: the
  candidate found from an index, the date and time-stamp rejections, the pieces an
  inner-match search splits a candidate into, the bracket / page-reference / neighbouring
  letter checks, and the verdict on a "+…" candidate with a country code after the plus
  (it parses the same from every region; "+00 1 201…" does not, `parse` then reads the
  region's international prefix).
* A candidate with fewer than `MIN_PHONE_DIGITS` digits is never parsed, nor its pieces.
* A candidate written without a plus is parsed for a region only when its digit count (the
  number part phonenumbers' own helpers extract, extension stripped, normalised) is one a
  valid number of that region can be written with, or when it starts with the region's
  international prefix. `national_lengths` derives those counts from the metadata (see
  there); tests/test_phone_matcher.py checks them against every region's example numbers
  and the matcher against the plain one on generated national and international formats.

The matcher's retry budget (`max_tries`) is spent exactly as the plain matcher spends it: a
piece rejected without parsing counts as a failed try there too.
"""

from __future__ import annotations

import functools
import re as std_re

from phonenumbers import Leniency, PhoneMetadata, PhoneNumberMatch, PhoneNumberMatcher

#: The fewest digits a valid phone number is written with: a German national number can be
#: four digits long (and "DE" is among the default `phone_regions`, as in Presidio's).
#: tests/test_phone_fast_path.py re-derives it from phonenumbers' metadata.
MIN_PHONE_DIGITS = 4
#: Digits, and the letter x, which phonenumbers reads as a keypad 9 in a number holding three
#: letters: counting it keeps the digit bound safe.
_DIGIT_LIKE = "\\dxXｘＸ"

try:  # phonenumbers internals the pruned matcher hooks into (stable since the Java port)
    from phonenumbers.phonenumbermatcher import (
        _INNER_MATCHES,
        _LEAD_PATTERN,
        _MATCHING_BRACKETS,
        _PATTERN,
        _PUB_PAGES,
        _SLASH_SEPARATED_DATES,
        _TIME_STAMPS,
        _TIME_STAMPS_SUFFIX,
        CountryCodeSource,
        NumberParseException,
        _verify,
        fullmatch,
        parse,
    )
    from phonenumbers.phonenumberutil import (
        _MIN_LENGTH_FOR_NSN,
        _PLUS_CHARS_PATTERN,
        _RFC3966_PHONE_CONTEXT,
        _SECOND_NUMBER_START_PATTERN,
        _UNWANTED_END_CHAR_PATTERN,
        _VALID_PUNCTUATION,
        _build_national_number_for_parsing,
        _extract_country_code,
        _is_viable_phone_number,
        _maybe_strip_extension,
        _normalize,
        region_code_for_country_code,
        region_codes_for_country_code,
    )

    try:
        from re import _parser as sre_parse
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_parse  # type: ignore[no-redef]

    _PRUNING_AVAILABLE = True
except ImportError:  # pragma: no cover - depends on the installed phonenumbers
    _VALID_PUNCTUATION = r"\W_"  # a superset: the pre-check stays safe, only less selective
    _PRUNING_AVAILABLE = False

# stdlib `re`, as phonenumbers uses: its `\d` is the one the matcher's pattern uses.
_DIGIT_LIKE_CHAR = std_re.compile(f"[{_DIGIT_LIKE}]")
#: MIN_PHONE_DIGITS digits with at most four separators between two of them: every number
#: phonenumbers can match holds such a run (its own candidate pattern allows no more).
_PHONE_RUN = std_re.compile(
    rf"(?:[{_DIGIT_LIKE}][{_VALID_PUNCTUATION}]{{0,4}}){{{MIN_PHONE_DIGITS - 1}}}"
    rf"[{_DIGIT_LIKE}]"
)
#: A candidate phonenumbers parses as international: its first digit or plus is a plus.
_WRITTEN_WITH_PLUS = std_re.compile(r"[^+＋\d]*[+＋]")
_REJECT = "reject"
_PLUS = "plus"
_ANY = "any"
_TRANSFORM_REF = std_re.compile(r"\\(\d)")


def may_hold_phone_number(text: str) -> bool:
    """False when the text holds no run of digits long enough to be a phone number."""
    return _PHONE_RUN.search(text) is not None


def _too_short(candidate: str) -> bool:
    return len(_DIGIT_LIKE_CHAR.findall(candidate)) < MIN_PHONE_DIGITS


def _strip_bounds(metadata: PhoneMetadata) -> tuple[int, int] | None:
    """(most digits removed, most digits added) by stripping this region's national prefix
    (`_maybe_strip_national_prefix_carrier_code`), or None when no bound can be shown.

    Without a transform rule the match of `national_prefix_for_parsing` (anchored at the
    start) is cut off: at most its widest match is removed, nothing added. With one, the
    match is replaced by the rule's expansion: the rule's literal digits plus the groups it
    names. Those groups are parts of the match when each is named once, none holds another
    and the pattern looks at nothing outside its match (no look-around), so the number
    grows by at most the literal digits and shrinks by at most the widest match."""
    pattern = metadata.national_prefix_for_parsing
    if not pattern:
        return (0, 0)
    tree = sre_parse.parse(pattern)
    widest = tree.getwidth()[1]
    rule = metadata.national_prefix_transform_rule
    if not rule:
        return (widest, 0)
    refs = [int(ref) for ref in _TRANSFORM_REF.findall(rule)]
    literal = _TRANSFORM_REF.sub("", rule)
    if len(set(refs)) != len(refs) or "\\" in literal or "$" in literal:
        return None
    inside: dict[int, set[int]] = {}
    if not _groups_inside(tree, [], inside):
        return None
    if any(inside.get(ref, set()) & set(refs) for ref in refs):
        return None
    return (widest, len(literal))


def _groups_inside(tree: object, open_groups: list[int], inside: dict[int, set[int]]) -> bool:
    """Record, for each group of a parsed pattern, the groups nested in it; False when the
    pattern holds a look-around (a group there may capture text beyond the match)."""
    for op, arg in tree:  # type: ignore[attr-defined]
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT", "GROUPREF_EXISTS"):
            return False
        if name == "SUBPATTERN":
            group, sub = arg[0], arg[-1]
            for outer in open_groups:
                if group is not None:
                    inside.setdefault(outer, set()).add(group)
            nested = [*open_groups, group] if group is not None else open_groups
            if not _groups_inside(sub, nested, inside):
                return False
        elif name == "BRANCH":
            if not all(_groups_inside(branch, open_groups, inside) for branch in arg[1]):
                return False
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT", "ATOMIC_GROUP"):
            sub = arg[-1] if name != "ATOMIC_GROUP" else arg
            if not _groups_inside(sub, open_groups, inside):
                return False
    return True


@functools.cache
def national_lengths(region: str) -> frozenset[int] | None:
    """How many digits a number valid for `region`'s country code can be written with when
    parsed from `region` without a plus or its international prefix; None: no bound shown.

    `parse` then reads the digits in one of two ways. Nationally: the digits, maybe without
    a national prefix stripped with `region`'s rule. Or, when they start with the country
    code, as the rest after it, stripped with `region`'s rule and then with that of the
    code's main region. `is_valid_number` requires the national significant number to have
    one of the `general_desc.possible_length` of a region of that country code. So the digit
    count lies within the strip bounds (`_strip_bounds`) around one of those lengths."""
    metadata = PhoneMetadata.metadata_for_region(region, None)
    if metadata is None:
        return None
    code = metadata.country_code
    main = PhoneMetadata.metadata_for_region(region_code_for_country_code(code), None)
    lengths: set[int] = set()
    for other in region_codes_for_country_code(code):
        desc = PhoneMetadata.metadata_for_region(other).general_desc
        if desc is None or not desc.possible_length:
            return None
        lengths.update(desc.possible_length)
    own, mains = _strip_bounds(metadata), main and _strip_bounds(main)
    if own is None or not mains:
        return None
    (cut, grow), (main_cut, main_grow) = own, mains
    digits = len(str(code))
    allowed: set[int] = set()
    for length in lengths:
        allowed.update(range(length - grow, length + cut + 1))
        allowed.update(
            range(length + digits - grow - main_grow, length + digits + cut + main_cut + 1)
        )
    return frozenset(allowed)


@functools.cache
def _international_prefix(region: str) -> std_re.Pattern | None:
    """The region's international prefix, compiled as `parse` compiles it (None: none)."""
    metadata = PhoneMetadata.metadata_for_region(region, None)
    prefix = None if metadata is None else metadata.international_prefix
    return None if prefix is None else std_re.compile(prefix)


class _PrunedMatcher(PhoneNumberMatcher):
    """`phonenumbers.PhoneNumberMatcher` (leniency VALID) without the work that cannot
    succeed or was already done for another region; exactly the same matches (see the
    module docstring). `shared` is one dict per text, handed to the matcher of every region.
    """

    def __init__(self, text: str, region: str, shared: dict, max_tries: int = 65535) -> None:
        super().__init__(text, region, leniency=Leniency.VALID, max_tries=max_tries)
        self._shared = shared
        self._lengths = national_lengths(region)
        self._idd = _international_prefix(region)

    def _find(self, index: int) -> PhoneNumberMatch | None:
        """`PhoneNumberMatcher._find`, the candidate search shared between regions."""
        while self._max_tries > 0:
            found = self._candidate_from(index)
            if found is None:
                return None
            start, candidate = found
            if len(candidate) >= self._min_candidate_length:
                match = self._extract_match(candidate, start)
                if match is not None:
                    return match
                self._max_tries -= 1
            index = start + len(candidate)
        return None

    def _candidate_from(self, index: int) -> tuple[int, str] | None:
        key = ("from", index)
        if key not in self._shared:
            match = _PATTERN.search(self.text, index)
            self._shared[key] = (
                None
                if match is None
                else (
                    match.start(),
                    self._trim_after_first_match(_SECOND_NUMBER_START_PATTERN, match.group()),
                )
            )
        return self._shared[key]

    def _extract_match(self, candidate: str, offset: int) -> PhoneNumberMatch | None:
        """`PhoneNumberMatcher._extract_match` and `_extract_inner_match`, with the pieces to
        try listed once per text: the whole candidate, then for each inner-match pattern its
        rounds (one or two pieces each; the plain matcher checks its budget between rounds).
        """
        plan = self._plan(candidate, offset)
        if plan is None:
            return None
        dead, plan_rounds = plan
        if dead:  # too few digits for it or any piece: no parse, but the same tries spent
            for rounds in plan_rounds:
                for pieces in rounds:
                    if self._max_tries <= 0:
                        break
                    self._max_tries -= len(pieces)
            return None
        match = self._parse_and_verify(candidate, offset)
        if match is not None:
            return match
        for rounds in plan_rounds:
            for pieces in rounds:
                if self._max_tries <= 0:
                    break
                for piece, piece_offset in pieces:
                    match = self._parse_and_verify(piece, piece_offset)
                    if match is not None:
                        return match
                    self._max_tries -= 1
        return None

    def _plan(self, candidate: str, offset: int) -> tuple[bool, list] | None:
        """None when the matcher rejects the candidate outright (a date, a time-stamp), else
        (whether it is too short to hold a number, its inner-match rounds of pieces)."""
        key = ("plan", offset, candidate)
        if key in self._shared:
            return self._shared[key]
        plan: tuple[bool, list] | None = None
        rejected = _SLASH_SEPARATED_DATES.search(candidate) or (
            _TIME_STAMPS.search(candidate)
            and _TIME_STAMPS_SUFFIX.match(self.text[offset + len(candidate) :])
        )
        if not rejected:
            plan = (_too_short(candidate), [])
            for inner in _INNER_MATCHES:
                rounds = []
                group_match = inner.search(candidate)
                while group_match:
                    pieces = []
                    if not rounds:  # the part before the first group, then the group
                        head = candidate[: group_match.start()]
                        pieces.append(
                            (self._trim_after_first_match(_UNWANTED_END_CHAR_PATTERN, head), offset)
                        )
                    group = self._trim_after_first_match(
                        _UNWANTED_END_CHAR_PATTERN, group_match.group(1)
                    )
                    pieces.append((group, offset + group_match.start(1)))
                    rounds.append(pieces)
                    group_match = inner.search(candidate, group_match.start() + 1)
                plan[1].append(rounds)
        self._shared[key] = plan
        return plan

    def _parse_and_verify(self, candidate: str, offset: int) -> PhoneNumberMatch | None:
        """`PhoneNumberMatcher._parse_and_verify` with its region-free checks done once."""
        key = ("piece", offset, candidate)
        kind = self._shared.get(key)
        if kind is None:
            kind = self._shared[key] = self._classify(candidate, offset)
        if kind is _REJECT:
            return None
        if kind is _PLUS:
            plus = ("plus", offset, candidate)
            if plus not in self._shared:
                self._shared[plus] = self._parse(candidate, offset)
            return self._shared[plus]
        if (
            kind is not _ANY
            and self._lengths is not None
            and len(kind) not in self._lengths
            and (self._idd is None or self._idd.match(kind) is None)
        ):
            return None  # no valid number of this region is written with as many digits
        return self._parse(candidate, offset)

    def _classify(self, candidate: str, offset: int) -> str:
        """_REJECT, _PLUS (parsed the same from any region), _ANY, or the normalised digits
        `parse` reads as the number (its extension stripped, letters on a keypad)."""
        if _too_short(candidate):
            return _REJECT
        if not fullmatch(_MATCHING_BRACKETS, candidate) or _PUB_PAGES.search(candidate):
            return _REJECT
        if offset > 0 and not _LEAD_PATTERN.match(candidate):
            previous = self.text[offset - 1]
            if self._is_invalid_punctuation_symbol(previous) or self._is_latin_letter(previous):
                return _REJECT
        end = offset + len(candidate)
        if end < len(self.text):
            following = self.text[end]
            if self._is_invalid_punctuation_symbol(following) or self._is_latin_letter(following):
                return _REJECT
        if _RFC3966_PHONE_CONTEXT in candidate:
            return _ANY  # RFC 3966 with a context: left to `parse`, region by region
        try:
            number = _build_national_number_for_parsing(candidate)
        except NumberParseException:
            return _REJECT  # `parse` raises the same
        if not _is_viable_phone_number(number):
            return _REJECT  # `parse` raises NOT_A_NUMBER
        number = _maybe_strip_extension(number)[1]
        if _WRITTEN_WITH_PLUS.match(candidate):
            plus = _PLUS_CHARS_PATTERN.match(number)
            rest = _normalize(number[plus.end() :]) if plus else ""
            if plus is None or (
                len(rest) > _MIN_LENGTH_FOR_NSN and _extract_country_code(rest)[0] == 0
            ):
                # no country code after the plus: `parse` retries without it, reading the
                # region's international prefix ("+00 1 201…" is valid from GB, not from US)
                return _ANY
            return _PLUS
        return _normalize(number)

    def _parse(self, candidate: str, offset: int) -> PhoneNumberMatch | None:
        """The end of `PhoneNumberMatcher._parse_and_verify`: parse, verify, clear."""
        try:
            number = parse(candidate, self.preferred_region, keep_raw_input=True)
            if _verify(self.leniency, number, candidate, self):
                number.country_code_source = CountryCodeSource.UNSPECIFIED
                number.raw_input = None
                number.preferred_domestic_carrier_code = None
                return PhoneNumberMatch(offset, candidate, number)
        except NumberParseException:
            pass
        return None
