<?php
// Internet products (bare array: foreach, count, index), number check, send, and status by ref and by id; curl helper with an Authorization header

define('FLEXY_HOST', 'https://flexy-api.oneclickdz.com');
define('FLEXY_KEY', 'e2e-test-key');

function api(string $path, ?array $post = null): array
{
    $ch = curl_init(FLEXY_HOST . $path);
    $headers = ['Authorization: ' . FLEXY_KEY];
    if ($post !== null) {
        curl_setopt($ch, CURLOPT_POST, true);
        curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($post));
        $headers[] = 'Content-Type: application/json';
    }
    curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $out = curl_exec($ch);
    curl_close($ch);
    return json_decode($out, true);
}

foreach (['ADSL', '4G'] as $type) {
    $cards = api('/v2/internet/checkCards/' . $type);
    echo "$type cards: " . count($cards) . "\n";
    echo "$type cheapest card: " . $cards[0]['value'] . " DA\n";
    $available = 0;
    foreach ($cards as $card) {
        if ($card['available']) {
            $available++;
        }
    }
    echo "$type cards in stock: $available\n";
}

$cards = api('/v2/internet/checkCards/FIBRE_XL');
if (isset($cards['error'])) {
    echo 'FIBRE_XL: ' . $cards['message'] . "\n";
}

foreach (['036123456', '12'] as $number) {
    $check = api("/v2/internet/checkNumber/ADSL/{$number}");
    if (isset($check['error'])) {
        echo "number $number: " . $check['message'] . "\n";
        continue;
    }
    echo 'number ' . $check['number'] . ': ' . ($check['valid'] ? 'valid' : 'invalid') . "\n";
}

$ref = 'net-7001';
$sent = api('/v2/internet/sendTopup', ['type' => 'ADSL', 'number' => '036123456', 'value' => 500, 'ref' => $ref]);
if (isset($sent['error'])) {
    echo "recharge $ref failed: " . $sent['message'] . "\n";
    exit(0);
}
echo "recharge $ref accepted as " . $sent['topupId'] . "\n";
echo 'balance after recharge: ' . number_format($sent['newBalance'], 2, ',', ' ') . "\n";

$s = api('/v2/internet/checkStatus/REF/' . $ref);
echo "status by ref: " . $s['topup']['status'] . "\n";

$s = api('/v2/internet/checkStatus/ID/' . $sent['topupId']);
echo "status by id: " . $s['topup']['status'] . "\n";

$s = api('/v2/internet/checkStatus/REF/missing-net-1');
if (isset($s['error'])) {
    echo 'missing-net-1: ' . $s['message'] . "\n";
} else {
    echo 'missing-net-1 status: ' . $s['topup']['status'] . "\n";
}

$s = api('/v2/topup/checkStatus/ID/tp-shop-1001');
echo 'mobile tp-shop-1001: ' . $s['topup']['status'] . ' on ' . $s['topup']['MSSIDN'] . "\n";

$big = api('/v2/internet/sendTopup', ['type' => '4G', 'number' => '0550123456', 'value' => 900000, 'ref' => 'net-7002']);
if (isset($big['error']) && $big['error'] === 'NO-BALANCE') {
    echo "net-7002 not sent: balance too low\n";
}
