package dwell.exchange.pack;

import dwell.evidence.EvidenceItem;
import dwell.hunt.Detector;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.FindingSink;
import dwell.hunt.Indicator;
import dwell.hunt.RuleRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The file checks of Test-ProxyLogon and the Exchange web-shell hunts, on the evidence items themselves:
 * pages in aspnet_client, strangers in ecp\auth and owa\auth, LSASS dumps, archives in ProgramData, and
 * web-shell code in server pages. A finding's time is the item's mtime, when the file was last written.
 */
final class ExchangeFileChecks implements Detector {
    static final String OWA_AUTH_FILES = "/dwell/builtin/exchange/owa-auth-files.txt";
    private static final Set<String> PAGES = Set.of("aspx", "ashx", "asmx");
    private static final Set<String> SCRIPT_PAGES = Set.of("aspx", "ashx", "asmx", "asp");
    private static final Set<String> ARCHIVES = Set.of("zip", "7z", "rar");

    private final CheckRules rules;
    private final Set<String> owaAuthFiles;

    public ExchangeFileChecks(CheckRules rules) {
        this.rules = rules;
        this.owaAuthFiles = ResourceLists.lowerCaseSet(OWA_AUTH_FILES);
    }

    @Override
    public String id() {
        return ExchangePack.DETECTOR;
    }

    /** A finding here is one file's alone: any share can run this check. */
    @Override
    public boolean itemLocal() {
        return true;
    }

    @Override
    public boolean wantsItems() {
        return true;
    }

    @Override
    public void onItem(EvidenceItem item, Path content, FindingSink sink) {
        EvidencePath p = EvidencePath.of(item.path());
        String ext = p.extension();
        if (PAGES.contains(ext) && p.under("aspnet_client")) {
            sink.add(finding("aspnet-client-page", item, Map.of()));
        }
        String ecpAuth = p.below("frontend/httpproxy/ecp/auth");
        if (ecpAuth != null && !(ecpAuth.isEmpty() && p.name().equals("timeoutlogoff.aspx"))) {
            sink.add(finding("ecp-auth-file", item, Map.of()));
        }
        String owaAuth = p.below("frontend/httpproxy/owa/auth");
        if (owaAuth != null && (ext.equals("aspx") || ext.equals("ashx"))
                && !(owaAuth.isEmpty() && owaAuthFiles.contains(p.name()))) {
            sink.add(finding("owa-auth-page", item, Map.of()));
        }
        if (p.name().startsWith("lsass") && ext.equals("dmp")) {
            sink.add(finding("lsass-dump", item, Map.of()));
        }
        if (ARCHIVES.contains(ext) && p.under("programdata")) {
            sink.add(finding("programdata-archive", item, Map.of()));
        }
        if (SCRIPT_PAGES.contains(ext)) scanContent(item, content, sink);
    }

    private void scanContent(EvidenceItem item, Path content, FindingSink sink) {
        Optional<WebShellContent.Match> m;
        try {
            m = WebShellContent.scan(content);
        } catch (IOException e) {
            // the catalog reports unreadable items; a page we cannot read has no content to judge
            return;
        }
        m.ifPresent(match -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("form", match.form());
            details.put("match", match.text());
            details.put("offset", match.offset());
            sink.add(finding("webshell-content", item, details));
        });
    }

    private Finding finding(String check, EvidenceItem item, Map<String, Object> extra) {
        RuleRef rule = rules.rule(check);
        Map<String, String> event = new LinkedHashMap<>();
        event.put("path", item.path());
        event.put("name", item.fileName());
        event.put("size", Long.toString(item.size()));
        if (item.mtime() != null) event.put("mtime", item.mtime().toString());
        if (item.sha256() != null) event.put("sha256", item.sha256());
        Map<String, Object> details = new LinkedHashMap<>(extra);
        List<Indicator> indicators = item.sha256() == null
                ? List.of(new Indicator("file-name", item.fileName()))
                : List.of(new Indicator("file-name", item.fileName()), new Indicator("sha256", item.sha256()));
        EvidenceRef where = new EvidenceRef(item.path(), item.sha256(), item.format() == null ? null : item.format().id(), 0, 0);
        return Finding.of(item.mtime(), ExchangePack.DETECTOR, rule, null, where, event, indicators, details);
    }
}
