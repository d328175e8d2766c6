package org.earshot.jobs.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A statement's answer in one of ClickHouse's own output formats (CSVWithNames, JSONEachRow,
 * Parquet, …), streamed as ClickHouse writes it: what {@code earshot sql --format} and {@code
 * earshot export} print or save. Over ClickHouse's HTTP interface rather than JDBC, because the
 * driver reads one binary format only; the same URL, user and password as the driver's.
 */
public final class ClickHouseOutput {
    private final URI base;
    private final String database;
    private final String user;
    private final String password;
    private final HttpClient http;

    private ClickHouseOutput(URI base, String database, String user, String password, HttpClient http) {
        this.base = base;
        this.database = database;
        this.user = user;
        this.password = password;
        this.http = http;
    }

    /**
     * The HTTP interface behind a JDBC URL ({@code jdbc:clickhouse:http://host:8123/db?…}), over
     * TLS for {@code https}, trusting the URL's {@code sslrootcert} as the driver does, or else the
     * JVM's trust store.
     */
    public static ClickHouseOutput of(ClickHouseConnection clickhouse) throws IOException, GeneralSecurityException {
        URI url = URI.create(clickhouse.jdbcUrl().replaceFirst("^jdbc:(clickhouse|ch):", ""));
        String database = url.getPath() == null || url.getPath().length() <= 1 ? "default" : url.getPath().substring(1);
        URI base = URI.create(url.getScheme() + "://" + url.getRawAuthority() + "/");
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        Optional<String> rootCertificate = parameter(url, "sslrootcert");
        if (rootCertificate.isPresent()) http.sslContext(trusting(Path.of(rootCertificate.get())));
        return new ClickHouseOutput(base, database, clickhouse.user(), clickhouse.password(), http.build());
    }

    private static Optional<String> parameter(URI url, String name) {
        if (url.getRawQuery() == null) return Optional.empty();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** TLS that trusts the certificates in a PEM file alone. */
    private static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Runs {@code sql} (a FORMAT clause in it wins over {@code format}) with {@code params} bound
     * to its {@code {name:Type}} placeholders, and copies the answer to {@code out} as it arrives.
     *
     * @return the bytes written
     * @throws SQLException with ClickHouse's code and message when the statement fails
     */
    public long write(String sql, String format, Map<String, String> params, OutputStream out) throws SQLException, IOException, InterruptedException {
        String query = "?database=" + encode(database) + "&default_format=" + encode(format)
                + params.entrySet().stream().map(p -> "&param_" + encode(p.getKey()) + "=" + encode(p.getValue())).collect(Collectors.joining());
        HttpRequest request = HttpRequest.newBuilder(base.resolve(query))
                .header("X-ClickHouse-User", user).header("X-ClickHouse-Key", password)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                String error = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8).strip();
                int code = response.headers().firstValue("X-ClickHouse-Exception-Code").map(Integer::parseInt).orElse(0);
                throw new SQLException(error, "HY000", code);
            }
            return in.transferTo(out);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
