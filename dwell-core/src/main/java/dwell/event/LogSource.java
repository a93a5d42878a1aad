package dwell.event;

import java.util.Objects;

/** Sigma's logsource triple; any part may be null. */
public record LogSource(String product, String category, String service) {
    public static final LogSource NONE = new LogSource(null, null, null);

    public static LogSource webserver() {
        return new LogSource(null, "webserver", null);
    }

    // equals, hashCode and toString are written out as a record's generated ones behave: the generated ones are
    // bootstrapped through ObjectMethods, which spins some twenty method-handle classes (no class-data archive keeps
    // them) in the first JVM that hashes a logsource, the rule phase's logsource mapping: ~15 ms CPU of a cache hit
    @Override
    public boolean equals(Object o) {
        return o instanceof LogSource s && Objects.equals(product, s.product) && Objects.equals(category, s.category)
                && Objects.equals(service, s.service);
    }

    /** The generated hash, value for value ({@code 31 * h + part} from 0), so hashed collections iterate as before. */
    @Override
    public int hashCode() {
        return (Objects.hashCode(product) * 31 + Objects.hashCode(category)) * 31 + Objects.hashCode(service);
    }

    @Override
    public String toString() {
        // a StringBuilder: the + operator is bootstrapped too (StringConcatFactory)
        return new StringBuilder("LogSource[product=").append(product).append(", category=").append(category)
                .append(", service=").append(service).append(']').toString();
    }
}
