<?php

declare(strict_types=1);

namespace App\Finance;

/**
 * Nightly reconciliation between the Flexy wallet (API v3, migrated), the PayGate account that
 * funds it (PayGate's own REST API v2) and the shop's ledger.
 */
final class WalletReconciliation
{
    private const FLEXY = 'https://api.oneclickdz.com/v3';
    private const PAYGATE = 'https://api.paygate-dz.com';

    public function __construct(private string $flexyKey, private string $paygateSecret, private \PDO $db)
    {
    }

    private function getJson(string $url, array $headers): array
    {
        $ch = curl_init($url);
        curl_setopt_array($ch, [
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_TIMEOUT => 30,
            CURLOPT_HTTPHEADER => $headers,
        ]);
        $body = json_decode((string) curl_exec($ch), true);
        curl_close($ch);
        return is_array($body) ? $body : [];
    }

    public function flexyBalance(): float
    {
        $result = $this->getJson(self::FLEXY . '/account/balance', ['X-Access-Token: ' . $this->flexyKey]);
        if (!$result['success']) {
            throw new \RuntimeException("Flexy {$result['error']['code']}: {$result['error']['message']}");
        }
        return (float) $result['data']['balance'];
    }

    public function flexyTransactions(string $since): array
    {
        $items = [];
        $page = 1;
        do {
            $result = $this->getJson(
                self::FLEXY . "/account/transactions?page={$page}&pageSize=100&from=" . urlencode($since),
                ['X-Access-Token: ' . $this->flexyKey]
            );
            if (!$result['success']) {
                throw new \RuntimeException($result['error']['message']);
            }
            array_push($items, ...$result['data']['items']);
            $totalPages = $result['data']['pagination']['totalPages'];
            $page++;
        } while ($page <= $totalPages);
        return $items;
    }

    public function paygateBalance(): float
    {
        $ch = curl_init(self::PAYGATE . '/v2/account/balance');
        curl_setopt_array($ch, [
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . $this->paygateSecret],
        ]);
        $body = json_decode((string) curl_exec($ch), true);
        $status = curl_getinfo($ch, CURLINFO_HTTP_CODE);
        curl_close($ch);
        if ($status !== 200) {
            throw new \RuntimeException('PayGate: ' . ($body['message'] ?? "HTTP {$status}"));
        }
        return (float) $body['available'];
    }

    public function paygateTransfers(string $since): array
    {
        $transfers = [];
        $page = 1;
        do {
            $ch = curl_init(self::PAYGATE . '/v2/account/transactions?type=transfer&since=' . urlencode($since) . '&page=' . $page);
            curl_setopt_array($ch, [
                CURLOPT_RETURNTRANSFER => true,
                CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . $this->paygateSecret],
            ]);
            $body = json_decode((string) curl_exec($ch), true);
            curl_close($ch);
            array_push($transfers, ...$body['transactions']);
            $page = $body['currentPage'] + 1;
        } while ($page <= $body['totalPages']);
        return $transfers;
    }

    public function run(string $since): array
    {
        $flexyRows = $this->flexyTransactions($since);
        $byRef = array_column($flexyRows, null, 'ref');
        $problems = [];

        $stmt = $this->db->prepare('SELECT ref, amount FROM ledger WHERE created_at >= ?');
        $stmt->execute([$since]);
        foreach ($stmt->fetchAll(\PDO::FETCH_ASSOC) as $entry) {
            if (!isset($byRef[$entry['ref']])) {
                $problems[] = [$entry['ref'], 'missing at Flexy'];
            } elseif ((float) $byRef[$entry['ref']]['amount'] !== (float) $entry['amount']) {
                $problems[] = [$entry['ref'], 'amount differs'];
            }
        }

        $funded = array_sum(array_column($this->paygateTransfers($since), 'amount'));
        $deposits = array_sum(array_column(array_filter($flexyRows, fn ($t) => $t['type'] === 'DEPOSIT'), 'amount'));
        if (abs($funded - $deposits) > 0.01) {
            $problems[] = ['*', "PayGate transfers {$funded} != Flexy deposits {$deposits}"];
        }

        return [
            'wallet' => $this->flexyBalance(),
            'gateway' => $this->paygateBalance(),
            'problems' => $problems,
        ];
    }
}
