"""Import articles: queue a URL, an uploaded file or a feed item, then take it
through fetching, archiving, extraction and cross-referencing.

Every step can be repeated safely (a worker may die half-way and the task runs
again): each starts from the article's recorded state, a capture is stored once
per body, an article's text once, and mentions once per span.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from casetracker.celery import enqueue_on_commit

from . import archive, extraction, fetching, matching
from .models import ArticleState, Feed, ImportJob, SourceArticle, SourceKind

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL), as the plugin types its ForeignKeys.
    from django.contrib.auth.models import User

MAX_FILE_BYTES = 10 * 1024 * 1024
# Longer than a fetch with all its retries takes (about a minute); with the
# sweep every 5 minutes (settings), a lost queue's imports resume within 15.
STALLED_AFTER = timedelta(minutes=10)
UNFINISHED = (ArticleState.QUEUED, ArticleState.FETCHED, ArticleState.EXTRACTED)
URL_SCHEMES = ("http", "https")


class TransientImportError(Exception):
    """A fetch failed for a reason that may pass (timeout, 429, 5xx): retry later."""


@dataclass(frozen=True)
class Upload:
    """A file a case worker gave us: an article saved offline."""

    filename: str
    data: bytes


def start_import(
    *,
    urls: Sequence[str] = (),
    uploads: Sequence[tuple[str, bytes]] = (),
    actor: "User | AnonymousUser | None" = None,
    label: str = "",
) -> ImportJob:
    """Create an import job with one article per URL or file, and enqueue them.

    A URL that is not one becomes a failed article with the reason, so that one
    bad line never loses the rest of a batch.
    """
    if actor is None or isinstance(actor, AnonymousUser) or not actor.pk:
        actor = None  # started by nobody in particular
    with transaction.atomic():
        job = ImportJob.objects.create(label=label[:300], created_by=actor)
        articles = [queue_url(url=url, job=job) for url in urls]
        articles += [
            queue_upload(upload=Upload(*upload), job=job) for upload in uploads
        ]
        enqueue_imports(article.pk for article in articles)
    return job


def enqueue_imports(article_ids: Iterable[int]) -> None:
    """Send the articles to the workers once the transaction has committed."""
    from .tasks import import_article  # the tasks module imports this one

    for article_id in list(article_ids):
        enqueue_on_commit(import_article, article_id)


def resume_stalled_imports(*, stalled_after: timedelta = STALLED_AFTER) -> int:
    """Enqueue again the imports left half-way for longer than stalled_after.

    An import is lost when the broker loses its queue (a Redis restart) or
    when the database server loses a worker's last commits after a crash
    (casetracker.celery). Each step starts from the article's recorded state,
    so an import enqueued twice does its work once. An article taken up
    counts as updated, so it is enqueued again only after another wait.
    Articles entered by hand are never imported. Return how many.
    """
    now = timezone.now()
    with transaction.atomic():
        stalled = (
            SourceArticle.objects.filter(
                state__in=UNFINISHED, updated_at__lt=now - stalled_after
            )
            .exclude(source_kind=SourceKind.MANUAL)
            .select_for_update(skip_locked=True)
        )
        ids = list(stalled.values_list("pk", flat=True))
        SourceArticle.objects.filter(pk__in=ids).update(updated_at=now)
        enqueue_imports(ids)
    return len(ids)


def queue_url(
    *,
    url: str,
    job: ImportJob | None = None,
    feed: Feed | None = None,
    entry_id: str = "",
) -> SourceArticle:
    """Return the article for a URL, the one we have or a new queued one, in the job."""
    article = _article_for_url(url=url, job=job, feed=feed, entry_id=entry_id)
    if job is not None:
        job.articles.add(article)
    return article


def _article_for_url(
    *, url: str, job: ImportJob | None, feed: Feed | None, entry_id: str
) -> SourceArticle:
    url = url.strip()
    problem = url_problem(url)
    if problem:
        return SourceArticle.objects.create(
            url="",
            title=url[:500],
            source_kind=SourceKind.URL,
            state=ArticleState.FAILED,
            failure_reason=problem,
            import_job=job,
        )
    canonical = extraction.canonical_url(url)
    existing = SourceArticle.objects.filter(canonical_url=canonical).first()
    if existing is not None:
        # Asked for again, a failed URL is fetched again (the page may be back);
        # a feed that lists it at every poll is not asking.
        if existing.state == ArticleState.FAILED and feed is None:
            existing.queue_again()
        return existing
    kind = SourceKind.FEED if feed else SourceKind.URL
    try:
        with transaction.atomic():
            return SourceArticle.objects.create(
                url=url,
                canonical_url=canonical,
                source_kind=kind,
                state=ArticleState.QUEUED,
                import_job=job,
                feed=feed,
                feed_entry_id=entry_id[:2000],
            )
    except IntegrityError:  # queued at the same moment by another request
        return SourceArticle.objects.get(canonical_url=canonical)


def url_problem(url: str) -> str:
    """Say what is wrong with a URL we are asked to fetch, or return ""."""
    if len(url) > 2000:
        return "The URL is longer than 2,000 characters."
    try:
        URLValidator(schemes=URL_SCHEMES)(url)
    except ValidationError:
        return "Not an http or https URL."
    return ""


def queue_upload(*, upload: Upload, job: ImportJob | None = None) -> SourceArticle:
    """Keep an uploaded file as the article's capture, ready for extraction."""
    article = SourceArticle.objects.create(
        title=upload.filename[:500],
        source_kind=SourceKind.FILE,
        state=ArticleState.QUEUED,
        import_job=job,
    )
    if not upload.data.strip():
        article.mark_failed("The file is empty.")
    elif len(upload.data) > MAX_FILE_BYTES:
        article.mark_failed("The file is larger than 10 MB.")
    else:
        content_type = extraction.media_type_of_file(upload.filename, upload.data)
        archive.store_upload(
            article=article,
            filename=upload.filename,
            data=upload.data,
            content_type=content_type,
        )
        article.advance(ArticleState.QUEUED, ArticleState.FETCHED)
    if job is not None:
        job.articles.add(article)
    return article


