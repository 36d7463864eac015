"""Utterance -> the Always-Be-Soft-Closing tags that apply, each with the evidence behind it.

Two judges read every turn. The rules (judge/rules.py) know the stock forms and the vetoes: negation,
someone else's words, a question about the company. The trained head (judge/model.py) reads what the
candidate means through a pretrained sentence encoder (judge/encoder.py), so phrasing no one wrote down still
counts, beside the turn's word n-grams (judge/ngrams.py) and the rules' findings, so it learns when to trust
them. A turn is read whole and sentence by sentence; a tag is given where the head's probability for it
reaches the tag's threshold anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .encoder import SentenceEncoder, shipped_encoder
from .model import TagHead, shipped_head
from .normalize import split_sentences, strip_quotes
from .rules import RuleTagger, shipped_rules
from .tags import TAGS, Match, Tagged

RULES_SOURCE = "interviewer/judge/data/tag_rules.toml"


@dataclass(frozen=True)
class Units:
    """The pieces of a turn the head reads: the whole turn first (when it has several sentences), then each
    sentence; with the rules' matches and hits for each piece."""

    texts: tuple[str, ...]
    sentences: tuple[str, ...]
    words: tuple[str, ...]  # each sentence's canonical form
    rule_matches: tuple[tuple[Match, ...], ...]  # per sentence
    rule_hits: np.ndarray  # (pieces, tags) 0/1


class Tagger:
    def __init__(self, rules: RuleTagger, encoder: SentenceEncoder, head: TagHead):
        self.rules, self.encoder, self.head = rules, encoder, head

    def units(self, text: str) -> Units:
        sentences = tuple(split_sentences(strip_quotes(text)))
        words = tuple(self.rules.canonical(s) for s in sentences)
        matches = tuple(tuple(self.rules.tag_sentence(s, w)) for s, w in zip(sentences, words, strict=True))
        per_sentence = [[1.0 if any(m.tag == t for m in found) else 0.0 for t in TAGS] for found in matches]
        if len(sentences) > 1:
            texts = (" ".join(sentences), *sentences)
            per_sentence = [list(np.max(per_sentence, axis=0)), *per_sentence]
        else:
            texts = sentences
        hits = np.array(per_sentence, dtype=np.float32).reshape(len(texts), len(TAGS))
        return Units(texts, sentences, words, matches, hits)

    def tag(self, text: str, *, why: bool = False) -> Tagged:
        """Tag a whole turn. With `why`, each tag the model gave names its nearest training examples."""
        return self.tag_many([text], why=why)[0]

    def tags(self, text: str) -> list[str]:
        return list(self.tag(text).tags)

    def tag_many(self, texts: Sequence[str], *, why: bool = False, batch: int = 64) -> list[Tagged]:
        """Tag many turns, their pieces read by the encoders in batches (much faster than one by one)."""
        every = [self.units(text) for text in texts]
        pieces = [piece for units in every for piece in units.texts]
        vectors = np.vstack(
            [self.encoder.encode(pieces[i : i + batch]) for i in range(0, len(pieces), batch)]
            or [np.zeros((0, 0), np.float32)]
        )
        tagged, at = [], 0
        for text, units in zip(texts, every, strict=True):
            count = len(units.texts)
            if not count:
                tagged.append(Tagged(text, (), (), (), ()))
                continue
            mine = vectors[at : at + count]
            at += count
            probabilities = self.head.probabilities(units.texts, mine, units.rule_hits)
            tagged.append(self._decide(text, units, mine, probabilities, why))
        return tagged

    def _decide(self, text: str, units: Units, vectors, probabilities, why: bool) -> Tagged:
        matches = []
        for column, tag in enumerate(TAGS):
            best = int(np.argmax(probabilities[:, column]))
            probability = float(probabilities[best, column])
            if probability >= self.head.thresholds[column]:
                matches.append(self._evidence(units, probabilities, vectors, tag, best, probability, why))
        found = {m.tag for m in matches}
        return Tagged(text, tuple(t for t in TAGS if t in found), tuple(matches), units.sentences, units.words)

    def _evidence(self, units, probabilities, vectors, tag, best, probability, why) -> Match:
        """The rule that found the tag in the sentence the model rates highest, else the model itself."""
        column = TAGS.index(tag)
        offset = len(units.texts) - len(units.sentences)  # 1 when the whole turn leads the pieces
        sentence_index = int(np.argmax(probabilities[offset:, column]))
        sentence = units.sentences[sentence_index]
        for match in units.rule_matches[sentence_index]:
            if match.tag == tag:
                return match
        nearest = self.head.nearest(vectors[best], tag) if why else ()
        return Match(tag, "model", units.texts[best], round(100 * probability, 1), sentence, nearest)


@lru_cache(maxsize=1)
def default_rules() -> RuleTagger:
    return RuleTagger(shipped_rules(), source=RULES_SOURCE)


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The shipped judge, loaded once per process."""
    return Tagger(default_rules(), shipped_encoder(), shipped_head())


def tag(text: str) -> Tagged:
    return default_tagger().tag(text)
