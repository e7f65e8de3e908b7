// "Download CSV" beside a report's table: the table (reportCsv.ts) written by csv-stringify,
// which is loaded on the first click only, and handed to the browser as a file.
import { useState } from 'preact/hooks';
import { Button } from '../../components/Button.js';
import { showToast } from '../../state/toasts.js';
import { csvFileName, type CsvTable } from './reportCsv.js';

export function CsvDownloadButton(props: {
  /** What the file holds, for screen readers ("Download the agent report as CSV"). */
  label: string;
  range: { from: string; to: string };
  table: () => CsvTable;
}) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const { stringify } = await import('csv-stringify/browser/esm/sync');
      const table = props.table();
      const text = stringify(table.rows, { header: true, columns: table.columns });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = csvFileName(table, props.range);
      link.click();
      // Kept a while: a browser may read the file after the click has returned.
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
    } catch {
      showToast('The CSV could not be made; try again.', 'danger');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="sm" icon="download" busy={busy} aria-label={props.label} onClick={download}>
      CSV
    </Button>
  );
}
