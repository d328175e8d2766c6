package org.earshot.jobs.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.util.TimeUtils;
import org.earshot.pipeline.settings.Durations;

/**
 * What a setting's text means: how it is read, how a value is written back, and the name users
 * see in {@code earshot settings}. Reading fails with an IllegalArgumentException that names the
 * setting and says what was expected, never quietly (so {@code ture} is not false).
 */
public record SettingType<T>(String name, Reader<T> reader, Function<T, String> writer) {

    /** Reads {@code text}; {@code what} names the setting in the error ("setting listen.group-id"). */
    @FunctionalInterface
    public interface Reader<T> {
        T read(String what, String text);
    }

    public T read(String what, String text) {
        return reader.read(what, text.strip());
    }

    public String write(T value) {
        return writer.apply(value);
    }

    public static SettingType<String> text() {
        return new SettingType<>("text", (what, s) -> s, s -> s);
    }

    public static SettingType<Path> path() {
        return new SettingType<>("path", (what, s) -> Path.of(s), Path::toString);
    }

    /** Comma-separated items, blanks dropped. */
    public static SettingType<List<String>> list() {
        return new SettingType<>("list", (what, s) -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList(),
                items -> String.join(",", items));
    }

    /** {@code true} or {@code false}, nothing else. */
    public static SettingType<Boolean> bool() {
        return new SettingType<>("true or false", (what, s) -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw refused(what, s, "true or false");
        }, String::valueOf);
    }

    public static SettingType<Integer> integer(int min, int max) {
        String name = max == Integer.MAX_VALUE ? "integer ≥ " + min : "integer " + min + "–" + max;
        return new SettingType<>(name, (what, s) -> {
            try {
                int value = Integer.parseInt(s);
                if (value >= min && value <= max) return value;
            } catch (NumberFormatException e) {
                // refused below
            }
            throw refused(what, s, "an " + name);
        }, String::valueOf);
    }

    public static SettingType<Integer> port() {
        return integer(0, 65_535);
    }

    public static SettingType<Double> decimal(double min) {
        String name = "number ≥ " + format(min);
        return new SettingType<>(name, (what, s) -> {
            try {
                double value = Double.parseDouble(s);
                if (value >= min && Double.isFinite(value)) return value;
            } catch (NumberFormatException e) {
                // refused below
            }
            throw refused(what, s, "a " + name);
        }, SettingType::format);
    }

    /** A duration with its unit ({@code 30s}, {@code 5min}, {@code 7d}); zero is refused when {@code positive}. */
    public static SettingType<Duration> duration(boolean positive) {
        return new SettingType<>(positive ? "duration > 0" : "duration", (what, s) -> {
            Duration value = Durations.parse(what, s);
            if (value.isNegative() || (positive && value.isZero())) throw refused(what, s, positive ? "a duration above zero" : "a duration");
            return value;
        }, TimeUtils::formatWithHighestUnit);
    }

    /** One of an enum's constants, in any case. */
    public static <E extends Enum<E>> SettingType<E> oneOf(Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        return new SettingType<>(names, (what, s) -> {
            for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(s)) return e;
            throw refused(what, s, "one of " + names);
        }, e -> e.name().toLowerCase(Locale.ROOT));
    }

    private static IllegalArgumentException refused(String what, String text, String expected) {
        return new IllegalArgumentException(what + " is '" + text + "'; expected " + expected);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
