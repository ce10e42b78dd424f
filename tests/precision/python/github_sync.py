"""Mirror GitHub issues into the support desk: reads issues and comments with the REST API
(requests Session, bearer token, retries on 5xx and secondary rate limits)."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass
from typing import Iterator

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

log = logging.getLogger(__name__)

GITHUB_API = "https://api.github.com"


@dataclass
class Issue:
    number: int
    title: str
    state: str
    author: str
    labels: list[str]
    comments: int


def make_session(token: str) -> requests.Session:
    session = requests.Session()
    retry = Retry(
        total=5,
        backoff_factor=0.5,
        status_forcelist=(500, 502, 503, 504),
        allowed_methods=frozenset({"GET", "POST", "PATCH"}),
    )
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.headers.update(
        {
            "Authorization": f"Bearer {token}",
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
        }
    )
    return session


def _get(session: requests.Session, url: str, **params) -> requests.Response:
    while True:
        response = session.get(url, params=params or None, timeout=20)
        if response.status_code == 403 and response.headers.get("x-ratelimit-remaining") == "0":
            reset = int(response.headers.get("x-ratelimit-reset", time.time() + 60))
            wait = max(reset - int(time.time()), 1)
            log.warning("GitHub rate limit hit, sleeping %ss", wait)
            time.sleep(wait)
            continue
        if response.status_code == 403 and response.json().get("message") == "Forbidden":
            raise PermissionError(f"token cannot read {url}")
        response.raise_for_status()
        return response


def paginate(session: requests.Session, path: str, **params) -> Iterator[dict]:
    url = f"{GITHUB_API}{path}"
    params.setdefault("per_page", 100)
    while url:
        response = _get(session, url, **params)
        yield from response.json()
        url = response.links.get("next", {}).get("url")
        params = {}


def issues(session: requests.Session, repo: str, since: str | None = None) -> Iterator[Issue]:
    query = {"state": "all", "sort": "updated", "direction": "asc"}
    if since:
        query["since"] = since
    for item in paginate(session, f"/repos/{repo}/issues", **query):
        if "pull_request" in item:
            continue
        yield Issue(
            number=item["number"],
            title=item["title"],
            state=item["state"],
            author=item["user"]["login"],
            labels=[label["name"] for label in item["labels"]],
            comments=item["comments"],
        )


def comments(session: requests.Session, repo: str, number: int) -> list[dict]:
    return [
        {"author": c["user"]["login"], "body": c["body"], "created_at": c["created_at"]}
        for c in paginate(session, "/repos/%s/issues/%d/comments" % (repo, number))
    ]


def sync(desk, repo: str) -> int:
    session = make_session(os.environ["GITHUB_TOKEN"])
    since = desk.last_sync("github:" + repo)
    count = 0
    for issue in issues(session, repo, since):
        ticket = desk.upsert_ticket(external_id=f"{repo}#{issue.number}", title=issue.title, status=issue.state)
        if issue.comments:
            for comment in comments(session, repo, issue.number):
                desk.add_note(ticket, comment["author"], comment["body"], comment["created_at"])
        count += 1
    desk.mark_synced("github:" + repo)
    return count


if __name__ == "__main__":
    from support_desk import Desk

    logging.basicConfig(level=logging.INFO)
    print(sync(Desk.from_env(), os.environ.get("GITHUB_REPOSITORY", "acme/shop")))
