<?php

namespace Shop\Flexy;

/** Top-ups: the caller decides what each refusal means for the customer. */
class Topups
{
    public function __construct(private FlexyClient $client)
    {
    }

    public function send(string $ref, string $phone, int $amount): string
    {
        try {
            $sent = $this->client->call('POST', '/v2/topup/sendTopup', [
                'plan_code' => 'PREPAID_MOBILIS',
                'MSSIDN' => $phone,
                'amount' => $amount,
                'ref' => $ref,
            ]);
            return "$ref: sent {$sent['topupId']}, balance now {$sent['newBalance']}";
        } catch (FlexyException $e) {
            if ($e->errorCode === 'NO-BALANCE') {
                return "$ref: refused, the shop must recharge";
            }
            if ($e->errorCode === 'DUPLICATED-REF') {
                return "$ref: refused, reference already used";
            }
            return "$ref: failed (" . $e->getCode() . ')';
        }
    }
}
