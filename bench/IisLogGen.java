import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates the IOC benchmark data: 100,000 indicators (IPv4 addresses, domains, SHA-256 hashes) as a plain
 * dwell feed (iocs.txt) and as ripgrep's pattern file (values.txt), and IIS W3C logs of Exchange-like traffic
 * in which a known number of lines carry an indicator (in c-ip, cs-host or cs(Referer)). Deterministic (seeded).
 * Usage: java IisLogGen.java OUT_DIR TOTAL_MB FILES
 */
public final class IisLogGen {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long total = Long.parseLong(args[1]) * 1024 * 1024;
        int files = Integer.parseInt(args[2]);
        Random r = new Random(20210302);
        Set<String> ips = new LinkedHashSet<>();
        while (ips.size() < 40_000) {
            int first = 1 + r.nextInt(222);
            if (first == 10 || first == 172) continue; // the normal clients' ranges
            ips.add(first + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254)));
        }
        Set<String> domains = new LinkedHashSet<>();
        String[] tlds = {"com", "net", "org", "info", "ru", "cn", "top", "xyz", "biz", "io"};
        while (domains.size() < 40_000) domains.add(word(r, 6 + r.nextInt(8)) + "." + tlds[r.nextInt(tlds.length)]);
        Set<String> hashes = new LinkedHashSet<>();
        byte[] h = new byte[32];
        while (hashes.size() < 20_000) {
            r.nextBytes(h);
            hashes.add(HexFormat.of().formatHex(h));
        }
        Files.createDirectories(out.resolve("logs"));
        try (BufferedWriter feed = Files.newBufferedWriter(out.resolve("iocs.txt"));
             BufferedWriter values = Files.newBufferedWriter(out.resolve("values.txt"))) {
            feed.write("# dwell IOC benchmark: 40,000 IPv4, 40,000 domains, 20,000 SHA-256\n");
            for (Set<String> s : List.of(ips, domains, hashes)) {
                for (String v : s) {
                    feed.write(v + "\n");
                    values.write(v + "\n");
                }
            }
        }
        List<String> iocIps = new ArrayList<>(ips);
        List<String> iocDomains = new ArrayList<>(domains);
        // normal traffic: clients from 10/8 and 172.16/12 and a few public ranges not in the feed
        List<String> clients = new ArrayList<>();
        while (clients.size() < 5000) {
            String c = r.nextBoolean() ? "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254))
                    : "172." + (16 + r.nextInt(16)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
            clients.add(c);
        }
        String[] hosts = {"mail.contoso.com", "autodiscover.contoso.com", "owa.contoso.com", "mail.fabrikam.local"};
        String[] stems = {"/owa/auth/logon.aspx", "/owa/", "/ecp/default.aspx", "/mapi/emsmdb/", "/mapi/nspi/",
                "/EWS/Exchange.asmx", "/Microsoft-Server-ActiveSync/default.eas", "/autodiscover/autodiscover.xml",
                "/rpc/rpcproxy.dll", "/owa/service.svc", "/ecp/DDI/DDIService.svc/GetList", "/oab/abc/oab.xml"};
        String[] agents = {"Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/89.0.4389.82+Safari/537.36",
                "Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0.13801;+Pro)", "Apple-iPhone12C1/1805.114",
                "MSRPC", "ExchangeServicesClient/15.01.2176.009", "Android-Mail/2021.02.14.356747711.Release"};
        String[] users = {"-", "CONTOSO\\alice", "CONTOSO\\bob", "carol@contoso.com", "CONTOSO\\svc-backup"};
        long perFile = total / files;
        long expected = 0;
        long lines = 0;
        for (int f = 0; f < files; f++) {
            Path p = out.resolve("logs").resolve(String.format("u_ex2103%02d.log", f + 1));
            long written = 0;
            try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                String head = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2021-03-"
                        + String.format("%02d", f + 1) + " 00:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query "
                        + "s-port cs-username c-ip cs(User-Agent) cs(Referer) cs-host sc-status sc-substatus sc-win32-status time-taken\r\n";
                w.write(head);
                written += head.length();
                int sec = 0;
                StringBuilder b = new StringBuilder(512);
                while (written < perFile) {
                    sec++;
                    b.setLength(0);
                    int t = sec / 50;
                    b.append("2021-03-").append(String.format("%02d", f + 1)).append(' ')
                            .append(String.format("%02d:%02d:%02d", (t / 3600) % 24, (t / 60) % 60, t % 60)).append(" 10.0.0.5 ");
                    b.append(r.nextInt(4) == 0 ? "POST " : "GET ");
                    b.append(stems[r.nextInt(stems.length)]).append(' ');
                    b.append(r.nextInt(3) == 0 ? "-" : "ClientId=" + word(r, 20).toUpperCase() + "&cors=true&X-OWA-CANARY=" + word(r, 40)).append(' ');
                    b.append("443 ").append(users[r.nextInt(users.length)]).append(' ');
                    boolean iocIp = r.nextInt(2000) == 0;
                    b.append(iocIp ? iocIps.get(r.nextInt(iocIps.size())) : clients.get(r.nextInt(clients.size()))).append(' ');
                    b.append(agents[r.nextInt(agents.length)]).append(' ');
                    boolean iocRef = r.nextInt(5000) == 0;
                    b.append(iocRef ? "http://www." + iocDomains.get(r.nextInt(iocDomains.size())) + "/p/index.html"
                            : "https://mail.contoso.com/owa/").append(' ');
                    boolean iocHost = r.nextInt(5000) == 0;
                    b.append(iocHost ? "mail." + iocDomains.get(r.nextInt(iocDomains.size())) : hosts[r.nextInt(hosts.length)]).append(' ');
                    b.append(r.nextInt(10) == 0 ? "401 1 2148074254 " : "200 0 0 ").append(r.nextInt(2000)).append("\r\n");
                    if (iocIp) expected++;
                    if (iocRef) expected++;
                    if (iocHost) expected++;
                    w.append(b);
                    written += b.length();
                    lines++;
                }
            }
        }
        Files.writeString(out.resolve("expected.txt"), expected + " " + lines + "\n");
    }

    private static String word(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) ('a' + r.nextInt(26)));
        return b.toString();
    }
}
