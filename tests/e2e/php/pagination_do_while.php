<?php
// Pagination loops with do { ... } while ($data['currentPage'] < $data['totalPages']) over transactions, top-ups and gift-card orders

$apiKey = 'e2e-test-key';

function fetch_json(string $url, string $apiKey): array
{
    $ch = curl_init($url);
    curl_setopt_array($ch, [
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 30,
        CURLOPT_HTTPHEADER => ['authorization: ' . $apiKey],
    ]);
    $response = curl_exec($ch);
    curl_close($ch);
    return json_decode($response, true);
}

// Account statement, ten lines per page
$page = 0;
$lines = 0;
$spent = 0.0;
do {
    $page++;
    $data = fetch_json("https://flexy-api.oneclickdz.com/v2/account/transactions?page=$page&pageSize=10", $apiKey);
    if (isset($data['error'])) {
        echo 'statement stopped: ' . $data['message'] . "\n";
        break;
    }
    $lines += count($data['transactions']);
    foreach ($data['transactions'] as $tx) {
        $spent += $tx['amount'];
    }
    echo 'statement page ' . $data['currentPage'] . ': ' . count($data['transactions']) . " lines\n";
} while ($data['currentPage'] < $data['totalPages']);
echo "statement lines: $lines / " . $data['totalResults'] . "\n";
echo 'statement amount: ' . number_format($spent, 2, '.', '') . " DA\n";

// Mobile top-ups, five per page
$page = 1;
$ids = [];
do {
    $data = fetch_json('https://flexy-api.oneclickdz.com/v2/topup/list?pageSize=5&page=' . $page, $apiKey);
    foreach ($data['topups'] as $topup) {
        $ids[] = $topup['id'];
    }
    $page++;
} while ($data['currentPage'] < $data['totalPages']);
echo 'mobile top-ups: ' . count($ids) . ' (' . $data['totalResults'] . " reported)\n";
echo 'first: ' . $ids[0] . ', last: ' . $ids[count($ids) - 1] . "\n";

// Gift-card orders, two per page
$page = 1;
$delivered = 0;
do {
    $data = fetch_json(sprintf('https://flexy-api.oneclickdz.com/v2/gift-cards/list?page=%d&pageSize=%d', $page, 2), $apiKey);
    foreach ($data['orders'] as $order) {
        if ($order['status'] === 'DELIVERED') {
            $delivered++;
        }
    }
    echo 'orders page ' . $data['currentPage'] . '/' . $data['totalPages'] . ': ' . count($data['orders']) . "\n";
    $page++;
} while ($data['currentPage'] < $data['totalPages']);
echo "delivered orders: $delivered of " . $data['totalResults'] . "\n";
