"""Rewrite the derived keys of the name forms whose folded spelling changed.

Two fold rules were added: Russian ё after a consonant is e (Pyotr = Piotr =
Petr = Пётр), and the article of Abd al-Rahim is one u (Abdulrahim =
Abdurahim = Abdrahim). Keys are derived data: this recomputes each form's
search key with the rules of the code that runs it, writes it where it
changed, and writes every person name form's lookup keys again, as
`manage.py rebuild_name_keys` does.
"""

from django.db import migrations

from cases.names import search_key
from cases.names.keys import name_keys

BATCH_SIZE = 2_000


def rewrite_keys(apps, schema_editor):
    db = schema_editor.connection.alias
    person_name = apps.get_model("cases", "PersonName")
    person_name_key = apps.get_model("cases", "PersonNameKey")
    _rewrite_search_keys(apps.get_model("cases", "FacilityName"), db)
    _rewrite_search_keys(person_name, db)
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


def _rewrite_search_keys(model, db):
    """Write the new search key of each form whose key changed."""
    forms = model.objects.using(db).order_by("pk")
    changed = [
        model(pk=pk, search_key=search_key(text))
        for pk, text, key in forms.values_list("pk", "text", "search_key").iterator(
            chunk_size=BATCH_SIZE
        )
        if search_key(text) != key
    ]
    model.objects.using(db).bulk_update(changed, ["search_key"], batch_size=BATCH_SIZE)


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_personname_sorted_letters")]

    operations = [migrations.RunPython(rewrite_keys, migrations.RunPython.noop)]
