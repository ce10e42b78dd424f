<?php

/** The shop's Flexy client class: configured by whoever builds it (base URL and key). */
class FlexyClient
{
    public function __construct(private string $baseUrl, private string $apiKey)
    {
    }

    private function call(string $method, string $path, ?array $payload = null): array
    {
        $ch = curl_init(rtrim($this->baseUrl, '/') . $path);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
        $headers = ['authorization: ' . $this->apiKey];
        if ($payload !== null) {
            $headers[] = 'Content-Type: application/json';
            curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($payload));
        }
        curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
        $body = json_decode(curl_exec($ch), true);
        curl_close($ch);
        return $body;
    }

    public function balance(): array
    {
        return $this->call('GET', '/account/balance');
    }

    public function sendTopup(array $order): array
    {
        return $this->call('POST', '/topup/sendTopup', $order);
    }
}
