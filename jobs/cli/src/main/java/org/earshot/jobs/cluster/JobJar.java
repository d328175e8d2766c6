package org.earshot.jobs.cluster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.earshot.jobs.IngestJob;
import org.earshot.jobs.ListenJob;
import org.earshot.jobs.PublishJob;
import org.earshot.jobs.ReplayJob;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.KafkaKeys;
import org.earshot.jobs.settings.Setting;
import org.earshot.jobs.settings.SettingsCatalog;

/** The cluster jar's jobs, by the name a user gives them, and how a job's settings become its arguments. */
public enum JobJar {
    LISTEN(ListenJob.class, ListenJob.NAME),
    INGEST(IngestJob.class, IngestJob.NAME),
    REPLAY(ReplayJob.class, ReplayJob.NAME),
    PUBLISH(PublishJob.class, PublishJob.NAME);

    /** The jar {@code mvn package} builds beside the command line's. */
    static final String FILE = "flink/target/earshot-jobs-flink.jar";

    private final Class<?> main;
    private final String jobName;

    JobJar(Class<?> main, String jobName) {
        this.main = main;
        this.jobName = jobName;
    }

    public String entryClass() {
        return main.getName();
    }

    /** The name the job runs under on the cluster, e.g. {@code earshot-listen}. */
    public String jobName() {
        return jobName;
    }

    /** The job called {@code name} ({@code listen}, {@code ingest}, …), or an IllegalArgumentException listing them. */
    public static JobJar named(String name) {
        for (JobJar job : values()) {
            if (job.name().equalsIgnoreCase(name) || job.jobName.equals(name)) return job;
        }
        throw new IllegalArgumentException("no job '" + name + "'; the cluster jar has " + String.join(", ",
                java.util.Arrays.stream(values()).map(j -> j.name().toLowerCase(Locale.ROOT)).toList()));
    }

    /** The cluster jar built beside this command line ({@code jobs/flink/target/earshot-jobs-flink.jar}), if it was built. */
    public static Optional<Path> built() {
        try {
            Path at = Path.of(JobJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = at.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(FILE))) return Optional.of(dir.resolve(FILE));
            }
            return Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The job's arguments ({@code --key value}, as {@code flink run} passes them) from every setting given, except
     * secrets: those reach a job on a cluster as {@code EARSHOT_*} variables of its JobManager, never as arguments, which
     * Flink shows and keeps.
     */
    public static List<String> arguments(EarshotConfig config) {
        List<String> args = new ArrayList<>();
        config.given().forEach((key, value) -> {
            if (!secret(key)) {
                args.add("--" + key);
                args.add(value.text());
            }
        });
        return args;
    }

    /** The given settings {@link #arguments} leaves out. */
    public static List<String> secretsLeftOut(EarshotConfig config) {
        return config.given().keySet().stream().filter(JobJar::secret).toList();
    }

    private static boolean secret(String key) {
        if (key.startsWith(KafkaKeys.CLIENT.stem())) {
            String property = key.substring(KafkaKeys.CLIENT.stem().length());
            return property.contains("jaas") || property.contains("password") || property.contains("secret");
        }
        return SettingsCatalog.find(key).map(Setting::secret).orElse(false);
    }
}
