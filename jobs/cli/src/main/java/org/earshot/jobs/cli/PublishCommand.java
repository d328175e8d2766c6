package org.earshot.jobs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.earshot.dashboards.Database;
import org.earshot.dashboards.publish.KnownMentions;
import org.earshot.jobs.local.ClickHouseConnection;
import org.earshot.jobs.local.DataDirectory;
import org.earshot.jobs.local.KafkaConnection;
import org.earshot.jobs.settings.EarshotConfig;
import org.earshot.jobs.settings.PublishKeys;
import org.earshot.pipeline.publish.Account;
import org.earshot.pipeline.publish.Accounts;
import org.earshot.pipeline.publish.PublicationBook;
import org.earshot.pipeline.publish.Publications;
import org.earshot.pipeline.settings.Durations;
import org.earshot.schemas.Json;
import org.earshot.schemas.Publication;
import org.earshot.schemas.PublicationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code earshot publish}: replies and posts on {@code earshot.publications}, which the Publish job sends when due,
 * and what became of them ({@code earshot.publications.results}).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Reply to mentions and schedule posts from your accounts (earshot accounts). The Publish job (earshot run publish, "
                + "or the demo) sends each once, when it is due."},
        subcommands = {PublishCommand.Reply.class, PublishCommand.Post.class, PublishCommand.ListPublications.class, PublishCommand.Cancel.class})
