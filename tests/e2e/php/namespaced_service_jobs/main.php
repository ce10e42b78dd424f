<?php
// A namespaced service class (src/Flexy/FlexyService.php) with one method per endpoint over a
// private curl call() that throws FlexyException on an `error` body; jobs in jobs/ read the arrays.
require_once __DIR__ . '/src/Flexy/FlexyService.php';
require_once __DIR__ . '/jobs/Balance.php';
require_once __DIR__ . '/jobs/Topups.php';

use Shop\Flexy\FlexyService;
use Shop\Jobs\Balance;
use Shop\Jobs\Topups;

$flexy = new FlexyService(getenv('FLEXY_API_KEY') ?: 'e2e-test-key');

$balance = new Balance($flexy);
$balance->run();
$balance->probe(new FlexyService('stolen-key'), 'stolen key');

$topups = new Topups($flexy);
$topups->send([
    ['plan_code' => 'PREPAID_DJEZZY', 'MSSIDN' => '0771223344', 'amount' => 200, 'ref' => 'job-2101'],
    ['plan_code' => 'PREPAID_DJEZZY', 'MSSIDN' => '0771223344', 'amount' => 5000, 'ref' => 'job-2102'],
    ['plan_code' => 'PREPAID_OOREDOO', 'MSSIDN' => '0551223344', 'amount' => 100, 'ref' => 'dup-job-2103'],
    ['plan_code' => 'PREPAID_OOREDOO', 'MSSIDN' => '0551223344', 'ref' => 'job-2104'],
]);
$topups->statuses(['order-004', 'refund-010', 'missing-job-2105']);
