package dwell.format.text;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.format.Clue;
import dwell.format.Head;
import dwell.format.LogFormat;
import dwell.format.Series;

/**
 * A text log format: sniffed on the text of an item's head (a binary head is never one of them), read with a cap
 * on the length of a line (or record) so that one huge line cannot exhaust memory.
 */
public abstract class TextFormat extends LogFormat {
    /** The cap on one line or record, in bytes. */
    protected final int maxLine;

    protected TextFormat(FormatId id, LogSource logSource, Series series, int maxLine) {
        super(id, logSource, series);
        this.maxLine = maxLine;
    }

    @Override
    public final Clue sniff(Head head) {
        return head.text() == null ? null : sniffText(head);
    }

    /** The strongest clue in a head that is text, or null. */
    protected abstract Clue sniffText(Head head);
}
