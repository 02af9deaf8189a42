"""The sources side of the admin: articles, imports, the review queue, feeds,
and the parts of the case and person pages that need sources."""

from . import articles, cases, feeds, leads, review, spreadsheets

__all__ = ["articles", "cases", "feeds", "leads", "review", "spreadsheets"]
