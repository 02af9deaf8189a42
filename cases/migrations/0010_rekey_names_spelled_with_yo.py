"""Rewrite the derived keys of name forms spelled with yo or ё.

Russian ё after a consonant now folds onto e (Pyotr = Petr = Пётр), which
changes the search key and the lookup keys of such forms only. Keys are
derived data: this reads the text of the forms that can hold the spelling and
writes their keys again with the rules of the code that runs it, as
`manage.py rebuild_name_keys` does for every form.
"""

from django.db import migrations

from cases.names import search_key
from cases.names.keys import name_keys

SPELLED_WITH_YO = r"[Yy][Oo]|[ёЁ]"


def rewrite_keys(apps, schema_editor):
    db = schema_editor.connection.alias
    person_name = apps.get_model("cases", "PersonName")
    person_name_key = apps.get_model("cases", "PersonNameKey")
    facility_name = apps.get_model("cases", "FacilityName")
    for model in (person_name, facility_name):
        forms = model.objects.using(db).filter(text__regex=SPELLED_WITH_YO)
        for form in forms.only("pk", "text"):
            form.search_key = search_key(form.text)
            form.save(update_fields=["search_key"])
    forms = person_name.objects.using(db).filter(text__regex=SPELLED_WITH_YO)
    rows = list(forms.values_list("pk", "person_id", "text"))
    keys = person_name_key.objects.using(db)
    keys.filter(name_id__in=[name_id for name_id, _, _ in rows]).delete()
    keys.bulk_create(
        [
            person_name_key(name_id=name_id, person_id=person_id, key=key)
            for name_id, person_id, text in rows
            for key in name_keys(text)
        ],
        batch_size=2_000,
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_personname_sorted_letters")]

    operations = [migrations.RunPython(rewrite_keys, migrations.RunPython.noop)]