def import_article(*, article: SourceArticle, fetch_attempts: int = 1) -> SourceArticle:
    """Take an article from its current state as far as it goes.

    Raise TransientImportError when fetching failed for a reason that may pass,
    leaving the article queued; record permanent failures on the article.
    """
    if article.state == ArticleState.QUEUED:
        fetch_article(article=article, attempts=fetch_attempts)
    if article.state == ArticleState.FETCHED:
        extract_article(article=article)
    if article.state == ArticleState.EXTRACTED:
        matching.match_article(article=article)
        article.advance(ArticleState.EXTRACTED, ArticleState.MATCHED)
    return article


def import_now(*, article: SourceArticle) -> SourceArticle:
    """Import an article in this process (the CLI): retry a few times, then give up."""
    try:
        return import_article(article=article, fetch_attempts=3)
    except TransientImportError as error:
        article.mark_failed(f"{error} (gave up after 3 attempts)")
        return article


def fetch_article(*, article: SourceArticle, attempts: int = 1) -> None:
    """Fetch the article's URL and keep the capture; record why if it failed."""
    try:
        response = fetching.fetch_with_retries(article.url, attempts=attempts)
    except fetching.FetchError as error:
        article.count_attempt()
        if error.transient:
            raise TransientImportError(error.reason) from error
        article.mark_failed(error.reason)
        return
    with transaction.atomic():
        archive.store_capture(article=article, response=response)
        article.count_attempt()
        article.advance(ArticleState.QUEUED, ArticleState.FETCHED)


def extract_article(*, article: SourceArticle) -> None:
    """Read the newest capture into the article's title, date and text."""
    capture = article.captures.latest()
    try:
        extracted = extraction.extract_article(
            body=capture.read_body(),
            content_type=capture.header("content-type") or capture.content_type,
            url=capture.final_url,
        )
    except extraction.ExtractionError as error:
        article.mark_failed(error.reason)
        return
    fingerprint = extraction.text_fingerprint(extracted.text)
    article.title = extracted.title or article.title  # a file keeps its name
    article.author = extracted.author[:300]
    article.published_on = article.published_on or extracted.published_on
    article.language = extracted.language[:12]
    article.text = extracted.text
    article.text_sha256 = fingerprint
    try:
        with transaction.atomic():
            article.save()
            article.advance(ArticleState.FETCHED, ArticleState.EXTRACTED)
    except IntegrityError:
        # The fingerprint is unique: saving is the duplicate check, one query
        # fewer than looking first, and right also when the same text arrives
        # through another article at the same moment.
        article.refresh_from_db()
        original = SourceArticle.objects.get(text_sha256=fingerprint)
        article.mark_duplicate(of=original)
