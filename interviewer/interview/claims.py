"""The number a candidate stated, in their own words ("a hundred and twenty percent", "$2M", "45 deals"), so
the interviewer can pick it up. Percentages and money first: they are what a sales claim rests on; spans of
time ("five years") are experience, not a claim."""

from __future__ import annotations

import re

_NUMBER_WORDS = set(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion "
    "dozen half double triple".split()
)
_SCALES = {"hundred", "thousand", "million", "billion", "dozen"}  # "a hundred", never "a two"
_JOINERS = {"a", "and", "point"}  # inside a number: "a hundred and twenty", "one point two"
_MONEY = {"k", "m", "dollars", "dollar", "grand", "thousand", "million", "billion"}
_PERCENT = {"percent", "%"}
_TIME = {"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes"}
_NOT_UNITS = set("a an the in to of on at for by from with and or but as last this that my our per".split())
_YEAR = re.compile(r"^(?:19|20)\d\d$")  # "in 2023" is a date, not a claim
_TOKEN = re.compile(r"\$?\d[\d,.]*(?:%|[kKmM]\b)?|[A-Za-z']+|%")


def stated_claim(text: str) -> str | None:
    """The strongest number claim in `text`, as said, or None."""
    claims = list(_claims(_TOKEN.findall(text)))
    if not claims:
        return None
    claims.sort(key=lambda claim: -_strength(claim))
    return claims[0] if _strength(claims[0]) > 0 else None


def _claims(tokens: list[str]):
    """Each run of number words or digits, with the word after it (its unit: "percent", "deals")."""
    i = 0
    while i < len(tokens):
        if not _is_number(tokens[i]):
            i += 1
            continue
        if i and tokens[i - 1].lower().rstrip("s") in _TIME:  # "by day ninety", "month two": a date
            i += 1
            continue
        start = i - 1 if i and tokens[i - 1].lower() == "a" and tokens[i].lower() in _SCALES else i
        while i + 1 < len(tokens) and (
            _is_number(tokens[i + 1]) or (tokens[i + 1].lower() in _JOINERS and _next_is_number(tokens, i + 1))
        ):
            i += 1
        end = i + 1
        if end < len(tokens) and _is_unit(tokens[end]):
            end += 1
            if tokens[end - 1].lower() in _MONEY and end < len(tokens) and _is_unit(tokens[end]):
                end += 1  # "two hundred thousand dollar order"
        if _YEAR.match(tokens[start]) and end == start + 1:
            i = end
            continue
        yield " ".join(tokens[start:end]).replace(" %", "%")
        i = end


def _is_number(token: str) -> bool:
    return token[:1].isdigit() or token[:2].startswith("$") or token.lower() in _NUMBER_WORDS


def _is_unit(token: str) -> bool:
    return token == "%" or (token.isalpha() and len(token) > 1 and token.lower() not in _NOT_UNITS)


def _next_is_number(tokens: list[str], at: int) -> bool:
    return at + 1 < len(tokens) and _is_number(tokens[at + 1])


def _strength(claim: str) -> int:
    words = set(claim.lower().replace("%", " % ").split())
    if words & _PERCENT:
        return 3
    if claim.startswith("$") or words & _MONEY:
        return 2
    return 0 if words & _TIME else 1
