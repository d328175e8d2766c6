package org.earshot.jobs.cli;

import java.util.concurrent.Callable;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.access.Role;
import org.earshot.dashboards.access.Tokens;
import org.earshot.jobs.local.ClickHouseConnection;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.settings.EarshotConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot tokens create|list|revoke}: the dashboards' API tokens, kept hashed in ClickHouse. */
@Command(name = "tokens", mixinStandardHelpOptions = true, subcommands = {TokensCommand.Create.class, TokensCommand.List.class, TokensCommand.Revoke.class},
        description = "API tokens for the dashboards: viewer (reads), editor (also writes rules and projects), admin (also manages tokens). "
                + "Only a hash of each is kept, in ClickHouse's api_tokens, shared by every dashboards server on it.")
final class TokensCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** What every subcommand works on: the tokens of the configured ClickHouse, or of this data directory's. */
    interface Work<T> {
        T run(Tokens tokens) throws Exception;
    }

    static <T> T withTokens(SettingsOptions settings, Work<T> work) throws Exception {
        EarshotConfig config = settings.config();
        DataDirectory data = new DataDirectory(settings.data());
        try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config, data, 0)) {
            clickhouse.migrate(config);
            return work.run(new Tokens(new Database(clickhouse::connect)));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Make a token and print it: it is shown this once and kept nowhere.")
    static final class Create implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "viewer, editor or admin.")
        String role;

        @Option(names = "--name", defaultValue = "token", paramLabel = "NAME", description = "Whose or what it is for, as listed (default: ${DEFAULT-VALUE}).")
        String name;

        @Override
        public Integer call() throws Exception {
            Role r = Role.of(role);
            Tokens.Created made = withTokens(settings, tokens -> tokens.create(name, r));
            System.err.println("Made " + made.token().id() + " (" + r.id() + ", \"" + made.token().name() + "\"). The token, shown this once:");
            System.out.println(made.secret());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every token: id, role, name, when made, whether revoked; never the token.")
    static final class List implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Override
        public Integer call() throws Exception {
            java.util.List<Tokens.Token> all = withTokens(settings, Tokens::list);
            if (all.isEmpty()) System.out.println("no tokens yet (earshot tokens create --role viewer makes one)");
            for (Tokens.Token t : all) {
                System.out.printf("%-16s %-7s %-8s %s  %s%n", t.id(), t.role().id(), t.revoked() ? "revoked" : "live", t.createdAt(), t.name());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id (from list); every server refuses it within seconds.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(paramLabel = "ID", description = "The token's id, e.g. tok_AbC…")
        String id;

        @Override
        public Integer call() throws Exception {
            if (!withTokens(settings, tokens -> tokens.revoke(id))) {
                System.err.println("earshot: no token " + id + " (earshot tokens list shows them)");
                return 1;
            }
            System.out.println("revoked " + id);
            return 0;
        }
    }
}
