<?php

/** Monthly report: balance, transactions and the last top-ups. */
class Reports
{
    public function __construct(private FlexyClient $client)
    {
    }

    public function summary(): void
    {
        $r = $this->client->get('/account/balance');
        if (isset($r->error)) {
            echo 'report aborted: ' . $r->message . "\n";
            return;
        }
        printf("balance %.2f DA\n", $r->balance);

        $page = $this->client->get('/account/transactions?page=3&pageSize=20');
        echo 'transactions page ' . $page->currentPage . ' of ' . $page->totalPages
            . ': ' . count($page->transactions) . ' rows, ' . $page->totalResults . " in all\n";

        $list = $this->client->get('/topup/list?pageSize=5');
        foreach ($list->topups as $topup) {
            echo '  ' . $topup->ref . ' ' . $topup->status . "\n";
        }
    }
}
