import pytest


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):  # type: ignore[no-untyped-def]
    # The manifest exists only after collectstatic, which tests don't run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def case_worker(db, django_user_model):  # type: ignore[no-untyped-def]
    """Return a staff user with every permission of the case workers' admin."""
    return django_user_model.objects.create_superuser(
        username="caseworker", email="caseworker@example.org", password="pw-for-tests"
    )


@pytest.fixture
def admin_client(client, case_worker):  # type: ignore[no-untyped-def]
    client.force_login(case_worker)
    return client
