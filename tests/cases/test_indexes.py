"""Every filter the admin offers runs on an indexed column."""

import pytest
from django.contrib import admin
from django.db import models


def indexed(model: type[models.Model], path: str) -> bool:
    """Say whether the last field of a lookup path is indexed (or a relation)."""
    *hops, name = path.split("__")
    for hop in hops:
        model = model._meta.get_field(hop).related_model
    field = model._meta.get_field(name)
    if field.is_relation:
        return True  # foreign keys are indexed; reverse relations join on one
    leading = {index.fields[0] for index in model._meta.indexes}
    return field.db_index or field.unique or field.primary_key or name in leading


def admin_filters():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"cases", "sources"}:
            continue
        for entry in model_admin.list_filter:
            path = entry[0] if isinstance(entry, tuple) else entry
            if isinstance(path, str):
                yield pytest.param(model, path, id=f"{model.__name__}.{path}")
        if model_admin.date_hierarchy:
            yield pytest.param(
                model, model_admin.date_hierarchy, id=f"{model.__name__}.date"
            )


@pytest.mark.parametrize(("model", "path"), list(admin_filters()))
def test_admin_filter_uses_an_index(model, path):
    assert indexed(model, path), f"{model.__name__}.{path} has no index"


def test_has_source_filter_joins_on_the_indexed_citation_case_column():
    from sources.models import Citation

    assert Citation._meta.get_field("case").db_index
