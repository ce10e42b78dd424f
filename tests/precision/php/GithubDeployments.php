<?php

declare(strict_types=1);

namespace App\Deploy;

use GuzzleHttp\Client;
use GuzzleHttp\Exception\ClientException;
use GuzzleHttp\HandlerStack;
use GuzzleHttp\Middleware;
use Psr\Http\Message\RequestInterface;
use Psr\Http\Message\ResponseInterface;

/**
 * Creates GitHub deployments and deployment statuses from the release script, so the
 * environments page on GitHub shows what runs in production.
 */
final class GithubDeployments
{
    private const API = 'https://api.github.com';

    private Client $http;

    public function __construct(private string $token, private string $repo)
    {
        $stack = HandlerStack::create();
        $stack->push(Middleware::retry(
            function (int $retries, RequestInterface $request, ?ResponseInterface $response = null, $error = null): bool {
                if ($retries >= 3) {
                    return false;
                }
                if ($error !== null) {
                    return true;
                }
                return $response !== null && ($response->getStatusCode() >= 500 || $response->getStatusCode() === 429);
            },
            fn (int $retries): int => 1000 * (2 ** $retries)
        ));

        $this->http = new Client([
            'base_uri' => self::API,
            'handler' => $stack,
            'timeout' => 15,
            'headers' => [
                'Authorization' => 'Bearer ' . $this->token,
                'Accept' => 'application/vnd.github+json',
                'X-GitHub-Api-Version' => '2022-11-28',
            ],
        ]);
    }

    public function create(string $ref, string $environment, string $description = ''): int
    {
        try {
            $response = $this->http->post("/repos/{$this->repo}/deployments", [
                'json' => [
                    'ref' => $ref,
                    'environment' => $environment,
                    'description' => $description,
                    'auto_merge' => false,
                    'required_contexts' => [],
                ],
            ]);
        } catch (ClientException $e) {
            $body = json_decode((string) $e->getResponse()->getBody(), true);
            if ($e->getResponse()->getStatusCode() === 403 || ($body['message'] ?? '') === 'Forbidden') {
                throw new \RuntimeException('The deploy token cannot create deployments on ' . $this->repo, 0, $e);
            }
            throw $e;
        }

        $deployment = json_decode((string) $response->getBody(), true);
        return (int) $deployment['id'];
    }

    public function setStatus(int $deploymentId, string $state, ?string $logUrl = null): void
    {
        $this->http->post(sprintf('/repos/%s/deployments/%d/statuses', $this->repo, $deploymentId), [
            'json' => array_filter([
                'state' => $state,
                'log_url' => $logUrl,
                'auto_inactive' => true,
            ]),
        ]);
    }

    /** @return list<array{id:int, ref:string, environment:string}> */
    public function recent(string $environment, int $perPage = 10): array
    {
        $response = $this->http->get("/repos/{$this->repo}/deployments", [
            'query' => ['environment' => $environment, 'per_page' => $perPage],
        ]);
        $items = json_decode((string) $response->getBody(), true);

        return array_map(
            static fn (array $d): array => ['id' => $d['id'], 'ref' => $d['ref'], 'environment' => $d['environment']],
            $items
        );
    }
}

if (PHP_SAPI === 'cli' && realpath($argv[0] ?? '') === __FILE__) {
    $deployments = new GithubDeployments(getenv('GITHUB_TOKEN') ?: '', getenv('GITHUB_REPOSITORY') ?: '');
    $id = $deployments->create($argv[1] ?? 'main', $argv[2] ?? 'production', 'release script');
    $deployments->setStatus($id, 'success', getenv('CI_JOB_URL') ?: null);
    echo "deployment {$id} recorded\n";
}
