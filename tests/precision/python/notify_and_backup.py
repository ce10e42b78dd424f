"""Nightly backup to Dropbox and SMS alerts through Twilio, written with the standard
library only (urllib) because it runs on the bare database host."""

import base64
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

DROPBOX_CONTENT = "https://content.dropboxapi.com/2"
DROPBOX_API = "https://api.dropboxapi.com/2"
TWILIO_API = "https://api.twilio.com/2010-04-01"


def dropbox_token():
    return os.environ["DROPBOX_ACCESS_TOKEN"]


def dropbox_upload(local_path, remote_path):
    with open(local_path, "rb") as fh:
        data = fh.read()
    req = urllib.request.Request(
        DROPBOX_CONTENT + "/files/upload",
        data=data,
        headers={
            "Authorization": "Bearer " + dropbox_token(),
            "Content-Type": "application/octet-stream",
            "Dropbox-API-Arg": json.dumps({"path": remote_path, "mode": "overwrite", "mute": True}),
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=300) as resp:
            return json.loads(resp.read())["content_hash"]
    except urllib.error.HTTPError as err:
        detail = json.loads(err.read() or b"{}")
        raise RuntimeError("Dropbox upload failed: %s" % detail.get("error_summary", err.code)) from err


def dropbox_list(folder):
    req = urllib.request.Request(
        "%s/files/list_folder" % DROPBOX_API,
        data=json.dumps({"path": folder}).encode(),
        headers={"Authorization": f"Bearer {dropbox_token()}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())["entries"]


def dropbox_delete(path):
    req = urllib.request.Request(
        f"{DROPBOX_API}/files/delete_v2",
        data=json.dumps({"path": path}).encode(),
        headers={"Authorization": f"Bearer {dropbox_token()}", "Content-Type": "application/json"},
    )
    urllib.request.urlopen(req, timeout=60).close()


def send_sms(to, body):
    sid = os.environ["TWILIO_ACCOUNT_SID"]
    secret = os.environ["TWILIO_AUTH_TOKEN"]
    credentials = base64.b64encode(f"{sid}:{secret}".encode()).decode()
    req = urllib.request.Request(
        f"{TWILIO_API}/Accounts/{sid}/Messages.json",
        data=urllib.parse.urlencode({"To": to, "From": os.environ["TWILIO_FROM"], "Body": body}).encode(),
        headers={"Authorization": "Basic " + credentials},
    )
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())["sid"]


def prune(folder, keep=14):
    dumps = sorted((e for e in dropbox_list(folder) if e[".tag"] == "file"), key=lambda e: e["name"], reverse=True)
    for entry in dumps[keep:]:
        dropbox_delete(entry["path_lower"])
    return len(dumps[keep:])


def main(dump_path):
    remote = "/backups/" + os.path.basename(dump_path)
    try:
        content_hash = dropbox_upload(dump_path, remote)
        removed = prune("/backups")
        print(f"uploaded {remote} ({content_hash}), pruned {removed}")
    except Exception as exc:  # noqa: BLE001 - any failure must page someone
        send_sms(os.environ["ONCALL_PHONE"], f"Backup failed: {exc}"[:300])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
