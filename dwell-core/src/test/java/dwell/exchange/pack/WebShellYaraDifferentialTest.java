package dwell.exchange.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.Corpora;
import dwell.yara.RuleMatch;
import dwell.yara.YaraScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack's web-shell signatures give the same matches in dwell's YARA engine as in the yara tool (4.2). */
class WebShellYaraDifferentialTest {
    @TempDir
    Path dir;
    @TempDir
    Path ruleDir;

    @Test
    void sameMatchesAsTheYaraTool() throws Exception {
        String[] samples = {
            "<%@ Page Language=\"Jscript\"%><%eval(Request.Item[\"p\"],\"unsafe\");%>",
            "http://f/<script language=\"JScript\" runat=\"server\">function Page_Load(){eval(Request[\"code\"],\"unsafe\");}</script>",
            "<%@ Page Language=Jscript %><% eval(Request(\"cmd\")) %>",
            "<%EVAL (REQUEST [ 'x' ] , 'UNSAFE' )%>",
            "<%@ Page Language=\"C#\" %><script runat=\"server\">void Page_Load(object s, EventArgs e) { Title = Request[\"t\"]; }</script>",
            "eval(Request.Item[\"x\"])",
            "",
        };
        for (int i = 0; i < samples.length; i++) {
            Files.writeString(dir.resolve("s" + i + ".aspx"), samples[i], StandardCharsets.ISO_8859_1);
        }
        // the example server's shells as written by tools/generate-examples.py
        Path root = Corpora.repoRoot();
        Path webroots = root.resolve("examples/EXCH01/webroot-copy.zip");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(webroots.toFile())) {
            copy(zip, "inetpub/wwwroot/aspnet_client/system_web/log.aspx", dir.resolve("log.aspx"));
            copy(zip, "inetpub/wwwroot/aspnet_client/discover.aspx", dir.resolve("discover.aspx"));
            copy(zip, "Exchange/FrontEnd/HttpProxy/owa/auth/RedirSuiteServerProxy.aspx", dir.resolve("redir.aspx"));
            copy(zip, "Exchange/FrontEnd/HttpProxy/owa/auth/logon.aspx", dir.resolve("logon.aspx"));
        }
        Path rules = ruleDir.resolve("webshells.yar");
        try (InputStream in = WebShellContent.class.getResourceAsStream(WebShellContent.RULES)) {
            Files.copy(in, rules);
        }
        Process p = new ProcessBuilder("yara", rules.toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        TreeSet<String> reference = new TreeSet<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) reference.add(line.strip().replace(dir.toString() + "/", ""));
        }
        TreeSet<String> dwell = new TreeSet<>();
        YaraScanner scanner = new YaraScanner(WebShellContent.COMPILED);
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".aspx")).toList()) {
                for (RuleMatch m : scanner.scan(f)) dwell.add(m.rule() + " " + f.getFileName());
            }
        }
        assertEquals(reference, dwell);
        assertTrue(dwell.contains("china_chopper_eval log.aspx"), dwell.toString());
        assertTrue(dwell.stream().noneMatch(s -> s.endsWith("logon.aspx") || s.endsWith(" s4.aspx") || s.endsWith(" s5.aspx")), dwell.toString());
    }

    private static void copy(java.util.zip.ZipFile zip, String member, Path to) throws java.io.IOException {
        java.util.zip.ZipEntry e = zip.getEntry(member);
        if (e == null) throw new IllegalStateException("examples' web root copy lacks " + member);
        try (java.io.InputStream in = zip.getInputStream(e)) {
            Files.copy(in, to);
        }
    }
}
