package dwell.exchange.exposure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dwell.exchange.build.ExchangeBuild;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwaProbeTest {
    // generous: the machine running the tests may be loaded; the timeout itself is tested with a silent server
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    HttpServer serve(HttpServer s, HttpHandler owa, HttpHandler tool) {
        s.createContext("/", ex -> {
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            String p = ex.getRequestURI().getPath();
            if (p.equalsIgnoreCase(OwaProbe.EXPORT_TOOL)) tool.handle(ex);
            else if (p.startsWith("/owa")) owa.handle(ex);
            else send(ex, 404, "", null);
        });
        s.start();
        server = s;
        return s;
    }

    static HttpServer http() throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    }

    static String url(HttpServer s, String scheme) {
        return scheme + "://127.0.0.1:" + s.getAddress().getPort();
    }

    static void send(HttpExchange ex, int status, String body, String owaVersion) throws IOException {
        if (owaVersion != null) ex.getResponseHeaders().add("X-OWA-Version", owaVersion);
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        }
        ex.close();
    }

    static final HttpHandler NOT_FOUND = ex -> send(ex, 404, "", null);

    @Test
    void headerVariantGivesTheExactBuild() throws IOException {
        HttpServer s = serve(http(), ex -> send(ex, 200, "<html>logon</html>", "15.1.2106.13"), NOT_FOUND);
        Observation o = new OwaProbe(TIMEOUT, false).probe(url(s, "http") + "/owa/");
        assertEquals(ExchangeBuild.of("15.1.2106.13"), o.build());
        assertEquals(Certainty.REMOTE_EXACT, o.certainty());
        assertEquals("127.0.0.1", o.name());
        assertTrue(o.source().contains("X-OWA-Version"), o.source());
        assertEquals(List.of("GET /owa/"), requests);
    }

    @Test
    void pagePathVariantGivesTheCuOnly() throws IOException {
        HttpServer s = serve(http(), ex -> {
            if (ex.getRequestURI().getPath().equals("/owa/")) {
                ex.getResponseHeaders().add("Location", "/owa/auth/logon.aspx?url=https%3a%2f%2fmail%2fowa%2f&reason=0");
                send(ex, 302, "", null);
            } else {
                send(ex, 200, "<link rel=\"shortcut icon\" href=\"/owa/auth/15.1.2106/themes/resources/favicon.ico\">", null);
            }
        }, NOT_FOUND);
        Observation o = new OwaProbe(TIMEOUT, false).probe(url(s, "http"));
        assertEquals(ExchangeBuild.of("15.1.2106.0"), o.build());
        assertEquals(Certainty.REMOTE_CU_ONLY, o.certainty());
        ServerAssessment a = ExposureAssessorTest.ASSESSOR.assess(o);
        assertEquals("CU18", a.cu());
        assertEquals(Status.VULNERABLE, a.status()); // CU18 never received Apr21SU (ProxyShell)
        assertEquals("at-risk", ExposureAssessorTest.state(a, "CVE-2021-26855"));
        assertTrue(requests.stream().allMatch(r -> r.startsWith("GET ")), requests.toString());
    }

    @Test
    void exportToolVariantGivesTheExactBuild() throws IOException {
        String manifest = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<asmv1:assembly manifestVersion=\"1.0\" "
                + "xmlns:asmv1=\"urn:schemas-microsoft-com:asm.v1\">\n  <assemblyIdentity "
                + "name=\"microsoft.exchange.ediscovery.exporttool.application\" version=\"15.2.1118.20\" "
                + "publicKeyToken=\"b1d1a6c45aa418ce\" language=\"neutral\" processorArchitecture=\"msil\" "
                + "xmlns=\"urn:schemas-microsoft-com:asm.v1\" />\n</asmv1:assembly>";
        HttpServer s = serve(http(), ex -> send(ex, 200, "<html>no version here</html>", null),
                ex -> send(ex, 200, manifest, null));
        Observation o = new OwaProbe(TIMEOUT, false).probe(url(s, "http"));
        assertEquals(ExchangeBuild.of("15.2.1118.20"), o.build());
        assertEquals(Certainty.REMOTE_EXACT, o.certainty());
        assertEquals(List.of("GET /owa/", "GET " + OwaProbe.EXPORT_TOOL), requests);
        ServerAssessment a = ExposureAssessorTest.ASSESSOR.assess(o);
        assertEquals("Nov22SU", a.su());
        assertEquals("fixed", ExposureAssessorTest.state(a, "CVE-2022-41082"));
    }

    @Test
    void nothingSeenIsUnknownWithTheReason() throws IOException {
        HttpServer s = serve(http(), ex -> send(ex, 200, "<html>apache</html>", null), NOT_FOUND);
        OwaProbe.Result r = new OwaProbe(TIMEOUT, false).attempt(url(s, "http"));
        Observation o = r.observation();
        assertNull(o.build());
        assertTrue(o.notes().get(0).contains("no Exchange version seen"), o.notes().toString());
        assertNull(r.unreachable(), "the server answered: not a connection failure");
        assertEquals(Status.UNKNOWN, ExposureAssessorTest.ASSESSOR.assess(o).status());
    }

    @Test
    void selfSignedHttpsNeedsInsecure(@TempDir Path dir) throws Exception {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(selfSigned(dir)));
        serve(s, ex -> send(ex, 200, "<html/>", "15.2.1544.9"), NOT_FOUND);
        String url = url(s, "https");

        Observation refused = new OwaProbe(TIMEOUT, false).probe(url);
        assertNull(refused.build());
        assertTrue(refused.notes().get(0).contains("--insecure"), refused.notes().toString());

        Observation accepted = new OwaProbe(TIMEOUT, true).probe(url);
        assertEquals(ExchangeBuild.of("15.2.1544.9"), accepted.build());
        assertEquals(Certainty.REMOTE_EXACT, accepted.certainty());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) held.add(silent.accept()); // accept, read nothing, answer nothing
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long t0 = System.nanoTime();
            OwaProbe.Result r = new OwaProbe(Duration.ofSeconds(1), false).attempt("http://127.0.0.1:" + silent.getLocalPort());
            Observation o = r.observation();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertNull(o.build());
            assertTrue(r.unreachable().contains("no answer within 1s"), r.unreachable());
            assertTrue(o.notes().get(0).contains("no answer within 1s"), o.notes().toString());
            assertTrue(ms < 10_000, "took " + ms + " ms");
            for (Socket h : held) h.close();
        }
    }

    @Test
    void refusedConnectionIsReported() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OwaProbe.Result r = new OwaProbe(TIMEOUT, false).attempt("http://127.0.0.1:" + port);
        Observation o = r.observation();
        assertNull(o.build());
        assertTrue(o.notes().get(0).contains("127.0.0.1:" + port), o.notes().toString());
        assertEquals("http://127.0.0.1:" + port + "/owa/: connection refused", r.unreachable());
    }

    @Test
    void onlyHttpUrlsAreProbed() {
        assertThrows(IllegalArgumentException.class, () -> OwaProbe.base("ftp://mail.example.org"));
        assertThrows(IllegalArgumentException.class, () -> OwaProbe.base("mail.example.org"));
        assertEquals("https://mail.example.org:8443", OwaProbe.base("https://mail.example.org:8443/owa/").toString());
    }

    /** A TLS context with a fresh self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    static SSLContext selfSigned(Path dir) throws Exception {
        Path ks = dir.resolve("test.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "probe", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
