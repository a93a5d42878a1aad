package dwell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The words of a command line after its subcommand, split the way picocli reads the plain forms - paths, flags and
 * options with one value ({@code --name value}, {@code --name=value}, {@code -n value}) - for the commands read without
 * picocli ({@link YaraScanArgs}, {@link EvtxDumpArgs}). A word picocli might read otherwise makes the whole line null.
 */
final class PlainArgs {
    private PlainArgs() {
    }

    /** A path ({@code name} null), a flag ({@code value} null), or an option and its value. */
    record Word(String name, String value) {
    }

    /**
     * The words of {@code args} from {@code from} on, {@code flags} naming the options without a value; null for an
     * empty word, an {@code @}argument file, a flag given a value, a missing value or one that starts like an option.
     */
    static List<Word> split(String[] args, int from, Set<String> flags) {
        List<Word> words = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.startsWith("@")) return null;
            if (!a.startsWith("-")) {
                words.add(new Word(null, a));
                continue;
            }
            if (flags.contains(a)) {
                words.add(new Word(a, null));
                continue;
            }
            String name = a;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else {
                if (++i >= args.length) return null;
                value = args[i];
            }
            if (flags.contains(name) || value.isEmpty() || value.startsWith("-") || value.startsWith("@")) return null;
            words.add(new Word(name, value));
        }
        return words;
    }

    /** Whether {@code s} is 1 to {@code max} decimal digits: a number every integer converter reads alike. */
    static boolean digits(String s, int max) {
        // a leading zero could be read as octal by a converter that decodes radix prefixes
        if (s.isEmpty() || s.length() > max || (s.length() > 1 && s.charAt(0) == '0')) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }
}
