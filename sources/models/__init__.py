from .articles import ArticleState, Citation, SourceArticle, SourceKind
from .captures import Capture
from .feeds import Feed
from .jobs import ImportJob, NameSweep
from .mentions import Lead, Mention, MentionStatus
from .spreadsheets import SpreadsheetImport

__all__ = [
    "ArticleState",
    "Capture",
    "Citation",
    "Feed",
    "ImportJob",
    "Lead",
    "Mention",
    "MentionStatus",
    "NameSweep",
    "SourceArticle",
    "SourceKind",
    "SpreadsheetImport",
]
