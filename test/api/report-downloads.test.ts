import { describe, expect, it } from '@jest/globals';
import { REPORT_FORMAT_DEFINITIONS } from '@fleetlab/shared';
import { REPORT_DOWNLOADS } from '../../client/src/lib/report-downloads.js';

// The dashboard keeps its own copy of the report formats (to keep shared/ out of its
// bundle); this holds it to the definitions the server serves.
describe("the dashboard's report downloads", () => {
  it('use the formats and extensions the server serves', () => {
    expect(REPORT_DOWNLOADS.map((d) => [d.format, d.extension])).toEqual(
      REPORT_FORMAT_DEFINITIONS.map((d) => [d.format, d.extension]),
    );
  });
});
