import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics for GET /metrics; one registry per app (tests run many apps in one process). */
export function createMetrics(defaults = false) {
  const registry = new Registry();
  if (defaults) collectDefaultMetrics({ register: registry, prefix: 'msa_' });
  const requests = new Counter({ name: 'msa_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const probes = new Counter({ name: 'msa_probes_total', help: 'Probes by outcome (ok, failed, refused, dns)', labelNames: ['outcome'] as const, registers: [registry] });
  const probeSeconds = new Histogram({
    name: 'msa_probe_duration_seconds',
    help: 'Probe duration in seconds',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30],
    registers: [registry],
  });
  const rateLimited = new Counter({ name: 'msa_rate_limit_refusals_total', help: 'Requests refused by a rate or concurrency limit', labelNames: ['limit'] as const, registers: [registry] });
  const storeErrors = new Counter({ name: 'msa_store_errors_total', help: 'Store (Redis) errors', registers: [registry] });
  const probeClientsGone = new Counter({ name: 'msa_probe_clients_gone_total', help: 'Streamed probes whose client left before the report (page closed, "Stoppen")', registers: [registry] });
  const validations = new Counter({ name: 'msa_validation_mails_total', help: 'Validation mails by outcome (sent, failed)', labelNames: ['outcome'] as const, registers: [registry] });
  return { registry, requests, probes, probeSeconds, probeClientsGone, rateLimited, storeErrors, validations };
}

export type Metrics = ReturnType<typeof createMetrics>;
