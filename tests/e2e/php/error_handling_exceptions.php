<?php
// Error handling: a helper throwing RuntimeException($data['message']) with try/catch, a switch on $result['error'], in_array for auth errors; versioned FLEXY_BASE constant

const FLEXY_BASE = 'https://flexy-api.oneclickdz.com/v2';
const FLEXY_KEY = 'e2e-test-key';

function flexy_handle(string $method, string $path, ?array $body, string $key)
{
    $ch = curl_init(FLEXY_BASE . $path);
    $headers = ["authorization: $key"];
    curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    if ($body !== null) {
        $headers[] = 'Content-Type: application/json';
        curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($body));
    }
    curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
    return $ch;
}

function flexy_call(string $method, string $path, ?array $body = null): array
{
    $ch = flexy_handle($method, $path, $body, FLEXY_KEY);
    $data = json_decode(curl_exec($ch), true);
    curl_close($ch);
    if (isset($data['error'])) {
        throw new RuntimeException($data['message']);
    }
    return $data;
}

function flexy_try(string $method, string $path, ?array $body = null, string $key = FLEXY_KEY): array
{
    $ch = flexy_handle($method, $path, $body, $key);
    $result = json_decode(curl_exec($ch), true);
    curl_close($ch);
    return $result;
}

try {
    $data = flexy_call('GET', '/account/balance');
    echo 'balance: ' . $data['balance'] . "\n";
    $product = flexy_call('GET', '/gift-cards/checkProduct/gc-404');
    echo 'product: ' . $product['name'] . "\n";
} catch (RuntimeException $e) {
    echo 'lookup failed: ' . $e->getMessage() . "\n";
}

try {
    $status = flexy_call('GET', '/topup/checkStatus/REF/missing-8001');
    echo 'missing-8001 is ' . $status['topup']['status'] . "\n";
} catch (RuntimeException $e) {
    echo 'status lookup failed: ' . $e->getMessage() . "\n";
}

$orders = [
    ['plan_code' => 'PREPAID_DJEZZY', 'MSSIDN' => '0770000001', 'amount' => 300, 'ref' => 'err-8002'],
    ['plan_code' => 'PREPAID_DJEZZY', 'MSSIDN' => '0770000001', 'amount' => 99999, 'ref' => 'err-8003'],
    ['plan_code' => 'PREPAID_DJEZZY', 'MSSIDN' => '0770000001', 'amount' => 300, 'ref' => 'dup-8004'],
    ['plan_code' => 'PREPAID_DJEZZY', 'MSSIDN' => '+213770000001', 'amount' => 300, 'ref' => 'err-8005'],
    ['plan_code' => 'PREPAID_DJEZZY', 'MSSIDN' => '0770000001', 'ref' => 'err-8006'],
];
foreach ($orders as $order) {
    $result = flexy_try('POST', '/topup/sendTopup', $order);
    if (!isset($result['error'])) {
        echo $order['ref'] . ' sent: ' . $result['topupId'] . ', balance ' . number_format($result['newBalance'], 2) . "\n";
        continue;
    }
    switch ($result['error']) {
        case 'NO-BALANCE':
            echo $order['ref'] . ": not enough balance, recharge the account\n";
            break;
        case 'DUPLICATED-REF':
            echo $order['ref'] . ": this reference was already used\n";
            break;
        case 'ERR_PHONE':
            echo $order['ref'] . ': bad phone number (' . $result['message'] . ")\n";
            break;
        default:
            echo $order['ref'] . ': unexpected error: ' . $result['message'] . "\n";
    }
}

$result = flexy_try('POST', '/gift-cards/placeOrder', ['productId' => 'gc-003', 'quantity' => 1, 'ref' => 'err-8007']);
if (isset($result['error']) && $result['error'] === 'ERR_STOCK') {
    echo "err-8007: gift card out of stock\n";
}

foreach (['wrong-key', ''] as $badKey) {
    $result = flexy_try('GET', '/account/balance', null, $badKey);
    if (isset($result['error']) && in_array($result['error'], ['Forbidden', 'Access token missing'], true)) {
        echo 'access denied: ' . $result['message'] . "\n";
    } else {
        echo 'bad key was accepted, balance ' . $result['balance'] . "\n";
    }
}
