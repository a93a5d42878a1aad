package dwell.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The words of a command line after its subcommand, split the way picocli reads the plain forms - paths, flags and
 * options with one value ({@code --name value}, {@code --name=value}, {@code -n value}) - for the commands read without
 * picocli ({@link YaraScanArgs}, {@link EvtxDumpArgs}, {@link ScanArgs}). A word picocli might read otherwise makes
 * the whole line null. {@code words} are the paths as written (a command that keeps them as strings sees no
 * trailing slash dropped).
 */
record PlainArgs(List<String> words, List<PlainArgs.Option> options) {
    /** A flag ({@code value} null) or an option and its value. */
    record Option(String name, String value) {
    }

    /**
     * The paths and options of {@code args} from {@code from} on, {@code flags} naming the options without a value;
     * null for an empty word, an {@code @}argument file, a flag given a value, a missing value or one that starts like
     * an option, a path this file system refuses.
     */
    static PlainArgs read(String[] args, int from, Set<String> flags) {
        List<String> words = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.startsWith("@")) return null;
            if (!a.startsWith("-")) {
                if (path(a) == null) return null;
                words.add(a);
                continue;
            }
            if (flags.contains(a)) {
                options.add(new Option(a, null));
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
            options.add(new Option(name, value));
        }
        return new PlainArgs(words, options);
    }

    /** The paths named. */
    List<Path> paths() {
        // a loop, not a stream: the fast paths start no lambda (see Main.ThreadDeaths)
        List<Path> paths = new ArrayList<>(words.size());
        for (String w : words) paths.add(Path.of(w));
        return paths;
    }

    /** {@code s} as a path, or null when this file system refuses it (picocli then reports it). */
    static Path path(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
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
