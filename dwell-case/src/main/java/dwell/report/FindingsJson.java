package dwell.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import dwell.text.SafeText;
import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's findings as dictionary-encoded JSON, so a million of them stay a manageable page; {@code <},
 * {@code >}, {@code &} and all non-ASCII are written as escapes, so nothing in it can close the script block, and
 * evidence text is shown with its hidden characters escaped ({@link SafeText#visible}). Rows may be written in two
 * parts to two destinations ({@link #to}): the first on the query's thread while the report renders its other parts.
 */
final class FindingsJson {
    private final Dict rules = new Dict();
    private final Dict hosts = new Dict();
    private final Dict paths = new Dict();
    private final Dict detectors = new Dict();
    private final Map<Integer, String> shas = new HashMap<>();
    private final Destination destination = new Destination();
    private final JsonGenerator g;

    /** Starts the document, written to {@code out} until {@link #to} names another destination. */
    FindingsJson(Writer out) throws IOException {
        destination.out = out;
        JsonFactory jf = new JsonFactory();
        jf.setCharacterEscapes(new ScriptSafeEscapes());
        g = jf.createGenerator(destination);
        g.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
        g.writeStartObject();
        g.writeArrayFieldStart("rows");
    }

    /** What is written from now on goes to {@code out}, all written so far having reached the former destination. */
    void to(Writer out) throws IOException {
        g.flush();
        destination.out = out;
    }

    /**
     * Writes {@code rs}'s rows (the columns of {@link FindingsQuery#sql}) until there are none left, then true, or until
     * about {@code chars} characters have reached the destination, then false (the rest of the rows still to write).
     */
    boolean rows(ResultSet rs, long chars) throws IOException, SQLException {
        long start = destination.written;
        while (destination.written - start < chars) {
            if (!rs.next()) return true;
            g.writeStartArray();
            g.writeString(rs.getString(1));
            g.writeNumber(HtmlReport.levelIndex(rs.getString(2)));
            g.writeNumber(detectors.id(rs.getString(3)));
            g.writeNumber(rules.id(rs.getString(4)));
            String host = rs.getString(5);
            g.writeNumber(host == null ? -1 : hosts.id(host));
            int p = paths.id(rs.getString(6));
            shas.putIfAbsent(p, rs.getString(7));
            g.writeNumber(p);
            g.writeNumber(rs.getLong(8));
            g.writeNumber(rs.getLong(9));
            g.writeString(rs.getString(10));
            g.writeString(rs.getString(11) == null ? "" : SafeText.visible(rs.getString(11)));
            g.writeString(rs.getString(12) == null ? "" : SafeText.visible(rs.getString(12)));
            g.writeEndArray();
        }
        return false;
    }

    /** Ends the rows and writes the dictionaries: the document's end. */
    void finish() throws IOException {
        g.writeEndArray();
        dict("rules", rules);
        dict("hosts", hosts);
        dict("paths", paths);
        dict("detectors", detectors);
        g.writeArrayFieldStart("shas");
        for (int i = 0; i < paths.values.size(); i++) g.writeString(shas.get(i));
        g.writeEndArray();
        g.writeEndObject();
        g.close();
    }

    private void dict(String name, Dict d) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : d.values) g.writeString(SafeText.visible(s));
        g.writeEndArray();
    }

    /** The generator's writer: passes text on to the destination of the moment, counting it, and never closes it. */
    private static final class Destination extends Writer {
        Writer out;
        long written;

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            out.write(cbuf, off, len);
            written += len;
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            out.write(s, off, len);
            written += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** Escapes the characters that could end or confuse an inline script block. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] table;

        ScriptSafeEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /** Interns strings to indices, in first-seen order. */
    private static final class Dict {
        final List<String> values = new ArrayList<>();
        private final Map<String, Integer> ids = new TreeMap<>();

        int id(String s) {
            String k = s == null ? "" : s;
            return ids.computeIfAbsent(k, x -> {
                values.add(x);
                return values.size() - 1;
            });
        }
    }
}
