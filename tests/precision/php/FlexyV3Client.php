<?php

declare(strict_types=1);

namespace App\Topup;

/**
 * OneClickDz Flexy API v3 client (migrated from v2 in 2026): v3 host and paths,
 * X-Access-Token header, responses wrapped in {success, data, meta, requestId}.
 */
final class FlexyV3Client
{
    private const BASE = 'https://api.oneclickdz.com';

    public function __construct(private string $apiKey)
    {
    }

    private function request(string $method, string $endpoint, ?array $payload = null): array
    {
        $ch = curl_init(self::BASE . $endpoint);
        curl_setopt_array($ch, [
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_TIMEOUT => 30,
            CURLOPT_HTTPHEADER => [
                'X-Access-Token: ' . $this->apiKey,
                'Content-Type: application/json',
            ],
        ]);
        if ($payload !== null) {
            curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode($payload));
        }
        $result = json_decode((string) curl_exec($ch), true);
        curl_close($ch);

        if (!is_array($result)) {
            throw new FlexyApiException('Invalid response from Flexy', 'INVALID_RESPONSE');
        }
        if (!$result['success']) {
            throw new FlexyApiException(
                $result['error']['message'],
                $result['error']['code'],
                $result['error']['details'] ?? null,
                $result['requestId'] ?? null
            );
        }
        return $result['data'];
    }

    public function balance(): float
    {
        $data = $this->request('GET', '/v3/account/balance');
        return (float) $data['balance'];
    }

    public function plans(): array
    {
        $data = $this->request('GET', '/v3/mobile/plans');
        return ['dynamic' => $data['dynamicPlans'], 'fixed' => $data['fixedPlans']];
    }

    public function send(string $planCode, string $msisdn, int $amount, string $ref): array
    {
        return $this->request('POST', '/v3/mobile/send', [
            'plan_code' => $planCode,
            'MSSIDN' => $msisdn,
            'amount' => $amount,
            'ref' => $ref,
        ]);
    }

    public function statusByRef(string $ref): string
    {
        $data = $this->request('GET', '/v3/mobile/check-ref/' . rawurlencode($ref));
        return $data['status'];
    }

    public function internetProducts(string $type): array
    {
        $data = $this->request('GET', '/v3/internet/products?type=' . urlencode($type));
        return $data['products'];
    }

    public function transactions(int $page = 1, int $pageSize = 20): array
    {
        $data = $this->request('GET', "/v3/account/transactions?page={$page}&pageSize={$pageSize}");
        return [
            'items' => $data['items'],
            'page' => $data['pagination']['page'],
            'totalPages' => $data['pagination']['totalPages'],
        ];
    }
}

final class FlexyApiException extends \RuntimeException
{
    public function __construct(
        string $message,
        public readonly string $errorCode,
        public readonly mixed $details = null,
        public readonly ?string $requestId = null,
    ) {
        parent::__construct($message);
    }
}

function send_or_explain(FlexyV3Client $flexy, array $order): string
{
    try {
        $sent = $flexy->send($order['plan'], $order['phone'], $order['amount'], $order['ref']);
        return 'queued: ' . $sent['topupId'];
    } catch (FlexyApiException $e) {
        switch ($e->errorCode) {
            case 'INSUFFICIENT_BALANCE':
                return 'wallet empty, request ' . $e->requestId;
            case 'DUPLICATED_REF':
                return 'already sent: ' . $flexy->statusByRef($order['ref']);
            case 'ERR_AUTH':
                return 'API key rejected';
            default:
                return "[{$e->errorCode}] {$e->getMessage()}";
        }
    }
}
