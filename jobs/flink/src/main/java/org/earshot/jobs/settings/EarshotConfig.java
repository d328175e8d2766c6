package org.earshot.jobs.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.earshot.pipeline.mail.Mailer;
import java.util.Properties;
import java.util.TreeMap;
import org.earshot.pipeline.kafka.KafkaSettings;

/**
 * The settings of one run: from a properties file, overridden by {@code EARSHOT_*} environment
 * variables, overridden by explicit {@code key=value} pairs, each remembered with where it came
 * from. Every key must be declared in the {@link SettingsCatalog} and every value must read as its
 * type, or loading fails with an IllegalArgumentException naming the key (and the closest known
 * one): a typo is said at start, not ignored.
 */
public final class EarshotConfig {
    /** A setting's text as given, and where it was given (a file, a variable, {@code --set}). */
    public record Value(String text, String source) {}

    private final Map<String, Value> values;

    private EarshotConfig(Map<String, Value> values) {
        Map<String, Value> checked = new TreeMap<>();
        values.forEach((key, value) -> {
            Setting<?> setting = SettingsCatalog.require(key, " (" + value.source() + ")");
            if (value.text().isBlank()) return; // an empty value is the same as none
            if (!setting.isStem()) setting.type().read("setting " + key + " (" + value.source() + ")", value.text());
            checked.put(key, new Value(value.text().strip(), value.source()));
        });
        this.values = Collections.unmodifiableMap(checked);
    }

    /** Settings given in code (tests, and commands that set one for the user). */
    public static EarshotConfig of(Map<String, String> values) {
        return new EarshotConfig(from(values, "--set"));
    }

    /** File (optional) ← environment ← overrides. */
    public static EarshotConfig load(Path file, Map<String, String> overrides) {
        return load(file, System.getenv(), overrides);
    }

    static EarshotConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, Value> values = new LinkedHashMap<>();
        if (file != null) values.putAll(from(readFile(file), "file " + file));
        new TreeMap<>(environment).forEach((variable, text) -> {
            if (variable.startsWith(SettingsCatalog.ENVIRONMENT_PREFIX)) {
                SettingsCatalog.keyOfVariable(variable).ifPresent(key -> values.put(key, new Value(text, "environment " + variable)));
            }
        });
        values.putAll(from(overrides, "--set"));
        return new EarshotConfig(values);
    }

    /**
     * Reads a job's arguments: {@code --config FILE} and {@code --key value} or {@code --key=value}
     * pairs, the form {@code flink run job.jar …} passes them in.
     */
    public static EarshotConfig fromArgs(String[] args) {
        Path file = null;
        Map<String, String> overrides = new LinkedHashMap<>();
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

    /** This configuration with one more setting, given by a command's own option. */
    public EarshotConfig with(Setting<?> setting, String text, String option) {
        Map<String, Value> next = new LinkedHashMap<>(values);
        next.put(setting.key(), new Value(text, option));
        return new EarshotConfig(next);
    }

    /** The value, or the setting's default. */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElseGet(() -> {
            if (setting.defaultValue() == null) throw new IllegalStateException(setting.key() + " has no default; read it with find");
            return setting.defaultValue();
        });
    }

    /** The value when one is given. */
    public <T> Optional<T> find(Setting<T> setting) {
        Value value = values.get(setting.key());
        return value == null ? Optional.empty() : Optional.of(setting.type().read("setting " + setting.key(), value.text()));
    }

    /** The value, or an IllegalArgumentException saying what to set. */
    public <T> T require(Setting<T> setting, String why) {
        return find(setting).orElseThrow(() -> new IllegalArgumentException("set " + setting.key() + " " + why));
    }

    /** Every setting given, by key, with where it came from. */
    public Map<String, Value> given() {
        return values;
    }

    public boolean isSet(Setting<?> setting) {
        return values.containsKey(setting.key());
    }

    /** Where a setting's value came from, when it has one. */
    public Optional<Value> given(Setting<?> setting) {
        return Optional.ofNullable(values.get(setting.key()));
    }

    /** The keys given under a stem, with their values and sources. */
    public Map<String, Value> under(Setting<String> stem) {
        Map<String, Value> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (stem.covers(k)) out.put(k, v);
        });
        return out;
    }

    /** The configured external Kafka, if any. */
    public Optional<KafkaSettings> kafka() {
        return find(KafkaKeys.BOOTSTRAP_SERVERS).map(servers -> {
            Map<String, String> client = new TreeMap<>();
            under(KafkaKeys.CLIENT).forEach((k, v) -> client.put(k.substring(KafkaKeys.CLIENT.stem().length()), v.text()));
            return new KafkaSettings(servers, client);
        });
    }

    /** The SMTP server reports and alerts go out through ({@code reports.smtp.*}); empty when none is configured. */
    public Optional<Mailer.Smtp> smtp() {
        if (!isSet(ReportsKeys.SMTP_HOST)) return Optional.empty();
        String user = isSet(ReportsKeys.SMTP_USER) ? get(ReportsKeys.SMTP_USER) : "";
        String password = isSet(ReportsKeys.SMTP_PASSWORD) ? get(ReportsKeys.SMTP_PASSWORD) : "";
        return Optional.of(new Mailer.Smtp(get(ReportsKeys.SMTP_HOST), get(ReportsKeys.SMTP_PORT), user, password,
                get(ReportsKeys.SMTP_FROM), get(ReportsKeys.SMTP_STARTTLS)));
    }

    private static Map<String, Value> from(Map<String, String> texts, String source) {
        Map<String, Value> out = new LinkedHashMap<>();
        texts.forEach((k, v) -> out.put(k.strip(), new Value(v, source)));
        return out;
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("configuration file " + file + " does not exist");
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }
}
