package dwell.format.exchange;

import dwell.event.FormatId;

/**
 * Exchange's HttpProxy logs ({@code Logging\HttpProxy\<Protocol>\HttpProxy_*.LOG}): one line per request the
 * front end proxied, time {@code DateTime}, host {@code ServerHostName}.
 */
public final class HttpProxyLog extends ExchangeCsvLog {
    public static final FormatId ID = FormatId.of("exchange-httpproxy");

    public HttpProxyLog() {
        super(ID, "httpproxy", "httpproxy", "DateTime", "DateTime", "ServerHostName", false);
    }

    @Override
    protected boolean fieldsAre(String fields) {
        return fields.startsWith("DateTime,RequestId") || fields.startsWith("DateTime,") && fields.contains(",ServerHostName");
    }

    @Override
    protected boolean headerRow(String line) {
        return line.startsWith("DateTime,RequestId,") || line.startsWith("DateTime,") && line.contains(",ServerHostName");
    }
}
