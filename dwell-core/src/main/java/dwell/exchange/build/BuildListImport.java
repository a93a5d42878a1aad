package dwell.exchange.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives dwell's build list resource from Microsoft's ExchangeBuildNumbers.csv (MIT) plus a supplement of
 * releases it lacks: normalises zero-padded builds ({@code 15.01.2106.002} to 15.1.2106.2) and US dates,
 * splits names into product, level and update, sorts by build. Run it when the upstream list changes:
 * {@code java -cp dwell-core/target/classes dwell.exchange.build.BuildListImport SOURCE.csv SUPPLEMENT.csv OUT.csv}.
 */
final class BuildListImport {
    private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");

    private BuildListImport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: BuildListImport ExchangeBuildNumbers.csv builds-supplement.csv builds.csv");
            System.exit(2);
        }
        String out;
        try (Reader src = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8);
             Reader sup = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            out = generate(src, sup);
        }
        Files.writeString(Path.of(args[2]), out, StandardCharsets.UTF_8);
    }

    /** The resource text for the given upstream list and supplement (both in the upstream CSV layout). */
    public static String generate(Reader source, Reader supplement) throws IOException {
        TreeMap<ExchangeBuild, BuildRelease> all = new TreeMap<>();
        for (Reader r : List.of(source, supplement)) {
            for (BuildRelease rel : parseUpstream(r)) {
                BuildRelease prev = all.putIfAbsent(rel.build(), rel);
                if (prev != null && !prev.name().equals(rel.name())) {
                    throw new IOException("build " + rel.build() + " named twice: " + prev.name() + " / " + rel.name());
                }
            }
        }
        StringBuilder sb = new StringBuilder(BuildCatalog.HEADER).append('\n');
        for (BuildRelease r : all.values()) {
            sb.append(r.build()).append(',').append(r.product().key()).append(',').append(CsvLine.quote(r.level()))
                    .append(',').append(CsvLine.quote(r.update())).append(',').append(CsvLine.quote(r.kb()))
                    .append(',').append(r.released()).append(',').append(CsvLine.quote(r.name())).append('\n');
        }
        return sb.toString();
    }

    /** Reads the upstream layout: Product Name,Build Number,Date,KB,Blog. */
    static List<BuildRelease> parseUpstream(Reader reader) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        String header = r.readLine();
        if (header == null) throw new IOException("empty build list");
        header = header.replace("\uFEFF", "");
        List<String> cols = CsvLine.split(header);
        int name = cols.indexOf("Product Name");
        int build = cols.indexOf("Build Number");
        int date = cols.indexOf("Date");
        int kb = cols.indexOf("KB");
        if (name < 0 || build < 0 || date < 0 || kb < 0) throw new IOException("unexpected build list header: " + header);
        List<BuildRelease> out = new ArrayList<>();
        String line;
        int n = 1;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) continue;
            List<String> f = CsvLine.split(line);
            try {
                out.add(BuildRelease.fromName(f.get(name), ExchangeBuild.of(f.get(build)),
                        f.get(kb).strip().toUpperCase(Locale.ROOT), usDate(f.get(date))));
            } catch (RuntimeException e) {
                throw new IOException("build list line " + n + ": " + e.getMessage(), e);
            }
        }
        out.sort(Comparator.comparing(BuildRelease::build));
        return out;
    }

    static LocalDate usDate(String s) {
        Matcher m = US_DATE.matcher(s.strip());
        if (!m.matches()) throw new IllegalArgumentException("not a M/D/YYYY date: " + s);
        return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
}
