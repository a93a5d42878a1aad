package dwell.hunt;

/** Rule titles made for people from what feeds and rule files say: one line, of bounded length. */
public final class Titles {
    private Titles() {
    }

    /** {@code s} on one line (whitespace runs made one space), cut to {@code max} characters ending "..." when longer. */
    public static String oneLine(String s, int max) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 3).stripTrailing() + "...";
    }
}
