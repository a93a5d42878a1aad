package dwell.sigma;

/** Where a rule was read: file and line of its YAML document. */
public record RuleOrigin(String path, int line) {
    @Override
    public String toString() {
        return path + ":" + line;
    }
}
