package org.earshot.pipeline.alerts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.earshot.schemas.Subscription;
import org.earshot.schemas.Subscription.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A subscription that cannot work is refused with a message naming the field. */
@Timeout(30)
class SubscriptionCheckTest {
    static final Set<String> RULES = Set.of("aurora", "nimbus");

    @Test
    void aWorkingSubscriptionPasses() {
        assertThatCode(() -> SubscriptionCheck.check(valid(), RULES::contains)).doesNotThrowAnyException();
    }

    @Test
    void eachImpossibleFieldIsNamed() {
        refused(s -> s.rules = List.of("comet"), "rules: there is no rule 'comet'");
        refused(s -> s.rules = List.of(), "rules: name at least one rule");
        refused(s -> s.id = "a b", "id 'a b'");
        refused(s -> s.condition.type = "sometimes", "condition.type 'sometimes' is none of");
        refused(s -> s.condition.window = Duration.ofMinutes(-5), "condition.window must be longer than zero");
        refused(s -> s.condition.k = 0.0, "condition.k must be greater than 0");
        refused(s -> s.condition.k = -1.5, "condition.k must be greater than 0");
        refused(s -> s.condition.sensitivity = "paranoid", "condition.sensitivity 'paranoid'");
        refused(s -> s.condition.negativeShare = 140.0, "condition.negativeShare must be a percentage");
        refused(s -> s.condition.baselineWindows = 1, "condition.baselineWindows must be at least 3");
        refused(s -> s.condition.at = "25:00", "condition.at '25:00' is no time of day");
        refused(s -> s.zone = "Mars/Olympus", "zone 'Mars/Olympus' is not a time zone");
        refused(s -> s.quietHours = new Subscription.QuietHours("22:00", "7am"), "quietHours.to '7am'");
        refused(s -> s.throttle = Duration.ofMinutes(-1), "throttle must not be negative");
        refused(s -> s.channels = List.of(), "channels: name at least one");
        refused(s -> s.channels.get(0).secret = null, "channels[0].secret: a webhook is signed");
        refused(s -> s.channels.get(0).secret = "whsec_not*base64", "a webhook secret is whsec_ and base64");
        refused(s -> s.channels.get(0).url = "http://127.0.0.1:9000/hook", "channels[0].url: refused http://127.0.0.1:9000/hook: 127.0.0.1 resolves to 127.0.0.1, a loopback address");
        refused(s -> s.channels.get(0).url = "http://10.0.0.8/hook", "a private address");
        refused(s -> s.channels.get(0).url = "http://169.254.169.254/latest/meta-data", "link-local");
        refused(s -> s.channels.get(0).url = "file:///etc/passwd", "scheme 'file' is not allowed");
        refused(s -> s.channels = List.of(new Channel("email", null)), "channels[0].to: name at least one recipient");
        refused(s -> s.channels = List.of(new Channel("pager", "https://example.com")), "channels[0].type must be one of");
    }

    @Test
    void aPrivateReceiverPassesWhenItsChannelAllowsIt() {
        Subscription s = valid();
        s.channels.get(0).url = "http://127.0.0.1:9000/hook";
        s.channels.get(0).allowPrivate = true;
        assertThatCode(() -> SubscriptionCheck.check(s, RULES::contains)).doesNotThrowAnyException();
    }

    private static void refused(Consumer<Subscription> change, String message) {
        Subscription s = valid();
        change.accept(s);
        assertThatThrownBy(() -> SubscriptionCheck.check(s, RULES::contains)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    static Subscription valid() {
        Subscription s = new Subscription();
        s.id = "aurora-spikes";
        s.rules = List.of("aurora");
        s.condition = new Subscription.Condition("volume-spike");
        s.condition.window = Duration.ofHours(1);
        s.condition.sensitivity = "balanced";
        Channel hook = new Channel("webhook", "https://hooks.example.com/earshot");
        hook.secret = SubscriptionCheck.newSecret();
        s.channels = new java.util.ArrayList<>(List.of(hook));
        s.zone = "Europe/Paris";
        s.quietHours = new Subscription.QuietHours("22:00", "07:00");
        return s;
    }
}
