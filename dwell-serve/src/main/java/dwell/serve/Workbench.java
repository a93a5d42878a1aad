package dwell.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dwell.casefile.TriageStatus;
import dwell.text.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code dwell serve}: the investigation workbench, a web application over one case file (overview, incidents,
 * findings with facets, a finding's whole event, triage) and the JSON API its pages use, behind {@link Guard}.
 */
public final class Workbench implements AutoCloseable {
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final CaseStore store;
    private final Javalin app;
    private final String url;

    private Workbench(CaseStore store, Javalin app, String url) {
        this.store = store;
        this.app = app;
        this.url = url;
    }

    /** Opens the case and serves it on {@code bind}:{@code port} (0: a free port); triage is recorded as {@code analyst}'s. */
    public static Workbench start(Path db, InetAddress bind, int port, String analyst) throws SQLException, IOException {
        CaseStore store = CaseStore.open(db, analyst, Clock.systemUTC());
        try {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Routes routes = new Routes(store, new Pages(store, db.getFileName().toString()), new Guard(token, hosts(bind)), new Assets());
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.http.maxRequestSize = 64 * 1024;
                routes.install(cfg.routes);
            }).start(bind.getHostAddress(), port);
            String host = bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
            return new Workbench(store, app, "http://" + host + ":" + app.port() + "/?token=" + token);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The address to open, with the token: {@code http://127.0.0.1:PORT/?token=TOKEN}. */
    public String url() {
        return url;
    }

    /** Whether {@code bind} is a loopback address, the only kind served without a warning. */
    public static boolean loopback(InetAddress bind) {
        return bind.isLoopbackAddress();
    }

    /** The names a Host header may give: localhost, the loopback addresses, the bound address (all local ones for a wildcard). */
    static Set<String> hosts(InetAddress bind) {
        Set<String> out = new HashSet<>(List.of("localhost", "127.0.0.1", "[::1]"));
        out.add(hostName(bind));
        if (bind.isAnyLocalAddress()) {
            try {
                for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(n.getInetAddresses())) out.add(hostName(a));
                }
            } catch (SocketException e) {
                // the loopback names and the wildcard stay: the workbench is still reached through them
            }
        }
        return out;
    }

    private static String hostName(InetAddress a) {
        String s = a.getHostAddress().replaceFirst("%.*$", "").toLowerCase(Locale.ROOT);
        return s.contains(":") ? "[" + s + "]" : s;
    }

    @Override
    public void close() throws SQLException {
        app.stop();
        store.close();
    }

    /** The routes: pages, assets and the API, each request judged by the guard first. */
    private record Routes(CaseStore store, Pages pages, Guard guard, Assets assets) {
        void install(io.javalin.config.RoutesConfig r) {
            r.before(this::guard);
            r.get("/", ctx -> html(ctx, pages.overview()));
            r.get("/findings", ctx -> html(ctx, pages.findings()));
            r.get("/incident/{id}", ctx -> html(ctx, pages.incident(ctx.pathParam("id"))));
            r.get("/finding/{id}", ctx -> html(ctx, pages.finding(ctx.pathParam("id"))));
            r.get("/assets/{name}", ctx -> {
                Assets.Asset a = assets.get(ctx.pathParam("name"));
                if (a == null) throw new NotFound();
                ctx.contentType(a.type()).result(a.bytes());
            });
            r.get("/api/findings", ctx -> json(ctx, store.findings(FindingFilter.parse(ctx.queryParamMap()))));
            r.get("/api/facets", ctx -> json(ctx, store.facets(FindingFilter.parse(ctx.queryParamMap()))));
            r.get("/api/timeline", ctx -> json(ctx, store.timeline(FindingFilter.parse(ctx.queryParamMap()))));
            r.get("/api/incidents", ctx -> json(ctx, Json.object().set("incidents", store.incidents())));
            r.get("/api/incidents/{id}", ctx -> json(ctx, store.incident(ctx.pathParam("id"))));
            r.get("/api/findings/{id}", ctx -> json(ctx, store.finding(ctx.pathParam("id"))));
            r.post("/api/findings/{id}/triage", this::triage);
            r.exception(NotFound.class, (e, ctx) -> fail(ctx, 404, "not found"));
            r.exception(IllegalArgumentException.class, (e, ctx) -> fail(ctx, 400, e.getMessage()));
            r.exception(IOException.class, (e, ctx) -> fail(ctx, 400, "unreadable request: " + e.getMessage()));
            r.exception(Exception.class, (e, ctx) -> fail(ctx, 500, "the case could not be read: " + e.getMessage()));
            r.error(404, "*", ctx -> {
                if (ctx.result() == null) fail(ctx, 404, "not found");
            });
        }

        private void guard(Context ctx) {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Cache-Control", "no-store");
            String cookie = "dwell_" + ctx.port();
            Guard.Verdict v = guard.judge(new Guard.Request(ctx.method().name(), ctx.header("Host"), ctx.header("Origin"),
                    ctx.header("Authorization"), ctx.cookie(cookie), ctx.queryParam("token")));
            switch (v) {
                case ALLOW -> { }
                case ADOPT_TOKEN -> {
                    // the token leaves the address bar (and history) at once; the page carries it as a cookie scripts cannot read
                    ctx.header("Set-Cookie", cookie + "=" + ctx.queryParam("token") + "; Path=/; HttpOnly; SameSite=Strict");
                    String path = ctx.path().startsWith("//") ? "/" : ctx.path();
                    ctx.redirect(path, HttpStatus.SEE_OTHER);
                    ctx.skipRemainingHandlers();
                }
                default -> {
                    fail(ctx, v.status, v.message);
                    ctx.skipRemainingHandlers();
                }
            }
        }

        private void triage(Context ctx) throws Exception {
            if (ctx.contentType() == null || !ctx.contentType().startsWith("application/json")) {
                throw new IllegalArgumentException("send the decision as application/json: {\"status\", \"note\"}");
            }
            JsonNode body = Json.MAPPER.readTree(ctx.body());
            if (body == null || !body.isObject() || !body.path("status").isTextual()) {
                throw new IllegalArgumentException("a decision is {\"status\": \"needs-review|confirmed|false-positive|benign\", \"note\": \"...\"}");
            }
            if (!body.path("note").isMissingNode() && !body.path("note").isNull() && !body.path("note").isTextual()) {
                throw new IllegalArgumentException("note must be text");
            }
            TriageStatus status = TriageStatus.parse(body.get("status").asText());
            String id = ctx.pathParam("id");
            if (store.finding(id) == null) throw new NotFound();
            json(ctx, store.triage(id, status, body.path("note").asText(null)));
        }

        private static void html(Context ctx, String page) {
            if (page == null) throw new NotFound();
            ctx.contentType("text/html; charset=utf-8").result(page);
        }

        private static void json(Context ctx, Object value) throws IOException {
            if (value == null) throw new NotFound();
            ctx.contentType("application/json; charset=utf-8").result(Json.LINE.writeValueAsBytes(value));
        }

        private static void fail(Context ctx, int status, String message) {
            ctx.status(status).contentType("application/json; charset=utf-8");
            try {
                ctx.result(Json.LINE.writeValueAsBytes(Json.object().put("error", message)));
            } catch (IOException e) {
                ctx.result("{}");
            }
        }
    }

    /** Asked for a page, finding or incident the case does not have. */
    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }
}
