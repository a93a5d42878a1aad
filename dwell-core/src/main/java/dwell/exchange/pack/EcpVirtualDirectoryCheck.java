package dwell.exchange.pack;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dwell.event.Event;
import dwell.format.exchange.EcpLog;
import dwell.hunt.Detector;
import dwell.hunt.EventFindings;
import dwell.hunt.FindingSink;
import dwell.hunt.RuleRef;
import java.util.Map;
import java.util.Optional;

/**
 * Test-ProxyLogon's CVE-2021-27065 check on ECP Server log lines: a {@code Set-*VirtualDirectory} command whose
 * URL parameter carries an HTML or script tag ({@code S:CMD=Set-OabVirtualDirectory.ExternalUrl='http://f/<script...}).
 * Microsoft's regex also wants a second "VirtualDirectory" after the closing tag, which the published real
 * log lines do not have, so only the command, the URL parameter and an opening tag inside it are required.
 */
final class EcpVirtualDirectoryCheck implements Detector {
    private static final Pattern SET_VDIR = Pattern.compile("(?i)Set-[a-z]*VirtualDirectory");
    // the URL parameter's value up to the end of the command, then an opening tag within it
    private static final Pattern URL_WITH_TAG = Pattern.compile("(?i)Url=.*?<[a-z][a-z0-9]*(?:[\\s/>]|$)");
    // the next S:KEY= pair of the EventData; CSV quoting may put a quote before it (;;'S:EX=)
    private static final Pattern NEXT_KEY = Pattern.compile(";'?S:[A-Za-z]+=");

    private final RuleRef rule;

    public EcpVirtualDirectoryCheck(CheckRules rules) {
        this.rule = rules.rule("cve-2021-27065-ecp-vdir-script");
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
        if (event.format() != EcpLog.ID) return;
        // the reader splits EventData into its S:KEY= pairs; the raw line is the fallback for other layouts
        String text = event.get("CMD");
        if (text == null) text = event.raw();
        if (text == null) return;
        scriptedCommand(text).ifPresent(cmd -> sink.add(EventFindings.of(ExchangePack.DETECTOR, rule, event,
                Map.of("command", cmd))));
    }

    /** The Set-*VirtualDirectory command of the line when its URL parameter holds a tag. */
    static Optional<String> scriptedCommand(String line) {
        Matcher set = SET_VDIR.matcher(line);
        while (set.find()) {
            Matcher next = NEXT_KEY.matcher(line);
            int end = next.find(set.end()) ? next.start() : line.length();
            String command = line.substring(set.start(), end);
            if (URL_WITH_TAG.matcher(command).find()) return Optional.of(command);
        }
        return Optional.empty();
    }
}
