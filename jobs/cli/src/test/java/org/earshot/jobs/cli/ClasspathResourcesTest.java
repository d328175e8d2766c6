package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.earshot.dashboards.server.DashboardServer;
import org.earshot.jobs.ListenJob;
import org.earshot.local.FreePorts;
import org.earshot.pipeline.text.Scan;
import org.earshot.schemas.Json;
import org.junit.jupiter.api.Test;

/**
 * The command line runs with every jar Earshot needs on one classpath, Flink's web UI among them, and a resource is
 * found in whichever jar comes first. A file of Earshot's own under a name another jar also has is a coin toss: the
 * dashboard's {@code web/index.html} lost it to Flink's, and the demo served Flink's UI at {@code /}. So every file
 * Earshot's modules ship (not classes, not {@code META-INF}) must be found once on this classpath, the command
 * line's.
 */
class ClasspathResourcesTest {
    /** A class of each of Earshot's modules, which says where that module lies on the classpath. */
    private static final List<Class<?>> MODULES = List.of(Json.class, Scan.class, ListenJob.class, FreePorts.class,
            DashboardServer.class, Earshot.class);

    @Test
    void everyFileEarshotShipsIsFoundOnceOnTheCommandLinesClasspath() throws Exception {
        ClassLoader loader = Earshot.class.getClassLoader();
        List<String> files = new ArrayList<>();
        for (Class<?> module : MODULES) files.addAll(filesOf(module));
        assertThat(files).as("the page, the models, the migrations, the topics' schemas").contains(
                DashboardServer.PAGE_FILES.substring(1) + "/index.html", "models/sentiment-en.bin", "clickhouse/V001__mentions.sql");
        List<String> shadowed = new ArrayList<>();
        for (String file : files) {
            List<URL> found = Collections.list(loader.getResources(file));
            if (found.size() != 1) shadowed.add(file + " " + found);
        }
        assertThat(shadowed).isEmpty();
        assertThat(loader.getResource("web/index.html")).as("Flink's web UI is on this classpath: the case this guards").isNotNull();
    }

    /** The files a module ships, by their names on the classpath: from its jar, or its folder of classes. */
    private static List<String> filesOf(Class<?> module) throws IOException, URISyntaxException {
        Path at = Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(at)) {
            try (Stream<Path> all = Files.walk(at)) {
                return all.filter(Files::isRegularFile).map(p -> at.relativize(p).toString().replace('\\', '/'))
                        .filter(ClasspathResourcesTest::shipped).toList();
            }
        }
        try (JarFile jar = new JarFile(at.toFile())) {
            return jar.stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).filter(ClasspathResourcesTest::shipped).toList();
        }
    }

    private static boolean shipped(String name) {
        return !name.endsWith(".class") && !name.startsWith("META-INF/");
    }
}
