package dwell.traffic;

/** A stretch of traffic the detector judged an attack: a flood, a password spray or a brute force. */
public sealed interface Episode permits FloodEpisode, AuthEpisode {
    /** The log format it was seen in. */
    String format();

    /** First and last second (epoch seconds) it covers. */
    long start();

    long end();

    /** The rule id of its finding. */
    String rule();
}
