package dwell.ioc.stix;

/** A lexical token of the STIX 2.1 patterning language, with its offset for error messages. */
record Token(Kind kind, String text, int offset) {
    /** Token kinds; keywords arrive as {@link #IDENT} and are told apart by the parser. */
    enum Kind {
        IDENT, STRING, INT, FLOAT, TIMESTAMP, HEX, BINARY, LBRACKET, RBRACKET, LPAREN, RPAREN, COLON, DOT, COMMA,
        EQ, NEQ, LT, LE, GT, GE, STAR, END
    }

    boolean is(String keyword) {
        return kind == Kind.IDENT && text.equals(keyword);
    }
}
