<?php
// WordPress-plugin style: wp_remote_get/wp_remote_post, wp_remote_retrieve_body/_response_code,
// is_wp_error and get_option (stand-ins below, over PHP streams, so that no WordPress is
// needed), a `flexy_api_request($endpoint)` helper with endpoints relative to the host, some
// of them built from a group name.

// ---- minimal WordPress stand-ins ----------------------------------------------------------
class WP_Error
{
    public function __construct(public string $code, public string $message)
    {
    }
}

function is_wp_error($thing): bool
{
    return $thing instanceof WP_Error;
}

function get_option(string $name, $default = false)
{
    $options = ['flexy_api_key' => getenv('FLEXY_API_KEY') ?: 'e2e-test-key'];
    return $options[$name] ?? $default;
}

function wp_remote_request(string $url, array $args = [])
{
    $headers = '';
    foreach ($args['headers'] ?? [] as $name => $value) {
        $headers .= "$name: $value\r\n";
    }
    $context = stream_context_create(['http' => [
        'method' => $args['method'] ?? 'GET',
        'header' => $headers,
        'content' => $args['body'] ?? '',
        'ignore_errors' => true,
        'timeout' => $args['timeout'] ?? 5,
    ]]);
    $body = @file_get_contents($url, false, $context);
    if ($body === false) {
        return new WP_Error('http_request_failed', 'Could not connect');
    }
    preg_match('#HTTP/\S+ (\d+)#', $http_response_header[0] ?? '', $m);
    return ['body' => $body, 'response' => ['code' => (int) ($m[1] ?? 0)]];
}

function wp_remote_get(string $url, array $args = [])
{
    return wp_remote_request($url, ['method' => 'GET'] + $args);
}

function wp_remote_post(string $url, array $args = [])
{
    return wp_remote_request($url, ['method' => 'POST'] + $args);
}

function wp_remote_retrieve_body($response): string
{
    return is_wp_error($response) ? '' : $response['body'];
}

function wp_remote_retrieve_response_code($response): int
{
    return is_wp_error($response) ? 0 : $response['response']['code'];
}

// ---- the plugin ------------------------------------------------------------------------------
define('FLEXY_API_URL', 'https://flexy-api.oneclickdz.com');

function flexy_api_request(string $endpoint, ?array $payload = null, ?string $key = null)
{
    $args = [
        'headers' => ['authorization' => $key ?? get_option('flexy_api_key')],
        'timeout' => 15,
    ];
    $url = FLEXY_API_URL . '/' . ltrim($endpoint, '/');
    if ($payload !== null) {
        $args['headers']['Content-Type'] = 'application/json';
        $args['body'] = json_encode($payload);
        $response = wp_remote_post($url, $args);
    } else {
        $response = wp_remote_get($url, $args);
    }
    if (is_wp_error($response)) {
        return ['error' => 'http', 'message' => $response->message];
    }
    return json_decode(wp_remote_retrieve_body($response), true);
}

function flexy_history_endpoint(string $group, int $page): string
{
    return 'v2/' . $group . '/list?page=' . $page . '&pageSize=5';
}

$balance = flexy_api_request('v2/account/balance');
echo 'Solde: ' . number_format($balance['balance'], 2, ',', ' ') . " DA\n";

$plans = flexy_api_request('v2/plans/listAll');
foreach ($plans['fixedPlans'] as $plan) {
    if ($plan['amount'] >= 1000) {
        echo 'Forfait ' . $plan['code'] . ': ' . $plan['amount'] . " DA\n";
    }
}

foreach (['topup', 'internet', 'gift-cards'] as $group) {
    $history = flexy_api_request(flexy_history_endpoint($group, 1));
    echo "Historique $group: " . $history['totalResults'] . ' sur ' . $history['totalPages'] . " pages\n";
}

$order = flexy_api_request('v2/topup/sendTopup', [
    'plan_code' => 'DJEZZY_HADRA_100',
    'MSSIDN' => '0550123456',
    'amount' => 100,
    'ref' => 'wp-1301',
]);
if (!empty($order['error'])) {
    echo 'Recharge refusée: ' . $order['message'] . "\n";
} else {
    echo 'Recharge ' . $order['topupRef'] . ' -> solde ' . $order['newBalance'] . "\n";
}

$incomplete = flexy_api_request('v2/topup/sendTopup', ['plan_code' => 'DJEZZY_HADRA_100', 'MSSIDN' => '0550123456', 'ref' => 'wp-1302']);
echo 'Sans montant: ' . ($incomplete['error'] === 'ERR_VALIDATION' ? $incomplete['message'] : 'accepté') . "\n";

$status = flexy_api_request('v2/topup/checkStatus/REF/wp-1301');
echo 'Statut wp-1301: ' . $status['topup']['status'] . "\n";

$denied = flexy_api_request('v2/validate', null, 'cle-invalide');
if (isset($denied['error']) && $denied['error'] === 'Forbidden') {
    echo 'Clé refusée: ' . $denied['message'] . "\n";
}
