package org.earshot.jobs.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.alerts.AlertLog;
import org.earshot.dashboards.alerts.SubscriptionBook;
import org.earshot.dashboards.rules.Projects;
import org.earshot.dashboards.rules.RuleBook;
import org.earshot.jobs.local.ClickHouseConnection;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.KafkaConnection;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.pipeline.alerts.SubscriptionCheck;
import org.earshot.pipeline.kafka.CompactedTopic;
import org.earshot.pipeline.kafka.RulesTopic;
import org.earshot.pipeline.settings.Durations;
import org.earshot.schemas.Alert;
import org.earshot.schemas.Json;
import org.earshot.schemas.Subscription;
import org.earshot.schemas.Subscription.Channel;
import org.earshot.schemas.Topics;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot alerts}: keyword-alert subscriptions on {@code earshot.subscriptions}, which a running Listen job
 * follows, and the alerts they raised, from ClickHouse's {@code alerts}.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Subscribe to keyword alerts and work with the alerts they raise. Subscriptions live on the Kafka topic "
                + "earshot.subscriptions; a running Listen job applies every change within seconds."},
        subcommands = {AlertsCommand.Subscribe.class, AlertsCommand.ListSubscriptions.class, AlertsCommand.Show.class, AlertsCommand.Remove.class,
                AlertsCommand.History.class, AlertsCommand.Ack.class})
