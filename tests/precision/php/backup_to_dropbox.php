<?php
// Cron script: dumps the database, uploads it to Dropbox with file_get_contents and stream
// contexts (the shared host has no curl extension), and texts the admin through Twilio.

$config = require __DIR__ . '/config.php';

function http_post(string $url, string $body, array $headers): array
{
    $context = stream_context_create([
        'http' => [
            'method' => 'POST',
            'header' => implode("\r\n", $headers),
            'content' => $body,
            'timeout' => 120,
            'ignore_errors' => true,
        ],
    ]);
    $raw = file_get_contents($url, false, $context);
    $status = 0;
    if (isset($http_response_header[0]) && preg_match('#HTTP/\S+ (\d{3})#', $http_response_header[0], $m)) {
        $status = (int) $m[1];
    }
    return [$status, $raw === false ? null : json_decode($raw, true)];
}

function dropbox_upload(string $token, string $localFile, string $remotePath): string
{
    [$status, $body] = http_post('https://content.dropboxapi.com/2/files/upload', file_get_contents($localFile), [
        'Authorization: Bearer ' . $token,
        'Content-Type: application/octet-stream',
        'Dropbox-API-Arg: ' . json_encode(['path' => $remotePath, 'mode' => 'overwrite', 'mute' => true]),
    ]);
    if ($status !== 200) {
        throw new RuntimeException('Dropbox upload failed: ' . ($body['error_summary'] ?? "HTTP {$status}"));
    }
    return $body['content_hash'];
}

function dropbox_list(string $token, string $folder): array
{
    [$status, $body] = http_post('https://api.dropboxapi.com/2/files/list_folder', json_encode(['path' => $folder]), [
        "Authorization: Bearer {$token}",
        'Content-Type: application/json',
    ]);
    if ($status !== 200) {
        throw new RuntimeException('Dropbox list failed: ' . ($body['error_summary'] ?? "HTTP {$status}"));
    }
    return $body['entries'];
}

function dropbox_delete(string $token, string $path): void
{
    http_post('https://api.dropboxapi.com/2/files/delete_v2', json_encode(['path' => $path]), [
        "Authorization: Bearer {$token}",
        'Content-Type: application/json',
    ]);
}

function twilio_sms(array $twilio, string $to, string $text): ?string
{
    $url = sprintf('https://api.twilio.com/2010-04-01/Accounts/%s/Messages.json', $twilio['sid']);
    [$status, $body] = http_post($url, http_build_query(['To' => $to, 'From' => $twilio['from'], 'Body' => $text]), [
        'Authorization: Basic ' . base64_encode($twilio['sid'] . ':' . $twilio['token']),
        'Content-Type: application/x-www-form-urlencoded',
    ]);
    return $status === 201 ? $body['sid'] : null;
}

$dumpFile = sys_get_temp_dir() . '/shop-' . date('Y-m-d') . '.sql.gz';
$command = sprintf(
    'mysqldump --single-transaction -h %s -u %s -p%s %s | gzip > %s',
    escapeshellarg($config['db']['host']),
    escapeshellarg($config['db']['user']),
    escapeshellarg($config['db']['password']),
    escapeshellarg($config['db']['name']),
    escapeshellarg($dumpFile)
);

try {
    exec($command, $output, $code);
    if ($code !== 0) {
        throw new RuntimeException("mysqldump exited with {$code}");
    }
    $hash = dropbox_upload($config['dropbox_token'], $dumpFile, '/backups/' . basename($dumpFile));
    echo "uploaded {$dumpFile} ({$hash})\n";

    $entries = array_filter(dropbox_list($config['dropbox_token'], '/backups'), fn ($e) => $e['.tag'] === 'file');
    usort($entries, fn ($a, $b) => strcmp($b['name'], $a['name']));
    foreach (array_slice($entries, 14) as $old) {
        dropbox_delete($config['dropbox_token'], $old['path_lower']);
    }
} catch (Throwable $e) {
    twilio_sms($config['twilio'], $config['admin_phone'], 'Backup failed: ' . $e->getMessage());
    exit(1);
} finally {
    @unlink($dumpFile);
}
