package dwell.ioc;

import dwell.format.text.LineReader;

import java.io.IOException;
import java.io.InputStream;

/** Reads a plain list: one value a line, {@code #} comments, each value's type inferred ({@link ValueParser#infer}). */
final class PlainListFeed {
    private PlainListFeed() {
    }

    static void read(InputStream in, FeedContext ctx) throws IOException {
        LineReader r = LineReader.open(in, FeedContext.MAX_LINE);
        while (r.next()) {
            long n = r.lineNumber();
            if (r.tooLong()) {
                ctx.reject(n, "line longer than " + FeedContext.MAX_LINE + " bytes");
                continue;
            }
            String line = r.text();
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            try {
                ctx.add(new Ioc(ValueParser.infer(s), ctx.line(n), null, null));
            } catch (IocSyntaxException e) {
                ctx.reject(n, e.getMessage());
            }
        }
    }
}
