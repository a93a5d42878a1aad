package dwell.traffic;

/** What a web request says about authentication: a failed attempt, a success, or nothing. */
public enum Outcome {
    FAILURE, SUCCESS, NONE
}
