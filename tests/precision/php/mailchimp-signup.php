<?php
/**
 * Plugin Name: Shop Newsletter Signup
 * Description: Adds WooCommerce customers to the Mailchimp audience at checkout and shows the
 *              audience size on the dashboard.
 * Version: 1.4.2
 */

if (!defined('ABSPATH')) {
    exit;
}

function shopnl_api_key(): string
{
    return (string) get_option('shopnl_mailchimp_key', '');
}

function shopnl_base_url(): string
{
    $key = shopnl_api_key();
    $dc = substr($key, strpos($key, '-') + 1) ?: 'us1';
    return "https://{$dc}.api.mailchimp.com/3.0";
}

function shopnl_request(string $method, string $path, ?array $body = null)
{
    $args = [
        'method' => $method,
        'timeout' => 15,
        'headers' => [
            'Authorization' => 'Basic ' . base64_encode('wordpress:' . shopnl_api_key()),
            'Content-Type' => 'application/json',
        ],
    ];
    if ($body !== null) {
        $args['body'] = wp_json_encode($body);
    }

    $response = wp_remote_request(shopnl_base_url() . $path, $args);
    if (is_wp_error($response)) {
        return $response;
    }

    $code = wp_remote_retrieve_response_code($response);
    $data = json_decode(wp_remote_retrieve_body($response), true);
    if ($code >= 400) {
        return new WP_Error('shopnl_mailchimp', $data['detail'] ?? $data['title'] ?? 'Mailchimp error', ['status' => $code]);
    }
    return $data;
}

function shopnl_subscribe(string $email, string $first, string $last)
{
    $list = get_option('shopnl_list_id');
    $hash = md5(strtolower($email));
    return shopnl_request('PUT', sprintf('/lists/%s/members/%s', $list, $hash), [
        'email_address' => $email,
        'status_if_new' => 'pending',
        'merge_fields' => ['FNAME' => $first, 'LNAME' => $last],
    ]);
}

add_action('woocommerce_checkout_order_processed', function ($order_id) {
    $order = wc_get_order($order_id);
    if (!$order || $order->get_meta('_shopnl_optin') !== 'yes') {
        return;
    }
    $result = shopnl_subscribe($order->get_billing_email(), $order->get_billing_first_name(), $order->get_billing_last_name());
    if (is_wp_error($result)) {
        $order->add_order_note('Newsletter signup failed: ' . $result->get_error_message());
    }
});

function shopnl_audience_stats(): array
{
    $cached = get_transient('shopnl_stats');
    if ($cached !== false) {
        return $cached;
    }
    $list = get_option('shopnl_list_id');
    $url = shopnl_base_url() . '/lists/' . rawurlencode($list) . '?fields=stats.member_count,stats.unsubscribe_count';
    $response = wp_remote_get($url, [
        'headers' => ['Authorization' => 'Basic ' . base64_encode('wordpress:' . shopnl_api_key())],
    ]);
    $body = json_decode(wp_remote_retrieve_body($response), true);
    $stats = [
        'members' => (int) ($body['stats']['member_count'] ?? 0),
        'unsubscribed' => (int) ($body['stats']['unsubscribe_count'] ?? 0),
    ];
    set_transient('shopnl_stats', $stats, HOUR_IN_SECONDS);
    return $stats;
}

add_action('wp_dashboard_setup', function () {
    wp_add_dashboard_widget('shopnl_widget', 'Newsletter', function () {
        $stats = shopnl_audience_stats();
        printf(
            '<p><strong>%d</strong> subscribers, %d unsubscribed.</p>',
            $stats['members'],
            $stats['unsubscribed']
        );
    });
});
