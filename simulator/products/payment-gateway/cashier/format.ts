// How DANA's cashier writes money and time for a person: Rupiah with a dot between thousands and no
// decimals when there are none (`Rp25.000`, `Rp1`: DANA's UAT scripts look for `Payment Rp1 to`).

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** An IDR amount in minor units as the cashier shows it: `Rp25.000`, `Rp1`, `Rp1.500,50`. */
export function rupiah(amountMinor: number): string {
  const magnitude = Math.abs(amountMinor);
  const whole = String(Math.floor(magnitude / 100)).replace(THOUSANDS, '.');
  const cents = magnitude % 100;
  return `${amountMinor < 0 ? '-' : ''}Rp${whole}${cents ? `,${String(cents).padStart(2, '0')}` : ''}`;
}

/** Time left as a countdown shows it: `29:59`, `1:05:00` past an hour, `0:00` once it is over. */
export function countdown(remainingMs: number): string {
  const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const [hours, minutes, rest] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const mmss = `${hours ? String(minutes).padStart(2, '0') : minutes}:${String(rest).padStart(2, '0')}`;
  return hours ? `${hours}:${mmss}` : mmss;
}
