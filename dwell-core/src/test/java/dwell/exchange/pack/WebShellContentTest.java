package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebShellContentTest {
    private static Optional<WebShellContent.Match> scan(String s) throws IOException {
        return WebShellContent.scan(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void chinaChopperForms() throws IOException {
        assertEquals("china-chopper-eval", scan("<%@ Page Language=\"Jscript\"%><%eval(Request.Item[\"pass\"],\"unsafe\");%>").get().form());
        assertEquals("china-chopper-eval", scan("<%eval (Request [ 'x' ] , 'unsafe' )%>").get().form());
        assertEquals("page-load-eval-request", scan("<script runat=\"server\">function Page_Load(){eval(Request[\"k\"]);}</script>").get().form());
        assertEquals("jscript-eval-request", scan("<%@ Page Language=Jscript %><% eval(Request(\"cmd\")) %>").get().form());
    }

    @Test
    void ordinaryPagesAreClean() throws IOException {
        assertTrue(scan("<%@ Page Language=\"C#\" %><script runat=\"server\">void Page_Load(object s, EventArgs e) { Title = Request[\"t\"]; }</script>").isEmpty());
        assertTrue(scan("eval(Request.Item[\"x\"])").isEmpty());
    }

    @Test
    void aMatchAcrossAWindowBorderIsFound() throws IOException {
        String shell = "eval(Request.Item[\"z\"],\"unsafe\")";
        int at = WebShellContent.WINDOW - 10;
        String text = "a".repeat(at) + shell + "b".repeat(3 * WebShellContent.WINDOW);
        WebShellContent.Match m = scan(text).orElseThrow();
        assertEquals(at, m.offset());
        assertEquals("eval(Request.Item[\"z\"],\"unsafe\"", m.text());
        // far into a large file too
        String late = "c".repeat(5 * WebShellContent.WINDOW + 77) + shell;
        assertEquals(5L * WebShellContent.WINDOW + 77, scan(late).orElseThrow().offset());
    }
}
