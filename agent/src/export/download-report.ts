import { reportPath, type ReportFormat } from '@fleetlab/shared';
import { ApiError, unreachable } from '@fleetlab/simulator';

export interface ReportRequest {
  server: string;
  experiment: string;
  format: ReportFormat;
  /** First and last UTC day of the window, YYYY-MM-DD; open when absent. */
  from?: string;
  to?: string;
  /** A person's API token (flp_...), needed unless the server runs in local mode. */
  token?: string;
}

/** GETs /reports/<slug>.<ext> from the server; throws ApiError with the server's message. */
export async function downloadReport(request: ReportRequest): Promise<string> {
  const url = new URL(reportPath(request.experiment, request.format), request.server);
  if (request.from) url.searchParams.set('from', request.from);
  if (request.to) url.searchParams.set('to', request.to);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: request.token ? { authorization: `Bearer ${request.token}` } : {},
    });
  } catch (error) {
    throw unreachable(url, error);
  }
  const body = await response.text();
  if (!response.ok) {
    let error: { message?: string; code?: string } = {};
    try {
      error = JSON.parse(body) as typeof error;
    } catch {
      // Not our JSON error body: a proxy's page, say.
    }
    throw new ApiError(
      error.message ?? `The server answered HTTP ${response.status} for ${url.pathname}`,
      error.code,
      response.status >= 500,
    );
  }
  return body;
}
