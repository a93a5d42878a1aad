package dwell.testkit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes three weeks (or more) of an Exchange front end's IIS W3C logs, one file a day, with planted attacks and the
 * benign look-alikes that must not be taken for them, and knows from what it wrote exactly what a traffic analysis
 * must report.
 *
 * <p>Planted: a 45-minute flood from 2,000 addresses (Wednesday of the last week, 14:00), an 800-attempt password
 * spray from two addresses of one /24 against 400 accounts with one success (Wednesday of the second week, 22:00),
 * an 1,800-attempt brute force on {@code CONTOSO\administrator} (Friday of the second week, 03:00). Benign: business
 * hours and a Monday-morning peak of 650 requests a minute, a nightly job of 700 a minute for four minutes, a
 * monitoring probe every minute, NTLM challenges (401.2) and handshake steps (401.1 with 0x8009030E) before
 * ordinary requests, a phone retrying a stale password once a minute for ten hours, an office whose users mistype
 * their password once and then log on, and a targeted user logging on from her own desk during the spray.
 */
public final class TrafficLogs {
    /** IIS's default fields, as Exchange servers log them (and GoAccess's W3C format reads them). */
    public static final String FIELDS = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
            + "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";
    private static final String BROWSER = "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/89.0.4389.82+Safari/537.36";
    private static final String OUTLOOK = "Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0.13801;+Pro)";
    private static final String PHONE = "Apple-iPhone12C1/1804.67";
    private static final String SPRAYER = "python-requests/2.25.1";
    private static final String[] NORMAL_PATHS = {"/mapi/emsmdb/", "/EWS/Exchange.asmx", "/owa/", "/Microsoft-Server-ActiveSync/default.eas",
        "/autodiscover/autodiscover.xml", "/owa/service.svc"};
    private static final String[] FLOOD_PATHS = {"/owa/", "/owa/auth/logon.aspx", "/", "/ecp/"};
    private static final String[] FLOOD_AGENTS = {"Mozilla/5.0+(compatible;+MSIE+9.0;+Windows+NT+6.1)", "Mozilla/5.0", "curl/7.68.0"};

    /** The planted flood's window: Wednesday of the last week, 14:00 to 14:44. */
    public static final int FLOOD_MINUTES = 45;
    public static final int FLOOD_SOURCES = 2000;
    public static final int FLOOD_PER_MINUTE = 1000;
    public static final int SPRAY_ACCOUNTS = 400;
    public static final String SPRAY_NETWORK = "198.51.100.0/24";
    public static final String SPRAY_SOURCE_1 = "198.51.100.77";
    public static final String SPRAY_SOURCE_2 = "198.51.100.78";
    public static final String FELL_ACCOUNT = "CONTOSO\\k.weber";
    public static final String BRUTE_ACCOUNT = "CONTOSO\\administrator";
    public static final String BRUTE_SOURCE = "203.0.113.50";
    public static final int BRUTE_ATTEMPTS = 1800;

    /** What the logs hold, counted as they were written. */
    public record Expected(String floodStart, String floodEnd, long floodRequests, long floodSources, long floodPeak,
                           long floodServerErrors, String sprayStart, String sprayEnd, long sprayAttempts,
                           long sprayAccounts, String fellTime, String bruteStart, String bruteEnd, long bruteAttempts,
                           long lines) {
    }

    private final Random random;
    private final LocalDate first;
    private final int days;
    private final int scale;
    private final TreeMap<Long, List<String>> lines = new TreeMap<>();
    /** Where the front end's HttpProxy log of its last days goes, or null for the IIS logs alone. */
    private Path proxy;
    /** HttpProxy's fields as Exchange 2016 logs them, those the readers and the traffic analysis look at. */
    public static final String PROXY_FIELDS = "#Fields: DateTime,Protocol,UrlHost,UrlStem,AuthenticationType,IsAuthenticated,"
            + "AuthenticatedUser,AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus,Method,UrlQuery";
    public static final String PROXY_HOST = "EXCH01.contoso.local";
    /** Days at the end that the HttpProxy log covers: from the flood's day on, enough for a baseline by the day (three). */
    public static final int PROXY_DAYS = 5;

    private TrafficLogs(long seed, LocalDate first, int days, int scale) {
        this.random = new Random(seed);
        this.first = first;
        this.days = days;
        this.scale = scale;
    }

