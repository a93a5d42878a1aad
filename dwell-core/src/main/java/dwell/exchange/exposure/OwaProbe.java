package dwell.exchange.exposure;

import dwell.exchange.build.ExchangeBuild;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads an Exchange server's build remotely with plain GET requests, nothing else: the {@code X-OWA-Version}
 * header of {@code /owa/} (full build), the ECP export tool's ClickOnce manifest (full build), and the
 * {@code /owa/auth/<build>/} resource paths of the logon page (CU level: security updates need not change them).
 * Self-signed HTTPS is refused unless {@code insecure}; every request has connect and response timeouts, bodies
 * are read up to a fixed size, and redirects are followed only on the same host.
 */
public final class OwaProbe {
    static final String EXPORT_TOOL = "/ecp/Current/exporttool/microsoft.exchange.ediscovery.exporttool.application";
    static final int MAX_BODY = 512 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern OWA_PATH = Pattern.compile("/owa/(?:auth/)?(\\d{1,2}\\.\\d{1,2}\\.\\d{1,5}(?:\\.\\d{1,5})?)/",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ASSEMBLY_VERSION = Pattern.compile(
            "<assemblyIdentity\\b[^>]*?\\bversion\\s*=\\s*[\"'](\\d{1,2}\\.\\d{1,2}\\.\\d{1,5}\\.\\d{1,5})[\"']",
            Pattern.CASE_INSENSITIVE);

    private final HttpClient client;
    private final Duration timeout;

    public OwaProbe(Duration timeout, boolean insecure) {
        this.timeout = timeout;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
        if (insecure) b.sslContext(trustAll());
        this.client = b.build();
    }

    /** The base URL of a probe target: http(s)://host[:port], any path dropped; throws on anything else. */
    public static URI base(String url) {
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
                throw new IllegalArgumentException("--probe needs an http:// or https:// URL with a host: " + url);
            }
            return new URI(scheme, null, u.getHost(), u.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--probe: not a URL: " + url);
        }
    }

    /** What one probe gave: the observation, and why the server could not be reached (null when it answered). */
    public record Result(Observation observation, String unreachable) {
    }

    /** Probes one server; failures become an observation without build whose note says why. */
    public Observation probe(String url) {
        return attempt(url).observation();
    }

    /** Probes one server, telling a server that never answered from one that answered without a version. */
    public Result attempt(String url) {
        URI base = base(url);
        String name = base.getHost();
        List<String> notes = new ArrayList<>();
        ExchangeBuild pathBuild = null;
        boolean answered = false;
        String unreachable = null;
        try {
            Page owa = get(base, "/owa/");
            answered = true;
            if (owa.owaVersion != null) {
                Optional<ExchangeBuild> b = ExchangeBuild.parse(owa.owaVersion);
                if (b.isPresent() && owa.owaVersion.strip().split("\\.").length == 4) {
                    return new Result(new Observation(name, owa.owaVersion.strip(), b.get(), Certainty.REMOTE_EXACT,
                            base + "/owa/ X-OWA-Version header"), null);
                }
                notes.add("X-OWA-Version '" + owa.owaVersion + "' is no full build");
            }
            Matcher m = OWA_PATH.matcher(owa.body);
            if (m.find()) pathBuild = ExchangeBuild.parse(m.group(1)).orElse(null);
            Page tool = get(base, EXPORT_TOOL);
            if (tool.status == 200) {
                Matcher t = ASSEMBLY_VERSION.matcher(tool.body);
                if (t.find()) {
                    return new Result(new Observation(name, t.group(1), ExchangeBuild.of(t.group(1)),
                            Certainty.REMOTE_EXACT, base + EXPORT_TOOL + " manifest", Map.of(), notes), null);
                }
            }
            if (pathBuild != null) {
                return new Result(new Observation(name, m.group(1), pathBuild, Certainty.REMOTE_CU_ONLY,
                        base + "/owa/ logon page resource path", Map.of(), notes), null);
            }
            notes.add("no Exchange version seen: /owa/ answered " + owa.status + ", the export tool " + tool.status);
        } catch (ProbeFailure e) {
            notes.add(e.getMessage());
            if (!answered) unreachable = e.getMessage();
        }
        return new Result(new Observation(name, "", null, Certainty.REMOTE_CU_ONLY, base.toString(), Map.of(), notes), unreachable);
    }

    /** One answered request: final status, any X-OWA-Version seen on the way, the bounded body. */
    private record Page(int status, String owaVersion, String body) {
    }

    /** A probe that could not finish: the message names the URL and the reason. */
    static final class ProbeFailure extends Exception {
        ProbeFailure(String message) {
            super(message);
        }
    }

    private Page get(URI base, String path) throws ProbeFailure {
        URI uri = base.resolve(path);
        String owaVersion = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("User-Agent", "dwell-exposure-probe").build();
            HttpResponse<InputStream> resp;
            try {
                resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpConnectTimeoutException e) {
                throw new ProbeFailure(uri + ": no connection within " + timeout.toSeconds() + "s");
            } catch (HttpTimeoutException e) {
                throw new ProbeFailure(uri + ": no answer within " + timeout.toSeconds() + "s");
            } catch (SSLException e) {
                throw new ProbeFailure(uri + ": TLS failed (" + e.getMessage()
                        + "); for a self-signed certificate probe again with --insecure");
            } catch (ConnectException e) {
                throw new ProbeFailure(uri + ": connection refused");
            } catch (IOException e) {
                throw new ProbeFailure(uri + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProbeFailure(uri + ": interrupted");
            }
            String v = resp.headers().firstValue("X-OWA-Version").orElse(null);
            if (v != null) owaVersion = v;
            int status = resp.statusCode();
            if (status >= 300 && status < 400 && resp.headers().firstValue("Location").isPresent()) {
                close(resp.body());
                URI next = uri.resolve(resp.headers().firstValue("Location").get());
                if (next.getHost() == null || !next.getHost().equalsIgnoreCase(base.getHost())) {
                    return new Page(status, owaVersion, "");
                }
                uri = next;
                continue;
            }
            return new Page(status, owaVersion, bounded(resp.body()));
        }
        return new Page(399, owaVersion, ""); // too many redirects: no page
    }

    private static String describe(IOException e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        if (t instanceof SSLException || e.getCause() instanceof SSLException) {
            return "TLS failed (" + t.getMessage() + "); for a self-signed certificate probe again with --insecure";
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String bounded(InputStream in) {
        try (in) {
            byte[] buf = in.readNBytes(MAX_BODY);
            return new String(buf, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the redirect's body is of no interest
        }
    }

    /** Trusts any certificate and any host name: only for --insecure. */
    private static SSLContext trustAll() {
        TrustManager tm = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, Socket s) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) { }
            @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
            @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
            @Override public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
