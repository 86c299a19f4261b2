"""Makes the accounts and data scripts/schemathesis.sh tests with, through the public API.

Reads BASE, WORK, PASSWORD and ADMIN_EMAIL from the environment; prints shell assignments
(ADMIN_TOKEN, FACILITY_TOKEN, JOBSEEKER_TOKEN, LEAVER_TOKEN). The facility registered by the
admin has posting 1, and the jobseeker has applied to it (thread 1), so that operations on
`{id}` reach real rows as well as missing ones.
"""

import email
import email.policy
import glob
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request

BASE = os.environ["BASE"] + "/api/v1"
MAIL_DIR = os.path.join(os.environ["WORK"], "mail")
PASSWORD = os.environ["PASSWORD"]


def call(method, path, body=None, token=None, expect=(200, 201, 202, 204)):
    req = urllib.request.Request(BASE + path, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(req, data) as res:
            status, text = res.status, res.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode()
    if status not in expect:
        sys.exit(f"fixtures: {method} {path} answered {status}: {text}")
    return json.loads(text) if text else None


def login(login_id):
    return call("POST", "/auth/login", {"login_id": login_id, "password": PASSWORD})["access_token"]


def activation_token():
    """The token in the facility's activation mail (written by the outbox worker)."""
    for _ in range(100):
        for path in glob.glob(os.path.join(MAIL_DIR, "*.eml")):
            with open(path, "rb") as f:
                msg = email.message_from_binary_file(f, policy=email.policy.default)
            for part in msg.walk():
                if part.get_content_type() == "text/plain":
                    m = re.search(r"activate\?token=([A-Za-z0-9_\-]+)", part.get_content())
                    if m:
                        return m.group(1)
        time.sleep(0.1)
    sys.exit("fixtures: no activation mail arrived")


POSTING = {
    "occupation": "nurse",
    "mask_requested": True,
    "workplace": {"postal_code": "1000001", "facility_type": "hospital", "prefecture_code": "13",
                  "municipality": "千代田区", "street_address": "千代田1-1", "facility_name": "本館3階"},
    "employment_period": {"start": "2027-01-01", "end": "2027-03-31"},
    "probation_weeks": 2,
    "duties": {"codes": ["general_outpatient"], "other_detail": None},
    "wage": {"unit": "hourly", "amount_yen": 2500, "probation_amount_yen": None},
    "hours": {"start": "08:45", "end": "17:10", "break_minutes": 60, "overtime": False,
              "overtime_detail": None, "holidays": "土日祝"},
    "insurance": {"codes": ["employment"], "other_detail": None},
    "no_smoking_on_premises": True,
    "notes": "",
    "contact": {"person_name": "山田花子", "address": None, "phone": "03-0000-0000", "extension": None,
                "application_phone": None, "email": "jinji@example.jp"},
    "other_listings": {"codes": [], "other_detail": None},
}


def main():
    admin = login(os.environ["ADMIN_EMAIL"])
    facility = {"gmis_id": "ST-0001", "name": "スキーマ病院", "prefecture_code": "13",
                "email": "st-facility@example.jp"}
    posting = call("POST", "/postings", dict(POSTING, facility=facility), admin)
    activated = call("POST", "/auth/activate", {"token": activation_token(), "password": PASSWORD})
    facility_token = login(activated["login_id"])
    # A second posting, owned by the facility itself.
    call("POST", "/postings", POSTING, facility_token)

    call("POST", "/jobseekers", {"email": "st-jobseeker@example.jp", "password": PASSWORD, "name": "試験太郎"})
    jobseeker = login("st-jobseeker@example.jp")
    call("POST", f"/postings/{posting['id']}/applications", {"message": "応募します。"}, jobseeker)

    call("POST", "/jobseekers", {"email": "st-leaver@example.jp", "password": PASSWORD, "name": "退会花子"})
    leaver = login("st-leaver@example.jp")

    print(f"ADMIN_TOKEN={admin}")
    print(f"FACILITY_TOKEN={facility_token}")
    print(f"JOBSEEKER_TOKEN={jobseeker}")
    print(f"LEAVER_TOKEN={leaver}")
    # A partner with a full-detail scope over everything, and its API key.
    org = call("POST", "/admin/organisations", {
        "name": "Schemathesis 都道府県", "kind": "mhlw", "email": "st-partner@example.jp",
        "scope": {"occupations": [o["code"] for o in call("GET", "/reference/occupations")["items"]],
                  "prefectures": [f"{i:02}" for i in range(1, 48)], "detail": "full"}}, admin)
    key = call("POST", f"/admin/organisations/{org['id']}/api-keys", {}, admin)["key"]
    print(f"PARTNER_KEY={key}")


main()
