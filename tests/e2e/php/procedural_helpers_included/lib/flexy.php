<?php
// Flexy helpers shared by the back-office pages: plain functions over curl.

const FLEXY_URL = 'https://flexy-api.oneclickdz.com/v2';

function flexy_key()
{
    return getenv('FLEXY_API_KEY') ?: 'e2e-test-key';
}

function flexy_request($ch)
{
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $raw = curl_exec($ch);
    curl_close($ch);
    return json_decode($raw, true);
}

function flexy_get($path)
{
    $ch = curl_init(FLEXY_URL . $path);
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['authorization: ' . flexy_key()]);
    return flexy_request($ch);
}

function flexy_post($path, $data)
{
    $ch = curl_init(FLEXY_URL . $path);
    curl_setopt($ch, CURLOPT_POST, true);
    curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($data));
    curl_setopt($ch, CURLOPT_HTTPHEADER, [
        'authorization: ' . flexy_key(),
        'Content-Type: application/json',
    ]);
    return flexy_request($ch);
}

function flexy_balance()
{
    return flexy_get('/account/balance');
}

function flexy_plans()
{
    return flexy_get('/plans/listAll');
}
