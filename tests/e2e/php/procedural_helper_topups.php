<?php
// Procedural curl helper flexy_request() returning json_decode(..., true); callers compare $r['error'] === 'NO-BALANCE'

const API_KEY = 'e2e-test-key';

function flexy_request(string $method, string $path, ?array $body = null): array
{
    $ch = curl_init('https://flexy-api.oneclickdz.com' . $path);
    $headers = ['authorization: ' . API_KEY, 'Accept: application/json'];
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
    if ($body !== null) {
        $headers[] = 'Content-Type: application/json';
        curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($body));
    }
    curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
    $raw = curl_exec($ch);
    curl_close($ch);
    return json_decode($raw, true);
}

$r = flexy_request('GET', '/v2/validate');
echo 'key valid: ' . ($r['valid'] ? 'yes' : 'no') . "\n";
echo 'account: ' . $r['username'] . "\n";

$r = flexy_request('GET', '/v2/account/balance');
echo 'balance: ' . number_format($r['balance'], 2) . "\n";

$r = flexy_request('GET', '/v2/topup/list?page=1&pageSize=5');
echo 'top-ups on page ' . $r['currentPage'] . ': ' . count($r['topups']) . "\n";
echo 'top-ups in total: ' . $r['totalResults'] . ' over ' . $r['totalPages'] . " pages\n";

$r = flexy_request('POST', '/v2/topup/sendTopup', [
    'plan_code' => 'PREPAID_OOREDOO',
    'MSSIDN' => '0550123456',
    'amount' => 2000000,
    'ref' => 'cash-2001',
]);
if (isset($r['error']) && $r['error'] === 'NO-BALANCE') {
    echo "cash-2001 refused: please recharge the account\n";
} elseif (isset($r['error'])) {
    echo 'cash-2001 failed: ' . $r['message'] . "\n";
} else {
    echo 'cash-2001 sent as ' . $r['topupId'] . "\n";
}

$r = flexy_request('POST', '/v2/topup/sendTopup', [
    'plan_code' => 'PREPAID_OOREDOO',
    'MSSIDN' => '0550123456',
    'amount' => 200,
    'ref' => 'dup-2002',
]);
if (isset($r['error']) && $r['error'] === 'DUPLICATED-REF') {
    echo "dup-2002 already used, not sent twice\n";
} elseif (isset($r['error'])) {
    echo 'dup-2002 failed: ' . $r['message'] . "\n";
} else {
    echo 'dup-2002 sent as ' . $r['topupId'] . "\n";
}

$r = flexy_request('POST', '/v2/topup/sendTopup', [
    'plan_code' => 'PREPAID_OOREDOO',
    'MSSIDN' => '0550123456',
    'amount' => 200,
    'ref' => 'cash-2003',
]);
if (isset($r['error'])) {
    echo 'cash-2003 failed: ' . $r['message'] . "\n";
} else {
    echo 'cash-2003 sent as ' . $r['topupId'] . ', balance left ' . number_format($r['newBalance'], 2) . "\n";
}

$id = 'tp-cash-2003';
$r = flexy_request('GET', "/v2/topup/checkStatus/ID/$id");
if (isset($r['error'])) {
    echo "$id: " . $r['message'] . "\n";
} else {
    echo "$id status: " . $r['topup']['status'] . ' for ' . $r['topup']['MSSIDN'] . "\n";
}

$r = flexy_request('GET', '/v2/topup/checkStatus/ID/missing-77');
if (isset($r['error']) && $r['error'] === 'NOT_FOUND') {
    echo "missing-77: no such top-up\n";
} else {
    echo 'missing-77 status: ' . $r['topup']['status'] . "\n";
}

$r = flexy_request('GET', '/v2/gift-cards/checkOrder/ord-gift-501');
echo 'order ' . $r['orderId'] . ' is ' . $r['status'] . ' with ' . count($r['cards']) . " card(s)\n";
