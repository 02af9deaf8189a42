"""How the evidence of two possible duplicates reads to a case worker: the
score, how their names' parts correspond, the facts shared or contradicted."""

from django.utils.translation import gettext_lazy as _

from cases.names import NameMatch

__all__ = ["describe_evidence", "explain_match", "score_label"]

# The facts as a case worker calls them; the evidence stores the keys above.
_FACT_LABELS = {
    "birth year": _("birth year"),
    "county of origin": _("county of origin"),
    "ethnicity": _("ethnicity"),
    "gender": _("gender"),
    "citizenship": _("citizenship"),
}
# How two parts of names correspond, as cases.names.PartMatch.how says it.
_HOW = {
    "exact": _("spelled the same"),
    "transliteration": _("the same in another script"),
    "phonetic": _("sounds the same"),
    "suffix": _("the same with an ending"),
    "typo": _("a slip of the pen apart"),
    "initial": _("an initial of it"),
    "Turkish spelling": _("the same in Turkish spelling"),
    "Wade-Giles": _("the same in Wade-Giles"),
    "Cantonese": _("the same in Cantonese spelling"),
    "different": _("different"),
    "order": _("on the other side of bin"),
}


def score_label(score: float) -> str:
    """Return a pair's score as every page shows it: one number, two decimals."""
    return f"{score:.2f}"


def describe_evidence(evidence: dict) -> list[str]:
    """Return why two persons look alike, in a case worker's words, a line each."""
    lines = [evidence.get("explanation", "")]
    if evidence.get("same"):
        lines.append(_("Same %s (raises the score)") % _facts(evidence["same"]))
    if evidence.get("different"):
        lines.append(
            _("Different %s (lowers the score)") % _facts(evidence["different"])
        )
    return [str(line) for line in lines if line]


def _facts(keys: list[str]) -> str:
    return ", ".join(str(_FACT_LABELS.get(key, key)) for key in keys)


def explain_match(match: NameMatch) -> str:
    """Say how the two names' parts correspond, without the matcher's score."""
    clauses = []
    for part in match.explanation:
        if part.how == "missing":
            clauses.append(
                str(_("%s has no counterpart") % (part.part_a or part.part_b))
            )
        else:
            sign = {"exact": "=", "different": "≠", "order": "≠"}.get(part.how, "≈")
            how = _HOW.get(part.how, part.how)
            clauses.append(f"{part.part_a} {sign} {part.part_b} ({how})")
    return "; ".join(clauses)
