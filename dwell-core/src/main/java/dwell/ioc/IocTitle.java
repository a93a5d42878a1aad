package dwell.ioc;

import dwell.hunt.Titles;
import java.util.List;

/**
 * The title of an IOC finding, for people: {@code IOC: NAME (VALUE)}. NAME is the indicator's own description
 * (LOKI comment, CSV comment or description column, STIX indicator name or description, MISP comment or event
 * info), else its feed's file name; VALUE a short form of what it matches: the value itself, a hash's kind and
 * first digits, a glob or LIKE pattern as written, and for a regular expression the literal text every match holds,
 * as a glob ({@code RedirSuite*.aspx}; a LOKI file name regex gives the file name) or, with fewer than three such
 * characters, the words {@code TYPE pattern}. A raw regex is never a title: the indicator stays whole in the
 * finding's details.
 */
final class IocTitle {
    /** Longest name kept, in characters. */
    static final int MAX_NAME = 100;
    /** Longest value kept, in characters. */
    static final int MAX_VALUE = 60;
    /** Hex digits of a hash shown. */
    static final int HASH_DIGITS = 16;

    private IocTitle() {
    }

    static String of(Ioc ioc) {
        String name = ioc.comment() == null || ioc.comment().isBlank() ? ioc.source().feedName() : ioc.comment();
        return "IOC: " + Titles.oneLine(name, MAX_NAME) + " (" + Titles.oneLine(value(ioc.value()), MAX_VALUE) + ")";
    }

    /** The short form of an indicator's value. */
    static String value(IocValue v) {
        if (v instanceof IocValue.Hash h) {
            return h.type().id() + " " + h.hex().substring(0, HASH_DIGITS) + "..."; // MD5, the shortest, has 32
        }
        if (v instanceof IocValue.Pattern p && p.pattern().syntax() == TextPattern.Syntax.REGEX) {
            List<String> runs = TextPattern.Literals.runs(p.pattern().source());
            int chars = runs.stream().mapToInt(String::length).sum();
            return chars < TextPattern.Literals.MIN ? p.type().id() + " pattern" : String.join("*", runs);
        }
        return v.text();
    }
}
