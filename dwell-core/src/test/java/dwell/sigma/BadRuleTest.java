package dwell.sigma;

import dwell.hunt.Diagnostic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad rule files are rejected with file:line: reason, and every other rule still loads. */
class BadRuleTest {
    private static final String GOOD = SigmaTesting.rule("sel:\n    A: x\ncondition: sel");

    @TempDir
    Path dir;

    private RuleSet loadFiles(String badName, byte[] bad) throws IOException {
        Files.writeString(dir.resolve("good.yml"), GOOD);
        Files.write(dir.resolve(badName), bad);
        return new RuleLoader().load(List.of(dir));
    }

    private Diagnostic only(RuleSet set) {
        assertEquals(1, set.rules().size(), "the good rule loads");
        assertEquals(1, set.rejected().size(), set.rejected().toString());
        return set.rejected().get(0);
    }

    @Test
    void malformedYaml() throws IOException {
        Diagnostic r = only(loadFiles("bad.yml", "title: x\ndetection:\n    sel: [a, b\n    condition: sel\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(r.reason().startsWith("malformed YAML"), r.reason());
        assertTrue(r.line() >= 3, r.toString());
        assertTrue(r.toString().startsWith(dir.resolve("bad.yml") + ":"), r.toString());
    }

    @Test
    void tabsInIndentation() throws IOException {
        Diagnostic r = only(loadFiles("tabs.yml", "title: x\nlogsource:\n\tproduct: windows\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(r.reason().contains("tab"), r.reason());
        assertEquals(3, r.line(), r.toString());
    }

    @Test
    void invalidUtf8() throws IOException {
        byte[] b = ("title: caf\u00e9\nlogsource: {product: windows}\n").getBytes(StandardCharsets.ISO_8859_1);
        Diagnostic r = only(loadFiles("latin1.yml", b));
        assertTrue(r.reason().contains("not UTF-8"), r.reason());
        assertEquals(1, r.line());
    }

    @Test
    void utf16WithByteOrderMarkLoads() throws IOException {
        byte[] body = GOOD.replace("test-1", "test-2").getBytes(StandardCharsets.UTF_16LE);
        byte[] b = new byte[body.length + 2];
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xfe;
        System.arraycopy(body, 0, b, 2, body.length);
        RuleSet set = loadFiles("utf16.yml", b);
        assertEquals(2, set.rules().size(), set.rejected().toString());
    }

    @Test
    void duplicateKeys() throws IOException {
        Diagnostic r = only(loadFiles("dup.yml", (GOOD + "title: again\n").getBytes(StandardCharsets.UTF_8)));
        assertTrue(r.reason().toLowerCase().contains("duplicate"), r.reason());
    }

    @Test
    void missingPartsAreNamed() {
        assertTrue(SigmaTesting.reject("title: x\nlogsource: {product: windows}\ndetection:\n    sel: {A: 1}\n").reason().contains("no condition"));
        assertTrue(SigmaTesting.reject("title: x\ndetection:\n    sel: {A: 1}\n    condition: sel\n").reason().contains("missing logsource"));
        assertTrue(SigmaTesting.reject("logsource: {product: windows}\ndetection:\n    sel: {A: 1}\n    condition: sel\n").reason().contains("missing title"));
        assertTrue(SigmaTesting.reject("title: x\nfoo: bar\n").reason().contains("no detection"));
        assertTrue(SigmaTesting.reject("- just\n- a list\n").reason().contains("must be a map"));
        assertTrue(SigmaTesting.reject(SigmaTesting.rule("sel:\n    A|re: '(unclosed'\ncondition: sel")).reason().contains("invalid regular expression"));
        assertTrue(SigmaTesting.reject(SigmaTesting.rule("sel:\n    A|cidr: '10.0.0.0/33'\ncondition: sel")).reason().contains("invalid CIDR prefix"));
        assertTrue(SigmaTesting.reject(SigmaTesting.rule("sel:\n    A|cidr: '010.0.0.0/8'\ncondition: sel")).reason().contains("not a CIDR network"));
        assertTrue(SigmaTesting.reject(SigmaTesting.rule("sel:\n    A|gt: ten\ncondition: sel")).reason().contains("not a number"));
        assertTrue(SigmaTesting.reject(SigmaTesting.rule("sel:\n    A|exists: maybe\ncondition: sel")).reason().contains("boolean"));
        assertTrue(SigmaTesting.reject(SigmaTesting.rule("sel:\n    A|contains|startswith: x\ncondition: sel")).reason().contains("cannot be combined"));
        assertTrue(SigmaTesting.reject(SigmaTesting.rule("sel:\n    A|base64: 'x*'\ncondition: sel")).reason().contains("wildcards"));
        assertTrue(SigmaTesting.reject(SigmaTesting.rule("sel:\n    A|i: x\ncondition: sel")).reason().contains("'re' only"));
        assertTrue(SigmaTesting.reject(SigmaTesting.rule("sel:\n    A: {nested: map}\ncondition: sel")).reason().contains("not a value"));
        assertTrue(SigmaTesting.reject("title: x\nlevel: severe\nlogsource: {product: windows}\ndetection:\n    sel: {A: 1}\n    condition: sel\n")
                .reason().contains("unknown level"));
    }

    @Test
    void multiDocumentFileKeepsGoodDocumentsAndNamesTheBadOnesLine() {
        String text = GOOD + "---\n" + SigmaTesting.rule("sel:\n    A|nope: x\ncondition: sel").replace("test-1", "t2")
                + "---\n" + GOOD.replace("test-1", "t3");
        RuleSet set = new RuleLoader().loadText("multi.yml", text);
        assertEquals(2, set.rules().size());
        assertEquals(1, set.rejected().size());
        int badLine = GOOD.split("\n").length + 1 + 9;
        assertEquals("multi.yml:" + badLine + ": search 'sel': field 'A|nope': unknown modifier 'nope'", set.rejected().get(0).toString());
    }

    @Test
    void actionGlobalAndRepeatCollections() {
        String text = """
                action: global
                title: shared title
                level: high
                logsource: {product: windows, service: security}
                ---
                id: r1
                detection:
                    sel: {EventID: 1}
                    condition: sel
                ---
                action: repeat
                id: r2
                detection:
                    sel: {EventID: 2}
                """;
        RuleSet set = new RuleLoader().loadText("coll.yml", text);
        assertTrue(set.rejected().isEmpty(), set.rejected().toString());
        assertEquals(2, set.rules().size());
        assertEquals("shared title", set.rules().get(1).title());
        assertEquals("r2", set.rules().get(1).id());
    }

    @Test
    void metaFilterAddsItsCondition() {
        String text = GOOD + """
                ---
                title: not on the admin host
                logsource: {product: windows}
                filter:
                    rules: [test-1]
                    selection:
                        Computer: ADMIN1
                    condition: not selection
                """;
        RuleSet set = new RuleLoader().loadText("f.yml", text);
        assertTrue(set.rejected().isEmpty(), set.rejected().toString());
        assertEquals(1, set.filters().size());
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        int[] hits = {0};
        engine.match(SigmaTesting.event("A", "x", "Computer", "ws1"), (i, r) -> hits[0]++);
        engine.match(SigmaTesting.event("A", "x", "Computer", "admin1"), (i, r) -> hits[0]++);
        assertEquals(1, hits[0]);
    }
}
