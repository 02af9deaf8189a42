"""Store each name form's sorted letters, indexed, to find exact spellings.

Derived data: the letters are filled from every form's text with the rules
of the code that runs the migration, as cases.0007 does for the keys.
"""

from django.db import migrations, models

from cases.names import sorted_letters

BATCH_SIZE = 2_000


def fill_letters(apps, schema_editor):
    person_name = apps.get_model("cases", "PersonName")
    db = schema_editor.connection.alias
    names = person_name.objects.using(db).order_by("pk").only("pk", "text")
    batch = []
    for name in names.iterator(chunk_size=BATCH_SIZE):
        name.letters = sorted_letters(name.text)
        batch.append(name)
        if len(batch) == BATCH_SIZE:
            person_name.objects.using(db).bulk_update(batch, ["letters"])
            batch = []
    person_name.objects.using(db).bulk_update(batch, ["letters"])


def letters_field() -> models.CharField:
    return models.CharField(
        db_index=True,
        default="",
        editable=False,
        max_length=300,
        verbose_name="sorted letters",
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_namekey_index_covers_name_form")]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name="letters",
                field=letters_field(),
                preserve_default=False,
            )
            for model in ("historicalpersonname", "personname")
        ),
        migrations.RunPython(fill_letters, migrations.RunPython.noop),
    ]
