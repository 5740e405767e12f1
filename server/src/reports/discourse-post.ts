import { heading, paragraph, type Block } from './document.js';
import { fleetEvidence } from './evidence.js';
import { toMarkdown } from './markdown.js';
import {
  benefit,
  compatibility,
  dependencies,
  documentation,
  howToTest,
} from './proposal-sections.js';
import type { ReportData } from './report-data.js';
import { decisionText, headline } from './report-text.js';

// The same evidence as the Change page, as a post for Fedora's Discourse.

export function discoursePostBlocks(data: ReportData): Block[] {
  const { change, experiment } = data;
  return [
    heading(1, `Fleet evidence: ${experiment.title}`),
    paragraph(...headline(data)),
    paragraph(...decisionText(data)),
    paragraph(
      `Change: ${change.title}.`,
      ...(experiment.hypothesis ? [` Hypothesis: ${experiment.hypothesis}`] : []),
    ),
    ...fleetEvidence(data, 2),
    heading(2, 'Benefit'),
    ...benefit(data),
    heading(2, 'Upgrade/compatibility impact'),
    ...compatibility(data, 3),
    ...howToTest(data, 2),
    heading(2, 'Dependencies'),
    ...dependencies(data),
    heading(2, 'Data'),
    ...documentation(data),
  ];
}

export const renderDiscoursePost = (data: ReportData): string =>
  toMarkdown(discoursePostBlocks(data));
