package dwell.format.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The role an element's name plays in an event's fields is the name's, worked out once and kept on the element. */
class FieldRoleTest {
    private static BinXmlNode.Element element(String name) {
        return new BinXmlNode.Element(name, new BinXmlNode.Attribute[0], new BinXmlNode[0]);
    }

    @Test
    void namesGiveTheirRolesOthersNone() {
        assertEquals(EventFields.Role.SYSTEM, EventFields.Role.of("System"));
        assertEquals(EventFields.Role.EVENT_DATA, EventFields.Role.of("EventData"));
        assertEquals(EventFields.Role.DATA, EventFields.Role.of("Data"));
        assertEquals(EventFields.Role.UNPREFIXED_ATTRIBUTES, EventFields.Role.of("Execution"));
        assertEquals(EventFields.Role.RECORD_ID, EventFields.Role.of("EventRecordID"));
        // XML names are case-sensitive, and carving's non-names are no role either
        assertEquals(EventFields.Role.OTHER, EventFields.Role.of("system"));
        assertEquals(EventFields.Role.OTHER, EventFields.Role.of(ChunkData.NOT_A_NAME));
    }

    @Test
    void anElementKeepsItsRoleOnceWorkedOut() {
        BinXmlNode.Element e = element("Channel");
        assertNull(e.fieldRole());
        assertEquals(EventFields.Role.CHANNEL, EventFields.Role.of(e));
        assertEquals(EventFields.Role.CHANNEL, e.fieldRole());
        // kept: the role is not worked out from the name again
        e.fieldRole(EventFields.Role.LEVEL);
        assertEquals(EventFields.Role.LEVEL, EventFields.Role.of(e));
    }
}
