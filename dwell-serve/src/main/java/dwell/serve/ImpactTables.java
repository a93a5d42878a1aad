package dwell.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dwell.casefile.QueryResult;
import dwell.report.Html;
import dwell.text.Json;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * An incident's impact (rows of the case's impact table: kind, mailbox, protocols, first, last, requests, bytes,
 * target, path, how) back in incidents.json's shape, and as the incident page's tables, one per kind.
 */
final class ImpactTables {
    /** Per kind: its incidents.json list, its heading, and its columns as (heading, impact column, JSON name). */
    private enum Kind {
        MAILBOX("mailbox", "mailboxes", "Mailboxes read", new String[][] {{"Mailbox", "mailbox", "mailbox"},
                {"Protocols", "protocols", "protocols"}, {"First", "first", "first"}, {"Last", "last", "last"},
                {"Requests", "requests", "requests"}, {"Bytes", "bytes", "bytes"}}),
        FORWARDING("forwarding", "forwarding", "Forwarding", new String[][] {{"Mailbox", "mailbox", "mailbox"},
                {"To", "target", "to"}, {"Time", "first", "time"}, {"How", "how", "how"}}),
        EXPORT("export", "exports", "Mailbox exports", new String[][] {{"Mailbox", "mailbox", "mailbox"},
                {"File", "path", "path"}, {"Time", "first", "time"}}),
        PERMISSION("permission", "permissions", "Permissions granted", new String[][] {{"Mailbox", "mailbox", "mailbox"},
                {"Grantee", "target", "grantee"}, {"Rights", "how", "rights"}, {"Time", "first", "time"}}),
        ADDRESS_BOOK("address_book", "address_book", "Address book downloads", new String[][] {{"Time", "first", "time"},
                {"Path", "path", "path"}}),
        STAGED("staged", "staged", "Staged files", new String[][] {{"File", "path", "path"}, {"Staged", "first", "time"},
                {"Downloaded", "last", "downloaded"}, {"How", "how", "how"}}),
        /** In incidents.json an object of bytes by protocol, not a list. */
        BYTES("bytes_to_actor", "bytes_to_actor", "Bytes sent to the actor", new String[][] {{"Protocol", "protocols", "protocol"},
                {"Bytes", "bytes", "bytes"}});

        final String row;
        final String list;
        final String heading;
        final String[][] columns;

        Kind(String row, String list, String heading, String[][] columns) {
            this.row = row;
            this.list = list;
            this.heading = heading;
            this.columns = columns;
        }
    }

    private ImpactTables() {
    }

    /** The impact object of incidents.json: a list per kind ({@code protocols} a list, counts numbers). */
    static ObjectNode json(QueryResult impact) {
        ObjectNode out = Json.object();
        ObjectNode bytes = Json.object();
        for (List<Object> r : impact.rows()) {
            if (Kind.BYTES.row.equals(r.get(0))) {
                bytes.set(String.valueOf(r.get(impact.columns().indexOf("protocols"))),
                        Json.MAPPER.valueToTree(r.get(impact.columns().indexOf("bytes"))));
            }
        }
        for (Kind k : Kind.values()) {
            if (k == Kind.BYTES) {
                out.set(k.list, bytes);
                continue;
            }
            ArrayNode list = out.putArray(k.list);
            for (List<Object> r : impact.rows()) {
                if (!k.row.equals(r.get(0))) continue;
                ObjectNode e = list.addObject();
                for (String[] c : k.columns) {
                    Object v = r.get(impact.columns().indexOf(c[1]));
                    if (c[1].equals("protocols")) {
                        ArrayNode p = e.putArray(c[2]);
                        if (v != null) for (String s : v.toString().split(", ")) p.add(s);
                    } else {
                        e.set(c[2], Json.MAPPER.valueToTree(v));
                    }
                }
            }
        }
        return out;
    }

    /** One table per kind the incident has, under its heading; nothing when the incident reached nothing known. */
    static void html(QueryResult impact, Writer out) throws IOException {
        out.write("<h2>Impact</h2>\n");
        boolean any = false;
        for (Kind k : Kind.values()) {
            List<List<Object>> rows = impact.rows().stream().filter(r -> k.row.equals(r.get(0))).toList();
            if (rows.isEmpty()) continue;
            any = true;
            out.write("<h3>" + k.heading + " (" + rows.size() + ")</h3>\n<table class=\"impact\" id=\"impact-" + k.list + "\"><tr>");
            for (String[] c : k.columns) out.write("<th>" + c[0] + "</th>");
            out.write("</tr>\n");
            for (List<Object> r : rows) {
                out.write("<tr>");
                for (String[] c : k.columns) {
                    Object v = r.get(impact.columns().indexOf(c[1]));
                    out.write("<td>" + Html.esc(v == null ? "" : v.toString()) + "</td>");
                }
                out.write("</tr>\n");
            }
            out.write("</table>\n");
        }
        if (!any) out.write("<p class=\"muted\">No mailbox access, forwarding, export, permission, address book download, staged file or bytes sent.</p>\n");
    }
}
