"""The tagger's rules: what must never be missed, and what vetoes a tag. Pure, no I/O.

Two kinds of evidence, both loaded from data (interviewer/judge/data/tag_rules.toml):
- rules: regular expressions over canonical text that describe what the candidate is doing,
  each with guards that veto it (negation, someone else's words, a clarifying question);
- phrases: short stock phrases matched fuzzily with rapidfuzz, so a misheard word still counts.
A turn is split into sentences; each sentence is judged on its own and the turn gets the union.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from rapidfuzz import fuzz, process

from ..errors import RulesError
from ..tomlio import load_toml_text
from .normalize import canonical, split_sentences, strip_quotes
from .tags import TAGS, Match, Tagged

PHRASE_CUTOFF = 88.0  # rapidfuzz ratio of a word window; below this it is usually a different phrase
_MACRO = re.compile(r"%(\w+)%")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Guard:
    name: str
    pattern: re.Pattern[str] | None
    whole_sentence: bool  # reads the whole sentence, not only the words before the match


@dataclass(frozen=True)
class _Rule:
    tag: str
    name: str
    pattern: re.Pattern[str]
    guards: tuple[_Guard, ...]
    requires: tuple[str, ...] = ()  # skip the pattern unless the sentence contains one of these


class RuleTagger:
    """Tags utterances with the rules and phrases it was built from."""

    def __init__(self, rules: dict, source: str = "tag rules", extra_phrases: dict | None = None):
        self._fixes = [
            (_compile(f["heard"], source, "fix"), f["meant"], tuple(f.get("when", ()))) for f in rules.get("fix", [])
        ]
        vocab = _expand_vocab(rules.get("vocab", {}), source)
        whole = set(rules.get("guard_scope", {}).get("whole_sentence", []))
        guards = {
            name: _Guard(name, _compile(p, source, f"guards.{name}"), name in whole)
            for name, p in rules.get("guards", {}).items()
        }
        guards |= {name: _Guard(name, None, True) for name in _BUILT_IN_GUARDS}
        self._rules = [_build_rule(r, vocab, guards, source) for r in rules.get("rule", [])]
        self._phrases: list[tuple[str, str]] = []
        for bank in (rules.get("phrases", {}), extra_phrases or {}):
            for tag, phrases in bank.items():
                if tag not in TAGS:
                    raise RulesError(f"{source}: phrases.{tag}: unknown tag; use one of {', '.join(TAGS)}")
                self._phrases += [(tag, canonical(p, self._fixes)) for p in phrases]
        self._phrases_by_size: dict[int, list[tuple[str, str, set[str]]]] = {}
        for tag, phrase in self._phrases:
            self._phrases_by_size.setdefault(phrase.count(" ") + 1, []).append((tag, phrase, set(phrase.split())))
        # Phrases are vetoed by the rules' guards on what comes before them, and by third_party after.
        self._phrase_guards = tuple(guards[n].pattern for n in ("negated", "reported") if n in guards)
        self._phrase_after = guards["third_party"].pattern if "third_party" in guards else None

    def tag(self, text: str) -> Tagged:
        """Tag a whole turn: every sentence on its own, the turn gets the union (in TAGS order)."""
        matches: list[Match] = []
        for sentence in split_sentences(strip_quotes(text)):
            matches += self.tag_sentence(sentence)
        found = {m.tag for m in matches}
        return Tagged(text=text, tags=tuple(t for t in TAGS if t in found), matches=tuple(matches))

    def tags(self, text: str) -> list[str]:
        return list(self.tag(text).tags)

    def canonical(self, sentence: str) -> str:
        """The sentence's canonical form, with the rules' heard-for-meant fixes applied."""
        return canonical(sentence, self._fixes)

    def tag_sentence(self, sentence: str, words: str | None = None) -> list[Match]:
        """The rules' matches in one sentence; `words` is its canonical form when the caller has it."""
        words = self.canonical(sentence) if words is None else words
        if not words:
            return []
        asked = _asked(sentence)
        found: dict[str, Match] = {}
        for rule in self._rules:
            if rule.tag in found or (rule.requires and not any(word in words for word in rule.requires)):
                continue
            hit = _first_unguarded(rule.pattern, rule.guards, words, asked)
            if hit:
                found[rule.tag] = Match(rule.tag, rule.name, hit.group(0).strip(), 100.0, sentence)
        for match in self._fuzzy_matches(words, sentence, skip=set(found)):
            found.setdefault(match.tag, match)
        return list(found.values())

    def _fuzzy_matches(self, words: str, sentence: str, skip: set[str]) -> list[Match]:
        """Phrases that a window of the sentence's words reads like, with a word or two misheard.

        Windows are whole words of about the phrase's length, so "that makes sense" (a statement) does not
        pass for "does that make sense" (a question) the way a substring score would let it. The windows
        of each length are cut once per sentence and shared by every phrase near that length."""
        present = set(words.split())
        bounds = [(m.start(), m.end()) for m in _WORD.finditer(words)]
        cut: dict[int, list[tuple[str, int, int]]] = {}
        found: list[Match] = []
        for size, full_bank in self._phrases_by_size.items():
            # A misheard phrase still keeps most of its words; most phrases fail this cheap test.
            bank = [
                (tag, phrase)
                for tag, phrase, vocabulary in full_bank
                if tag not in skip and 2 * len(vocabulary & present) >= len(vocabulary)
            ]
            if not bank:
                continue
            # Same length, or one longer for a split word ("feed back"); never shorter, which would let a
            # window drop the word that carries the meaning ("any concerns about [me]").
            windows = [w for n in (size, size + 1) for w in _windows(words, bounds, n, cut)]
            texts = [text for text, _, _ in windows]
            for tag, phrase in bank:
                best = (
                    None
                    if tag in skip or not texts
                    else process.extractOne(phrase, texts, scorer=fuzz.ratio, score_cutoff=PHRASE_CUTOFF)
                )
                if best is None:
                    continue
                _, start, end = windows[best[2]]
                if self._phrase_vetoed(words[:start], words[end:]):
                    continue
                skip.add(tag)
                found.append(Match(tag, f'phrase "{phrase}"', best[0], round(best[1], 1), sentence))
        return found

    def _phrase_vetoed(self, before: str, after: str) -> bool:
        if any(guard.search(before) for guard in self._phrase_guards):
            return True
        return bool(self._phrase_after and self._phrase_after.search(after))


