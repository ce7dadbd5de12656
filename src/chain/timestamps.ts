/** Prisma's folder timestamps: UTC `yyyymmddHHMMss`. */
export const utcStamp = (d: Date): string => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);

/** The timestamp one second later, for a folder that must sort right after another. */
export function addSecond(stamp: string): string {
  const d = new Date(
    Date.UTC(
      +stamp.slice(0, 4),
      +stamp.slice(4, 6) - 1,
      +stamp.slice(6, 8),
      +stamp.slice(8, 10),
      +stamp.slice(10, 12),
      +stamp.slice(12, 14) + 1,
    ),
  );
  return utcStamp(d);
}
