package dwell.impact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an incident's actor reached through Exchange: the mailboxes it read (through which protocols, when, how
 * many requests and bytes), the forwarding it planted, the mailboxes it exported, the permissions it granted, the
 * address book it took, the files it staged, and the bytes its requests were answered with per protocol.
 * {@code summarised} counts the per-request pivot findings this impact stands for instead.
 */
public record Impact(List<MailboxRead> mailboxes, List<Forwarding> forwarding, List<Export> exports,
                     List<Permission> permissions, List<AddressBookRead> addressBook, List<Staged> staged,
                     Map<String, Long> bytesToActor, int summarised) {

    public static final Impact NONE = new Impact(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), 0);

    /** A mailbox the actor opened: protocols in name order, first and last request, requests and response bytes. */
    public record MailboxRead(String mailbox, List<String> protocols, Instant first, Instant last, long requests, long bytes) {
    }

    /** Mail of {@code mailbox} sent on to {@code to}: {@code how} is inbox-rule, mailbox-forwarding or transport-rule. */
    public record Forwarding(String mailbox, String to, Instant time, String how) {
    }

    /** A mailbox exported to a file. */
    public record Export(String mailbox, String path, Instant time) {
    }

    /** Access to {@code mailbox} ("*": every mailbox, as an unscoped impersonation role) granted to {@code grantee}. */
    public record Permission(String mailbox, String grantee, String rights, Instant time) {
    }

    /** An offline address book download (its URL path) or an address-list query (the cmdlet). */
    public record AddressBookRead(Instant time, String path) {
    }

    /**
     * A file staged for exfiltration, as first named: {@code how} is file (found on disk), export, command or
     * download; {@code downloaded} the first time the actor fetched it over HTTP (the web path it is served under), or null.
     */
    public record Staged(String path, Instant time, String how, Instant downloaded) {
    }

    public boolean isEmpty() {
        return mailboxes.isEmpty() && forwarding.isEmpty() && exports.isEmpty() && permissions.isEmpty()
                && addressBook.isEmpty() && staged.isEmpty();
    }

    /** One phrase for an incident line, e.g. "read 7 mailboxes, 1 forwarding rule, took the address book"; empty when none. */
    public String brief() {
        List<String> parts = new java.util.ArrayList<>();
        if (!mailboxes.isEmpty()) parts.add("read " + count(mailboxes.size(), "mailbox", "mailboxes"));
        if (!forwarding.isEmpty()) parts.add(count(forwarding.size(), "forwarding rule", "forwarding rules"));
        if (!exports.isEmpty()) parts.add("exported " + count(exports.size(), "mailbox", "mailboxes"));
        if (!permissions.isEmpty()) parts.add("granted " + count(permissions.size(), "mailbox permission", "mailbox permissions"));
        if (!addressBook.isEmpty()) parts.add("took the address book");
        if (!staged.isEmpty()) parts.add("staged " + count(staged.size(), "file", "files"));
        return String.join(", ", parts);
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    Impact withSummarised(int n) {
        return new Impact(mailboxes, forwarding, exports, permissions, addressBook, staged, bytesToActor, n);
    }
}
