"""Give each case that had a state's version one StateClaim carrying it."""

from django.db import migrations


def move_state_claims(apps, schema_editor):
    """Copy each case's single state claim into a StateClaim of the case."""
    Case = apps.get_model("cases", "Case")
    StateClaim = apps.get_model("cases", "StateClaim")
    claimed = Case.objects.exclude(
        state_claim="", state_claim_on__isnull=True, state_claim_source=""
    )
    StateClaim.objects.bulk_create(
        StateClaim(
            case_id=case.pk,
            text=case.state_claim,
            claimed_on=case.state_claim_on,
            claimed_on_precision="day",
            source=case.state_claim_source,
        )
        for case in claimed.iterator()
    )


def restore_state_claims(apps, schema_editor):
    """Put each case's earliest StateClaim back into the case's fields."""
    Case = apps.get_model("cases", "Case")
    StateClaim = apps.get_model("cases", "StateClaim")
    for claim in StateClaim.objects.order_by("-claimed_on", "-id").iterator():
        Case.objects.filter(pk=claim.case_id).update(
            state_claim=claim.text,
            state_claim_on=claim.claimed_on,
            state_claim_source=claim.source,
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0013_steps_submissions_state_claims")]

    operations = [migrations.RunPython(move_state_claims, restore_state_claims)]
