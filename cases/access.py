"""Who may see and write what: the one rule the admin, the API and bundles ask.

A case hidden from a user is a 404 to them, and so is every record that belongs
to it: its relatives, detentions, testimonies and citations, and the persons it
names, with their mentions in articles. A person known only as a relative or a
witness is hidden from whoever may not view relatives or testimonies. A field
is sensitive exactly when it is encrypted at rest; without SEES_SENSITIVE_FIELDS
it is left out everywhere. Facilities, articles, feeds and import jobs are not
confidential. docs/security.md says the same in prose.

The QuerySets' `visible_to` methods (Case, Person) call this module; nothing
else names a permission of the cases app.
"""

from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth import models as auth_models
from django.db import models
from django.db.models import Q, QuerySet

from cases.encryption import sensitive_fields

if TYPE_CHECKING:
    from cases.models import Case, Person

# Whoever asks: a user of the user model (settings.AUTH_USER_MODEL, Django's
# own; what the mypy plugin makes request.user), or nobody signed in.
User = auth_models.User | auth_models.AnonymousUser
# Filtering keeps a queryset's class (CaseQuerySet, PersonQuerySet...).
_QS = TypeVar("_QS", bound=QuerySet[Any, Any])

SEES_EVERY_RECORD = "cases.view_confidential_case"
SEES_TEAM_CONFIDENTIAL = "cases.view_team_confidential_case"
SEES_RESTRICTED = "cases.view_restricted_case"
SEES_SENSITIVE_FIELDS = "cases.view_sensitive_fields"
VIEWS_CASES = "cases.view_case"
VIEWS_PERSONS = "cases.view_person"
VIEWS_NAME_FORMS = "cases.view_personname"
VIEWS_RELATIVES = "cases.view_relative"
VIEWS_TESTIMONIES = "cases.view_testimony"
WORKS_CASES = "cases.change_case"
ADDS_PERSONS = "cases.add_person"
CHANGES_PERSONS = "cases.change_person"
# The sources app's, named here too, as strings: cases never imports sources.
REVIEWS_MENTIONS = ("sources.view_mention", "sources.change_mention")
CITES_ARTICLES = "sources.add_citation"
CHANGES_LEADS = "sources.change_lead"


def may_view(user: User, model: type[models.Model]) -> bool:
    """Say whether the user holds the view permission of a model."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def sees_every_record(user: User) -> bool:
    return user.is_active and user.has_perm(SEES_EVERY_RECORD)


def may_search_relatives(user: User) -> bool:
    """Say whether a search may find a case by its relatives' names."""
    return user.has_perm(VIEWS_RELATIVES)


def may_lower_confidentiality(user: User) -> bool:
    return user.has_perm(WORKS_CASES)


def hidden_fields(user: User | None, model: type[models.Model]) -> set[str]:
    """Return the names of the model's sensitive fields this user may not see.

    No user (schema generation, the operator's shell) sees every field.
    """
    if user is None or user.has_perm(SEES_SENSITIVE_FIELDS):
        return set()
    return sensitive_fields(model)


def assignable_users() -> QuerySet:
    """Return the users a case may be assigned to: active staff who work cases."""
    users = get_user_model().objects.with_perm(
        WORKS_CASES, backend="django.contrib.auth.backends.ModelBackend"
    )
    return users.filter(is_staff=True)


def visible_cases(cases: _QS, user: User) -> _QS:
    """Return the cases this user may know exist (Case.objects.visible_to)."""
    rule = _case_rule(user)
    return cases if rule is None else cases.filter(rule[0])


def hidden_cases(cases: _QS, user: User) -> _QS:
    """Return the cases this user may not know exist (Case.objects.hidden_from)."""
    rule = _case_rule(user)
    return cases.none() if rule is None else cases.filter(rule[1])


def levels_seen_whole(user: User) -> list[str]:
    """Return the confidentiality levels of which the user may see every case."""
    from cases.models import Confidentiality

    if not (user.is_active and user.has_perm(VIEWS_CASES)):
        return []
    if user.has_perm(SEES_EVERY_RECORD):
        return list(Confidentiality.values)
    levels = [Confidentiality.PUBLIC.value]
    if user.has_perm(SEES_RESTRICTED):
        levels.append(Confidentiality.RESTRICTED.value)
    return levels


def _case_rule(user: User) -> tuple[Q, Q] | None:
    """Return the conditions a case meets when this user may know it exists,
    and when they may not; None when they may know every case.

    The second is said positively, by the levels the user does not see, so
    that the index on confidentiality finds the few hidden cases: NOT (the
    first) reads every case. A constraint keeps each case at one of the
    levels, so the two split the cases exactly.
    """
    from cases.models import Confidentiality

    if not (user.is_active and user.has_perm(VIEWS_CASES)):
        return Q(pk__in=[]), Q()
    if user.has_perm(SEES_EVERY_RECORD):
        return None
    levels = levels_seen_whole(user)
    seen = Q(confidentiality__in=levels)
    others = [level for level in Confidentiality.values if level not in levels]
    hidden = Q(confidentiality__in=others)
    if user.has_perm(SEES_TEAM_CONFIDENTIAL):
        own = _own_cases(user)
        seen |= own
        hidden &= ~own
    return seen, hidden


