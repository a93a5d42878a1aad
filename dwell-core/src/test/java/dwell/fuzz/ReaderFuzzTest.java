package dwell.fuzz;

import static dwell.fuzz.FuzzTargets.UNTIL_STOPPED;
import static dwell.fuzz.FuzzTargets.read;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dwell.format.access.AccessLog;
import dwell.format.csv.CsvLog;
import dwell.format.evtx.EvtxLog;
import dwell.format.exchange.EcpLog;
import dwell.format.exchange.HttpProxyLog;
import dwell.format.exchange.MessageTrackingLog;
import dwell.format.exchange.OabGeneratorLog;
import dwell.format.json.JsonLog;
import dwell.format.syslog.Syslog;
import dwell.format.w3c.IisW3cLog;
import dwell.formats.Formats;

/**
 * Fuzz targets of the evidence readers, one per format. {@code mvn verify} replays each target's inputs
 * (src/test/resources/dwell/fuzz/ReaderFuzzTestInputs/TARGET: seeds and every crash found); bench/fuzz.sh fuzzes.
 */
class ReaderFuzzTest {
    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void evtx(byte[] data) {
        read(EvtxLog.ID, data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void iisW3c(byte[] data) {
        read(IisW3cLog.ID, data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void exchangeHttpProxy(byte[] data) {
        read(HttpProxyLog.ID, data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void exchangeEcp(byte[] data) {
        read(EcpLog.ID, data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void exchangeMessageTracking(byte[] data) {
        read(MessageTrackingLog.ID, data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void exchangeOab(byte[] data) {
        read(OabGeneratorLog.ID, data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void json(byte[] data) {
        read(JsonLog.ID, data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void csv(byte[] data) {
        read(CsvLog.ID, data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void accessLog(byte[] data) {
        read(AccessLog.ID, data);
    }

    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void syslog(byte[] data) {
        read(Syslog.ID, data);
    }

    /** Sniffing decides which reader gets an item: it sees every item's head. */
    @FuzzTest(maxDuration = UNTIL_STOPPED)
    void sniff(byte[] data) {
        Formats.sniff("fuzz-input", data, data.length);
    }
}
