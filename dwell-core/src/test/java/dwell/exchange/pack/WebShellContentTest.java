package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebShellContentTest {
    @TempDir
    Path dir;

    private static Optional<WebShellContent.Match> scan(String s) {
        return WebShellContent.scan(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void chinaChopperForms() {
        assertEquals("china_chopper_eval", scan("<%@ Page Language=\"Jscript\"%><%eval(Request.Item[\"pass\"],\"unsafe\");%>").get().form());
        assertEquals("china_chopper_eval", scan("<%eval (Request [ 'x' ] , 'unsafe' )%>").get().form());
        assertEquals("page_load_eval_request", scan("<script runat=\"server\">function Page_Load(){eval(Request[\"k\"]);}</script>").get().form());
        assertEquals("jscript_eval_request", scan("<%@ Page Language=Jscript %><% eval(Request(\"cmd\")) %>").get().form());
        assertEquals("china_chopper_eval", scan("<%EVAL(REQUEST.ITEM[\"P\"],\"UNSAFE\");%>").get().form());
    }

    @Test
    void ordinaryPagesAreClean() {
        assertTrue(scan("<%@ Page Language=\"C#\" %><script runat=\"server\">void Page_Load(object s, EventArgs e) { Title = Request[\"t\"]; }</script>").isEmpty());
        assertTrue(scan("eval(Request.Item[\"x\"])").isEmpty());
        assertTrue(scan("").isEmpty());
    }

    @Test
    void theMatchAndItsOffsetDeepInALargeFile() throws IOException {
        String shell = "eval(Request.Item[\"z\"],\"unsafe\")";
        int at = 3 * 1024 * 1024 + 77;
        Path f = dir.resolve("big.aspx");
        Files.writeString(f, "a".repeat(at) + shell + "b".repeat(1000), StandardCharsets.ISO_8859_1);
        WebShellContent.Match m = WebShellContent.scan(f).orElseThrow();
        assertEquals(at, m.offset());
        assertEquals("eval(Request.Item[\"z\"],\"unsafe\"", m.text());
    }
}
