<?php
// A Laravel-style config file (config/services.php) feeds a client class (src/FlexyClient.php)
// over file_get_contents and a stream context; bodies are objects (json_decode without assoc).
require __DIR__ . '/src/FlexyClient.php';
require __DIR__ . '/src/Reports.php';

$config = require __DIR__ . '/config/services.php';
$client = new FlexyClient($config['flexy']);

(new Reports($client))->summary();

$sent = $client->post('/topup/sendTopup', [
    'plan_code' => 'PREPAID_MOBILIS', 'MSSIDN' => '0661234567', 'amount' => 500, 'ref' => 'cfg-5101',
]);
echo isset($sent->error) ? 'cfg-5101: ' . $sent->message . "\n" : 'cfg-5101 sent as ' . $sent->topupId . "\n";

$r = $client->get('/topup/checkStatus/REF/cfg-5101');
echo 'cfg-5101 status: ' . $r->topup->status . ' for ' . $r->topup->MSSIDN . "\n";

$r = $client->get('/topup/checkStatus/REF/missing-cfg-5102');
echo 'missing-cfg-5102: ' . (isset($r->error) ? $r->message : $r->topup->status) . "\n";

$sent = $client->post('/topup/sendTopup', [
    'plan_code' => 'PREPAID_MOBILIS', 'MSSIDN' => '0661234567', 'amount' => 500, 'ref' => 'dup-cfg-5103',
]);
echo isset($sent->error) ? 'dup-cfg-5103: ' . $sent->message . "\n" : "dup-cfg-5103 sent\n";

$expired = new FlexyClient(['url' => $config['flexy']['url'], 'key' => 'expired-key']);
(new Reports($expired))->summary();
