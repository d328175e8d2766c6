package org.earshot.pipeline.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.earshot.pipeline.kafka.EndsAtStart;
import org.earshot.pipeline.kafka.RawRecord;
import org.earshot.schemas.Alert;
import org.earshot.schemas.DeadLetter;
import org.earshot.schemas.Mention;
import org.earshot.schemas.Notification;
import org.earshot.schemas.Topics;

/** The alerts part of the Listen job, between the matched mentions and the sinks (see the package documentation). */
public final class Alerts {
    public static final TypeInformation<Notification> NOTIFICATION = TypeInformation.of(Notification.class);
    /** Deliveries in flight at once; more wait (and hold back only the delivery, not the mentions). */
    static final int IN_FLIGHT = 200;

    private Alerts() {}

    /**
     * Matched mentions and subscription records in; notifications, alert states and refused subscriptions out.
     * {@code subscriptionsAtStart} says where the subscriptions end, so that no mention is judged before they are read.
     */
    public static Evaluated evaluate(DataStream<Mention> matched, DataStream<RawRecord> subscriptionRecords, EndsAtStart subscriptionsAtStart) {
        SingleOutputStreamOperator<SubscriptionUpdate> subscriptions = subscriptionRecords
                .process(new ParseSubscriptionsFunction()).returns(SubscriptionUpdate.class)
                .name("parse subscriptions").uid("parse-subscriptions")
                .setParallelism(1); // in order, like the rules: the fan-out knows it has read them by the last offset it saw
        BroadcastStream<SubscriptionUpdate> broadcast = subscriptions.broadcast(AlertFanOut.SUBSCRIPTIONS, AlertFanOut.SUBSCRIPTIONS_READ);
        SingleOutputStreamOperator<Notification> notifications = matched
                .connect(broadcast).process(new AlertFanOut(subscriptionsAtStart)).returns(Hit.class).name("subscriptions watching").uid("alert-fan-out")
                .keyBy(hit -> hit.subscriptionId, Types.STRING)
                .connect(broadcast).process(new EvaluateSubscriptions()).returns(NOTIFICATION).name("evaluate alerts").uid("evaluate-alerts");
        return new Evaluated(notifications, notifications.getSideOutput(EvaluateSubscriptions.ALERTS),
                subscriptions.getSideOutput(ParseSubscriptionsFunction.DEAD_LETTERS));
    }

    /** Notification records in ({@code earshot.notifications}); what could not be delivered out, as ERROR states and dead letters. */
    public static Delivered deliver(DataStream<RawRecord> notificationRecords, AlertsOptions options) {
        // Flink's own limit on one delivery: every try, each backoff and the waits for the channel's rate, with room to spare.
        long most = options.attempts() * (options.timeout().toMillis() + (options.backoff().toMillis() << Math.min(options.attempts(), 16)))
                + Duration.ofMinutes(10).toMillis();
        SingleOutputStreamOperator<Outcome> outcomes = AsyncDataStream
                .unorderedWait(notificationRecords, new DeliverNotifications(options), most, TimeUnit.MILLISECONDS, IN_FLIGHT)
                .returns(Outcome.class).name("deliver alerts").uid("deliver-alerts");
        SingleOutputStreamOperator<Outcome> failed = outcomes.filter(o -> !o.delivered).name("undelivered").uid("undelivered");
        DataStream<Alert> errors = failed.filter(o -> o.alertId != null).map(Alerts::error).returns(Alert.class)
                .name("alert errors").uid("alert-errors");
        DataStream<DeadLetter> deadLetters = failed.map(o -> new DeadLetter(o.record, Topics.NOTIFICATIONS.name(), o.partition, o.offset,
                "alerts", (o.channel == null ? "" : o.channel + ": ") + o.error, Instant.now())).returns(DeadLetter.class)
                .name("undelivered dead letters").uid("undelivered-dead-letters");
        return new Delivered(outcomes, errors, deadLetters);
    }

    static Alert error(Outcome o) {
        Alert a = new Alert();
        a.alertId = o.alertId;
        a.subscriptionId = o.subscriptionId;
        a.kind = o.kind;
        a.state = Alert.ERROR;
        a.raisedAt = Instant.now();
        a.changedAt = a.raisedAt;
        a.summary = "not delivered to " + o.channel;
        a.details = o.error;
        return a;
    }

    /** What evaluation makes: notifications to deliver, alert states, and subscription records refused. */
    public record Evaluated(DataStream<Notification> notifications, DataStream<Alert> states, DataStream<DeadLetter> deadLetters) {}

    /** What delivery makes: every outcome, the ERROR states of failures, and their dead letters. */
    public record Delivered(DataStream<Outcome> outcomes, DataStream<Alert> errors, DataStream<DeadLetter> deadLetters) {}
}
