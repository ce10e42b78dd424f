<?php
// Procedural curl with a grouped base (`.../v2/internet`) and relative paths, the headers
// built once in a function. (Breakage kind: the header changed to X-Access-Token while the
// URL stays on `.../v2/internet`.)

$FLEXY_INTERNET = 'https://flexy-api.oneclickdz.com/v2/internet';

function flexy_headers(?string $key = null): array
{
    return ['authorization: ' . ($key ?? (getenv('FLEXY_API_KEY') ?: 'e2e-test-key')), 'Accept: application/json'];
}

function internet_call(string $path, ?array $body = null, ?string $key = null): array
{
    global $FLEXY_INTERNET;
    $ch = curl_init($FLEXY_INTERNET . $path);
    $headers = flexy_headers($key);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    if ($body !== null) {
        $headers[] = 'Content-Type: application/x-www-form-urlencoded';
        curl_setopt($ch, CURLOPT_POST, true);
        curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query($body));
    }
    curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
    $raw = curl_exec($ch);
    $code = curl_getinfo($ch, CURLINFO_HTTP_CODE);
    curl_close($ch);
    return [$code, json_decode($raw, true)];
}

[$code, $cards] = internet_call('/checkCards/ADSL');
$available = array_filter($cards, fn ($card) => $card['available']);
echo "ADSL: " . count($cards) . " cards, " . count($available) . " available\n";

[$code, $check] = internet_call('/checkNumber/ADSL/031122334');
echo "031122334: " . ($check['valid'] ? 'valid' : 'invalid') . "\n";

[$code, $sent] = internet_call('/sendTopup', ['type' => 'ADSL', 'number' => '031122334', 'value' => 500, 'ref' => 'pc-1501']);
if ($code === 200) {
    echo "sent {$sent['topupRef']}, balance {$sent['newBalance']}\n";
} else {
    echo "send failed ($code): {$sent['message']}\n";
}

[$code, $err] = internet_call('/sendTopup', ['type' => 'ADSL', 'value' => 500, 'ref' => 'pc-1502']);
echo "missing number: $code {$err['error']} {$err['message']}\n";

[$code, $status] = internet_call('/checkStatus/REF/refund-004');
echo "refund-004: {$status['topup']['status']} {$status['topup']['number']}\n";

[$code, $list] = internet_call('/list?pageSize=8');
echo "recharges: {$list['totalResults']}, refunded: " . count(array_filter($list['topups'], fn ($t) => $t['status'] === 'REFUNDED')) . "\n";

[$code, $denied] = internet_call('/list', null, 'old-key');
echo "old key: $code " . ($denied['error'] === 'Forbidden' ? 'forbidden' : 'ok') . "\n";
