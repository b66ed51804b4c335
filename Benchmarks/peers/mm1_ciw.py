"""M/M/1 queue in Ciw (lambda=950/s, mu=1000/s), for comparison with sdw.

Prints one JSON line. events = 2 x customers arrived over the whole run
(one arrival + one service completion each), matching how sdw counts.
"""
import argparse
import json
import time

import ciw

ARRIVAL_RATE = 950.0   # customers per second
SERVICE_RATE = 1000.0  # per second (mean service 1 ms)
WARMUP_S = 10.0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=float, default=200.0,
                        help="simulated seconds (warm-up of 10 s included)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=ARRIVAL_RATE)],
        service_distributions=[ciw.dists.Exponential(rate=SERVICE_RATE)],
        number_of_servers=[1],
    )
    ciw.seed(args.seed)
    simulation = ciw.Simulation(network)

    start = time.perf_counter()
    simulation.simulate_until_max_time(args.duration)
    wall_s = time.perf_counter() - start

    # Arrival node counts every customer spawned during the whole run.
    arrived = simulation.nodes[0].number_of_individuals
    sojourns = [r.exit_date - r.arrival_date
                for r in simulation.get_all_records(only=["service"])
                if r.arrival_date >= WARMUP_S]

    events = 2 * arrived
    print(json.dumps({
        "tool": "ciw",
        "version": ciw.__version__,
        "duration_s": args.duration,
        "customers": arrived,
        "events": events,
        "wall_s": round(wall_s, 4),
        "events_per_s": round(events / wall_s, 1),
        "mean_latency_ms": round(1000.0 * sum(sojourns) / max(len(sojourns), 1), 4),
    }))


if __name__ == "__main__":
    main()
