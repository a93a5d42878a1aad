"""Reference answers for IpAddressDifferentialTest, from Python's standard ipaddress module.

Reads lines "A <hex of UTF-8 text>" (an address) or "C <hex>" (a CIDR range) and prints one line each: the
canonical text, or "-" when the text is refused. Written in dwell's terms where dwell deliberately says more
than ipaddress does: an IPv4-mapped IPv6 address or range (prefix 96 and longer) is its IPv4 counterpart, and
a zone is dropped. dwell's own further rules (the prefix is one to three decimal digits, a mapped address
with a prefix under 96 names no range) are applied here as rules, not as answers.
"""
import ipaddress
import sys


def address(text):
    try:
        a = ipaddress.ip_address(text)
    except ValueError:
        return "-"
    if a.version == 6:
        if a.ipv4_mapped is not None:
            return str(a.ipv4_mapped)
        return str(ipaddress.IPv6Address(int(a)))
    return str(a)


def cidr(text):
    parts = text.split("/")
    if len(parts) != 2:
        return "-"
    base, prefix = parts
    if not (prefix.isascii() and prefix.isdigit() and 1 <= len(prefix) <= 3):
        return "-"
    try:
        written = ipaddress.ip_address(base)
        net = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return "-"
    if net.version == 4:
        return str(net)
    if written.ipv4_mapped is not None:
        if net.prefixlen < 96:
            return "-"
        return str(ipaddress.IPv4Network((int(written.ipv4_mapped), net.prefixlen - 96), strict=False))
    return str(ipaddress.IPv6Network((int(net.network_address), net.prefixlen)))


for line in open(sys.argv[1], encoding="ascii"):
    kind, _, data = line.rstrip("\n").partition(" ")
    text = bytes.fromhex(data).decode("utf-8")
    print(address(text) if kind == "A" else cidr(text))
