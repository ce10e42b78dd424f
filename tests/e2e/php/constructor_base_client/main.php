<?php
// A client class (FlexyClient.php, included) given its v2 base as its first constructor
// argument by this entry file, whose callers read the v2 shapes.
require_once __DIR__ . '/FlexyClient.php';

$client = new FlexyClient('https://flexy-api.oneclickdz.com/v2', getenv('FLEXY_API_KEY') ?: 'e2e-test-key');

$account = $client->balance();
echo 'balance: ' . $account['balance'] . "\n";

foreach ([['pc-9201', 500], ['pc-9202', 9000]] as [$ref, $amount]) {
    $sent = $client->sendTopup(['plan_code' => 'PREPAID_MOBILIS', 'MSSIDN' => '0661223344', 'amount' => $amount, 'ref' => $ref]);
    if (($sent['error'] ?? null) === 'NO-BALANCE') {
        echo "$ref refused: recharge the account first\n";
    } elseif (isset($sent['error'])) {
        echo "$ref refused: {$sent['message']}\n";
    } else {
        echo "$ref sent {$sent['topupId']}\n";
    }
}
