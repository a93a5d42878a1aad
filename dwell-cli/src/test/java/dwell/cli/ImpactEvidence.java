package dwell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.text.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A triage copy of one Exchange server, EXCH02.contoso.local, written as its logs are (HttpProxy per protocol, ECP
 * server log, IIS W3C, a JSON export of Security events), three days of it: 60 users reading their own mail, a
 * nightly backup job reading every mailbox through CONTOSO\svc-backup, a delegate reading her manager's mail,
 * Outlook clients downloading the address book, an administrator setting up forwarding and an export of his own.
 * An actor (203.0.113.50) plants a web shell, steals svc-backup, reads seven mailboxes through EWS, MAPI and OWA
 * (one by its SID, which a logon event maps; one refused) and an eighth two days later from a new address with the
 * same script; a developer's script and the backup job look alike but are not the actor's. The actor plants a
 * forwarding rule, exports a mailbox, grants
 * itself impersonation, takes the address book, and fetches an archive from the web root. What the actor did is
 * recorded here as it is written, independently of dwell: {@link #expected} is the impact dwell must report.
 */
final class ImpactEvidence {
    static final String ACTOR = "203.0.113.50";
    static final String SVC = "CONTOSO\\svc-backup";
    static final String OAB = "/OAB/3f1c0a2e-0000-4000-8000-000000000001/oab.xml";
    private static final String PROXY_FIELDS = "DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,"
            + "Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,Organization,AnchorMailbox,"
            + "UserAgent,ClientIpAddress,ServerHostName,HttpStatus,BackEndStatus,ErrorCode,Method,ProxyAction,TargetServer,"
            + "TargetServerVersion,RoutingType,RoutingHint,BackEndCookie,ServerLocatorHost,ServerLocatorLatency,RequestBytes,ResponseBytes";
    private static final String IIS_FIELDS = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
            + "cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

    /** The impact dwell must report for the actor's incident: the incidents.json {@code impact} lists it checks. */
    final ObjectNode expected = Json.object();
    /** Requests the actor's mailbox reads took, and the bytes of every request of the actor's that was answered, per protocol. */
    long actorReadRequests;
    final Map<String, Long> actorBytes = new TreeMap<>();

    private final Map<String, List<String>> files = new TreeMap<>();
    private final Map<String, Object[]> reads = new TreeMap<>();
    private final Random rnd = new Random(23);
    private int requestId;

    /** Writes the evidence under {@code root} and fills {@link #expected}. */
    ImpactEvidence write(Path root) throws IOException {
        List<String> users = new ArrayList<>();
        for (int u = 0; u < 60; u++) users.add("user" + u);
        users.addAll(List.of("ceo", "cfo", "minister.office", "legal", "k.weber", "press", "hr.director"));
        for (int day = 10; day <= 12; day++) {
            for (String u : users) {
                int n = users.indexOf(u);
                String ip = "10.0.1." + (10 + n);
                for (int i = 0; i < 8; i++) {
                    String p = List.of("Ews", "Mapi", "Owa", "Eas").get(rnd.nextInt(4));
                    proxy(time(day, 7 + rnd.nextInt(11), rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1000)), p, "CONTOSO\\" + u,
                            n % 5 == 0 ? "Sid~S-1-5-21-1004336348-1177238915-682003330-" + (2000 + n) : "SMTP:" + u + "@contoso.local",
                            ip, "Microsoft Office/16.0", 200, 2000 + rnd.nextInt(30_000));
                }
                web(time(day, 8, n % 60, 0, 0), ip, "GET", "/owa/", "CONTOSO\\" + u, "Mozilla/5.0+(Windows+NT+10.0)", 200);
                // the nightly backup job: every mailbox, through the account the actor will steal
                proxy(time(day, 2, n % 60, n % 7, 0), "Ews", SVC, "Smtp~" + u + "@contoso.local", "10.0.3.10", "BackupAgent/5.1", 200, 800_000);
            }
            for (int i = 0; i < 20; i++) {
                String ip = "10.0.1." + (10 + i);
                String t = time(day, 9, i, 30, 0);
                web(t.substring(0, 19) + "Z", ip, "GET", OAB, "CONTOSO\\user" + i, "Microsoft Office/16.0", 200);
                proxy(t, "Oab", "CONTOSO\\user" + i, "SMTP:user" + i + "@contoso.local", ip, "Microsoft Office/16.0", 200, 95_000);
            }
            // the delegate reads her manager's mail
            for (int i = 0; i < 6; i++) {
                proxy(time(day, 14, i * 7, 0, 0), "Ews", "CONTOSO\\a.assistant", "Smtp~ceo@contoso.local", "10.0.1.200", "Microsoft Office/16.0", 200, 6000);
            }
        }
        // a logon event maps k.weber's SID, so the actor's Sid~ anchor names her
        json("{\"EventID\":4624,\"Channel\":\"Security\",\"Computer\":\"EXCH02.contoso.local\",\"TimeCreated\":\"2021-05-10T06:58:00Z\","
                + "\"TargetUserName\":\"k.weber\",\"TargetDomainName\":\"CONTOSO\",\"TargetUserSid\":\"S-1-5-21-1004336348-1177238915-682003330-1150\","
                + "\"LogonType\":3,\"IpAddress\":\"10.0.1.71\"}");
        // the administrator's own forwarding and export, from his desk
        ecp("2021-05-11T11:00:00.100Z", "CONTOSO\\administrator", "10.0.2.5", "Set-Mailbox.Identity='m.garcia'.ForwardingSmtpAddress='m.garcia@partner.example'");
        ecp("2021-05-11T11:05:00.100Z", "CONTOSO\\administrator", "10.0.2.5",
                "New-MailboxExportRequest.Mailbox='leaver@contoso.local'.FilePath='\\\\fs01\\pst\\leaver.pst'");
        actor();
        ArrayNode mailboxes = expected.putArray("mailboxes");
        reads.forEach((m, r) -> {
            ObjectNode o = mailboxes.addObject().put("mailbox", m);
            @SuppressWarnings("unchecked") TreeSet<String> protocols = (TreeSet<String>) r[0];
            protocols.forEach(o.putArray("protocols")::add);
            o.put("first", r[1].toString()).put("last", r[2].toString()).put("requests", (Long) r[3]).put("bytes", (Long) r[4]);
        });
        for (Map.Entry<String, List<String>> f : files.entrySet()) {
            Path p = root.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            // a log is written in time order: the header, then the rows, each starting with its time
            List<String> rows = new ArrayList<>(f.getValue().stream().filter(l -> !l.startsWith("#")).sorted().toList());
            List<String> out = new ArrayList<>(f.getValue().stream().filter(l -> l.startsWith("#")).toList());
            out.addAll(rows);
            Files.write(p, out);
        }
        return this;
    }

    private void actor() {
        String ua = "python-requests/2.25.1";
        web("2021-05-11T01:00:00Z", ACTOR, "POST", "/aspnet_client/help.aspx", "-", "Mozilla/5.0+(compatible)", 200);
        read("ceo@contoso.local", "Smtp~ceo@contoso.local", "Ews", 11, 1, 5, 6, 140_000);
        read("cfo@contoso.local", "Smtp~cfo@contoso.local", "Ews", 11, 1, 8, 3, 40_000);
        read("cfo@contoso.local", "Smtp~cfo@contoso.local", "Mapi", 11, 1, 9, 2, 75_000);
        read("minister.office@contoso.local", "SMTP:minister.office@contoso.local", "Owa", 11, 1, 11, 4, 12_000);
        read("contoso\\k.weber", "Sid~S-1-5-21-1004336348-1177238915-682003330-1150", "Ews", 11, 1, 12, 2, 30_000);
        read("legal@contoso.local", "Smtp~legal@contoso.local", "Ews", 12, 3, 2, 5, 60_000);
        read("press@contoso.local", "Smtp~press@contoso.local", "Eas", 12, 3, 4, 3, 9_000);
        read("hr.director@contoso.local", "Smtp~hr.director@contoso.local", "Ews", 12, 3, 6, 2, 25_000);
        // two days on from a new address, the same script with the stolen account: still the actor
        read("198.51.100.77", "treasury@contoso.local", "Smtp~treasury@contoso.local", "Ews", 13, 4, 10, 3, 50_000);
        // a developer's own script reading his own mailbox, and the account's owner job: never the actor
        for (int i = 0; i < 4; i++) {
            proxy(time(13, 9, i, 0, 0), "Ews", "CONTOSO\\dev.ops", "Smtp~dev.ops@contoso.local", "10.0.5.5", "python-requests/2.25.1", 200, 7000);
        }
        proxy(time(13, 2, 0, 0, 0), "Ews", SVC, "Smtp~payroll@contoso.local", "10.0.3.10", "BackupAgent/5.1", 200, 800_000);
        // refused, and a routing anchor: neither is a mailbox read (the routing one is an answered request all the same)
        proxy("2021-05-11T01:13:00.000Z", "Ews", SVC, "Smtp~sec.officer@contoso.local", ACTOR, ua, 401, 280);
        proxy("2021-05-11T01:13:10.000Z", "Ews", SVC, "ServerInfo~EXCH02.contoso.local", ACTOR, ua, 200, 310);
        actorBytes.merge("Ews", 310L, Long::sum);
        // acts through ECP, as the ECP server log records them
        ecp("2021-05-11T01:20:00.250Z", SVC, ACTOR, "New-InboxRule.Mailbox='cfo@contoso.local'.Name='sync'.ForwardTo='drop@relay.example'");
        ecp("2021-05-11T01:21:00.250Z", SVC, ACTOR, "New-MailboxExportRequest.Mailbox='ceo@contoso.local'.FilePath='\\\\EXCH02\\c$\\inetpub\\wwwroot\\aspnet_client\\ceo.pst'");
        ecp("2021-05-11T01:22:00.250Z", SVC, ACTOR, "New-ManagementRoleAssignment.Role='ApplicationImpersonation'.User='svc-backup'");
        ecp("2021-05-11T01:22:30.250Z", SVC, ACTOR, "New-ManagementRoleAssignment.Role='View-Only Recipients'.User='svc-backup'");
        // the address book, once in IIS and once in HttpProxy: one download
        web("2021-05-11T01:25:00Z", ACTOR, "GET", OAB, SVC, ua, 200);
        proxy("2021-05-11T01:25:00.412Z", "Oab", SVC, "", ACTOR, ua, 200, 95_000);
        actorBytes.merge("Oab", 95_000L, Long::sum);
        // the export is fetched from the web root it was written to
        web("2021-05-11T01:40:00Z", ACTOR, "GET", "/aspnet_client/ceo.pst", "-", ua, 200);
        ArrayNode fw = expected.putArray("forwarding");
        fw.addObject().put("mailbox", "cfo@contoso.local").put("to", "drop@relay.example").put("time", "2021-05-11T01:20:00.250Z").put("how", "inbox-rule");
        expected.putArray("exports").addObject().put("mailbox", "ceo@contoso.local")
                .put("path", "\\\\EXCH02\\c$\\inetpub\\wwwroot\\aspnet_client\\ceo.pst").put("time", "2021-05-11T01:21:00.250Z");
        expected.putArray("permissions").addObject().put("mailbox", "*").put("grantee", "svc-backup").put("rights", "ApplicationImpersonation")
                .put("time", "2021-05-11T01:22:00.250Z");
        expected.putArray("address_book").addObject().put("time", "2021-05-11T01:25:00Z").put("path", OAB);
        expected.putArray("staged").addObject().put("path", "\\\\EXCH02\\c$\\inetpub\\wwwroot\\aspnet_client\\ceo.pst")
                .put("time", "2021-05-11T01:21:00.250Z").put("how", "export").put("downloaded", "2021-05-11T01:40:00Z");
    }

    /** {@code n} requests of the actor's to one mailbox, a minute apart from {@code hh:mm} on day {@code day}. */
    private void read(String mailbox, String anchor, String protocol, int day, int hh, int mm, int n, long bytes) {
        read(ACTOR, mailbox, anchor, protocol, day, hh, mm, n, bytes);
    }

    private void read(String ip, String mailbox, String anchor, String protocol, int day, int hh, int mm, int n, long bytes) {
        Object[] r = reads.computeIfAbsent(mailbox, k -> new Object[] {new TreeSet<String>(), null, null, 0L, 0L});
        for (int i = 0; i < n; i++) {
            String t = time(day, hh, mm, i * 7, 120 + i);
            proxy(t, protocol, SVC, anchor, ip, "python-requests/2.25.1", 200, bytes + i);
            @SuppressWarnings("unchecked") TreeSet<String> protocols = (TreeSet<String>) r[0];
            protocols.add(protocol);
            Instant at = Instant.parse(t);
            if (r[1] == null || at.isBefore((Instant) r[1])) r[1] = at;
            if (r[2] == null || at.isAfter((Instant) r[2])) r[2] = at;
            r[3] = (Long) r[3] + 1;
            r[4] = (Long) r[4] + bytes + i;
            actorReadRequests++;
            actorBytes.merge(protocol, bytes + i, Long::sum);
        }
    }

    private static String time(int day, int hh, int mm, int ss, int ms) {
        return String.format("2021-05-%02dT%02d:%02d:%02d.%03dZ", day, hh, mm, ss, ms);
    }

    private void proxy(String t, String protocol, String user, String anchor, String ip, String ua, int status, long bytes) {
        String stem = switch (protocol) {
            case "Ews" -> "/EWS/Exchange.asmx";
            case "Mapi" -> "/mapi/emsmdb/";
            case "Oab" -> OAB;
            case "Eas" -> "/Microsoft-Server-ActiveSync/default.eas";
            default -> "/owa/service.svc";
        };
        String id = String.format("%08x-0000-4000-8000-%012x", ++requestId, requestId);
        String row = String.join(",", t, id, "15", "1", "2242", "4", "", protocol, "mail.contoso.com", stem, "", "Negotiate",
                "True", user, "", anchor, csv(ua), ip, "EXCH02.contoso.local", String.valueOf(status), String.valueOf(status), "",
                protocol.equals("Oab") ? "GET" : "POST", "Proxy", "EXCH02.contoso.local", "Version 15.1 (Build 2242.4)", "", "", "", "", "",
                "512", String.valueOf(bytes));
        lines("EXCH02/Exchange/Logging/HttpProxy/" + protocol + "/HttpProxy_202105" + t.substring(8, 10) + "00-1.LOG",
                "#Software: Microsoft Exchange Server", "#Version: 15.01.2242.004", "#Log-type: HttpProxy Logs",
                "#Date: " + t.substring(0, 10) + "T00:00:01.000Z", "#Fields: " + PROXY_FIELDS).add(row);
    }

    private void ecp(String t, String user, String ip, String cmd) {
        String data = "S:TIME=312;S:SID=" + String.format("%08x-aaaa-4bbb-8ccc-%012x", ++requestId, requestId)
                + ";S:URL=/ecp/DDI/DDIService.svc/NewObject;S:USR=" + user + ";S:IP=" + ip + ";S:UA=python-requests/2.25.1;S:CMD=" + cmd + ";";
        lines("EXCH02/Exchange/Logging/ECP/Server/ECPServer_202105" + t.substring(8, 10) + "00-1.LOG",
                "#Software: Microsoft Exchange Server", "#Version: 15.01.2242.004", "#Log-type: ECP Server Log",
                "#Date: " + t.substring(0, 10) + "T00:00:05.000Z", "#Fields: TimeStamp,ServerName,EventId,EventData")
                .add(t + ",EXCH02,ECP.Request," + csv(data));
    }

    private void web(String t, String ip, String method, String stem, String user, String ua, int status) {
        lines("EXCH02/inetpub/logs/LogFiles/W3SVC1/u_ex2105" + t.substring(8, 10) + ".log",
                "#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0", "#Date: " + t.substring(0, 10) + " 00:00:01",
                "#Fields: " + IIS_FIELDS)
                .add(t.substring(0, 10) + " " + t.substring(11, 19) + " 10.0.0.22 " + method + " " + stem + " - 443 " + user + " " + ip
                        + " " + ua.replace(' ', '+') + " - " + status + " 0 0 " + (20 + rnd.nextInt(200)));
    }

    private void json(String line) {
        lines("EXCH02/events/security.ndjson").add(line);
    }

    private List<String> lines(String file, String... header) {
        return files.computeIfAbsent(file, k -> new ArrayList<>(List.of(header)));
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
