package org.earshot.jobs.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** Every setting Earshot knows, area by area, and the lookups that turn a user's key into one of them. */
public final class SettingsCatalog {
    /** Environment variables under this prefix are settings. */
    public static final String ENVIRONMENT_PREFIX = "EARSHOT_";
    /** Variables under the prefix that are read before any setting, by the launcher or the engine loader. */
    static final Set<String> NOT_SETTINGS = Set.of("EARSHOT_HOME", "EARSHOT_JAVA_OPTS", "EARSHOT_CHDB_LIB");

    private static final List<Setting<?>> ALL = Stream.of(KafkaKeys.ALL, ClickHouseKeys.ALL, ListenKeys.ALL, IngestKeys.ALL, ReplayKeys.ALL, IndexKeys.ALL, DashboardsKeys.ALL, ReportsKeys.ALL, AlertsKeys.ALL, PublishKeys.ALL, StateKeys.ALL)
            .flatMap(List::stream).toList();

    private SettingsCatalog() {}

    public static List<Setting<?>> all() {
        return ALL;
    }

    /** The setting {@code key} is, or falls under. */
    public static Optional<Setting<?>> find(String key) {
        return ALL.stream().filter(s -> s.covers(key)).findFirst();
    }

    /** The setting {@code key} is, or an IllegalArgumentException naming the closest known one. */
    public static Setting<?> require(String key, String from) {
        return find(key).orElseThrow(() -> new IllegalArgumentException(
                "unknown setting '" + key + "'" + from + "; did you mean " + closest(key).key() + "? (earshot settings lists them all)"));
    }

    /** The known setting whose key is nearest to {@code key} in edits. */
    public static Setting<?> closest(String key) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return ALL.stream().min(Comparator.comparingInt((Setting<?> known) -> distance.apply(key, known.key().replace(".*", "."))))
                .orElseThrow();
    }

    /**
     * The key an {@code EARSHOT_*} variable sets: the setting whose variable it is ({@code
     * EARSHOT_KAFKA_BOOTSTRAP_SERVERS}; the older spelling with {@code __} for a dash is read too),
     * or a key under a stem ({@code EARSHOT_KAFKA_CLIENT_SASL_MECHANISM} → {@code kafka.client.sasl.mechanism}).
     * Empty for the launcher's own variables.
     */
    public static Optional<String> keyOfVariable(String variable) {
        if (NOT_SETTINGS.contains(variable)) return Optional.empty();
        String name = variable.replace("__", "_");
        for (Setting<?> setting : ALL) {
            String own = setting.environmentVariable();
            if (!setting.isStem() && own.equals(name)) return Optional.of(setting.key());
            if (setting.isStem() && name.startsWith(own) && name.length() > own.length()) {
                return Optional.of(setting.stem() + name.substring(own.length()).toLowerCase(Locale.ROOT).replace('_', '.'));
            }
        }
        Setting<?> closest = closest(name.substring(ENVIRONMENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'));
        throw new IllegalArgumentException("unknown setting in environment variable " + variable + "; did you mean "
                + closest.environmentVariable() + " (" + closest.key() + ")? Only settings may start with " + ENVIRONMENT_PREFIX);
    }

    /** The table in jobs/cli/README.md: every setting with its default and what it means. */
    public static String markdownTable() {
        List<String> rows = new ArrayList<>();
        rows.add("| setting | type | default | meaning |");
        rows.add("|---|---|---|---|");
        for (Setting<?> s : ALL) {
            String unset = s.defaultValue() != null && !s.whenUnset().isEmpty() ? "`" + s.whenUnset() + "`" : s.whenUnset();
            rows.add("| `" + s.key() + "` | " + s.type().name() + " | " + unset + " | " + s.description() + " |");
        }
        return String.join("\n", rows) + "\n";
    }
}
