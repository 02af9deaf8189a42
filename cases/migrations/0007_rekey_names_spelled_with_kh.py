"""Rewrite the lookup keys of name forms after the key rules changed.

Parts spelled with kh or x (Bakhyt, Бахыт, for Kazakh қ) now also carry a
code with h read as k, and the matcher's part readings changed: every form's
keys are written again from its text. Keys are derived data, so this only
reads PersonName and rewrites PersonNameKey. It uses the key rules of the
code that runs it, which is what `manage.py rebuild_name_keys` does too.
"""

from django.db import migrations

from cases.names.keys import name_keys

BATCH_SIZE = 2_000


def rewrite_keys(apps, schema_editor):
    person_name = apps.get_model("cases", "PersonName")
    person_name_key = apps.get_model("cases", "PersonNameKey")
    db = schema_editor.connection.alias
    names = person_name.objects.using(db).order_by("pk")
    batch = []
    for name_id, person_id, text in names.values_list("pk", "person_id", "text"):
        batch.append((name_id, person_id, text))
        if len(batch) == BATCH_SIZE:
            _rewrite(person_name_key, db, batch)
            batch = []
    _rewrite(person_name_key, db, batch)


def _rewrite(person_name_key, db, batch):
    person_name_key.objects.using(db).filter(
        name_id__in=[name_id for name_id, _, _ in batch]
    ).delete()
    person_name_key.objects.using(db).bulk_create(
        [
            person_name_key(name_id=name_id, person_id=person_id, key=key)
            for name_id, person_id, text in batch
            for key in name_keys(text)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_testimony_undated_last")]

    operations = [migrations.RunPython(rewrite_keys, migrations.RunPython.noop)]
