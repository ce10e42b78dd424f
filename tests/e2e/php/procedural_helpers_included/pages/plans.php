<?php
// Plans page: the mobile offers the shop can sell.
require_once __DIR__ . '/../lib/flexy.php';

function plans_page()
{
    $plans = flexy_plans();
    if (isset($plans['error'])) {
        echo 'plans unavailable: ' . $plans['message'] . "\n";
        return;
    }
    echo 'fixed plans: ' . count($plans['fixedPlans']) . "\n";
    foreach ($plans['fixedPlans'] as $plan) {
        echo '  ' . $plan['code'] . ' ' . $plan['amount'] . " DA\n";
    }
    echo 'dynamic plans: ' . count($plans['dymanicPlans']) . "\n";
    foreach ($plans['dymanicPlans'] as $plan) {
        echo '  ' . $plan['name'] . ' ' . $plan['min'] . '-' . $plan['max'] . " DA\n";
    }
}
