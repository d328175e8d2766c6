package org.earshot.jobs.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.LocalServices;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.PublishKeys;
import org.earshot.pipeline.publish.Account;
import org.earshot.pipeline.publish.Accounts;
import org.earshot.pipeline.publish.Credentials;
import org.earshot.schemas.Json;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot accounts}: the accounts Earshot publishes from, in the accounts file the Publish job reads. */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = {"The accounts replies and posts go out from (Mastodon, Bluesky, or a signed webhook). The accounts file "
                + "(publish.accounts, else DATA/accounts.json) names where each secret is; it never holds one in the clear."},
        subcommands = {AccountsCommand.Add.class, AccountsCommand.ListAccounts.class, AccountsCommand.Remove.class})
final class AccountsCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The accounts file of this configuration: {@code publish.accounts}, else the data directory's. */
    static Path file(EarshotConfig config, Path data) {
        return LocalServices.accountsFile(config, new DataDirectory(data));
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add an account (or replace the one of the same name), for example:",
                    "  earshot accounts add mastodon brand --server https://mastodon.social --token-env MASTODON_TOKEN",
                    "  earshot accounts add bluesky brand-sky --handle brand.bsky.social --password-file ~/.config/bsky-app-password",
                    "  echo \"$TOKEN\" | EARSHOT_PUBLISH_ACCOUNTS_KEY=… earshot accounts add mastodon brand --server https://mastodon.social --token-stdin",
                    "  earshot accounts add webhook cms --server https://cms.example.com/hooks/earshot --secret-env CMS_WEBHOOK_SECRET",
                    "The secret is read from an environment variable or a file when the job posts, or read from standard input now "
                            + "and stored encrypted with the accounts key (publish.accounts-key). It is never printed."})
    static final class Add implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(index = "0", paramLabel = "NETWORK", description = "mastodon, bluesky or webhook.")
        String network;

        @Parameters(index = "1", paramLabel = "NAME", description = "The account's name in Earshot (letters, digits, '.', '_', '-').")
        String name;

        @Option(names = "--server", paramLabel = "URL",
                description = "The Mastodon instance, the Bluesky PDS (default: https://bsky.social), or the webhook URL.")
        String server;

        @Option(names = "--handle", paramLabel = "HANDLE", description = "Bluesky: the handle (or DID) to sign in as.")
        String handle;

        static final class Secret {
            @Option(names = {"--token-env", "--password-env", "--secret-env"}, required = true, paramLabel = "VAR",
                    description = "The environment variable that holds the Mastodon token, the Bluesky app password or the webhook secret.")
            String env;

            @Option(names = {"--token-file", "--password-file", "--secret-file"}, required = true, paramLabel = "FILE",
                    description = "A file whose first line is the secret.")
            Path file;

            @Option(names = {"--token-stdin", "--password-stdin", "--secret-stdin"}, required = true,
                    description = "Read the secret from standard input and store it encrypted with the accounts key.")
            boolean stdin;
        }

        @ArgGroup(multiplicity = "1")
        Secret secret;

        @Option(names = "--visibility", paramLabel = "V", description = "Mastodon: public, unlisted, private or direct for posts that do not say.")
        String visibility;

        @Option(names = "--allow-private", description = "Let the server be on a private or loopback address (a local instance).")
        boolean allowPrivate;

        @Override
        public Integer call() throws Exception {
            EarshotConfig config = settings.config();
            Account a = new Account();
            a.name = name;
            a.network = network;
            a.server = server != null ? server : "bluesky".equals(network) ? "https://bsky.social" : null;
            a.identifier = handle;
            a.visibility = visibility;
            a.privateAllowed = allowPrivate;
            if (secret.env != null) a.credential = "env:" + secret.env;
            else if (secret.file != null) a.credential = "file:" + secret.file.toAbsolutePath();
            else a.credential = Credentials.encrypt(readSecret(), config.find(PublishKeys.ACCOUNTS_KEY).orElse(null));
            Accounts accounts = new Accounts(file(config, settings.data()));
            accounts.put(a);
            System.out.printf("Added %s to %s.%n", a, accounts.file());
            return 0;
        }

        private static String readSecret() throws java.io.IOException {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) throw new IllegalArgumentException("--token-stdin: standard input had no secret");
            return line.strip();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts: name, network, server and where the secret is (never the secret).")
    static final class ListAccounts implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Option(names = "--json", description = "One account JSON object per line instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            List<Account> all = new Accounts(file(settings.config(), settings.data())).all();
            for (Account a : all) {
                String where = a.credential.startsWith("encrypted:") ? "encrypted" : a.credential;
                if (json) {
                    Account shown = Json.mapper().convertValue(a, Account.class);
                    shown.credential = where;
                    System.out.println(Json.toString(shown));
                } else {
                    System.out.printf("%-20s  %-9s  %-40s  %s%n", a.name, a.network, a.server, where);
                }
            }
            System.err.printf("%,d accounts%n", all.size());
            return 0;
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove an account; its scheduled posts then fail, saying so.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(paramLabel = "NAME", description = "The account's name.")
        String name;

        @Override
        public Integer call() throws Exception {
            if (!new Accounts(file(settings.config(), settings.data())).remove(name)) throw new IllegalArgumentException("no account '" + name + "'");
            System.out.println("Removed " + name + ".");
            return 0;
        }
    }
}
