<?php
// "Sign in with GitHub" for the partner portal: OAuth 2 code exchange, token refresh
// (GitHub Apps issue expiring user tokens) and a GraphQL query for the user's organisations.

session_start();

const GH_AUTHORIZE = 'https://github.com/login/oauth/authorize';
const GH_TOKEN = 'https://github.com/login/oauth/access_token';
const GH_GRAPHQL = 'https://api.github.com/graphql';

function gh_post_form(string $url, array $fields): array
{
    $ch = curl_init($url);
    curl_setopt_array($ch, [
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => http_build_query($fields),
        CURLOPT_HTTPHEADER => ['Accept: application/json'],
    ]);
    $body = json_decode((string) curl_exec($ch), true) ?: [];
    curl_close($ch);
    if (isset($body['error'])) {
        throw new RuntimeException($body['error_description'] ?? $body['error']);
    }
    return $body;
}

function gh_store_tokens(array $tokens): void
{
    $_SESSION['gh'] = [
        'access_token' => $tokens['access_token'],
        'refresh_token' => $tokens['refresh_token'] ?? null,
        'expires_at' => time() + (int) ($tokens['expires_in'] ?? 28800) - 60,
    ];
}

function gh_access_token(): string
{
    $gh = $_SESSION['gh'] ?? null;
    if ($gh === null) {
        throw new RuntimeException('not signed in');
    }
    if (time() >= $gh['expires_at'] && $gh['refresh_token']) {
        gh_store_tokens(gh_post_form(GH_TOKEN, [
            'client_id' => getenv('GH_CLIENT_ID'),
            'client_secret' => getenv('GH_CLIENT_SECRET'),
            'grant_type' => 'refresh_token',
            'refresh_token' => $gh['refresh_token'],
        ]));
    }
    return $_SESSION['gh']['access_token'];
}

function gh_graphql(string $query, array $variables = []): array
{
    $ch = curl_init(GH_GRAPHQL);
    curl_setopt_array($ch, [
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => json_encode(['query' => $query, 'variables' => $variables]),
        CURLOPT_HTTPHEADER => [
            'Authorization: Bearer ' . gh_access_token(),
            'Content-Type: application/json',
            'User-Agent: partner-portal',
        ],
    ]);
    $result = json_decode((string) curl_exec($ch), true);
    curl_close($ch);

    if (!empty($result['errors'])) {
        throw new RuntimeException(implode('; ', array_column($result['errors'], 'message')));
    }
    return $result['data'];
}

$action = $_GET['action'] ?? 'login';

if ($action === 'login') {
    $_SESSION['oauth_state'] = bin2hex(random_bytes(16));
    header('Location: ' . GH_AUTHORIZE . '?' . http_build_query([
        'client_id' => getenv('GH_CLIENT_ID'),
        'redirect_uri' => getenv('GH_REDIRECT_URI'),
        'state' => $_SESSION['oauth_state'],
    ]));
    exit;
}

if ($action === 'callback') {
    if (!hash_equals($_SESSION['oauth_state'] ?? '', $_GET['state'] ?? '')) {
        http_response_code(403);
        exit('Forbidden');
    }
    gh_store_tokens(gh_post_form(GH_TOKEN, [
        'client_id' => getenv('GH_CLIENT_ID'),
        'client_secret' => getenv('GH_CLIENT_SECRET'),
        'code' => $_GET['code'] ?? '',
        'redirect_uri' => getenv('GH_REDIRECT_URI'),
    ]));

    $data = gh_graphql('query { viewer { login name organizations(first: 20) { nodes { login } } } }');
    $_SESSION['user'] = [
        'login' => $data['viewer']['login'],
        'name' => $data['viewer']['name'],
        'orgs' => array_column($data['viewer']['organizations']['nodes'], 'login'),
    ];
    header('Location: /portal');
    exit;
}
