"""Schemathesis hooks for scripts/schemathesis.sh.

A schema cannot state every rule: some compare two fields (an end before its start), depend
on the clock (an interview in the past) or on the caller (an admin must name the facility).
The spec documents each of them under the operation's 422. `positive_data_acceptance` is
therefore told to let 422 through (schemathesis.toml), and this check takes its place for
422: a schema-valid request may be refused only for one of these documented rules.
"""

import re

import schemathesis

# (field path, error code) pairs the schema cannot express; each is documented in openapi.yaml.
CROSS_FIELD_RULES = [
    (r"employment_period\.end", "end_before_start"),
    (r"available_to", "end_before_start"),
    # The audit log's `to` day must not be before its `from` day.
    (r"to", "end_before_start"),
    # A shortage dashboard covers at most 366 periods (days, weeks or months).
    (r"from", "too_many_periods"),
    (r"hours\.end", "same_as_start"),
    # The schema bounds every wage by 10,000,000; hourly and daily wages have lower maxima.
    (r"wage\.(probation_)?amount_yen", "out_of_range"),
    (r"(duties|insurance|other_listings)\.other_detail", "required|other_not_selected"),
    (r"other_items", "required"),
    (r"items", "required_items_missing"),
    (r"facility", "required"),
    (r"wage_unit", "required"),
    (r"starts_at", "in_the_past"),
    (r"completed_on", "in_the_future"),
    (r"licences\[\d+\]\.licence_year", "out_of_range"),
    # Password strength (zxcvbn) cannot be a schema.
    (r"(new_)?password", "weak_password"),
    # Changing a password needs the current one.
    (r"current_password", "wrong_password"),
    # An activation token that does not exist, expired or was used (documented under 422).
    (r"token", "invalid_token"),
    # Organisations of kind prefecture / nurse_center must name their prefecture.
    (r"prefecture_code", "required"),
    # A webhook URL must be https on a public address (the schema says https; whether the
    # host resolves to a public address it cannot say).
    (r"url", "url_not_allowed"),
    # A saved search's `query` is a search query string: the search's own rules apply to
    # each of its parameters, which a string schema cannot state.
    (r"query\..+", ".+"),
    # `near` names a municipality of the service's table, once (a string schema cannot).
    (r"near", "unknown_place|ambiguous_place"),
    # An admin suspending a posting must say why (`note` is optional for other reasons).
    (r"note", "required"),
    # An admin correcting a facility's contact address to one that is already another
    # account's login ID (documented under PUT /admin/facilities/{id}'s 422); whether it is
    # taken depends on what earlier generated requests created.
    (r"email", "taken"),
]


def _documented(field):
    return any(
        re.fullmatch(path, field.get("field", "")) and re.fullmatch(code, field.get("code", ""))
        for path, code in CROSS_FIELD_RULES
    )


@schemathesis.check
def refused_only_for_documented_rules(ctx, response, case):
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return None
    try:
        fields = response.json()["error"]["fields"]
    except Exception:  # noqa: BLE001 - any other shape is a failure too
        fields = []
    undocumented = [f for f in fields if not _documented(f)]
    if not fields or undocumented:
        raise AssertionError(
            "A schema-valid request was refused with 422 for a rule the spec does not state: "
            + ", ".join(f"{f.get('field')}: {f.get('code')}" for f in undocumented or fields)
        )
    return None


def _tolerate_unparsable_urls():
    # Schemathesis 4.32.5 scans response bodies for same-origin URLs and crashes ("Invalid IPv6
    # URL", a Test Execution Error) on a string such as `https://[x` - which the server rightly
    # echoes back when it was stored as a video link. Such a string is simply not a link.
    from schemathesis.engine import observations

    original = observations._same_origin_path

    def same_origin_path(value, origin):
        try:
            return original(value, origin)
        except ValueError:
            return None

    observations._same_origin_path = same_origin_path


_tolerate_unparsable_urls()
