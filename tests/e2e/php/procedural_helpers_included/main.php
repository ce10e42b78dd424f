<?php
// Procedural helpers (lib/flexy.php: FLEXY_URL, flexy_get/flexy_post, flexy_balance/flexy_plans)
// included by back-office pages in pages/; the ADSL cards come back as a bare v2 array.
require_once __DIR__ . '/lib/flexy.php';
require_once __DIR__ . '/pages/dashboard.php';
require_once __DIR__ . '/pages/plans.php';

dashboard_page();
plans_page();

putenv('FLEXY_API_KEY=revoked-key');
$denied = flexy_balance();
echo 'revoked key: ' . ($denied['message'] ?? 'accepted') . "\n";
