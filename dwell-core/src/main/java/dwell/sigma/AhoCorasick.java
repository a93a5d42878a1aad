package dwell.sigma;

import dwell.automaton.PatternTrie;
import java.util.Arrays;
import java.util.List;

/**
 * One automaton over many lower-case ASCII literals: a single pass over a text reports every literal in it,
 * ignoring ASCII case. Full transition rows over the literals' characters (others share one class), each made
 * when a scan first reaches its state; thread-safe. While no literal is under way, the scan skips ahead to the
 * next position whose two characters begin a literal: those tests do not wait on one another, unlike the
 * transitions, so most of a text goes by at a few cycles a character.
 */
public final class AhoCorasick {
    private final byte[] charClass = new byte[128];
    private final int classes;
    private final PatternTrie trie;
    /**
     * The transition rows of the states a scan has reached, made as scans first take each transition: a scan
     * reaches a few percent of the states (the issue 20 scan 14,128 of SigmaHQ's 196,358), and full rows for all
     * of them were 29.8 MB built in every run. A row is {@code classes} entries, the target's row offset ({@code ~}
     * when the target reports; 0 while not made), its state plus one, the number of literals it reports and each
     * of them plus one: a report reads the lines its row is on. Row offset 0 is no row, so that 0 means "not made".
     * Scans read this racily: every entry they can see is 0 or its one final value, and on 0 they ask under the lock.
     */
    private volatile int[] rows;
    /** Per state, its row offset, 0 while it has none; guarded by this. */
    private final int[] rowOf;
    /** Where the next row goes in {@link #rows} (offset 0 is no row); guarded by this. */
    private int rowEnd = 1;
    /** Rows made (the root's included); guarded by this. */
    private int rowCount;
    /** The root's row offset. */
    private final int root;
    /** Per class: some literal is that one character. */
    private final boolean[] single;
    /** Per pair of classes (first * classes + second): some literal starts with those two characters. */
    private final boolean[] pair;
    /**
     * Wu-Manber skip over windows of {@code window} characters (the shortest literal's length, at most 127):
     * per pair of classes, how far the window's last two characters let a literal's start move ahead; null when
     * the shortest literal is under three characters.
     */
    private final byte[] shift;
    private final int window;

