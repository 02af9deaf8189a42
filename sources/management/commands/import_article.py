"""Import articles from URLs or saved files, now, in this process."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm  # type: ignore[import-untyped]  # no stubs installed (types-tqdm)

from cases.models.persons import display_name_of
from sources.importing import Upload, import_now, queue_upload, queue_url, url_problem
from sources.models import ArticleState, ImportJob, SourceArticle

DONE = (ArticleState.MATCHED, ArticleState.DUPLICATE)


class Command(BaseCommand):
    help = (
        "Import articles from URLs or saved HTML or text files: fetch, archive, "
        "extract and cross-reference them. Exit status 0 when every one was "
        "imported, 1 when one failed, 2 for bad arguments."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("inputs", nargs="*", metavar="URL_OR_PATH")
        parser.add_argument(
            "--batch", type=Path, help="A file of URLs, one a line (# for comments)."
        )
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON line per article."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        inputs = read_inputs(options["inputs"], options["batch"])
        job = ImportJob.objects.create(label=describe_job(inputs, options["batch"]))
        failed = 0
        for text in tqdm(inputs, unit="article", disable=len(inputs) < 2 or None):
            article = import_now(article=queue_input(text, job))
            if article.state not in DONE:
                failed += 1
                self.stderr.write(f"{text}: {article.failure_reason}")
            if options["json"]:
                self.stdout.write(json.dumps(summarise(article), ensure_ascii=False))
        if failed:
            raise CommandError(f"{failed} of {len(inputs)} failed", returncode=1)


def read_inputs(inputs: list[str], batch: Path | None) -> list[str]:
    """Return the URLs and paths to import; refuse what is neither (status 2)."""
    if batch is not None:
        try:
            lines = batch.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {batch}: {error}", returncode=2) from None
        inputs = [*inputs, *(line.strip() for line in lines)]
        inputs = [line for line in inputs if line and not line.startswith("#")]
    if not inputs:
        raise CommandError(
            "give at least one URL or file (or --batch FILE)", returncode=2
        )
    for text in inputs:
        if not Path(text).is_file() and url_problem(text) and "://" not in text:
            raise CommandError(f"{text}: not a URL nor a readable file", returncode=2)
    return inputs


def queue_input(text: str, job: ImportJob) -> SourceArticle:
    path = Path(text)
    if path.is_file():
        return queue_upload(upload=Upload(path.name, path.read_bytes()), job=job)
    return queue_url(url=text, job=job)


def describe_job(inputs: list[str], batch: Path | None) -> str:
    source = batch.name if batch else inputs[0]
    return f"Command line: {source} ({len(inputs)} articles)"


def summarise(article: SourceArticle) -> dict[str, object]:
    """Describe an imported article as the --json line does.

    The persons' names come in the mentions' own query (display_name_of),
    not from every name form of every person named.
    """
    shown = article.duplicate_of or article
    capture = article.captures.order_by("-fetched_at").values("sha256").first()
    mentions = shown.mentions.annotate(person_name=display_name_of("person"))
    fields = ("person_id", "person_name", "text", "start", "end", "score", "status")
    return {
        "article_id": shown.pk,
        "title": shown.title,
        "language": shown.language,
        "sha256": capture["sha256"] if capture else None,
        "state": article.state,
        "mentions": [
            {**mention, "score": round(mention["score"], 4)}
            for mention in mentions.values(*fields)
        ],
        "leads": list(shown.leads.values_list("text", flat=True)),
    }
