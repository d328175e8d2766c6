package org.earshot.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.MultiPartRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MultiPart;

/**
 * A Flink cluster's REST API (the JobManager's {@code /jars}, {@code /jobs} and {@code /taskmanagers}), the same one
 * its web UI and {@code flink} command use: upload a job jar and run a job from it, list jobs, cancel, take a savepoint,
 * stop with one. Every call has a deadline; a refusal is an IllegalStateException with Flink's own reason.
 */
public final class FlinkRest implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The states a job never leaves. */
    private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED");

    /** One job as the JobManager lists it. */
    public record Job(String id, String name, String state, long startTime) {}

    private final URI base;
    private final HttpClient http = new HttpClient();

    /** A client of the JobManager at {@code address}: {@code HOST:PORT} or {@code http://HOST:PORT}. */
    public FlinkRest(String address) {
        this.base = URI.create(address.contains("://") ? address : "http://" + address);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an HTTP client: " + e.getMessage(), e);
        }
    }

    public URI address() {
        return base;
    }

    /** Uploads a job jar; returns the id the cluster knows it by. */
    public String upload(Path jar) {
        MultiPartRequestContent form = new MultiPartRequestContent();
        form.addPart(new MultiPart.PathPart("jarfile", jar.getFileName().toString(),
                HttpFields.build().put(HttpHeader.CONTENT_TYPE, "application/x-java-archive"), jar));
        form.close();
        JsonNode answer = send(http.newRequest(base.resolve("/jars/upload")).method(HttpMethod.POST).body(form), "upload " + jar.getFileName());
        String file = answer.path("filename").asText();
        return Path.of(file).getFileName().toString();
    }

    /**
     * Runs {@code entryClass} from an uploaded jar with {@code arguments}, from {@code savepoint} when one is given, at
     * {@code parallelism} (null: the cluster's default); returns the job's id. The job's {@code main} runs in the JobManager.
     */
    public String run(String jarId, String entryClass, List<String> arguments, String savepoint, Integer parallelism) {
        ObjectNode body = JSON.createObjectNode().put("entryClass", entryClass);
        if (parallelism != null) body.put("parallelism", parallelism);
        body.putArray("programArgsList").addAll(arguments.stream().map(a -> JSON.getNodeFactory().textNode(a)).toList());
        if (savepoint != null) body.put("savepointPath", savepoint).put("allowNonRestoredState", false);
        return send(post("/jars/" + jarId + "/run", body), "run " + entryClass).path("jobid").asText();
    }

    /** Every job the cluster knows, running or finished, newest first. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode job : send(get("/jobs/overview"), "list jobs").path("jobs")) {
            jobs.add(new Job(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(), job.path("start-time").asLong()));
        }
        jobs.sort((a, b) -> Long.compare(b.startTime(), a.startTime()));
        return jobs;
    }

    /** One job's state ({@code RUNNING}, {@code RESTARTING}, {@code FINISHED}, …). */
    public String state(String jobId) {
        return send(get("/jobs/" + jobId), "read job " + jobId).path("state").asText();
    }

    /** When the job last began restarting after a failure (epoch milliseconds), or 0 if it never has. */
    public long lastRestart(String jobId) {
        return send(get("/jobs/" + jobId), "read job " + jobId).path("timestamps").path("RESTARTING").asLong();
    }

    /** The TaskManagers (their resource ids) that run a task of the job now. */
    public Set<String> taskManagersOf(String jobId) {
        Set<String> hosts = new TreeSet<>();
        for (JsonNode vertex : send(get("/jobs/" + jobId), "read job " + jobId).path("vertices")) {
            String path = "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText() + "/taskmanagers";
            for (JsonNode host : send(get(path), "read where job " + jobId + " runs").path("taskmanagers")) {
                if (host.path("status").asText().equals("RUNNING")) hosts.add(host.path("taskmanager-id").asText());
            }
        }
        return hosts;
    }

    /** The job's checkpoint statistics, as {@code /jobs/ID/checkpoints} gives them. */
    public JsonNode checkpoints(String jobId) {
        return send(get("/jobs/" + jobId + "/checkpoints"), "read job " + jobId + "'s checkpoints");
    }

    /** TaskManagers registered with the JobManager. */
    public int taskManagers() {
        return send(get("/overview"), "read the cluster's overview").path("taskmanagers").asInt();
    }

    public void cancel(String jobId) {
        send(http.newRequest(base.resolve("/jobs/" + jobId + "?mode=cancel")).method(HttpMethod.PATCH), "cancel " + jobId);
    }

    /** Takes a savepoint into {@code directory} (the cluster's default when null) and returns its path once written. */
    public String savepoint(String jobId, String directory, Duration timeout) {
        ObjectNode body = JSON.createObjectNode().put("cancel-job", false);
        if (directory != null) body.put("target-directory", directory);
        String trigger = send(post("/jobs/" + jobId + "/savepoints", body), "savepoint " + jobId).path("request-id").asText();
        return awaitSavepoint(jobId, trigger, timeout);
    }

    /**
     * Stops the job with a savepoint (sources first, so nothing is in flight) and returns the savepoint's path once the
     * job has finished too: the savepoint is written a moment before the job's sinks have committed it and let go of
     * their transactions, and a job started from it meanwhile would run beside the one stopping.
     */
    public String stopWithSavepoint(String jobId, String directory, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ObjectNode body = JSON.createObjectNode().put("drain", false);
        if (directory != null) body.put("targetDirectory", directory);
        String trigger = send(post("/jobs/" + jobId + "/stop", body), "stop " + jobId).path("request-id").asText();
        String savepoint = awaitSavepoint(jobId, trigger, timeout);
        for (String state = state(jobId); !TERMINAL.contains(state); state = state(jobId)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + jobId + " was still " + state + " " + timeout + " after its stop began");
            }
            pause();
        }
        return savepoint;
    }

    private String awaitSavepoint(String jobId, String trigger, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode answer = send(get("/jobs/" + jobId + "/savepoints/" + trigger), "read savepoint " + trigger);
            if (answer.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = answer.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException("the savepoint of job " + jobId + " failed: "
                            + operation.path("failure-cause").path("stack-trace").asText("").lines().findFirst().orElse("no reason given"));
                }
                return operation.path("location").asText();
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("the savepoint of job " + jobId + " was not done within " + timeout);
            pause();
        }
    }

    private Request get(String path) {
        return http.newRequest(base.resolve(path)).method(HttpMethod.GET);
    }

    private Request post(String path, JsonNode body) {
        return http.newRequest(base.resolve(path)).method(HttpMethod.POST).body(new StringRequestContent("application/json", body.toString()));
    }

    private JsonNode send(Request request, String what) {
        ContentResponse response;
        try {
            response = request.timeout(2, TimeUnit.MINUTES).send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot " + what + ": the JobManager at " + base + " does not answer (" + e.getMessage() + ")", e);
        }
        JsonNode body;
        try {
            body = response.getContent().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.getContent());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot " + what + ": the JobManager at " + base + " answered " + response.getStatus() + " with no JSON");
        }
        if (response.getStatus() >= 400) {
            throw new IllegalStateException("cannot " + what + ": the JobManager answered " + response.getStatus() + ": " + reason(body));
        }
        return body;
    }

    /** Flink's errors: a list of messages, of which the first line of each says it; the rest is a stack trace. */
    private static String reason(JsonNode body) {
        List<String> lines = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            error.asText().lines().filter(l -> !l.isBlank() && !l.startsWith("\t") && !l.startsWith("at ")).limit(3).forEach(lines::add);
        }
        return lines.isEmpty() ? body.toString() : String.join(" / ", lines);
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // closing only
        }
    }
}
