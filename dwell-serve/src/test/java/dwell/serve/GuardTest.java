package dwell.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.serve.Guard.Request;
import dwell.serve.Guard.Verdict;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardTest {
    private static final String T = "s3cret-token";
    private final Guard guard = new Guard(T, Set.of("localhost", "127.0.0.1", "[::1]"));

    private Verdict get(String host, String auth, String cookie, String query) {
        return guard.judge(new Request("GET", host, null, auth, cookie, query));
    }

    private Verdict post(String host, String origin, String auth, String cookie) {
        return guard.judge(new Request("POST", host, origin, auth, cookie, null));
    }

    @Test
    void theTokenComesAsBearerCookieOrOnceInTheAddress() {
        assertEquals(Verdict.ALLOW, get("127.0.0.1:8080", "Bearer " + T, null, null));
        assertEquals(Verdict.ALLOW, get("127.0.0.1:8080", null, T, null));
        assertEquals(Verdict.ADOPT_TOKEN, get("127.0.0.1:8080", null, null, T));
        assertEquals(Verdict.NO_TOKEN, get("127.0.0.1:8080", null, null, null));
        assertEquals(Verdict.NO_TOKEN, get("127.0.0.1:8080", "Bearer " + T + "x", null, null));
        assertEquals(Verdict.NO_TOKEN, get("127.0.0.1:8080", "Basic " + T, null, null));
        assertEquals(Verdict.NO_TOKEN, get("127.0.0.1:8080", "bearer" + T, null, null));
        assertEquals(Verdict.NO_TOKEN, get("127.0.0.1:8080", null, "", null));
        assertEquals(Verdict.NO_TOKEN, get("127.0.0.1:8080", null, T.substring(1), null));
        // the address's token only opens a page: a write must carry it as header or cookie
        assertEquals(Verdict.NO_TOKEN, guard.judge(new Request("POST", "127.0.0.1", "http://127.0.0.1", null, null, T)));
    }

    @Test
    void aHostHeaderOfAnotherServerIsRefusedBeforeTheToken() {
        assertEquals(Verdict.FOREIGN_HOST, get("evil.example", "Bearer " + T, null, null));
        assertEquals(Verdict.FOREIGN_HOST, get("evil.example:8080", null, T, null));
        assertEquals(Verdict.FOREIGN_HOST, get("localhost.evil.example", null, T, null));
        assertEquals(Verdict.FOREIGN_HOST, get("127.0.0.1.nip.io:8080", null, T, null));
        assertEquals(Verdict.FOREIGN_HOST, get(null, null, T, null));
        assertEquals(Verdict.FOREIGN_HOST, get("", null, T, null));
        assertEquals(Verdict.ALLOW, get("LocalHost:8080", null, T, null));
        assertEquals(Verdict.ALLOW, get("[::1]:8080", null, T, null));
        assertEquals(Verdict.ALLOW, get("127.0.0.1", null, T, null));
    }

    @Test
    void aWriteNeedsThisServersOriginOrAScriptsBearerToken() {
        assertEquals(Verdict.ALLOW, post("127.0.0.1:8080", "http://127.0.0.1:8080", null, T));
        assertEquals(Verdict.ALLOW, post("localhost:8080", "http://LOCALHOST:8080", null, T));
        assertEquals(Verdict.FOREIGN_ORIGIN, post("127.0.0.1:8080", "http://evil.example", null, T));
        assertEquals(Verdict.FOREIGN_ORIGIN, post("127.0.0.1:8080", "http://127.0.0.1:9999", null, T));
        assertEquals(Verdict.FOREIGN_ORIGIN, post("127.0.0.1:8080", "https://127.0.0.1:8080", null, T));
        assertEquals(Verdict.FOREIGN_ORIGIN, post("127.0.0.1:8080", "null", null, T));
        assertEquals(Verdict.FOREIGN_ORIGIN, post("127.0.0.1:8080", null, null, T));
        assertEquals(Verdict.FOREIGN_ORIGIN, post("127.0.0.1:8080", "http://evil.example", "Bearer " + T, null));
        assertEquals(Verdict.ALLOW, post("127.0.0.1:8080", null, "Bearer " + T, null));
        assertEquals(Verdict.NO_TOKEN, post("127.0.0.1:8080", "http://127.0.0.1:8080", null, null));
    }

    @Test
    void hostNamesLoseTheirPortAndCase() {
        assertEquals("localhost", Guard.hostName("LOCALHOST:80"));
        assertEquals("[::1]", Guard.hostName("[::1]:8080"));
        assertEquals("[::1]", Guard.hostName("[::1]"));
        assertEquals("10.0.0.1", Guard.hostName(" 10.0.0.1 "));
    }
}
