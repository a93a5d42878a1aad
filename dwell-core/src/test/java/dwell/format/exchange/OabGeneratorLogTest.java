package dwell.format.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import dwell.event.LogSources;
import dwell.format.Collected;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OabGeneratorLogTest {
}
