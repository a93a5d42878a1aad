package dwell.format.evtx;

/** A structure of an EVTX file that cannot be read as the format defines it; carries a reason for the report. */
final class EvtxFormatException extends RuntimeException {
    public EvtxFormatException(String reason) {
        super(reason, null, false, false);
    }
}
