<?php
// Laravel-style: `.env` (FLEXY_URL=.../v2) read by env() in config/services.php, and a
// service appending version-less paths to config('services.flexy.url').
require __DIR__ . '/bootstrap/helpers.php';
require __DIR__ . '/app/FlexyService.php';

$flexy = new FlexyService();
echo env('APP_NAME') . ' balance: ' . number_format($flexy->balance(), 2) . "\n";
echo 'dynamic plans: ' . implode(', ', $flexy->dynamicPlanCodes()) . "\n";
echo 'ADSL cards: ' . $flexy->cardCount('ADSL') . "\n";
