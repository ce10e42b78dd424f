<?php
// Stand-ins for the framework's env() and config() helpers: `.env` is loaded once, and
// config('services.flexy.url') reads config/services.php by its dotted path.

function env($key, $default = null)
{
    static $loaded = null;
    if ($loaded === null) {
        $loaded = parse_ini_file(__DIR__ . '/../.env') ?: [];
    }
    return array_key_exists($key, $loaded) ? $loaded[$key] : $default;
}

function config($path)
{
    static $files = [];
    $keys = explode('.', $path);
    $file = array_shift($keys);
    if (!isset($files[$file])) {
        $files[$file] = require __DIR__ . '/../config/' . $file . '.php';
    }
    $value = $files[$file];
    foreach ($keys as $key) {
        $value = $value[$key];
    }
    return $value;
}
