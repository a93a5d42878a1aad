package dwell.exchange.pack;

import dwell.yara.RuleMatch;
import dwell.yara.YaraCompiler;
import dwell.yara.YaraDetector;
import dwell.yara.YaraRules;
import dwell.yara.YaraScanner;
import dwell.yara.YaraSyntaxError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds web-shell code in a server page with dwell's YARA engine and the pack's own signatures
 * ({@code yara/webshells.yar}): China Chopper's {@code eval(Request.Item["x"],"unsafe")} and the
 * {@code Page_Load} + {@code eval(Request[...])} page that ProxyLogon wrote through the OAB virtual directory.
 * The scanner maps large files rather than reading them onto the heap.
 */
final class WebShellContent {
    static final String RULES = "/dwell/builtin/exchange/yara/webshells.yar";
    static final YaraRules COMPILED = compile();
    // scanners keep buffers and are not thread-safe; the hunt engine calls from several threads
    private static final ThreadLocal<YaraScanner> SCANNERS = ThreadLocal.withInitial(() -> new YaraScanner(COMPILED));

    private WebShellContent() {
    }

    private static YaraRules compile() {
        try (InputStream in = WebShellContent.class.getResourceAsStream(RULES)) {
            if (in == null) throw new IllegalStateException("missing resource " + RULES);
            return new YaraCompiler().addSource(new String(in.readAllBytes(), StandardCharsets.UTF_8), RULES).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (YaraSyntaxError e) {
            throw new IllegalStateException("built-in YARA rules do not compile: " + e.getMessage(), e);
        }
    }

    /** The first web-shell form found in the file, with the matched text, if any. */
    static Optional<Match> scan(Path file) throws IOException {
        return first(SCANNERS.get().scan(file));
    }

    static Optional<Match> scan(byte[] bytes) {
        return first(SCANNERS.get().scan(bytes));
    }

    private static Optional<Match> first(List<RuleMatch> matches) {
        for (RuleMatch m : matches) {
            if (m.strings().isEmpty()) continue;
            RuleMatch.StringMatch s = m.strings().get(0);
            return Optional.of(new Match(m.rule(), YaraDetector.printable(s.data()), s.offset()));
        }
        return Optional.empty();
    }

    /** A found form (the YARA rule's name), the matched text and its byte offset in the file. */
    record Match(String form, String text, long offset) {
    }
}
