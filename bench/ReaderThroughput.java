import dwell.event.Event;
import dwell.format.EventSink;
import dwell.format.EventReader;
import dwell.format.Format;
import dwell.format.Readers;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Measures one reader alone (bench/inventory.sh runs it on one of its files after the side-by-side run):
 * {@code java -cp 'dwell-cli/target/lib/*' bench/ReaderThroughput.java FILE MB [rounds] [time|fields] [format]}
 * reads FILE with the reader of {@code format} (default {@code iis-w3c}; for that format FILE is first
 * generated with about MB megabytes of IIS log when it does not exist), {@code rounds} times, and prints
 * MB/s per round, by wall clock and by the reading thread's CPU time (fair on a loaded machine).
 * Mode {@code time} asks each event its time (what inventory does; every line is still split into all its
 * values); {@code fields} also decodes every value to a String.
 */
public final class ReaderThroughput {
    private ReaderThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long mb = Long.parseLong(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        boolean allFields = args.length > 3 && args[3].equals("fields");
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Format format = Format.byId(args.length > 4 ? args[4] : "iis-w3c");
        if (!Files.exists(file) && format == Format.IIS_W3C) generate(file, mb * 1_000_000L);
        long size = Files.size(file);
        EventReader reader = Readers.forFormat(format);
        for (int r = 0; r < rounds; r++) {
            long[] counts = new long[3];
            EventSink sink = new EventSink() {
                @Override
                public void event(Event e) {
                    counts[0]++;
                    if (e.time() != null) counts[2] += e.time().getEpochSecond() & 1;
                    if (allFields) e.forEachField((k, v) -> counts[2] += v.length());
                }

                @Override
                public void unreadable(long position, String reason) {
                    counts[1]++;
                }
            };
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            try (InputStream in = Files.newInputStream(file)) {
                reader.read(file.toString(), in, sink);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf("round %d (%s): %d events, %d unreadable, %.0f MB in %.2f s = %.0f MB/s wall, %.2f s CPU = %.0f MB/s CPU (checksum %d)%n",
                    r + 1, allFields ? "fields" : "time", counts[0], counts[1], size / 1e6, s, size / 1e6 / s, cpu,
                    size / 1e6 / cpu, counts[2]);
        }
    }

    static void generate(Path file, long bytes) throws IOException {
        Random rnd = new Random(42);
        String[] stems = {"/owa/auth/logon.aspx", "/ecp/DDI/DDIService.svc/GetList", "/Microsoft-Server-ActiveSync/default.eas",
            "/EWS/Exchange.asmx", "/autodiscover/autodiscover.xml", "/mapi/emsmdb/", "/owa/service.svc", "/rpc/rpcproxy.dll"};
        String[] agents = {"Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/89.0.4389.82+Safari/537.36",
            "Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0.13801;+Pro)", "Apple-iPhone12C1/1805.114", "-"};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            long written = 0;
            int day = 0;
            while (written < bytes) {
                String header = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n"
                        + "#Date: 2021-03-" + String.format("%02d", day % 28 + 1) + " 00:00:00\r\n"
                        + "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
                        + "cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n";
                byte[] h = header.getBytes(StandardCharsets.US_ASCII);
                out.write(h);
                written += h.length;
                for (int i = 0; i < 100_000 && written < bytes; i++) {
                    int sec = (int) (i * 86400L / 100_000);
                    String line = String.format("2021-03-%02d %02d:%02d:%02d 10.0.0.5 %s %s %s 443 %s 198.51.%d.%d %s %s %d 0 0 %d\r\n",
                            day % 28 + 1, sec / 3600, sec / 60 % 60, sec % 60, rnd.nextInt(4) == 0 ? "POST" : "GET",
                            stems[rnd.nextInt(stems.length)],
                            rnd.nextBoolean() ? "-" : "Cmd=Ping&User=jdoe&DeviceId=ABC" + rnd.nextInt(100000) + "&DeviceType=iPhone",
                            rnd.nextBoolean() ? "-" : "CONTOSO\\user" + rnd.nextInt(500), rnd.nextInt(256), rnd.nextInt(256),
                            agents[rnd.nextInt(agents.length)], rnd.nextBoolean() ? "-" : "https://mail.contoso.com/owa/",
                            rnd.nextInt(10) == 0 ? 401 : 200, rnd.nextInt(2000));
                    byte[] b = line.getBytes(StandardCharsets.US_ASCII);
                    out.write(b);
                    written += b.length;
                }
                day++;
            }
        }
    }
}
