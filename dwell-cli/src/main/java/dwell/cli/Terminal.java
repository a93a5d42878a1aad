package dwell.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Whether standard output or error is an interactive terminal, and whether it takes colour. */
record Terminal(boolean stdout, boolean stderr, boolean colours) {
    /** The process's own streams and environment. */
    static Terminal detect() {
        return of(isTty(1), isTty(2), System.getenv());
    }

    /**
     * Colour goes to a terminal whose TERM is not {@code dumb}, unless NO_COLOR is set to anything non-empty
     * (no-color.org).
     */
    static Terminal of(boolean stdout, boolean stderr, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        boolean colours = stdout && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
        return new Terminal(stdout, stderr, colours);
    }

    /**
     * Java 17 cannot ask isatty() of one descriptor; on Linux its /proc link names the device (a pseudo-terminal or
     * a console), elsewhere System.console() says whether the process talks to a terminal at all.
     */
    private static boolean isTty(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