def _own_cases(user: User) -> Q:
    """Return the condition of the cases assigned to the user or their teams."""
    from cases.models import Team

    teams = Team.objects.filter(members=user.pk).values("pk")
    return Q(assigned_to=user.pk) | Q(team__in=teams)


def visible_persons(persons: _QS, user: User) -> _QS:
    """Return the persons this user may know exist (Person.objects.visible_to).

    A subject, relative or witness of a case the user may not see would tell
    them that the case exists; so would a duplicate merged into such a person.
    """
    if not (user.is_active and user.has_perm(VIEWS_PERSONS)):
        return persons.none()
    hidden = hidden_persons(user)
    return persons if hidden is None else persons.exclude(pk__in=hidden)


def hidden_persons(user: User) -> "QuerySet[Person, dict[str, Any]] | None":
    """Return the ids of the persons a user who may view persons may not see,
    or None when they may see every one.

    The hidden ones are few beside the visible ones, so a record keyed to a
    person is filtered by leaving these out (a small hashed set) rather than by
    keeping the others, which would read every person.
    """
    from cases.models import Case, Person

    parts = _hidden_in_roles(user)
    if not user.has_perm(SEES_EVERY_RECORD):
        named = named_parts(Case.objects.hidden_from(user).order_by())
        # Merged persons are few: found first by the key's index, the hidden
        # cases are then read only when there is one.
        merged = Person.objects.filter(merged_into__isnull=False).order_by()
        merged = merged.filter(merged_into__in=_union(named))
        parts += [*named, merged.values("pk")]
    return _union(parts) if parts else None


def named_parts(cases: QuerySet) -> list[QuerySet]:
    """Return the ids of the persons these cases name: subjects, relatives,
    witnesses, one queryset each."""
    from cases.models import Relative, Testimony

    return [
        cases.values("subject_id"),
        Relative.objects.filter(case__in=cases).order_by().values("person_id"),
        Testimony.objects.filter(case__in=cases).order_by().values("witness_id"),
    ]


def _hidden_in_roles(user: User) -> list[QuerySet]:
    """Return the persons known only as a relative or witness, when the user
    may not view relatives or testimonies: an API reader must not find the
    families who speak up by listing persons.
    """
    from cases.models import Person

    every = Person.objects.order_by()
    relatives = every.filter(relative_of__isnull=False).values("pk")
    witnesses = every.filter(testimonies_given__isnull=False).values("pk")
    shown = [every.filter(cases__isnull=False).values("pk")]
    hidden: list[QuerySet[Person, dict[str, Any]]] = []
    for role, permission in (
        (relatives, VIEWS_RELATIVES),
        (witnesses, VIEWS_TESTIMONIES),
    ):
        (shown if user.has_perm(permission) else hidden).append(role)
    if not hidden:
        return []
    hidden_only = every.filter(pk__in=_union(hidden)).exclude(pk__in=_union(shown))
    return [hidden_only.values("pk")]


def _union(querysets: list[_QS]) -> _QS:
    first, *rest = querysets
    return first.union(*rest) if rest else first


def visible(queryset: _QS, *, user: User) -> _QS:
    """Return the rows of any queryset this user may know exist.

    Cases and persons by their own rule; a record with a foreign key to a case
    by its case's; one with keys to persons only (a mention, a duplicate pair)
    by its persons'. A row tied to nobody (an empty nullable key) stays.
    """
    from cases.models import Case, Person

    model = queryset.model
    if model is Case:
        return visible_cases(queryset, user)
    if model is Person:
        return visible_persons(queryset, user)
    for owner in (Case, Person):
        keys = keys_to(model, owner)
        if keys:
            return _through(queryset, keys, owner, user)
    return queryset


def keys_to(
    model: type[models.Model], owner: type[models.Model]
) -> "list[models.Field[Any, Any]]":
    """Return the model's foreign keys to the owner model."""
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is owner
    ]


def _through(
    queryset: _QS,
    keys: "list[models.Field[Any, Any]]",
    owner: "type[Case] | type[Person]",
    user: User,
) -> _QS:
    if sees_every_record(user):
        return queryset if may_view(user, owner) else queryset.none()
    if owner is not _person_model():
        # As for persons: the hidden cases are few beside the visible ones.
        hidden = hidden_cases(owner.objects.order_by(), user).values("pk")
        return _without(queryset, keys, hidden)
    if user.has_perm(VIEWS_PERSONS):
        return _without_hidden_persons(queryset, keys, user)
    for key in keys:  # every person hidden: only rows tied to nobody stay
        queryset = queryset.filter(**{f"{key.name}__isnull": True})
    return queryset


def _person_model() -> "type[Person]":
    from cases.models import Person

    return Person


def _without_hidden_persons(
    queryset: _QS, keys: "list[models.Field[Any, Any]]", user: User
) -> _QS:
    """Leave out the rows keyed to a person the user may not see; a row tied
    to nobody (an empty nullable key) stays, as Django's exclude() keeps it."""
    if not user.is_active:
        return queryset.none()
    hidden = hidden_persons(user)
    return queryset if hidden is None else _without(queryset, keys, hidden)


def _without(
    queryset: _QS, keys: "list[models.Field[Any, Any]]", hidden: QuerySet
) -> _QS:
    """Leave out the rows any of whose keys is among the hidden ids; a row tied
    to nobody stays."""
    for key in keys:
        queryset = queryset.exclude(**{f"{key.name}__in": hidden})
    return queryset
