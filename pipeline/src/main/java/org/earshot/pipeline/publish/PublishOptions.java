package org.earshot.pipeline.publish;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the Publish job works: where the accounts are and the key that opens encrypted credentials, the pace per
 * account, retries, the time one request may take, and how far in the past a scheduled time may be.
 *
 * @param accountsFile the accounts file ({@code earshot accounts} writes it); on a cluster, a path every TaskManager reads
 * @param accountsKey opens {@code encrypted:} credentials; null when none are encrypted
 * @param perMinute posts a minute at most from one account; the rest wait their turn
 * @param attempts tries per publication before it fails
 * @param backoff the wait before the second try, doubling after, unless the network says when
 * @param timeout the most one request may take
 * @param grace how long before it was asked for a scheduled time may be and still go out (at once)
 */
public record PublishOptions(String accountsFile, String accountsKey, int perMinute, int attempts, Duration backoff, Duration timeout,
                             Duration grace) implements Serializable {
    public static PublishOptions defaults(String accountsFile) {
        return new PublishOptions(accountsFile, null, 30, 5, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(10));
    }

    public PublishOptions withPerMinute(int n) {
        return new PublishOptions(accountsFile, accountsKey, n, attempts, backoff, timeout, grace);
    }

    public PublishOptions withBackoff(Duration d) {
        return new PublishOptions(accountsFile, accountsKey, perMinute, attempts, d, timeout, grace);
    }

    /** The least time between two posts of one account. */
    Duration interval() {
        return Duration.ofMillis(60_000L / perMinute);
    }
}
