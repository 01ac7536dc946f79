/**
 * @apollo/gateway sends usage metrics to Apollo and probes cloud metadata endpoints unless
 * APOLLO_TELEMETRY_DISABLED is set. A catalog of restricted research data sends nothing to a third
 * party unless its operator opts in by setting the variable to false. Must run before the query
 * planner is built, which reads the variable.
 */
export function optOutOfApolloTelemetry(env: Record<string, string | undefined> = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED ??= 'true';
}
