<?php
// Keyed destructuring of decoded responses, short and list() forms, over file_get_contents
// with a stream context.
$base = 'https://flexy-api.oneclickdz.com';
$ctx = stream_context_create(['http' => ['header' => 'authorization: e2e-test-key', 'ignore_errors' => true]]);

['balance' => $balance] = json_decode(file_get_contents($base . '/v2/account/balance', false, $ctx), true);
echo 'balance: ', $balance, "\n";

$list = json_decode(file_get_contents($base . '/v2/account/transactions?page=1&pageSize=2', false, $ctx), true);
list('transactions' => $items, 'totalPages' => $pages) = $list;
echo 'pages: ', $pages, "\n";
foreach ($items as $t) {
    echo '- ', $t['type'], ' ', $t['amount'], "\n";
}
