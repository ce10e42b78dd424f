// Release tooling for the deploy pipeline: lists merged pull requests since the last tag,
// drafts release notes and publishes them on GitHub. Runs in CI with GITHUB_TOKEN.
import { setTimeout as sleep } from "node:timers/promises";

const GITHUB_API = "https://api.github.com";
const token = process.env.GITHUB_TOKEN;

const defaultHeaders = {
  Authorization: `Bearer ${token}`,
  Accept: "application/vnd.github+json",
  "X-GitHub-Api-Version": "2022-11-28",
  "User-Agent": "release-bot",
};

function parseLinkHeader(header) {
  const links = {};
  if (!header) return links;
  for (const part of header.split(",")) {
    const match = part.match(/<([^>]+)>;\s*rel="([^"]+)"/);
    if (match) links[match[2]] = match[1];
  }
  return links;
}

async function githubFetch(path, init = {}) {
  const url = path.startsWith("http") ? path : `${GITHUB_API}${path}`;
  for (let attempt = 0; attempt < 4; attempt++) {
    const res = await fetch(url, { ...init, headers: { ...defaultHeaders, ...init.headers } });
    if (res.status === 403 && res.headers.get("x-ratelimit-remaining") === "0") {
      const reset = Number(res.headers.get("x-ratelimit-reset")) * 1000;
      await sleep(Math.max(reset - Date.now(), 1000));
      continue;
    }
    if (res.status >= 500) {
      await sleep(2 ** attempt * 500);
      continue;
    }
    const body = res.status === 204 ? null : await res.json();
    if (!res.ok) {
      const err = new Error(body?.message || res.statusText);
      err.status = res.status;
      err.documentation = body?.documentation_url;
      throw err;
    }
    return { body, links: parseLinkHeader(res.headers.get("link")) };
  }
  throw new Error(`GitHub kept failing for ${url}`);
}

export async function* paginate(path) {
  let next = path;
  while (next) {
    const { body, links } = await githubFetch(next);
    yield* body;
    next = links.next;
  }
}

export async function latestTag(repo) {
  const { body } = await githubFetch(`/repos/${repo}/releases/latest`);
  return body.tag_name;
}

export async function mergedSince(repo, since) {
  const pulls = [];
  for await (const pr of paginate(`/repos/${repo}/pulls?state=closed&per_page=100`)) {
    if (pr.merged_at && new Date(pr.merged_at) > since) {
      pulls.push({ number: pr.number, title: pr.title, author: pr.user.login, labels: pr.labels.map((l) => l.name) });
    }
  }
  return pulls;
}

export function releaseNotes(pulls) {
  const sections = { feature: [], fix: [], other: [] };
  for (const pr of pulls) {
    const kind = pr.labels.includes("feature") ? "feature" : pr.labels.includes("bug") ? "fix" : "other";
    sections[kind].push(`- ${pr.title} (#${pr.number}, @${pr.author})`);
  }
  return [
    sections.feature.length ? `## Features\n${sections.feature.join("\n")}` : "",
    sections.fix.length ? `## Fixes\n${sections.fix.join("\n")}` : "",
    sections.other.length ? `## Other\n${sections.other.join("\n")}` : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

export async function publishRelease(repo, tag, notes) {
  try {
    const { body } = await githubFetch(`/repos/${repo}/releases`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ tag_name: tag, name: tag, body: notes, draft: false }),
    });
    return body.html_url;
  } catch (err) {
    if (err.status === 403 || err.message === "Forbidden") {
      throw new Error("GITHUB_TOKEN lacks contents:write on " + repo);
    }
    if (err.status === 422) {
      console.warn(`release ${tag} already exists`);
      return null;
    }
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const repo = process.env.GITHUB_REPOSITORY;
  const previous = await latestTag(repo);
  const { body: tagInfo } = await githubFetch(`/repos/${repo}/git/ref/tags/${previous}`);
  const { body: commit } = await githubFetch(tagInfo.object.url);
  const pulls = await mergedSince(repo, new Date(commit.committer?.date ?? 0));
  const url = await publishRelease(repo, process.argv[2], releaseNotes(pulls));
  console.log(url ?? "nothing published");
}
