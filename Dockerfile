# CaseTracker's image: one image for the web server, the Celery worker and beat.
# docker-compose.yml picks the command; the default runs the web server.

FROM python:3.11-slim

# PYTHONPATH: import the project from /app (which holds manage.py) in every
# process, so BASE_DIR is /app whether manage.py, gunicorn or celery starts first.
# STATIC_ROOT and MEDIA_ROOT are fixed: collectstatic fills STATIC_ROOT at build
# time, and docker-compose.yml mounts the media volume at MEDIA_ROOT.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media \
    EVIDENCE_ROOT=/app/var/evidence

WORKDIR /app

# Dependencies first, in their own layer, so a change to the code alone
# does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN pip install --no-deps . && rm -rf build ./*.egg-info

# The translation catalogues, compiled with Babel (a dependency), as `make` does:
# the image needs no GNU gettext. The folder names the language.
RUN for po in locale/*/LC_MESSAGES/*.po locale_django/*/LC_MESSAGES/*.po; do \
        language="$(basename "$(dirname "$(dirname "$po")")")"; \
        pybabel -q compile -l "$language" -i "$po" -o "${po%.po}.mo" || exit 1; \
    done

# The code stays owned by root: the server can write only to var/. The media
# directory exists in the image so that a new named volume mounted there takes
# its owner and is writable by the non-root user.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home casetracker \
    && mkdir -p /app/var/static /app/var/media /app/var/evidence \
    && chown -R casetracker:casetracker /app/var
USER casetracker

# DEBUG is off here, so this builds whitenoise's compressed manifest. The key is
# used for this command only and is not kept in the image.
RUN SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --noinput

EXPOSE 8000
CMD ["gunicorn", "casetracker.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
