package dwell.format.evtx;

/**
 * The layouts of one field table (System and all, or data) that a template's events gave, the one used last first:
 * one outer template often carries events of several kinds whose data come in nested templates of their own (a
 * single layout changed from kind to kind: a third of the corpus's events would set other names than the last).
 * Read and written without locks: an array is replaced, never changed, and a reader skips what it cannot see yet.
 */
final class FieldLayouts {
    /** Enough for the kinds of events one chunk mixes under one template in the samples, few enough to try in turn. */
    private static final int KEPT = 8;
    private FieldLayout[] recent = new FieldLayout[0];

    FieldLayout[] recent() {
        return recent;
    }

    /** Makes {@code layout} the first to try. */
    void used(FieldLayout layout) {
        FieldLayout[] old = recent;
        if (old.length > 0 && old[0] == layout) return;
        FieldLayout[] now = new FieldLayout[Math.min(KEPT, old.length + 1)];
        now[0] = layout;
        for (int i = 0, j = 1; i < old.length && j < now.length; i++) {
            if (old[i] != layout) now[j++] = old[i];
        }
        recent = now;
    }
}
