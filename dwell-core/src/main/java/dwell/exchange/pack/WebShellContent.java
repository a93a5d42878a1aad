package dwell.exchange.pack;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds web-shell code in a server page by streaming it in bounded windows (never the whole file in memory):
 * China Chopper's {@code eval(Request.Item["x"],"unsafe")} and the {@code Page_Load} + {@code eval(Request[...])}
 * page that ProxyLogon wrote through the OAB virtual directory.
 */
final class WebShellContent {
    /** One recognised form: a name for the finding and its pattern. */
    record Form(String name, Pattern pattern) {
    }

    static final List<Form> FORMS = List.of(
            new Form("china-chopper-eval",
                    Pattern.compile("(?i)eval\\s*\\(\\s*Request(?:\\.Item)?\\s*\\[[^\\]]{1,128}\\]\\s*,\\s*[\"']unsafe[\"']")),
            new Form("page-load-eval-request",
                    Pattern.compile("(?i)Page_Load\\s*\\([^)]{0,128}\\)\\s*\\{\\s*eval\\s*\\(\\s*Request")),
            new Form("jscript-eval-request",
                    Pattern.compile("(?i)<%@\\s*Page\\s+Language\\s*=\\s*[\"']?Jscript[\"']?\\s*%>\\s*<%\\s*eval\\s*\\(\\s*Request")));

    static final int WINDOW = 64 * 1024;
    // a match can be cut by a window border; the forms above are far shorter than this overlap
    static final int OVERLAP = 1024;

    private WebShellContent() {
    }

    /** The first web-shell form found in the file with the matched text, if any. */
    static Optional<Match> scan(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return scan(in);
        }
    }

    static Optional<Match> scan(InputStream in) throws IOException {
        byte[] buf = new byte[WINDOW + OVERLAP];
        int kept = 0;
        long offset = 0;
        while (true) {
            int n = in.readNBytes(buf, kept, WINDOW);
            if (n <= 0) return Optional.empty();
            int len = kept + n;
            // ISO-8859-1 maps each byte to one char, so ASCII code matches whatever the page's encoding
            String text = new String(buf, 0, len, StandardCharsets.ISO_8859_1);
            for (Form f : FORMS) {
                Matcher m = f.pattern().matcher(text);
                if (m.find()) return Optional.of(new Match(f.name(), m.group(), offset + m.start()));
            }
            if (n < WINDOW) return Optional.empty();
            kept = Math.min(OVERLAP, len);
            System.arraycopy(buf, len - kept, buf, 0, kept);
            offset += len - kept;
        }
    }

    /** A found form, the matched text and its byte offset in the file. */
    record Match(String form, String text, long offset) {
    }
}
