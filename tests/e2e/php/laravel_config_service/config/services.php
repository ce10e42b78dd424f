<?php

return [
    'mailgun' => [
        'domain' => env('MAILGUN_DOMAIN', 'mg.example.com'),
    ],
    'flexy' => [
        'url' => env('FLEXY_URL', 'https://flexy-api.oneclickdz.com/v2'),
        'key' => env('FLEXY_KEY', 'e2e-test-key'),
    ],
];
