package org.earshot.pipeline.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.earshot.pipeline.alerts.WebhookSignature;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.Fetched;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.schemas.Json;
import org.earshot.schemas.Publication;

/**
 * A publication to any system that takes a signed webhook: {@code {"type":"publication.due","data":{…}}} signed per
 * Standard Webhooks, its {@code webhook-id} the publication id on every attempt, so the receiver drops repeats by it.
 * Media travel inline, Base64, with their type and alt text. The receiver may answer {@code {"id":…,"url":…}}.
 */
final class WebhookOut implements Network {
    private final Account account;
    private final String secret;
    private final PoliteHttp http;

    WebhookOut(Account account, String secret, PoliteHttp http) {
        this.account = account;
        this.secret = secret;
        this.http = http;
    }

    @Override
    public Limits limits() {
        return Limits.WEBHOOK;
    }

    @Override
    public Sent publish(Publication p, List<MediaFile> media) throws PublishFailure, InterruptedException {
        ObjectNode event = Json.mapper().createObjectNode().put("type", "publication.due").put("timestamp", Instant.now().toString());
        ObjectNode data = Json.mapper().valueToTree(p);
        data.remove("media");
        for (MediaFile m : media) {
            data.withArray("media").addObject().put("type", m.type()).put("alt", m.alt()).put("base64", Base64.getEncoder().encodeToString(m.bytes()));
        }
        event.set("data", data);
        byte[] body = Json.toBytes(event);
        Fetched response;
        try {
            response = http.call(URI.create(account.server), WebhookSignature.headers(secret, p.id, Instant.now().getEpochSecond(), body),
                    "application/json", body);
        } catch (FetchException e) {
            throw PublishFailure.of(e);
        }
        if (response.status() < 200 || response.status() >= 300) {
            throw PublishFailure.ofStatus("webhook " + account.server, response.status(), null, PublishFailure.after(Fetched.retryAfter(response.header("retry-after"))));
        }
        try {
            JsonNode answer = response.body().length == 0 ? null : Json.mapper().readTree(response.body());
            if (answer != null && answer.hasNonNull("id")) return new Sent(answer.path("id").asText(), answer.path("url").asText(null));
        } catch (IOException notJson) {
            // a receiver need not answer with JSON
        }
        return new Sent(p.id, null);
    }
}
