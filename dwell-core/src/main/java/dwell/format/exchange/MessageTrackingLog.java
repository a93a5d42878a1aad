package dwell.format.exchange;

import dwell.event.FormatId;

/** Exchange's message tracking logs ({@code #Fields: date-time,client-ip,...}): host {@code server-hostname}. */
public final class MessageTrackingLog extends ExchangeCsvLog {
    public static final FormatId ID = FormatId.of("exchange-msgtrk");

    public MessageTrackingLog() {
        super(ID, "msgtrk", "message tracking", "date-time", "date-time", "server-hostname", false);
    }

    @Override
    protected boolean fieldsAre(String fields) {
        return fields.startsWith("date-time,");
    }

    @Override
    protected boolean headerRow(String line) {
        return line.startsWith("date-time,client-ip,");
    }
}
