#!/usr/bin/env python3
"""Writes IIS W3C logs for benchmarks: daily u_exYYMMDD.log files of about --file-mb MB each.

Fast: one day's lines are built once (varied clients, URLs, user agents, statuses, query strings, times),
and every other day is that buffer with its date replaced. Deterministic (fixed seed).
Usage: gen-w3c.py OUT_DIR TOTAL_MB [--file-mb 64]
"""
import argparse
import datetime as dt
import os
import random

FIELDS = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) "
          "sc-status sc-substatus sc-win32-status time-taken")
STEMS = ["/owa/", "/owa/auth/logon.aspx", "/EWS/Exchange.asmx", "/Microsoft-Server-ActiveSync/default.eas",
         "/mapi/emsmdb/", "/Autodiscover/Autodiscover.xml", "/ecp/", "/ecp/DDI/DDIService.svc/GetList",
         "/owa/auth/15.1.2106/themes/resources/owafont_vie.css", "/rpc/rpcproxy.dll", "/owa/healthcheck.htm",
         "/OAB/4d1e0b6c-5a3f-4a8e-9c2d-7b6e5f4a3c21/oab.xml"]
QUERIES = ["-", "Cmd=Sync&User=j.smith&DeviceId=ApplF17XK1Q2&DeviceType=iPhone",
           "&CorrelationID=<empty>;&cafeReqId=0d6b7a9e-6c1b-4b5e-9a11-2f3e4d5c6b7a;",
           "schema=MailboxService&msExchEcpCanary=aBcDeFgH1234567890kLmNoPqRsTuVwXyZ_0123456789abcdefghijklmn",
           "mailboxId=6a1f0d2e-9b7c-4e55-8d1a-000000000001@contoso.local&clientId=A1B2C3D4E5F6", "RPC_IN_DATA"]
AGENTS = ["Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/88.0.4324.190+Safari/537.36",
          "Microsoft+Office/16.0+(Windows+NT+10.0;+Microsoft+Outlook+16.0.4966;+Pro)", "Apple-iPhone11C8/1705.31",
          "AMProbe/Local/ClientAccess", "MapiHttpClient", "MSRPC", "ExchangeServicesClient/15.01.2106.002"]
USERS = ["-", "CONTOSO\\j.smith", "CONTOSO\\a.jones", "contoso\\m.garcia", "l.chen@contoso.local",
         "CONTOSO\\HealthMailbox8c9d1e2f3a4b4c5d9e8f7a6b5c4d3e2f"]
STATUS = [("200", "0", "0")] * 12 + [("302", "0", "0"), ("401", "1", "2148074254"), ("404", "0", "2"),
                                     ("500", "0", "0"), ("403", "4", "5")]


def day_body(rng, day, target):
    header = ("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: %s 00:00:00\r\n"
              "#Fields: %s\r\n" % (day, FIELDS))
    parts = [header]
    size = len(header)
    n = 0
    while size < target:
        secs = n * 86400 // (target // 215)
        status, sub, win32 = rng.choice(STATUS)
        line = "%s %02d:%02d:%02d 10.0.0.21 %s %s %s 443 %s 10.0.%d.%d %s - %s %s %s %d\r\n" % (
            day, secs // 3600 % 24, secs // 60 % 60, secs % 60, rng.choice(("GET", "POST")), rng.choice(STEMS),
            rng.choice(QUERIES), rng.choice(USERS), rng.randint(1, 9), rng.randint(1, 254), rng.choice(AGENTS),
            status, sub, win32, rng.randint(0, 4000))
        parts.append(line)
        size += len(line)
        n += 1
    return "".join(parts).encode("ascii")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("total_mb", type=int)
    ap.add_argument("--file-mb", type=int, default=64)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(1)
    first = dt.date(2020, 1, 1)
    template = day_body(rng, first.isoformat(), a.file_mb << 20)
    files = max(1, (a.total_mb + a.file_mb - 1) // a.file_mb)
    for i in range(files):
        day = first + dt.timedelta(days=i)
        path = os.path.join(a.out, "u_ex%s.log" % day.strftime("%y%m%d"))
        if os.path.exists(path) and os.path.getsize(path) == len(template):
            continue
        data = template if i == 0 else template.replace(first.isoformat().encode(), day.isoformat().encode())
        with open(path, "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
