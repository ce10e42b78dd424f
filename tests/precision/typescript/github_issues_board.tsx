// Team board of open GitHub issues: React Query hooks over the GitHub GraphQL API
// (`https://api.github.com/graphql`, cursor pagination, `totalCount`) and the REST API for
// the latest release. Traps: a typed GraphQL client with `errors[].message`, Bearer auth in
// `Authorization`, `useInfiniteQuery` pagination, "Forbidden" handling, `satisfies`.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { CSSProperties, ReactNode } from "react";

const GITHUB_GRAPHQL = "https://api.github.com/graphql";

interface GraphQLResult<T> {
  data?: T;
  errors?: { type?: string; message: string }[];
}

interface IssueNode {
  number: number;
  title: string;
  url: string;
  author: { login: string } | null;
  labels: { nodes: { name: string; color: string }[] };
}

interface IssuesQuery {
  repository: {
    issues: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: IssueNode[];
    };
  };
}

const ISSUES = /* GraphQL */ `
  query Issues($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      issues(first: 30, after: $after, states: OPEN, orderBy: { field: UPDATED_AT, direction: DESC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { number title url author { login } labels(first: 5) { nodes { name color } } }
      }
    }
  }
`;

export async function githubGraphQL<T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(GITHUB_GRAPHQL, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  if (res.status === 403) throw new Error("Forbidden");
  const result = (await res.json()) as GraphQLResult<T>;
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join("; "));
  return result.data as T;
}

function useOpenIssues(token: string, owner: string, name: string) {
  return useInfiniteQuery({
    queryKey: ["issues", owner, name],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => githubGraphQL<IssuesQuery>(token, ISSUES, { owner, name, after: pageParam }),
    getNextPageParam: (last) => {
      const { pageInfo } = last.repository.issues;
      return pageInfo.hasNextPage ? pageInfo.endCursor : null;
    },
  });
}

function useLatestRelease(token: string, repo: string) {
  return useQuery({
    queryKey: ["release", repo],
    queryFn: async () => {
      const res = await fetch(`https://api.github.com/repos/${repo}/releases/latest`, {
        headers: { authorization: "Bearer " + token, accept: "application/vnd.github+json" },
      });
      if (res.status === 404) return null;
      const body = (await res.json()) as { tag_name: string; published_at: string; message?: string };
      if (!res.ok) throw new Error(body.message ?? res.statusText);
      return body;
    },
    staleTime: 5 * 60_000,
  });
}

const labelStyle = (color: string) => ({ backgroundColor: `#${color}`, borderRadius: 8, padding: "0 6px" }) satisfies CSSProperties;

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function IssuesBoard({ token, owner, name }: { token: string; owner: string; name: string }) {
  const issues = useOpenIssues(token, owner, name);
  const release = useLatestRelease(token, `${owner}/${name}`);

  if (issues.isPending) return <p>Loading issues…</p>;
  if (issues.isError) {
    const forbidden = issues.error.message === "Forbidden";
    return <p className="error">{forbidden ? "Your token cannot read this repository." : issues.error.message}</p>;
  }

  const pages = issues.data.pages;
  const totalCount = pages[0]?.repository.issues.totalCount ?? 0;
  const rows = pages.flatMap((p) => p.repository.issues.nodes);

  return (
    <Panel title={`${owner}/${name}: ${totalCount} open issues`}>
      {release.data && <p>Latest release {release.data.tag_name}</p>}
      <ul>
        {rows.map((issue) => (
          <li key={issue.number}>
            <a href={issue.url}>#{issue.number}</a> {issue.title}{" "}
            <small>by {issue.author?.login ?? "ghost"}</small>
            {issue.labels.nodes.map((l) => (
              <span key={l.name} style={labelStyle(l.color)}>
                {l.name}
              </span>
            ))}
          </li>
        ))}
      </ul>
      {issues.hasNextPage && (
        <button disabled={issues.isFetchingNextPage} onClick={() => issues.fetchNextPage()}>
          Load more ({rows.length} of {totalCount})
        </button>
      )}
    </Panel>
  );
}
