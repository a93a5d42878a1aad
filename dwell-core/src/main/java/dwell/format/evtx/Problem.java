package dwell.format.evtx;

/** Something in an EVTX file that could not be read as is; {@code recordId} is 0 when no record is known. */
public record Problem(long recordId, String reason) {
}
