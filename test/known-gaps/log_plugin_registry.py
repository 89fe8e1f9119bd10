"""Log-analytics plugins register themselves with a class decorator; the
runner instantiates the ones named in the config and gives each a thread."""
import math
import threading

PLUGINS = {}
CONFIG = {"enabled": ["geoip", "latency_anomaly"]}
N_RECORDS = 120_000          # synthetic access-log latencies (ms)
N_CLIENT_IPS = 40            # distinct client addresses to enrich


def plugin(name):
    def deco(cls):
        PLUGINS[name] = cls
        cls.plugin_name = name
        return cls
    return deco


@plugin("geoip")
class GeoIPEnricher:
    TABLE = {"10": "intranet", "52": "us-east", "34": "eu-west", "13": "ap-south"}

    def process(self, log, counters):
        regions = {}
        for ip in log["client_ips"]:  # ok: GIL001
            regions[ip] = self.TABLE.get(ip.split(".")[0], "unknown")
        counters["records"] += len(log["client_ips"])  # expect: GIL002
        log["regions"] = regions


@plugin("latency_anomaly")
class LatencyAnomalyScorer:
    def process(self, log, counters):
        xs = log["latencies"]
        n = len(xs)
        mean = math.fsum(xs) / n
        sq = 0.0
        flagged = 0
        for x in xs:  # expect: GIL001
            d = x - mean
            sq += d * d
            if d > 250.0:
                flagged += 1
        counters["records"] += n  # expect: GIL002
        log["anomalies"] = (flagged, math.sqrt(sq / n))


def run_enabled(log):
    counters = {"records": 0}
    threads = []
    for name in CONFIG["enabled"]:
        instance = PLUGINS[name]()
        threads.append(threading.Thread(target=instance.process, args=(log, counters)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counters


if __name__ == "__main__":
    log = {
        "latencies": [(i * 7919) % 997 * 0.8 for i in range(N_RECORDS)],
        "client_ips": [f"{(10, 52, 34, 13)[i % 4]}.0.{i}.1" for i in range(N_CLIENT_IPS)],
    }
    counters = run_enabled(log)
    print("records seen:", counters["records"])
    print("anomalies:", log["anomalies"][0], "stdev %.1f" % log["anomalies"][1])
    print("regions:", sorted(set(log["regions"].values())))
