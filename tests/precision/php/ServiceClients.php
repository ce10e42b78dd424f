<?php

namespace App\Services;

use Illuminate\Http\Client\PendingRequest;
use Illuminate\Http\Client\RequestException;
use Illuminate\Support\Facades\Http;

/**
 * Clients of the internal microservices (Laravel). URLs and keys come from config/services.php,
 * so no host is written here. The services still on their v2 API take the raw key in the
 * authorization header; the notification service takes a bearer token.
 */
class ServiceClients
{
    public function service(string $name): PendingRequest
    {
        $config = config("services.internal.{$name}");
        $request = Http::baseUrl($config['url'])->acceptJson()->timeout(10)->retry(2, 200, throw: false);

        if (!empty($config['token'])) {
            return $request->withToken($config['token']);
        }

        return $request->withHeaders(['authorization' => $config['key']]);
    }

    public function customerBalance(int $customerId): float
    {
        $body = $this->service('wallet')->get('/v2/account/balance', ['customer' => $customerId])->json();
        return (float) $body['balance'];
    }

    public function customerHistory(int $customerId, int $page = 1): array
    {
        $body = $this->service('wallet')->get('/v2/account/transactions', ['customer' => $customerId, 'page' => $page])->json();
        return [
            'rows' => $body['transactions'],
            'page' => $body['currentPage'],
            'pages' => $body['totalPages'],
            'total' => $body['totalResults'],
        ];
    }

    public function placeOrder(int $customerId, array $items, string $ref): array
    {
        $response = $this->service('orders')->post('/v2/orders', [
            'customerId' => $customerId,
            'items' => $items,
            'ref' => $ref,
        ]);

        if ($response->failed()) {
            $error = $response->json('error');
            if ($error === 'Forbidden') {
                throw new \DomainException('customer is blocked');
            }
            if ($response->status() === 409) {
                return $this->service('orders')->get('/v2/orders/by-ref/' . rawurlencode($ref))->json();
            }
            throw new \RuntimeException($response->json('message', 'orders service error'));
        }

        return $response->json();
    }

    public function validateKey(string $service): bool
    {
        $response = $this->service($service)->get('/v2/validate');
        if ($response->status() === 401 || $response->json('error') === 'Access token missing') {
            return false;
        }
        return $response->successful();
    }

    public function sendReceipt(array $customer, array $order): void
    {
        try {
            $this->service('notify')->post('/v1/messages', [
                'to' => $customer['email'],
                'template' => 'receipt',
                'data' => ['orderId' => $order['id'], 'total' => $order['total'], 'items' => count($order['items'])],
            ])->throw();
        } catch (RequestException $e) {
            report($e);
        }
    }
}