    public AhoCorasick(List<String> literals) {
        int k = 1;
        for (String s : literals) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 128) throw new IllegalArgumentException("ASCII literals only: " + s);
                if (charClass[c] == 0) {
                    if (k > 127) throw new IllegalArgumentException("too many distinct characters");
                    charClass[c] = (byte) k;
                    char u = Character.toUpperCase(c);
                    if (u < 128 && u != c) charClass[u] = (byte) k;
                    k++;
                }
            }
        }
        classes = k;
        long chars = 1;
        for (String lit : literals) chars += lit.length();
        // sized once rather than grown from 64 by doubling (the Hashes trie, 86,000 states, was copied 11 times)
        PatternTrie.Builder builder = new PatternTrie.Builder((int) Math.min(chars, 1 << 20));
        for (String lit : literals) {
            int state = 0;
            for (int i = 0; i < lit.length(); i++) state = builder.child(state, charClass[lit.charAt(i)]);
            builder.end(state);
        }
        trie = builder.build();
        rowOf = new int[trie.states()];
        rows = new int[(classes + 3) * 8];
        synchronized (this) {
            root = newRow(0);
        }
        single = new boolean[classes];
        pair = new boolean[classes * classes];
        for (String s : literals) {
            if (s.isEmpty()) continue;
            int c1 = charClass[s.charAt(0)];
            if (s.length() == 1) single[c1] = true;
            else pair[c1 * classes + charClass[s.charAt(1)]] = true;
        }
        int shortest = Integer.MAX_VALUE;
        for (String s : literals) shortest = Math.min(shortest, s.length());
        window = Math.min(shortest, 127);
        if (window >= 3) {
            shift = new byte[classes * classes];
            Arrays.fill(shift, (byte) (window - 1));
            for (String s : literals) {
                for (int q = 0; q + 1 < window; q++) {
                    int b = charClass[s.charAt(q)] * classes + charClass[s.charAt(q + 1)];
                    shift[b] = (byte) Math.min(shift[b], window - 2 - q);
                }
            }
        } else {
            shift = null;
        }
    }

    /** Receives the index of each literal found (possibly more than once). */
    @FunctionalInterface
    public interface Hits {
        void hit(int literal);
    }

    /** Reports every literal occurring in the text; true when the text holds a character outside ASCII. */
    public boolean scan(String text, Hits hits) {
        int top = root;
        int row = top;
        int[] nx = rows;
        byte[] cls = charClass;
        boolean[] one = single;
        boolean[] two = pair;
        int k = classes;
        boolean wide = false;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char ch = text.charAt(i);
            int c;
            if (ch < 128) {
                c = cls[ch];
            } else {
                c = foldedClass(ch);
                wide = true;
            }
            if (row == top) {
                // at the root, a literal can only start where its first two characters (or itself) are
                while (!one[c]) {
                    if (i + 1 >= n) return wide;
                    char ch2 = text.charAt(i + 1);
                    int c2;
                    if (ch2 < 128) {
                        c2 = cls[ch2];
                    } else {
                        c2 = foldedClass(ch2);
                        wide = true;
                    }
                    if (two[c * k + c2]) break;
                    i++;
                    c = c2;
                }
            }
            int t = nx[row + c];
            if (t == 0) t = (nx = make(row, c))[row + c];
            if (t > 0) {
                row = t;
            } else {
                row = ~t;
                report(nx, row, hits);
            }
            i++;
        }
        return wide;
    }

    /**
     * Reports every literal occurring in the text, as {@link #scan} does, without telling whether it holds a
     * character outside ASCII: so, when all literals have three characters or more, at the root it can jump
     * over the text a window of the shortest literal's length at a time (Wu-Manber), looking at the window's
     * last two characters only. No literal starts within the positions a jump passes: a literal starting
     * there would put one of its first pairs of characters at the window's end, and the jump is no longer
     * than that pair's distance from the literal's start allows. At the root no literal is under way, so every
     * occurrence left starts at or after the current position.
     */
    public void find(String text, Hits hits) {
        byte[] sh = shift;
        if (sh == null) {
            scan(text, hits);
            return;
        }
        int[] nx = rows;
        byte[] cls = charClass;
        int k = classes;
        int m1 = window - 1;
        int n = text.length();
        int top = root;
        int row = top;
        int i = 0;
        while (true) {
            if (row == top) {
                while (true) {
                    int e = i + m1;
                    if (e >= n) return;
                    char a = text.charAt(e - 1);
                    char b = text.charAt(e);
                    int ca = a < 128 ? cls[a] : foldedClass(a);
                    int cb = b < 128 ? cls[b] : foldedClass(b);
                    int s = sh[ca * k + cb];
                    if (s == 0) break;
                    i += s;
                }
            } else if (i >= n) {
                return;
            }
            char ch = text.charAt(i);
            int c = ch < 128 ? cls[ch] : foldedClass(ch);
            int t = nx[row + c];
            if (t == 0) t = (nx = make(row, c))[row + c];
            if (t > 0) {
                row = t;
            } else {
                row = ~t;
                report(nx, row, hits);
            }
            i++;
        }
    }

    /** Makes the transition from the row at {@code row} by class {@code c} (and its target's row); the rows now. */
    private synchronized int[] make(int row, int c) {
        int[] t = rows;
        if (t[row + c] != 0) return t;
        int target = trie.step(t[row + classes] - 1, c);
        int offset = rowOf[target];
        if (offset == 0) {
            offset = newRow(target);
            t = rows;
        }
        t[row + c] = t[offset + classes + 1] == 0 ? offset : ~offset;
        return t;
    }

    /** Adds a row for {@code state}, its transitions not made yet; its offset. The lock held. */
    private int newRow(int state) {
        // its own literals, then its failure states' up to the root's (an empty literal's), as they were added
        int reported = 0;
        for (int s = state; ; s = trie.fail(s)) {
            reported += trie.firstPattern(s + 1) - trie.firstPattern(s);
            if (s == 0) break;
        }
        int offset = rowEnd;
        int[] t = rows;
        if (offset + classes + 2 + reported > t.length) t = Arrays.copyOf(t, Math.max(t.length * 2, offset + classes + 2 + reported));
        t[offset + classes] = state + 1;
        t[offset + classes + 1] = reported;
        int at = offset + classes + 2;
        for (int s = state; ; s = trie.fail(s)) {
            for (int j = trie.firstPattern(s); j < trie.firstPattern(s + 1); j++) t[at++] = trie.pattern(j) + 1;
            if (s == 0) break;
        }
        rowOf[state] = offset;
        rowEnd = at;
        rowCount++;
        rows = t;
        return offset;
    }

    /** An entry of the rows as made under the lock: what a racing scan saw as 0. */
    private synchronized int settled(int index) {
        return rows[index];
    }

    /** Reports the literals of the row at {@code row} in {@code nx} (a row that reports). */
    private void report(int[] nx, int row, Hits hits) {
        int at = row + classes + 1;
        int count = nx[at];
        if (count == 0) count = settled(at);
        for (int j = at + 1; j <= at + count; j++) {
            int literal = nx[j];
            hits.hit((literal != 0 ? literal : settled(j)) - 1);
        }
    }

    /** True when the text holds a character outside ASCII. */
    public static boolean wide(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) if (text.charAt(i) >= 128) return true;
        return false;
    }

    /**
     * The ASCII letter a non-ASCII character equals under the rules' case-insensitive comparisons (dotless i and
     * long s upper-case to I and S; dotted capital I and the Kelvin sign lower-case to i and k), else NUL: so
     * the prefilter never misses a value a rule would match.
     */
    private int foldedClass(char ch) {
        return switch (ch) {
            case '\u0130', '\u0131' -> charClass['i'];
            case '\u017f' -> charClass['s'];
            case '\u212a' -> charClass['k'];
            default -> 0;
        };
    }

    /** A length no literal is shorter than: a shorter text holds none. */
    public int shortest() {
        return window;
    }

    public int states() {
        return trie.states();
    }

    /** The states whose transition rows scans have made so far (the root's included). */
    synchronized int rowsMade() {
        return rowCount;
    }

    @Override
    public String toString() {
        return "AhoCorasick[" + states() + " states, " + classes + " classes]" + Arrays.toString(new int[0]);
    }
}
