<?php
// Stripe webhook endpoint of the shop (plain PHP, no framework): verifies the signature,
// then fetches the full PaymentIntent with curl to record the payment.

require __DIR__ . '/../bootstrap.php';

const STRIPE_API = 'https://api.stripe.com/v1';
const STRIPE_TOLERANCE = 300;

function stripe_get(string $path, array $query = []): array
{
    $url = STRIPE_API . $path . ($query ? '?' . http_build_query($query) : '');
    $ch = curl_init($url);
    curl_setopt_array($ch, [
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 20,
        CURLOPT_USERPWD => getenv('STRIPE_SECRET_KEY') . ':',
        CURLOPT_HTTPHEADER => ['Stripe-Version: 2024-06-20'],
    ]);
    $raw = curl_exec($ch);
    $status = curl_getinfo($ch, CURLINFO_HTTP_CODE);
    curl_close($ch);

    $body = json_decode((string) $raw, true) ?: [];
    if ($status >= 400) {
        $message = $body['error']['message'] ?? 'Stripe request failed';
        throw new RuntimeException("Stripe {$status}: {$message}");
    }
    return $body;
}

function verify_stripe_signature(string $payload, string $header, string $secret): bool
{
    $timestamp = null;
    $signatures = [];
    foreach (explode(',', $header) as $part) {
        [$key, $value] = array_pad(explode('=', trim($part), 2), 2, '');
        if ($key === 't') {
            $timestamp = (int) $value;
        } elseif ($key === 'v1') {
            $signatures[] = $value;
        }
    }
    if ($timestamp === null || abs(time() - $timestamp) > STRIPE_TOLERANCE) {
        return false;
    }
    $expected = hash_hmac('sha256', $timestamp . '.' . $payload, $secret);
    foreach ($signatures as $signature) {
        if (hash_equals($expected, $signature)) {
            return true;
        }
    }
    return false;
}

function respond(int $status, array $body): void
{
    http_response_code($status);
    header('Content-Type: application/json');
    echo json_encode($body);
}

$payload = file_get_contents('php://input');
$header = $_SERVER['HTTP_STRIPE_SIGNATURE'] ?? '';

if (!verify_stripe_signature($payload, $header, getenv('STRIPE_WEBHOOK_SECRET'))) {
    respond(400, ['error' => 'invalid signature']);
    exit;
}

$event = json_decode($payload, true);

switch ($event['type']) {
    case 'payment_intent.succeeded':
        $intent = stripe_get('/payment_intents/' . $event['data']['object']['id'], ['expand[]' => 'latest_charge']);
        $orderId = $intent['metadata']['order_id'] ?? null;
        if ($orderId !== null) {
            $db->prepare('UPDATE orders SET status = ?, paid_at = NOW(), charge_id = ? WHERE id = ?')
                ->execute(['paid', $intent['latest_charge']['id'], $orderId]);
        }
        break;
    case 'payment_intent.payment_failed':
        $error = $event['data']['object']['last_payment_error'] ?? [];
        error_log('payment failed: ' . ($error['message'] ?? 'unknown'));
        break;
    case 'charge.dispute.created':
        mail(getenv('OPS_EMAIL'), 'Stripe dispute opened', json_encode($event['data']['object'], JSON_PRETTY_PRINT));
        break;
    default:
        // Events we subscribed to by accident are acknowledged and ignored.
        break;
}

respond(200, ['received' => true]);
