import { useState } from 'react';
import { useLazyQuery } from '@apollo/client/react';
import { graphql } from '../../generated/index.js';
import { REPORT_DOWNLOADS, reportHref } from '../../lib/report-downloads.js';

const REPORT_FIGURES = graphql(`
  query ReportFigures($slug: String!, $window: WindowInput) {
    experimentReport(experimentSlug: $slug, format: MEDIAWIKI, window: $window) {
      figures {
        fileName
        caption
        downloadPath
      }
    }
  }
`);

/** The evidence for upstream: the Change page, a Discourse post, the data, in the window shown. */
export function ExportPanel({ slug, window }: { slug: string; window: { from: string } | null }) {
  const [copied, setCopied] = useState<string | null>(null);
  const [loadFigures, figures] = useLazyQuery(REPORT_FIGURES);
  const copyProposal = async () => {
    try {
      const response = await fetch(reportHref(slug, 'wiki', window));
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      await navigator.clipboard.writeText(await response.text());
      setCopied('The Change proposal text is on the clipboard: paste it into the wiki editor.');
    } catch (error) {
      setCopied(
        `Could not copy: ${error instanceof Error ? error.message : String(error)}. Download it instead.`,
      );
    }
  };
  return (
    <section className="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export the evidence</h2>
      <p className="small muted">
        {window ? `Samples from ${window.from.slice(0, 10)} on` : 'The whole experiment'}, as the
        results above. The same data gives the same files.
      </p>
      <ul className="downloads">
        {REPORT_DOWNLOADS.map((d) => (
          <li key={d.format}>
            <a href={reportHref(slug, d.extension, window)} download>
              {d.label}
            </a>{' '}
            <span className="muted small">
              ({d.kind}, .{d.extension})
            </span>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" onClick={() => void copyProposal()}>
          Copy the Change proposal text
        </button>{' '}
        <span aria-live="polite" className="small">
          {copied}
        </span>
      </p>
      <details
        onToggle={(e) => {
          if ((e.target as HTMLDetailsElement).open && !figures.called)
            void loadFigures({ variables: { slug, window } });
        }}
      >
        <summary>Figures to upload with the wiki page</summary>
        {figures.loading && <p className="small muted">Listing the figures…</p>}
        {figures.error && <p className="small error">{figures.error.message}</p>}
        <ul>
          {figures.data?.experimentReport.figures.map((f) => (
            <li key={f.fileName}>
              <a href={f.downloadPath} download={f.fileName}>
                {f.fileName}
              </a>{' '}
              <span className="small muted">{f.caption}</span>
            </li>
          ))}
        </ul>
        <p className="small muted">
          Upload each under the name shown: the page refers to them as{' '}
          <code>[[File:NAME.svg]]</code>.
        </p>
      </details>
    </section>
  );
}
