<?php
// Inline curl per call (curl_setopt_array, authorization header); errors checked with isset($data['error']) and printed from $data['message']

$key = 'e2e-test-key';

// Current balance before selling anything
$ch = curl_init('https://flexy-api.oneclickdz.com/v2/account/balance');
curl_setopt_array($ch, [
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_HTTPHEADER => ["authorization: $key"],
]);
$resp = curl_exec($ch);
curl_close($ch);
$data = json_decode($resp, true);
if (isset($data['error'])) {
    echo "balance unavailable: " . $data['message'] . "\n";
} else {
    echo "balance: " . $data['balance'] . " DA\n";
}

// Djezzy prepaid top-up for a customer at the counter
$order = ['plan_code' => 'PREPAID_DJEZZY', 'MSSIDN' => '0778037340', 'amount' => 500, 'ref' => 'shop-1001'];
$ch = curl_init('https://flexy-api.oneclickdz.com/v2/topup/sendTopup');
curl_setopt_array($ch, [
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => ["authorization: $key", 'Content-Type: application/json'],
    CURLOPT_POSTFIELDS => json_encode($order),
]);
$resp = curl_exec($ch);
curl_close($ch);
$sent = json_decode($resp, true);
if (isset($sent['error'])) {
    echo "top-up failed: " . $sent['message'] . "\n";
} else {
    echo "top-up id: " . $sent['topupId'] . "\n";
    echo "top-up ref: " . $sent['topupRef'] . "\n";
    echo "new balance: " . number_format($sent['newBalance'], 2, '.', '') . "\n";
}

// A big Mobilis order that the balance cannot cover
$big = ['plan_code' => 'PREPAID_MOBILIS', 'MSSIDN' => '0661234567', 'amount' => 50000, 'ref' => 'shop-1002'];
$ch = curl_init('https://flexy-api.oneclickdz.com/v2/topup/sendTopup');
curl_setopt_array($ch, [
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => ["authorization: $key", 'Content-Type: application/json'],
    CURLOPT_POSTFIELDS => json_encode($big),
]);
$resp = curl_exec($ch);
curl_close($ch);
$refused = json_decode($resp, true);
if (isset($refused['error'])) {
    echo "big top-up refused: " . $refused['message'] . "\n";
} else {
    echo "big top-up accepted: " . $refused['topupId'] . "\n";
}

// Follow the first order by its reference
$ch = curl_init('https://flexy-api.oneclickdz.com/v2/topup/checkStatus/REF/shop-1001');
curl_setopt_array($ch, [
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_HTTPHEADER => ["authorization: $key"],
]);
$resp = curl_exec($ch);
curl_close($ch);
$status = json_decode($resp, true);
if (isset($status['error'])) {
    echo "status unknown: " . $status['message'] . "\n";
} else {
    echo "status of shop-1001: " . $status['topup']['status'] . "\n";
    echo "phone of shop-1001: " . $status['topup']['MSSIDN'] . "\n";
}

// A key copied with a typo from the dashboard
$ch = curl_init('https://flexy-api.oneclickdz.com/v2/account/balance');
curl_setopt_array($ch, [
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_HTTPHEADER => ['authorization: wrong-key'],
]);
$resp = curl_exec($ch);
curl_close($ch);
$denied = json_decode($resp, true);
if (isset($denied['error'])) {
    echo "wrong key: " . $denied['message'] . "\n";
} else {
    echo "wrong key accepted, balance " . $denied['balance'] . "\n";
}
