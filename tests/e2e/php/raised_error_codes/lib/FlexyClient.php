<?php

namespace Shop\Flexy;

/** A failure of the Flexy API, with its error code. */
class FlexyException extends \RuntimeException
{
    public string $errorCode;

    public function __construct(string $message, string $errorCode, int $status)
    {
        parent::__construct($message, $status);
        $this->errorCode = $errorCode;
    }
}

/** The shop's Flexy client: every failure throws a FlexyException. */
class FlexyClient
{
    private const BASE_URL = 'https://flexy-api.oneclickdz.com';

    public function __construct(private string $apiKey)
    {
    }

    public function call(string $method, string $path, ?array $payload = null): array
    {
        $ch = curl_init(self::BASE_URL . $path);
        $headers = ['authorization: ' . $this->apiKey, 'Content-Type: application/json'];
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
        if ($payload !== null) {
            curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($payload));
        }
        curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
        $body = json_decode(curl_exec($ch), true);
        $status = curl_getinfo($ch, CURLINFO_HTTP_CODE);
        curl_close($ch);
        if (isset($body['error'])) {
            throw new FlexyException($body['message'], $body['error'], $status);
        }
        return $body;
    }
}
