package dwell.exchange.build;

/**
 * A build located in the build list: {@code release} is the build's own entry when {@code known}, otherwise
 * the nearest lower known release, which the assessment then stands on (and says so).
 */
public record Placement(ExchangeBuild build, BuildRelease release, boolean known) {
    /** True if the build lies in the same cumulative update as the release it was placed by. */
    public boolean sameCuAsRelease() {
        return build.sameCu(release.build());
    }
}
