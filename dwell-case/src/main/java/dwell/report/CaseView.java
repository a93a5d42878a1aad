package dwell.report;

import dwell.casefile.CaseFile;
import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * The HTML report's parts of one case, for pages that show them elsewhere (the workbench): the incident overview,
 * exposure, counts, incident stories and charts, written exactly as the report writes them.
 */
public final class CaseView {
    private final CaseData data;
    private final ReportIncidents incidents;

    private CaseView(CaseData data) {
        this.data = data;
        this.incidents = new ReportIncidents(data);
    }

    /** Reads the latest run's view of the case. */
    public static CaseView load(CaseFile c) throws SQLException {
        return new CaseView(CaseData.load(c));
    }

    /** One line per incident, the most severe first, each linking to {@code link.apply(id)} (attribute-safe). */
    public void incidents(Writer out, Function<String, String> link) throws IOException {
        incidents.overview(out, link);
    }

    /** The incidents' ids, the most severe first. */
    public List<String> incidentIds() {
        return incidents.ids();
    }

    /** One incident's facts and story (its impact left to the caller), steps linking to {@code findingHref(id)}; false when there is no such incident. */
    public boolean story(String incident, Function<String, String> findingHref, Writer out) throws IOException {
        return incidents.story(incident, findingHref, out);
    }

    /** Exposure, one row per server. */
    public void exposure(Writer out) throws IOException {
        HtmlReport.exposure(data.exposure(), out);
    }

    /** Counts per level, top rules, busiest days and hosts. */
    public void counts(Writer out) throws IOException {
        HtmlReport.summary(data, out);
    }

    /** The evidence coverage chart (SVG) and its legend. */
    public String coverageChart() {
        return Charts.coverage(data.items());
    }

    /** Each log series' gaps of a day or more: {series, from, to}. */
    public List<String[]> gaps() {
        return Charts.gaps(data.items());
    }
}
