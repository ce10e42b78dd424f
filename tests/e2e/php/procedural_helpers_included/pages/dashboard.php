<?php
// Dashboard: the balance, the ADSL cards on sale and a test recharge.
require_once __DIR__ . '/../lib/flexy.php';

function dashboard_page()
{
    $account = flexy_balance();
    echo 'balance: ' . number_format($account['balance'], 2) . " DA\n";

    $cards = flexy_get('/internet/checkCards/ADSL');
    echo 'ADSL cards: ' . count($cards) . "\n";
    foreach ($cards as $card) {
        echo '  ' . $card['value'] . ' DA ' . ($card['available'] ? 'on sale' : 'sold out') . "\n";
    }

    $unknown = flexy_get('/internet/checkCards/FIBRE');
    if (isset($unknown['error'])) {
        echo 'FIBRE cards: ' . $unknown['message'] . "\n";
    }

    foreach (['adsl-4101' => 1000, 'adsl-4102' => 9000] as $ref => $value) {
        $sent = flexy_post('/internet/sendTopup', [
            'type' => 'ADSL', 'number' => '036123456', 'value' => $value, 'ref' => $ref,
        ]);
        if (isset($sent['error'])) {
            echo $ref . ' refused: ' . $sent['message'] . "\n";
        } else {
            echo $ref . ' queued as ' . $sent['topupId'] . ', balance left ' . $sent['newBalance'] . "\n";
        }
    }
}
