package org.earshot.jobs.settings;

/**
 * One setting, declared once with everything a user and the code need to know about it, in the
 * manner of Flink's {@code ConfigOption}: its key, its type, its default (or what being unset
 * means), and a description, which {@code earshot settings} and the table in jobs/cli/README.md show. A key
 * ending in {@code .*} stands for every key under it, passed on as is (Kafka client properties).
 *
 * @param key dotted lower-case key, e.g. {@code listen.checkpoint-interval}
 * @param defaultValue the value when unset, or null when being unset means something of its own
 * @param whenUnset what being unset means, for display: the default written out, or e.g. "embedded broker"
 * @param secret never shown, only whether and where it is set
 */
public record Setting<T>(String key, SettingType<T> type, T defaultValue, String whenUnset, String description, boolean secret) {

    /** A setting with a default value. */
    public static <T> Setting<T> of(String key, SettingType<T> type, T defaultValue, String description) {
        return new Setting<>(key, type, defaultValue, type.write(defaultValue), description, false);
    }

    /** A setting without a default: {@code whenUnset} says what happens then. */
    public static <T> Setting<T> optional(String key, SettingType<T> type, String whenUnset, String description) {
        return new Setting<>(key, type, null, whenUnset, description, false);
    }

    /** Every key under {@code stem} ({@code kafka.client.}), as text. */
    public static Setting<String> under(String stem, String description) {
        if (!stem.endsWith(".")) throw new IllegalArgumentException("a stem ends with a dot: " + stem);
        return new Setting<>(stem + "*", SettingType.text(), null, "", description, false);
    }

    /** This setting, never shown. */
    public Setting<T> asSecret() {
        return new Setting<>(key, type, defaultValue, whenUnset, description, true);
    }

    public boolean isStem() {
        return key.endsWith(".*");
    }

    /** The part every key under a stem starts with ({@code kafka.client.}). */
    public String stem() {
        return key.substring(0, key.length() - 1);
    }

    /** Whether {@code candidate} is this key, or one under this stem. */
    public boolean covers(String candidate) {
        return isStem() ? candidate.startsWith(stem()) && candidate.length() > stem().length() : key.equals(candidate);
    }

    /** The environment variable that sets it: {@code EARSHOT_} and the key in capitals, dots and dashes as {@code _}. */
    public String environmentVariable() {
        return SettingsCatalog.ENVIRONMENT_PREFIX + key.replace("*", "").replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }
}
