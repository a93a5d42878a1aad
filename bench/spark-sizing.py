#!/usr/bin/env python3
"""Spark's sizing figures from bench/spark-sizing.sh's runs (issue 21): per run the process's wall and CPU, the tasks'
CPU (the hunt's job, the pivot's jobs), what the executor JVM spent beside its tasks (the 1-worker cluster), the bytes
the pivot's jobs sent to the driver and, per job of the pivot, the bytes it shuffled (written, and read locally or
remotely: Spark's task-end metrics in the event log); then per size the means and, from 1 GB to 2 GB, the CPU per GB
and the part that does not grow with the evidence.
Usage: bench/spark-sizing.py RESULTS_DIR [CLOCK_TICKS_PER_SECOND]
       bench/spark-sizing.py --check      (sums a small event log written here whose totals are known)"""
import glob, json, os, re, sys, tempfile


def events(path):
    files = sorted(glob.glob(os.path.join(path, "*"))) if os.path.isdir(path) else [path]
    for f in files:
        with open(f) as lines:
            for line in lines:
                yield json.loads(line)


def jobs(path):
    """Each job of an event log, in order: its description, stages run, tasks, executor CPU (s), result bytes (to the
    driver), shuffle bytes written and read."""
    out, stage_job = {}, {}
    for e in events(path):
        kind = e["Event"]
        if kind == "SparkListenerJobStart":
            j = out[e["Job ID"]] = {"id": e["Job ID"], "desc": e.get("Properties", {}).get("spark.job.description", ""),
                                    "stages": set(), "tasks": 0, "cpu": 0.0, "result": 0, "written": 0, "read": 0}
            for s in e["Stage IDs"]:
                stage_job[s] = j
        elif kind == "SparkListenerTaskEnd":
            j = stage_job.get(e["Stage ID"])
            if j is None:
                continue
            m = e.get("Task Metrics") or {}
            read = m.get("Shuffle Read Metrics", {})
            j["stages"].add(e["Stage ID"])
            j["tasks"] += 1
            j["cpu"] += m.get("Executor CPU Time", 0) / 1e9
            j["result"] += m.get("Result Size", 0)
            j["written"] += m.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
            j["read"] += read.get("Remote Bytes Read", 0) + read.get("Local Bytes Read", 0)
    return [out[k] for k in sorted(out)]


def call_sites(path):
    """The shuffle by the call site of the stage that wrote it (Spark's stage name, e.g. "mapToPair at
    ValueShuffle.java:49"): stages, records written, bytes written, in the order first seen."""
    names, out = {}, {}
    for e in events(path):
        if e["Event"] == "SparkListenerStageCompleted":
            names[e["Stage Info"]["Stage ID"]] = e["Stage Info"]["Stage Name"]
    for e in events(path):
        if e["Event"] != "SparkListenerTaskEnd":
            continue
        w = (e.get("Task Metrics") or {}).get("Shuffle Write Metrics", {})
        if not w.get("Shuffle Records Written"):
            continue
        site = out.setdefault(names.get(e["Stage ID"], "?"), {"stages": set(), "records": 0, "bytes": 0})
        site["stages"].add(e["Stage ID"])
        site["records"] += w["Shuffle Records Written"]
        site["bytes"] += w.get("Shuffle Bytes Written", 0)
    return out


def is_pivot(job):
    return "pivot" in job["desc"] or "impact" in job["desc"]


def total(js, key):
    return sum(j[key] for j in js)


