package dwell.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names written with spaces answer as Sigma rules write them (field-aliases.yaml, space_replacements). */
class FieldAliasesTest {
    private final FieldAliases aliases = FieldAliases.builtIn();

    @Test
    void aNameWithSpacesAnswersWithoutThemAndWithUnderscores() {
        assertEquals(List.of("ThreatName", "Threat_Name"), aliases.respellings("Threat Name"));
        assertEquals(List.of("SecurityintelligenceVersion", "Security_intelligence_Version"),
                aliases.respellings("Security intelligence Version"));
        // every space is replaced, doubled ones too, and nothing else changes
        assertEquals(List.of("ab.c", "a__b.c"), aliases.respellings("a  b.c"));
    }

    @Test
    void aNameWithoutSpacesHasNoOtherSpelling() {
        assertEquals(List.of(), aliases.respellings("ThreatName"));
        assertEquals(List.of(), aliases.respellings("cs(User-Agent)"));
        assertEquals(List.of(), aliases.respellings(""));
    }

    @Test
    void respelledFieldsNeverHideFieldsTheEventHas() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Threat Name", "Virus:DOS/EICAR_Test_File");
        fields.put("Source_Name", "as logged");
        fields.put("Source Name", "Real-Time Protection");
        fields.put("Path", "file:_C:\\x.exe");
        Map<String, String> r = aliases.respelled(fields, fields);
        assertEquals(Map.of("ThreatName", "Virus:DOS/EICAR_Test_File", "Threat_Name", "Virus:DOS/EICAR_Test_File",
                "SourceName", "Real-Time Protection"), r);
    }

    @Test
    void respelledWalksTheFieldsWithoutAnEntryPerField() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Threat Name", "EICAR");
        fields.put("Path", "c:\\x.exe");
        assertEquals(Map.of("ThreatName", "EICAR", "Threat_Name", "EICAR"), aliases.respelled(new ForEachOnly(fields), fields));
        assertSame(Map.of(), aliases.respelled(new ForEachOnly(Map.of("Path", "c:\\x.exe")), fields));
    }

    @Test
    void fieldsWithoutSpacesGiveTheSharedEmptyMap() {
        Map<String, String> fields = Map.of("EventID", "4688", "NewProcessName", "C:\\cmd.exe");
        assertSame(Map.of(), aliases.respelled(fields, fields));
    }
}
