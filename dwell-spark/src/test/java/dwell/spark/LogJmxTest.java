package dwell.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.ObjectName;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

class LogJmxTest {
    /** A JVM with dwell-spark's jar on its class path starts log4j without registering its MBeans (see log4j2.component.properties). */
    @Test
    void log4jRegistersNoMBeans() throws Exception {
        LogManager.getLogger(LogJmxTest.class).debug("log4j started");
        Set<ObjectName> registered = ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("org.apache.logging.log4j2:*"), null);
        assertEquals(Set.of(), registered);
    }
}