    /** Three weeks from Monday 2021-03-01, ordinary traffic at scale 1, into {@code dir}. */
    public static Expected write(Path dir) throws IOException {
        return write(dir, 3, 1);
    }

    /** {@code weeks} weeks from Monday 2021-03-01 (at least 3), ordinary traffic {@code scale} times as busy. */
    public static Expected write(Path dir, int weeks, int scale) throws IOException {
        if (weeks < 3 || scale < 1) throw new IllegalArgumentException("at least 3 weeks, scale at least 1");
        return new TrafficLogs(17, LocalDate.of(2021, 3, 1), weeks * 7, scale).generate(dir);
    }

    /**
     * Three weeks of IIS logs into {@code root/W3SVC1}, and the same requests of the last {@link #PROXY_DAYS} days as
     * the front end's HttpProxy logged them into {@code root/HttpProxy/Owa}: the flood is in both logs.
     */
    public static Expected writeFrontEnd(Path root) throws IOException {
        TrafficLogs t = new TrafficLogs(17, LocalDate.of(2021, 3, 1), 21, 1);
        t.proxy = root.resolve("HttpProxy").resolve("Owa");
        return t.generate(root.resolve("W3SVC1"));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: TrafficLogs DIR WEEKS SCALE");
            System.exit(2);
        }
        Expected e = write(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        System.out.println(e);
    }

