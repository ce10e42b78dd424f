<?php
// Client class with a private request() using json_decode($raw) without assoc: callers read objects ($data->balance, $status->topup->status)

class FlexyClient
{
    private string $baseUrl = 'https://flexy-api.oneclickdz.com';
    private string $apiKey;

    public function __construct(string $apiKey)
    {
        $this->apiKey = $apiKey;
    }

    private function request(string $path): object
    {
        $ch = curl_init($this->baseUrl . $path);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_HTTPHEADER, ['authorization: ' . $this->apiKey]);
        $raw = curl_exec($ch);
        curl_close($ch);
        return json_decode($raw);
    }

    public function printBalance(): void
    {
        $data = $this->request('/v2/account/balance');
        if (isset($data->error)) {
            echo 'balance error: ' . $data->message . "\n";
            return;
        }
        printf("balance: %.2f DA\n", $data->balance);
    }

    public function printPlans(): void
    {
        $plans = $this->request('/v2/plans/listAll');
        echo 'dynamic plans: ' . count($plans->dymanicPlans) . "\n";
        foreach ($plans->dymanicPlans as $plan) {
            echo '  dynamic ' . $plan->code . "\n";
        }
        echo 'fixed plans: ' . count($plans->fixedPlans) . "\n";
        foreach ($plans->fixedPlans as $plan) {
            echo '  fixed ' . $plan->code . "\n";
        }
    }

    public function printStatus(string $ref): void
    {
        $status = $this->request('/v2/topup/checkStatus/REF/' . urlencode($ref));
        if (isset($status->error)) {
            echo "$ref: " . $status->message . "\n";
            return;
        }
        echo "$ref status: " . $status->topup->status . "\n";
        echo "$ref phone: " . $status->topup->MSSIDN . "\n";
    }

    public function printTransactionsPage(int $number): void
    {
        $page = $this->request("/v2/account/transactions?page=$number&pageSize=10");
        echo 'transactions page ' . $page->currentPage . '/' . $page->totalPages
            . ': ' . count($page->transactions) . ' of ' . $page->totalResults . "\n";
    }
}

$client = new FlexyClient('e2e-test-key');
$client->printBalance();
$client->printPlans();
$client->printStatus('order-123');
$client->printStatus('refund-005');
$client->printStatus('missing-order-9');
$client->printTransactionsPage(2);
$client->printTransactionsPage(5);

$intruder = new FlexyClient('wrong-key');
$intruder->printBalance();
