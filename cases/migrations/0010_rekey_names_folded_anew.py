"""Rewrite the derived keys of the name forms whose folded spelling changed.

New fold rules: Russian ё after a consonant is e (Pyotr = Piotr = Petr =
Пётр), the article of Abd al-Rahim is one u (Abdulrahim = Abdurahim =
Abdrahim), ibn is bin, and al or el between two parts is no part of its own
(Bashar al-Assad). Keys are derived data: this recomputes each form's search
key (and a person's form's sorted letters) with the rules of the code that
runs it, writes them where they changed, and writes every person name form's
lookup keys again, as `manage.py rebuild_name_keys` does.
"""

from django.db import migrations

from cases.names import search_key, sorted_letters
from cases.names.keys import name_keys

BATCH_SIZE = 2_000
_SEARCH_KEY = {"search_key": search_key}


def rewrite_keys(apps, schema_editor):
    db = schema_editor.connection.alias
    person_name = apps.get_model("cases", "PersonName")
    person_name_key = apps.get_model("cases", "PersonNameKey")
    _rewrite_derived(apps.get_model("cases", "FacilityName"), db, _SEARCH_KEY)
    _rewrite_derived(person_name, db, {**_SEARCH_KEY, "letters": sorted_letters})
    # A joined reading may fold anew where no part does (Abdul Rahim): every
    # form's lookup keys are written again.
    names = person_name.objects.using(db).order_by("pk")
    rows = names.values_list("pk", "person_id", "text").iterator(chunk_size=BATCH_SIZE)
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_SIZE:
            _rewrite_lookup_keys(person_name_key, db, batch)
            batch = []
    _rewrite_lookup_keys(person_name_key, db, batch)


def _rewrite_lookup_keys(person_name_key, db, batch):
    keys = person_name_key.objects.using(db)
    keys.filter(name_id__in=[name_id for name_id, _, _ in batch]).delete()
    keys.bulk_create(
        person_name_key(name_id=name_id, person_id=person_id, key=key)
        for name_id, person_id, text in batch
        for key in name_keys(text)
    )


def _rewrite_derived(model, db, derive):
    """Write each derived field anew on the forms where it changed."""
    fields = list(derive)
    forms = model.objects.using(db).order_by("pk")
    rows = forms.values_list("pk", "text", *fields).iterator(chunk_size=BATCH_SIZE)
    changed = []
    for pk, text, *stored in rows:
        new = [derive[field](text) for field in fields]
        if new != stored:
            changed.append(model(pk=pk, **dict(zip(fields, new, strict=True))))
    model.objects.using(db).bulk_update(changed, fields, batch_size=BATCH_SIZE)


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_personname_sorted_letters")]

    operations = [migrations.RunPython(rewrite_keys, migrations.RunPython.noop)]
