package dwell.cli;

import dwell.rulecache.RuleCache;
import dwell.text.SafeText;
import java.util.function.Consumer;

/** The rule cache of a command's run: the user's cache folder, or none when the command line says --no-rule-cache. */
final class RuleCacheOption {
    private RuleCacheOption() {
    }

    static RuleCache cache(boolean off) {
        if (off) return RuleCache.off();
        return RuleCache.in(RuleCache.userFolder(System.getenv(), System.getProperty("user.home")), Main.version(),
                new Notes());
    }

    /** Prints the cache's notes on stderr. A class, not a lambda: a YARA cache hit starts no lambda (see RuleCache). */
    private static final class Notes implements Consumer<String> {
        @Override
        public void accept(String note) {
            System.err.println("dwell: note: " + SafeText.visible(note));
        }
    }
}
