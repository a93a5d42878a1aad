package dwell.exchange.pack;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dwell.event.Event;
import dwell.format.exchange.OabGeneratorLog;
import dwell.hunt.Detector;
import dwell.hunt.EventFindings;
import dwell.hunt.FindingSink;
import dwell.hunt.Indicator;
import dwell.hunt.RuleRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test-ProxyLogon's CVE-2021-26858 check on OAB generator log lines: the temporary file of a failed download
 * lies outside ClientAccess\OAB. Offline the install path is unknown, so any {@code <drive>:\...\ClientAccess\OAB}
 * folder counts as the OAB folder; a {@code ..} segment never does, since it can climb out of it.
 */
final class OabDownloadCheck implements Detector {
    // Select-String and -match are case-insensitive, so this is too.
    private static final Pattern DOWNLOAD_FAILED =
            Pattern.compile("(?i)Download failed and temporary file (.*?) needs to be removed");
    private static final Pattern OAB_FOLDER =
            Pattern.compile("(?i)^[a-z]:\\\\(?:[^\\\\]+\\\\)*ClientAccess\\\\OAB(?:\\\\|$)");
    private static final Pattern CLIMB = Pattern.compile("(?:^|\\\\)\\.\\.(?:\\\\|$)");

    private final RuleRef rule;

    public OabDownloadCheck(CheckRules rules) {
        this.rule = rules.rule("cve-2021-26858-oab-temp-file");
    }

    @Override
    public String id() {
        return ExchangePack.DETECTOR;
    }

    /** A finding here is one line's alone: any share can run this check. */
    @Override
    public boolean itemLocal() {
        return true;
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        if (event.format() != OabGeneratorLog.ID) return;
        String raw = event.raw();
        if (raw == null) return;
        suspiciousPath(raw).ifPresent(path -> sink.add(EventFindings.of(ExchangePack.DETECTOR, rule, event,
                List.of(new Indicator("path", path)), Map.of("temporary_file", path))));
    }

    /** The temporary file path of a 'Download failed' line when it lies outside ClientAccess\OAB. */
    static Optional<String> suspiciousPath(String line) {
        Matcher m = DOWNLOAD_FAILED.matcher(line);
        if (!m.find()) return Optional.empty();
        String path = unquote(m.group(1).strip());
        if (path.isEmpty() || isOabFolder(path)) return Optional.empty();
        return Optional.of(path);
    }

    static boolean isOabFolder(String path) {
        String p = path.replace('/', '\\');
        if (p.startsWith("\\\\?\\")) p = p.substring(4);
        return !CLIMB.matcher(p).find() && OAB_FOLDER.matcher(p).find();
    }

    private static String unquote(String s) {
        while (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')
                && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
