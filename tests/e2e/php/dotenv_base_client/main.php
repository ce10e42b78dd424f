<?php
// The base lives in `.env` (FLEXY_URL=".../v2"), read with parse_ini_file; curl requests
// append version-less paths to it and read the v2 bodies at their root.
$env = parse_ini_file(__DIR__ . '/.env');
$base = $env['FLEXY_URL'];
$key = $env['FLEXY_KEY'];

function flexy_get($url, $key)
{
    $ch = curl_init($url);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['authorization: ' . $key]);
    $raw = curl_exec($ch);
    curl_close($ch);
    return json_decode($raw, true);
}

$balance = flexy_get($base . '/account/balance', $key);
echo 'balance ' . number_format($balance['balance'], 2) . "\n";

$plans = flexy_get("{$base}/plans/listAll", $key);
echo count($plans['dymanicPlans']) . ' dynamic plans, ' . count($plans['fixedPlans']) . " fixed plans\n";
foreach ($plans['fixedPlans'] as $plan) {
    echo ' ' . $plan['code'] . "\n";
}
