import { describe, expect, it } from '@jest/globals';
import { REPORT_FORMAT_DEFINITIONS } from '@fleetlab/shared';
import { REPORT_DOWNLOADS } from '../../client/src/lib/report-downloads.js';

// The dashboard builds its downloads from @fleetlab/shared/domain's definitions, the
// ones the server serves; this holds it to them through the dashboard's own list.
describe("the dashboard's report downloads", () => {
  it('use the formats and extensions the server serves', () => {
    expect(REPORT_DOWNLOADS.map((d) => [d.format, d.extension])).toEqual(
      REPORT_FORMAT_DEFINITIONS.map((d) => [d.format, d.extension]),
    );
  });
});
