<?php

namespace Shop\Flexy;

/** Thrown by FlexyService when the API answers with an `error` body. */
class FlexyException extends \RuntimeException
{
}

/** The shop's Flexy service: one method per endpoint, decoded bodies as arrays. */
class FlexyService
{
    const BASE = 'https://flexy-api.oneclickdz.com/v2';

    public function __construct(private string $key)
    {
    }

    public function balance(): array
    {
        return $this->call('GET', '/account/balance');
    }

    public function transactions(int $page): array
    {
        return $this->call('GET', '/account/transactions?page=' . $page . '&pageSize=20');
    }

    public function sendTopup(array $req): array
    {
        return $this->call('POST', '/topup/sendTopup', $req);
    }

    public function topupStatus(string $ref): array
    {
        return $this->call('GET', '/topup/checkStatus/REF/' . rawurlencode($ref));
    }

    private function call($method, $path, $body = null)
    {
        $ch = curl_init(self::BASE . $path);
        $headers = ['authorization: ' . $this->key, 'Accept: application/json'];
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_CUSTOMREQUEST, $method);
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
            curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($body));
        }
        curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
        $data = json_decode(curl_exec($ch), true);
        curl_close($ch);
        if (isset($data['error'])) {
            throw new FlexyException($data['message']);
        }
        return $data;
    }
}
