package dwell.sigma;

import dwell.hunt.Diagnostic;
import dwell.event.Event;
import dwell.hunt.MergingDetector;
import dwell.hunt.PartialDetector;
import dwell.hunt.DetectorReport;
import dwell.hunt.EventFindings;
import dwell.hunt.Finding;
import dwell.hunt.FindingSink;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sigma as a hunt detector: every event meets the compiled rules ({@link SigmaEngine}); matches become
 * {@code sigma} findings, and feed the correlations, which emit {@code correlation} findings when the hunt ends.
 */
public final class SigmaDetector implements PartialDetector, MergingDetector {
    private final RuleSet set;
    private final SigmaEngine engine;
    private final Correlator correlator;

    public SigmaDetector(RuleSet set, LogsourceMapping mapping) {
        this.set = set;
        this.engine = new SigmaEngine(set.rules(), set.filters(), mapping);
        this.correlator = new Correlator(set.correlations(), engine.rules());
    }

    @Override
    public String id() {
        return "sigma";
    }

    public SigmaEngine engine() {
        return engine;
    }

    /** Correlations that could not be set up. */
    public List<Diagnostic> problems() {
        return correlator.problems();
    }

    @Override
    public void onEvent(Event event, FindingSink sink) {
        engine.match(event, (i, rule) -> {
            if (correlator.feeds(i)) correlator.record(i, rule, event);
            if (!correlator.silenced(i)) sink.add(finding(rule, event));
        });
    }

    static Finding finding(SigmaRule rule, Event event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule_file", rule.origin().toString());
        if (rule.logSource() != null) details.put("logsource", SigmaEngine.describe(rule.logSource()));
        return EventFindings.of("sigma", rule.ref(), event, details);
    }

    /** The correlations' candidates this share recorded (its own matches are findings already). */
    @Override
    public Serializable part() {
        return correlator.part();
    }

    @Override
    public void merge(Serializable part) {
        correlator.merge((Correlator.Part) part);
    }

    Correlator correlator() {
        return correlator;
    }

    /** The hits of every flat correlation, evaluated group by group elsewhere ({@link CorrelationStage}). */
    public void evaluated(List<CorrelationHits> hits) {
        correlator.evaluated(hits);
    }

    @Override
    public void finish(FindingSink sink) {
        for (Finding f : correlator.finish()) sink.add(f);
    }

    /** Rules and correlations loaded and set up, rule documents rejected, rules whose logsource no event has. */
    @Override
    public void report(DetectorReport report) {
        report.rules(set.rules().size() + set.correlations().size() - problems().size());
        report.rejected(set.rejected());
        report.rejected(problems());
        report.notRun(unmapped().stream().map(u -> new Diagnostic(u.rule().origin().path(), u.rule().origin().line(),
                u.reason())).toList());
    }

    /** Rules not run because their logsource matches no event dwell reads, with the reason. */
    public List<SigmaEngine.Unmapped> unmapped() {
        return new ArrayList<>(engine.unmapped());
    }
}
