<?php
// Example v2 program: a FlexyClient class on curl that prints the balance, plans, a top-up, its status, transactions and ADSL products.
// FLEXY_BASE_URL overrides the API host (a local mock in tests), FLEXY_API_KEY holds the key.

final class FlexyException extends RuntimeException
{
}

final class FlexyClient
{
    private $apiKey;
    private $baseUrl;

    public function __construct(string $apiKey, ?string $baseUrl = null)
    {
        $this->apiKey = $apiKey;
        $this->baseUrl = $baseUrl ?: 'https://flexy-api.oneclickdz.com';
    }

    public function request(string $method, string $endpoint, ?array $body = null): array
    {
        $headers = [
            'Accept: application/json',
            'authorization: ' . $this->apiKey,
        ];

        $ch = curl_init($this->baseUrl . $endpoint);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
        curl_setopt($ch, CURLOPT_TIMEOUT, 15);
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
            curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($body));
        }
        curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);

        $raw = curl_exec($ch);
        if ($raw === false) {
            $error = curl_error($ch);
            curl_close($ch);
            throw new FlexyException('network error: ' . $error);
        }
        curl_close($ch);

        $data = json_decode($raw, true);
        if (!is_array($data)) {
            throw new FlexyException('invalid JSON from Flexy');
        }

        return $data;
    }

    public function balance(): float
    {
        $data = $this->request('GET', '/v2/account/balance');

        return (float) $data['balance'];
    }

    public function plans(): array
    {
        return $this->request('GET', '/v2/plans/listAll');
    }

    public function sendTopup(string $planCode, string $phone, int $amount, string $ref): array
    {
        return $this->request('POST', '/v2/topup/sendTopup', [
            'plan_code' => $planCode,
            'MSSIDN' => $phone,
            'amount' => $amount,
            'ref' => $ref,
        ]);
    }

    public function topupStatus(string $ref): array
    {
        return $this->request('GET', '/v2/topup/checkStatus/REF/' . rawurlencode($ref));
    }

    public function transactions(int $page, int $pageSize = 20): array
    {
        return $this->request('GET', "/v2/account/transactions?page=$page&pageSize=$pageSize");
    }

    public function internetProducts(string $type): array
    {
        return $this->request('GET', '/v2/internet/checkCards/' . $type);
    }
}

$client = new FlexyClient(getenv('FLEXY_API_KEY') ?: 'test-key', getenv('FLEXY_BASE_URL') ?: null);

printf("balance: %.2f\n", $client->balance());

$plans = $client->plans();
printf("dynamic plans: %d\n", count($plans['dymanicPlans']));
printf("fixed plans: %d\n", count($plans['fixedPlans']));

$ref = 'example-php-client-1';
$sent = $client->sendTopup('PREPAID_DJEZZY', '0778037340', 500, $ref);
if (isset($sent['error'])) {
    if ($sent['error'] === 'NO-BALANCE') {
        echo "send: insufficient balance\n";
    } elseif ($sent['error'] === 'DUPLICATED-REF') {
        echo "send: duplicated reference\n";
    } else {
        echo "send: failed\n";
    }
} else {
    printf("sent: new balance %.2f\n", $sent['newBalance']);
    $status = $client->topupStatus($ref);
    printf("status: %s %s\n", $status['topup']['status'], $status['topup']['MSSIDN']);
}

$again = $client->sendTopup('PREPAID_DJEZZY', '0778037340', 500, $ref);
if (isset($again['error']) && $again['error'] === 'DUPLICATED-REF') {
    echo "resend: duplicated reference\n";
}

$page = $client->transactions(1, 20);
printf(
    "transactions: %d on page %d of %d (%d in total)\n",
    count($page['transactions']),
    $page['currentPage'],
    $page['totalPages'],
    $page['totalResults']
);

foreach ($client->internetProducts('ADSL') as $card) {
    printf("ADSL %d DA: %s\n", $card['value'], $card['available'] ? 'available' : 'out of stock');
}
