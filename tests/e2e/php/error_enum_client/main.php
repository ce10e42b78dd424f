<?php
// A namespaced client class (src/FlexyClient.php) and a PHP 8.1 enum of the v2 error strings
// (src/FlexyError.php), compared with the `error` of each response by the callers here.
require __DIR__ . '/src/FlexyError.php';
require __DIR__ . '/src/FlexyClient.php';

use Shop\Flexy\FlexyClient;
use Shop\Flexy\FlexyError;

$flexy = new FlexyClient(getenv('FLEXY_API_KEY') ?: 'e2e-test-key');

$balance = $flexy->get('/v2/account/balance');
echo 'balance ' . $balance['balance'] . "\n";

$attempts = [
    ['plan_code' => 'PREPAID_MOBILIS', 'MSSIDN' => '0661223344', 'amount' => 300, 'ref' => 'en-1601'],
    ['plan_code' => 'PREPAID_MOBILIS', 'MSSIDN' => '0661223344', 'amount' => 3000, 'ref' => 'en-1602'],
    ['plan_code' => 'PREPAID_MOBILIS', 'MSSIDN' => '0661223344', 'amount' => 300, 'ref' => 'dup-1603'],
    ['plan_code' => 'PREPAID_MOBILIS', 'MSSIDN' => '061223344', 'amount' => 300, 'ref' => 'en-1604'],
    ['plan_code' => 'PREPAID_MOBILIS', 'MSSIDN' => '0661223344', 'ref' => 'en-1605'],
];
foreach ($attempts as $attempt) {
    $result = $flexy->post('/v2/topup/sendTopup', $attempt);
    $error = FlexyClient::errorOf($result);
    $line = match ($error) {
        null => 'sent as ' . $result['topupId'],
        FlexyError::NoBalance => 'balance too low, top up the account',
        FlexyError::DuplicatedRef => 'reference already used',
        FlexyError::Phone => 'check the phone number',
        default => 'failed (' . $error->name . '): ' . $result['message'],
    };
    echo $attempt['ref'] . ': ' . $line . "\n";
}

$status = $flexy->get('/v2/topup/checkStatus/REF/missing-en-1606');
if (($status['error'] ?? null) === FlexyError::NotFound->value) {
    echo 'missing-en-1606: ' . $status['message'] . "\n";
}

$intruder = new FlexyClient('guessed-key');
$check = $intruder->get('/v2/validate');
if ($check['error'] === FlexyError::Forbidden->value) {
    echo 'guessed key refused: ' . $check['message'] . "\n";
}
$anonymous = new FlexyClient('');
$check = $anonymous->get('/v2/validate');
echo 'no key: ' . (isset($check['error']) ? $check['message'] : 'accepted') . "\n";
