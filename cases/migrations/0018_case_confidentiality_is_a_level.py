"""Keep every case at one of the confidentiality levels (issue 19).

cases.access finds the cases a user may not see by the levels they do not
see, through the index on confidentiality; a case at no level would be
neither seen nor hidden. The field offered only these levels; now the
database refuses any other.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_rekey_names_other_scripts_and_initials")]

    operations = [
        migrations.AddConstraint(
            model_name="case",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    confidentiality__in=["public", "restricted", "confidential"]
                ),
                name="case_confidentiality_is_a_level",
            ),
        ),
    ]
