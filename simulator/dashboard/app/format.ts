// How the dashboard shows money and time: rupiah with Indonesian grouping, the simulator clock in WIB
// (the control API already gives WIB timestamps; these only shorten them).

const RUPIAH = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "1234567.00" or minor units → "Rp1.234.567,00". */
export function rupiah(value: string | number, minor = false): string {
  const amount = typeof value === 'number' ? (minor ? value / 100 : value) : Number(value);
  return Number.isFinite(amount) ? `Rp${RUPIAH.format(amount)}` : String(value);
}

/** "2026-12-06T20:08:46.524+07:00" → "2026-12-06 20:08:46 WIB". */
export function wib(iso: string | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)/.exec(iso);
  return match ? `${match[1]} ${match[2]} WIB` : iso;
}

const WIB_OFFSET_MS = 7 * 3_600_000;

/** Epoch milliseconds (the outbox keeps attempt times as numbers) → "2026-12-06 20:08:46 WIB". */
export function wibAt(epochMs: number | undefined): string {
  if (epochMs === undefined) return '';
  return `${new Date(epochMs + WIB_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ')} WIB`;
}

export function pretty(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
