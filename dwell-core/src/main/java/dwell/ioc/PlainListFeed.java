package dwell.ioc;

import java.io.IOException;
import java.io.InputStream;

/** Reads a plain list: one value a line, {@code #} comments, each value's type inferred ({@link ValueParser#infer}). */
final class PlainListFeed {
    private PlainListFeed() {
    }

    static void read(InputStream in, FeedContext ctx) throws IOException {
        LineReader r = new LineReader(in);
        String line;
        while ((line = r.next()) != null) {
            long n = r.number();
            if (r.tooLong()) {
                ctx.reject(n, "line longer than " + LineReader.MAX_LINE + " bytes");
                continue;
            }
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