final class PublishCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    interface Work<T> {
        T run(PublicationBook book) throws Exception;
    }

    /** The publications of the configured Kafka or of the data directory's (started if it is not running). */
    static <T> T withBook(SettingsOptions settings, Work<T> work) throws Exception {
        EarshotConfig config = settings.config();
        try (KafkaConnection kafka = KafkaConnection.open(config, new DataDirectory(settings.data()))) {
            return work.run(new PublicationBook(kafka.settings(), new Accounts(AccountsCommand.file(config, settings.data())), config.get(PublishKeys.GRACE)));
        }
    }

    /** What a reply and a post share: the account, the time, media, visibility, a dry run. */
    abstract static class Compose implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Option(names = "--account", required = true, paramLabel = "NAME", description = "The account it goes out from (earshot accounts list).")
        String account;

        @Option(names = "--at", paramLabel = "TIME",
                description = "When it goes out: an ISO time (2026-12-04T09:00:00Z), a local one (2026-12-04T09:00, in --zone), or +DURATION (+2h). Default: at once.")
        String at;

        @Option(names = "--zone", paramLabel = "ZONE", description = "The time zone of a local --at (default: this machine's).")
        ZoneId zone;

        @Option(names = "--media", paramLabel = "FILE", description = "An image to attach (repeatable; JPEG, PNG, GIF or WebP).")
        List<Path> media = new ArrayList<>();

        @Option(names = "--alt", paramLabel = "TEXT", description = "Alt text for each --media, in order (repeatable).")
        List<String> alt = new ArrayList<>();

        @Option(names = "--visibility", paramLabel = "V", description = "Mastodon: public, unlisted, private or direct.")
        String visibility;

        @Option(names = "--dry-run", description = "Check everything and show the publication that would be sent; send nothing.")
        boolean dryRun;

        abstract String mention();

        abstract String text();

        @Override
        public Integer call() throws Exception {
            Instant now = Instant.now();
            Publication p = Publications.of(account, null, text(), mention(), when(at, zone, now), System.getProperty("user.name", "earshot"), now);
            p.visibility = visibility;
            for (int i = 0; i < media.size(); i++) p.media.add(new Publication.Media(media.get(i).toAbsolutePath().toString(), null, i < alt.size() ? alt.get(i) : null));
            Predicate<String> known = mention() == null ? null : this::mentionExists;
            return withBook(settings, book -> {
                if (dryRun) {
                    Account a = book.check(p, known, now);
                    System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(p));
                    System.out.printf("Dry run: would go to %s %s; nothing sent.%n", a, p.scheduledAt == null ? "at once" : "at " + p.scheduledAt);
                    return 0;
                }
                book.schedule(p, known, now);
                System.out.printf("Scheduled %s from %s %s. earshot publish list shows what became of it; earshot publish cancel %s stops it.%n",
                        p.id, p.account, p.scheduledAt == null ? "to go out at once" : "for " + p.scheduledAt, p.id);
                return 0;
            });
        }

        private boolean mentionExists(String id) {
            EarshotConfig config = settings.config();
            try (ClickHouseConnection clickhouse = ClickHouseConnection.open(config, new DataDirectory(settings.data()), 0)) {
                clickhouse.migrate(config);
                return new KnownMentions(new Database(clickhouse::connect)).mentionExists(id);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot look up mention " + id + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@code --at}: an instant, a local time in {@code zone}, or {@code +DURATION} from now; null stays null. */
    static Instant when(String at, ZoneId zone, Instant now) {
        if (at == null) return null;
        String t = at.strip();
        if (t.startsWith("+")) return now.plus(Durations.parse("--at", t.substring(1)));
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(t).atZone(zone != null ? zone : ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--at '" + at + "' is no time: use 2026-12-04T09:00:00Z, 2026-12-04T09:00 or +2h");
            }
        }
    }

    @Command(name = "reply", mixinStandardHelpOptions = true,
            description = {"Reply to a mention, for example:",
                    "  earshot publish reply 'mastodon:mastodon.social/1133' 'Thanks, a fix ships today.' --account brand",
                    "  earshot publish reply 'bluesky:at://did:plc:…/app.bsky.feed.post/3l…' 'We are on it.' --account brand-sky --at +30m",
                    "The mention must be one Earshot holds (earshot search finds its id) and on the account's network."})
    static final class Reply extends Compose {
        @Parameters(index = "0", paramLabel = "MENTION", description = "The mention's id.")
        String mention;

        @Parameters(index = "1", paramLabel = "TEXT", description = "The reply.")
        String text;

        @Override
        String mention() {
            return mention;
        }

        @Override
        String text() {
            return text;
        }
    }

    @Command(name = "post", mixinStandardHelpOptions = true,
            description = {"Post (now or later) from an account, for example:",
                    "  earshot publish post 'Maintenance tonight from 22:00 UTC.' --account brand --at 2026-12-04T18:00:00Z"})
    static final class Post extends Compose {
        @Parameters(index = "0", paramLabel = "TEXT", description = "The post.")
        String text;

        @Override
        String mention() {
            return null;
        }

        @Override
        String text() {
            return text;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List publications, newest first, with their status: scheduled, posted (with its link), failed (with why) or cancelled.")
    static final class ListPublications implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Option(names = "--status", paramLabel = "STATUS", description = "Only scheduled, posted, failed or cancelled ones.")
        String status;

        @Option(names = "--json", description = "One JSON object per publication per line instead of a table.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (status != null && !List.of("scheduled", "posted", "failed", "cancelled").contains(status)) {
                throw new IllegalArgumentException("--status must be scheduled, posted, failed or cancelled");
            }
            return withBook(settings, book -> {
                PrintStream out = System.out;
                int n = 0;
                for (PublicationBook.Listed l : book.list()) {
                    if (status != null && !status.equals(l.status())) continue;
                    n++;
                    if (json) {
                        out.println(Json.toString(l.describe()));
                        continue;
                    }
                    Publication p = l.publication();
                    PublicationResult r = l.result();
                    String outcome = r == null ? (p.scheduledAt == null ? "" : "at " + p.scheduledAt) : r.url != null ? r.url : r.error != null ? r.error : "";
                    out.printf("%s  %-9s  %-16s  %-40s  %s%n", p.id, l.status(), p.account, abbreviate(p.text, 40), outcome);
                }
                System.err.printf("%,d publications%n", n);
                return 0;
            });
        }
    }

    private static String abbreviate(String s, int n) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        return one.length() <= n ? one : one.substring(0, n - 1) + "…";
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a publication that has not gone out yet.")
    static final class Cancel implements Callable<Integer> {
        @Mixin
        SettingsOptions settings;

        @Parameters(paramLabel = "ID", description = "The publication's id (pub_…), as earshot publish list shows it.")
        String id;

        @Override
        public Integer call() throws Exception {
            return withBook(settings, book -> {
                try {
                    book.cancel(id);
                    System.out.println("Cancelled " + id + ". earshot publish list shows it cancelled once the Publish job has read it"
                            + " (a post already on its way still goes out).");
                    return 0;
                } catch (IllegalStateException e) {
                    System.err.println("earshot: " + e.getMessage());
                    return 2;
                }
            });
        }
    }
}
