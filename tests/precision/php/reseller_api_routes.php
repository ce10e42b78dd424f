<?php
// Our own reseller API (Slim 4). Version 2 of the API answers with the page metadata at the
// root and string errors; the same strings Flexy used ("Forbidden", "NO-BALANCE") because
// our resellers asked for the same contract.

use Psr\Http\Message\ResponseInterface as Response;
use Psr\Http\Message\ServerRequestInterface as Request;
use Psr\Http\Server\RequestHandlerInterface as Handler;
use Slim\Factory\AppFactory;

require __DIR__ . '/../vendor/autoload.php';

$app = AppFactory::create();
$app->addBodyParsingMiddleware();

function json_response(Response $response, array $body, int $status = 200): Response
{
    $response->getBody()->write(json_encode($body));
    return $response->withHeader('Content-Type', 'application/json')->withStatus($status);
}

$auth = function (Request $request, Handler $handler) use ($app): Response {
    $key = $request->getHeaderLine('authorization');
    if ($key === '') {
        return json_response($app->getResponseFactory()->createResponse(), ['error' => 'Access token missing', 'message' => 'Send your key'], 401);
    }
    $reseller = Resellers::byKey(preg_replace('/^Bearer\s+/i', '', $key));
    if ($reseller === null) {
        return json_response($app->getResponseFactory()->createResponse(), ['error' => 'Forbidden', 'message' => 'Unknown key'], 403);
    }
    return $handler->handle($request->withAttribute('reseller', $reseller));
};

function page_of(array $rows, int $page, int $size = 20): array
{
    $totalResults = count($rows);
    $totalPages = max(1, (int) ceil($totalResults / $size));
    $currentPage = min(max(1, $page), $totalPages);
    return [array_slice($rows, ($currentPage - 1) * $size, $size), $totalResults, $totalPages, $currentPage];
}

$app->group('/v2', function ($group) {
    $group->get('/account/balance', function (Request $request, Response $response) {
        $wallet = Wallets::of($request->getAttribute('reseller'));
        return json_response($response, ['balance' => $wallet->balance, 'currency' => 'DZD']);
    });

    $group->get('/account/transactions', function (Request $request, Response $response) {
        $rows = Wallets::movements($request->getAttribute('reseller'));
        [$items, $totalResults, $totalPages, $currentPage] = page_of($rows, (int) ($request->getQueryParams()['page'] ?? 1));
        return json_response($response, [
            'transactions' => $items,
            'totalResults' => $totalResults,
            'totalPages' => $totalPages,
            'currentPage' => $currentPage,
        ]);
    });

    $group->post('/orders', function (Request $request, Response $response) {
        $input = (array) $request->getParsedBody();
        $reseller = $request->getAttribute('reseller');
        $product = Catalog::find($input['productId'] ?? '');
        if ($product === null) {
            return json_response($response, ['error' => 'NOT_FOUND', 'message' => 'Unknown product'], 404);
        }
        if (Wallets::of($reseller)->balance < $product->price) {
            return json_response($response, ['error' => 'NO-BALANCE', 'message' => 'Top up your wallet'], 402);
        }
        if (Orders::refExists($reseller, $input['ref'] ?? '')) {
            return json_response($response, ['error' => 'DUPLICATED-REF', 'message' => 'Reference already used'], 409);
        }
        $order = Orders::create($reseller, $product, $input['ref']);
        return json_response($response, ['order' => $order->toArray()], 201);
    });

    $group->get('/orders', function (Request $request, Response $response) {
        $rows = Orders::of($request->getAttribute('reseller'));
        [$items, $totalResults, $totalPages, $currentPage] = page_of($rows, (int) ($request->getQueryParams()['page'] ?? 1));
        return json_response($response, compact('totalResults', 'totalPages', 'currentPage') + ['orders' => $items]);
    });
})->add($auth);

$app->run();
