/**
 * As Prisma reads PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK: any value but "" and "0" turns the lock
 * off (both databases).
 */
export const advisoryLockDisabled = (value = process.env.PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK): boolean =>
  value !== undefined && value !== '' && value !== '0';