def summary(run_dir, ticks):
    """One run's figures; None when it has not ended (its executor's CPU is written last) or left no event log."""
    if not os.path.exists(os.path.join(run_dir, "executor-ticks")):
        return None
    js = jobs(os.path.join(run_dir, "events"))
    if not js:
        return None
    wall, user, sys_ = map(float, open(os.path.join(run_dir, "time")).read().split()[-3:])
    pivot = [j for j in js if is_pivot(j)]
    executor = int(open(os.path.join(run_dir, "executor-ticks")).read()) / ticks
    return {"wall": wall, "process": user + sys_, "load": open(os.path.join(run_dir, "load")).read().strip(),
            "tasks": total(js, "cpu"), "hunt": js[0]["cpu"], "executor": executor,
            "pivot_jobs": len(pivot), "pivot_stages": sum(len(j["stages"]) for j in pivot), "pivot_cpu": total(pivot, "cpu"),
            "pivot_result": total(pivot, "result"), "result": total(js, "result"),
            "pivot_written": total(pivot, "written"), "pivot_read": total(pivot, "read"), "job_list": js}


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def report(results, ticks):
    runs = {}
    for d in sorted(glob.glob(os.path.join(results, "*-*-*"))):
        m = re.fullmatch(r"(\w+?)(\d*)-(\d+)-(\d+)", os.path.basename(d))
        if not m:
            continue
        s = summary(d, ticks)
        if s is None:
            print(f"{os.path.basename(d)}: not ended, or no event log")
            continue
        config, run, mb = m.group(1) + m.group(2), int(m.group(3)), int(m.group(4))
        ref = os.path.join(results, f"local1-1-{mb}", "out")
        same = all(open(os.path.join(ref, f), "rb").read() == open(os.path.join(d, "out", f), "rb").read()
                   for f in ("findings.jsonl", "incidents.json")) if os.path.isdir(os.path.join(d, "out")) else False
        s["same"] = same
        runs.setdefault((config, mb), []).append((run, s))
    print(f"{'run':<18}{'load':>6}{'wall':>8}{'process':>9}{'tasks':>8}{'hunt':>8}{'executor':>9}"
          f"{'pivot jobs/stages':>19}{'pivot cpu':>10}{'to driver':>11}{'pivot out':>11}{'shuffled w/r (KB)':>19}  outputs")
    for (config, mb), rs in sorted(runs.items()):
        for run, s in sorted(rs, key=lambda r: r[0]):
            print(f"{f'{config}-{run}-{mb}':<18}{s['load']:>6}{s['wall']:>7.1f}s{s['process']:>8.1f}s{s['tasks']:>7.1f}s"
                  f"{s['hunt']:>7.1f}s{s['executor']:>8.1f}s{s['pivot_jobs']:>12}/{s['pivot_stages']:<6}"
                  f"{s['pivot_cpu']:>9.2f}s{s['result'] / 1048576:>8.2f} MB{s['pivot_result'] / 1048576:>8.3f} MB"
                  f"{s['pivot_written'] / 1024:>10.1f}/{s['pivot_read'] / 1024:<8.1f}  {'identical' if s['same'] else 'DIFFERENT'}")
    print("\nper job of the shuffle joins (first run of each): tasks' CPU, shuffle written / read")
    for config in ("shuffle2", "shuffle4"):
        for mb in (1024, 2048):
            rs = sorted(runs.get((config, mb), []), key=lambda r: r[0])
            if not rs:
                continue
            print(f"  {config} at {mb} MB:")
            for j in rs[0][1]["job_list"]:
                if is_pivot(j):
                    print(f"    job {j['id']:>2} {len(j['stages'])} stages {j['cpu']:6.2f} s {j['written']:>9} B / {j['read']:>9} B  {j['desc'][7:]}")
    print("\nthe pivot's passes (broadcast rounds): each job's tasks' CPU (s), the runs' mean")
    for config in ("local1", "cluster1", "local2"):
        for mb in (1024, 2048):
            rs = [s for _, s in runs.get((config, mb), [])]
            if not rs:
                continue
            by_job = {}
            for s in rs:
                for j in s["job_list"]:
                    if is_pivot(j):
                        by_job.setdefault(j["desc"][7:], []).append(j["cpu"])
            print(f"  {config} at {mb} MB: " + "; ".join(f"{d.split(' for ')[0].replace(' (broadcast, summed by value)', '')}"
                                                     f" {mean(c):.2f}" for d, c in by_job.items()))
    print("\nthe shuffle by call site (first run of each): stages, records, bytes written, bytes per record")
    for config in ("shuffle2", "shuffle4"):
        for mb in (1024, 2048):
            d = os.path.join(results, f"{config}-1-{mb}", "events")
            if not os.path.isdir(d):
                continue
            print(f"  {config} at {mb} MB:")
            for name, c in call_sites(d).items():
                print(f"    {name:<40}{len(c['stages']):>3} stages {c['records']:>7} records {c['bytes']:>9} B"
                      f" {c['bytes'] / c['records']:>7.1f} B/record")
    print("\nper size, means (the tasks' CPU and the rest of the process; on the 1-worker cluster the driver's process"
          " and the executor JVM beside its tasks)")
    means = {}
    for (config, mb), rs in sorted(runs.items()):
        ss = [s for _, s in rs]
        means[(config, mb)] = {k: mean([s[k] for s in ss]) for k in ("wall", "process", "tasks", "hunt", "executor",
                                                                     "pivot_cpu", "pivot_result", "result", "pivot_written", "pivot_read")}
        m = means[(config, mb)]
        rest = m["process"] - m["tasks"] if config != "cluster1" else m["executor"] - m["tasks"]
        print(f"  {config:<9}{mb:>5} MB  {len(ss)} runs  wall {m['wall']:6.1f} s  process {m['process']:6.1f}  tasks {m['tasks']:6.1f}"
              f" (hunt {m['hunt']:5.1f}, pivot {m['pivot_cpu']:4.2f})  {'executor beside its tasks' if config == 'cluster1' else 'rest of the process'}"
              f" {rest:5.1f}  to the driver {m['result'] / 1048576:.2f} MB (pivot {m['pivot_result'] / 1048576:.3f})"
              f"  pivot shuffled {m['pivot_written'] / 1024:.1f} / {m['pivot_read'] / 1024:.1f} KB")
    print("\nfrom 1 GB to 2 GB (slope per GB; what is left at 0 GB)")
    for config in ("local1", "cluster1", "local2"):
        a, b = means.get((config, 1024)), means.get((config, 2048))
        if not a or not b:
            continue
        for key, label in (("tasks", "tasks"), ("hunt", "hunt's job"), ("pivot_cpu", "pivot's jobs"), ("process", "process"),
                           ("executor", "executor JVM")):
            if key == "executor" and config != "cluster1":
                continue
            slope = b[key] - a[key]
            print(f"  {config:<9}{label:<14}{slope:7.2f} CPU-s per GB, {a[key] - slope:7.2f} fixed")


