<?php
// file_get_contents with stream_context_create (ignore_errors) and json_decode(..., true); internet cards and gift cards

$key = getenv('FLEXY_KEY') ?: 'e2e-test-key';

function flexy_call(string $method, string $url, string $key, ?array $body = null): array
{
    $context = stream_context_create(['http' => [
        'method' => $method,
        'header' => "authorization: $key\r\nContent-Type: application/json\r\n",
        'content' => $body === null ? '' : json_encode($body),
        'ignore_errors' => true,
    ]]);
    return json_decode(file_get_contents($url, false, $context), true);
}

// ADSL recharge cards on sale today
$cards = flexy_call('GET', 'https://flexy-api.oneclickdz.com/v2/internet/checkCards/ADSL', $key);
echo 'ADSL cards: ' . count($cards) . "\n";
foreach ($cards as $card) {
    echo '  ' . $card['value'] . ' DA' . ($card['available'] ? '' : ' (sold out)') . "\n";
}

$number = '036123456';
$check = flexy_call('GET', "https://flexy-api.oneclickdz.com/v2/internet/checkNumber/ADSL/$number", $key);
echo "line $number " . ($check['valid'] ? 'can' : 'cannot') . ' be recharged (' . $check['type'] . ")\n";

$sent = flexy_call('POST', 'https://flexy-api.oneclickdz.com/v2/internet/sendTopup', $key, [
    'type' => 'ADSL', 'number' => $number, 'value' => 1000, 'ref' => 'adsl-3001',
]);
if (isset($sent['error'])) {
    echo 'ADSL recharge failed: ' . $sent['message'] . "\n";
} else {
    echo 'ADSL recharge ' . $sent['topupRef'] . ' queued as ' . $sent['topupId'] . "\n";
}

$st = flexy_call('GET', 'https://flexy-api.oneclickdz.com/v2/internet/checkStatus/ID/tp-adsl-3001', $key);
echo 'ADSL recharge status: ' . $st['topup']['status'] . "\n";

// A mobile order typed with a missing digit
$bad = flexy_call('POST', 'https://flexy-api.oneclickdz.com/v2/topup/sendTopup', $key, [
    'plan_code' => 'PREPAID_DJEZZY', 'MSSIDN' => '077803734', 'amount' => 100, 'ref' => 'adsl-3002',
]);
if (isset($bad['error']) && $bad['error'] == 'ERR_PHONE') {
    echo "mobile top-up rejected, check the phone number\n";
} elseif (isset($bad['error'])) {
    echo 'mobile top-up rejected: ' . $bad['message'] . "\n";
}

// Gift cards
$catalogue = flexy_call('GET', 'https://flexy-api.oneclickdz.com/v2/gift-cards/catalogue', $key);
echo 'gift products: ' . count($catalogue['products']) . "\n";
foreach ($catalogue['products'] as $product) {
    echo '  ' . $product['id'] . ' ' . $product['name'] . "\n";
}

$unknown = flexy_call('GET', 'https://flexy-api.oneclickdz.com/v2/gift-cards/checkProduct/gc-999', $key);
if (isset($unknown['error'])) {
    echo 'gc-999: ' . $unknown['message'] . "\n";
}

$order = flexy_call('POST', 'https://flexy-api.oneclickdz.com/v2/gift-cards/placeOrder', $key, [
    'productId' => 'gc-003', 'quantity' => 1, 'ref' => 'gift-3003',
]);
if (isset($order['error']) && $order['error'] === 'ERR_STOCK') {
    echo "gc-003 is out of stock, offer another card\n";
} elseif (isset($order['error'])) {
    echo 'gc-003 order failed: ' . $order['message'] . "\n";
} else {
    echo 'gc-003 order ' . $order['orderId'] . ' is ' . $order['status'] . "\n";
}

$delivered = flexy_call('GET', 'https://flexy-api.oneclickdz.com/v2/gift-cards/checkOrder/ord-gift-3000', $key);
echo 'order ' . $delivered['orderId'] . ': ' . $delivered['status'] . "\n";
foreach ($delivered['cards'] as $i => $c) {
    echo '  card ' . ($i + 1) . ' code ' . $c['code'] . "\n";
}
