package org.earshot.pipeline.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.earshot.pipeline.mail.Mailer;
import org.earshot.schemas.Json;
import org.earshot.schemas.Notification;

/**
 * What a notification says on each channel. The words come from Mustache templates ({@code email.html},
 * {@code email.txt}, {@code slack.md}, {@code teams.md}); an admin replaces any of them by putting a file of the same
 * name ({@code slack.md.mustache}, …) in the directory {@code alerts.templates} names. The shapes around them are each
 * channel's own: a Standard Webhooks event, Slack blocks with a text fallback, a Teams message with an Adaptive Card,
 * a mail with text and HTML parts.
 */
public final class Messages {
    static final String[] TEMPLATES = {"email.html", "email.txt", "slack.md", "teams.md"};
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Map<String, Mustache> templates = new HashMap<>();

    /** The bundled templates, each replaced by a file in {@code overrides} (may be null) where one is there. */
    public Messages(Path overrides) {
        for (String name : TEMPLATES) {
            MustacheFactory factory = name.equals("email.html") ? new DefaultMustacheFactory() : name.equals("slack.md") ? new SlackFactory() : new PlainFactory();
            try (Reader source = source(overrides, name + ".mustache")) {
                templates.put(name, factory.compile(source, name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the alert template " + name, e);
            }
        }
    }

    /** The links a message carries: into the dashboard, and to acknowledge. Either may be null. */
    public record Links(String dashboard, String acknowledge) {}

    /** The Standard Webhooks event: {@code type}, {@code timestamp} and the notification as {@code data}, without its channels. */
    public byte[] webhook(Notification n, Links links, Instant now) {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("type", eventType(n));
        event.put("timestamp", now.toString());
        ObjectNode data = Json.mapper().valueToTree(n);
        data.remove("channels");
        if (links.dashboard() != null) data.put("dashboardUrl", links.dashboard());
        if (links.acknowledge() != null) data.put("acknowledgeUrl", links.acknowledge());
        event.set("data", data);
        return Json.toBytes(event);
    }

    /** Slack incoming webhook: a header, the body in mrkdwn, buttons; {@code text} is the fallback for notifications. */
    public byte[] slack(Notification n, Links links) {
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("text", n.title + ": " + n.summary);
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", limit(n.title, 150)).put("emoji", true);
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", limit(render("slack.md", n, links).strip(), 3000));
        ArrayNode buttons = Json.mapper().createArrayNode();
        if (links.dashboard() != null) buttons.addObject().put("type", "button").put("url", links.dashboard())
                .putObject("text").put("type", "plain_text").put("text", "Open in Earshot");
        if (links.acknowledge() != null) buttons.addObject().put("type", "button").put("url", links.acknowledge())
                .putObject("text").put("type", "plain_text").put("text", "Acknowledge");
        if (!buttons.isEmpty()) blocks.addObject().put("type", "actions").set("elements", buttons);
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", "Earshot · " + n.subscriptionName + " · " + WHEN.format(n.at));
        return Json.toBytes(message);
    }

    /** Teams workflow webhook: a message with one Adaptive Card (1.4): title, body, the figures as facts, link actions. */
    public byte[] teams(Notification n, Links links) {
        ObjectNode message = Json.mapper().createObjectNode();
        message.put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", n.title).put("weight", "Bolder").put("size", "Medium").put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", render("teams.md", n, links).strip()).put("wrap", true);
        if (!n.figures.isEmpty()) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            n.figures.forEach((name, value) -> facts.addObject().put("title", name).put("value", number(value)));
        }
        ArrayNode actions = card.putArray("actions");
        if (links.dashboard() != null) actions.addObject().put("type", "Action.OpenUrl").put("title", "Open in Earshot").put("url", links.dashboard());
        if (links.acknowledge() != null) actions.addObject().put("type", "Action.OpenUrl").put("title", "Acknowledge").put("url", links.acknowledge());
        return Json.toBytes(message);
    }

    /** A mail with text and HTML parts; its Message-ID is made from the notification's id, so a repeat is the same mail. */
    public Mailer.Mail email(Notification n, Links links, List<String> to) {
        return Mailer.Mail.of(to, "[Earshot] " + n.title, render("email.txt", n, links), render("email.html", n, links),
                "<" + n.id + "@earshot>");
    }

    static String eventType(Notification n) {
        return switch (n.kind) {
            case Conditions.EVERY_MATCH -> "mentions.matched";
            case Conditions.DIGEST -> "digest.sent";
            default -> "COMPLETED".equals(n.state) ? "alert.completed" : "alert.raised";
        };
    }

    String render(String template, Notification n, Links links) {
        StringWriter out = new StringWriter();
        templates.get(template).execute(out, scope(n, links));
        return out.toString();
    }

    /** What templates can say: every field by name, the figures and mentions as lists, the links. */
    static Map<String, Object> scope(Notification n, Links links) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("id", n.id);
        scope.put("title", n.title);
        scope.put("summary", n.summary);
        scope.put("kind", n.kind);
        scope.put("state", n.state);
        scope.put("subscription", n.subscriptionName);
        scope.put("at", WHEN.format(n.at));
        if (n.windowStart != null && n.windowEnd != null && !n.windowStart.equals(n.windowEnd)) {
            scope.put("window", WHEN.format(n.windowStart) + " to " + WHEN.format(n.windowEnd));
        }
        List<Map<String, Object>> figures = new ArrayList<>();
        n.figures.forEach((name, value) -> figures.add(Map.of("name", name, "value", number(value))));
        scope.put("figures", figures);
        scope.put("hasFigures", !figures.isEmpty());
        List<Map<String, Object>> mentions = new ArrayList<>();
        for (Notification.Brief m : n.mentions) {
            Map<String, Object> mention = new HashMap<>();
            mention.put("network", m.network);
            mention.put("author", m.author == null ? "someone" : m.author);
            mention.put("text", m.text);
            mention.put("url", m.url);
            mention.put("sentiment", m.sentiment);
            mention.put("reach", m.reach);
            mention.put("published", m.publishedAt == null ? "" : WHEN.format(m.publishedAt));
            mentions.add(mention);
        }
        scope.put("mentions", mentions);
        scope.put("hasMentions", !mentions.isEmpty());
        Double total = n.figures.get("mentions");
        long more = Conditions.EVERY_MATCH.equals(n.kind) && total != null ? Math.max(0, total.longValue() - mentions.size()) : 0;
        if (more > 0) scope.put("more", more);
        scope.put("terms", n.terms);
        scope.put("hasTerms", !n.terms.isEmpty());
        scope.put("dashboardLink", links.dashboard());
        scope.put("ackLink", links.acknowledge());
        return scope;
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String limit(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static Reader source(Path overrides, String file) throws IOException {
        if (overrides != null && Files.isRegularFile(overrides.resolve(file))) {
            return new StringReader(Files.readString(overrides.resolve(file), StandardCharsets.UTF_8));
        }
        InputStream in = Messages.class.getResourceAsStream("/alerts/templates/" + file);
        if (in == null) throw new IOException("the bundled template " + file + " is missing");
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** Text as it is: mail's text part and Teams' markdown. */
    private static final class PlainFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Slack's mrkdwn: only {@code & < >} are escaped, as Slack asks. */
    private static final class SlackFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