def check():
    """Sums a two-job event log whose figures are known; exits non-zero when a sum differs."""
    def task(stage, cpu_ns, result, written, remote, local):
        return {"Event": "SparkListenerTaskEnd", "Stage ID": stage,
                "Task Metrics": {"Executor CPU Time": cpu_ns, "Result Size": result,
                                 "Shuffle Write Metrics": {"Shuffle Bytes Written": written},
                                 "Shuffle Read Metrics": {"Remote Bytes Read": remote, "Local Bytes Read": local}}}
    log = [{"Event": "SparkListenerJobStart", "Job ID": 0, "Stage IDs": [0], "Properties": {"spark.job.description": "dwell: hunt"}},
           task(0, 2_000_000_000, 100, 0, 0, 0), task(0, 1_000_000_000, 50, 0, 0, 0),
           {"Event": "SparkListenerJobStart", "Job ID": 1, "Stage IDs": [1, 2, 3],
            "Properties": {"spark.job.description": "dwell: pivot round 1, join of 3 values (shuffle join) for their events"}},
           task(1, 500_000_000, 10, 300, 0, 0), task(2, 250_000_000, 20, 40, 100, 200), task(2, 0, 0, 0, 7, 0),
           {"Event": "SparkListenerTaskEnd", "Stage ID": 9, "Task Metrics": {"Executor CPU Time": 9}},
           {"Event": "SparkListenerStageCompleted", "Stage Info": {"Stage ID": 1, "Stage Name": "mapToPair at A.java:1"}},
           {"Event": "SparkListenerStageCompleted", "Stage Info": {"Stage ID": 2, "Stage Name": "mapToPair at A.java:1"}}]
    for e in log:
        w = e.get("Task Metrics", {}).get("Shuffle Write Metrics")
        if w:
            w["Shuffle Records Written"] = w["Shuffle Bytes Written"] // 10
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "events"), "w") as f:
            f.write("\n".join(json.dumps(e) for e in log) + "\n")
        js = jobs(d)
        sites = {k: (len(v["stages"]), v["records"], v["bytes"]) for k, v in call_sites(d).items()}
    got = [(j["id"], j["tasks"], round(j["cpu"], 3), j["result"], j["written"], j["read"], len(j["stages"]), is_pivot(j)) for j in js]
    want = [(0, 2, 3.0, 150, 0, 0, 1, False), (1, 3, 0.75, 30, 340, 307, 2, True)]
    got.append(sites)
    want.append({"mapToPair at A.java:1": (2, 34, 340)})
    if got != want:
        print(f"self-check FAILED: {got} != {want}")
        sys.exit(1)
    print("self-check passed: 2 jobs, CPU, results and shuffle written/read summed per job, a task of no job left out,"
          " the shuffle written summed by call site")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        check()
    else:
        report(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 100.0)
