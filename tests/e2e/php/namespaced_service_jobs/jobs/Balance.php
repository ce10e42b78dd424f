<?php

namespace Shop\Jobs;

require_once __DIR__ . '/../src/Flexy/FlexyService.php';

use Shop\Flexy\FlexyService;
use Shop\Flexy\FlexyException;

/** Nightly job: the balance and how many transactions the account holds. */
class Balance
{
    public function __construct(private FlexyService $flexy)
    {
    }

    public function run(): void
    {
        $account = $this->flexy->balance();
        printf("balance: %.2f DA\n", $account['balance']);

        $first = $this->flexy->transactions(1);
        echo 'transaction pages: ' . $first['totalPages'] . "\n";
        $count = count($first['transactions']);
        for ($page = 2; $page <= $first['totalPages']; $page++) {
            $rows = $this->flexy->transactions($page);
            $count += count($rows['transactions']);
        }
        echo 'transactions: ' . $count . "\n";
        echo 'newest: ' . $first['transactions'][0]['id'] . ' ' . $first['transactions'][0]['type'] . "\n";
    }

    public function probe(FlexyService $other, string $label): void
    {
        try {
            $other->balance();
            echo $label . ": accepted\n";
        } catch (FlexyException $e) {
            echo $label . ': ' . $e->getMessage() . "\n";
        }
    }
}
