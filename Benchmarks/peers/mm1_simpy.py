"""M/M/1 queue in SimPy (lambda=950/s, mu=1000/s), for comparison with sdw.

Prints one JSON line. events = 2 x customers arrived over the whole run
(one arrival + one service completion each), matching how sdw counts.
"""
import argparse
import json
import random
import time

import simpy

ARRIVAL_RATE = 950.0   # customers per second
SERVICE_RATE = 1000.0  # per second (mean service 1 ms)
WARMUP_S = 10.0


def customer(env, server, rng, stats):
    arrived_at = env.now
    with server.request() as request:
        yield request
        yield env.timeout(rng.expovariate(SERVICE_RATE))
    if arrived_at >= WARMUP_S:
        stats["latency_sum"] += env.now - arrived_at
        stats["measured"] += 1


def arrivals(env, server, rng, stats):
    while True:
        yield env.timeout(rng.expovariate(ARRIVAL_RATE))
        stats["arrived"] += 1
        env.process(customer(env, server, rng, stats))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=200.0,
                        help="simulated seconds (warm-up of 10 s included)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    stats = {"arrived": 0, "measured": 0, "latency_sum": 0.0}
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    env.process(arrivals(env, server, rng, stats))

    start = time.perf_counter()
    env.run(until=args.duration)
    wall_s = time.perf_counter() - start

    events = 2 * stats["arrived"]
    print(json.dumps({
        "tool": "simpy",
        "version": simpy.__version__,
        "duration_s": args.duration,
        "customers": stats["arrived"],
        "events": events,
        "wall_s": round(wall_s, 4),
        "events_per_s": round(events / wall_s, 1),
        "mean_latency_ms": round(1000.0 * stats["latency_sum"] / max(stats["measured"], 1), 4),
    }))


if __name__ == "__main__":
    main()
