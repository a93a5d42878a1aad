package dwell.format.evtx;

import java.time.Instant;
import java.util.Map;

/**
 * The fields of an event worked out from its expanded element tree, as {@code EventFields} did before it read them
 * from the template and its values: the reference the fields read without a tree are compared with.
 */
final class TreeFields {
    private TreeFields() {
    }

    /** Room for the System fields of most events (about twenty), so that the table does not grow for them. */
    private static final int SYSTEM_FIELDS = 24;
    /** The Provider's attributes as fields, spelled once rather than joined again for every record. */
    private static final Map<String, String> PROVIDER_FIELDS = Map.of("Name", "Provider_Name", "Guid", "Provider_Guid",
            "EventSourceName", "Provider_EventSourceName");

    static EventFields of(XmlElement event) {
        // the data first, so that the table of all fields is sized once for both
        int fields = 0;
        for (int at = 0; at < event.content.size(); at++) {
            XmlElement section = dataSection(event.content.get(at));
            if (section != null) fields += section.content.size();
        }
        FieldTable data = new FieldTable(Math.max(4, fields));
        for (int at = 0; at < event.content.size(); at++) {
            XmlElement section = dataSection(event.content.get(at));
            if (section == null) continue;
            if (section.name.equals("EventData")) eventData(section, data);
            else leaves(section, data);
        }
        FieldTable m = new FieldTable(SYSTEM_FIELDS + data.size());
        String eventId = null;
        String channel = null;
        String provider = null;
        String computer = null;
        String level = null;
        Instant created = null;
        Long recordId = null;
        XmlElement system = event.child("System");
        if (system != null) {
            for (int at = 0; at < system.content.size(); at++) {
                Object o = system.content.get(at);
                if (!(o instanceof XmlElement e)) continue;
                switch (e.name) {
                    case "Provider" -> {
                        provider = e.attribute("Name");
                        if (provider != null) m.set("Provider", provider);
                        for (int i = 0; i < e.attributes.size(); i += 2) {
                            String name = e.attributes.get(i);
                            m.set(PROVIDER_FIELDS.getOrDefault(name, "Provider_" + name), e.attributes.get(i + 1));
                        }
                    }
                    case "EventID" -> {
                        eventId = eventId(e, m);
                        m.set("EventID", eventId);
                    }
                    case "TimeCreated" -> {
                        String t = e.attribute("SystemTime");
                        if (t != null) {
                            m.set("TimeCreated", t);
                            created = instant(t);
                        }
                    }
                    case "Correlation", "Execution", "Security" -> plainAttributes(e, m);
                    default -> {
                        String text = e.text();
                        if (!e.hasChildElements()) m.set(e.name, text);
                        if (!e.attributes.isEmpty()) prefixedAttributes(e, e.name + "_", m);
                        if (e.name.equals("Channel")) channel = text;
                        else if (e.name.equals("Computer")) computer = text;
                        else if (e.name.equals("Level")) level = text;
                        else if (e.name.equals("EventRecordID")) recordId = number(text);
                    }
                }
            }
        }
        data.forEach((name, value) -> {
            String shadowed = m.set(name, value);
            if (shadowed != null) m.set("System_" + name, shadowed);
        });
        return new EventFields(m, data, eventId, channel, provider, computer, level, created, recordId);
    }

    /** {@code o} if it is a section of the event's data (EventData, UserData, ...), else null. */
    private static XmlElement dataSection(Object o) {
        return o instanceof XmlElement e && !e.name.equals("System") && !e.name.equals("RenderingInfo") ? e : null;
    }

    /** EventRecordID's value, or null when it is not a decimal number (a damaged record). */
    private static Long number(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException damaged) {
            return null;
        }
    }

    /** EventID's text; a value above 16 bits carries the qualifiers in its high word (classic event ids). */
    private static String eventId(XmlElement e, FieldTable m) {
        String text = e.text().strip();
        String qualifiers = e.attribute("Qualifiers");
        try {
            long v = Long.parseLong(text);
            if (v > 0xffff && v <= 0xffffffffL) {
                if (qualifiers == null) qualifiers = Long.toString(v >>> 16);
                text = Long.toString(v & 0xffff);
            }
        } catch (NumberFormatException notNumeric) {
            // kept as written
        }
        if (qualifiers != null) m.set("Qualifiers", qualifiers);
        return text;
    }

    private static void eventData(XmlElement data, FieldTable m) {
        int unnamed = 0;
        for (int at = 0; at < data.content.size(); at++) {
            Object o = data.content.get(at);
            if (!(o instanceof XmlElement e)) continue;
            if (e.name.equals("Data")) {
                String name = e.attribute("Name");
                if (name == null || name.isEmpty()) name = "Data" + (++unnamed);
                put(m, name, e.text());
            } else if (e.hasChildElements()) {
                leaves(e, m);
            } else {
                put(m, e.name, e.text());
            }
        }
    }

    private static void leaves(XmlElement parent, FieldTable m) {
        for (int at = 0; at < parent.content.size(); at++) {
            Object o = parent.content.get(at);
            if (!(o instanceof XmlElement e)) continue;
            if (e.hasChildElements()) leaves(e, m);
            else put(m, e.name, e.text());
        }
    }

    private static void put(FieldTable m, String name, String value) {
        m.join(name, value);
    }

    private static void prefixedAttributes(XmlElement e, String prefix, FieldTable m) {
        for (int i = 0; i < e.attributes.size(); i += 2) m.set(prefix + e.attributes.get(i), e.attributes.get(i + 1));
    }

    private static void plainAttributes(XmlElement e, FieldTable m) {
        for (int i = 0; i < e.attributes.size(); i += 2) m.set(e.attributes.get(i), e.attributes.get(i + 1));
    }

    private static Instant instant(String iso) {
        return IsoInstant.parse(iso);
    }
}
