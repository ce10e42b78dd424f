<?php
// Fallback airtime provider: when the main top-up provider fails, the order is sent to this
// partner telco aggregator. Raw curl, bearer token from their OAuth endpoint, cached in APCu.

const PARTNER_API = 'https://api.airtime-partner.com';

function partner_token(): string
{
    $cached = function_exists('apcu_fetch') ? apcu_fetch('partner_token') : false;
    if ($cached) {
        return $cached;
    }
    $ch = curl_init(PARTNER_API . '/oauth/token');
    curl_setopt_array($ch, [
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_POST => true,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
        CURLOPT_POSTFIELDS => json_encode([
            'grant_type' => 'client_credentials',
            'client_id' => getenv('PARTNER_CLIENT_ID'),
            'client_secret' => getenv('PARTNER_CLIENT_SECRET'),
        ]),
    ]);
    $token = json_decode(curl_exec($ch), true);
    curl_close($ch);
    if (function_exists('apcu_store')) {
        apcu_store('partner_token', $token['access_token'], $token['expires_in'] - 60);
    }
    return $token['access_token'];
}

function partner_call(string $method, string $path, ?array $payload = null): array
{
    $auth = 'Bearer ' . partner_token();
    $ch = curl_init(PARTNER_API . $path);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
    curl_setopt($ch, CURLOPT_HTTPHEADER, [
        "authorization: $auth",
        'Content-Type: application/json',
    ]);
    if ($payload !== null) {
        curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($payload));
    }
    $response = json_decode(curl_exec($ch), true);
    curl_close($ch);
    return $response ?: [];
}

function partner_operators(string $country): array
{
    $result = partner_call('GET', "/v2/operators?country={$country}");
    $operators = [];
    foreach ($result['products'] as $product) {
        $operators[$product['id']] = $product['name'];
    }
    return $operators;
}

function partner_send_topup(string $msisdn, int $operatorId, float $amount, string $reference): array
{
    $result = partner_call('POST', '/v2/topup', [
        'recipient' => $msisdn,
        'operatorId' => $operatorId,
        'amount' => $amount,
        'customIdentifier' => $reference,
    ]);

    if (isset($result['error']) && $result['error'] === 'NO-BALANCE') {
        throw new RuntimeException('partner wallet is empty');
    }
    if (isset($result['error'])) {
        throw new RuntimeException($result['error'] . ': ' . $result['message']);
    }

    return [
        'id' => $result['topup']['id'],
        'status' => $result['topup']['status'],
        'delivered' => $result['topup']['deliveredAmount'],
    ];
}

function partner_topup_status(string $id): string
{
    $result = partner_call('GET', sprintf('/v2/topup/%s', rawurlencode($id)));
    return $result['topup']['status'] ?? 'UNKNOWN';
}

function partner_history(int $page = 1): array
{
    $result = partner_call('GET', '/v2/topup/list?page=' . $page);
    printf("page %d/%d (%d topups)\n", $result['currentPage'], $result['totalPages'], $result['totalResults']);
    return $result['topups'];
}

function partner_balance(): float
{
    $result = partner_call('GET', '/v2/account/balance');
    return (float) $result['balance'];
}
