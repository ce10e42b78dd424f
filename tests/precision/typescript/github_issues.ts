// Issue triage bot for the GitHub REST API (`https://api.github.com`, no version in the
// path). Traps: Bearer token in `Authorization`, typed `fetch` `Response`, `Link` header
// pagination, a search endpoint returning `total_count`/`items`, error bodies with
// `message` and a "Forbidden" check, non-null `!`, `as` casts and `satisfies`.
import { setTimeout as sleep } from "node:timers/promises";

const GITHUB_API = "https://api.github.com";

interface GitHubUser {
  login: string;
  id: number;
}

export interface Issue {
  number: number;
  title: string;
  state: "open" | "closed";
  labels: { name: string }[];
  user: GitHubUser;
  pull_request?: { url: string };
  created_at: string;
}

interface SearchResult<T> {
  total_count: number;
  incomplete_results: boolean;
  items: T[];
}

interface GitHubErrorBody {
  message: string;
  documentation_url?: string;
}

export class GitHubError extends Error {
  constructor(message: string, public readonly status: number, public readonly docs?: string) {
    super(message);
  }
}

const defaultHeaders = {
  Accept: "application/vnd.github+json",
  "X-GitHub-Api-Version": "2022-11-28",
  "User-Agent": "triage-bot",
} satisfies Record<string, string>;

function nextLink(header: string | null): string | undefined {
  return header
    ?.split(",")
    .map((part) => part.match(/<([^>]+)>;\s*rel="([^"]+)"/))
    .find((m) => m?.[2] === "next")?.[1];
}

export class GitHubClient {
  constructor(private readonly token: string = process.env.GITHUB_TOKEN!) {}

  private async send<T>(pathOrUrl: string, init: RequestInit = {}): Promise<{ body: T; next?: string }> {
    const url = pathOrUrl.startsWith("https://") ? pathOrUrl : `${GITHUB_API}${pathOrUrl}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const res: Response = await fetch(url, {
        ...init,
        headers: { ...defaultHeaders, Authorization: `Bearer ${this.token}`, ...(init.headers as Record<string, string>) },
      });
      if (res.status === 403 && res.headers.get("x-ratelimit-remaining") === "0") {
        const reset = Number(res.headers.get("x-ratelimit-reset")) * 1000;
        await sleep(Math.max(reset - Date.now(), 1000));
        continue;
      }
      if (!res.ok) {
        const err = (await res.json()) as GitHubErrorBody;
        throw new GitHubError(err.message, res.status, err.documentation_url);
      }
      const body = (res.status === 204 ? null : await res.json()) as T;
      return { body, next: nextLink(res.headers.get("link")) };
    }
    throw new GitHubError(`rate limited on ${url}`, 429);
  }

  async *openIssues(repo: string): AsyncGenerator<Issue> {
    let next: string | undefined = `/repos/${repo}/issues?state=open&per_page=100`;
    while (next) {
      const page: { body: Issue[]; next?: string } = await this.send<Issue[]>(next);
      yield* page.body.filter((issue) => !issue.pull_request);
      next = page.next;
    }
  }

  async staleCount(repo: string, before: string): Promise<number> {
    const q = encodeURIComponent(`repo:${repo} is:issue is:open updated:<${before}`);
    const { body } = await this.send<SearchResult<Issue>>(`/search/issues?q=${q}&per_page=1`);
    return body.total_count;
  }

  async label(repo: string, issue: number, labels: string[]): Promise<void> {
    await this.send(`/repos/${repo}/issues/${issue}/labels`, {
      method: "POST",
      body: JSON.stringify({ labels }),
    });
  }

  async comment(repo: string, issue: number, text: string): Promise<string | null> {
    try {
      const { body } = await this.send<{ html_url: string }>(`/repos/${repo}/issues/${issue}/comments`, {
        method: "POST",
        body: JSON.stringify({ body: text }),
      });
      return body.html_url;
    } catch (err) {
      const e = err as GitHubError;
      if (e.status === 403 || e.message === "Forbidden") {
        console.warn(`token cannot comment on ${repo}#${issue}`);
        return null;
      }
      throw e;
    }
  }
}

export async function triage(client: GitHubClient, repo: string): Promise<number> {
  let touched = 0;
  for await (const issue of client.openIssues(repo)) {
    if (issue.labels.length === 0) {
      const guess = /crash|error|fail/i.test(issue.title) ? "bug" : "needs-triage";
      await client.label(repo, issue.number, [guess]);
      touched += 1;
    }
  }
  return touched;
}
