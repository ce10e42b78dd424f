<?php
// Home internet (fibre / 4G) sold through the ISP's reseller API. The ISP wants the raw
// reseller key in a lowercase authorization header; paths are built with sprintf.

final class IspReseller
{
    private string $base;
    private string $key;

    public function __construct(string $key, string $base = 'https://reseller.fibernet-isp.com')
    {
        $this->key = $key;
        $this->base = rtrim($base, '/');
    }

    private function call(string $method, string $url, ?array $payload = null): array
    {
        $headers = ['authorization: ' . $this->key, 'Accept: application/json'];
        if ($payload !== null) {
            $headers[] = 'Content-Type: application/json';
        }
        $ch = curl_init($url);
        curl_setopt_array($ch, [
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_HTTPHEADER => $headers,
            CURLOPT_TIMEOUT => 30,
        ]);
        if ($payload !== null) {
            curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($payload));
        }
        $body = json_decode((string) curl_exec($ch), true) ?? [];
        $status = (int) curl_getinfo($ch, CURLINFO_HTTP_CODE);
        curl_close($ch);

        if ($status === 401 || ($body['error'] ?? null) === 'Access token missing') {
            throw new RuntimeException('The ISP rejected the reseller key');
        }
        return $body;
    }

    public function offers(string $technology): array
    {
        $body = $this->call('GET', sprintf('%s/v2/internet/offers?technology=%s', $this->base, urlencode($technology)));
        $offers = [];
        foreach ($body['products'] as $product) {
            $offers[] = [
                'code' => $product['code'],
                'label' => $product['label'],
                'speed' => sprintf('%d/%d Mbps', $product['downMbps'], $product['upMbps']),
                'price' => (float) $product['price'],
            ];
        }
        return $offers;
    }

    public function eligibility(string $line): array
    {
        $body = $this->call('GET', "{$this->base}/v2/internet/eligibility/" . rawurlencode($line));
        if (!empty($body['error'])) {
            return ['eligible' => false, 'reason' => $body['message']];
        }
        return ['eligible' => (bool) $body['eligible'], 'technologies' => $body['technologies']];
    }

    public function subscribe(string $line, string $offer, array $customer): array
    {
        $body = $this->call('POST', $this->base . '/v2/internet/subscriptions', [
            'line' => $line,
            'offer' => $offer,
            'customer' => $customer,
        ]);
        if (($body['error'] ?? null) === 'Forbidden') {
            throw new RuntimeException("this reseller cannot sell {$offer}");
        }
        return $body['subscription'];
    }

    public function subscriptions(int $page = 1): array
    {
        $body = $this->call('GET', sprintf('%s/v2/internet/subscriptions?page=%d&per_page=100', $this->base, $page));
        return [
            'items' => $body['data']['items'],
            'page' => $body['meta']['pagination']['currentPage'],
            'pages' => $body['meta']['pagination']['totalPages'],
        ];
    }

    public function activeSubscriptions(): array
    {
        $active = [];
        $page = 1;
        do {
            $chunk = $this->subscriptions($page);
            foreach ($chunk['items'] as $subscription) {
                if ($subscription['status'] === 'active') {
                    $active[] = $subscription;
                }
            }
            $page++;
        } while ($page <= $chunk['pages']);
        return $active;
    }
}
