<?php

namespace Shop\Jobs;

require_once __DIR__ . '/../src/Flexy/FlexyService.php';

use Shop\Flexy\FlexyService;
use Shop\Flexy\FlexyException;

/** Queue worker: sends the pending mobile top-ups, then checks the earlier ones. */
class Topups
{
    public function __construct(private FlexyService $flexy)
    {
    }

    public function send(array $orders): void
    {
        foreach ($orders as $order) {
            try {
                $sent = $this->flexy->sendTopup($order);
                echo $order['ref'] . ' sent as ' . $sent['topupId'] . "\n";
            } catch (FlexyException $e) {
                echo $order['ref'] . ' failed: ' . $e->getMessage() . "\n";
            }
        }
    }

    public function statuses(array $refs): void
    {
        foreach ($refs as $ref) {
            try {
                $status = $this->flexy->topupStatus($ref);
                echo $ref . ': ' . $status['topup']['status'] . ' (' . $status['topup']['amount'] . " DA)\n";
            } catch (FlexyException $e) {
                echo $ref . ': ' . $e->getMessage() . "\n";
            }
        }
    }
}
