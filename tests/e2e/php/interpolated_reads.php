<?php
// Response reads inside interpolated strings and a heredoc ("$data[balance]", "$obj->balance"), and a wrapper returning from a braceless if

$key = 'e2e-test-key';
$base = 'https://flexy-api.oneclickdz.com';

function flexy_get($base, $key, $path, $fresh)
{
    $ch = curl_init($base . $path);
    curl_setopt_array($ch, [CURLOPT_RETURNTRANSFER => true, CURLOPT_HTTPHEADER => ["authorization: $key"]]);
    $body = curl_exec($ch);
    curl_close($ch);
    if ($fresh) return json_decode($body, true);
    else return json_decode($body, true);
}

$account = flexy_get($base, $key, '/v2/account/balance', true);
echo "balance: $account[balance]\n";
$object = json_decode(file_get_contents($base . '/v2/account/balance', false, stream_context_create(['http' => ['header' => "authorization: $key\r\n"]])));
echo "balance again: $object->balance\n";
$plans = flexy_get($base, $key, '/v2/plans/listAll', false);
$count = count($plans['dymanicPlans']);
echo <<<EOT
dynamic plans: $count, balance $account[balance]

EOT;
