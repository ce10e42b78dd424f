<?php
// A namespaced client (lib/FlexyClient.php) throwing FlexyException with the v2 error in
// `errorCode`, a class of callers comparing it (lib/Topups.php), and this entry file.
require_once __DIR__ . '/lib/FlexyClient.php';
require_once __DIR__ . '/lib/Topups.php';

use Shop\Flexy\FlexyClient;
use Shop\Flexy\FlexyException;
use Shop\Flexy\Topups;

$client = new FlexyClient(getenv('FLEXY_API_KEY') ?: 'e2e-test-key');
$account = $client->call('GET', '/v2/account/balance');
echo 'balance: ' . $account['balance'] . "\n";

$topups = new Topups($client);
foreach ([['rc-8201', '0661223344', 500], ['rc-8202', '0661223344', 9000], ['dup-8203', '0661223344', 500]] as [$ref, $phone, $amount]) {
    echo $topups->send($ref, $phone, $amount) . "\n";
}

try {
    $status = $client->call('GET', '/v2/topup/checkStatus/REF/missing-8205');
    echo 'missing-8205: ' . $status['topup']['status'] . "\n";
} catch (FlexyException $e) {
    echo 'missing-8205: ' . ($e->errorCode === 'NOT_FOUND' ? 'no such top-up' : $e->getMessage()) . "\n";
}

try {
    $order = $client->call('POST', '/v2/gift-cards/placeOrder', ['productId' => 'gc-001', 'quantity' => 50, 'ref' => 'rc-8204']);
    echo 'order ' . $order['orderId'] . "\n";
} catch (FlexyException $e) {
    echo $e->errorCode === 'NO-BALANCE' ? "gift card: not enough balance\n" : 'gift card refused: ' . $e->getCode() . "\n";
}
