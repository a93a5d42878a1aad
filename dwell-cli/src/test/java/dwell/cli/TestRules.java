package dwell.cli;

/** Sigma rules for the end-to-end tests that generate their evidence. */
final class TestRules {
    /** Windows Security events whose command line holds "evil". */
    static final String EVIL_COMMAND = """
            title: Evil command line
            id: 6c1e7a52-0f1d-4d55-9d7b-1a3c2f0e9b02
            level: critical
            logsource: {product: windows, service: security}
            detection:
                sel:
                    CommandLine|contains: 'evil'
                condition: sel
            """;

    /** Web requests under /evil/. */
    static final String EVIL_REQUEST = """
            title: Evil request
            id: 6c1e7a52-0f1d-4d55-9d7b-1a3c2f0e9b01
            level: high
            logsource: {category: webserver}
            detection:
                sel:
                    cs-uri-stem|contains: '/evil/'
                condition: sel
            """;

    private TestRules() {
    }
}
