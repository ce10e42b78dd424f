<?php
// Guzzle-style client with a grouped `base_uri` (`.../v2/topup/`) and relative paths
// (`sendTopup`, `checkStatus/REF/...`), resolved the way Guzzle resolves them (RFC 3986).
// No composer here: a small GuzzleHttp\Client over curl stands in for the real one.

namespace GuzzleHttp {
    class Response
    {
        public function __construct(private int $status, private string $body)
        {
        }

        public function getStatusCode(): int
        {
            return $this->status;
        }

        public function getBody(): string
        {
            return $this->body;
        }
    }

    class Client
    {
        public function __construct(private array $config = [])
        {
        }

        private function resolve(string $uri): string
        {
            $base = $this->config['base_uri'] ?? '';
            if ($uri === '' || preg_match('#^https?://#', $uri)) {
                return $uri ?: $base;
            }
            if ($uri[0] === '/') {
                return preg_replace('#^(https?://[^/]+).*$#', '$1', $base) . $uri;
            }
            return substr($base, 0, strrpos($base, '/') + 1) . $uri;
        }

        public function request(string $method, string $uri = '', array $options = []): Response
        {
            $url = $this->resolve($uri);
            if (isset($options['query'])) {
                $url .= '?' . http_build_query($options['query']);
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
            $body = (string) curl_exec($ch);
            $status = (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
            curl_close($ch);
            if ($status >= 400 && ($this->config['http_errors'] ?? true)) {
                throw new \RuntimeException("HTTP $status");
            }
            return new Response($status, $body);
        }

        public function get(string $uri, array $options = []): Response
        {
            return $this->request('GET', $uri, $options);
        }

        public function post(string $uri, array $options = []): Response
        {
            return $this->request('POST', $uri, $options);
        }
    }
}

namespace {
    use GuzzleHttp\Client;

    $topups = new Client([
        'base_uri' => 'https://flexy-api.oneclickdz.com/v2/topup/',
        'headers' => ['authorization' => getenv('FLEXY_API_KEY') ?: 'e2e-test-key'],
        'http_errors' => false,
    ]);

    $sends = [
        ['ref' => 'gz-1401', 'MSSIDN' => '0699887766', 'amount' => 1000],
        ['ref' => 'gz-1402', 'MSSIDN' => '0899887766', 'amount' => 1000],
        ['ref' => 'gz-1403', 'MSSIDN' => '0699887766', 'amount' => 2000],
        ['ref' => 'dup-1404', 'MSSIDN' => '0699887766', 'amount' => 100],
    ];
    foreach ($sends as $send) {
        $response = $topups->post('sendTopup', ['json' => ['plan_code' => 'PREPAID_OOREDOO'] + $send]);
        $data = json_decode((string) $response->getBody(), true);
        if ($response->getStatusCode() === 200) {
            printf("%s: %s, balance %.2f\n", $send['ref'], $data['topupId'], $data['newBalance']);
        } elseif ($data['error'] === 'NO-BALANCE') {
            printf("%s: not enough balance (%d)\n", $send['ref'], $response->getStatusCode());
        } else {
            printf("%s: %s\n", $send['ref'], $data['message']);
        }
    }

    $response = $topups->post('sendTopup', ['json' => ['MSSIDN' => '0699887766', 'amount' => 100, 'ref' => 'gz-1405']]);
    $data = json_decode((string) $response->getBody(), true);
    echo 'no plan: ' . $response->getStatusCode() . ' ' . $data['message'] . "\n";

    foreach (['REF/gz-1401', 'ID/tp-refund-010', 'REF/missing-77'] as $key) {
        $data = json_decode((string) $topups->get("checkStatus/$key")->getBody(), true);
        echo $key . ': ' . (isset($data['topup']) ? $data['topup']['status'] . ' ' . $data['topup']['amount'] : $data['message']) . "\n";
    }

    $page = json_decode((string) $topups->get('list', ['query' => ['page' => 3, 'pageSize' => 4]])->getBody(), true);
    echo 'page ' . $page['currentPage'] . '/' . $page['totalPages'] . ': ' . implode(',', array_column($page['topups'], 'ref')) . "\n";

    $stranger = new Client(['base_uri' => 'https://flexy-api.oneclickdz.com/v2/topup/', 'headers' => ['authorization' => 'x'], 'http_errors' => false]);
    $denied = json_decode((string) $stranger->get('list')->getBody(), true);
    echo 'stranger: ' . ($denied['error'] === 'Forbidden' ? 'forbidden' : 'allowed') . ', ' . $denied['message'] . "\n";
}
