package dwell.cli;

import dwell.text.SafeText;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table with columns as wide as their widest cell. Cells may hold evidence text: each is shown on one
 * line with its hidden characters escaped ({@link SafeText#visible}), so no value can break the layout.
 */
public final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = new String[header.length];
        for (int i = 0; i < header.length; i++) this.header[i] = SafeText.visible(header[i]);
    }

    public Table row(String... cells) {
        String[] shown = new String[cells.length];
        for (int i = 0; i < cells.length; i++) shown[i] = SafeText.visible(cells[i]);
        rows.add(shown);
        return this;
    }

    public void print(PrintStream out) {
        for (String l : lines()) out.println(l);
    }

    /** The header line, then one line per row, as {@link #print} prints them. */
    public List<String> lines() {
        int[] w = new int[header.length];
        for (int i = 0; i < header.length; i++) w[i] = header[i].length();
        for (String[] r : rows) {
            for (int i = 0; i < r.length && i < w.length; i++) w[i] = Math.max(w[i], r[i] == null ? 1 : r[i].length());
        }
        List<String> out = new ArrayList<>();
        out.add(line(header, w));
        for (String[] r : rows) out.add(line(r, w));
        return out;
    }

    private static String line(String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i] == null ? "-" : cells[i];
            sb.append(c);
            if (i < cells.length - 1) sb.append(" ".repeat(w[i] - c.length() + 2));
        }
        return sb.toString().stripTrailing();
    }
}
