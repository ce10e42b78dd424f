<?php

/** Flexy client configured from config/services.php; bodies decoded as objects. */
class FlexyClient
{
    private string $base;
    private string $key;

    public function __construct(array $config)
    {
        $this->base = rtrim($config['url'], '/');
        $this->key = $config['key'];
    }

    public function get(string $path)
    {
        return $this->send('GET', $path);
    }

    public function post(string $path, array $body)
    {
        return $this->send('POST', $path, $body);
    }

    private function send(string $method, string $path, ?array $body = null)
    {
        $headers = "authorization: {$this->key}\r\nAccept: application/json\r\n";
        if ($body !== null) {
            $headers .= "Content-Type: application/json\r\n";
        }
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => $headers,
            'content' => $body === null ? '' : json_encode($body),
            'ignore_errors' => true,
        ]]);
        $raw = file_get_contents($this->base . $path, false, $context);
        return json_decode($raw);
    }
}
