import { heading, list, paragraph, paragraphs, type Block, type Inline } from './document.js';
import { fleetEvidence } from './evidence.js';
import { toMediaWiki } from './mediawiki.js';
import {
  benefit,
  changeCategory,
  compatibility,
  dependencies,
  documentation,
  howToTest,
} from './proposal-sections.js';
import type { ReportData } from './report-data.js';
import { decisionText, headline } from './report-text.js';

// A Fedora Change proposal page (the sections of the Change template, in order),
// with what the fleet measured filled in and the rest left for the owners.

const TO_WRITE: Inline = { emphasis: 'To be written by the change owners.' };
const BY_WRANGLER: Inline = { emphasis: 'Will be assigned by the Wrangler.' };

const placeholder = (...items: string[]): Block =>
  list(items.map((item): Inline[] => [`${item}: `, TO_WRITE]));

export function changeProposalBlocks(data: ReportData): Block[] {
  const { change, experiment } = data;
  return [
    heading(1, change.title),
    { kind: 'template', name: 'Change_Proposal_Banner' },
    heading(2, 'Summary'),
    ...paragraphs(change.description).slice(0, 1),
    paragraph(...headline(data)),
    paragraph(...decisionText(data)),
    heading(2, 'Owner'),
    placeholder('Name', 'Email'),
    heading(2, 'Current status'),
    // Both categories, as the Change process asks: the page is ready for the Wrangler,
    // and which kind of Change it is.
    { kind: 'category', name: 'ChangeReadyForWrangler' },
    { kind: 'category', name: changeCategory(data) },
    list([
      ['Targeted release: ', TO_WRITE],
      [
        `Fleetlab experiment ${experiment.slug}: ${experiment.status.toLowerCase()}` +
          (experiment.startedAt ? `, started ${experiment.startedAt.slice(0, 10)}` : '') +
          (experiment.concludedAt ? `, concluded ${experiment.concludedAt.slice(0, 10)}` : '') +
          '.',
      ],
      ['Announced: ', BY_WRANGLER],
      ['Discussion thread: ', BY_WRANGLER],
      ['FESCo issue: ', BY_WRANGLER],
      ['Tracker bug: ', BY_WRANGLER],
      ['Release notes tracker: ', BY_WRANGLER],
    ]),
    heading(2, 'Detailed Description'),
    ...paragraphs(change.description),
    ...(experiment.hypothesis
      ? [paragraph({ strong: 'Hypothesis tested on the fleet:' }, ` ${experiment.hypothesis}`)]
      : []),
    ...fleetEvidence(data, 3),
    heading(2, 'Feedback'),
    paragraph(TO_WRITE),
    heading(2, 'Benefit to Fedora'),
    ...benefit(data),
    heading(2, 'Scope'),
    placeholder(
      'Proposal owners',
      'Other developers',
      'Release engineering',
      'Policies and guidelines',
      'Trademark approval',
      'Alignment with the Fedora Strategy',
    ),
    heading(2, 'Upgrade/compatibility impact'),
    ...compatibility(data, 3),
    ...howToTest(data, 2),
    heading(2, 'User Experience'),
    paragraph(TO_WRITE),
    heading(2, 'Dependencies'),
    ...dependencies(data),
    heading(2, 'Contingency Plan'),
    placeholder('Contingency mechanism', 'Contingency deadline', 'Blocks release'),
    heading(2, 'Documentation'),
    ...documentation(data),
    heading(2, 'Release Notes'),
    paragraph(TO_WRITE),
  ];
}

export const renderChangeProposal = (data: ReportData): string =>
  toMediaWiki(changeProposalBlocks(data));
