package dwell.hunt;

/** A typed value a finding reveals about the actor (ip, user-agent, path, file-name, account, sha256, domain, url...). */
public record Indicator(String type, String value) implements java.io.Serializable {
}
