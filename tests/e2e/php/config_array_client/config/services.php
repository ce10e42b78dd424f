<?php

return [
    'flexy' => [
        'url' => 'https://flexy-api.oneclickdz.com/v2',
        'key' => getenv('FLEXY_API_KEY') ?: 'e2e-test-key',
    ],
];
