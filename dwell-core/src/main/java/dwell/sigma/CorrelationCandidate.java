package dwell.sigma;

import java.io.Serializable;
import java.util.List;

/**
 * One input of a flat Sigma correlation (its inputs all rules' matches, none another correlation's firings): the
 * correlation's position, the group's key, the source's position among the correlation's rules and the match. Flat
 * correlations can be evaluated group by group wherever their candidates are gathered ({@link CorrelationStage}).
 */
public record CorrelationCandidate(int correlation, List<String> key, int source, Correlator.Item item) implements Serializable {
    /** What candidates are grouped by: the correlation and the group's key. */
    public List<String> group() {
        List<String> g = new java.util.ArrayList<>(key.size() + 1);
        g.add(Integer.toString(correlation));
        g.addAll(key);
        return g;
    }
}
