<?php

namespace App\Http\Controllers;

use App\Models\Order;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Http;
use Illuminate\Support\Facades\Log;

/**
 * Checkout with Chargily Pay v2 (EDAHABIA / CIB cards) through Laravel's Http facade.
 */
class ChargilyPaymentController extends Controller
{
    private function chargily()
    {
        $base = config('services.chargily.mode') === 'live'
            ? 'https://pay.chargily.net/api/v2'
            : 'https://pay.chargily.net/test/api/v2';

        return Http::baseUrl($base)
            ->withToken(config('services.chargily.secret'))
            ->acceptJson()
            ->timeout(20)
            ->retry(3, 500, throw: false);
    }

    public function checkout(Request $request, Order $order): JsonResponse
    {
        $response = $this->chargily()->post('/checkouts', [
            'amount' => $order->total_dzd,
            'currency' => 'dzd',
            'payment_method' => $request->input('method', 'edahabia'),
            'success_url' => route('orders.thanks', $order),
            'failure_url' => route('orders.show', $order),
            'webhook_endpoint' => route('webhooks.chargily'),
            'metadata' => ['order_id' => $order->id],
        ]);

        if ($response->failed()) {
            Log::warning('chargily checkout failed', ['status' => $response->status(), 'body' => $response->json()]);
            return response()->json(['error' => $response->json('message', 'Payment provider unavailable')], 502);
        }

        $order->update(['checkout_id' => $response->json('id')]);

        return response()->json(['redirect' => $response->json('checkout_url')]);
    }

    public function balance(): JsonResponse
    {
        $response = $this->chargily()->get('/balance');
        $wallets = collect($response->json('wallets', []));
        $dzd = $wallets->firstWhere('currency', 'dzd');

        return response()->json([
            'ready_for_payout' => $dzd['ready_for_payout'] ?? 0,
            'on_hold' => $dzd['on_hold'] ?? 0,
        ]);
    }

    public function legacyGatewayBalance(): JsonResponse
    {
        $response = Http::withBasicAuth(config('services.satim.user'), config('services.satim.password'))
            ->get('https://epg.satim.dz/api/v2/account/balance', ['terminal' => config('services.satim.terminal')]);

        $body = $response->json();
        if (($body['errorCode'] ?? '0') !== '0') {
            return response()->json(['error' => $body['errorMessage'] ?? 'SATIM error'], 502);
        }

        return response()->json(['balance' => $body['balance']]);
    }

    public function webhook(Request $request): JsonResponse
    {
        $signature = (string) $request->header('signature');
        $computed = hash_hmac('sha256', $request->getContent(), config('services.chargily.secret'));

        if (!hash_equals($computed, $signature)) {
            return response()->json(['error' => 'Forbidden', 'message' => 'Invalid signature'], 403);
        }

        $event = $request->json()->all();
        $orderId = $event['data']['metadata']['order_id'] ?? null;
        $order = $orderId ? Order::find($orderId) : null;

        if ($order === null) {
            return response()->json(['ignored' => true]);
        }

        match ($event['type']) {
            'checkout.paid' => $order->markPaid($event['data']['id']),
            'checkout.failed', 'checkout.canceled' => $order->markFailed(),
            default => null,
        };

        return response()->json(['ok' => true]);
    }
}
