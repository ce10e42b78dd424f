// Video gallery on the marketing site: SWR hooks over the YouTube Data API
// (`https://www.googleapis.com/youtube/v3/search` and `/youtube/v3/videos`, API key in the
// query string), page tokens, `pageInfo.totalResults`, and Google's
// `{ error: { code, message, errors } }` body. Traps: Google's `/v3/` paths in a template
// literal, a concatenation and a `URL` object; a typed SWR fetcher; `as` casts.
import useSWR from "swr";
import { useState } from "react";

const YT = "https://www.googleapis.com/youtube/v3";
const API_KEY = process.env.NEXT_PUBLIC_YOUTUBE_KEY!;

interface YouTubeList<T> {
  nextPageToken?: string;
  prevPageToken?: string;
  pageInfo: { totalResults: number; resultsPerPage: number };
  items: T[];
}

interface SearchItem {
  id: { videoId: string };
  snippet: { title: string; publishedAt: string; thumbnails: { medium: { url: string } } };
}

interface VideoStats {
  id: string;
  statistics: { viewCount: string; likeCount?: string };
}

class GoogleApiError extends Error {
  constructor(message: string, readonly code: number, readonly reason?: string) {
    super(message);
  }
}

async function fetcher<T>(url: string): Promise<T> {
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) {
    const { error } = body as { error: { code: number; message: string; errors: { reason: string }[] } };
    throw new GoogleApiError(error.message, error.code, error.errors[0]?.reason);
  }
  return body as T;
}

function searchUrl(channelId: string, pageToken?: string): string {
  const url = new URL(`${YT}/search`);
  url.search = new URLSearchParams({
    part: "snippet",
    channelId,
    order: "date",
    type: "video",
    maxResults: "12",
    key: API_KEY,
    ...(pageToken && { pageToken }),
  }).toString();
  return url.toString();
}

export function useChannelVideos(channelId: string, pageToken?: string) {
  return useSWR<YouTubeList<SearchItem>, GoogleApiError>(searchUrl(channelId, pageToken), fetcher, {
    revalidateOnFocus: false,
    keepPreviousData: true,
  });
}

export function useViewCounts(ids: string[]) {
  const key = ids.length ? YT + "/videos?part=statistics&id=" + ids.join(",") + "&key=" + API_KEY : null;
  const { data } = useSWR<YouTubeList<VideoStats>>(key, fetcher);
  return new Map(data?.items.map((v) => [v.id, Number(v.statistics.viewCount)]) ?? []);
}

export default function VideoGallery({ channelId }: { channelId: string }) {
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const current = tokens[tokens.length - 1];
  const { data, error, isLoading } = useChannelVideos(channelId, current);
  const views = useViewCounts(data?.items.map((i) => i.id.videoId) ?? []);

  if (error?.reason === "quotaExceeded") return <p>Videos are unavailable right now, come back tomorrow.</p>;
  if (error) return <p className="error">YouTube error {error.code}: {error.message}</p>;
  if (isLoading || !data) return <div className="spinner" aria-busy />;

  return (
    <section>
      <p>{data.pageInfo.totalResults} videos</p>
      <div className="grid">
        {data.items.map((item) => (
          <a key={item.id.videoId} href={`https://www.youtube.com/watch?v=${item.id.videoId}`}>
            <img src={item.snippet.thumbnails.medium.url} alt={item.snippet.title} />
            <span>{item.snippet.title}</span>
            <small>{(views.get(item.id.videoId) ?? 0).toLocaleString()} views</small>
          </a>
        ))}
      </div>
      <nav>
        <button disabled={tokens.length === 1} onClick={() => setTokens(tokens.slice(0, -1))}>
          Newer
        </button>
        <button disabled={!data.nextPageToken} onClick={() => setTokens([...tokens, data.nextPageToken])}>
          Older
        </button>
      </nav>
    </section>
  );
}
