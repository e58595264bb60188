// `dana-sim uat status` as text: one line per portal group, then every missing case (no cap: the
// point is to see what is left) with how to trigger it.

/** What `GET /uat/status` answers for one group (progress.ts GroupProgress; hints absent on older simulators). */
export interface GroupStatus {
  readonly group: string;
  readonly covered: number;
  readonly total: number;
  readonly missing: readonly string[];
  readonly missingHints?: readonly { readonly id: string; readonly hint: string }[];
}

export interface UatStatus {
  readonly merchantId: string;
  readonly partnerId: string;
  readonly runInProgress?: boolean;
  readonly groups: readonly GroupStatus[];
}

export function uatStatusText(status: UatStatus): string {
  const lines = [`merchant ${status.merchantId} (partner ${status.partnerId})`];
  if (status.runInProgress) lines.push('a `dana-sim uat` run is in progress on this merchant: its traffic is not counted');
  for (const group of status.groups) {
    lines.push(`${group.group}: ${group.covered} of ${group.total}`);
    // Older simulators answer without hints: the ids alone still say what is missing.
    const missing = group.missingHints ?? group.missing.map((id) => ({ id, hint: '' }));
    for (const { id, hint } of missing) lines.push(`  missing ${id}${hint ? `: ${hint}` : ''}`);
  }
  return lines.join('\n');
}
