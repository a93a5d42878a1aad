package dwell.format.evtx;

import java.util.function.Supplier;

/** A structure of an EVTX file that cannot be read as the format defines it; carries a reason for the report. */
final class EvtxFormatException extends RuntimeException {
    /** Spells the reason when it is read, else null. */
    private final transient Supplier<String> reason;

    public EvtxFormatException(String reason) {
        super(reason, null, false, false);
        this.reason = null;
    }

    /**
     * A reason spelled only when read: carving refuses about a thousand candidates a pass over the samples whose
     * reasons nobody reads, and spelling them (numbers in text) cost more than a tenth of the pass.
     */
    EvtxFormatException(Supplier<String> reason) {
        super(null, null, false, false);
        this.reason = reason;
    }

    @Override
    public String getMessage() {
        return reason != null ? reason.get() : super.getMessage();
    }
}
