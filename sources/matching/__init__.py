"""Cross-reference articles with our persons: mentions to review, and leads.

match_article() runs the finders on an article's text and stores what they
found. It can run again at any time (after a text correction, or when new
persons were added): a span already found is updated, never duplicated, and
its review status is kept. Mentions that no longer match after the text
changed are left in place, since a reviewer may have acted on them; the
reviewer rejects them if they are wrong.
"""

from django.db import transaction

from sources.models import Lead, Mention, SourceArticle

from .finding import FoundMention, find_mentions
from .leads import FoundLead, find_leads

__all__ = ["FoundLead", "FoundMention", "find_leads", "find_mentions", "match_article"]


def match_article(*, article: SourceArticle) -> list[int]:
    """Store the mentions and leads of the article; return the mentions' ids.

    The import state is the importer's (sources.importing) to advance. A few
    queries whatever the length of the text: the candidate look-up, the name
    forms of the persons found, the facility names, one write each for
    mentions and leads, in one transaction (mentions alone are one statement).
    """
    language = article.language
    found = find_mentions(text=article.text, language=language)
    leads = find_leads(text=article.text, mentions=found, language=language)
    if not leads:
        # One statement is a transaction of its own: no BEGIN and COMMIT to wait for.
        return Mention.objects.store_found(article.pk, found)
    with transaction.atomic():
        ids = Mention.objects.store_found(article.pk, found)
        Lead.objects.bulk_create(
            [Lead(article=article, **lead.__dict__) for lead in leads],
            ignore_conflicts=True,
        )
    return ids