final class AlertsCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    interface Work<T> {
        T run(SubscriptionBook subscriptions) throws Exception;
    }

    /** The subscriptions of the configured Kafka or of the data directory's (started if it is not running). */
    static <T> T withSubscriptions(SettingsOptions settings, boolean projects, Work<T> work) throws Exception {
        EarshotConfig config = settings.config();
        DataDirectory data = new DataDirectory(settings.data());
        try (KafkaConnection kafka = KafkaConnection.open(config, data)) {
            RuleBook rules = new RuleBook(new RulesTopic(kafka.settings()));
            CompactedTopic<Subscription> topic = new CompactedTopic<>(kafka.settings(), Topics.SUBSCRIPTIONS);
            if (!projects) return work.run(new SubscriptionBook(topic, rules, null));
            try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config, data, 0)) {
                clickhouse.migrate(config);
                return work.run(new SubscriptionBook(topic, rules, new Projects(new Database(clickhouse::connect))));
            }
        }
    }

    interface LogWork<T> {
        T run(AlertLog log) throws Exception;
    }

    /** The alerts in ClickHouse, acknowledgements also told to Kafka. */
    static <T> T withLog(SettingsOptions settings, boolean writes, LogWork<T> work) throws Exception {
        EarshotConfig config = settings.config();
        DataDirectory data = new DataDirectory(settings.data());
        try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config, data, 0)) {
            clickhouse.migrate(config);
            Database db = new Database(clickhouse::connect);
            if (!writes) return work.run(new AlertLog(db, null));
            try (KafkaConnection kafka = KafkaConnection.open(config, data)) {
                return work.run(new AlertLog(db, kafka.settings()));
            }
        }
    }

    @Command(name = "subscribe", mixinStandardHelpOptions = true,
            description = {"Subscribe to a keyword alert (or replace the subscription with the same --id), for example:",
                    "  earshot alerts subscribe --rule aurora --condition every-match --webhook https://hooks.example.com/earshot",
                    "  earshot alerts subscribe --project aurora-vs-nimbus --condition volume-spike --sensitivity more --slack URL",
                    "  earshot alerts subscribe --rule aurora --condition sentiment-shift --negative-share 40 --email pr@example.org",
                    "  earshot alerts subscribe --rule aurora --condition digest --every daily --at 08:00 --zone Europe/Paris --email boss@example.org",
                    "A webhook without --secret gets a new one, printed once: give it to the receiver, which checks signatures with it.",
                    "Every field is checked first; what is wrong is named (exit 2)."})
    static final class Subscribe implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Option(names = "--id", paramLabel = "ID", description = "The subscription's id (default: the rule or project and the condition, e.g. aurora-every-match).")
        String id;

        @Option(names = "--name", paramLabel = "NAME", description = "A name for messages (default: the id).")
        String name;

        static final class Target {
            @Option(names = "--rule", required = true, split = ",", paramLabel = "RULE", description = "A rule it watches (repeatable or comma-separated).")
            List<String> rules;

            @Option(names = "--project", required = true, paramLabel = "PROJECT", description = "A project: every rule of it, brand and competitors.")
            String project;
        }

        @ArgGroup(multiplicity = "1")
        Target target;

        @Option(names = "--condition", required = true, paramLabel = "TYPE",
                description = "every-match, threshold, volume-spike, sentiment-shift or digest.")
        String condition;

        @Option(names = "--max-mentions", paramLabel = "N", description = "every-match: mentions per notification at most (default 20).")
        Integer maxMentions;
        @Option(names = "--window", paramLabel = "DURATION", description = "every-match: how long mentions are gathered (1m); the others: the window counted (1h).")
        String window;
        @Option(names = "--count", paramLabel = "N", description = "threshold: mentions at least (10); sentiment-shift: mentions at least before it judges (20).")
        Integer count;
        @Option(names = "--network", paramLabel = "NETWORK", description = "threshold: count only this network's mentions.")
        String network;
        @Option(names = "--language", paramLabel = "LANG", description = "threshold: count only mentions in this language.")
        String language;
        @Option(names = "--sentiment", paramLabel = "LABEL", description = "threshold: count only positive, negative or neutral mentions.")
        String sentiment;
        @Option(names = "--sensitivity", paramLabel = "LEVEL", description = "volume-spike: fewer, balanced or more alerts (k = 3, 2, 1.5; default balanced).")
        String sensitivity;
        @Option(names = "--k", paramLabel = "K", description = "volume-spike: standard deviations above the baseline's mean, instead of --sensitivity.")
        Double k;
        @Option(names = "--baseline-windows", paramLabel = "N", description = "volume-spike, sentiment-shift: earlier windows in the baseline (12).")
        Integer baselineWindows;
        @Option(names = "--min-volume", paramLabel = "N", description = "volume-spike: the window needs at least this many mentions (10).")
        Integer minVolume;
        @Option(names = "--cooldown", paramLabel = "DURATION", description = "volume-spike: the least time between two spikes (1h).")
        String cooldown;
        @Option(names = "--negative-share", paramLabel = "PERCENT", description = "sentiment-shift: negative mentions in percent at least (40).")
        Double negativeShare;
        @Option(names = "--net-drop", paramLabel = "POINTS", description = "sentiment-shift: net sentiment fallen this many points below its baseline.")
        Double netDrop;
        @Option(names = "--every", paramLabel = "PERIOD", description = "digest: hourly, daily or weekly (daily).")
        String every;
        @Option(names = "--at", paramLabel = "HH:MM", description = "digest: the local time (08:00; hourly: the minute past each hour).")
        String at;
        @Option(names = "--day", paramLabel = "WEEKDAY", description = "digest, weekly: the day (monday).")
        String day;

        @Option(names = "--webhook", paramLabel = "URL", description = "POST a signed JSON event here (Standard Webhooks).")
        List<String> webhooks = new ArrayList<>();
        @Option(names = "--secret", paramLabel = "WHSEC", description = "The webhooks' signing secret, whsec_ and base64 (default: a new one, printed once).")
        String secret;
        @Option(names = "--slack", paramLabel = "URL", description = "A Slack incoming webhook.")
        List<String> slack = new ArrayList<>();
        @Option(names = "--teams", paramLabel = "URL", description = "A Microsoft Teams workflow webhook.")
        List<String> teams = new ArrayList<>();
        @Option(names = "--email", split = ",", paramLabel = "ADDRESS", description = "Mail it to these addresses (through reports.smtp.*).")
        List<String> email = new ArrayList<>();
        @Option(names = "--allow-private", description = "The URLs may name a private or loopback address (a receiver on this machine or network).")
        boolean allowPrivate;

        @Option(names = "--throttle", paramLabel = "DURATION", description = "At least this long between two notifications.")
        String throttle;
        @Option(names = "--quiet-hours", paramLabel = "HH:MM-HH:MM", description = "Hold notifications in these local hours until they end, e.g. 22:00-07:00.")
        String quietHours;
        @Option(names = "--zone", paramLabel = "ZONE", description = "The time zone of --at and --quiet-hours, e.g. Europe/Paris (default UTC).")
        String zone;
        @Option(names = "--owner", paramLabel = "NAME", description = "Whose it is (default: your user name).")
        String owner;

        @Override
        public Integer call() throws Exception {
            Subscription s = subscription();
            String made = s.channels.stream().anyMatch(c -> "webhook".equals(c.type)) && secret == null ? s.channels.stream()
                    .filter(c -> "webhook".equals(c.type)).findFirst().orElseThrow().secret : null;
            Subscription saved;
            try {
                saved = withSubscriptions(settings, s.project != null, book -> book.save(s, owner(), Instant.now()));
            } catch (IllegalArgumentException e) {
                System.err.println("earshot: " + e.getMessage());
                return 2;
            }
            System.out.printf("Subscribed %s: %s on %s, to %s.%n", saved.id, saved.condition.type, String.join(", ", saved.rules),
                    String.join(", ", saved.channels.stream().map(c -> c.type + " " + (c.url != null ? c.url : String.join(",", c.to))).toList()));
            if (made != null) System.out.println("Webhook signing secret (shown once; the receiver checks signatures with it): " + made);
            return 0;
        }

        Subscription subscription() {
            Subscription s = new Subscription();
            s.rules = target.rules == null ? new ArrayList<>() : target.rules;
            s.project = target.project;
            String scope = target.project != null ? target.project : String.join("-", s.rules);
            s.id = id != null ? id : (scope + "-" + condition).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
            if (s.id.length() > 64) s.id = s.id.substring(0, 64);
            s.name = name;
            Subscription.Condition c = new Subscription.Condition(condition);
            c.maxMentions = maxMentions;
            c.window = duration("--window", window);
            c.count = count;
            c.network = network;
            c.language = language;
            c.sentiment = sentiment;
            c.sensitivity = sensitivity;
            c.k = k;
            c.baselineWindows = baselineWindows;
            c.minVolume = minVolume;
            c.cooldown = duration("--cooldown", cooldown);
            c.negativeShare = negativeShare;
            c.netDrop = netDrop;
            c.every = every == null ? null : every.toLowerCase(Locale.ROOT);
            c.at = at;
            c.day = day == null ? null : day.toUpperCase(Locale.ROOT);
            s.condition = c;
            String signing = secret != null ? secret : webhooks.isEmpty() ? null : SubscriptionCheck.newSecret();
            for (String url : webhooks) s.channels.add(channel("webhook", url, signing));
            for (String url : slack) s.channels.add(channel("slack", url, null));
            for (String url : teams) s.channels.add(channel("teams", url, null));
            if (!email.isEmpty()) {
                Channel mail = new Channel("email", null);
                mail.to = email;
                s.channels.add(mail);
            }
            s.throttle = duration("--throttle", throttle);
            if (quietHours != null) {
                String[] hours = quietHours.split("-", 2);
                if (hours.length != 2) throw new IllegalArgumentException("--quiet-hours must be HH:MM-HH:MM, e.g. 22:00-07:00");
                s.quietHours = new Subscription.QuietHours(hours[0].strip(), hours[1].strip());
            }
            s.zone = zone;
            return s;
        }

        private Channel channel(String type, String url, String signing) {
            Channel c = new Channel(type, url);
            c.secret = signing;
            if (allowPrivate) c.allowPrivate = true;
            return c;
        }

        private String owner() {
            return owner != null ? owner : System.getProperty("user.name", "earshot");
        }

        private static Duration duration(String option, String text) {
            return text == null ? null : Durations.parse(option, text);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the subscriptions: id, condition, rules, channels and owner.")
    static final class ListSubscriptions implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Option(names = "--json", description = "One subscription JSON object per line (webhook secrets hidden) instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            List<Subscription> all = withSubscriptions(settings, false, SubscriptionBook::list);
            PrintStream out = System.out;
            if (json) {
                all.forEach(s -> out.println(Json.toString(SubscriptionBook.redacted(s))));
                return 0;
            }
            out.printf("%-28s  %-16s  %-24s  %-40s  %s%n", "ID", "CONDITION", "RULES", "CHANNELS", "OWNER");
            for (Subscription s : all) {
                out.printf("%-28s  %-16s  %-24s  %-40s  %s%n", s.id, s.condition.type, String.join(",", s.rules),
                        String.join(" ", s.channels.stream().map(c -> c.type).toList()), s.owner == null ? "" : s.owner);
            }
            System.err.printf("%,d subscriptions%n", all.size());
            return 0;
        }
    }

    /** A command on one subscription: reads them, and says so when there is none with the id. */
    abstract static class OnOneSubscription implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(paramLabel = "ID", description = "The subscription's id.")
        String id;

        @Override
        public Integer call() throws Exception {
            return withSubscriptions(settings, false, book -> {
                Subscription s = book.get(id).orElseThrow(() -> new IllegalArgumentException("no subscription '" + id + "'"));
                return on(book, s);
            });
        }

        abstract int on(SubscriptionBook book, Subscription s) throws Exception;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one subscription as JSON (webhook secrets hidden).")
    static final class Show extends OnOneSubscription {
        @Override
        int on(SubscriptionBook book, Subscription s) throws Exception {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(SubscriptionBook.redacted(s)));
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Unsubscribe: delete a subscription.")
    static final class Remove extends OnOneSubscription {
        @Override
        int on(SubscriptionBook book, Subscription s) {
            book.delete(s.id);
            System.out.println("Unsubscribed " + s.id + ".");
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = {"The alerts raised, newest first, each in its latest state; with an alert id, every state that alert reached."})
    static final class History implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(arity = "0..1", paramLabel = "ALERT", description = "One alert's id.")
        String alert;

        @Option(names = "--state", paramLabel = "STATE", description = "Only alerts now ACTIVE, ACKNOWLEDGED, COMPLETED or ERROR.")
        String state;

        @Option(names = "--subscription", paramLabel = "ID", description = "Only this subscription's alerts.")
        String subscription;

        @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "How many at most (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "One JSON object per line instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            String upper = state == null ? null : state.toUpperCase(Locale.ROOT);
            if (upper != null && !Alert.STATES.contains(upper)) throw new IllegalArgumentException("--state must be one of " + Alert.STATES);
            return withLog(settings, false, log -> {
                PrintStream out = System.out;
                if (alert != null) {
                    List<Alert> states = log.history(alert);
                    if (states.isEmpty()) throw new IllegalArgumentException("no alert '" + alert + "'");
                    for (Alert a : states) {
                        out.println(json ? Json.toString(a) : String.format("%s  %-12s  %s%s", a.changedAt, a.state, a.summary,
                                a.details == null || a.details.isBlank() ? "" : "  (" + a.details + ")"));
                    }
                    return 0;
                }
                List<AlertLog.Current> alerts = log.current(upper, subscription, Math.max(1, limit));
                for (AlertLog.Current c : alerts) {
                    Map<String, Object> d = AlertLog.describe(c);
                    out.println(json ? Json.toString(d) : String.format("%s  %-12s  %-15s  %-20s  %s  %s", c.changedAt(), c.state(), c.kind(),
                            c.subscriptionId(), c.alertId(), c.summary()));
                }
                System.err.printf("%,d alerts%n", alerts.size());
                return 0;
            });
        }
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an alert, so that colleagues know someone is on it.")
    static final class Ack implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(paramLabel = "ALERT", description = "The alert's id, as earshot alerts history lists it.")
        String alert;

        @Option(names = "--by", paramLabel = "NAME", description = "Who is on it (default: your user name).")
        String by;

        @Override
        public Integer call() throws Exception {
            return withLog(settings, true, log -> {
                try {
                    Alert a = log.acknowledge(alert, by != null ? by : System.getProperty("user.name", "earshot"), Instant.now());
                    System.out.println("Acknowledged " + a.alertId + ": " + a.summary);
                    return 0;
                } catch (java.util.NoSuchElementException | IllegalStateException e) {
                    System.err.println("earshot: " + e.getMessage());
                    return 2;
                }
            });
        }
    }
}
