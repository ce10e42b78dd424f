<?php

declare(strict_types=1);

namespace App\Inventory;

use Symfony\Component\HttpClient\Exception\ClientException;
use Symfony\Contracts\HttpClient\HttpClientInterface;

/**
 * Client of the warehouse service (internal, v2 REST API). The service predates our SSO and
 * takes its key as `authorization: Token <key>`; the stock feed takes a bearer token.
 */
final class InventoryServiceClient
{
    private const BASE_URL = 'https://warehouse.internal.acme.io';

    private string $authorization;

    public function __construct(
        private HttpClientInterface $http,
        string $serviceKey,
        private string $feedToken,
    ) {
        $this->authorization = 'Token ' . $serviceKey;
    }

    /** @return array<string, mixed> */
    private function get(string $path, array $query = []): array
    {
        $response = $this->http->request('GET', self::BASE_URL . $path, [
            'headers' => ['authorization' => $this->authorization],
            'query' => $query,
        ]);

        try {
            return $response->toArray();
        } catch (ClientException $e) {
            $error = $response->toArray(false);
            throw new \RuntimeException(sprintf('warehouse: %s (%s)', $error['message'] ?? 'error', $error['error'] ?? $response->getStatusCode()), 0, $e);
        }
    }

    /** @return iterable<array{sku: string, quantity: int}> */
    public function stock(string $warehouse): iterable
    {
        $page = 1;
        do {
            $body = $this->get("/v2/warehouses/{$warehouse}/stock", ['page' => $page, 'per_page' => 200]);
            foreach ($body['data']['items'] as $row) {
                yield ['sku' => $row['sku'], 'quantity' => (int) $row['available']];
            }
            $pagination = $body['meta']['pagination'];
            $page = $pagination['currentPage'] + 1;
        } while ($page <= $pagination['totalPages']);
    }

    public function reserve(string $sku, int $quantity, string $orderRef): string
    {
        $response = $this->http->request('POST', self::BASE_URL . '/v2/reservations', [
            'headers' => ['authorization' => $this->authorization],
            'json' => ['sku' => $sku, 'quantity' => $quantity, 'reference' => $orderRef],
        ]);

        $status = $response->getStatusCode();
        $body = $response->toArray(false);

        if ($status === 409) {
            return $body['reservation']['id'];
        }
        if ($status === 403 && ($body['error'] ?? null) === 'Forbidden') {
            throw new \RuntimeException('this service key cannot reserve stock');
        }
        if ($status >= 400) {
            throw new \RuntimeException($body['message'] ?? 'reservation failed');
        }

        return $body['reservation']['id'];
    }

    public function release(string $reservationId): void
    {
        $this->http->request('DELETE', sprintf('%s/v2/reservations/%s', self::BASE_URL, rawurlencode($reservationId)), [
            'headers' => ['authorization' => $this->authorization],
        ])->getStatusCode();
    }

    /** Stock changes pushed by the carrier's feed (separate host, OAuth bearer token). */
    public function feedSince(\DateTimeInterface $since): array
    {
        $response = $this->http->request('GET', 'https://feeds.carrier-logistics.com/v3/stock-movements', [
            'auth_bearer' => $this->feedToken,
            'query' => ['since' => $since->format(\DATE_ATOM)],
        ]);

        $movements = [];
        foreach ($response->toArray()['movements'] as $m) {
            $movements[] = [
                'sku' => $m['sku'],
                'delta' => (int) $m['delta'],
                'at' => new \DateTimeImmutable($m['occurredAt']),
            ];
        }

        return $movements;
    }
}
