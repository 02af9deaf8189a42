"""Rewrite the derived keys of name forms for the matcher of issue 25.

Names in scripts we had no table for (Armenian, Georgian, Greek, Hebrew,
kana, Hangul, the Indic scripts, Ethiopic, Thai, Khmer...) are now read in
Latin letters, an Arabic name's opening ain as a, and every form carries
initial keys (i:) so that "S. Bilash" finds Serikzhan Bilash. Keys are
derived data: as 0010 did, this recomputes each form's search key and
sorted letters with the rules of the code that runs it, writes them where
they changed, and writes every person name form's lookup keys again, as
`manage.py rebuild_name_keys` does.
"""

import importlib

from django.db import migrations

# The steps of 0010, which did the same job for the rules of its day.
rewrite_keys = importlib.import_module(
    "cases.migrations.0010_rekey_names_folded_anew"
).rewrite_keys


class Migration(migrations.Migration):
    dependencies = [("cases", "0016_grant_roles_steps_submissions")]

    operations = [migrations.RunPython(rewrite_keys, migrations.RunPython.noop)]
