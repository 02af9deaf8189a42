"""Cross-script person names: normalised keys, blocking keys and matching.

Names of Uyghurs and Kazakhs reach us in Latin (several romanisations),
Kazakh and Russian Cyrillic, Uyghur Arabic script and Chinese characters.
search_key() gives one folded Latin string per name for searching,
blocking_keys() short keys for finding candidates, and score() a verdict on
whether two written names are the same person's, with an explanation.
"""

from .keys import blocking_keys
from .matching import (
    THRESHOLD,
    NameMatch,
    PartMatch,
    score,
    score_ceiling,
    score_if_same,
    sorted_letters,
)
from .normalise import name_parts, name_variants_in_text, search_key
from .scripts import detect_script

__all__ = [
    "THRESHOLD",
    "NameMatch",
    "PartMatch",
    "blocking_keys",
    "detect_script",
    "name_parts",
    "name_variants_in_text",
    "score",
    "score_ceiling",
    "score_if_same",
    "search_key",
    "sorted_letters",
]
