<?php
// Example v2 program: a procedural script on file_get_contents + stream_context_create that checks an ADSL number, lists the cards, sends internet top-ups, probes an empty key and prints the balance.
// FLEXY_BASE_URL overrides the API host (a local mock in tests), FLEXY_API_KEY holds the key.

$base = getenv('FLEXY_BASE_URL') ?: 'https://flexy-api.oneclickdz.com';
$key = getenv('FLEXY_API_KEY') ?: 'test-key';

function flexy_call(string $method, string $url, string $key, ?array $body = null): array
{
    $options = [
        'http' => [
            'method' => $method,
            'header' => "Accept: application/json\r\nauthorization: $key\r\n",
            'ignore_errors' => true,
            'timeout' => 15,
        ],
    ];
    if ($body !== null) {
        $options['http']['header'] .= "Content-Type: application/json\r\n";
        $options['http']['content'] = json_encode($body);
    }

    $raw = @file_get_contents($url, false, stream_context_create($options));
    if ($raw === false) {
        fwrite(STDERR, "network error calling $url\n");
        exit(2);
    }

    return json_decode($raw, true) ?? [];
}

$type = 'ADSL';
$number = '036251234';

$check = flexy_call('GET', "$base/v2/internet/checkNumber/$type/$number", $key);
echo isset($check['error']) ? "number: rejected\n" : "number: ok\n";

$cards = flexy_call('GET', $base . '/v2/internet/checkCards/' . $type, $key);
$available = array_filter($cards, function (array $card): bool {
    return (bool) $card['available'];
});
printf("cards: %d, available: %d\n", count($cards), count($available));

$ref = 'example-php-script-1';
$card = reset($available);
$sent = flexy_call('POST', $base . '/v2/internet/sendTopup', $key, [
    'type' => $type,
    'number' => $number,
    'value' => $card ? $card['value'] : 500,
    'ref' => $ref,
]);
if (isset($sent['error'])) {
    switch ($sent['error']) {
        case 'NO-BALANCE':
            echo "send: insufficient balance\n";
            break;
        case 'DUPLICATED-REF':
            echo "send: duplicated reference\n";
            break;
        default:
            echo "send: failed\n";
    }
} else {
    echo "send: ok\n";
}

$tooBig = flexy_call('POST', $base . '/v2/internet/sendTopup', $key, [
    'type' => $type,
    'number' => $number,
    'value' => 10000000,
    'ref' => 'example-php-script-2',
]);
if (isset($tooBig['error']) && $tooBig['error'] === 'NO-BALANCE') {
    echo "big send: insufficient balance\n";
}

$probe = flexy_call('GET', $base . '/v2/validate', '');
if (isset($probe['error']) && ($probe['error'] === 'Forbidden' || $probe['error'] === 'Access token missing')) {
    echo "empty key: rejected\n";
}

$balance = flexy_call('GET', $base . '/v2/account/balance', $key);
printf("balance: %.2f\n", $balance['balance']);

$history = flexy_call('GET', $base . '/v2/account/transactions?page=1&pageSize=5', $key);
foreach ($history['transactions'] as $tx) {
    printf("%s %.2f\n", $tx['type'], $tx['amount']);
}
printf("page %d of %d\n", $history['currentPage'], $history['totalPages']);
