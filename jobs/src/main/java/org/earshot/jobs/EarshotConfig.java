package org.earshot.jobs;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Properties;
import org.earshot.pipeline.settings.Durations;
import org.earshot.pipeline.kafka.KafkaSettings;

/**
 * Earshot's settings: dotted lower-case keys ({@code kafka.bootstrap-servers}) from a properties
 * file, overridden by {@code EARSHOT_*} environment variables ({@code EARSHOT_KAFKA_BOOTSTRAP_SERVERS}),
 * overridden by explicit {@code key=value} pairs. This is the edge where untyped settings become
 * the typed options records each job takes; nothing past it sees a map.
 */
public final class EarshotConfig {
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    /** Prefix for settings passed straight to Kafka clients, e.g. {@code kafka.client.security.protocol}. */
    public static final String KAFKA_CLIENT_PREFIX = "kafka.client.";

    private final Map<String, String> values;

    private EarshotConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static EarshotConfig of(Map<String, String> values) {
        return new EarshotConfig(values);
    }

    /** File (optional) ← environment ← overrides. */
    public static EarshotConfig load(Path file, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        if (file != null) {
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException("configuration file " + file + " does not exist");
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
            props.stringPropertyNames().forEach(k -> values.put(k.strip(), props.getProperty(k).strip()));
        }
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("EARSHOT_") && !k.equals("EARSHOT_HOME") && !k.equals("EARSHOT_JAVA_OPTS")) {
                values.put(k.substring(8).toLowerCase().replace("__", "-").replace('_', '.'), v);
            }
        });
        values.putAll(overrides);
        return new EarshotConfig(values);
    }

    /**
     * Reads a job's arguments: {@code --config FILE} and {@code --key value} or {@code --key=value}
     * pairs, the form {@code flink run job.jar …} passes them in.
     */
    public static EarshotConfig fromArgs(String[] args) {
        Path file = null;
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument '" + arg + "'; use --key value");
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else {
                if (i + 1 >= args.length) throw new IllegalArgumentException("option --" + key + " needs a value");
                value = args[++i];
            }
            if (key.equals("config")) file = Path.of(value);
            else overrides.put(key, value);
        }
        return load(file, overrides);
    }

    /** This configuration with one more setting. */
    public EarshotConfig with(String key, String value) {
        Map<String, String> next = new HashMap<>(values);
        next.put(key, value);
        return new EarshotConfig(next);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    public int getInt(String key, int fallback) {
        return get(key).map(v -> parse(key, v, Integer::parseInt)).orElse(fallback);
    }

    public double getDouble(String key, double fallback) {
        return get(key).map(v -> parse(key, v, Double::parseDouble)).orElse(fallback);
    }

    /** {@code true} or {@code false}, nothing else: a typo must not quietly mean false. */
    public boolean getBoolean(String key, boolean fallback) {
        return get(key).map(v -> parse(key, v, text -> switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        })).orElse(fallback);
    }

    /** Durations with their unit: {@code 30 s}, {@code 10min}, {@code 7d}, {@code 500ms}; a bare number is refused. */
    public Duration getDuration(String key, Duration fallback) {
        return get(key).map(v -> Durations.parse("setting " + key, v)).orElse(fallback);
    }

    /** The configured external Kafka, if any. */
    public Optional<KafkaSettings> kafka() {
        return get(KAFKA_BOOTSTRAP_SERVERS).map(servers -> new KafkaSettings(servers, withPrefix(KAFKA_CLIENT_PREFIX)));
    }

    /** Settings under a prefix, with the prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting " + key + " has an invalid value '" + value + "': " + e.getMessage(), e);
        }
    }
}
