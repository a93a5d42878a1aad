import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;

/**
 * Generates multi-year IIS logs for the pivot benchmark: one file a day from 2019-01-01, busy Exchange-like
 * traffic of 400 internal users and a shared proxy, and a planted actor: 198.51.100.23 probes from 2019-04-11
 * and posts to the web shell /aspnet_client/system_web/log.aspx now and then; 203.0.113.77 uses the same shell
 * in March 2021. The seed feed names only 203.0.113.77, so the pivot needs three rounds to date the intrusion.
 * Usage: java PivotLogGen.java OUT_DIR TOTAL_MB
 */
public final class PivotLogGen {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long total = Long.parseLong(args[1]) * 1024 * 1024;
        Files.createDirectories(out.resolve("logs"));
        Files.writeString(out.resolve("seed.txt"), "# the address the alarm named\n203.0.113.77\n");
        LocalDate start = LocalDate.of(2019, 1, 1);
        LocalDate end = LocalDate.of(2021, 3, 31);
        long days = end.toEpochDay() - start.toEpochDay() + 1;
        long perDay = total / days;
        Random r = new Random(20190411);
        String[] paths = {"/owa/", "/owa/auth.owa", "/owa/service.svc", "/EWS/Exchange.asmx", "/mapi/emsmdb/",
            "/Microsoft-Server-ActiveSync", "/ecp/", "/autodiscover/autodiscover.xml", "/rpc/rpcproxy.dll"};
        String[] agents = {"Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/88.0.4324.190+Safari/537.36",
            "Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0.13127;+Pro)", "Apple-iPhone12C1/1803.24"};
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
            Path f = out.resolve("logs").resolve(String.format("u_ex%02d%02d%02d.log", d.getYear() % 100, d.getMonthValue(), d.getDayOfMonth()));
            try (BufferedWriter w = Files.newBufferedWriter(f)) {
                w.write("#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: " + d + " 00:00:00\n");
                w.write("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n");
                long written = 0;
                int second = 0;
                boolean actorDay = !d.isBefore(LocalDate.of(2019, 4, 11)) && !d.isAfter(LocalDate.of(2021, 3, 2)) && d.getDayOfMonth() % 9 == 2;
                while (written < perDay) {
                    second = (second + 1 + r.nextInt(3)) % 86400;
                    int user = r.nextInt(400);
                    boolean proxy = user % 5 == 0;
                    String line = String.format("%s %02d:%02d:%02d 10.0.0.5 %s %s - 443 CONTOSO\\user%d %s %s - 200 0 0 %d\n", d,
                            second / 3600, second / 60 % 60, second % 60, r.nextInt(4) == 0 ? "POST" : "GET", paths[r.nextInt(paths.length)],
                            user, proxy ? "192.0.2.10" : "10.1." + (user / 250) + "." + (user % 250), agents[user % agents.length], 5 + r.nextInt(400));
                    w.write(line);
                    written += line.length();
                    if (actorDay && written > perDay / 2) {
                        w.write(d + " 13:13:13 10.0.0.5 POST /aspnet_client/system_web/log.aspx - 443 - 198.51.100.23 "
                                + "Mozilla/4.0+(compatible;+MSIE+6.0;+Windows+NT+5.1) - 200 0 0 15\n");
                        actorDay = false;
                    }
                }
                if (d.equals(LocalDate.of(2019, 4, 11))) {
                    w.write("2019-04-11 09:14:02 10.0.0.5 GET /owa/auth/logon.aspx - 443 - 198.51.100.23 python-requests/2.21.0 - 200 0 0 31\n");
                }
                if (d.equals(LocalDate.of(2021, 3, 3))) {
                    w.write("2021-03-03 08:03:30 10.0.0.5 POST /aspnet_client/system_web/log.aspx - 443 - 203.0.113.77 "
                            + "Mozilla/5.0+(Windows+NT+6.1) - 200 0 0 12\n");
                }
            }
        }
    }
}
