package org.earshot.pipeline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.earshot.schemas.Json;

/**
 * The webhook receiver of {@code pipeline/src/test/js/receiver.mjs}, run with the machine's node: it checks every
 * signature with the Standard Webhooks JavaScript library, answers as its mode says, and reports each request. The
 * build installs it into the module's {@code target/js}.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final Process node;
    private final int port;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    /** @param mode {@code ok}, {@code fail:N}, {@code always:CODE} or {@code slow:MS} */
    public WebhookReceiver(String secret, String mode) throws IOException {
        Path js = Path.of("target", "js");
        if (!Files.isDirectory(js.resolve("node_modules/standardwebhooks"))) {
            throw new IllegalStateException("the build installs the receiver's library into target/js (npm ci)");
        }
        node = new ProcessBuilder(List.of("node", "receiver.mjs", secret, mode)).directory(js.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        if (first == null) throw new IOException("the receiver did not start");
        port = Json.mapper().readTree(first).path("port").asInt();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) requests.add(Json.mapper().readTree(line));
            } catch (IOException e) {
                // the receiver stopped
            }
        }, "webhook-receiver");
        reader.setDaemon(true);
        reader.start();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/earshot";
    }

    public List<JsonNode> requests() {
        return requests;
    }

    @Override
    public void close() throws InterruptedException {
        node.destroy();
        node.waitFor(10, TimeUnit.SECONDS);
    }
}
