package dwell.sigma;

/** Resolves a Sigma field name to the names an event type uses for it, tried in order. */
@FunctionalInterface
public interface FieldResolver {
    String[] names(String sigmaField);

    /** Field names as written. */
    FieldResolver IDENTITY = f -> new String[] {f};
}
