// "Music for the shop" widget: signs the manager in with Spotify (OAuth 2.0 authorization
// code + PKCE, token exchange from the browser) and lists their playlists from the Web API
// (`https://api.spotify.com/v1/...`, offset pagination with `total`/`next`). Traps: an OAuth
// token exchange, Bearer auth in `Authorization`, `error`/`error_description` and
// `{ error: { status, message } }` bodies, a custom hook with `useEffect` + `fetch`.
import { useEffect, useMemo, useState } from "react";

const SPOTIFY_ACCOUNTS = "https://accounts.spotify.com";
const SPOTIFY_API = "https://api.spotify.com/v1";
const CLIENT_ID = import.meta.env.VITE_SPOTIFY_CLIENT_ID as string;
const REDIRECT_URI = `${window.location.origin}/music/callback`;

interface SpotifyToken {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: "Bearer";
}

interface Paging<T> {
  href: string;
  items: T[];
  limit: number;
  offset: number;
  total: number;
  next: string | null;
  previous: string | null;
}

interface Playlist {
  id: string;
  name: string;
  images: { url: string }[];
  tracks: { total: number };
}

interface SpotifyApiError {
  error: { status: number; message: string };
}

function base64url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function startLogin(): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(64)).buffer);
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem("spotify_verifier", verifier);
  const params = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "playlist-read-private",
    code_challenge_method: "S256",
    code_challenge: challenge,
  });
  window.location.assign(`${SPOTIFY_ACCOUNTS}/authorize?${params}`);
}

export async function exchangeCode(code: string): Promise<SpotifyToken> {
  const res = await fetch(SPOTIFY_ACCOUNTS + "/api/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: sessionStorage.getItem("spotify_verifier")!,
    }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${body.error}: ${body.error_description}`);
  return body as SpotifyToken;
}

function usePlaylists(token: string | null, offset: number) {
  const [page, setPage] = useState<Paging<Playlist> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    (async () => {
      const res = await fetch(`${SPOTIFY_API}/me/playlists?limit=20&offset=${offset}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) {
        const { error: e } = (await res.json()) as SpotifyApiError;
        if (!cancelled) setError(e.status === 401 ? "Session expired, sign in again" : e.message);
        return;
      }
      const data = (await res.json()) as Paging<Playlist>;
      if (!cancelled) setPage(data);
    })();
    return () => {
      cancelled = true;
    };
  }, [token, offset]);
  return { page, error };
}

export function ShopPlaylists({ token }: { token: string | null }) {
  const [offset, setOffset] = useState(0);
  const { page, error } = usePlaylists(token, offset);
  const totalPages = useMemo(() => (page ? Math.ceil(page.total / page.limit) : 0), [page]);

  if (!token) return <button onClick={() => void startLogin()}>Connect Spotify</button>;
  if (error) return <p role="alert">{error}</p>;
  if (!page) return <p>Loading playlists…</p>;

  return (
    <div className="playlists">
      <ul>
        {page.items.map((p) => (
          <li key={p.id}>
            {p.images[0] && <img src={p.images[0].url} alt="" width={48} height={48} />}
            {p.name} <small>{p.tracks.total} tracks</small>
          </li>
        ))}
      </ul>
      <footer>
        <button disabled={!page.previous} onClick={() => setOffset(Math.max(0, offset - page.limit))}>
          Previous
        </button>
        <span>
          {offset / page.limit + 1} / {totalPages}
        </span>
        <button disabled={!page.next} onClick={() => setOffset(offset + page.limit)}>
          Next
        </button>
      </footer>
    </div>
  );
}
