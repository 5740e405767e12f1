/** The baseline is always blue; treatments take the next colours (colour-blind safe). */
const TREATMENT_COLORS = ['#d55e00', '#009e73', '#cc79a7'];
export const BASELINE_COLOR = '#0072b2';

export function armColors(armKeys: string[], baselineKey: string): Record<string, string> {
  let next = 0;
  return Object.fromEntries(
    armKeys.map((key) => [
      key,
      key === baselineKey ? BASELINE_COLOR : TREATMENT_COLORS[next++ % TREATMENT_COLORS.length]!,
    ]),
  );
}
