<?php

declare(strict_types=1);

namespace App\GiftCards;

use GuzzleHttp\Client;
use GuzzleHttp\Exception\RequestException;

/**
 * Wholesale gift-card vendor (Google Play, PSN, Steam codes), API v1. Requests are signed
 * with an HMAC of method, path, timestamp and body.
 */
class GiftCardVendor
{
    public const BASE_URI = 'https://api.giftcard-wholesale.io';

    private Client $client;

    public function __construct(private string $apiKey, private string $apiSecret, ?Client $client = null)
    {
        $this->client = $client ?? new Client(['base_uri' => self::BASE_URI, 'timeout' => 30]);
    }

    private function signedOptions(string $method, string $path, ?array $json = null): array
    {
        $body = $json === null ? '' : json_encode($json);
        $timestamp = (string) time();
        $signature = base64_encode(hash_hmac('sha256', implode("\n", [$method, $path, $timestamp, $body]), $this->apiSecret, true));

        $options = [
            'headers' => [
                'X-Api-Key' => $this->apiKey,
                'X-Timestamp' => $timestamp,
                'X-Signature' => $signature,
                'Accept' => 'application/json',
            ],
        ];
        if ($json !== null) {
            $options['body'] = $body;
            $options['headers']['Content-Type'] = 'application/json';
        }
        return $options;
    }

    public function request(string $method, string $path, ?array $json = null): array
    {
        try {
            $response = $this->client->request($method, $path, $this->signedOptions($method, $path, $json));
        } catch (RequestException $e) {
            $body = $e->hasResponse() ? json_decode((string) $e->getResponse()->getBody(), true) : null;
            throw new VendorException($body['message'] ?? $e->getMessage(), $body['code'] ?? 'HTTP_ERROR', $e);
        }
        return json_decode((string) $response->getBody(), true);
    }

    /** @return list<array{sku:string, brand:string, values:list<int>}> */
    public function catalog(string $country = 'DZ'): array
    {
        $result = $this->request('GET', '/v1/gift-cards?country=' . $country . '&limit=200');
        $products = [];
        foreach ($result['products'] as $product) {
            if ($product['available']) {
                $products[] = ['sku' => $product['sku'], 'brand' => $product['brand'], 'values' => $product['denominations']];
            }
        }
        return $products;
    }

    public function product(string $sku): array
    {
        return $this->request('GET', '/v1/gift-cards/' . rawurlencode($sku));
    }

    public function order(string $sku, int $faceValue, string $reference): array
    {
        try {
            $result = $this->request('POST', '/v1/orders', [
                'sku' => $sku,
                'face_value' => $faceValue,
                'quantity' => 1,
                'reference' => $reference,
            ]);
        } catch (VendorException $e) {
            if (in_array($e->vendorCode, ['OUT_OF_STOCK', 'INSUFFICIENT_FUNDS'], true)) {
                return ['order_id' => null, 'retry_later' => true];
            }
            throw $e;
        }

        return [
            'order_id' => $result['order_id'],
            'codes' => array_map(fn (array $card) => ['pin' => $card['pin'], 'serial' => $card['serial'] ?? null], $result['cards']),
        ];
    }

    public function orders(int $page = 1): array
    {
        $result = $this->request('GET', "/v1/orders?page={$page}&per_page=50");
        return [
            'orders' => $result['data']['items'],
            'page' => $result['currentPage'],
            'pages' => $result['totalPages'],
            'total' => $result['totalResults'],
        ];
    }
}

class VendorException extends \RuntimeException
{
    public function __construct(string $message, public readonly string $vendorCode, ?\Throwable $previous = null)
    {
        parent::__construct($message, 0, $previous);
    }
}
