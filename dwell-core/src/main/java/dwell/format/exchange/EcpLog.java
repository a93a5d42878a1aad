package dwell.format.exchange;

import dwell.event.FormatId;

/**
 * Exchange's ECP Server and Activity logs: {@code TimeStamp,ServerName,EventId,EventData}, where the
 * {@code S:KEY=value} pairs of EventData are fields too (see {@link EcpEventData}).
 */
public final class EcpLog extends ExchangeCsvLog {
    public static final FormatId ID = FormatId.of("exchange-ecp");
    private static final String LAYOUT = "TimeStamp,ServerName,EventId,EventData";

    public EcpLog() {
        super(ID, "ecp", "ecp", "TimeStamp", "TimeStamp", "ServerName", true);
    }

    @Override
    protected boolean fieldsAre(String fields) {
        return fields.startsWith(LAYOUT);
    }

    @Override
    protected boolean headerRow(String line) {
        return line.startsWith(LAYOUT);
    }
}
