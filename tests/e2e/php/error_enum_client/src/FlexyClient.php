<?php

namespace Shop\Flexy;

/** A small Flexy client: every call returns the decoded body, errors included. */
class FlexyClient
{
    private const BASE_URL = 'https://flexy-api.oneclickdz.com';

    public function __construct(private string $apiKey)
    {
    }

    public function get(string $path): array
    {
        return $this->send('GET', $path);
    }

    public function post(string $path, array $body): array
    {
        return $this->send('POST', $path, $body);
    }

    private function send(string $method, string $path, ?array $body = null): array
    {
        $ch = curl_init(self::BASE_URL . $path);
        $headers = ['authorization: ' . $this->apiKey];
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
            curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($body));
        }
        curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
        $result = json_decode(curl_exec($ch), true);
        curl_close($ch);
        return $result;
    }

    /** The error of a response as an enum case, or null on success. */
    public static function errorOf(array $response): ?FlexyError
    {
        return isset($response['error']) ? FlexyError::tryFrom($response['error']) : null;
    }
}
