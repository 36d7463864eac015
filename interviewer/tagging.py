"""Utterance -> the Always-Be-Soft-Closing tags that apply, each with the reason it fired. Pure, no I/O.

Two kinds of evidence, both loaded from data (interviewer/data/tag_rules.toml):
- rules: regular expressions over canonical text that describe what the candidate is doing,
  each with guards that veto it (negation, someone else's words, a clarifying question);
- phrases: short stock phrases matched fuzzily with rapidfuzz, so a misheard word still counts.
A turn is split into sentences; each sentence is judged on its own and the turn gets the union.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from .errors import RulesError
from .normalize import canonical, split_sentences, strip_quotes
from .tomlio import load_toml_text

TAGS = ("confirm", "benefit", "future", "ask_job", "feedback")
PHRASE_CUTOFF = 88.0  # rapidfuzz ratio of a word window; below this it is usually a different phrase
_MACRO = re.compile(r"%(\w+)%")


@dataclass(frozen=True)
class Match:
    """Why a tag fired: the rule or phrase, the words it matched, and how sure (100 for a rule)."""

    tag: str
    rule: str
    words: str
    score: float
    sentence: str


@dataclass(frozen=True)
class Tagged:
    text: str
    tags: tuple[str, ...]
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class _Rule:
    tag: str
    name: str
    pattern: re.Pattern[str]
    guards: tuple[tuple[str, re.Pattern[str]], ...]


class Tagger:
    """Tags utterances with the rules and phrases it was built from."""

    def __init__(self, rules: dict, source: str = "tag rules", extra_phrases: dict | None = None):
        self._fixes = [(_compile(f["heard"], source, "fix"), f["meant"]) for f in rules.get("fix", [])]
        vocab = _expand_vocab(rules.get("vocab", {}), source)
        guards = {name: _compile(p, source, f"guards.{name}") for name, p in rules.get("guards", {}).items()}
        self._rules = [_build_rule(r, vocab, guards, source) for r in rules.get("rule", [])]
        self._phrases: list[tuple[str, str]] = []
        for bank in (rules.get("phrases", {}), extra_phrases or {}):
            for tag, phrases in bank.items():
                if tag not in TAGS:
                    raise RulesError(f"{source}: phrases.{tag}: unknown tag; use one of {', '.join(TAGS)}")
                self._phrases += [(tag, canonical(p, self._fixes)) for p in phrases]
        self._phrase_guards = tuple(guards[n] for n in ("negated", "reported") if n in guards)
        self._phrase_after = guards.get("third_party")

    def tag(self, text: str) -> Tagged:
        """Tag a whole turn: every sentence on its own, the turn gets the union (in TAGS order)."""
        matches: list[Match] = []
        for sentence in split_sentences(strip_quotes(text)):
            matches += self.tag_sentence(sentence)
        found = {m.tag for m in matches}
        return Tagged(text=text, tags=tuple(t for t in TAGS if t in found), matches=tuple(matches))

    def tags(self, text: str) -> list[str]:
        return list(self.tag(text).tags)

    def tag_sentence(self, sentence: str) -> list[Match]:
        words = canonical(sentence, self._fixes)
        if not words:
            return []
        asked = _asked(sentence)
        found: dict[str, Match] = {}
        for rule in self._rules:
            if rule.tag in found:
                continue
            hit = _first_unguarded(rule.pattern, rule.guards, words, asked)
            if hit:
                found[rule.tag] = Match(rule.tag, rule.name, hit.group(0).strip(), 100.0, sentence)
        for tag, phrase in self._phrases:
            if tag not in found:
                match = self._fuzzy(tag, phrase, words, sentence)
                if match:
                    found[tag] = match
        return list(found.values())

    def _fuzzy(self, tag: str, phrase: str, words: str, sentence: str) -> Match | None:
        """The best window of the sentence's words that reads like the phrase, with a word or two misheard.

        Windows are whole words of about the phrase's length, so "that makes sense" (a statement) does not
        pass for "does that make sense" (a question) the way a substring score would let it."""
        tokens = words.split()
        size = phrase.count(" ") + 1
        if len(tokens) < size - 1:
            return None
        windows = _windows(tokens, size)
        best = process.extractOne(phrase, windows, scorer=fuzz.ratio, score_cutoff=PHRASE_CUTOFF)
        if best is None:
            return None
        matched, score, index = best
        start, length = _window_spans(tokens, size)[index]
        before = " ".join(tokens[:start])
        after = " " + " ".join(tokens[start + length :])
        if any(guard.search(before) for guard in self._phrase_guards):
            return None
        if self._phrase_after and self._phrase_after.search(after):
            return None
        return Match(tag, f'phrase "{phrase}"', matched, round(score, 1), sentence)


def _window_spans(tokens: list[str], size: int) -> list[tuple[int, int]]:
    lengths = [n for n in (size - 1, size, size + 1) if 0 < n <= len(tokens)]
    return [(start, n) for n in lengths for start in range(len(tokens) - n + 1)]


def _windows(tokens: list[str], size: int) -> list[str]:
    return [" ".join(tokens[start : start + n]) for start, n in _window_spans(tokens, size)]


def _first_unguarded(pattern: re.Pattern[str], guards, words: str, asked: bool | None) -> re.Match[str] | None:
    """The first match that no guard vetoes. Guards read the words before the match, or the sentence."""
    for hit in pattern.finditer(words):
        before = words[: hit.start()]
        if not any(_holds(name, guard, words, before, asked) for name, guard in guards):
            return hit
    return None


def _holds(name: str, guard: re.Pattern[str], words: str, before: str, asked: bool | None) -> bool:
    if name == "asks" and asked is not None:
        return asked
    return bool(guard.search(words if name in _SENTENCE_GUARDS else before))


def _asked(sentence: str) -> bool | None:
    """True/False for punctuated text (does it end with "?"); None for recognizer output, which cannot say."""
    stripped = sentence.rstrip(" \t\"'’”)")
    if stripped.endswith("?"):
        return True
    return False if re.search(r"[.,!;:]", stripped) else None


# These describe the whole sentence (a question about the company, a story from a former job), not
# just what precedes the move.
_SENTENCE_GUARDS = {"inquiry", "clarifying", "elsewhere", "past_story", "asks"}
# Phrases are vetoed by the same guards as rules where they apply before the phrase, and by third_party
# after it.


def _expand_vocab(vocab: dict[str, str], source: str) -> dict[str, str]:
    expanded: dict[str, str] = {}

    def expand(name: str, seen: tuple[str, ...] = ()) -> str:
        if name in seen:
            raise RulesError(f"{source}: vocab.{name}: refers to itself through {' -> '.join(seen)}")
        if name not in vocab:
            raise RulesError(f"{source}: %{name}% is used but vocab.{name} is not defined")
        if name not in expanded:
            expanded[name] = _MACRO.sub(lambda m: expand(m.group(1), seen + (name,)), vocab[name])
        return expanded[name]

    for name in vocab:
        expand(name)
    return expanded


def _build_rule(raw: dict, vocab: dict[str, str], guards: dict, source: str) -> _Rule:
    name = raw.get("name", "?")
    if raw.get("tag") not in TAGS:
        raise RulesError(f"{source}: rule {name!r}: tag {raw.get('tag')!r} is not one of {', '.join(TAGS)}")
    unknown = [g for g in raw.get("guards", []) if g not in guards]
    if unknown:
        raise RulesError(f"{source}: rule {name!r}: unknown guard {unknown[0]!r}; define it under [guards]")

    def vocab_entry(m: re.Match[str]) -> str:
        if m.group(1) not in vocab:
            raise RulesError(f"{source}: rule {name!r}: %{m.group(1)}% is not defined under [vocab]")
        return vocab[m.group(1)]

    pattern = _compile(_MACRO.sub(vocab_entry, raw["pattern"]), source, f"rule {name!r}")
    return _Rule(raw["tag"], name, pattern, tuple((g, guards[g]) for g in raw.get("guards", [])))


def _compile(pattern: str, source: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RulesError(f"{source}: {where}: not a valid pattern ({exc})") from None


def shipped_rules() -> dict:
    text = resources.files("interviewer").joinpath("data/tag_rules.toml").read_text(encoding="utf-8")
    return load_toml_text(text, "interviewer/data/tag_rules.toml")


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The tagger built from the shipped rules, compiled once per process."""
    return Tagger(shipped_rules(), source="interviewer/data/tag_rules.toml")


def tag(text: str) -> Tagged:
    return default_tagger().tag(text)
