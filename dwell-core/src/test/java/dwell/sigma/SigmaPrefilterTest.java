package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The fast engine (rules specialized per event kind, field-bound literal prefilter) against the reference engine
 * (every rule of the event's logsource on every event), on values made to trip each shortcut: letters outside ASCII
 * that equal ASCII ones case-insensitively, non-ASCII literals, regexes, dispatch fields, keywords, negations.
 */
class SigmaPrefilterTest {
    private static final String[] DETECTIONS = {
        "sel:\n    CommandLine|contains: 'kerberos'\ncondition: sel",
        "sel:\n    CommandLine|startswith: 'isass'\ncondition: sel",
        "sel:\n    Image|endswith: '\\\\wsass.exe'\ncondition: sel",
        "sel:\n    Image: 'c:\\\\ss\\\\x.exe'\ncondition: sel",
        "sel:\n    CommandLine|contains:\n        - '\u00e9t\u00e9'\n        - '\ud83d\ude00'\ncondition: sel",
        "sel:\n    CommandLine|contains|cased: '\u212aelvin'\ncondition: sel",
        "sel:\n    CommandLine|re: '(?i)[Rr][Uu][Nn]dll32(?:\\.exe)? \\S+:'\ncondition: sel",
        "sel:\n    CommandLine|re: '\\w+`\\w+`'\ncondition: sel",
        "sel:\n    EventID: 4688\n    CommandLine|contains: 'whoami'\ncondition: sel",
        "sel:\n    EventID:\n        - 4624\n        - 4625\ncondition: sel",
        "sel:\n    Channel: 'Security'\n    Provider_Name|startswith: 'Microsoft-Windows-Security'\nfilter:\n    EventID: 4624\ncondition: sel and not filter",
        "sel:\n    EventID|gt: 4700\ncondition: sel",
        "sel:\n    EventID: 4688\nfilter:\n    Image|endswith: '.exe'\ncondition: sel and not filter",
        "keywords:\n    - 'mimikatz'\n    - '\u00fcber'\ncondition: keywords",
        "keywords:\n    '|all':\n        - 'sekurlsa'\n        - 'logon'\ncondition: keywords",
        "sel:\n    CommandLine|contains: '^^'\ncondition: sel",
        "sel:\n    Provider_Name: null\ncondition: sel",
        "sel:\n    CommandLine|contains: '\u2013enc'\ncondition: sel",
        "sel:\n    Image|contains: '\\\\EDR-Freeze'\n    Image|endswith: '.exe'\ncondition: sel",
        "sel:\n    CommandLine|re: '\\+.*\\+.*\\+'\ncondition: sel",
    };

    private static final String[][] EVENTS = {
        {"EventID", "4688", "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "CommandLine", "klist \u212aERBEROS tickets", "Image", "C:\\\u017fs\\x.exe"},
        {"EventID", "4688", "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "CommandLine", "\u0130SASS dump", "Image", "C:\\tools\\WSASS.EXE"},
        {"EventID", "4688", "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "CommandLine", "\u0131sass whoami", "Image", "c:\\ss\\x.exe"},
        {"EventID", "4688", "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "CommandLine", "r\u00c9sum\u00c9 \u00c9T\u00c9 \ud83d\ude00", "Image", "c:\\x.com"},
        {"EventID", "4624", "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "CommandLine", "\u212aelvin RUNDLL32.EXE c:\\a:b"},
        {"EventID", "4625", "Channel", "Security", "CommandLine", "IN`V`oke mimikatz"},
        {"EventID", "4702", "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "TargetUserName", "SEKURLSA::LOGONpasswords"},
        {"EventID", "4688", "Channel", "Security", "Provider_Name", "Other", "CommandLine", "cmd /c ^^ \u00dcBER", "Image", "C:\\Windows\\cmd.exe"},
        {"EventID", " 4688 ", "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "CommandLine", "whoami /all", "Image", "C:\\x"},
        {"Channel", "Security", "CommandLine", "kerberos"},
        {"EventID", "4688", "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "CommandLine", "powershell \u2013ENC a+b+c+", "Image", "C:\\x\\EDR-Freeze.exe"},
        {"EventID", "4688", "Channel", "Security", "Provider_Name", "Microsoft-Windows-Security-Auditing", "CommandLine", "powershell -enc a+b", "Image", "C:\\x\\EDR-Freeze.dll"},
    };

    private static RuleSet rules() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < DETECTIONS.length; i++) {
            if (i > 0) yaml.append("---\n");
            yaml.append(SigmaTesting.rule(DETECTIONS[i]).replace("id: test-1", "id: rule-" + i));
        }
        return new RuleLoader().loadText("rules.yml", yaml.toString());
    }

    /**
     * The engine remembers the last event's kind: events in runs of one kind, kinds alternating, and a kind that
     * differs only in a dispatch value's spaces or in a missing Provider_Name each meet their own kind's rules.
     */
    @Test
    void eachEventMeetsItsOwnKindsRulesWhateverTheOrder() {
        RuleSet set = rules();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < EVENTS.length; i++) order.addAll(List.of(i, i, i));
        for (int i = EVENTS.length - 1; i >= 0; i--) order.addAll(List.of(i, (i + 5) % EVENTS.length));
        SigmaEngine fast = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin(), true);
        SigmaEngine reference = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin(), false);
        for (int i : order) {
            Event e = SigmaTesting.event(EVENTS[i]);
            List<String> a = new ArrayList<>();
            List<String> b = new ArrayList<>();
            fast.match(e, (r, rule) -> a.add(rule.id()));
            reference.match(e, (r, rule) -> b.add(rule.id()));
            assertEquals(b, a, "event " + i);
        }
    }

    @Test
    void specializedAndPrefilteredEngineMatchesTheReferenceEngine() {
        RuleSet set = rules();
        assertEquals(List.of(), set.rejected());
        assertEquals(DETECTIONS.length, set.rules().size());
        SigmaEngine fast = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin(), true);
        SigmaEngine reference = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin(), false);
        Set<String> a = new TreeSet<>();
        Set<String> b = new TreeSet<>();
        // twice over: the second pass meets the kinds already compiled
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < EVENTS.length; i++) {
                Event e = SigmaTesting.event(EVENTS[i]);
                int n = i;
                fast.match(e, (r, rule) -> a.add(n + " " + rule.id()));
                reference.match(e, (r, rule) -> b.add(n + " " + rule.id()));
            }
        }
        assertEquals(b, a);
        // the values that need case folding outside ASCII do match (so the comparison above is not vacuous)
        List<String> expected = new ArrayList<>(List.of("0 rule-0", "0 rule-3", "1 rule-1", "1 rule-2", "3 rule-4", "4 rule-5",
                "4 rule-6", "4 rule-9", "5 rule-13", "5 rule-7", "6 rule-11", "6 rule-14", "7 rule-13", "7 rule-15", "9 rule-0",
                "10 rule-17", "10 rule-18", "10 rule-19"));
        // an ASCII part of a non-ASCII literal, the better of two literal sets, a regex's runs: candidates, not matches
        for (String x : List.of("11 rule-17", "11 rule-18", "11 rule-19")) assertTrue(!a.contains(x), x + " in " + a);
        for (String x : expected) assertTrue(a.contains(x), x + " in " + a);
    }

    /**
     * Kinds whose rules search one field for the same literals share one automaton; a kind with other literals has
     * its own; each kind still meets only its own rules.
     */
    @Test
    void kindsWithTheSameLiteralsShareTheirAutomaton() {
        String both = SigmaTesting.rule("sel:\n    CommandLine|contains: 'whoami'\ncondition: sel").replace("id: test-1", "id: both");
        String only = SigmaTesting.rule("sel:\n    EventID: 4689\n    CommandLine|contains: 'klist'\ncondition: sel").replace("id: test-1", "id: only");
        RuleSet set = new RuleLoader().loadText("rules.yml", both + "---\n" + only);
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        List<String> hits = new ArrayList<>();
        for (String id : new String[] {"4688", "4624"}) {
            engine.match(SigmaTesting.event("EventID", id, "Channel", "Security", "CommandLine", "whoami klist"), (i, r) -> hits.add(id + " " + r.id()));
        }
        assertEquals(List.of("4688 both", "4624 both"), hits);
        assertEquals(2, engine.kinds());
        assertEquals(1, engine.automata());
        engine.match(SigmaTesting.event("EventID", "4689", "Channel", "Security", "CommandLine", "whoami klist"), (i, r) -> hits.add("4689 " + r.id()));
        assertEquals(List.of("4688 both", "4624 both", "4689 both", "4689 only"), hits);
        assertEquals(3, engine.kinds());
        assertEquals(2, engine.automata());
    }

    /** Kinds whose rules search a field for the same literals, met in another order, still share one automaton. */
    @Test
    void kindsWithTheSameLiteralsInAnotherOrderShareTheirAutomaton() {
        String first = SigmaTesting.rule("sel:\n    EventID: 4688\n    CommandLine|contains: 'whoami'\ncondition: sel").replace("id: test-1", "id: first");
        String any = SigmaTesting.rule("sel:\n    CommandLine|contains: 'klist'\ncondition: sel").replace("id: test-1", "id: any");
        String last = SigmaTesting.rule("sel:\n    EventID: 4689\n    CommandLine|contains: 'whoami'\ncondition: sel").replace("id: test-1", "id: last");
        RuleSet set = new RuleLoader().loadText("rules.yml", first + "---\n" + any + "---\n" + last);
        SigmaEngine engine = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin());
        List<String> hits = new ArrayList<>();
        // 4688's rules give whoami then klist, 4689's klist then whoami
        for (String id : new String[] {"4688", "4689"}) {
            for (String line : new String[] {"whoami /all", "klist purge", "whoami; klist"}) {
                engine.match(SigmaTesting.event("EventID", id, "Channel", "Security", "CommandLine", line), (i, r) -> hits.add(id + " " + line + ": " + r.id()));
            }
        }
        assertEquals(List.of("4688 whoami /all: first", "4688 klist purge: any", "4688 whoami; klist: first", "4688 whoami; klist: any",
                "4689 whoami /all: last", "4689 klist purge: any", "4689 whoami; klist: any", "4689 whoami; klist: last"), hits);
        assertEquals(2, engine.kinds());
        assertEquals(1, engine.automata());
    }

    /**
     * The keyword pass lists an event's values first: more values than its first list holds, values shorter than
     * every keyword (skipped while no rule needs a non-ASCII character, as with the ASCII rule alone), one exactly
     * as long, a keyword in the last value; listed by a walk of the fields, or copied (as EVTX events give them,
     * a field without a value among them).
     */
    @Test
    void keywordsAreFoundInEveryValueOfALargeEvent() {
        String ascii = SigmaTesting.rule("keywords:\n    - 'mimikatz'\n    - 'sekurlsa'\ncondition: keywords").replace("id: test-1", "id: ascii");
        String wide = SigmaTesting.rule("keywords:\n    - '\u00fcber'\ncondition: keywords").replace("id: test-1", "id: wide");
        for (String yaml : new String[] {ascii, ascii + "---\n" + wide}) {
            RuleSet set = new RuleLoader().loadText("rules.yml", yaml);
            SigmaEngine fast = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin(), true);
            SigmaEngine reference = new SigmaEngine(set.rules(), set.filters(), LogsourceMapping.builtin(), false);
            boolean withWide = set.rules().size() == 2;
            String[][] cases = {{"MIMIKATZ", "ascii"}, {"mimikat", ""}, {"x", ""}, {"\u00dcBER", withWide ? "wide" : ""}, {"sekurlsa::x", "ascii"}};
            for (String[] c : cases) {
                List<String> kv = new ArrayList<>(List.of("EventID", "4688", "Channel", "Security"));
                for (int i = 0; i < 150; i++) kv.addAll(List.of("F" + i, i % 2 == 0 ? "ab" : "no keyword here"));
                kv.addAll(List.of("Last", c[0]));
                kv.addAll(4, java.util.Arrays.asList("Empty", null));
                Event walked = SigmaTesting.event(kv.toArray(String[]::new));
                for (Event e : List.of(walked, new CopiedValues(walked))) {
                    List<String> a = new ArrayList<>();
                    List<String> b = new ArrayList<>();
                    fast.match(e, (r, rule) -> a.add(rule.id()));
                    reference.match(e, (r, rule) -> b.add(rule.id()));
                    assertEquals(c[1].isEmpty() ? List.of() : List.of(c[1]), a, c[0]);
                    assertEquals(b, a, c[0]);
                }
            }
        }
    }

    /** An event that gives its values by copy ({@link Event#copyValues}), null ones too, as EVTX events do. */
    private record CopiedValues(Event event) implements Event {
        @Override
        public int copyValues(String[] into) {
            List<String> values = new ArrayList<>();
            event.forEachField((n, v) -> values.add(v));
            if (values.size() <= into.length) values.toArray(into);
            return values.size();
        }

        @Override public java.time.Instant time() { return event.time(); }
        @Override public dwell.event.FormatId format() { return event.format(); }
        @Override public dwell.event.LogSource logSource() { return event.logSource(); }
        @Override public String get(String field) { return event.get(field); }
        @Override public void forEachField(dwell.event.FieldVisitor visitor) { event.forEachField(visitor); }
        @Override public String raw() { return event.raw(); }
        @Override public dwell.event.Provenance provenance() { return event.provenance(); }
    }
}
