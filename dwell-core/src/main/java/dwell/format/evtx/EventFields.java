package dwell.format.evtx;

import java.time.Instant;
import java.util.Map;

/**
 * The fields of an event, named as Sigma's Windows rules name them: System values ({@code EventID},
 * {@code Provider_Name}, {@code Channel}, {@code Computer}, {@code TimeCreated}, {@code ProcessID},
 * {@code UserID}, ...), then {@code EventData} {@code Data} elements by their Name (unnamed ones as
 * {@code Data1}, {@code Data2}, ...), and leaf elements of {@code UserData} and other sections by element
 * name. A name met twice (array values, repeated elements) keeps all values joined with {@code ", "}.
 * A data name equal to a System name (Security 5156's {@code ProcessID}) takes the plain name, as Sigma's
 * rules mean the event's own data; the System value stays as {@code System_<name>}. {@code recordId} is
 * {@code EventRecordID} as a number, null when the record has none or a damaged one.
 */
record EventFields(FieldTable map, FieldTable data, String eventId, String channel, String provider, String computer,
                   String level, Instant timeCreated, Long recordId) {
    /** Room for the System fields of most events (about twenty), so that the table does not grow for them. */
    private static final int SYSTEM_FIELDS = 24;
    /** Room for the data of most events before the tables grow. */
    private static final int DATA_FIELDS = 16;
    private static final FieldLayout[] NO_LAYOUTS = new FieldLayout[0];
    /** The Provider's attributes as fields, spelled once rather than joined again for every record. */
    private static final Map<String, String> PROVIDER_FIELDS = Map.of("Name", "Provider_Name", "Guid", "Provider_Guid",
            "EventSourceName", "Provider_EventSourceName");

    /** The fields of a record's event, read from its parsed fragment (see {@link ElementView}): no tree is built. */
    static EventFields of(BinXmlNode[] fragment) {
        // the events of a template mostly give the same names in the same order: earlier events' layouts are followed
        Template.Layouts layouts = fragment.length > 0 && fragment[0] instanceof BinXmlNode.TemplateInstance ti ? ti.template().layouts() : null;
        Walk w = layouts == null ? new Walk(NO_LAYOUTS, NO_LAYOUTS) : new Walk(layouts.fields().recent(), layouts.data().recent());
        if (ElementView.elements(fragment, ElementView.NO_VALUES, w.onRoot)) throw new EvtxFormatException("record holds no element");
        FieldTable data = w.data.finish();
        FieldTableBuilder m = w.m;
        for (int i = 0; i < data.size(); i++) {
            String name = data.nameAt(i);
            String shadowed = m.set(name, data.valueAt(i));
            if (shadowed != null) m.set("System_" + name, shadowed);
        }
        FieldTable fields = m.finish();
        if (layouts != null) {
            layouts.fields().used(m.layout());
            layouts.data().used(w.data.layout());
        }
        return new EventFields(fields, data, w.eventId, w.channel, w.provider, w.computer, w.level, w.created, w.recordId);
    }

    /**
     * EventRecordID as {@link #of} gives it ({@code recordId}), by a walk of the first System section alone: judging an
     * XML dump's slack copies asks every live record near them for its id, and for nothing else.
     */
    static Long recordId(BinXmlNode[] fragment) {
        RecordIdWalk w = new RecordIdWalk();
        if (ElementView.elements(fragment, ElementView.NO_VALUES, w)) throw new EvtxFormatException("record holds no element");
        return w.recordId;
    }

    /** {@link Walk}'s steps to {@code EventRecordID}: the event's element, its sections, the first System's elements. */
    private static final class RecordIdWalk implements ElementView.Visitor {
        private static final int ROOT = 0, SECTION = 1, SYSTEM = 2;
        private int step = ROOT;
        private boolean systemSeen;
        Long recordId;

        @Override
        public boolean element(BinXmlNode.Element e, SubstitutionValue[] values) {
            switch (step) {
                case ROOT -> {
                    step = SECTION;
                    ElementView.elements(e.content(), values, this);
                    return false;
                }
                case SECTION -> {
                    boolean system = Role.of(e) == Role.SYSTEM;
                    if (!systemSeen && system) {
                        step = SYSTEM;
                        ElementView.elements(e.content(), values, this);
                        step = SECTION;
                    }
                    if (system) systemSeen = true;
                    return true;
                }
                default -> {
                    if (Role.of(e) == Role.RECORD_ID) recordId = number(ElementView.text(e, values));
                    return true;
                }
            }
        }
    }

    /**
     * One event's walk: the System fields go to {@code m}, the data to {@code data}, each in the event's order; the
     * data join {@code m} at the end, after the System fields wherever the sections stand in the event.
     */
    private static final class Walk {
        final FieldTableBuilder data;
        final FieldTableBuilder m;
        boolean systemSeen;
        String eventId;
        String channel;
        String provider;
        String computer;
        String level;
        Instant created;
        Long recordId;
        private int unnamed;
        // one visitor object per step of the walk and event, not one per element walked; a class, not bound method
        // references: C1, the dump's only compiler, makes each bound method reference through a native call
        // (Unsafe.allocateInstance)
        final ElementView.Visitor onRoot = new Step(Step.ROOT);
        private final ElementView.Visitor onSection = new Step(Step.SECTION);
        private final ElementView.Visitor onSystem = new Step(Step.SYSTEM);
        private final ElementView.Visitor onEventData = new Step(Step.EVENT_DATA);
        private final ElementView.Visitor onLeaf = new Step(Step.LEAF);

        /** One step of the walk, as {@link ElementView#elements} calls it for each element. */
        private final class Step implements ElementView.Visitor {
            static final int ROOT = 0, SECTION = 1, SYSTEM = 2, EVENT_DATA = 3, LEAF = 4;
            private final int kind;

            Step(int kind) {
                this.kind = kind;
            }

            @Override
            public boolean element(BinXmlNode.Element e, SubstitutionValue[] values) {
                return switch (kind) {
                    case ROOT -> root(e, values);
                    case SECTION -> section(e, values);
                    case SYSTEM -> system(e, values);
                    case EVENT_DATA -> eventData(e, values);
                    default -> leaf(e, values);
                };
            }
        }

        Walk(FieldLayout[] fields, FieldLayout[] dataFields) {
            m = new FieldTableBuilder(fields, SYSTEM_FIELDS + DATA_FIELDS);
            data = new FieldTableBuilder(dataFields, DATA_FIELDS);
        }

        /** The event's element, the first of the fragment: its sections. */
        boolean root(BinXmlNode.Element event, SubstitutionValue[] values) {
            ElementView.elements(event.content(), values, onSection);
            return false;
        }

        boolean section(BinXmlNode.Element e, SubstitutionValue[] values) {
            switch (Role.of(e)) {
                case SYSTEM -> {
                    // only the first System holds the System fields; another is neither System nor data
                    if (!systemSeen) ElementView.elements(e.content(), values, onSystem);
                    systemSeen = true;
                }
                case RENDERING_INFO -> {
                }
                case EVENT_DATA -> {
                    unnamed = 0;
                    ElementView.elements(e.content(), values, onEventData);
                }
                default -> ElementView.elements(e.content(), values, onLeaf);
            }
            return true;
        }

        boolean system(BinXmlNode.Element e, SubstitutionValue[] values) {
            Role role = Role.of(e);
            switch (role) {
                case PROVIDER -> {
                    provider = ElementView.attribute(e, values, "Name");
                    if (provider != null) m.set("Provider", provider);
                    for (BinXmlNode.Attribute a : e.attributes()) {
                        String v = ElementView.attributeValue(a, values);
                        if (v == null) continue;
                        String name = PROVIDER_FIELDS.get(a.name());
                        m.set(name != null ? name : "Provider_" + a.name(), v);
                    }
                }
                case EVENT_ID -> {
                    eventId = eventId(ElementView.text(e, values), ElementView.attribute(e, values, "Qualifiers"), m);
                    m.set("EventID", eventId);
                }
                case TIME_CREATED -> {
                    String t = ElementView.attribute(e, values, "SystemTime");
                    if (t != null) {
                        m.set("TimeCreated", t);
                        created = IsoInstant.parse(t);
                    }
                }
                case UNPREFIXED_ATTRIBUTES -> attributes(e, values, false);
                default -> {
                    String text = ElementView.text(e, values);
                    if (!ElementView.hasChildElements(e, values)) m.set(e.name(), text);
                    attributes(e, values, true);
                    switch (role) {
                        case CHANNEL -> channel = text;
                        case COMPUTER -> computer = text;
                        case LEVEL -> level = text;
                        case RECORD_ID -> recordId = number(text);
                        default -> {
                        }
                    }
                }
            }
            return true;
        }

        /** The present attributes as fields, named {@code Element_attribute} when {@code prefixed}. */
        private void attributes(BinXmlNode.Element e, SubstitutionValue[] values, boolean prefixed) {
            for (BinXmlNode.Attribute a : e.attributes()) {
                String v = ElementView.attributeValue(a, values);
                if (v != null) m.set(prefixed ? e.name() + "_" + a.name() : a.name(), v);
            }
        }

        /** An element of EventData: Data by its Name (unnamed ones numbered), anything else as in other sections. */
        boolean eventData(BinXmlNode.Element e, SubstitutionValue[] values) {
            if (Role.of(e) != Role.DATA) return leaf(e, values);
            String name = ElementView.attribute(e, values, "Name");
            if (name == null || name.isEmpty()) name = "Data" + (++unnamed);
            data.join(name, ElementView.text(e, values));
            return true;
        }

        /** An element of a data section: a leaf by its name, else its leaves. */
        boolean leaf(BinXmlNode.Element e, SubstitutionValue[] values) {
            if (ElementView.hasChildElements(e, values)) ElementView.elements(e.content(), values, onLeaf);
            else data.join(e.name(), ElementView.text(e, values));
            return true;
        }
    }

    /**
     * What an element's name means to the walk, worked out once per template element rather than by a string switch
     * per element of every record (string switches were a few percent of a JSON dump under C1).
     */
    enum Role {
        OTHER, SYSTEM, RENDERING_INFO, EVENT_DATA, DATA, PROVIDER, EVENT_ID, TIME_CREATED, UNPREFIXED_ATTRIBUTES, CHANNEL,
        COMPUTER, LEVEL, RECORD_ID;

        static Role of(BinXmlNode.Element e) {
            Role r = e.fieldRole();
            if (r == null) e.fieldRole(r = of(e.name()));
            return r;
        }

        static Role of(String name) {
            return switch (name) {
                case "System" -> SYSTEM;
                case "RenderingInfo" -> RENDERING_INFO;
                case "EventData" -> EVENT_DATA;
                case "Data" -> DATA;
                case "Provider" -> PROVIDER;
                case "EventID" -> EVENT_ID;
                case "TimeCreated" -> TIME_CREATED;
                case "Correlation", "Execution", "Security" -> UNPREFIXED_ATTRIBUTES;
                case "Channel" -> CHANNEL;
                case "Computer" -> COMPUTER;
                case "Level" -> LEVEL;
                case "EventRecordID" -> RECORD_ID;
                default -> OTHER;
            };
        }
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
    private static String eventId(String written, String qualifiers, FieldTableBuilder m) {
        String text = written.strip();
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
}
