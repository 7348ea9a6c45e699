"""_Sentence.growth_cued against the plain case-blind searches of the window it stands for."""

from verifier import lexicon
from verifier.indicators import _Sentence

_TEXTS = [
    "Output ROSE 8.1 percent, while exports Fell 2 percent",
    "工业增加值增长9.6%，出口下降2%",
    "Revenue İncreased 5 percent and ſales grew",  # odd case: the plain search decides
    "The share was 30 percent of GDP",
    "",
]


def test_growth_cued_matches_plain_search() -> None:
    for text in _TEXTS:
        cues = lexicon.cues_for(text)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                window = text[start:end]
                plain = bool(cues.growth_up.search(window) or cues.growth_down.search(window))
                assert _Sentence(text, None).growth_cued(start, end) == plain, (text, start, end)
