<?php

/** The shop's Flexy service: base and key from config('services.flexy.*'). */
class FlexyService
{
    private function get(string $path)
    {
        $ch = curl_init(config('services.flexy.url') . $path);
        curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
        curl_setopt($ch, CURLOPT_HTTPHEADER, ['authorization: ' . config('services.flexy.key')]);
        $body = json_decode(curl_exec($ch), true);
        curl_close($ch);
        return $body;
    }

    public function balance()
    {
        return $this->get('/account/balance')['balance'];
    }

    public function dynamicPlanCodes()
    {
        $plans = $this->get('/plans/listAll');
        return array_map(function ($p) {
            return $p['code'];
        }, $plans['dymanicPlans']);
    }

    public function cardCount($type)
    {
        return count($this->get('/internet/checkCards/' . $type));
    }
}
