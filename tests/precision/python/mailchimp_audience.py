"""Newsletter audience sync: new customers go to Mailchimp (Marketing API 3.0, Basic auth
with any user name and the API key), unsubscribes are mirrored to the CRM."""

import hashlib
import os

import requests

MC_KEY = os.environ.get("MAILCHIMP_API_KEY", "")
MC_DC = MC_KEY.rsplit("-", 1)[-1] if "-" in MC_KEY else "us21"
MC_BASE = "https://%s.api.mailchimp.com/3.0" % MC_DC
LIST_ID = os.environ.get("MAILCHIMP_LIST_ID")
CRM_BASE = "https://crm.internal.acme.io/api/v3"


def subscriber_hash(email):
    return hashlib.md5(email.lower().encode()).hexdigest()


def mailchimp(method, path, **kwargs):
    response = requests.request(method, MC_BASE + path, auth=("anystring", MC_KEY), timeout=20, **kwargs)
    if response.status_code == 204:
        return None
    body = response.json()
    if response.status_code >= 400:
        raise RuntimeError(f"Mailchimp {body.get('status')}: {body.get('title')} - {body.get('detail')}")
    return body


def upsert_member(customer):
    return mailchimp(
        "PUT",
        f"/lists/{LIST_ID}/members/{subscriber_hash(customer['email'])}",
        json={
            "email_address": customer["email"],
            "status_if_new": "subscribed",
            "merge_fields": {"FNAME": customer.get("first_name", ""), "LNAME": customer.get("last_name", "")},
        },
    )


def tag_member(email, *tags):
    mailchimp(
        "POST",
        "/lists/{}/members/{}/tags".format(LIST_ID, subscriber_hash(email)),
        json={"tags": [{"name": t, "status": "active"} for t in tags]},
    )


def unsubscribed_since(since_iso, count=500):
    offset = 0
    while True:
        page = mailchimp(
            "GET",
            f"/lists/{LIST_ID}/members",
            params={"status": "unsubscribed", "since_last_changed": since_iso, "count": count, "offset": offset},
        )
        for member in page["members"]:
            yield member["email_address"]
        offset += count
        if offset >= page["total_items"]:
            break


def crm(method, path, **kwargs):
    headers = {"authorization": "Token %s" % os.environ["CRM_TOKEN"]}
    response = requests.request(method, f"{CRM_BASE}{path}", headers=headers, timeout=20, **kwargs)
    body = response.json()
    if "error" in body:
        raise RuntimeError("CRM: %s (%s)" % (body["error"], body.get("message")))
    return body


def mirror_unsubscribes(since_iso):
    updated = 0
    for email in unsubscribed_since(since_iso):
        found = crm("GET", "/contacts", params={"email": email})
        for contact in found["data"]["items"]:
            crm("PATCH", f"/contacts/{contact['id']}", json={"newsletter": False})
            updated += 1
    return updated


def sync_new_customers(customers):
    synced, failed = 0, []
    for customer in customers:
        try:
            upsert_member(customer)
            tag_member(customer["email"], "customer")
            synced += 1
        except (requests.RequestException, RuntimeError) as exc:
            failed.append((customer["email"], str(exc)))
    return synced, failed
