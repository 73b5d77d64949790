"""O002's verb list: each verb's participle is an English word, and no listed bare form is a word
that English puts after "were" as an adjective or a predicate noun."""

from __future__ import annotations

from normalizer.kinds.participles import NOUNISH, VERBS, participle
from normalizer.lexicon import zipf

# Words that follow "was"/"were" in good English ("were present", "was murder", "were free").
PREDICATES = """present home part content loot average subject free open close closed complete fine base test
    target attack damage record film award delay block sign transfer train murder fire rescue storm defeat
    lead shut hit cut set put hurt cost spread""".split()


def test_every_participle_is_an_english_word() -> None:
    assert not [(v, participle(v)) for v in VERBS if zipf(participle(v)) < 2.5]


def test_no_predicate_word_is_listed() -> None:
    assert not set(PREDICATES) & set(VERBS)


def test_nouns_among_the_verbs_are_marked() -> None:
    # a bare form wordfreq knows about as well as its participle is likely a noun too: it must be in NOUNISH
    # unless listed here after a check by hand (no predicate use after "be" in news)
    checked = {"ask", "kill", "expect", "include", "require", "remove", "replace", "confirm", "announce",
               "deny", "allow", "prevent", "tell", "give", "bring", "send", "write", "publish", "involve",
               "threaten", "warn", "urge", "invite", "choose", "identify", "seek", "teach", "throw", "steal",
               "shoot", "reject", "approve", "cancel", "destroy", "locate", "punish", "inform", "investigate",
               "relocate"}
    common_bare = {v for v in VERBS if zipf(v) >= zipf(participle(v))}
    assert not common_bare - NOUNISH - checked, sorted(common_bare - NOUNISH - checked)
