import Model
import Analysis

/// `sdw estimate`: the envelope calculation as a table of steps (label, formula with numbers, result) or JSON.
public enum EnvelopeReport {
    public static let jsonVersion = 1

    public static func text(_ inputs: EnvelopeInputs, steps: [EnvelopeStep]) -> String {
        var table = TextTable([("estimate", .left), ("formula", .left), ("result", .right)])
        for step in steps { table.add([step.label, step.formula, step.formatted]) }
        let assumptions = "peak factor \(Units.trim(inputs.peakFactor)) · retention \(Units.trim(inputs.retentionYears)) years"
            + " · \(Units.trim(inputs.replication)) cop\(inputs.replication == 1 ? "y" : "ies") of each byte"
            + " · hot set \(Units.formatPercent(inputs.hotFraction)) of a day's reads"
            + " · \(Units.formatCount(inputs.serverCapacityQPS)) req/s per server"
        return """
        Back-of-the-envelope estimate for \(Units.formatCount(inputs.dailyActiveUsers)) daily active users
        assumptions: \(assumptions)
        units: 1 day = 86,400 s · 1 KB = 1,000 bytes · storage is written payload only (no indexes or metadata)

        \(table.rendered())
        """
    }

    public static func json(_ inputs: EnvelopeInputs, steps: [EnvelopeStep]) -> JSONValue {
        .object([
            ("sdw_estimate", .int(jsonVersion)),
            ("inputs", .object([
                ("daily_active_users", .num(inputs.dailyActiveUsers)), ("reads_per_user", .num(inputs.readsPerUser)),
                ("writes_per_user", .num(inputs.writesPerUser)), ("write_payload_bytes", .num(inputs.writePayloadBytes)),
                ("read_payload_bytes", .num(inputs.readPayloadBytes)), ("peak_factor", .num(inputs.peakFactor)),
                ("retention_years", .num(inputs.retentionYears)), ("replication", .num(inputs.replication)),
                ("hot_fraction", .num(inputs.hotFraction)), ("server_capacity_qps", .num(inputs.serverCapacityQPS)),
            ])),
            ("steps", .array(steps.map { step in
                .object([("key", .string(step.key)), ("label", .string(step.label)), ("formula", .string(step.formula)),
                         ("value", .num(step.value)), ("unit", .string(step.unit.rawValue))])
            })),
        ])
    }
}
