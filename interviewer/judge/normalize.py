"""Bring typed text and speech-recognizer output to one canonical form before tagging.

Typed answers carry punctuation, quotes and contractions; recognizer output is lowercase, unpunctuated
and full of homophones ("four" for "for", "wood" for "would"). Both end up as the same lowercase words
with contractions spelled out, so one set of rules serves both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# A quoted stretch of several words: someone else's words, which carry no tag ("My manager used to say,
# 'always ask for the order.'"). Apostrophes inside words (I'd, what's) are not quotes.
_QUOTED = re.compile(r"""(?:(?<=^)|(?<=[\s,:;(\-]))(['‘"“])(?=\w)([^'‘’"“”]*?\s[^'‘’"“”]*?)['’"”](?=[\s,.;:!?)\-]|$)""")
_SENTENCE_END = re.compile(r"(?<=[.?!])[\s\"'’”]+(?=\S)")
_FILLER = re.compile(r"um+|uh+|uhm|erm|er|hmm+|ah")
_NON_WORD = re.compile(r"[^a-z0-9' ]+")

# Contractions, typed (with an apostrophe) or as a recognizer writes them (without).
_CONTRACTIONS = {
    "i'd": "i would",
    "id": "i would",
    "i'll": "i will",
    "i'm": "i am",
    "im": "i am",
    "i've": "i have",
    "ive": "i have",
    "you'd": "you would",
    "youd": "you would",
    "you're": "your",
    "youre": "your",
    "you've": "you have",
    "youve": "you have",
    "you'll": "you will",
    "we'll": "we will",
    "we're": "we are",
    "we've": "we have",
    "we'd": "we would",
    "what's": "what is",
    "whats": "what is",
    "that's": "that is",
    "thats": "that is",
    "it's": "it is",
    "let's": "let us",
    "here's": "here is",
    "heres": "here is",
    "there's": "there is",
    "theres": "there is",
    "who's": "who is",
    "whos": "who is",
    "where's": "where is",
    "when's": "when is",
    "how's": "how is",
    "how'd": "how did",
    "what'd": "what did",
    "that'll": "that will",
    "thatll": "that will",
    "it'll": "it will",
    "won't": "will not",
    "don't": "do not",
    "dont": "do not",
    "can't": "can not",
    "cant": "can not",
    "cannot": "can not",
    "didn't": "did not",
    "didnt": "did not",
    "doesn't": "does not",
    "doesnt": "does not",
    "haven't": "have not",
    "havent": "have not",
    "hasn't": "has not",
    "isn't": "is not",
    "isnt": "is not",
    "wasn't": "was not",
    "wasnt": "was not",
    "aren't": "are not",
    "weren't": "were not",
    "wouldn't": "would not",
    "wouldnt": "would not",
    "couldn't": "could not",
    "shouldn't": "should not",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "they're": "they are",
    "they'd": "they would",
    "she'd": "she would",
    "he'd": "he would",
}


def split_sentences(text: str) -> list[str]:
    """Split a turn into sentences at . ? ! (recognizer output has none and stays whole)."""
    return [part.strip() for part in _SENTENCE_END.split(text.strip()) if part.strip()]


def strip_quotes(text: str) -> str:
    """Drop multi-word quoted stretches: words put in someone else's mouth."""
    return _QUOTED.sub(" ", text)


def canonical(text: str, fixes: Sequence[tuple[re.Pattern[str], str, tuple[str, ...]]] = ()) -> str:
    """Lowercase words with contractions spelled out, fillers dropped, and heard-for-meant fixes applied."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _NON_WORD.sub(" ", text.lower().replace("`", "'").replace("-", " "))
    tokens: list[str] = []
    for word in text.split():
        for token in _CONTRACTIONS.get(word, word.strip("'")).split():
            # Fillers carry nothing, and a repeated word ("I, I guess") is one word said twice.
            if not _FILLER.fullmatch(token) and (not tokens or tokens[-1] != token):
                tokens.append(token)
    text = " ".join(tokens)
    for pattern, replacement, when in fixes:
        if not when or any(clue in text for clue in when):
            text = pattern.sub(replacement, text)
    return text
