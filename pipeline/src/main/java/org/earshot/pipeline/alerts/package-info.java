/**
 * Keyword alerts: subscriptions ({@code earshot.subscriptions}), their conditions evaluated in the Listen job
 * (every match, threshold, volume spike, sentiment shift, digest), the lifecycle of what they raise, and delivery to
 * webhooks (Standard Webhooks signatures), Slack, Teams and email.
 *
 * <pre>
 * matched mentions ─► AlertFanOut (one Hit per subscription watching a rule it matched)
 *                    ─► keyBy subscription ─► EvaluateSubscriptions ─► earshot.notifications (exactly once)
 *                                                               └───► alert states ─► earshot.alerts, ClickHouse alerts
 * earshot.notifications ─► DeliverNotifications (async, retries, rate limit) ─► failures: ERROR state and a dead letter
 * </pre>
 *
 * Notifications cross Kafka in a transaction, so a restart neither loses nor repeats one; delivery is at least once,
 * and each attempt carries the notification's id, so receivers drop repeats.
 */
package org.earshot.pipeline.alerts;
