<?php
// Guzzle-style HTTP client written in the file (base_uri, headers, json/query options) on curl; callers read the returned array

class HttpClient
{
    private array $config;

    public function __construct(array $config)
    {
        $this->config = $config;
    }

    public function request(string $method, string $uri, array $options = []): array
    {
        $url = rtrim($this->config['base_uri'], '/') . $uri;
        if (isset($options['query'])) {
            $url .= (strpos($url, '?') === false ? '?' : '&') . http_build_query($options['query']);
        }
        $headers = [];
        foreach (array_merge($this->config['headers'] ?? [], $options['headers'] ?? []) as $name => $value) {
            $headers[] = "$name: $value";
        }
        $ch = curl_init($url);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
        if (isset($options['json'])) {
            $headers[] = 'Content-Type: application/json';
            curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($options['json']));
        }
        curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
        $body = curl_exec($ch);
        curl_close($ch);
        return json_decode($body, true);
    }
}

$client = new HttpClient([
    'base_uri' => 'https://flexy-api.oneclickdz.com',
    'headers' => ['authorization' => 'e2e-test-key'],
]);

$me = $client->request('GET', '/v2/validate');
echo 'logged in as ' . $me['username'] . "\n";

$account = $client->request('GET', '/v2/account/balance');
echo 'balance: ' . sprintf('%.2f', $account['balance']) . "\n";

$plans = $client->request('GET', '/v2/plans/listAll');
echo count($plans['dymanicPlans']) . ' dynamic and ' . count($plans['fixedPlans']) . " fixed plans\n";
echo 'first fixed plan: ' . $plans['fixedPlans'][0]['code'] . "\n";

$catalogue = $client->request('GET', '/v2/gift-cards/catalogue');
$first = $catalogue['products'][0]['id'];
echo 'catalogue: ' . count($catalogue['products']) . " products, first $first\n";

$product = $client->request('GET', "/v2/gift-cards/checkProduct/$first");
echo "$first is " . $product['name'] . "\n";

$order = $client->request('POST', '/v2/gift-cards/placeOrder', [
    'json' => ['productId' => $first, 'quantity' => 1, 'ref' => 'gz-4001'],
]);
if (isset($order['error'])) {
    echo 'order refused: ' . $order['message'] . "\n";
} else {
    echo 'order ' . $order['orderId'] . ' ' . $order['status'] . ', balance now ' . number_format($order['newBalance'], 2) . "\n";
}

$check = $client->request('GET', '/v2/gift-cards/checkOrder/ord-gz-4001', [
    'headers' => ['Accept' => 'application/json'],
]);
echo 'order ord-gz-4001 ' . $check['status'] . ', codes: ' . count($check['cards']) . "\n";

// Internet recharges of the month, three per page
$page = 1;
$seen = 0;
while (true) {
    $list = $client->request('GET', '/v2/internet/list', ['query' => ['page' => $page, 'pageSize' => 3]]);
    $seen += count($list['topups']);
    echo 'internet page ' . $list['currentPage'] . ' of ' . $list['totalPages'] . ': ' . count($list['topups']) . " recharges\n";
    if ($list['currentPage'] >= $list['totalPages']) {
        break;
    }
    $page++;
}
echo "internet recharges listed: $seen of " . $list['totalResults'] . "\n";
