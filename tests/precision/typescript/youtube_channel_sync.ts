// Mirrors the brand's YouTube uploads into the CMS. Google OAuth 2.0 (authorization code,
// then refresh) and the YouTube Data API under `https://www.googleapis.com/youtube/v3/...`.
// Traps: Google's `/v3/` paths in templates and concatenations, a Bearer access token on
// `Authorization`, `pageInfo.totalResults`, `nextPageToken`, `error.message` bodies, an
// OAuth token exchange with `error: "invalid_grant"`, and the CMS's own `/api/v3/videos`
// with a `Token` scheme in a lowercase `authorization` header and `data.items` answers.
const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
const YOUTUBE_API = "https://www.googleapis.com/youtube/v3";

export interface GoogleTokens {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string;
  token_type: "Bearer";
}

type StoredSession = GoogleTokens & { expiresAt: number };

interface YouTubeList<T> {
  kind: string;
  nextPageToken?: string;
  pageInfo: { totalResults: number; resultsPerPage: number };
  items: T[];
}

interface PlaylistItem {
  snippet: { title: string; publishedAt: string; resourceId: { videoId: string } };
}

interface GoogleApiError {
  error: { code: number; message: string; status: string };
}

const CLIENT_ID = process.env.GOOGLE_CLIENT_ID!;
const CLIENT_SECRET = process.env.GOOGLE_CLIENT_SECRET!;

export async function exchangeCode(code: string, redirectUri: string): Promise<StoredSession> {
  const res = await fetch(GOOGLE_TOKEN_URL, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      code,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: redirectUri,
      grant_type: "authorization_code",
    }),
  });
  const body = (await res.json()) as GoogleTokens | { error: string; error_description?: string };
  if ("error" in body) throw new Error(`Google OAuth: ${body.error} ${body.error_description ?? ""}`);
  return { ...body, expiresAt: Date.now() + (body.expires_in - 60) * 1000 };
}

export async function refresh(session: StoredSession): Promise<StoredSession> {
  const res = await fetch(GOOGLE_TOKEN_URL, {
    method: "POST",
    body: new URLSearchParams({
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      refresh_token: session.refresh_token!,
      grant_type: "refresh_token",
    }),
  });
  const body = await res.json();
  if (body.error === "invalid_grant") {
    throw new Error("the YouTube connection was revoked, reconnect the channel");
  }
  return { ...session, ...(body as GoogleTokens), expiresAt: Date.now() + (body.expires_in - 60) * 1000 };
}

export class YouTubeClient {
  constructor(private session: StoredSession, private readonly onRefresh: (s: StoredSession) => Promise<void>) {}

  private async get<T>(path: string, params: Record<string, string>): Promise<T> {
    if (Date.now() > this.session.expiresAt) {
      this.session = await refresh(this.session);
      await this.onRefresh(this.session);
    }
    const res: Response = await fetch(YOUTUBE_API + path + "?" + new URLSearchParams(params), {
      headers: { Authorization: `Bearer ${this.session.access_token}` },
    });
    if (!res.ok) {
      const { error } = (await res.json()) as GoogleApiError;
      throw new Error(`YouTube ${error.code} ${error.status}: ${error.message}`);
    }
    return res.json() as Promise<T>;
  }

  async uploadsPlaylist(): Promise<string> {
    const data = await this.get<YouTubeList<{ contentDetails: { relatedPlaylists: { uploads: string } } }>>(
      "/channels",
      { part: "contentDetails", mine: "true" },
    );
    return data.items[0]!.contentDetails.relatedPlaylists.uploads;
  }

  async *uploads(playlistId: string): AsyncGenerator<PlaylistItem> {
    let pageToken: string | undefined;
    do {
      const page = await this.get<YouTubeList<PlaylistItem>>("/playlistItems", {
        part: "snippet",
        playlistId,
        maxResults: "50",
        ...(pageToken ? { pageToken } : {}),
      });
      console.debug(`uploads: ${page.pageInfo.totalResults} in total`);
      yield* page.items;
      pageToken = page.nextPageToken;
    } while (pageToken);
  }
}

export async function videoStats(apiKey: string, ids: string[]): Promise<Map<string, number>> {
  const url = `https://www.googleapis.com/youtube/v3/videos?part=statistics&id=${ids.join(",")}&key=${apiKey}`;
  const res = await fetch(url);
  const data = (await res.json()) as YouTubeList<{ id: string; statistics: { viewCount: string } }>;
  return new Map(data.items.map((v) => [v.id, Number(v.statistics.viewCount)]));
}

const CMS_URL = "https://cms.internal.acme.io/api/v3";

type CmsReply<T> = { data: T; error?: string; message?: string };

async function cms<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(CMS_URL + path, {
    ...init,
    headers: { authorization: `Token ${process.env.CMS_TOKEN}`, "content-type": "application/json" },
  });
  const body = (await res.json()) as CmsReply<T>;
  if (body.error) throw new Error(`CMS: ${body.error} (${body.message})`);
  return body.data;
}

export async function mirrorUploads(client: YouTubeClient): Promise<number> {
  const known = await cms<{ items: { videoId: string }[] }>("/videos?source=youtube&fields=videoId");
  const seen = new Set(known.items.map((v) => v.videoId));
  let added = 0;
  for await (const item of client.uploads(await client.uploadsPlaylist())) {
    const videoId = item.snippet.resourceId.videoId;
    if (seen.has(videoId)) continue;
    await cms(`/videos`, {
      method: "POST",
      body: JSON.stringify({ videoId, title: item.snippet.title, publishedAt: item.snippet.publishedAt }),
    });
    added += 1;
  }
  return added;
}