def _windows(words: str, bounds: list[tuple[int, int]], n: int, cut: dict) -> list[tuple[str, int, int]]:
    """Every run of n words as (text, start, end) character offsets, cut once per sentence."""
    if n not in cut:
        cut[n] = (
            [
                (words[bounds[i][0] : bounds[i + n - 1][1]], bounds[i][0], bounds[i + n - 1][1])
                for i in range(len(bounds) - n + 1)
            ]
            if n > 0
            else []
        )
    return cut[n]


def _first_unguarded(pattern: re.Pattern[str], guards, words: str, asked: bool | None) -> re.Match[str] | None:
    """The first match that no guard vetoes. Guards read the words before the match, or the sentence."""
    for hit in pattern.finditer(words):
        before = words[: hit.start()]
        if not any(_holds(guard, words, before, asked) for guard in guards):
            return hit
    return None


def _holds(guard: _Guard, words: str, before: str, asked: bool | None) -> bool:
    if guard.name == "statement":  # a typed sentence that does not end with "?"; recognizer output never is
        return asked is False
    if guard.name == "asks" and asked is not None:
        return asked
    return bool(guard.pattern.search(words if guard.whole_sentence else before))


def _asked(sentence: str) -> bool | None:
    """True/False for punctuated text (does it end with "?"); None for recognizer output, which cannot say."""
    stripped = sentence.rstrip(" \t\"'’”)")
    if stripped.endswith("?"):
        return True
    return False if re.search(r"[.,!;:]", stripped) else None


# Guards the tagger knows without a pattern: "statement" vetoes a typed sentence that is not a question.
_BUILT_IN_GUARDS = {"statement"}


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
    requires = tuple(raw.get("requires", ()))
    return _Rule(raw["tag"], name, pattern, tuple(guards[g] for g in raw.get("guards", [])), requires)


def _compile(pattern: str, source: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RulesError(f"{source}: {where}: not a valid pattern ({exc})") from None


def shipped_rules() -> dict:
    text = resources.files("interviewer.judge").joinpath("data/tag_rules.toml").read_text(encoding="utf-8")
    return load_toml_text(text, "interviewer/judge/data/tag_rules.toml")
