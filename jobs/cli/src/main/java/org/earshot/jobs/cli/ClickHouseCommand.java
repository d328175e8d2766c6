package org.earshot.jobs.cli;

import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.ClickHouseKeys;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.earshot.jobs.local.ClickHouseConnection;
import org.earshot.jobs.local.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code earshot clickhouse serve}: the embedded ClickHouse engine for any ClickHouse HTTP client. */
@Command(name = "clickhouse", mixinStandardHelpOptions = true,
        description = "Serve the embedded ClickHouse engine on 127.0.0.1, with a password, until Ctrl-C; print the schema's DDL.",
        subcommands = {ClickHouseCommand.Serve.class, ClickHouseCommand.Ddl.class})
final class ClickHouseCommand {

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serve the embedded ClickHouse engine (data in DATA/clickhouse) on 127.0.0.1 until Ctrl-C, for "
                                   + "the JDBC driver, curl or any ClickHouse HTTP client, as user default with the password in "
                                   + "DATA/secrets/clickhouse.password (made on first use), or clickhouse.password when set."})
    static final class Serve implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Option(names = "--port", defaultValue = "8123", paramLabel = "PORT", description = "Port (default: ${DEFAULT-VALUE}; 0 for any free one).")
        int port;

        @Override
        public Integer call() throws Exception {
            DataDirectory data = new DataDirectory(settings.data());
            var config = settings.config();
            if (config.isSet(ClickHouseKeys.URL)) {
                throw new IllegalArgumentException("clickhouse.url points at an external ClickHouse; there is nothing to serve");
            }
            ClickHouseConnection clickhouse = ClickHouseConnection.open(config, data, port);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                clickhouse.close();
                stopped.countDown();
            }, "earshot-clickhouse-shutdown"));
            String where = config.given(ClickHouseKeys.PASSWORD).map(EarshotConfig.Value::source).orElse(null) != null
                    ? ClickHouseKeys.PASSWORD.key() + " (" + config.given(ClickHouseKeys.PASSWORD).orElseThrow().source() + ")"
                    : data.secrets().file("clickhouse.password").toString();
            System.out.println("ClickHouse (embedded, data in " + data.clickhouse() + ") at "
                    + clickhouse.jdbcUrl().replace("jdbc:clickhouse:", "") + "  JDBC: " + clickhouse.jdbcUrl()
                    + "  user default, password in " + where + ".  Ctrl-C stops.");
            stopped.await();
            return 0;
        }
    }

    @Command(name = "ddl", mixinStandardHelpOptions = true,
            description = {"Print every statement of Earshot's ClickHouse migrations as jobs apply them: for one server, or with "
                    + "--cluster (or clickhouse.cluster) for a cluster, with Replicated tables on each shard, Distributed tables over "
                    + "them and ON CLUSTER, for review or to apply by hand. For example:",
                    "  earshot clickhouse ddl --cluster earshot > earshot-cluster.sql"})
    static final class Ddl implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Option(names = "--cluster", paramLabel = "NAME", description = "The cluster's name in remote_servers (default: clickhouse.cluster).")
        String cluster;

        @Override
        public Integer call() {
            var config = settings.config();
            if (cluster != null) config = config.with(ClickHouseKeys.CLUSTER, cluster, "--cluster");
            for (String statement : org.earshot.jobs.Migrations.migrator(config).statements()) System.out.println(statement + ";\n");
            return 0;
        }
    }
}
