<?php
// Top-up notifications: a Flexy client already on v3, beside an SMS gateway whose errors are
// plain strings ("Forbidden", "Access token missing"), an HTTP Basic auth middleware for the
// partner API and an import result with its own error. Nothing here is Flexy v2 code.

namespace App\Notifications;

final class FlexyV3Balance
{
    private const BASE = 'https://api.oneclickdz.com/v3';

    public function __construct(private string $apiKey)
    {
    }

    public function balance(): float
    {
        $ch = curl_init(self::BASE . '/account/balance');
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_HTTPHEADER, ['X-Access-Token: ' . $this->apiKey]);
        $result = json_decode((string) curl_exec($ch), true);
        curl_close($ch);
        if (empty($result['success'])) {
            throw new \RuntimeException('Flexy: ' . $result['error']['message']);
        }
        return (float) $result['data']['balance'];
    }
}

final class SmsGateway
{
    public function __construct(private string $endpoint, private string $key)
    {
    }

    public function send(string $to, string $text): bool
    {
        $ch = curl_init($this->endpoint);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode(['to' => $to, 'text' => $text]));
        curl_setopt($ch, CURLOPT_HTTPHEADER, ['X-Api-Key: ' . $this->key]);
        $body = json_decode((string) curl_exec($ch), true);
        curl_close($ch);
        if ($body['error'] === 'Forbidden' || $body['error'] === 'Access token missing') {
            error_log('the SMS gateway refused our key');
            return false;
        }
        return !isset($body['error']);
    }
}

final class PartnerBasicAuth
{
    public function __construct(private string $user, private string $password)
    {
    }

    private function credentials(): string
    {
        return 'Basic ' . base64_encode($this->user . ':' . $this->password);
    }

    public function __invoke($request)
    {
        return $request->withHeader('Authorization', $this->credentials());
    }
}

final class ImportResult
{
    public ?string $error = null;
    public string $message = '';

    public function summary(): string
    {
        return $this->error ? 'Import failed: ' . $this->error : 'Import done';
    }
}
