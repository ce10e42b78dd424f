<?php
/**
 * Plugin Name: Flexy Wallet Widget
 * Description: Shows the OneClickDz Flexy (API v3) wallet balance and the last top-ups on
 *              the WordPress dashboard, and posts a low-balance alert to Slack.
 * Version: 3.0.1
 */

defined('ABSPATH') || exit;

const FLEXY_WIDGET_API = 'https://api.oneclickdz.com/v3';

function flexy_widget_get(string $path, array $query = [])
{
    $url = FLEXY_WIDGET_API . $path . ($query ? '?' . http_build_query($query) : '');
    $response = wp_remote_get($url, [
        'timeout' => 15,
        'headers' => ['X-Access-Token' => get_option('flexy_widget_key')],
    ]);
    if (is_wp_error($response)) {
        return $response;
    }
    $result = json_decode(wp_remote_retrieve_body($response), true);
    if (empty($result['success'])) {
        return new WP_Error($result['error']['code'] ?? 'flexy', $result['error']['message'] ?? 'Flexy error');
    }
    return $result['data'];
}

function flexy_widget_slack_alert(string $text): void
{
    wp_remote_post('https://slack.com/api/chat.postMessage', [
        'headers' => [
            'Authorization' => 'Bearer ' . get_option('flexy_widget_slack_token'),
            'Content-Type' => 'application/json; charset=utf-8',
        ],
        'body' => wp_json_encode(['channel' => get_option('flexy_widget_channel', '#ops'), 'text' => $text]),
    ]);
}

function flexy_widget_render(): void
{
    $balance = flexy_widget_get('/account/balance');
    if (is_wp_error($balance)) {
        if ($balance->get_error_code() === 'ERR_AUTH') {
            echo '<p>' . esc_html__('The Flexy API key is invalid.', 'flexy-widget') . '</p>';
            return;
        }
        echo '<p>' . esc_html($balance->get_error_message()) . '</p>';
        return;
    }

    printf('<p><strong>%s DZD</strong></p>', esc_html(number_format_i18n((float) $balance['balance'], 2)));

    $threshold = (float) get_option('flexy_widget_threshold', 5000);
    if ($balance['balance'] < $threshold && !get_transient('flexy_widget_alerted')) {
        flexy_widget_slack_alert(sprintf('Flexy wallet is low: %s DZD', $balance['balance']));
        set_transient('flexy_widget_alerted', 1, DAY_IN_SECONDS);
    }

    $list = flexy_widget_get('/mobile/list', ['page' => 1, 'pageSize' => 5]);
    if (is_wp_error($list)) {
        return;
    }
    echo '<ul>';
    foreach ($list['items'] as $topup) {
        printf('<li>%s %s %s DZD (%s)</li>', esc_html($topup['createdAt']), esc_html($topup['MSSIDN']), esc_html($topup['amount']), esc_html($topup['status']));
    }
    echo '</ul>';
    printf(
        '<p class="description">%s</p>',
        esc_html(sprintf('Page %d of %d', $list['pagination']['page'], $list['pagination']['totalPages']))
    );
}

add_action('wp_dashboard_setup', function () {
    wp_add_dashboard_widget('flexy_wallet_widget', 'Flexy wallet', 'flexy_widget_render');
});

add_action('admin_init', function () {
    register_setting('general', 'flexy_widget_key', ['type' => 'string', 'sanitize_callback' => 'sanitize_text_field']);
    register_setting('general', 'flexy_widget_threshold', ['type' => 'number']);
    register_setting('general', 'flexy_widget_slack_token', ['type' => 'string']);
});