    private Expected generate(Path dir) throws IOException {
        LocalDate lastWednesday = first.plusDays(days - 5);
        LocalDate sprayDay = first.plusDays(9);
        LocalDate bruteDay = first.plusDays(11);
        long floodStart = epoch(lastWednesday.atTime(14, 0));
        long floodEnd = floodStart + FLOOD_MINUTES * 60L - 1;
        // the planted lines first (few), then each day's ordinary traffic, written out day by day
        flood(floodStart);
        long[] spray = spray(epoch(sprayDay.atTime(22, 0)));
        long fell = epoch(sprayDay.atTime(22, 41)) + 7;
        add(fell, line(fell, "POST", "/Microsoft-Server-ActiveSync/default.eas", "Cmd=Sync&User=k.weber&DeviceId=X1&DeviceType=iPhone",
                FELL_ACCOUNT, SPRAY_SOURCE_1, SPRAYER, 200, 0, 0));
        for (int i = 1; i <= 20; i++) {
            long t = fell + 3600L * 5 + i * 97L;
            add(t, line(t, "POST", "/EWS/Exchange.asmx", "-", FELL_ACCOUNT, SPRAY_SOURCE_1, SPRAYER, 200, 0, 0));
        }
        long[] brute = brute(epoch(bruteDay.atTime(3, 0)));
        stalePhone(epoch(first.plusDays(14).atTime(7, 0)));
        office(epoch(first.plusDays(7).atTime(7, 5)));
        Files.createDirectories(dir);
        long written = 0;
        long floodRequests = 0;
        long floodErrors = 0;
        Set<String> floodSources = new HashSet<>();
        TreeMap<Long, Long> floodMinutes = new TreeMap<>();
        for (int n = 0; n < days; n++) {
            LocalDate d = first.plusDays(n);
            ordinaryDay(d);
            String name = String.format("u_ex%02d%02d%02d.log", d.getYear() % 100, d.getMonthValue(), d.getDayOfMonth());
            BufferedWriter proxied = proxy == null || n < days - PROXY_DAYS ? null : proxyLog(d);
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8)) {
                out.write("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: " + d
                        + " 00:00:00\r\n" + FIELDS + "\r\n");
                var day = lines.headMap(epoch(d.plusDays(1).atStartOfDay()));
                for (var e : day.entrySet()) {
                    long t = e.getKey();
                    for (String l : e.getValue()) {
                        out.write(l);
                        out.write("\r\n");
                        if (proxied != null) {
                            proxied.write(proxyLine(l));
                            proxied.write("\r\n");
                        }
                        written++;
                        if (t >= floodStart && t <= floodEnd) {
                            String[] f = l.split(" ");
                            floodRequests++;
                            floodSources.add(f[8]);
                            floodMinutes.merge(t / 60, 1L, Long::sum);
                            if (f[11].startsWith("5")) floodErrors++;
                        }
                    }
                }
                day.clear();
            } finally {
                if (proxied != null) proxied.close();
            }
        }
        long peak = floodMinutes.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new Expected(iso(floodStart), iso(floodEnd), floodRequests, floodSources.size(), peak, floodErrors,
                iso(spray[0]), iso(spray[1]), 2L * SPRAY_ACCOUNTS, SPRAY_ACCOUNTS, iso(fell), iso(brute[0]), iso(brute[1]),
                BRUTE_ATTEMPTS, written);
    }

    private BufferedWriter proxyLog(LocalDate d) throws IOException {
        Files.createDirectories(proxy);
        String name = String.format("HttpProxy_%04d%02d%02d00-1.LOG", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
        BufferedWriter out = Files.newBufferedWriter(proxy.resolve(name), StandardCharsets.UTF_8);
        out.write("#Software: Microsoft Exchange Server\r\n#Version: 15.01.2106.002\r\n#Log-type: HttpProxy Logs\r\n#Date: "
                + d + "T00:00:00.000Z\r\n" + PROXY_FIELDS + "\r\n");
        return out;
    }

    /** An IIS line as HttpProxy logs the same request (Negotiate throughout: none of its refusals is a wrong password). */
    private static String proxyLine(String iis) {
        String[] f = iis.split(" ");
        String user = f[7].equals("-") ? "" : f[7];
        return f[0] + "T" + f[1] + ".000Z,Owa,mail.contoso.com," + f[4] + ",Negotiate," + !user.isEmpty() + "," + user + ",,\""
                + f[9].replace('+', ' ') + "\"," + f[8] + "," + PROXY_HOST + "," + f[11] + "," + f[3] + "," + (f[5].equals("-") ? "" : f[5]);
    }

    /** Ordinary traffic of one day: users by the minute, the Monday peak, the nightly job, the monitoring probe. */
    private void ordinaryDay(LocalDate d) {
        boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
        for (int minute = 0; minute < 1440; minute++) {
            long start = epoch(d.atStartOfDay()) + minute * 60L;
            int hour = minute / 60;
            int n = weekend ? 2 : hour >= 7 && hour < 18 ? 10 : 1;
            if (d.getDayOfWeek() == DayOfWeek.MONDAY && minute >= 8 * 60 && minute < 8 * 60 + 30) n = 650;
            for (int i = 0; i < n * scale; i++) {
                long t = start + random.nextInt(60);
                int user = random.nextInt(60);
                String path = NORMAL_PATHS[random.nextInt(NORMAL_PATHS.length)];
                String ip = "10.0.1." + (10 + user);
                String agent = path.startsWith("/Microsoft") ? PHONE : path.startsWith("/owa") ? BROWSER : OUTLOOK;
                if (random.nextInt(10) == 0) {
                    // an NTLM exchange: the anonymous challenge, then a handshake step, then the request itself
                    add(t, line(t, "POST", path, "-", "-", ip, agent, 401, 2, 5));
                    add(t, line(t, "POST", path, "-", "-", ip, agent, 401, 1, 2148074254L));
                }
                add(t, line(t, "POST", path, "-", "CONTOSO\\" + user(user), ip, agent, 200, 0, 0));
            }
            add(start + 30, line(start + 30, "GET", "/owa/healthcheck.htm", "-", "-", "10.0.0.50", "KEMP+health+check", 200, 0, 0));
            if (minute >= 2 * 60 && minute < 2 * 60 + 4) {
                for (int i = 0; i < 700; i++) {
                    long t = start + i * 60L / 700;
                    add(t, line(t, "POST", "/EWS/Exchange.asmx", "-", "CONTOSO\\svc-report", "10.0.5.5", "ReportJob/2.1", 200, 0, 0));
                }
            }
        }
    }

    /** True for an address the flood came from. */
    public static boolean isFloodSource(String ip) {
        int first = Integer.parseInt(ip.substring(0, ip.indexOf('.')));
        return first >= 45 && first < 45 + FLOOD_SOURCES / 250;
    }

    private void flood(long start) {
        for (int m = 0; m < FLOOD_MINUTES; m++) {
            for (int i = 0; i < FLOOD_PER_MINUTE; i++) {
                long t = start + m * 60L + i * 60L / FLOOD_PER_MINUTE;
                int src = (m * FLOOD_PER_MINUTE + i) % FLOOD_SOURCES;
                String ip = (45 + src / 250) + "." + (src % 250 + 1) + "." + (7 + src % 3) + "." + (11 + src % 200);
                int status = m >= 20 && i % 4 == 0 ? 503 : 200;
                add(t, line(t, "GET", FLOOD_PATHS[i % FLOOD_PATHS.length], "-", "-", ip, FLOOD_AGENTS[src % FLOOD_AGENTS.length],
                        status, 0, 0));
            }
        }
    }

    /** Two sprayers of one /24 try 400 accounts twice each over 40 minutes; k.weber's own desk logs on meanwhile. */
    private long[] spray(long start) {
        String[] endpoints = {"/Microsoft-Server-ActiveSync/default.eas", "/EWS/Exchange.asmx", "/autodiscover/autodiscover.xml"};
        long last = 0;
        for (int round = 0; round < 2; round++) {
            for (int a = 0; a < SPRAY_ACCOUNTS; a++) {
                long t = start + round * 1200L + a * 3L;
                String account = a == 123 ? FELL_ACCOUNT : "CONTOSO\\" + (a < 60 ? user(a) : "user" + a);
                String ip = a % 2 == 0 ? SPRAY_SOURCE_1 : SPRAY_SOURCE_2;
                add(t, line(t, "POST", endpoints[a % endpoints.length], "-", account, ip, SPRAYER, 401, 1, 1326));
                last = Math.max(last, t);
            }
        }
        for (int i = 0; i < 10; i++) {
            long t = start + 300 + i * 240L;
            add(t, line(t, "POST", "/mapi/emsmdb/", "-", FELL_ACCOUNT, "10.0.1.44", OUTLOOK, 200, 0, 0));
        }
        return new long[] {start, last};
    }

    private long[] brute(long start) {
        for (int i = 0; i < BRUTE_ATTEMPTS; i++) {
            long t = start + i;
            add(t, line(t, "POST", "/EWS/Exchange.asmx", "-", BRUTE_ACCOUNT, BRUTE_SOURCE, "Hydra", 401, 1, 1326));
        }
        return new long[] {start, start + BRUTE_ATTEMPTS - 1};
    }

    /** A phone keeps a changed password: one failure a minute for ten hours. */
    private void stalePhone(long start) {
        for (int i = 0; i < 600; i++) {
            long t = start + i * 60L;
            add(t, line(t, "POST", "/Microsoft-Server-ActiveSync/default.eas", "Cmd=Ping&User=m.garcia&DeviceId=Y7&DeviceType=iPhone",
                    "CONTOSO\\m.garcia", "10.0.8.15", PHONE, 401, 1, 1326));
        }
    }

    /** 25 office users behind one address mistype their password once over the day, then log on. */
    private void office(long start) {
        for (int u = 0; u < 25; u++) {
            long t = start + u * 1440L;
            String account = "CONTOSO\\" + user(u);
            add(t, line(t, "POST", "/EWS/Exchange.asmx", "-", account, "192.0.2.10", OUTLOOK, 401, 1, 1326));
            add(t + 20, line(t + 20, "POST", "/EWS/Exchange.asmx", "-", account, "192.0.2.10", OUTLOOK, 200, 0, 0));
        }
    }

    private static String user(int i) {
        String[] first = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
        String[] last = {"jones", "smith", "novak", "garcia", "weber", "rossi", "dubois", "silva", "ito", "khan"};
        return first[i % 10] + "." + last[(i / 10) % 10] + (i >= 100 ? Integer.toString(i) : "");
    }

    private void add(long t, String line) {
        // by second, then in order of writing: a day's file is in time order and the same at every run
        lines.computeIfAbsent(t, k -> new ArrayList<>()).add(line);
    }

    private static String line(long t, String method, String path, String query, String user, String ip, String agent,
                               int status, int sub, long win32) {
        LocalDateTime dt = LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC);
        return dt.toLocalDate() + " " + dt.toLocalTime() + (dt.getSecond() == 0 ? ":00" : "") + " 10.0.0.21 "
                + method + " " + path + " " + query + " 443 " + user + " " + ip + " " + agent + " - " + status + " " + sub
                + " " + win32 + " 15";
    }

    private static long epoch(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    private static String iso(long t) {
        return java.time.Instant.ofEpochSecond(t).toString();
    }
}
