"""Search the articles we already have for name forms added later.

A case entered today must find last year's articles: every name form added
since the last sweep is looked for in the imported texts, and the articles
that may contain it are cross-referenced again (which never duplicates nor
revives a rejected mention).
"""

import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.models import PersonName

from . import matching
from .models import ArticleState, NameSweep, SourceArticle

# Shorter words would match too many texts to be worth a second look (two Han
# characters make a name part).
MIN_WORD = 2
WORD_SEPARATORS = re.compile(r"[\s·・.,'\-]+")


def sweep_new_names() -> int:
    """Cross-reference the name forms added since the last sweep; return how many."""
    with transaction.atomic():
        sweep, _ = NameSweep.objects.select_for_update().get_or_create(pk=1)
        names = list(
            PersonName.objects.filter(pk__gt=sweep.last_name_id).order_by("pk")[:500]
        )
        for name in names:
            rematch_articles_for(name_form=name)
        if names:
            sweep.last_name_id = names[-1].pk
        sweep.swept_at = timezone.now()
        sweep.save()
    return len(names)


def rematch_articles_for(*, name_form: PersonName) -> int:
    """Cross-reference again the articles whose text may name this form."""
    articles = SourceArticle.objects.filter(state=ArticleState.MATCHED).filter(
        articles_that_may_name(name_form.text)
    )
    count = 0
    for article in articles.iterator():
        matching.match_article(article=article)
        count += 1
    return count


def articles_that_may_name(text: str) -> Q:
    """Return a filter for articles whose text contains every word of a name.

    Russian and Kazakh endings are appended to a name ("Билаш", "Билаша"), so
    the word as written is found in its inflected forms too.
    """
    words = [word for word in WORD_SEPARATORS.split(text) if len(word) >= MIN_WORD]
    condition = Q()
    for word in words:
        condition &= Q(text__icontains=word)
    return condition if words else Q(pk__in=[])
