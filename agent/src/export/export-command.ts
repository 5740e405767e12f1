import fs from 'node:fs';
import { Command, Option } from 'commander';
import { REPORT_FORMATS, type ReportFormat } from '@fleetlab/shared';
import { downloadReport } from './download-report.js';

/** `--format mediawiki` and so on: the report formats in lower case. */
const FORMATS: Record<string, ReportFormat> = Object.fromEntries(
  REPORT_FORMATS.map((format) => [format.toLowerCase(), format]),
);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day =
  (name: string) =>
  (value: string): string => {
    if (!DAY.test(value))
      throw new Error(`${name} must be a day such as 2026-01-31, got "${value}"`);
    return value;
  };

/** `fleetlab-agent export`: an experiment's fleet evidence, from the server's report downloads. */
export function exportCommand(): Command {
  return new Command('export')
    .description(
      "download an experiment's fleet evidence: a Fedora Change page (mediawiki), a Discourse post (markdown), per-host data (csv) or a reproducibility bundle (json)",
    )
    .requiredOption('--server <url>', 'Fleetlab server, e.g. https://fleetlab.example.org')
    .requiredOption('--experiment <slug>', 'experiment slug')
    .addOption(
      new Option('--format <format>', 'what to export')
        .choices(Object.keys(FORMATS))
        .makeOptionMandatory(),
    )
    .option('--from <day>', 'first UTC day of the window (YYYY-MM-DD)', day('--from'))
    .option('--to <day>', 'last UTC day of the window (YYYY-MM-DD)', day('--to'))
    .option('-o, --output <file>', 'write it to this file instead of standard output')
    .addOption(
      new Option(
        '--token <token>',
        'your API token (flp_...), unless the server runs in local mode',
      ).env('FLEETLAB_TOKEN'),
    )
    .action(
      async (o: {
        server: string;
        experiment: string;
        format: string;
        from?: string;
        to?: string;
        output?: string;
        token?: string;
      }) => {
        const content = await downloadReport({
          server: o.server,
          experiment: o.experiment,
          format: FORMATS[o.format]!,
          from: o.from,
          to: o.to,
          token: o.token,
        });
        if (o.output) {
          fs.writeFileSync(o.output, content);
          console.log(`Wrote ${o.output} (${Buffer.byteLength(content)} bytes).`);
        } else {
          process.stdout.write(content);
        }
      },
    );
}
